"""Linear-denoiser simulators of kdiff §3.1: exact (population) and SGD training of û = Wz with fixed,
learnable, two-parameter and time-binned k, checked against theory's W*, Δ* and k*."""
