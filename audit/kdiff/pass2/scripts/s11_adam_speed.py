# kdiff Sec. 5.2 / Fig. 3: how fast can Adam (lr 2e-4, betas .9/.95, Table 4) move the scalar w_k?
# With Adam the step size is ~lr whenever the gradient sign is consistent, whatever the gradient magnitude.
import torch, math
def run(gmean, gstd, steps=20000, lr=2e-4, seed=0):
    torch.manual_seed(seed)
    w = torch.zeros((),requires_grad=True); opt = torch.optim.Adam([w],lr=lr,betas=(0.9,0.95))
    for i in range(steps):
        opt.zero_grad(); w.grad = torch.tensor(-(gmean + gstd*torch.randn(()).item())); opt.step()
    return w.item()
for gm,gs in [(1.0,0.0),(1e-6,0.0),(1.0,1.0),(1.0,10.0),(1.0,100.0)]:
    w=run(gm,gs); print(f"grad mean {gm:g}, noise std {gs:g}: w_k after 20k steps = {w:.3f}  (lr*steps = {2e-4*20000:.1f}); k = {1/(1+math.exp(-w)):.4f}")
N=1281167
for k in [0.522,0.66,0.99,0.999]:
    w=math.log(k/(1-k)); st=w/2e-4
    print(f"k={k}: w_k={w:.3f}; minimum steps at ~lr/step = {st:,.0f} = {st*1024/N:.1f} epochs")
print(f"paper: latent k=0.522 at epoch 64 ({64*N/1024:,.0f} it), 0.66 at epoch 800 ({800*N/1024:,.0f} it); pixel ~1.0 in <30 epochs ({30*N/1024:,.0f} it)")
