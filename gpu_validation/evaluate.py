"""Sample quality: the Fréchet distance between Gaussian fits of two feature sets (Heusel et al. 2017),
the Inception Score (Salimans et al. 2016), FID/IS of generated images through torch-fidelity's
Inception-v3 with weights from a local file the user names (never a download), and the evaluation at the
end of a training run (``evaluate_samples``: sample grid, Fréchet distance on pixels, FID/IS → eval.csv).

The weights file is checked once: before training (``check_fid_settings``), or on entry to ``fid_is`` /
``inception_features`` / ``reference_stats`` when they are called on their own.
torch-fidelity is an optional dependency (``pip install difftheory[gpu]``) imported only when FID/IS are
asked for; the distance and the score themselves are plain NumPy/SciPy and tested here."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from scipy import linalg


def feature_stats(features) -> tuple[np.ndarray, np.ndarray]:
    """Mean and (unbiased) covariance of an (N, F) feature array, N ≥ 2."""
    f = np.asarray(features, dtype=np.float64)
    if f.ndim != 2 or f.shape[0] < 2:
        raise ValueError(f"features must be an (N, F) array with N >= 2, got shape {f.shape}")
    return f.mean(0), np.cov(f, rowvar=False).reshape(f.shape[1], f.shape[1])


def frechet_distance(mu1, sigma1, mu2, sigma2) -> float:
    """d² = ‖μ₁ − μ₂‖² + tr(Σ₁ + Σ₂ − 2 (Σ₁Σ₂)^{1/2}), the squared 2-Wasserstein distance between
    N(μ₁, Σ₁) and N(μ₂, Σ₂) (Dowson & Landau 1982); FID when the features are Inception's."""
    mu1, mu2 = np.atleast_1d(mu1).astype(np.float64), np.atleast_1d(mu2).astype(np.float64)
    s1, s2 = np.atleast_2d(sigma1).astype(np.float64), np.atleast_2d(sigma2).astype(np.float64)
    if mu1.shape != mu2.shape or s1.shape != s2.shape or s1.shape != (mu1.size, mu1.size):
        raise ValueError(f"mean/covariance shapes disagree: {mu1.shape}, {mu2.shape}, {s1.shape}, {s2.shape}")
    # tr (Σ₁Σ₂)^{1/2} = tr (Σ₁^{1/2} Σ₂ Σ₁^{1/2})^{1/2}: symmetric PSD form, stable for singular Σ
    w, V = linalg.eigh((s1 + s1.T) / 2)
    r1 = (V * np.sqrt(np.clip(w, 0, None))) @ V.T
    ev = linalg.eigvalsh(r1 @ ((s2 + s2.T) / 2) @ r1)
    tr_covmean = np.sqrt(np.clip(ev, 0, None)).sum()
    d = float(((mu1 - mu2) ** 2).sum() + np.trace(s1) + np.trace(s2) - 2 * tr_covmean)
    return max(d, 0.0)


def frechet_distance_features(f1, f2) -> float:
    """Fréchet distance between the Gaussian fits of two (N, F) feature arrays."""
    return frechet_distance(*feature_stats(f1), *feature_stats(f2))


def inception_score(logits, splits: int = 10) -> tuple[float, float]:
    """IS = exp E_x KL(p(y|x) ‖ p(y)), mean and standard deviation over ``splits`` splits."""
    from scipy.special import log_softmax

    logp = log_softmax(np.asarray(logits, dtype=np.float64), axis=1)
    parts = np.array_split(logp, max(1, min(splits, logp.shape[0])))
    scores = []
    for lp in parts:
        log_marg = np.log(np.exp(lp).mean(0))
        scores.append(np.exp((np.exp(lp) * (lp - log_marg)).sum(1).mean()))
    return float(np.mean(scores)), float(np.std(scores))


def _to_uint8_rgb(images):
    """[−1, 1] images (N, C, H, W) → uint8 RGB (grey repeated), as torch-fidelity's Inception expects."""
    import torch

    x = images if images.dtype == torch.uint8 else ((images.float().clamp(-1, 1) + 1) * 127.5).round().to(torch.uint8)
    return x.repeat(1, 3, 1, 1) if x.shape[1] == 1 else x


def _batches(images, batch: int):
    """Slices of a tensor, or the items of an iterable of (N, C, H, W) tensors (streamed, never all in memory)."""
    if hasattr(images, "shape"):
        for i in range(0, images.shape[0], batch):
            yield images[i:i + batch]
    else:
        yield from images


def load_fid_weights(weights) -> dict:
    """The Inception-v3 state dict in the file ``weights``, read with ``torch.load(..., weights_only=True)``: tensors
    only, no pickled code runs. torch-fidelity reads the file itself with ``weights_only=False``
    (toshas/torch-fidelity, torch_fidelity/feature_extractor_inceptionv3.py, line 95 at commit 5e211a95; older
    releases call ``torch.load`` without it, which torch < 2.6 also unpickles fully), so it is only ever given a copy
    written here from these tensors (``inception_net``)."""
    import torch

    path = Path(weights)
    try:
        state = torch.load(path, map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 - a crafted pickle, a torn file, random bytes alike
        text = (str(exc).strip().splitlines() or [""])[0][:120]
        raise ValueError(f"fid_weights: {str(path)!r} cannot be read as plain weights (torch.load with "
                         f"weights_only=True refused it: {type(exc).__name__}: {text}); use torch-fidelity's "
                         "weights-inception-2015-12-05-6726825d.pth") from None
    if not isinstance(state, dict) or not state or not all(
            isinstance(k, str) and isinstance(v, torch.Tensor) for k, v in state.items()):
        raise ValueError(f"fid_weights: {str(path)!r} is not a state dict of tensors (Inception-v3 weights)")
    return state


def check_fid_weights(weights) -> Path:
    """``weights`` as the path of an existing local Inception-v3 weights file that loads safely (``load_fid_weights``):
    the one check of ``fid_weights``, used before training and by ``inception_features``."""
    if weights is None or not Path(weights).is_file():
        raise ValueError(f"fid_weights must name an existing local Inception-v3 weights file "
                         f"(weights-inception-2015-12-05-6726825d.pth); got {None if weights is None else str(weights)!r}")
    load_fid_weights(weights)
    return Path(weights)


def inception_net(weights, device="cpu"):
    """torch-fidelity's Inception-v3 (pool features, unbiased logits) with the weights of the local file ``weights``
    (checked by the caller, ``check_fid_weights``), handed to torch-fidelity as a private copy re-saved from the
    tensors that ``load_fid_weights`` read safely: the user's file itself is never unpickled."""
    import tempfile

    import torch

    state = load_fid_weights(weights)
    try:
        from torch_fidelity.feature_extractor_inceptionv3 import FeatureExtractorInceptionV3
    except ImportError as exc:
        raise ValueError(f"FID/IS need torch-fidelity (pip install 'difftheory[gpu]'): {exc}") from None
    with tempfile.TemporaryDirectory(prefix="difftheory-inception-") as tmp:
        copy = Path(tmp) / "inception-v3.pth"
        torch.save(state, copy)
        net = FeatureExtractorInceptionV3("inception-v3-compat", ["2048", "logits_unbiased"],
                                          feature_extractor_weights_path=str(copy))
    return net.to(device).eval()


def inception_features(images, weights: str | Path | None, device="cpu", batch: int = 100):
    """(pool features (N, 2048), logits (N, 1008)) of images ([−1, 1] floats or uint8; a tensor or an iterable
    of batches) by torch-fidelity's Inception-v3 loaded from the local ``weights`` file (``--fid-weights``:
    torch-fidelity's weights-inception-2015-12-05-6726825d.pth)."""
    return _features(images, inception_net(check_fid_weights(weights), device), device, batch)


def _features(images, net, device="cpu", batch: int = 100):
    import torch

    feats, logits = [], []
    with torch.no_grad():
        for chunk in _batches(images, batch):
            f, lg = net(_to_uint8_rgb(chunk).to(device))
            feats.append(f.double().cpu())
            logits.append(lg.double().cpu())
    return torch.cat(feats).numpy(), torch.cat(logits).numpy()


def fid_is(samples, reference, weights, device="cpu", checked: bool = False) -> dict:
    """FID of ``samples`` against ``reference`` (images as for ``inception_features``, or a path to an .npz
    with ``mu``, ``sigma`` from ``reference_stats``) and IS of ``samples`` (one Inception network for both;
    ``checked``: ``weights`` was checked already, before training)."""
    net = inception_net(weights if checked else check_fid_weights(weights), device)
    f, logits = _features(samples, net, device)
    if isinstance(reference, (str, Path)):
        with np.load(reference) as ref:
            mu_r, s_r = ref["mu"], ref["sigma"]
    else:
        mu_r, s_r = feature_stats(_features(reference, net, device)[0])
    is_mean, is_std = inception_score(logits)
    return {"fid": frechet_distance(*feature_stats(f), mu_r, s_r), "is": is_mean, "is_std": is_std}


def reference_stats(images, weights, path, device="cpu") -> Path:
    """Save the Inception (μ, Σ) of reference images to an .npz (computed once, reused by ``fid_is``)."""
    mu, sigma = feature_stats(inception_features(images, weights, device)[0])
    path = Path(path)
    np.savez(path, mu=mu, sigma=sigma)
    return path


def check_fid_settings(cfg, fid_weights, fid_reference) -> None:
    """Fail before training, not after it, when FID/IS were asked for (``fid_weights``) but cannot be computed:
    the one check of the weights file in a training run."""
    if fid_weights is None:
        return
    check_fid_weights(fid_weights)
    if cfg.space == "latent":
        raise ValueError(f"fid_weights: config {cfg.name!r} samples latents; decode samples/rank*.safetensors with "
                         "the VA-VAE tokenizer, compute FID/IS, and add them as columns fid, is of eval.csv")
    if fid_reference is None or not Path(fid_reference).exists():
        raise ValueError(f"fid_reference (an .npz of Inception mu/sigma, or an image folder) is required with "
                         f"fid_weights, got {None if fid_reference is None else str(fid_reference)!r}")
    if cfg.n_samples < 2:
        raise ValueError(f"n_samples must be >= 2 for FID/IS, got {cfg.n_samples}")
    import importlib.util

    if importlib.util.find_spec("torch_fidelity") is None:
        raise ValueError("fid_weights: FID/IS need torch-fidelity (pip install 'difftheory[gpu]')")


def evaluate_samples(cfg, shards, ds, out: Path, step: int, fid_weights=None, fid_reference=None, device="cpu"):
    """The end-of-run evaluation of the sample shards: samples.png (pixel space); the Fréchet distance on raw
    pixels against the training data ``ds`` (images of at most 4096 values); FID/IS when ``fid_weights`` is given
    (checked before training by ``check_fid_settings``; streamed over the shards); one row appended to eval.csv.
    Returns (the samples folder, {fd_pixels, fid, is} as computed)."""
    import torch
    from safetensors.torch import load_file

    from difftheory.gpu_validation.runfiles import append_eval, save_grid
    from difftheory.gpu_validation.sampling import from_storage, iter_samples, load_samples

    head = from_storage(load_file(str(shards[0]))["samples"][:100])
    n = sum(load_file(str(p))["index"].numel() for p in shards)
    if cfg.space == "pixel":
        save_grid(head, out / "samples.png")
    row = {"step": step, "ema": max(cfg.ema_decays), "n_samples": n, "fd_pixels": "", "fid": "", "is": ""}
    if head[0].numel() <= 4096 and len(ds) >= 2 and n >= 2:
        x = load_samples(shards)[0]
        ref = torch.stack([ds[i][0] for i in range(min(len(ds), 2000))]).flatten(1).numpy()
        row["fd_pixels"] = frechet_distance_features(x.flatten(1).numpy(), ref)
    if fid_weights is not None:
        ref = fid_reference
        if not str(fid_reference).endswith(".npz"):
            from difftheory.gpu_validation.datasets import ImageFolderDataset

            rds = ImageFolderDataset(fid_reference, cfg.image_size)
            ref = (x for x, _ in torch.utils.data.DataLoader(rds, batch_size=250, num_workers=cfg.num_workers))
        res = fid_is(iter_samples(shards), ref, fid_weights, device, checked=True)
        row["fid"], row["is"] = res["fid"], res["is"]
    append_eval(out, row)
    return out / "samples", {k: row[k] for k in ("fd_pixels", "fid", "is") if row[k] != ""}
