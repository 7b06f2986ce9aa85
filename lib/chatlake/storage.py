"""The one storage boundary: every read and write of chatlake goes through a `Storage` built from
the config (table root and format), or through the source-file functions here.

Tables live under the table root as `<layer>/<name>` (`bronze/conversations`, see
`chatlake.tables`) in one format, Delta or Parquet. Local paths are checked here, in the driver,
before Spark sees them, so a missing or non-Parquet/non-JSON file is a one-line error naming it
rather than an engine stack trace.
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
from urllib.parse import unquote

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
STAGING = "_staging"
# The embedded engine's Parquet writer keeps a whole row group in memory (1,048,576 rows by
# default, so whole files of conversations), and more when it encodes columns in parallel; small
# row groups written serially keep a staging write's memory flat whatever the input's size
# (measured in bench/: README, Memory). Other engines ignore these options.
STAGING_WRITE_OPTIONS = {"max_row_group_size": "16384", "allow_single_file_parallelism": "false"}


def local_path(path: str) -> str | None:
    """The file-system path of a local location (`/x`, `file:///x`), None for a remote one
    (`s3://`, `abfss://`, `dbfs:/`)."""
    if path.startswith("file://"):
        return path.removeprefix("file://")
    if "://" in path or path.startswith("dbfs:"):
        return None
    return path


# --- source files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceFile:
    path: str
    kind: SourceKind


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
    local = local_path(source)
    if local is None:
        kind = _kind_of(source)
        if kind is None:
            raise ChatlakeError(f"{source}: not a .parquet or .jsonl[.gz] file")
        return [SourceFile(source, kind)]
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


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:300] if text else type(exc).__name__


# --- tables -------------------------------------------------------------------------------------


class Storage:
    """The tables under one root, in one format, read and written with one session.

    Built once per job from the config (`Storage.of(spark, config)`); stages take it instead of
    the config. Names are table names (`chatlake.tables`), never paths.
    """

    def __init__(self, spark: SparkSession, root: str, format: str) -> None:
        self.spark = spark
        self.root = root.rstrip("/")
        self.format = format

    @classmethod
    def of(cls, spark: SparkSession, config: Config) -> Storage:
        return cls(spark, config.table_root, config.format)

    @property
    def is_delta(self) -> bool:
        return self.format == "delta"

    def path(self, name: str) -> str:
        """Location of table `name` (e.g. "bronze/conversations") under the root."""
        return f"{self.root}/{name}"

    # --- source files

    def read_parquet_file(self, path: str) -> DataFrame:
        try:
            df = self.spark.read.parquet(path)
            df.schema  # noqa: B018 - forces the footer read, so a bad file fails here, named
        except Exception as exc:
            raise ChatlakeError(f"{path}: cannot be read as Parquet ({_first_line(exc)})") from None
        return df

    def read_text_lines(self, path: str) -> DataFrame:
        """The lines of a (possibly gzip-compressed) text file, as a `value` column."""
        try:
            return self.spark.read.text(path)
        except Exception as exc:
            raise ChatlakeError(f"{path}: cannot be read as text ({_first_line(exc)})") from None

    # --- tables

    def exists(self, name: str) -> bool:
        path = self.path(name)
        if self.is_delta:
            from deltalake import DeltaTable

            return DeltaTable.is_deltatable(path)
        local = local_path(path)
        if local is not None:
            return os.path.isdir(local) and any(p.suffix == ".parquet" for p in Path(local).rglob("*"))
        try:
            self.spark.read.parquet(path).schema  # noqa: B018
            return True
        except Exception:
            return False

    def read(self, name: str) -> DataFrame:
        if not self.exists(name):
            raise ChatlakeError(f"table {name} does not exist yet at {self.path(name)}: run the job that writes it")
        return self.spark.read.format(self.format).load(self.path(name))

    def write(self, df: DataFrame, name: str, mode: str = "append", run_id: str | None = None) -> None:
        """Append to (or overwrite) table `name`; Delta appends and overwrites are atomic commits,
        tagged with `run_id` (the commit's userMetadata) when one is given."""
        writer = df.write.format(self.format).mode(mode)
        if self.is_delta:
            if mode == "overwrite":
                writer = writer.option("overwriteSchema", "true")
            if run_id:
                writer = writer.option("userMetadata", run_id)
        writer.save(self.path(name))

    def overwrite_gold(self, gold_df: DataFrame, name: str, run_id: str) -> int:
        """Replace gold table `name` with `gold_df` stamped with `_run_id` (the report reads the
        gold tables of one run); returns its rows as read back."""
        self.write(gold_df.withColumn("_run_id", F.lit(run_id)), name, mode="overwrite", run_id=run_id)
        return self.read(name).count()

    def merge(self, updates_df: DataFrame, name: str, keys: tuple[str, ...]) -> None:
        """Upsert `updates_df` into Delta table `name` on `keys` (SQL MERGE, on every engine)."""
        if not self.is_delta:
            raise ChatlakeError(f"MERGE needs Delta tables; {name} is {self.format}")
        view = f"chatlake_updates_{name.replace('/', '_')}"
        updates_df.createOrReplaceTempView(view)
        condition = " AND ".join(f"t.`{k}` = s.`{k}`" for k in keys)
        try:
            self.spark.sql(
                f"MERGE INTO delta.`{self.path(name)}` AS t USING {view} AS s ON {condition} "
                "WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *"
            )
        finally:
            self.spark.catalog.dropTempView(view)

    def version(self, name: str) -> int | None:
        """The current Delta version of table `name` (None for Parquet or a missing table)."""
        if not self.is_delta:
            return None
        from deltalake import DeltaTable

        path = self.path(name)
        return DeltaTable(path).version() if DeltaTable.is_deltatable(path) else None

    def restore(self, name: str, version: int) -> None:
        """Make Delta table `name` what it was at `version` again (a new RESTORE commit)."""
        from deltalake import DeltaTable

        DeltaTable(self.path(name)).restore(version)

    def data_files(self, name: str) -> list[str]:
        """The files of table `name` relative to its folder, the Delta log left out (local only)."""
        local = local_path(self.path(name))
        if local is None or not os.path.isdir(local):
            return []
        root = Path(local)
        return [str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and "_delta_log" not in p.parts]

    def remove_uncommitted_files(self, name: str, since: float, after_version: int) -> int:
        """Delete the data files of Delta table `name` written since `since` (epoch seconds) that no
        commit references: neither the current version nor a commit after `after_version`.
        Returns how many were deleted. Call it only while no other run writes the table."""
        from deltalake import DeltaTable

        local = local_path(self.path(name))
        if local is None:
            return 0
        root = Path(local)
        import pyarrow as pa

        actions = pa.table(DeltaTable(local).get_add_actions(flatten=True))
        referenced = {unquote(p) for p in actions.column("path").to_pylist()}
        for commit in (root / "_delta_log").glob("*.json"):
            if commit.stem.isdigit() and int(commit.stem) > after_version:
                for line in commit.read_text().splitlines():
                    action = json.loads(line) if line.strip() else {}
                    if "add" in action:
                        referenced.add(unquote(action["add"]["path"]))
        removed = 0
        for relative in self.data_files(name):
            path = root / relative
            if relative not in referenced and path.stat().st_mtime >= since:
                path.unlink()
                removed += 1
        return removed

    def list(self, layer: str) -> list[str]:
        """The tables found under `<root>/<layer>` (local roots only; [] elsewhere), sorted."""
        local = local_path(self.path(layer))
        if local is None or not os.path.isdir(local):
            return []
        names = [f"{layer}/{p.name}" for p in Path(local).iterdir() if p.is_dir() and not p.name.startswith(("_", "."))]
        return sorted(name for name in names if self.exists(name))

    # --- staging

    def stage(self, df: DataFrame, run_id: str, name: str, append: bool = False) -> DataFrame:
        """Materialise `df` as Parquet under `_staging/<run_id>/` and read it back, so later
        actions do not recompute it; with `append`, add to what is staged under `name` already.

        This is the portable form of a checkpoint: Sail has no cache or checkpoint of its own.
        """
        path = self.path(f"{STAGING}/{run_id}/{name}")
        writer = df.write.mode("append" if append else "overwrite")
        for key, value in STAGING_WRITE_OPTIONS.items():
            writer = writer.option(key, value)
        writer.parquet(path)
        # With the schema given, an empty frame (written as no data file at all) reads back too.
        return self.spark.read.schema(df.schema).parquet(path)

    def drop_staging(self, run_id: str) -> None:
        path = self.path(f"{STAGING}/{run_id}")
        local = local_path(path)
        if local is None:
            log.warning("staging data left at %s: remove it with your storage's tools", path)
            return
        shutil.rmtree(local, ignore_errors=True)
        parent = os.path.dirname(local)
        if os.path.isdir(parent) and not os.listdir(parent):
            os.rmdir(parent)
