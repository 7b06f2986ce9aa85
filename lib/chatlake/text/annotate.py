"""Language ID, token counts and the prompt key of message texts in batches, in this process or in
a pool of worker processes. Plain Python and pyarrow: no Spark in here.

`annotate_texts(texts, roles, spec)` is the kernel entry point: the texts and roles of messages in,
one column per annotation out. `annotate_stream(batches, spec)` is what the Spark UDF runs: Arrow
arrays of messages (struct<content, role>) in, Arrow struct arrays of <lang, lang_score,
tokens_<counter>..., text_key> out, aligned message by message. `text_key` is the key of a user
message's normalised text (`chatlake.text.prompts.prompt_key`; null for other roles): what
repetition and the moderation selections compare texts by, without reading them again.

Why a pool: the embedded engine (Sail) runs Python UDFs inside its own process under one GIL, so
kernels called there use one core however many partitions run. While an `annotation_pool` is
open, `annotate_stream` cuts each batch into chunks of about `CHUNK_CHARS` characters and hands
them to worker processes (started once, spawned, not forked: the engine's threads live in the
parent; `chatlake.text.pool`), keeping every core busy; the parent only moves Arrow buffers. Engines that already run
Python UDFs in worker processes (the JVM engines, a cluster) open no pool: their UDF calls the
kernels where it runs, and there is no second layer of processes.

A worker loads the models once (the lazy caches of `chatlake.text.langid` and `.tokens`), and exits
when the pool is closed or when its parent dies.
"""

from __future__ import annotations

import logging
import os
import threading
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from chatlake.tables import parse_counters
from chatlake.text.pool import WorkerPool

log = logging.getLogger(__name__)
T = TypeVar("T")

# Characters of text per task sent to a worker: small enough to balance the cores, large enough
# that the per-task cost (pickling, a round trip) stays below 1% of the kernels' time.
CHUNK_CHARS = 2_000_000
# Batches read ahead of the one being returned, so the workers never wait for the engine.
LOOKAHEAD = 2


@dataclass(frozen=True)
class AnnotationSpec:
    """What to compute for each text (picklable: it crosses to the workers)."""

    lid_model: str | None
    lid_min_chars: int
    lid_max_chars: int
    token_counters: tuple[str, ...]

    @property
    def token_columns(self) -> list[str]:
        return [c.tokens for c in parse_counters(self.token_counters)]

    def arrow_type(self) -> pa.StructType:
        return pa.struct(
            [pa.field("lang", pa.string()), pa.field("lang_score", pa.float64())]
            + [pa.field(column, pa.int64()) for column in self.token_columns]
            + [pa.field("text_key", pa.int64())]
        )


def annotate_texts(texts: list[str | None], roles: list[str | None], spec: AnnotationSpec) -> dict[str, list]:
    """`lang`, `lang_score`, one `tokens_<counter>` list per counter and `text_key` (user
    messages only), aligned with `texts` (and `roles`, the same length)."""
    from chatlake.text.langid import detect_languages
    from chatlake.text.prompts import prompt_key
    from chatlake.text.tokens import count_tokens_with

    languages = detect_languages(
        texts, model_path=spec.lid_model, min_chars=spec.lid_min_chars, max_chars=spec.lid_max_chars
    )
    columns: dict[str, list] = {
        "lang": [code for code, _ in languages], "lang_score": [score for _, score in languages]
    }
    for counter, column in zip(spec.token_counters, spec.token_columns, strict=True):
        columns[column] = count_tokens_with(texts, counter)
    columns["text_key"] = [prompt_key(t) if r == "user" else None for t, r in zip(texts, roles, strict=True)]
    return columns


def message_fields(messages: pa.StructArray) -> dict[str, pa.Array]:
    """The child arrays of `messages` by name, its slice offset honoured (`StructArray.field`
    ignores it)."""
    return dict(zip([f.name for f in messages.type], messages.flatten(), strict=True))


def _annotate_array(messages: pa.StructArray, spec: AnnotationSpec) -> pa.StructArray:
    fields = message_fields(messages)
    columns = annotate_texts(fields["content"].to_pylist(), fields["role"].to_pylist(), spec)
    arrow_type = spec.arrow_type()
    arrays = [pa.array(columns[field.name], field.type) for field in arrow_type]
    return pa.StructArray.from_arrays(arrays, fields=list(arrow_type))


# --- the pool -----------------------------------------------------------------------------------


class AnnotationPool:
    """Worker processes that annotate chunks of texts for one `AnnotationSpec`."""

    def __init__(self, workers: int, spec: AnnotationSpec) -> None:
        self.spec = spec
        self._workers = WorkerPool(workers)

    @property
    def pids(self) -> list[int]:
        return self._workers.pids

    def submit(self, messages: pa.StructArray) -> Future[pa.StructArray]:
        # A slice pickles with its whole parent buffers: copy it into buffers of its own first.
        return self._workers.submit(_annotate_array, pa.concat_arrays([messages]), self.spec)

    def close(self) -> None:
        self._workers.close()


_ACTIVE: AnnotationPool | None = None
_ACTIVE_LOCK = threading.Lock()


@contextmanager
def annotation_pool(workers: int, spec: AnnotationSpec) -> Iterator[AnnotationPool | None]:
    """While open, `annotate_stream` in this process hands its work to `workers` processes.

    `workers` <= 1 opens no pool (the work stays where the UDF runs). The processes are stopped
    when the block exits, whatever happens inside it.
    """
    global _ACTIVE
    if workers <= 1:
        yield None
        return
    with _ACTIVE_LOCK:
        if _ACTIVE is not None:
            raise RuntimeError("an annotation pool is already open in this process")
        _ACTIVE = pool = AnnotationPool(workers, spec)
    log.info("annotation pool: %d worker processes", workers)
    try:
        yield pool
    finally:
        with _ACTIVE_LOCK:
            _ACTIVE = None
        pool.close()


def active_pool(spec: AnnotationSpec) -> AnnotationPool | None:
    """The open pool of this process for `spec`, if any."""
    pool = _ACTIVE
    return pool if pool is not None and pool.spec == spec else None


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# --- Arrow list batches, as the UDF sees them ---------------------------------------------------


def _chunks(messages: pa.StructArray, max_chars: int) -> list[pa.StructArray]:
    """`messages` cut into consecutive slices of about equal size, each about `max_chars` bytes of
    text or less (at least one message each)."""
    texts = message_fields(messages)["content"]
    ends = np.cumsum(pc.fill_null(pc.binary_length(texts), 0).to_numpy(zero_copy_only=False))
    total = int(ends[-1]) if len(ends) else 0
    parts = max(1, -(-total // max_chars))
    cuts = np.unique(np.searchsorted(ends, np.arange(1, parts) * (total / parts)) + 1)
    bounds = [0, *[int(c) for c in cuts if 0 < c < len(texts)], len(texts)]
    return [messages.slice(start, end - start) for start, end in pairwise(bounds)]


class _Pending:
    """The annotations of one batch of messages, being computed (in the pool, or already here)."""

    def __init__(self, messages: pa.StructArray, spec: AnnotationSpec, pool: AnnotationPool | None) -> None:
        if pool is None:
            self._parts: list[Future[pa.StructArray] | pa.StructArray] = [_annotate_array(messages, spec)]
        else:
            self._parts = [pool.submit(chunk) for chunk in _chunks(messages, CHUNK_CHARS)]

    def result(self) -> pa.StructArray:
        parts = [p.result() if isinstance(p, Future) else p for p in self._parts]
        return parts[0] if len(parts) == 1 else pa.concat_arrays(parts)


def annotate_stream(
    batches: Iterator[tuple[T, pa.StructArray]], spec: AnnotationSpec
) -> Iterator[tuple[T, pa.StructArray]]:
    """For each (payload, messages) of `batches` (messages: struct<content, role>), (payload, the
    messages' annotations), in order.

    Uses the open `annotation_pool` of this process when there is one for `spec`, keeping up to
    LOOKAHEAD batches in flight (the next batches are read, and their payloads made, while the
    workers annotate); otherwise annotates here. `payload` is passed through untouched.
    """
    pool = active_pool(spec)
    pending: deque[tuple[T, _Pending]] = deque()
    for payload, messages in batches:
        pending.append((payload, _Pending(messages, spec, pool)))
        if len(pending) > (LOOKAHEAD if pool else 0):
            payload, annotations = pending.popleft()
            yield payload, annotations.result()
    while pending:
        payload, annotations = pending.popleft()
        yield payload, annotations.result()
