"""Exports: a use-case selection (`gold/high_quality`, `gold/safety_benchmark`,
`gold/moderation_training`, see `chatlake.usecases`) joined with bronze for its messages, written
as one JSON Lines file in the OpenAI chat layout.

Every line is one JSON object: `id`, `model`, `messages` (a list of `{"role", "content"}`, in
order; a null content is written as "", since the layout's messages carry a string), then the
fields that explain the selection (`EXPORT_FIELDS`). `chatlake ingest` reads such a file back in
its `openai` layout. A `moderation_training` line is one user message: its id is
`<conversation_id>-<message_index>`. Lines are sorted (`EXPORT_ORDER`), so the same tables give
the same bytes.

The file is written atomically through the storage boundary (`Storage.write_lines`): a crash
leaves the previous file, or none, never half of one.
"""

from __future__ import annotations

import logging

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F

from chatlake import ChatlakeError
from chatlake.results import RunInfo, StageResult, Steps
from chatlake.storage import Storage
from chatlake.tables import BRONZE, EXPORTS, gold

log = logging.getLogger(__name__)

# The selection's own fields each line carries after id, model and messages.
EXPORT_FIELDS: dict[str, tuple[str, ...]] = {
    "high_quality": (),
    "safety_benchmark": ("model_rank", "rank", "model_attempts", "max_user_score", "top_category", "responses",
                         "flagged_responses", "model_flagged_response_rate"),
    "moderation_training": ("conversation_id", "message_index", "categories", "score", "flagged"),
}
EXPORT_ORDER: dict[str, tuple[str, ...]] = {
    "high_quality": ("id",),
    "safety_benchmark": ("model_rank", "rank"),
    "moderation_training": ("id",),
}


def check_export_name(name: str) -> None:
    """A one-line error for a name that is not an export."""
    if name not in EXPORTS:
        raise ChatlakeError(f"unknown export {name!r}: choose one of {', '.join(EXPORTS)}")


def _chat_message(message: Column) -> Column:
    return F.struct(message["role"].alias("role"), F.coalesce(message["content"], F.lit("")).alias("content"))


def export_records(name: str, selection_df: DataFrame, bronze_df: DataFrame) -> DataFrame:
    """The lines of export `name`, unsorted.

    Input: the gold selection (`conversation_id`, its fields) and bronze (`conversation_id`,
    `model`, `conversation`). Output columns: value (the JSON line), then the sort columns of
    `EXPORT_ORDER`.
    """
    check_export_name(name)
    fields = EXPORT_FIELDS[name]
    # The selection is small: broadcast, so bronze's text crosses no shuffle.
    joined_df = bronze_df.select("conversation_id", F.col("model").alias("_model"), "conversation").join(
        F.broadcast(selection_df.drop("model", "_run_id")), on="conversation_id", how="inner")
    if name == "moderation_training":
        message = F.get(F.col("conversation"), F.col("message_index"))
        records_df = joined_df.select(
            F.concat_ws("-", "conversation_id", F.col("message_index").cast("string")).alias("id"),
            F.col("_model").alias("model"), F.array(_chat_message(message)).alias("messages"), *fields)
    else:
        records_df = joined_df.select(
            F.col("conversation_id").alias("id"), F.col("_model").alias("model"),
            F.transform("conversation", _chat_message).alias("messages"), *fields)
    order = EXPORT_ORDER[name]
    return records_df.select(
        F.to_json(F.struct("id", "model", "messages", *fields)).alias("value"),
        *[F.col(c).alias(f"_order_{i}") for i, c in enumerate(order)],
    )


def _warn_if_stale(storage: Storage, selection_df: DataFrame, table: str) -> None:
    """Log when the selection is from an earlier aggregate run than gold/basic_stats (the latest
    ran with `exports.enabled = false`): it is exported all the same."""
    statistics = gold("basic_stats")
    if not storage.exists(statistics):
        return
    runs = [row["_run_id"] for df in (selection_df, storage.read(statistics))
            for row in df.select("_run_id").limit(1).collect()]
    if len(runs) == 2 and runs[0] != runs[1]:
        log.warning("export: %s is from aggregate run %s, not from the latest (%s): exported as it is",
                    table, runs[0], runs[1])


def export(storage: Storage, run: RunInfo, name: str, out: str) -> StageResult:
    """Write export `name` to the local file `out` (JSON Lines; gzip when it ends in `.gz`).

    rows_in = rows of the gold selection, rows_out = lines written (a selected conversation that
    bronze no longer holds is left out, and logged).
    """
    check_export_name(name)
    table = gold(name)
    if not storage.exists(table):
        raise ChatlakeError(
            f"{table} does not exist at {storage.path(table)}: run `chatlake aggregate` first "
            "(with exports.enabled = true)")
    steps = Steps("export")
    selection_df = storage.read(table)
    _warn_if_stale(storage, selection_df, table)
    selected = selection_df.count()
    records_df = export_records(name, selection_df, storage.read(BRONZE))
    order = [c for c in records_df.columns if c.startswith("_order_")]
    try:
        with steps.step(f"write {out}") as step:
            step.rows = lines = storage.write_lines(records_df, order, out, run.run_id)
    finally:
        storage.drop_staging(run.run_id)
    if lines != selected:
        log.warning("export: %s of the %s rows of %s are not in bronze: left out", f"{selected - lines:,}",
                    f"{selected:,}", table)
    log.info("export: %s lines of %s written to %s", f"{lines:,}", name, out)
    return StageResult(
        rows_in=selected, rows_out=lines, input=storage.path(table), input_table_version=storage.version(table),
        detail={"export": name, "output": out}, steps=steps.records(),
    )
