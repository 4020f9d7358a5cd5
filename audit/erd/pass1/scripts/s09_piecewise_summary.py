"""erd F.2: summarise global (2000 it) vs piecewise (5 x 2000 it) vs compute-matched global (10000 it) excess.
Run after s06a (linear) and s06b.  Prints mean excess per region and the excess/floor ratios.
"""
import json, os
import numpy as np
g = json.load(open('s06a_linear_2000_out.json'))
out = {}
for tg in ['eps', 'x0', 'v', 'u']:
    rows = g[tg]['rows']; t = np.array([r['t'] for r in rows])
    eg = np.array([r['excess'] for r in rows]); fl = np.array([r['floor'] for r in rows])
    d = dict(global_mean_excess=float(eg.mean()), floor_mean=float(fl.mean()),
             corr_excess_floor_global=float(np.corrcoef(eg, fl)[0, 1]),
             global_excess_low_t=float(eg[t < 0.2].mean()), global_excess_high_t=float(eg[t > 0.8].mean()),
             global_ratio_low_t=float((eg/fl)[t < 0.2].mean()), global_ratio_high_t=float((eg/fl)[t > 0.8].mean()))
    for mode in ['piecewise', 'control']:
        fn = f's06b_linear_{tg}_{mode}_out.json'
        if os.path.exists(fn):
            rr = json.load(open(fn))['rows']; e = np.array([r['excess'] for r in rr])
            d[f'{mode}_mean_excess'] = float(e.mean())
            d[f'{mode}_excess_low_t'] = float(e[t < 0.2].mean()); d[f'{mode}_excess_high_t'] = float(e[t > 0.8].mean())
            d[f'{mode}_bins_better_than_global'] = int((e < eg).sum())
            d[f'{mode}_excess_over_floor_mean'] = float((e/fl).mean())
            d[f'{mode}_loss_over_floor_mean'] = float(((e + fl)/fl).mean())
    d['global_loss_over_floor_mean'] = float(((eg + fl)/fl).mean())
    out[tg] = d
print(json.dumps(out, indent=1)); json.dump(out, open('s09_piecewise_summary_out.json', 'w'), indent=1)
