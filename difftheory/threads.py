"""One thread for torch and the BLAS under NumPy/SciPy inside a block: the toy and linear problems are
small, and on a shared 2-core machine contending threads cost several times more than they gain; it also
keeps runs bit-for-bit deterministic. The previous settings are restored afterwards."""

from __future__ import annotations

from contextlib import contextmanager


@contextmanager
def single_thread():
    import torch
    from threadpoolctl import threadpool_limits

    before = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        with threadpool_limits(limits=1):
            yield
    finally:
        torch.set_num_threads(before)
