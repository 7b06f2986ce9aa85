"""The kernel limit of enrichment: the kernels alone, in one process, over every message text.

    python bench/kernel_time.py chatlake-data/data

Reads the texts of one file at a time (not timed) and times only
`chatlake.text.annotate.annotate_texts` on them, in chunks as the UDF hands them over, with the
cyclic garbage collector off as in chatlake's worker processes (the kernels make millions of
strings and tuples and no cycles: with it on they take about 8% longer here). Divided by the
cores, this is the fastest enrichment that these kernels allow on this machine.

Prints one JSON line: messages, characters, seconds; with `--parts`, also the seconds of each part
(language ID, each token counter) measured alone on the same texts (this doubles the run time).
"""

from __future__ import annotations

import gc
import json
import time
from pathlib import Path
from typing import Annotated

import pyarrow.compute as pc
import pyarrow.parquet as pq
import typer

from chatlake.text.annotate import annotate_texts
from chatlake.text.langid import detect_languages
from chatlake.text.tokens import count_tokens_with
from plain_enrich import CHUNK, default_spec


def main(
    data: Annotated[Path, typer.Argument(help="Folder of .parquet files.")],
    parts: Annotated[bool, typer.Option(help="Also time language ID and each counter alone.")] = False,
) -> None:
    spec = default_spec()
    annotate_texts(["load the models first"], ["user"], spec)
    gc.disable()
    seconds = {"all": 0.0, "language_id": 0.0, **{counter: 0.0 for counter in spec.token_counters}}
    messages = characters = 0
    for path in sorted(data.glob("*.parquet")):
        conversations = pq.read_table(path, columns=["conversation"]).column("conversation")
        flat = pc.list_flatten(conversations).combine_chunks()
        texts, roles = flat.field("content"), flat.field("role")
        messages += len(texts)
        characters += pc.sum(pc.fill_null(pc.utf8_length(texts), 0)).as_py() or 0
        for start in range(0, len(texts), CHUNK):
            chunk = texts.slice(start, CHUNK).to_pylist()
            began = time.perf_counter()
            annotate_texts(chunk, roles.slice(start, CHUNK).to_pylist(), spec)
            seconds["all"] += time.perf_counter() - began
            if not parts:
                continue
            began = time.perf_counter()
            detect_languages(
                chunk, model_path=spec.lid_model, min_chars=spec.lid_min_chars, max_chars=spec.lid_max_chars
            )
            seconds["language_id"] += time.perf_counter() - began
            for counter in spec.token_counters:
                began = time.perf_counter()
                count_tokens_with(chunk, counter)
                seconds[counter] += time.perf_counter() - began
    result = {"messages": messages, "characters": characters, "seconds": seconds.pop("all")}
    if parts:
        result["parts"] = {k: round(v, 2) for k, v in seconds.items()}
    print(json.dumps(result))


if __name__ == "__main__":
    typer.run(main)
