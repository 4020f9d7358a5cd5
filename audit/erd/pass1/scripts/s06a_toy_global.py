"""erd App. F.1/F.2 reproduction, global shared models (paper settings: width 256, 3 SiLU layers, 64-d
sinusoidal t-embedding, Adam 1e-3, batch 512, 2000 iterations, t~U(0,1)), for the 4 targets.
Usage: python s06a_toy_global.py [linear|vp|gvp] [iters]   (~80 s per schedule on 1 thread)
Outputs: toy_models/global_<sch>_<target>_<iters>.pt, s06a_<sch>_<iters>_out.json with per-t-bin
empirical loss, exact Bayes floor and excess (Fig. 7 top rows), and the Lemma C.1 identity on the trained net.
"""
import sys, os, json, time
import torch
from toy_common import *
torch.set_num_threads(1)

def evaluate(nets_by_bin, tg, sch, nbins=20, n=4096, seed=123):
    g = torch.Generator().manual_seed(seed)
    rows = []
    for b in range(nbins):
        tm = (b + 0.5)/nbins
        x0, eps, t, xt, _ = sample(n, sch, t=tm, gen=g)
        y = target(tg, x0, eps, t, sch); fs, _ = bayes(tg, xt, t, sch)
        net = nets_by_bin(tm)
        with torch.no_grad():
            f = net(xt, t)
        loss = float(((f - y)**2).mean()); floor = float(((fs - y)**2).mean()); exc = float(((f - fs)**2).mean())
        cross = float(2*((f - fs)*(fs - y)).mean())
        rows.append(dict(t=tm, loss=loss, floor=floor, excess=exc, cross=cross,
                         excess_over_floor=exc/max(floor, 1e-12)))
    return rows

if __name__ == '__main__':
    sch = sys.argv[1] if len(sys.argv) > 1 else 'linear'
    iters = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    os.makedirs('toy_models', exist_ok=True)
    out = {}
    for tg in ['eps', 'x0', 'v', 'u']:
        t0 = time.time()
        net = train(tg, sch, iters=iters, seed=0)
        torch.save(net.state_dict(), f'toy_models/global_{sch}_{tg}_{iters}.pt')
        rows = evaluate(lambda tm: net, tg, sch)
        out[tg] = dict(rows=rows, train_seconds=time.time() - t0)
        ex = [r['excess'] for r in rows]; fl = [r['floor'] for r in rows]
        imax = max(range(len(ex)), key=lambda i: ex[i])
        print(tg, f'{time.time()-t0:.1f}s', 'max excess at t=%.3f (%.4f, floor %.4f)' % (rows[imax]['t'], ex[imax], fl[imax]),
              'excess t=0.025: %.4f floor %.4f | t=0.975: %.4f floor %.4f' % (ex[0], fl[0], ex[-1], fl[-1]),
              'max|cross| %.2e' % max(abs(r['cross']) for r in rows))
    json.dump(out, open(f's06a_{sch}_{iters}_out.json', 'w'), indent=1)
