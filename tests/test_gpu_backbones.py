"""Backbone parts (RoPE, patchify, RMSNorm, adaLN-Zero) and the named configs at reduced width."""

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from difftheory.gpu_validation.configs import CONFIGS, build_backbone, get_config
from difftheory.gpu_validation.layers import RMSNorm, apply_rope, check_geometry, patchify, rope_2d, unpatchify
from difftheory.gpu_validation.objective import build_kdiff


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 5), st.integers(0, 5), st.integers(0, 3), st.integers(0, 3), st.integers(0, 2**16))
def test_rope_scores_depend_on_relative_position_only(r, c, dr, dc, seed):
    """⟨R(p)q, R(p')k⟩ is unchanged when both positions shift by the same offset."""
    g = torch.Generator().manual_seed(seed)
    q, k = torch.randn(16, generator=g, dtype=torch.float64), torch.randn(16, generator=g, dtype=torch.float64)
    h = w = 12
    cos, sin = (t.double() for t in rope_2d(h, w, 16))

    def score(p1, p2):
        i, j = p1[0] * w + p1[1], p2[0] * w + p2[1]
        return (apply_rope(q, cos[i], sin[i]) * apply_rope(k, cos[j], sin[j])).sum()

    a = score((r, c), (r + dr, c + dc))
    b = score((r + 2, c + 1), (r + 2 + dr, c + 1 + dc))
    assert torch.allclose(a, b, rtol=1e-5, atol=1e-5)  # tables are float32
    # rotation keeps the norm, prefix tokens are not rotated
    cos_p, sin_p = rope_2d(h, w, 16, prefix=3)
    assert torch.allclose(cos_p[:3], torch.ones(3, 16)) and torch.allclose(sin_p[:3], torch.zeros(3, 16))
    assert torch.allclose(apply_rope(q, cos[7], sin[7]).norm(), q.norm())


@settings(max_examples=20, deadline=None)
@given(st.integers(1, 3), st.sampled_from([1, 2, 4]), st.integers(1, 4), st.integers(0, 99))
def test_patchify_unpatchify_inverse(C, p, g, seed):
    x = torch.randn(2, C, g * p, g * p, generator=torch.Generator().manual_seed(seed))
    tokens = patchify(x, p)
    assert tokens.shape == (2, g * g, p * p * C)
    assert torch.equal(unpatchify(tokens, p, C, g, g), x)
    # a token holds exactly its patch
    assert torch.equal(tokens[0, 0].reshape(p, p, C).permute(2, 0, 1), x[0, :, :p, :p])


def test_rmsnorm_unit_rms():
    x = torch.randn(5, 32) * 7 + 3
    y = RMSNorm(32)(x)
    assert torch.allclose(y.pow(2).mean(-1), torch.ones(5), atol=1e-4)


def test_geometry_errors_name_the_setting():
    with pytest.raises(ValueError, match="image_size"):
        check_geometry(30, 16, 64, 4)
    with pytest.raises(ValueError, match="heads"):
        check_geometry(32, 16, 64, 5)
    with pytest.raises(ValueError, match="config"):
        get_config("jit-h")


@pytest.mark.parametrize("name", ["tiny", "tiny-latent"])
def test_adaln_zero_output_is_zero_at_init_and_conditioned_after(name):
    cfg = get_config(name)
    torch.manual_seed(0)
    net = build_backbone(cfg)
    z = torch.randn(3, cfg.channels, cfg.image_size, cfg.image_size)
    t, y = torch.rand(3), torch.tensor([0, 1, 2])
    assert torch.count_nonzero(net(z, t, y)) == 0  # adaLN-Zero: the final layer starts at zero
    for prm in net.parameters():  # perturb every weight: output now depends on t and y
        prm.data.add_(0.05 * torch.randn_like(prm))
    out = net(z, t, y)
    assert not torch.allclose(out, net(z, t, torch.tensor([3, 4, 5])))
    assert not torch.allclose(out, net(z, t.flip(0), y))


@pytest.mark.parametrize("name", ["jit-b16", "jit-b32", "lightningdit-xl1"])
def test_named_config_one_step_at_reduced_width(name):
    """The paper configurations keep their geometry (image size, patch, channels, tokens) at width 32."""
    cfg = CONFIGS[name].reduced(width=32, depth=2, heads=2, num_classes=5)
    torch.manual_seed(0)
    model = build_kdiff(cfg)
    opt = torch.optim.AdamW(model.parameters(), lr=cfg.lr, betas=cfg.betas)
    x = torch.randn(2, cfg.channels, cfg.image_size, cfg.image_size).clamp(-1, 1)
    y = torch.tensor([1, 4])
    loss = model(x, y, torch.Generator().manual_seed(1))
    loss.backward()
    w_before = model.target.w_k.detach().clone()
    opt.step()
    assert math.isfinite(loss.item())
    assert model.target.w_k.grad is not None and not torch.equal(model.target.w_k.detach(), w_before)
    with torch.no_grad():
        out = model.backbone(x, torch.rand(2), y)
    assert out.shape == x.shape
