# kdiff Tables 1-2: rough parameter / GFLOP (MAC, DiT convention) counts for JiT-B/16, JiT-B/32 and DiT-XL/2-sized nets.
def blocks(h, N, L): return L*(12*h*h*N + 2*N*N*h)          # MACs: qkv+proj+MLP(4h) and attention matmuls
print(f"DiT-XL/2 (h=1152, 256 tokens, 28 blocks): {blocks(1152,256,28)/1e9:.1f} GMACs (DiT paper: 118.6; Table 1 lists 119)")
def jit(h=768, L=12, p=16, inctx=32, start=4, bott=128):
    N=256; pd=p*p*3
    mac = blocks(h,N,start) + blocks(h,N+inctx,L-start) + N*(pd*bott + bott*h + h*pd)
    par = L*(12*h*h + 6*h*h) + (pd*bott+bott*h) + (h*pd + 2*h*h) + 1000*h + N*h
    return mac/1e9, par/1e6
for p in [16,32]:
    g,pm = jit(p=p); print(f"JiT-B/{p}: ~{g:.1f} GMACs, ~{pm:.0f}M params  (Table: {'25 GFLOPs, 131M' if p==16 else '26 GFLOPs, 133M'})")
