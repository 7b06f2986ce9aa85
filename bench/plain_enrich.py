"""The yardstick for enrichment: the script a user would write instead of `chatlake enrich`.

    python bench/plain_enrich.py chatlake-data/data --processes 2

The same kernels as chatlake (`chatlake.text.annotate.annotate_texts` with the default text
settings: language ID, token counts, the key of each user message), one process per core, the
messages split into equal slices (by message, not by file, so that every process has the same
work whatever the files). Each process reads the message texts of every file with pyarrow and
annotates its slice. No Spark, no tables written.

Prints one JSON line: conversations, messages, tokens (the primary counter's total), seconds.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import typer

from chatlake.config import TextSettings
from chatlake.text.annotate import AnnotationSpec, annotate_texts

# Texts annotated per call, as chatlake's UDF hands them over.
CHUNK = 32_768


def default_spec() -> AnnotationSpec:
    settings = TextSettings()
    return AnnotationSpec(settings.lid_model or None, settings.lid_min_chars, settings.lid_max_chars,
                          tuple(settings.token_counters))


def message_texts(files: list[str]) -> tuple[int, pa.ChunkedArray, pa.ChunkedArray]:
    """(conversations, the content and the role of every message in file order). Left in chunks:
    a million conversations hold more text than one Arrow string array can."""
    conversations = pq.read_table(files, columns=["conversation"]).column("conversation")
    messages = pc.list_flatten(conversations)
    fields = [pa.chunked_array([chunk.field(name) for chunk in messages.chunks], pa.string())
              for name in ("content", "role")]
    return len(conversations), *fields


def annotate_slice(files: list[str], index: int, processes: int) -> tuple[int, int, int]:
    """(conversations, messages, tokens) of slice `index` of `processes` equal slices of messages."""
    conversations, texts, roles = message_texts(files)
    size = -(-len(texts) // processes)
    part, part_roles = texts.slice(index * size, size), roles.slice(index * size, size)
    spec = default_spec()
    column = spec.token_columns[0]
    tokens = 0
    for start in range(0, len(part), CHUNK):
        chunk, chunk_roles = part.slice(start, CHUNK).to_pylist(), part_roles.slice(start, CHUNK).to_pylist()
        tokens += sum(annotate_texts(chunk, chunk_roles, spec)[column])
    return conversations if index == 0 else 0, len(part), tokens


def main(
    data: Annotated[Path, typer.Argument(help="Folder of .parquet files.")],
    processes: Annotated[int, typer.Option(help="Worker processes.")] = 2,
) -> None:
    files = sorted(str(p) for p in data.glob("*.parquet"))
    start = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        results = list(pool.map(annotate_slice, [files] * processes, range(processes), [processes] * processes))
    seconds = time.perf_counter() - start
    conversations, messages, tokens = (sum(column) for column in zip(*results, strict=True))
    print(json.dumps({"conversations": conversations, "messages": messages, "tokens": tokens, "seconds": seconds}))


if __name__ == "__main__":
    typer.run(main)
