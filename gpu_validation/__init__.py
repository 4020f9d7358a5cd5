"""The k-Diff image pipeline: the reusable k-Diff objective, JiT- and LightningDiT-style backbones,
data, training (DDP-ready), sampling and evaluation. Runs on CPU at a tiny scale, CUDA when present."""
