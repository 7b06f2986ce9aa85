"""Every read and write of chatlake: source files, tables (Delta or Parquet), staging.

Tables live under `config.table_root` as `<layer>/<name>` (e.g. `bronze/conversations`) in
`config.format`. Local paths are checked here, in the driver, before Spark sees them, so a missing
or non-Parquet/non-JSON file is a one-line error naming it rather than an engine stack trace.
"""

from __future__ import annotations

import glob
import gzip
import json
import logging
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F

from chatlake import ChatlakeError
from chatlake.config import Config

log = logging.getLogger(__name__)

SourceKind = Literal["parquet", "jsonl"]

_PARQUET_SUFFIXES = (".parquet",)
_JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson", ".jsonl.gz", ".json.gz", ".ndjson.gz")
# How many non-blank lines of a JSON Lines file are sniffed before deciding it is not JSON at all.
_SNIFF_LINES = 50


@dataclass(frozen=True)
class SourceFile:
    path: str
    kind: SourceKind


def is_local(path: str) -> bool:
    return "://" not in path and not path.startswith("dbfs:") or path.startswith("file://")


def _kind_of(path: str) -> SourceKind | None:
    name = path.lower()
    if name.endswith(_PARQUET_SUFFIXES):
        return "parquet"
    if name.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    return None


def list_source_files(source: str) -> list[SourceFile]:
    """The input files named by `source`: a file, a folder (searched recursively) or a glob.

    Remote URIs (s3://, abfss://, dbfs:/) are passed through as single files. Files are returned
    sorted, so that every run sees them in the same order.
    """
    if not is_local(source):
        kind = _kind_of(source)
        if kind is None:
            raise ChatlakeError(f"{source}: not a .parquet or .jsonl[.gz] file")
        return [SourceFile(source, kind)]
    local = source.removeprefix("file://")
    if os.path.isdir(local):
        # In a folder, `.json` files are left out: they are usually metadata (a generator's
        # planted_stats.json, a dataset card), not JSON Lines; name them in a glob to read them.
        candidates = [
            str(p) for p in Path(local).rglob("*")
            if p.is_file() and _kind_of(str(p)) and not p.name.lower().endswith((".json", ".json.gz"))
        ]
        if not candidates:
            raise ChatlakeError(f"{source}: folder holds no .parquet or .jsonl[.gz] files")
    else:
        candidates = glob.glob(os.path.expanduser(local), recursive=True)
        if not candidates:
            raise ChatlakeError(f"{source}: no file matches")
    files = []
    for path in sorted(os.path.abspath(p) for p in candidates if os.path.isfile(p)):
        kind = _kind_of(path)
        if kind is None:
            raise ChatlakeError(f"{path}: not a .parquet or .jsonl[.gz] file")
        _check_local_file(path, kind)
        files.append(SourceFile(path, kind))
    if not files:
        raise ChatlakeError(f"{source}: no file matches")
    return files


def _check_local_file(path: str, kind: SourceKind) -> None:
    """Fail with one line naming `path` when it is not what its name says."""
    if kind == "parquet":
        with open(path, "rb") as handle:
            head = handle.read(4)
            handle.seek(max(0, os.path.getsize(path) - 4))
            tail = handle.read(4)
        if head != b"PAR1" or tail != b"PAR1":
            raise ChatlakeError(f"{path}: not a Parquet file")
        return
    opener = gzip.open if path.lower().endswith(".gz") else open
    seen = 0
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                try:
                    json.loads(line)
                    return
                except ValueError:
                    seen += 1
                    if seen >= _SNIFF_LINES:
                        break
    except (OSError, UnicodeDecodeError, EOFError) as exc:
        raise ChatlakeError(f"{path}: not a readable JSON Lines file ({exc})") from None
    if seen:
        raise ChatlakeError(f"{path}: not a JSON Lines file (none of its first {seen} lines is JSON)")


def read_parquet_file(spark: SparkSession, path: str) -> DataFrame:
    try:
        df = spark.read.parquet(path)
        df.schema  # noqa: B018 - forces the footer read, so a bad file fails here, named
    except Exception as exc:
        raise ChatlakeError(f"{path}: cannot be read as Parquet ({_first_line(exc)})") from None
    return df


def read_text_lines(spark: SparkSession, path: str) -> DataFrame:
    """The lines of a (possibly gzip-compressed) text file, as a `value` column."""
    try:
        return spark.read.text(path)
    except Exception as exc:
        raise ChatlakeError(f"{path}: cannot be read as text ({_first_line(exc)})") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


# --- tables -------------------------------------------------------------------------------------


def table_exists(spark: SparkSession, config: Config, name: str) -> bool:
    path = config.table_path(name)
    if config.format == "delta":
        from deltalake import DeltaTable

        return DeltaTable.is_deltatable(path)
    if is_local(path):
        return os.path.isdir(path.removeprefix("file://")) and any(
            p.suffix == ".parquet" for p in Path(path.removeprefix("file://")).rglob("*")
        )
    try:
        spark.read.parquet(path).schema  # noqa: B018
        return True
    except Exception:
        return False


def read_table(spark: SparkSession, config: Config, name: str) -> DataFrame:
    path = config.table_path(name)
    if not table_exists(spark, config, name):
        raise ChatlakeError(f"table {name} does not exist yet at {path}: run the job that writes it")
    return spark.read.format(config.format).load(path)


def write_table(df: DataFrame, config: Config, name: str, mode: str = "append") -> None:
    """Append to (or overwrite) table `name`; Delta appends and overwrites are atomic commits."""
    writer = df.write.format(config.format).mode(mode)
    if mode == "overwrite" and config.format == "delta":
        writer = writer.option("overwriteSchema", "true")
    writer.save(config.table_path(name))


def table_version(config: Config, name: str) -> int | None:
    """The current Delta version of table `name` (None for Parquet or a missing table)."""
    if config.format != "delta":
        return None
    from deltalake import DeltaTable

    path = config.table_path(name)
    return DeltaTable(path).version() if DeltaTable.is_deltatable(path) else None


# --- staging ------------------------------------------------------------------------------------


def staging_path(config: Config, run_id: str, name: str) -> str:
    return config.table_path(f"_staging/{run_id}/{name}")


def write_staging(df: DataFrame, config: Config, run_id: str, name: str) -> DataFrame:
    """Materialise `df` as Parquet and read it back, so later actions do not recompute it.

    This is the portable form of a checkpoint: Sail has no cache or checkpoint of its own.
    """
    path = staging_path(config, run_id, name)
    df.write.mode("overwrite").parquet(path)
    # With the schema given, an empty frame (written as no data file at all) reads back too.
    return df.sparkSession.read.schema(df.schema).parquet(path)


def drop_staging(config: Config, run_id: str) -> None:
    path = config.table_path(f"_staging/{run_id}")
    if is_local(path):
        shutil.rmtree(path.removeprefix("file://"), ignore_errors=True)
        parent = os.path.dirname(path.removeprefix("file://"))
        if os.path.isdir(parent) and not os.listdir(parent):
            os.rmdir(parent)
    else:
        log.warning("staging data left at %s: remove it with your storage's tools", path)
