"""Why enrichment uses an iterator pandas UDF: the same language ID + token counting as
`chatlake.enrich.with_text_annotations`, done (a) by that pandas UDF and (b) by `mapInArrow`,
timed on one engine over the messages of a generated dataset.

    python bench/udf_choice.py DATA_DIR --engine embedded
    python bench/udf_choice.py DATA_DIR --engine local

Prints one JSON line per variant: engine, variant, messages, seconds.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer
from pyspark.sql import functions as F

from chatlake.config import load_config
from chatlake.enrich import explode_messages, with_text_annotations
from chatlake.session import spark_session


def annotate_batches(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    from chatlake.text.langid import detect_languages
    from chatlake.text.tokens import count_tokens

    for batch in batches:
        texts = batch.column("content").to_pylist()
        languages = detect_languages(texts)
        yield pa.RecordBatch.from_arrays(
            [batch.column("conversation_id"), batch.column("message_index"),
             pa.array([c for c, _ in languages]), pa.array([s for _, s in languages], pa.float64()),
             pa.array(count_tokens(texts), pa.int64())],
            names=["conversation_id", "message_index", "lang", "lang_score", "tokens_cl100k_base"],
        )


def main(
    data: Annotated[Path, typer.Argument(help="Folder of generated .parquet files.")],
    engine: Annotated[str, typer.Option()] = "embedded",
) -> None:
    overrides = [f"engine={engine}", "format=parquet", "spark.master=local[2]"]
    with spark_session(load_config(None, overrides)) as spark:
        messages_df = explode_messages(spark.read.parquet(str(data))).select("conversation_id", "message_index", "content")
        messages = messages_df.count()
        variants = {
            "pandas_udf": lambda: with_text_annotations(messages_df, load_config().text),
            "mapInArrow": lambda: messages_df.mapInArrow(
                annotate_batches,
                "conversation_id string, message_index int, lang string, lang_score double, tokens_cl100k_base long",
            ),
        }
        for name, build in variants.items():
            start = time.perf_counter()
            total = build().agg(F.sum("tokens_cl100k_base")).first()[0]
            seconds = time.perf_counter() - start
            print(json.dumps({"engine": engine, "variant": name, "messages": messages, "tokens": total, "seconds": round(seconds, 2)}))


if __name__ == "__main__":
    typer.run(main)
