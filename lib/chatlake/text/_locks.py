"""A process-wide lock for the lazy model caches that a forked child gets fresh."""

from __future__ import annotations

import os
import threading


class ForkSafeLock:
    """A `threading.Lock` replaced in a forked child: a fork while another thread held it would
    leave the child's copy locked forever (Spark's Python workers are forked)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        if hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=self._renew)

    def _renew(self) -> None:
        self._lock = threading.Lock()

    def __enter__(self) -> bool:
        return self._lock.acquire()

    def __exit__(self, *exc_info: object) -> None:
        self._lock.release()
