"""The yardstick for enrichment: the same language ID and token counting as `chatlake enrich`,
done by a plain Python script with a process pool over the same Parquet files, no Spark.

    python bench/plain_enrich.py chatlake-data/data --processes 2

Prints one JSON line: conversations, messages, tokens, seconds.
"""

from __future__ import annotations

import json
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Annotated

import pyarrow.parquet as pq
import typer

from chatlake.text.langid import detect_languages
from chatlake.text.tokens import count_tokens


def enrich_file(path: str) -> tuple[int, int, int]:
    """(conversations, messages, tokens) of one Parquet file, after language ID of every message."""
    conversations = pq.read_table(path, columns=["conversation"]).column("conversation").to_pylist()
    texts = [message["content"] for conversation in conversations for message in conversation]
    detect_languages(texts)
    return len(conversations), len(texts), sum(count_tokens(texts))


def main(
    data: Annotated[Path, typer.Argument(help="Folder of .parquet files.")],
    processes: Annotated[int, typer.Option(help="Worker processes.")] = 2,
) -> None:
    files = sorted(str(p) for p in data.glob("*.parquet"))
    start = time.perf_counter()
    with ProcessPoolExecutor(processes) as pool:
        results = list(pool.map(enrich_file, files))
    seconds = time.perf_counter() - start
    conversations, messages, tokens = (sum(column) for column in zip(*results))
    print(json.dumps({"conversations": conversations, "messages": messages, "tokens": tokens, "seconds": seconds}))


if __name__ == "__main__":
    typer.run(main)
