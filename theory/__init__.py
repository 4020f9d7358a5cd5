"""Symbolic derivations (SymPy) of the three papers' formulas and their plain numeric twins
(NumPy / PyTorch): schedules, targets and conversions, κ, W*, Δ*(k), k*, loss weights, diffusion sizes.
Simulators, figures and the GPU pipeline import the twins from here; nothing here imports them."""
