"""mse Table 1 (lines 529-534) and the sentences that derive from it (line 522, abstract lines 45-47).
Pure arithmetic on the printed numbers. Run: python table1.py
"""
T = {63: dict(HeunEDM2=2.28, HeunUDS_Flow=2.45, HeunUDS_MSE=2.45, HeunUDS_ML=3.39,
              EulerUDS_Flow=2.81, EulerUDS_MSE=2.84, EulerUDS_ML=4.30),
     255: dict(HeunEDM2=2.26, HeunUDS_Flow=2.27, HeunUDS_MSE=2.28, HeunUDS_ML=2.71,
               EulerUDS_Flow=2.34, EulerUDS_MSE=2.36, EulerUDS_ML=2.84)}
out = {}
for nfe, row in T.items():
    best = min(row, key=row.get)
    out[f'NFE {nfe}: ranking'] = sorted(row.items(), key=lambda kv: kv[1])
    out[f'NFE {nfe}: best'] = (best, row[best])
    for solver in ('HeunUDS', 'EulerUDS'):
        f, m, l = row[f'{solver}_Flow'], row[f'{solver}_MSE'], row[f'{solver}_ML']
        out[f'NFE {nfe} {solver}: MSE-Flow'] = round(m - f, 3)
        out[f'NFE {nfe} {solver}: ML-Flow (abs, rel%)'] = (round(l - f, 3), round(100 * (l - f) / f, 1))
        out[f'NFE {nfe} {solver}: ML-MSE'] = round(l - m, 3)
    out[f'NFE {nfe}: HeunUDS_Flow-HeunEDM2 (abs, rel%)'] = (round(row['HeunUDS_Flow'] - row['HeunEDM2'], 3),
                                                           round(100 * (row['HeunUDS_Flow'] - row['HeunEDM2']) / row['HeunEDM2'], 1))
# Euler vs Heun at equal NFE
for nfe in T:
    for g in ('Flow', 'MSE', 'ML'):
        out[f'NFE {nfe}: EulerUDS_{g}-HeunUDS_{g}'] = round(T[nfe][f'EulerUDS_{g}'] - T[nfe][f'HeunUDS_{g}'], 3)
# NFE counts: EDM2 Heun with n sigma-steps uses 2n-1 NFE (last step Euler)
out['NFE 63 = 2*32-1'] = 2 * 32 - 1 == 63
out['NFE 255 = 2*128-1'] = 2 * 128 - 1 == 255
# improvement from 63 to 255 NFE per column
out['delta FID 63->255'] = {k: round(T[63][k] - T[255][k], 3) for k in T[63]}
# is 'MSE ~ flow' (max |MSE-Flow|) smaller than 'ML - Flow' (min)?
mf = [abs(T[n][f'{s}_MSE'] - T[n][f'{s}_Flow']) for n in T for s in ('HeunUDS', 'EulerUDS')]
lf = [T[n][f'{s}_ML'] - T[n][f'{s}_Flow'] for n in T for s in ('HeunUDS', 'EulerUDS')]
out['max|MSE-Flow|, min(ML-Flow)'] = (max(mf), min(lf))
out['MSE never better than Flow'] = all(T[n][f'{s}_MSE'] >= T[n][f'{s}_Flow'] for n in T for s in ('HeunUDS', 'EulerUDS'))

if __name__ == '__main__':
    for k, v in out.items():
        print(f'{k}: {v}')
