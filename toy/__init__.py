"""Toy worlds: MLP denoisers on embedded manifolds (kdiff) and on erd App. F's 2D Gaussian mixture,
exact Bayes predictors and floors, and empirical-NTK tools."""
