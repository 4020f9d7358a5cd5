"""What every trainer in the toolkit shares (linear model, MLP toys, GMM toys, the GPU stage): the divergence guard
and its exceptions, the learning-rate schedules, a dependency-free Adam, and the room a convergence rule keeps.

One guard: a training loss that is non-finite, or whose level has grown past ``limit`` times its start, stops the
run before the next update with a one-line message (``NonFiniteLoss`` / ``LossGrew``, both ``TrainingDiverged``).
Each trainer keeps its own limit (a named constant with its reason, next to the trainer) because what counts as
"grown" depends on how noisy its loss is."""

from __future__ import annotations

import math

import torch

# Converged with room to spare: a quantity's drift over the last 20 % of training (``decide.drift``) counts as settled
# against a bound only when it is ≤ bound / DRIFT_ROOM, never at the bound itself. 5 = the run's length over the drift
# window's (1 / 0.2): at that room the quantity, moving on at its final rate for as long again as the whole run, still
# stays within the bound; and a relaxation whose change shrinks by a factor r ≤ 5/6 per window has all its remaining
# change (drift · r / (1 − r)) within it too. Trainers that can go on (the k-Diff MLP toys) train until it holds, up
# to a cap; runs that keep a paper's fixed budget (the GMM toys of an appendix) are `open` where it does not hold.
DRIFT_ROOM = 5.0


class TrainingDiverged(RuntimeError):
    """Training stopped before applying an update because the loss diverged (the message is one line)."""


class NonFiniteLoss(TrainingDiverged):
    """The loss (or a sample) became NaN or ±inf."""


class LossGrew(TrainingDiverged):
    """The loss grew past the trainer's limit times its start."""


def check_loss(loss, start, limit: float, where: str, advice: str = "lower the learning rate",
               label=None) -> None:
    """Raise ``NonFiniteLoss`` if any entry of ``loss`` is non-finite, ``LossGrew`` if any ``loss / start`` exceeds
    ``limit`` (``start`` None: only the finiteness check). ``loss``/``start``: floats or tensors of one entry per
    model; ``where`` names the setting (and step) in the message, ``label`` (optional: entry index → text, called only
    on failure) the entry that failed (otherwise "(model j)" for more than one entry). Entries of ``start`` ≤ 0 are
    never "grown"."""
    loss = torch.as_tensor(loss, dtype=torch.float64).detach().reshape(-1).cpu()
    bad = torch.nonzero(~torch.isfinite(loss)).reshape(-1)
    if bad.numel():
        raise NonFiniteLoss(f"non-finite loss {float(loss[bad[0]])} {_at(where, bad[0], loss.numel(), label)}; {advice}")
    if start is None:
        return
    start = torch.as_tensor(start, dtype=torch.float64).detach().reshape(-1).cpu().expand_as(loss)
    ratio = torch.where(start > 0, loss / start.clamp_min(1e-300), torch.zeros_like(loss))
    j = int(torch.argmax(ratio))
    if float(ratio[j]) > limit:
        raise LossGrew(f"loss grew {float(ratio[j]):.3g}x over its start ({float(loss[j]):.4g} vs {float(start[j]):.4g}; "
                       f"limit {limit:g}x) {_at(where, j, loss.numel(), label)}; {advice}")


def _at(where: str, j, n: int, label=None) -> str:
    if label is not None:
        return f"{where} for {label(int(j))}"
    return where if n == 1 else f"{where} (model {int(j)})"


def cosine_lr(lr: float, step: int, steps: int, floor: float = 0.0) -> float:
    """lr · (floor + (1 − floor) · ½(1 + cos(π step/steps))): cosine decay from lr to floor·lr."""
    return lr * (floor + (1 - floor) * 0.5 * (1 + math.cos(math.pi * step / max(steps, 1))))


def warmup_constant_lr(lr: float, step: int, warmup: int) -> float:
    """Linear warm-up over ``warmup`` steps, then constant (the GPU recipes' schedule)."""
    return lr * min(1.0, (step + 1) / warmup) if warmup > 0 else lr


class Adam:
    """Adam (Kingma & Ba; the GPU recipes' optimizer) with PyTorch's update, operation for operation
    (``torch.optim.Adam``'s single-tensor path, no weight decay): written out because constructing a torch.optim
    optimizer imports torch._dynamo (≈1.3 CPU-s per process), more than a whole quick-scale linear sweep."""

    def __init__(self, params, betas=(0.9, 0.999), eps=1e-8):
        self.params = list(params)
        self.b1, self.b2 = betas
        self.eps = eps
        self.m = [torch.zeros_like(p) for p in self.params]
        self.v = [torch.zeros_like(p) for p in self.params]
        self.n = 0

    @torch.no_grad()
    def step(self, grads, lr: float):
        self.n += 1
        bc1 = 1 - self.b1**self.n
        bc2_sqrt = (1 - self.b2**self.n) ** 0.5
        for p, g, m, v in zip(self.params, grads, self.m, self.v):
            if g is None:
                continue
            m.lerp_(g, 1 - self.b1)
            v.mul_(self.b2).addcmul_(g, g, value=1 - self.b2)
            p.addcdiv_(m, (v.sqrt() / bc2_sqrt).add_(self.eps), value=-lr / bc1)
