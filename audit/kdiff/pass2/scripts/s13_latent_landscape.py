# kdiff Sec. 5.1: loss landscape in k for a channel-normalised latent (tr Sigma = D), D=8192, spectrum ~ i^-0.5,
# under Thm 3.2's objective and under the Table-4 latent objective (v-loss, LN(0,1), no clamp).
import numpy as np
from s6_spectrum_objectives import Dtot
Dl=8192; spec=1/np.arange(1,Dl+1)**0.5; spec*=Dl/spec.sum()
for name,sp_,crit in [("Thm3.2 (U,u-loss)",'U','u'),("Table4 latent (LN(0,1),v-loss)",(0,1),'v')]:
    vals={k:Dtot(k,spec,Dl,sp_,crit,0) for k in [0.05,0.16,0.3,0.5,0.66,0.8,0.9,0.99]}
    m=min(vals.values()); print(name, "  ".join(f"k={k}:{v/m:.4f}" for k,v in vals.items()))
