"""Empirical neural tangent kernel Θ(a, b) = J(a) J(b)ᵀ of erd Eq. (2)/(14), for the MLPs of ``erd_model``.

Three paths that must agree:
- ``ntk_structured``: per dense layer W (fan_in × fan_out) with input h and backprop signal Δ_o = ∂f_o/∂(pre-activation),
  ∂f_o/∂W = h ⊗ Δ_o and ∂f_o/∂b = Δ_o, so the layer adds (Δ_o(a)·Δ_o'(b)) (h(a)·h(b) + 1). No parameter-sized
  Jacobian is ever built: cost n² · width per layer.
- ``ntk_jacrev``: per-sample Jacobians with ``torch.func.jacrev`` + ``vmap``, then J Jᵀ.
- ``ntk_vp`` / ``top_eigenvalues``: matrix-free Θ·v = J (Jᵀ v) with ``torch.func.vjp``/``jvp`` and Lanczos
  (``scipy.sparse.linalg.eigsh``).
Full blocks are (n·O, n·O) with index (sample, output); the output-traced kernel is Σ_o Θ_oo (n, n).
Inputs: x (n, 2) and t (n,) as the model takes them (erd App. F: t = 0 data)."""

from __future__ import annotations

import numpy as np
import torch
from scipy.sparse.linalg import LinearOperator, eigsh
from torch.func import jacrev, jvp, vjp, vmap

from difftheory.toy.erd_model import mlp_forward, time_embedding
from difftheory.validate import check_choice, check_int

KINDS = ("full", "trace")


def _silu_grad(p: torch.Tensor) -> torch.Tensor:
    s = torch.sigmoid(p)
    return s * (1 + p * (1 - s))


def layer_signals(params, x: torch.Tensor, t: torch.Tensor):
    """Per dense layer: its input h (n, fan_in) and backprop signals Δ (n, O, fan_out) = ∂f_o/∂(pre-activation)."""
    h = torch.cat([x, time_embedding(t)], dim=-1)
    inputs, pre = [], []
    for W, b in params[:-1]:
        inputs.append(h)
        p = h @ W + b
        pre.append(p)
        h = torch.nn.functional.silu(p)
    inputs.append(h)
    W_out = params[-1][0]
    n, O = x.shape[0], W_out.shape[1]
    delta = torch.eye(O, dtype=x.dtype).expand(n, O, O)  # head: ∂f_o/∂(head pre-activation)
    deltas = [delta]
    for (W_next, _), p in zip(reversed(params[1:]), reversed(pre)):
        delta = (delta @ W_next.T) * _silu_grad(p)[:, None, :]
        deltas.append(delta)
    return inputs, deltas[::-1]


def ntk_structured(params, x, t, x2=None, t2=None, kind: str = "full") -> torch.Tensor:
    """Θ by the per-layer formula (Δ Δᵀ) ⊙ (h hᵀ + 1). ``kind`` full → (n·O, m·O); trace → (n, m)."""
    check_choice("kind", kind, KINDS)
    h1, d1 = layer_signals(params, x, t)
    h2, d2 = (h1, d1) if x2 is None else layer_signals(params, x2, t2)
    K = 0
    for a1, D1, a2, D2 in zip(h1, d1, h2, d2):
        hh = a1 @ a2.T + 1  # (n, m)
        if kind == "trace":
            K = K + torch.einsum("iok,jok->ij", D1, D2) * hh
        else:
            K = K + torch.einsum("iok,jpk->iojp", D1, D2) * hh[:, None, :, None]
    if kind == "full":
        n, O = D1.shape[:2]
        K = K.reshape(n * O, -1)
    return K


def _flat_fn(params):
    """Parameters as one flat vector and f(flat, x, t) of a single input."""
    shapes = [p.shape for pair in params for p in pair]
    flat = torch.cat([p.reshape(-1) for pair in params for p in pair])

    def unflatten(v):
        out, i = [], 0
        for s in shapes:
            k = int(np.prod(s))
            out.append(v[i:i + k].reshape(s))
            i += k
        return [(out[j], out[j + 1]) for j in range(0, len(out), 2)]

    def f(v, x, t):
        return mlp_forward(unflatten(v), x[None], t[None])[0]

    return flat, f


def jacobian(params, x, t) -> torch.Tensor:
    """Per-sample Jacobians ∂f/∂θ (n, O, P) via torch.func.jacrev + vmap."""
    flat, f = _flat_fn(params)
    return vmap(jacrev(f), in_dims=(None, 0, 0))(flat, x, t)


def ntk_jacrev(params, x, t, kind: str = "full") -> torch.Tensor:
    check_choice("kind", kind, KINDS)
    J = jacobian(params, x, t)
    if kind == "trace":
        return torch.einsum("iop,jop->ij", J, J)
    n, O, P = J.shape
    J = J.reshape(n * O, P)
    return J @ J.T


def ntk_naive(params, x, t, kind: str = "full") -> torch.Tensor:
    """Reference: one autograd call per (sample, output)."""
    check_choice("kind", kind, KINDS)
    leaves = [p.detach().clone().requires_grad_() for pair in params for p in pair]
    ps = [(leaves[j], leaves[j + 1]) for j in range(0, len(leaves), 2)]
    rows = []
    for i in range(x.shape[0]):
        out = mlp_forward(ps, x[i:i + 1], t[i:i + 1])[0]
        for o in range(out.shape[0]):
            g = torch.autograd.grad(out[o], leaves, retain_graph=True)
            rows.append(torch.cat([gi.reshape(-1) for gi in g]))
    G = torch.stack(rows)
    K = G @ G.T
    if kind == "trace":
        n, O = x.shape[0], K.shape[0] // x.shape[0]
        K = K.reshape(n, O, n, O).diagonal(dim1=1, dim2=3).sum(-1)
    return K


def ntk_vp(params, x, t, v: torch.Tensor) -> torch.Tensor:
    """Θ·v for v of shape (n, O) (or flat n·O): J (Jᵀ v) with vjp then jvp — no kernel, no Jacobian."""
    flat, f = _flat_fn(params)
    n = x.shape[0]

    def batched(p):
        return vmap(f, in_dims=(None, 0, 0))(p, x, t)

    out, pullback = vjp(batched, flat)
    v = v.reshape(out.shape).to(out.dtype)
    (jt_v,) = pullback(v)
    _, kv = jvp(batched, (flat,), (jt_v,))
    return kv.reshape(n, -1)


def top_eigenvalues(params, x, t, k: int = 3, tol: float = 1e-8) -> np.ndarray:
    """The k largest eigenvalues of the full block Θ (n·O × n·O), matrix-free by Lanczos (scipy eigsh)."""
    n = x.shape[0]
    O = params[-1][0].shape[1]
    k = check_int("k", k, 1, n * O - 1)
    dtype = x.dtype

    def mv(vec):
        v = torch.as_tensor(np.asarray(vec).reshape(n, O), dtype=dtype)
        return ntk_vp(params, x, t, v).reshape(-1).detach().double().numpy()

    op = LinearOperator((n * O, n * O), matvec=mv, dtype=np.float64)
    v0 = np.ones(n * O) / np.sqrt(n * O)  # fixed start vector: ARPACK's default is random, so runs would differ
    vals = eigsh(op, k=k, which="LA", tol=tol, v0=v0, return_eigenvectors=False)
    return np.sort(vals)[::-1]


def eigenvalues(K: torch.Tensor) -> np.ndarray:
    """Eigenvalues of a symmetric PSD kernel matrix, descending, negatives from round-off clipped to 0."""
    K = K.detach().double()
    vals = torch.linalg.eigvalsh(0.5 * (K + K.T)).numpy()[::-1]
    return np.clip(vals, 0.0, None)


def effective_rank(vals) -> float:
    """Shannon effective rank exp(H(p)), p = λ / Σλ  # erd App. F.4 ("effective rank based on Shannon entropy")"""
    v = np.clip(np.asarray(vals, float), 0.0, None)
    if not np.all(np.isfinite(v)) or v.sum() <= 0:
        raise ValueError("eigenvalues must be finite with a positive sum")
    p = v / v.sum()
    p = p[p > 0]
    return float(np.exp(-(p * np.log(p)).sum()))


def normalized_gram(K: torch.Tensor) -> torch.Tensor:
    """K_ij / sqrt(K_ii K_jj) (cosine similarity of the gradients)  # erd Fig. 12"""
    d = torch.sqrt(torch.clamp(torch.diagonal(K), min=1e-300))
    return K / d[:, None] / d[None, :]
