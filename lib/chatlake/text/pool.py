"""A pool of Python worker processes that run one function on the tasks it is given.

    with WorkerPool(2) as pool:
        future = pool.submit(function, argument, ...)   # any picklable module-level function

Each worker is `python -m chatlake.text.pool`, started with this interpreter and talked to over
its stdin and stdout (pickled frames). Not `multiprocessing`: its spawn and forkserver methods
run the parent's `__main__` file again in every worker, which a notebook or script without a
`__main__` guard does not survive, and fork copies the engine's threads. A worker exits when its
stdin closes: when the pool is closed, and when the parent dies, however it dies (nothing is left
behind). One task runs per worker at a time; a parent thread per worker feeds it from a shared
queue, so a worker that finishes early takes the next task.
"""

from __future__ import annotations

import gc
import os
import pickle
import queue
import subprocess
import sys
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, BinaryIO

_STOP = None


class WorkerError(RuntimeError):
    """A worker process died, or could not be started."""


class WorkerPool:
    """`workers` processes serving `submit`ted calls; close it (or use `with`) to stop them."""

    def __init__(self, workers: int) -> None:
        self._tasks: queue.Queue[tuple[Future, tuple] | None] = queue.Queue()
        self._processes: list[subprocess.Popen] = []
        self._threads: list[threading.Thread] = []
        self._closed = False
        # A worker is one core's worth of work: kernels with thread pools of their own (rayon, in
        # toktok and fasttext-new) keep to one thread, or the workers would fight over the cores.
        environment = {**os.environ, "PYTHONUNBUFFERED": "1", "RAYON_NUM_THREADS": "1"}
        for index in range(workers):
            process = subprocess.Popen(
                [sys.executable, "-m", "chatlake.text.pool"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=environment,
            )
            thread = threading.Thread(target=self._feed, args=(process,), name=f"chatlake-worker-{index}", daemon=True)
            self._processes.append(process)
            self._threads.append(thread)
            thread.start()

    @property
    def pids(self) -> list[int]:
        return [p.pid for p in self._processes]

    def submit(self, function: Callable[..., Any], *arguments: Any) -> Future:
        if self._closed:
            raise WorkerError("the worker pool is closed")
        future: Future = Future()
        self._tasks.put((future, (function, arguments)))
        return future

    def _feed(self, process: subprocess.Popen) -> None:
        """Hand tasks to one worker, one at a time, until the stop mark or the worker's death."""
        assert process.stdin is not None and process.stdout is not None
        while True:
            item = self._tasks.get()
            if item is _STOP:
                break
            future, call = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                pickle.dump(call, process.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                process.stdin.flush()
                ok, value = pickle.load(process.stdout)
            except (OSError, EOFError, pickle.UnpicklingError):
                code = process.wait()
                future.set_exception(WorkerError(f"worker process {process.pid} exited with code {code}"))
                self._fail_queued(f"worker process {process.pid} exited with code {code}")
                return
            if ok:
                future.set_result(value)
            else:
                future.set_exception(value)
        process.stdin.close()

    def _fail_queued(self, why: str) -> None:
        """A dead worker fails the tasks still queued: the pool is broken, the job should stop."""
        self._closed = True
        while True:
            try:
                item = self._tasks.get_nowait()
            except queue.Empty:
                return
            if item is not _STOP and item[0].set_running_or_notify_cancel():
                item[0].set_exception(WorkerError(why))

    def close(self) -> None:
        """Stop every worker (after the tasks already submitted) and wait for them to exit."""
        self._closed = True
        for _ in self._threads:
            self._tasks.put(_STOP)
        for thread in self._threads:
            thread.join()
        for process in self._processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """The worker's loop: read a pickled (function, arguments), reply (True, result) or
    (False, exception), until the requests end."""
    while True:
        try:
            function, arguments = pickle.load(requests)
        except EOFError:
            return
        try:
            reply = pickle.dumps((True, function(*arguments)), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # handed back to the caller's future
            try:
                reply = pickle.dumps((False, exc))
            except Exception:  # an exception that does not pickle
                reply = pickle.dumps((False, WorkerError(f"{type(exc).__name__}: {exc}")))
        replies.write(reply)
        replies.flush()


def _main() -> None:
    # The replies get this process's stdout to themselves: anything a library prints goes to stderr.
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)
    # A task makes hundreds of thousands of strings and tuples and no cycles: the cyclic garbage
    # collector would only walk them over and over.
    gc.disable()
    serve(sys.stdin.buffer, replies)


if __name__ == "__main__":
    _main()
