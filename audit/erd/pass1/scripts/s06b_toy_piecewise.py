"""erd App. F.2 "piecewise independent models on restricted time bins" (bins of width 0.2), paper
settings per model (width 256, Adam 1e-3, batch 512, 2000 iterations, t ~ U(bin)).
Also a compute-matched control: one global model trained 5x longer (10000 iterations = same number of
gradient steps as the 5 piecewise models together), to separate cross-noise interference from
simple compute/capacity effects.
Usage: python s06b_toy_piecewise.py <target> [linear|vp|gvp] [control]   (~100 s each part, 1 thread)
"""
import sys, json, time
import torch
from toy_common import *
from s06a_toy_global import evaluate
torch.set_num_threads(1)
tg = sys.argv[1]; sch = sys.argv[2] if len(sys.argv) > 2 else 'linear'
mode = sys.argv[3] if len(sys.argv) > 3 else 'piecewise'
t0 = time.time()
if mode == 'piecewise':
    edges = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]
    nets = []
    for i in range(5):
        nets.append(train(tg, sch, tlo=edges[i], thi=edges[i+1], iters=2000, seed=10 + i))
    rows = evaluate(lambda tm: nets[min(int(tm/0.2), 4)], tg, sch)
else:
    net = train(tg, sch, iters=10000, seed=0)
    torch.save(net.state_dict(), f'toy_models/global_{sch}_{tg}_10000.pt')
    rows = evaluate(lambda tm: net, tg, sch)
json.dump(dict(rows=rows, seconds=time.time() - t0), open(f's06b_{sch}_{tg}_{mode}_out.json', 'w'), indent=1)
print(tg, mode, f'{time.time()-t0:.1f}s', ' '.join('%.3f:%.4f' % (r['t'], r['excess']) for r in rows[::2]))
