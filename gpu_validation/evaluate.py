"""Sample quality: the Fréchet distance between Gaussian fits of two feature sets (Heusel et al. 2017),
the Inception Score (Salimans et al. 2016), and FID/IS of generated images through torch-fidelity's
Inception-v3 with weights from a local file the user names (never a download).

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


def check_fid_weights(weights) -> Path:
    """``weights`` as the path of an existing local Inception-v3 weights file (the one check of ``fid_weights``,
    used before training and by ``inception_features``)."""
    if weights is None or not Path(weights).is_file():
        raise ValueError(f"fid_weights must name an existing local Inception-v3 weights file "
                         f"(weights-inception-2015-12-05-6726825d.pth); got {None if weights is None else str(weights)!r}")
    return Path(weights)


def inception_features(images, weights: str | Path | None, device="cpu", batch: int = 100):
    """(pool features (N, 2048), logits (N, 1008)) of images ([−1, 1] floats or uint8; a tensor or an iterable
    of batches) by torch-fidelity's Inception-v3 loaded from the local ``weights`` file (``--fid-weights``:
    torch-fidelity's weights-inception-2015-12-05-6726825d.pth)."""
    import torch

    check_fid_weights(weights)
    try:
        from torch_fidelity.feature_extractor_inceptionv3 import FeatureExtractorInceptionV3
    except ImportError as exc:
        raise ValueError(f"FID/IS need torch-fidelity (pip install 'difftheory[gpu]'): {exc}") from None
    net = FeatureExtractorInceptionV3("inception-v3-compat", ["2048", "logits_unbiased"],
                                      feature_extractor_weights_path=str(weights)).to(device).eval()
    feats, logits = [], []
    with torch.no_grad():
        for chunk in _batches(images, batch):
            f, lg = net(_to_uint8_rgb(chunk).to(device))
            feats.append(f.double().cpu())
            logits.append(lg.double().cpu())
    return torch.cat(feats).numpy(), torch.cat(logits).numpy()


def fid_is(samples, reference, weights, device="cpu") -> dict:
    """FID of ``samples`` against ``reference`` (images as for ``inception_features``, or a path to an .npz
    with ``mu``, ``sigma`` from ``reference_stats``) and IS of ``samples``."""
    f, logits = inception_features(samples, weights, device)
    if isinstance(reference, (str, Path)):
        with np.load(reference) as ref:
            mu_r, s_r = ref["mu"], ref["sigma"]
    else:
        mu_r, s_r = feature_stats(inception_features(reference, weights, device)[0])
    is_mean, is_std = inception_score(logits)
    return {"fid": frechet_distance(*feature_stats(f), mu_r, s_r), "is": is_mean, "is_std": is_std}


def reference_stats(images, weights, path, device="cpu") -> Path:
    """Save the Inception (μ, Σ) of reference images to an .npz (computed once, reused by ``fid_is``)."""
    mu, sigma = feature_stats(inception_features(images, weights, device)[0])
    path = Path(path)
    np.savez(path, mu=mu, sigma=sigma)
    return path
