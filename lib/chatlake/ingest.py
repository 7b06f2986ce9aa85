"""Ingest: conversation files (Parquet shards or JSON Lines, plain or gzip) into bronze Delta tables.

Reads every source file, validates every record (`chatlake.validation`), and writes
- `bronze/conversations`: the released columns plus `_source_file`, `_ingested_at`, `_run_id` and
  `_record_sha256`, keyed on `conversation_id`: a record already there is never added twice;
- `bronze/quarantine`: every record that could not be accepted, whole (`raw`: the line, or the
  Parquet row as JSON), with `reason`, `detail`, `conversation_id` when it has one, `_source_file`,
  `_ingested_at`, `_run_id` and `_quarantine_key` (the same bad record is kept once).
Always: records read = accepted + quarantined + duplicates; the run log stores all four.

Columns are read by name (`chatlake.conform`): public subsets without `openai_moderation` or
`redacted` ingest with nulls, and WildChat's layout (`conversation_hash`, underscore moderation keys,
extra message fields) reads as the released one. A Parquet file whose schema cannot be read so (a
required column missing, or a column of an incompatible type) is quarantined row by row with
reason `schema_mismatch`. Extra columns and fields are not kept; the log names them.
"""

from __future__ import annotations

import functools
import logging

from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from chatlake.config import IngestSettings
from chatlake.conform import conform_columns
from chatlake.results import RunInfo, StageResult, Steps
from chatlake.schema import LMSYS_SCHEMA, RELEASED_COLUMNS
from chatlake.storage import SourceFile, Storage, list_source_files
from chatlake.tables import BRONZE, QUARANTINE
from chatlake.validation import apply_verdicts, classify_keys, parse_json_lines, validate_records, with_record_hash

log = logging.getLogger(__name__)


# --- reading ------------------------------------------------------------------------------------


def conform_parquet(df: DataFrame, source_file: str) -> DataFrame:
    """Parquet rows in the parser's output layout (see `validation.parse_json_lines`), the released
    columns read by name as `chatlake.conform` explains.

    Rows of a file whose schema cannot be read as the released one get `_parse_error`
    `schema_mismatch`, their whole content as JSON in `_raw`, and null released columns.
    """
    conformed = conform_columns(df.schema)
    if conformed.renamed:
        log.info("%s: read as the released columns: %s", source_file, ", ".join(conformed.renamed))
    if conformed.dropped:
        log.warning("%s: not in the released schema, not kept: %s", source_file, ", ".join(conformed.dropped))
    if conformed.problems:
        detail = "; ".join(conformed.problems)
        log.warning("%s: schema mismatch, every row goes to quarantine: %s", source_file, detail)
        id_column = conformed.id_column
        return df.select(
            *[
                (F.col(id_column).cast("string") if name == "conversation_id" and id_column else F.lit(None))
                .cast(field.dataType)
                .alias(name)
                for name, field in zip(RELEASED_COLUMNS, LMSYS_SCHEMA.fields)
            ],
            F.to_json(F.struct(*[F.col(f"`{name}`") for name in df.columns])).alias("_raw"),
            F.lit(source_file).alias("_source_file"),
            F.lit("schema_mismatch").alias("_parse_error"),
            F.lit(detail).alias("_parse_detail"),
        )
    return df.select(
        *conformed.columns,
        F.lit(None).cast("string").alias("_raw"),
        F.lit(source_file).alias("_source_file"),
        F.lit(None).cast("string").alias("_parse_error"),
        F.lit(None).cast("string").alias("_parse_detail"),
    )


def read_source(storage: Storage, source_file: SourceFile) -> DataFrame:
    """One source file in the parser's output layout; each file is read on its own because the
    embedded engine has no input_file_name()."""
    if source_file.kind == "parquet":
        return conform_parquet(storage.read_parquet_file(source_file.path), source_file.path)
    lines_df = storage.read_text_lines(source_file.path).withColumn("_source_file", F.lit(source_file.path))
    return parse_json_lines(lines_df)


# --- the job ------------------------------------------------------------------------------------


def _bronze_rows(staged_df: DataFrame, run: RunInfo) -> DataFrame:
    return staged_df.filter(F.col("_status") == "accepted").select(
        *RELEASED_COLUMNS,
        "_source_file",
        F.lit(run.started_at_naive).alias("_ingested_at"),
        F.lit(run.run_id).alias("_run_id"),
        "_record_sha256",
    )


def _quarantine_rows(staged_df: DataFrame, run: RunInfo) -> DataFrame:
    raw = F.coalesce(F.col("_raw"), F.to_json(F.struct(*[F.col(name) for name in RELEASED_COLUMNS])))
    return staged_df.filter(F.col("_status") == "quarantined").select(
        F.col("conversation_id"),
        F.col("_reject_reason").alias("reason"),
        F.col("_reject_detail").alias("detail"),
        raw.alias("raw"),
        "_source_file",
        F.lit(run.started_at_naive).alias("_ingested_at"),
        F.lit(run.run_id).alias("_run_id"),
        # The key is the same on every engine: the raw line where there is one, else the
        # record's canonical hash (the JSON text of a Parquet row differs between engines).
        F.sha2(
            F.concat_ws("\u0000", "_source_file", "_reject_reason", F.coalesce("_raw", "_record_sha256")), 256
        ).alias("_quarantine_key"),
    )


def _validated(storage: Storage, files: list[SourceFile], settings: IngestSettings, batch: int) -> DataFrame:
    """The records of `files`, validated and hashed, each with a `_row` unique in the run."""
    records_df = functools.reduce(DataFrame.unionByName, [read_source(storage, f) for f in files])
    return (
        records_df.transform(lambda df: validate_records(df, settings.id_pattern, settings.known_roles))
        .transform(with_record_hash)
        # Keep the raw line only where it is needed, for quarantine: it would double the staging.
        .withColumn("_raw", F.when(F.col("_reject_reason").isNotNull(), F.col("_raw")))
        # The engine's id carries the partition in its upper bits (below bit 48); the batch goes above.
        .withColumn("_row", F.monotonically_increasing_id() + F.lit(batch << 48))
    )


def ingest(storage: Storage, settings: IngestSettings, source: str, run: RunInfo) -> StageResult:
    """Load the files named by `source` into bronze; returns the counts for the run log.

    rows_in = records read, rows_out = accepted, rows_quarantined, rows_duplicate; detail holds
    the files, the quarantine counts by reason and the new quarantine rows.
    """
    steps = Steps("ingest")
    with steps.step("list files") as step:
        files = list_source_files(source)
        step.rows = len(files)

    bronze_keys_df = storage.read(BRONZE).select("conversation_id", "_record_sha256") if storage.exists(BRONZE) else None
    try:
        with steps.step("read, validate") as step:
            # An engine reads every file of a job at once: batches keep the memory flat.
            per_batch = max(1, settings.files_per_batch)
            for index, start in enumerate(range(0, len(files), per_batch)):
                batch = files[start : start + per_batch]
                staged_df = storage.stage(_validated(storage, batch, settings, index), run.run_id, "validated", append=True)
            keys_df = staged_df.select("_row", "conversation_id", "_record_sha256", "_source_file", "_reject_reason")
            invalid = {row["_reject_reason"]: row["count"] for row in keys_df.groupBy("_reject_reason").count().collect()}
            records_read = sum(invalid.values())
            valid = invalid.pop(None, 0)
            step.rows = records_read
        with steps.step("classify: duplicates and conflicts, on keys") as step:
            exceptions_df = storage.stage(classify_keys(keys_df, bronze_keys_df), run.run_id, "exceptions")
            by_verdict = exceptions_df.groupBy("_status", "_reject_reason").count().collect()
            step.rows = sum(row["count"] for row in by_verdict)
        duplicates = sum(row["count"] for row in by_verdict if row["_status"] == "duplicate")
        conflicts = sum(row["count"] for row in by_verdict if row["_status"] == "quarantined")
        accepted = valid - duplicates - conflicts
        quarantined = records_read - valid + conflicts
        by_reason = {**invalid, **({"conflicting_duplicate": conflicts} if conflicts else {})}
        classified_df = apply_verdicts(staged_df, exceptions_df)
        with steps.step("write bronze") as step:
            if accepted:
                storage.write(_bronze_rows(classified_df, run), BRONZE, run_id=run.run_id)
            step.rows = accepted
        with steps.step("write quarantine") as step:
            new_rows = 0
            if quarantined:
                quarantine_df = _quarantine_rows(classified_df, run)
                if storage.exists(QUARANTINE):
                    known_df = storage.read(QUARANTINE).select("_quarantine_key")
                    quarantine_df = quarantine_df.join(known_df, on="_quarantine_key", how="left_anti")
                quarantine_df = storage.stage(quarantine_df, run.run_id, "quarantine")
                new_rows = quarantine_df.count()
                if new_rows:
                    storage.write(quarantine_df, QUARANTINE, run_id=run.run_id)
            step.rows = new_rows
    finally:
        storage.drop_staging(run.run_id)

    log.info(
        "ingest: %s records read = %s accepted + %s quarantined + %s duplicates (%s files)",
        f"{records_read:,}", f"{accepted:,}", f"{quarantined:,}", f"{duplicates:,}", len(files),
    )
    if by_reason:
        log.info("ingest: quarantined by reason: %s", by_reason)
    return StageResult(
        rows_in=records_read, rows_out=accepted, rows_quarantined=quarantined, rows_duplicate=duplicates,
        input=source if len(files) != 1 else files[0].path,
        detail={"files": [f.path for f in files], "quarantine_by_reason": by_reason, "quarantine_rows_new": new_rows},
        steps=steps.records(),
    )
