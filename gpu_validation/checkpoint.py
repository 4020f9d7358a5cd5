"""Checkpoints of the k-Diff image pipeline: written atomically (``difftheory.io``: a crash never leaves a torn
file), read back with ``torch.load(..., weights_only=True)``; EMA weights exported as safetensors.

A checkpoint holds the objects of a run (model, optimizer, EMAs, step, the run's first loss) and its run spec,
the whole ``configs.Config`` as a dict. A resumed run must continue the stored one: ``check_resume`` refuses a
run spec that differs from the stored one in anything but the ``RESUME_FREE`` settings, naming the stored value."""

from __future__ import annotations

from pathlib import Path

import torch

from difftheory.io import atomic_path, to_jsonable


def save_checkpoint(path, state: dict) -> Path:
    """torch.save ``state`` (tensors, numbers, strings, lists, dicts) atomically to ``path``."""
    with atomic_path(Path(path)) as tmp:
        torch.save(state, tmp)
    return Path(path)


CHECKPOINT_KEYS = ("step", "model", "optimizer", "ema", "config")


def load_checkpoint(path, map_location="cpu") -> dict:
    """The state saved by ``save_checkpoint`` (weights-only unpickling). A missing, empty, truncated or
    corrupt file is a one-line ValueError naming ``resume`` and the path (never a traceback)."""
    path = Path(path)
    if not path.is_file():
        raise ValueError(f"resume needs a checkpoint, but {str(path)!r} does not exist")
    try:
        state = torch.load(path, map_location=map_location, weights_only=True)
    except Exception as exc:  # noqa: BLE001 - torn zip, random bytes, empty file, unpickling errors alike
        text = (str(exc).strip().splitlines() or [""])[0].split(". ")[0][:120]  # the first sentence only
        raise ValueError(f"resume: {str(path)!r} is not a readable checkpoint (empty, truncated or corrupt: "
                         f"{type(exc).__name__}: {text})") from None
    missing = [k for k in CHECKPOINT_KEYS if not isinstance(state, dict) or k not in state]
    if missing:
        raise ValueError(f"resume: {str(path)!r} is not a k-Diff training checkpoint (missing {', '.join(repr(k) for k in missing)})")
    for key, kind in CHECKPOINT_TYPES.items():
        value = state[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            raise ValueError(f"resume: {str(path)!r} is not a k-Diff training checkpoint ({key!r} is "
                             f"{type(value).__name__} {_shown(value)}, not {kind.__name__})")
    if state["step"] < 0:
        raise ValueError(f"resume: checkpoint {str(path)!r} holds step {state['step']}, not a step count (>= 0)")
    return state


CHECKPOINT_TYPES = {"step": int, "model": dict, "optimizer": dict, "ema": dict, "config": dict}


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_step(state: dict, path: Path, total_steps: int) -> int:
    """The checkpoint's step, which must lie in [0, the run's total steps] (a ValueError naming ``resume``)."""
    step = state["step"]
    if not 0 <= step <= total_steps:
        raise ValueError(f"resume: checkpoint {str(path)!r} holds step {step}, outside [0, {total_steps}] "
                         "(the run's total steps); resume from its own checkpoint or train into a new out folder")
    return step


def save_weights(path, module: torch.nn.Module) -> Path:
    """A module's weights as safetensors, atomically (for evaluation and sharing)."""
    from safetensors.torch import save_file

    with atomic_path(Path(path)) as tmp:
        save_file({k: v.detach().contiguous().cpu() for k, v in module.state_dict().items()}, str(tmp))
    return Path(path)


def load_weights(path, module: torch.nn.Module) -> torch.nn.Module:
    from safetensors.torch import load_file

    module.load_state_dict(load_file(str(path)))
    return module


# Settings a resumed run may change: they affect logging, checkpoint cadence and end-of-run sampling only.
RESUME_FREE = ("n_samples", "sample_steps", "solver", "cfg_scale", "cfg_interval", "log_every", "ckpt_every",
               "num_workers", "cpu_threads")


def stored_run_spec(state: dict) -> dict:
    """The run spec (``Config.to_dict()``) a checkpoint was trained with. Checkpoints written before the spec held
    the target and seed kept them beside it (``k_mode``, ``k_init``, ``n_bins``, ``seed``); they are read from there."""
    spec = dict(state["config"])
    if "target" not in spec:
        model = state.get("model", {})
        k_mode, k, n_bins = state.get("k_mode"), state.get("k_init"), state.get("n_bins")
        if k is None and k_mode == "fixed" and "target.k_fixed" in model:  # before k_init was saved
            k = float(model["target.k_fixed"])
        if n_bins is None and k_mode == "binned" and "target.w_k" in model:
            n_bins = int(model["target.w_k"].shape[0]) - 1
        spec["target"] = {"k_mode": k_mode, "k": k, "n_bins": n_bins}
    spec.setdefault("seed", state.get("seed"))
    return spec


def check_resume(state: dict, path: Path, cfg) -> None:
    """Refuse to resume ``state`` (read from ``path``) under another run spec ``cfg`` than it was trained with:
    the ValueError names the setting (``cfg``, ``k_mode``, ``seed``, ``k``, ``n_bins``, ``cfg.<field>``), the value
    given and the value stored. The ``RESUME_FREE`` settings may differ; the bins count only for binned k(t)."""
    where = f"the value stored in checkpoint {str(path)!r}"
    old, new = to_jsonable(stored_run_spec(state)), to_jsonable(cfg.to_dict())
    if old.get("name") != cfg.name:
        raise ValueError(f"cfg {cfg.name!r} differs from {where} ({old.get('name')!r}); resume with the "
                         "stored value or train into a new out folder")
    stored_target, given_target = old.pop("target") or {}, new.pop("target")
    if not isinstance(stored_target, dict):
        raise ValueError(f"resume: checkpoint {str(path)!r} is not a k-Diff training checkpoint (its config's target is "
                         f"{type(stored_target).__name__} {_shown(stored_target)}, not dict)")
    stored = {"k_mode": stored_target.get("k_mode"), "seed": old.pop("seed"), "k": stored_target.get("k"),
              "n_bins": stored_target.get("n_bins")}
    given = {"k_mode": given_target["k_mode"], "seed": new.pop("seed"), "k": given_target["k"],
             "n_bins": given_target["n_bins"]}
    if given["k_mode"] != "binned" or stored["k_mode"] != "binned":
        stored.pop("n_bins")  # the bins matter only for k(t)
    for name, value in stored.items():
        if value is not None and value != given[name]:
            raise ValueError(f"{name} {given[name]!r} differs from {where} ({value!r}): a resumed run continues the "
                             "stored run; resume with the stored value or train into a new out folder")
    for name in sorted(set(old) | set(new)):
        if name not in RESUME_FREE and old.get(name) != new.get(name):
            raise ValueError(f"cfg.{name} {new.get(name)!r} differs from {where} ({old.get(name)!r}); resume with "
                             "the stored settings or train into a new out folder")


def restore(state: dict, path: Path, cfg, model, emas: dict, optimizer) -> tuple[int, float | None]:
    """Load a checked checkpoint ``state`` into the model, EMAs and optimizer; (step, the run's first loss).
    A state that does not fit the model is a one-line ValueError naming ``resume``."""
    try:
        model.load_state_dict(state["model"])
        for d, ema in emas.items():
            ema.load_state_dict(state["ema"][repr(d)])
        optimizer.load_state_dict(state["optimizer"])
        step = int(state["step"])
    except (KeyError, RuntimeError, ValueError, TypeError) as exc:
        text = (str(exc).strip().splitlines() or [type(exc).__name__])[0]
        raise ValueError(f"resume: checkpoint {str(path)!r} does not fit config {cfg.name!r} "
                         f"({type(exc).__name__}: {text[:200]})") from None
    return step, state.get("loss_start")
