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
from dataclasses import dataclass
from datetime import datetime

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from chatlake.config import Config
from chatlake.conform import conform_columns
from chatlake.io import (
    SourceFile,
    drop_staging,
    list_source_files,
    read_parquet_file,
    read_table,
    read_text_lines,
    table_exists,
    write_staging,
    write_table,
)
from chatlake.runlog import Run
from chatlake.schema import LMSYS_SCHEMA, RELEASED_COLUMNS
from chatlake.validation import classify_records, parse_json_lines, validate_records, with_record_hash

log = logging.getLogger(__name__)

BRONZE_TABLE = "bronze/conversations"
QUARANTINE_TABLE = "bronze/quarantine"
BRONZE_METADATA_COLUMNS = ("_source_file", "_ingested_at", "_run_id", "_record_sha256")


@dataclass(frozen=True)
class IngestCounts:
    records_read: int
    accepted: int
    quarantined: int
    duplicates: int
    quarantine_by_reason: dict[str, int]
    files: int


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


def read_source(spark: SparkSession, source_file: SourceFile) -> DataFrame:
    """One source file in the parser's output layout; each file is read on its own because the
    embedded engine has no input_file_name()."""
    if source_file.kind == "parquet":
        return conform_parquet(read_parquet_file(spark, source_file.path), source_file.path)
    lines_df = read_text_lines(spark, source_file.path).withColumn("_source_file", F.lit(source_file.path))
    return parse_json_lines(lines_df)


# --- the job ------------------------------------------------------------------------------------


def _bronze_rows(staged_df: DataFrame, run: Run, ingested_at: datetime) -> DataFrame:
    return staged_df.filter(F.col("_status") == "accepted").select(
        *RELEASED_COLUMNS,
        "_source_file",
        F.lit(ingested_at).alias("_ingested_at"),
        F.lit(run.run_id).alias("_run_id"),
        "_record_sha256",
    )


def _quarantine_rows(staged_df: DataFrame, run: Run, ingested_at: datetime) -> DataFrame:
    raw = F.coalesce(F.col("_raw"), F.to_json(F.struct(*[F.col(name) for name in RELEASED_COLUMNS])))
    return staged_df.filter(F.col("_status") == "quarantined").select(
        F.col("conversation_id"),
        F.col("_reject_reason").alias("reason"),
        F.col("_reject_detail").alias("detail"),
        raw.alias("raw"),
        "_source_file",
        F.lit(ingested_at).alias("_ingested_at"),
        F.lit(run.run_id).alias("_run_id"),
        # The key is the same on every engine: the raw line where there is one, else the
        # record's canonical hash (the JSON text of a Parquet row differs between engines).
        F.sha2(
            F.concat_ws("\u0000", "_source_file", "_reject_reason", F.coalesce("_raw", "_record_sha256")), 256
        ).alias("_quarantine_key"),
    )


def ingest(spark: SparkSession, config: Config, source: str, run: Run) -> IngestCounts:
    """Load the files named by `source` into bronze; returns the counts (also put in `run`)."""
    with run.stage("list files") as stage:
        files = list_source_files(source)
        stage["rows"] = len(files)
    run.input = source if len(files) != 1 else files[0].path
    run.detail["files"] = [f.path for f in files]
    ingested_at = run.started_at.replace(tzinfo=None)

    bronze_exists = table_exists(spark, config, BRONZE_TABLE)
    bronze_keys_df = (
        read_table(spark, config, BRONZE_TABLE).select("conversation_id", "_record_sha256") if bronze_exists else None
    )
    records_df = functools.reduce(DataFrame.unionByName, [read_source(spark, f) for f in files])
    classified_df = (
        records_df.transform(lambda df: validate_records(df, config.ingest.id_pattern, config.ingest.known_roles))
        .transform(with_record_hash)
        .transform(lambda df: classify_records(df, bronze_keys_df))
        # Keep the raw line only where it is needed, for quarantine: it would double the staging.
        .withColumn("_raw", F.when(F.col("_status") == "quarantined", F.col("_raw")))
    )
    try:
        with run.stage("read, validate, classify") as stage:
            staged_df = write_staging(classified_df, config, run.run_id, "classified")
            by_status = staged_df.groupBy("_status", "_reject_reason").count().collect()
            stage["rows"] = sum(row["count"] for row in by_status)
        counts = IngestCounts(
            records_read=sum(row["count"] for row in by_status),
            accepted=sum(row["count"] for row in by_status if row["_status"] == "accepted"),
            quarantined=sum(row["count"] for row in by_status if row["_status"] == "quarantined"),
            duplicates=sum(row["count"] for row in by_status if row["_status"] == "duplicate"),
            quarantine_by_reason={
                row["_reject_reason"]: row["count"] for row in by_status if row["_status"] == "quarantined"
            },
            files=len(files),
        )
        with run.stage("write bronze") as stage:
            if counts.accepted:
                write_table(_bronze_rows(staged_df, run, ingested_at), config, BRONZE_TABLE)
            stage["rows"] = counts.accepted
        with run.stage("write quarantine") as stage:
            quarantine_df = _quarantine_rows(staged_df, run, ingested_at)
            if table_exists(spark, config, QUARANTINE_TABLE):
                known_df = read_table(spark, config, QUARANTINE_TABLE).select("_quarantine_key")
                quarantine_df = quarantine_df.join(known_df, on="_quarantine_key", how="left_anti")
            new_rows = quarantine_df.count() if counts.quarantined else 0
            if new_rows:
                write_table(quarantine_df, config, QUARANTINE_TABLE)
            stage["rows"] = new_rows
    finally:
        drop_staging(config, run.run_id)

    run.rows_in, run.rows_out = counts.records_read, counts.accepted
    run.rows_quarantined, run.rows_duplicate = counts.quarantined, counts.duplicates
    run.detail.update(
        quarantine_by_reason=counts.quarantine_by_reason, quarantine_rows_new=new_rows
    )
    log.info(
        "ingest: %s records read = %s accepted + %s quarantined + %s duplicates (%s files)",
        f"{counts.records_read:,}", f"{counts.accepted:,}", f"{counts.quarantined:,}",
        f"{counts.duplicates:,}", counts.files,
    )
    if counts.quarantine_by_reason:
        log.info("ingest: quarantined by reason: %s", counts.quarantine_by_reason)
    return counts
