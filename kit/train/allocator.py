"""Keep freed memory in the process for CPU training and generation (glibc's malloc only).

A training step allocates and frees tensors of a few MB whose sizes change with every batch (the
batch's length). glibc serves such sizes with fresh mmap'd pages and gives them back on free, so each
step pays the page faults again: a multiply over a fresh [2000, 384] float tensor measured 4x slower than
over a reused one on the 2-core machine (`python -m eval.bench train` measures the whole effect). Raising
the mmap and trim thresholds keeps those pages in the heap for the next step; the process's peak memory
is what it was, it just is not returned to the system until the process ends.

No effect (and no error) with another C library or allocator, or on macOS and Windows.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3  # <malloc.h>
MMAP_THRESHOLD = 32 << 20  # glibc's largest allowed value (64-bit): blocks above it still get mmap
TRIM_THRESHOLD = 1 << 30
TOP_PAD = 64 << 20

_done = False


def keep_freed_memory() -> bool:
    """Set glibc's malloc thresholds once per process; True when they were set."""
    global _done
    if _done:
        return True
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # musl and others: no mallopt
        return False
    _done = all(
        mallopt(option, value) == 1
        for option, value in ((M_MMAP_THRESHOLD, MMAP_THRESHOLD), (M_TRIM_THRESHOLD, TRIM_THRESHOLD), (M_TOP_PAD, TOP_PAD))
    )
    return _done
