"""k03b: longer runs of Alg. 1 on the linear toy for D=32, d=2, where the 2500-step run in k03 had not
converged (0.9132 vs Eq.14 0.9412).  Standalone: python k03b_convergence.py (~2 min on 2 idle cores)"""
from k03_alg1_sgd import run
L = []
for steps in [6000]:
    ku = run(32, 2, "u", steps=steps, B=1024)
    s = f"D=32 d=2, {steps} steps: learned k (u-loss, kappa=1) = {ku:.4f} vs Eq14 {32/34:.4f}"
    print(s, flush=True); L.append(s)
open('k03b_output.txt', 'w').write("\n".join(L) + "\n")
