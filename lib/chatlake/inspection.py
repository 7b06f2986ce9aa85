"""`chatlake inspect`: what ingest would make of a source, from a sample of each file, written
nowhere (no table, no run log, no staging, no lock).

Per file: the layout recognised (`chatlake.layouts`), the mapping `chatlake.conform` would apply,
what would not be kept, and the verdicts `chatlake.validation` gives the sampled records (the
share accepted, the reasons for the rest with an example each). Duplicates are counted within the
sample only: the tables are not read. `format_inspection` is pure, for tests and the terminal.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from pyspark.sql import functions as F

from chatlake.config import IngestSettings
from chatlake.ingest import read_source, validated_records
from chatlake.schema import RELEASED_COLUMNS
from chatlake.storage import SourceFile, Storage, describe_read_failure, list_source_files
from chatlake.validation import classify_records


@dataclass(frozen=True)
class FileInspection:
    """What ingest would make of the sampled records of one file."""

    path: str
    layout: str = ""
    mapping: list[str] = field(default_factory=list)
    not_kept: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    records: int = 0
    accepted: int = 0
    quarantined: int = 0
    duplicates: int = 0
    ids_derived: int = 0
    # reason -> (records, an example: the detail and the start of the record)
    reasons: dict[str, tuple[int, str]] = field(default_factory=dict)
    hint: str = ""  # what to set when no layout was recognised
    unreadable: str = ""  # why the file cannot be read; then nothing else is set


@dataclass(frozen=True)
class Inspection:
    source: str
    sample: int
    files: list[FileInspection]
    not_inspected: int = 0
    skipped: list[str] = field(default_factory=list)
    max_quarantine_share: float = 0.5


def inspect_file(storage: Storage, settings: IngestSettings, path: str, kind: str, sample: int) -> FileInspection:
    """Read the first `sample` records of one file as ingest would, and count the verdicts."""
    source_file = SourceFile(path, kind)  # type: ignore[arg-type]
    try:
        read = read_source(storage, source_file, settings, limit=sample)
        checked_df = validated_records(read.records_df, settings).withColumn("_row", F.monotonically_increasing_id())
        classified_df = classify_records(checked_df, None)
        counts = classified_df.groupBy("_status", "_reject_reason", "_id_derived").count().collect()
        raw = F.coalesce(F.col("_raw"), F.to_json(F.struct(*[F.col(name) for name in RELEASED_COLUMNS])))
        first = F.min(F.struct("_row", "_reject_detail", F.substring(raw, 1, 120).alias("raw")))
        examples = {
            row["_reject_reason"]: row["e"]
            for row in classified_df.filter(F.col("_status") == "quarantined")
            .groupBy("_reject_reason")
            .agg(first.alias("e"))
            .collect()
        }
        if kind == "parquet":
            not_kept = read.conformed.dropped
        else:
            not_kept = sorted(
                row["name"]
                for row in checked_df.select(F.explode("_dropped").alias("name")).distinct().collect()
            )
    except Exception as exc:  # a file ingest would leave out, and why
        return FileInspection(path, unreadable=describe_read_failure(source_file, exc))
    total = {status: sum(r["count"] for r in counts if r["_status"] == status) for status in
             ("accepted", "quarantined", "duplicate")}
    by_reason: dict[str, int] = {}
    for row in counts:
        if row["_status"] == "quarantined":
            by_reason[row["_reject_reason"]] = by_reason.get(row["_reject_reason"], 0) + row["count"]
    reasons = {
        reason: (count, _example(examples.get(reason)))
        for reason, count in sorted(by_reason.items(), key=lambda item: (-item[1], item[0]))
    }
    hint = ""
    if not read.layout.recognised and not read.layout.overridden:
        seen = ", ".join(sorted(read.columns)[:12]) or "none"
        hint = f"name the columns with ingest.columns.* (or pick ingest.layout); columns or keys seen: {seen}"
    return FileInspection(
        path,
        layout=read.layout.described(),
        hint=hint,
        mapping=read.mapping(),
        not_kept=not_kept,
        problems=read.conformed.problems if kind == "parquet" else [],
        records=sum(total.values()),
        accepted=total["accepted"],
        quarantined=total["quarantined"],
        duplicates=total["duplicate"],
        ids_derived=sum(r["count"] for r in counts if r["_id_derived"]),
        reasons=reasons,
    )


def _example(example) -> str:
    if example is None:
        return ""
    detail = example["_reject_detail"] or ""
    shown = " ".join((example["raw"] or "").split())
    return f"{detail}: {shown[:80]}{'…' if len(shown) > 80 else ''}" if shown else detail


def inspect_source(storage: Storage, settings: IngestSettings, source: str, sample: int = 1000,
                   max_files: int = 10) -> Inspection:
    """The first `sample` records of each of the first `max_files` files of `source`."""
    listing = list_source_files(source)
    kinds = {f.path: f.kind for f in listing.files}
    paths = sorted([*kinds, *listing.unreadable])
    files = []
    for path in paths[:max_files]:
        if path in listing.unreadable:
            files.append(FileInspection(path, unreadable=listing.unreadable[path]))
        else:
            files.append(inspect_file(storage, settings, path, kinds[path], sample))
    return Inspection(source, sample, files, max(0, len(paths) - max_files), listing.skipped,
                      settings.max_quarantine_share)


def _records(count: int) -> str:
    return f"{count:,} record{'' if count == 1 else 's'}"


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def format_inspection(inspection: Inspection) -> str:
    """The text `chatlake inspect` prints."""
    count = len(inspection.files) + inspection.not_inspected
    lines = [
        f"chatlake inspect: {inspection.source} ({count} file{'s' if count != 1 else ''}; the first "
        f"{inspection.sample:,} records of each; nothing is written)"
    ]
    for f in inspection.files:
        lines += ["", f.path]
        if f.unreadable:
            lines.append(f"  cannot be read: {f.unreadable} (ingest leaves it out and ends with an error)")
            continue
        lines.append(f"  layout:     {f.layout}")
        mapping = "; ".join(f.mapping) or "none: the file has none of the columns this layout reads"
        lines.append(f"  mapping:    {mapping}")
        if f.hint:
            lines.append(f"  hint:       {f.hint}")
        if f.not_kept:
            lines.append(f"  not kept:   {', '.join(f.not_kept)}")
        if f.problems:
            lines.append(f"  schema:     cannot be read in this layout: {'; '.join(f.problems)}")
        derived = f"; ids derived from content: {f.ids_derived:,}" if f.ids_derived else ""
        lines.append(
            f"  sample:     {_records(f.records)}: {f.accepted:,} would be accepted ({_share(f.accepted, f.records)}), "
            f"{f.quarantined:,} quarantined, {f.duplicates:,} duplicates{derived}"
        )
        for reason, (records, example) in f.reasons.items():
            lines.append(f"  quarantine: {reason} {records:,} (e.g. {example})")
    read = [f for f in inspection.files if not f.unreadable]
    records = sum(f.records for f in read)
    accepted = sum(f.accepted for f in read)
    quarantined = sum(f.quarantined for f in read)
    usable = accepted + sum(f.duplicates for f in read)
    lines.append("")
    if inspection.not_inspected:
        lines.append(f"{inspection.not_inspected} more file(s) not inspected (--files)")
    if inspection.skipped:
        names = ", ".join(os.path.basename(p) for p in inspection.skipped[:5])
        lines.append(f"skipped, not .parquet or .jsonl[.gz]: {names}{' ...' if len(inspection.skipped) > 5 else ''}")
    verdict = (
        "ingest would refuse it" if records and (usable == 0 or quarantined > inspection.max_quarantine_share * records)
        else "ingest would load it" if records else "no records"
    )
    lines.append(
        f"total: {_records(records)} sampled: {accepted:,} would be accepted ({_share(accepted, records)}), "
        f"{quarantined:,} quarantined; {verdict} (it refuses more than "
        f"{inspection.max_quarantine_share:.0%} quarantined, ingest.max_quarantine_share)"
    )
    return "\n".join(lines)
