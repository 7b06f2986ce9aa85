"""Ingest: conversation files (Parquet, or JSON Lines plain or gzip) in any known layout into bronze
Delta tables.

Reads every source file, recognises its layout (`chatlake.layouts`), validates every record
(`chatlake.validation`), and writes
- `bronze/conversations`: the released columns, `_source_file`, `_ingested_at`, `_run_id`,
  `_record_sha256`, and `battle` (Chatbot Arena battles only, else null), keyed on
  `conversation_id`: a record already there is never added twice;
- `bronze/quarantine`: every record that could not be accepted, whole (`raw`: the line, or the
  Parquet row as JSON), with `reason`, `detail`, `conversation_id` when it has one, `_source_file`,
  `_ingested_at`, `_run_id` and `_quarantine_key` (the same bad record is kept once).
Always: records read = accepted + quarantined + duplicates; the run log stores all four.

Columns are read by name (`chatlake.conform`). A Parquet file whose schema cannot be read in its
layout is quarantined row by row with reason `schema_mismatch`. Extra columns and fields are not
kept; the log names them, per file. A record without an id gets one derived from its content
(`ingest.missing_id`); the run log counts them (`detail.ids_derived`).

When the input does not fit (nothing could be accepted, or more than `ingest.max_quarantine_share`
of it went to quarantine), the quarantine is written, bronze is left as it was, and the result is
`refused` with one line: the counts, the top reasons with an example each, and the settings that
would fix it. A file that cannot be read at all (a truncated gzip stream, invalid UTF-8, a corrupt
Parquet page, no permission) is left out and named, the other files are ingested, and the result is
`incomplete` with one line naming each such file and why. The runner turns both into exit code 2
after committing (`chatlake.runner.run_job`).
"""

from __future__ import annotations

import functools
import logging
import os
import re
from dataclasses import dataclass, field
from typing import Any

from pyspark.sql import DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from chatlake import ChatlakeError
from chatlake.config import IngestSettings
from chatlake.conform import Conformed, conform_columns, json_read_schema, select_records
from chatlake.layouts import Layout, detect_layout, resolve_layout
from chatlake.results import RunInfo, StageResult, Steps
from chatlake.schema import BATTLE_TYPE, CONFORMED_COLUMNS, LMSYS_SCHEMA, RELEASED_COLUMNS
from chatlake.storage import SourceFile, Storage, describe_read_failure, engine_message, list_source_files
from chatlake.tables import BRONZE, BRONZE_BATTLE, QUARANTINE
from chatlake.validation import (
    apply_verdicts,
    classify_keys,
    parse_json_lines,
    validate_records,
    with_conversation_ids,
    with_record_hash,
)

log = logging.getLogger(__name__)

# Records of a JSON Lines file whose keys decide its layout: its first JSON objects.
DETECT_RECORDS = 1000
# The list columns whose message fields are looked at to recognise a layout.
_MESSAGE_COLUMNS = ("conversation", "messages", "conversations", "conversation_a")
_META = ["_raw", "_source_file", "_parse_error", "_parse_detail", "_dropped"]

# --- reading ------------------------------------------------------------------------------------


@dataclass
class SourceRead:
    """One source file as records in the parser's output layout (`validation.parse_json_lines`),
    and how it was read."""

    file: SourceFile
    records_df: DataFrame
    layout: Layout
    conformed: Conformed
    # The source's columns, or the keys of a JSON Lines file's first `DETECT_RECORDS` objects.
    columns: set[str] = field(default_factory=set)

    def mapping(self) -> list[str]:
        """`source -> released` for what the source has (a JSON Lines layout names more)."""
        lines = [
            f"{source} -> {target}"
            for source, target in self.conformed.mapping
            if any(name in self.columns for name in re.split(r"[ ,/+]+", source))
        ]
        aliases = self.layout.role_aliases
        return lines + ([f"roles {', '.join(f'{a} -> {r}' for a, r in aliases.items())}"] if aliases else [])


def _parquet_fields(schema: T.StructType) -> tuple[set[str], dict[str, set[str]]]:
    messages = {}
    for f in schema.fields:
        if isinstance(f.dataType, T.ArrayType) and isinstance(f.dataType.elementType, T.StructType):
            messages[f.name] = set(f.dataType.elementType.names)
    return set(schema.names), messages


def _json_fields(lines_df: DataFrame) -> tuple[set[str], dict[str, set[str]]]:
    """The keys of the first `DETECT_RECORDS` JSON objects of a file, and the message fields of
    its list columns: one small engine job."""
    as_map = T.MapType(T.StringType(), T.StringType())
    top = F.from_json(F.regexp_replace(F.col("value"), "^\ufeff", ""), as_map)
    objects_df = lines_df.select(top.alias("_top")).filter(F.col("_top").isNotNull()).limit(DETECT_RECORDS)

    def message_keys(name: str):
        messages = F.from_json(F.col("_top")[name], T.ArrayType(as_map))
        keys = F.flatten(F.transform(F.filter(messages, lambda m: m.isNotNull()), lambda m: F.map_keys(m)))
        return F.array_distinct(F.flatten(F.collect_list(keys))).alias(name)

    row = objects_df.select(
        F.array_distinct(F.flatten(F.collect_list(F.map_keys("_top")))).alias("_keys"),
        *[message_keys(name) for name in _MESSAGE_COLUMNS],
    ).first()
    if row is None:
        return set(), {}
    return set(row["_keys"] or ()), {name: set(row[name] or ()) for name in _MESSAGE_COLUMNS}


def conform_parquet(df: DataFrame, source_file: str, layout: Layout, conformed: Conformed) -> DataFrame:
    """Parquet rows in the parser's output layout (see `validation.parse_json_lines`), the columns
    of `layout` read by name as `chatlake.conform` explains.

    Rows of a file whose schema cannot be read so get `_parse_error` `schema_mismatch`, their
    whole content as JSON in `_raw`, and null released columns (but the id, when it can be read).
    """
    if conformed.problems:
        detail = "; ".join(conformed.problems)
        id_column = conformed.id_column
        readable_id = id_column and not any(p.startswith(f"column {id_column} is") for p in conformed.problems)
        return df.select(
            *[
                (F.col(f"`{id_column}`").cast("string") if name == "conversation_id" and readable_id else F.lit(None))
                .cast(field_type)
                .alias(name)
                for name, field_type in [(f.name, f.dataType) for f in LMSYS_SCHEMA.fields]
            ],
            F.lit(None).cast(BATTLE_TYPE).alias("battle"),
            F.to_json(F.struct(*[F.col(f"`{name}`") for name in df.columns])).alias("_raw"),
            F.lit(source_file).alias("_source_file"),
            F.lit("schema_mismatch").alias("_parse_error"),
            F.lit(detail).alias("_parse_detail"),
            F.lit(None).cast("array<string>").alias("_dropped"),
        )
    meta_df = df.select(
        "*",
        *[
            F.lit(value).cast(data_type).alias(name)
            for name, value, data_type in (
                ("_raw", None, "string"), ("_source_file", source_file, "string"), ("_parse_error", None, "string"),
                ("_parse_detail", None, "string"), ("_dropped", None, "array<string>"),
            )
        ],
    )
    return select_records(meta_df, conformed, _META)


def read_source(
    storage: Storage, source_file: SourceFile, settings: IngestSettings, limit: int | None = None
) -> SourceRead:
    """One source file in the parser's output layout, its layout recognised from its columns or
    keys; the first `limit` rows or lines only, when given. Each file is read on its own because
    the embedded engine has no input_file_name()."""
    if source_file.kind == "parquet":
        df = storage.read_parquet_file(source_file.path)
        columns, message_fields = _parquet_fields(df.schema)
        layout = resolve_layout(detect_layout(columns, message_fields), settings)
        conformed = conform_columns(df.schema, layout)
        if limit is not None:
            df = df.limit(limit)
        records_df = conform_parquet(df, source_file.path, layout, conformed)
        return SourceRead(source_file, records_df, layout, conformed, columns)
    lines_df = storage.read_text_lines(source_file.path)
    columns, message_fields = _json_fields(lines_df)
    layout = resolve_layout(detect_layout(columns, message_fields), settings)
    if limit is not None:
        lines_df = lines_df.limit(limit)
    records_df = parse_json_lines(lines_df.withColumn("_source_file", F.lit(source_file.path)), layout)
    return SourceRead(source_file, records_df, layout, conform_columns(json_read_schema(layout), layout), columns)


def validated_records(records_df: DataFrame, settings: IngestSettings) -> DataFrame:
    """Records in the parser's output layout with ids, verdicts and content hashes."""
    return (
        records_df.transform(lambda df: with_conversation_ids(df, settings.missing_id == "derive"))
        .transform(lambda df: validate_records(df, settings.id_pattern, settings.known_roles))
        .transform(with_record_hash)
    )


def _log_read(read: SourceRead) -> None:
    path, conformed = read.file.path, read.conformed
    log.info("%s: layout %s", path, read.layout.described())
    if not read.layout.recognised:
        shown = ", ".join(sorted(read.columns)[:12]) or "none"
        log.warning("%s: no layout recognised from its columns or keys (%s); set ingest.layout or ingest.columns.*",
                    path, shown)
    if read.file.kind != "parquet":  # a JSON Lines file's fields not kept are logged once it is read
        return
    if conformed.renamed:
        log.info("%s: read as the released columns: %s", path, ", ".join(conformed.renamed))
    if conformed.dropped:
        log.warning("%s: not kept: %s", path, ", ".join(conformed.dropped))
    if conformed.problems:
        log.warning("%s: schema mismatch, every row goes to quarantine: %s", path, "; ".join(conformed.problems))


# --- the job ------------------------------------------------------------------------------------


def _bronze_rows(staged_df: DataFrame, run: RunInfo) -> DataFrame:
    # `battle` comes last: a table written before it existed gets it added at its end.
    return staged_df.filter(F.col("_status") == "accepted").select(
        *RELEASED_COLUMNS,
        "_source_file",
        F.lit(run.started_at_naive).alias("_ingested_at"),
        F.lit(run.run_id).alias("_run_id"),
        "_record_sha256",
        BRONZE_BATTLE,
    )


def _quarantine_rows(staged_df: DataFrame, run: RunInfo) -> DataFrame:
    as_json = F.when(F.col("battle").isNull(), F.to_json(F.struct(*[F.col(name) for name in RELEASED_COLUMNS])))
    raw = F.coalesce(
        F.col("_raw"), as_json.otherwise(F.to_json(F.struct(*[F.col(name) for name in CONFORMED_COLUMNS])))
    )
    return staged_df.filter(F.col("_status") == "quarantined").select(
        F.col("conversation_id"),
        F.col("_reject_reason").alias("reason"),
        F.col("_reject_detail").alias("detail"),
        raw.alias("raw"),
        "_source_file",
        F.lit(run.started_at_naive).alias("_ingested_at"),
        F.lit(run.run_id).alias("_run_id"),
        # The key is the same on every engine: the raw line where there is one, else the
        # record's canonical hash (the JSON text of a Parquet row differs between engines); and
        # the side of a battle, whose two records share a line.
        F.sha2(
            F.concat_ws(
                "\u0000", "_source_file", "_reject_reason", F.coalesce("_raw", "_record_sha256"), F.col("battle.side")
            ),
            256,
        ).alias("_quarantine_key"),
    )


def _staged_records(reads: list[SourceRead], settings: IngestSettings, part: int) -> DataFrame:
    """The validated records of some files, each with a `_row` unique in the run."""
    records_df = functools.reduce(DataFrame.unionByName, [read.records_df for read in reads])
    return (
        validated_records(records_df, settings)
        # Keep the raw line only where it is needed, for quarantine: it would double the staging.
        .withColumn("_raw", F.when(F.col("_reject_reason").isNotNull(), F.col("_raw")))
        # The engine's id carries the partition in its upper bits (below bit 48); the part goes above.
        .withColumn("_row", F.monotonically_increasing_id() + F.lit(part << 48))
    )


@dataclass
class _Staging:
    """What the batches of a run staged, and what could not be read."""

    names: list[str] = field(default_factory=list)
    schema: T.StructType | None = None
    unreadable: dict[str, str] = field(default_factory=dict)
    layouts: dict[str, str] = field(default_factory=dict)
    parts: int = 0

    def next_part(self) -> int:
        self.parts += 1
        return self.parts


def _stage_batch(
    storage: Storage, files: list[SourceFile], settings: IngestSettings, run: RunInfo, staging: _Staging
) -> None:
    """Stage the validated records of `files` in one engine job; when it fails, stage each file
    alone, so that the file that cannot be read is named and left out and the others are not."""
    reads = []
    for source_file in files:
        try:
            read = read_source(storage, source_file, settings)
        except Exception as exc:  # a file the engine cannot open; ChatlakeError included
            staging.unreadable[source_file.path] = describe_read_failure(source_file, exc)
            continue
        _log_read(read)
        staging.layouts[source_file.path] = read.layout.name
        reads.append(read)
    groups = [reads] if reads else []
    while groups:
        group = groups.pop(0)
        part = staging.next_part()
        name = f"validated/part-{part:05d}"
        try:
            staged_df = storage.stage(_staged_records(group, settings, part), run.run_id, name)
        except Exception as exc:  # which file it was is found below
            if len(group) == 1:
                staging.unreadable[group[0].file.path] = describe_read_failure(group[0].file, exc)
                staging.layouts.pop(group[0].file.path, None)
            else:
                log.warning("ingest: a batch of %d files failed (%s); staging them one by one", len(group),
                            engine_message(exc))
                groups = [[read] for read in group] + groups
            continue
        staging.names.append(name)
        staging.schema = staged_df.schema


# What would fix a run refused for each reason: the settings to look at.
_FIXES = {
    "unparseable_line": "check that the files are JSON Lines (one JSON object per line)",
    "wrong_type": "ingest.columns.* (a field the layout reads holds something else) or ingest.layout",
    "schema_mismatch": "ingest.layout or ingest.columns.* (see `chatlake inspect --source ...`)",
    "missing_id": 'ingest.columns.id (the column holding the ids) or ingest.missing_id = "derive"',
    "missing_conversation": "ingest.columns.conversation (the column holding the messages) or ingest.layout",
    "empty_conversation": "none: these records hold no message",
    "invalid_message": "ingest.columns.conversation",
    "unknown_role": "ingest.roles (an alias, e.g. --set ingest.roles.bot=assistant) or ingest.known_roles",
    "conflicting_duplicate": "ingest.columns.id (these ids are not unique)",
}


def _fix(reason: str, settings: IngestSettings) -> str:
    if reason == "malformed_id":
        return f"ingest.id_pattern (now {settings.id_pattern!r}; empty accepts any id)"
    return _FIXES.get(reason, "ingest.layout or ingest.columns.*")


def _shorten(text: str | None, limit: int = 80) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def refusal_line(counts: dict[str, int], by_reason: dict[str, int], examples: dict[str, dict[str, Any]],
                 settings: IngestSettings) -> str:
    """The one line of a refused ingest: counts, the top three reasons with an example each, and
    the settings that would fix each. `examples` has per reason the `file`, `detail` and `raw` of
    one record."""
    read, quarantined = counts["read"], counts["quarantined"]
    share = quarantined / read if read else 0.0
    why = "no record could be accepted" if counts["accepted"] + counts["duplicates"] == 0 else (
        f"{share:.1%} quarantined, more than ingest.max_quarantine_share = {settings.max_quarantine_share:.0%}"
    )
    parts = []
    for reason, count in sorted(by_reason.items(), key=lambda item: (-item[1], item[0]))[:3]:
        example = examples.get(reason, {})
        shown = _shorten(example.get("detail"), 70)
        if example.get("raw") and reason not in ("malformed_id", "unknown_role"):
            shown = f"{shown} in {_shorten(example['raw'], 60)}" if shown else _shorten(example["raw"], 60)
        where = os.path.basename(example.get("file") or "")
        parts.append(f"{reason} {count:,} (e.g. {where}: {shown}; fix: {_fix(reason, settings)})")
    return (
        f"ingest refused ({why}): {read:,} records read = {counts['accepted']:,} accepted + "
        f"{quarantined:,} quarantined + {counts['duplicates']:,} duplicates; bronze left as it was, "
        f"the quarantine written. {'; '.join(parts) if parts else 'no records in the input'}"
        + ("" if settings.max_quarantine_share >= 1.0 else "; to load it anyway, raise ingest.max_quarantine_share")
    )


def unreadable_line(unreadable: dict[str, str], total: int) -> str:
    """The one line naming the files that could not be read and why."""
    shown = "; ".join(f"{path}: {why}" for path, why in list(unreadable.items())[:3])
    more = f"; and {len(unreadable) - 3} more" if len(unreadable) > 3 else ""
    return f"{len(unreadable)} of {total} input files could not be read and were left out: {shown}{more}"


def _examples(classified_df: DataFrame) -> dict[str, dict[str, Any]]:
    """One quarantined record per reason (the first by file and row): small, for one line."""
    raw = F.coalesce(F.col("_raw"), F.to_json(F.struct(*[F.col(name) for name in RELEASED_COLUMNS])))
    first = F.min(F.struct("_source_file", "_row", "_reject_detail", F.substring(raw, 1, 200).alias("raw")))
    quarantined_df = classified_df.filter(F.col("_status") == "quarantined")
    rows = quarantined_df.groupBy("_reject_reason").agg(first.alias("e")).collect()
    return {
        r["_reject_reason"]: {"file": r["e"]["_source_file"], "detail": r["e"]["_reject_detail"], "raw": r["e"]["raw"]}
        for r in rows
    }


def ingest(storage: Storage, settings: IngestSettings, source: str, run: RunInfo) -> StageResult:
    """Load the files named by `source` into bronze; returns the counts for the run log.

    rows_in = records read, rows_out = accepted, rows_quarantined, rows_duplicate (always
    rows_in = rows_out + rows_quarantined + rows_duplicate); detail holds the files and their
    layouts, the quarantine counts by reason, the new quarantine and bronze rows (none in bronze
    when the run is refused), the ids derived, the fields not kept, and the files skipped or left out.
    """
    steps = Steps("ingest")
    with steps.step("list and check files") as step:
        listing = list_source_files(source)
        step.rows = len(listing.files)
    if listing.skipped:
        log.warning("ingest: skipped %d file(s) of the folder that are not .parquet or .jsonl[.gz]: %s "
                    "(a glob that names .json files reads them as JSON Lines)",
                    len(listing.skipped), ", ".join(os.path.basename(p) for p in listing.skipped[:10]))
    files, total_files = listing.files, len(listing.files) + len(listing.unreadable)
    staging = _Staging(unreadable=dict(listing.unreadable))
    bronze_keys_df = (
        storage.read(BRONZE).select("conversation_id", "_record_sha256") if storage.exists(BRONZE) else None
    )
    try:
        with steps.step("read, validate") as step:
            # An engine reads every file of a job at once: batches keep the memory flat.
            per_batch = max(1, settings.files_per_batch)
            for start in range(0, len(files), per_batch):
                _stage_batch(storage, files[start : start + per_batch], settings, run, staging)
            for path, why in staging.unreadable.items():
                log.error("%s: left out: %s", path, why)
            if not staging.names:
                raise ChatlakeError(unreadable_line(staging.unreadable, total_files).replace(
                    "were left out", "nothing was ingested"))
            staged_df = storage.read_staged(run.run_id, staging.names, staging.schema)
            keys_df = staged_df.select(
                "_row", "conversation_id", "_record_sha256", "_source_file", "_reject_reason", "_id_derived"
            )
            by_check = keys_df.groupBy("_reject_reason", "_id_derived").count().collect()
            invalid: dict[str | None, int] = {}
            for row in by_check:
                invalid[row["_reject_reason"]] = invalid.get(row["_reject_reason"], 0) + row["count"]
            ids_derived = sum(row["count"] for row in by_check if row["_id_derived"])
            records_read = sum(invalid.values())
            valid = invalid.pop(None, 0)
            step.rows = records_read
        dropped = _dropped_fields(staged_df)
        with steps.step("classify: duplicates and conflicts, on keys") as step:
            exceptions_df = storage.stage(classify_keys(keys_df, bronze_keys_df), run.run_id, "exceptions")
            by_verdict = exceptions_df.groupBy("_status", "_reject_reason").count().collect()
            step.rows = sum(row["count"] for row in by_verdict)
        duplicates = sum(row["count"] for row in by_verdict if row["_status"] == "duplicate")
        conflicts = sum(row["count"] for row in by_verdict if row["_status"] == "quarantined")
        accepted = valid - duplicates - conflicts
        quarantined = records_read - valid + conflicts
        by_reason = {**invalid, **({"conflicting_duplicate": conflicts} if conflicts else {})}
        counts = {"read": records_read, "accepted": accepted, "quarantined": quarantined, "duplicates": duplicates}
        classified_df = apply_verdicts(staged_df, exceptions_df)
        refused = accepted + duplicates == 0 or quarantined > settings.max_quarantine_share * records_read
        with steps.step("write bronze") as step:
            if accepted and not refused:
                bronze_df = _bronze_rows(classified_df, run)
                added = storage.add_missing_columns(BRONZE, bronze_df.schema)
                if added:
                    log.info("ingest: %s gains the column(s) %s", BRONZE, ", ".join(added))
                storage.write(bronze_df, BRONZE, run_id=run.run_id)
            step.rows = 0 if refused else accepted
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
        errors, status = [], "succeeded"
        if refused:
            errors.append(refusal_line(counts, by_reason, _examples(classified_df), settings))
            status = "refused"
        if staging.unreadable:
            errors.append(unreadable_line(staging.unreadable, total_files))
            status = status if refused else "incomplete"
    finally:
        storage.drop_staging(run.run_id)

    log.info(
        "ingest: %s records read = %s accepted + %s quarantined + %s duplicates (%s files)",
        f"{records_read:,}", f"{accepted:,}", f"{quarantined:,}", f"{duplicates:,}", len(staging.layouts),
    )
    if by_reason:
        log.info("ingest: quarantined by reason: %s", by_reason)
    if ids_derived:
        log.info("ingest: %s records had no id: their ids were derived from their content", f"{ids_derived:,}")
    layouts: dict[str, int] = {}
    for name in staging.layouts.values():
        layouts[name] = layouts.get(name, 0) + 1
    return StageResult(
        rows_in=records_read, rows_out=accepted, rows_quarantined=quarantined,
        rows_duplicate=duplicates,
        input=source if len(files) != 1 else files[0].path,
        detail={
            "files": [f.path for f in files], "layouts": layouts, "quarantine_by_reason": by_reason,
            "quarantine_rows_new": new_rows, "bronze_rows_new": 0 if refused else accepted,
            "ids_derived": ids_derived, "not_kept": dropped,
            "skipped_files": listing.skipped, "unreadable_files": staging.unreadable,
            **({"refused": counts} if refused else {}),
        },
        steps=steps.records(), status=status, error=" | ".join(errors),
    )


def _dropped_fields(staged_df: DataFrame) -> dict[str, list[str]]:
    """The JSON Lines keys and message fields not kept, per file (logged; Parquet files' are
    logged from their schema when they are read)."""
    rows = (
        staged_df.filter(F.col("_dropped").isNotNull())
        .select("_source_file", F.explode("_dropped").alias("name"))
        .distinct()
        .collect()
    )
    dropped: dict[str, list[str]] = {}
    for row in rows:
        dropped.setdefault(row["_source_file"], []).append(row["name"])
    for path, names in sorted(dropped.items()):
        names.sort()
        log.warning("%s: not kept: %s", path, ", ".join(names))
    return dropped
