"""Hypothesis profiles. The default run is derandomised (the same examples on every run, so CI cannot flake on a
lucky draw); ``HYPOTHESIS_PROFILE=explore`` draws fresh examples, as the slow exploratory runs in the README do."""

import os

from hypothesis import settings

settings.register_profile("repeatable", derandomize=True, database=None)
settings.register_profile("explore", derandomize=False)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))
