"""Run `chatlake ARGS...` and kill it with SIGKILL at a chosen point: the fault tests' launcher.

    python tests/fault_launcher.py --after-writes 2 -- enrich --set table_root=...
    python tests/fault_launcher.py --after-stages 1 -- ingest --source ...
    python tests/fault_launcher.py --after-seconds 3.5 -- enrich ...

`--after-writes N`: right after the N-th table commit (a write or a MERGE through
`chatlake.storage.Storage`), before the job does anything else. `--after-stages N`: right after
the N-th staging write, before any table commit. `--after-seconds S`: at a time, wherever the job
is. The kill is a real `kill -9` of this process: no handler, no cleanup runs.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading

from chatlake import storage
from chatlake.cli import main


def _kill() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def _kill_after(method: str, count: int) -> None:
    original = getattr(storage.Storage, method)
    calls = 0

    def wrapped(self, *args, **kwargs):
        nonlocal calls
        result = original(self, *args, **kwargs)
        calls += 1
        if calls == count:
            _kill()
        return result

    setattr(storage.Storage, method, wrapped)


def run() -> None:
    parser = argparse.ArgumentParser()
    point = parser.add_mutually_exclusive_group(required=True)
    point.add_argument("--after-writes", type=int)
    point.add_argument("--after-stages", type=int)
    point.add_argument("--after-seconds", type=float)
    parser.add_argument("chatlake_args", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    if options.after_writes:
        commits = 0
        for method in ("write", "merge"):
            original = getattr(storage.Storage, method)

            def wrapped(self, *args, __original=original, **kwargs):
                nonlocal commits
                result = __original(self, *args, **kwargs)
                commits += 1
                if commits == options.after_writes:
                    _kill()
                return result

            setattr(storage.Storage, method, wrapped)
    elif options.after_stages:
        _kill_after("stage", options.after_stages)
    else:
        threading.Timer(options.after_seconds, _kill).start()
    args = options.chatlake_args[1:] if options.chatlake_args[:1] == ["--"] else options.chatlake_args
    sys.exit(main(args))


if __name__ == "__main__":
    run()
