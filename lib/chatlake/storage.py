"""The one storage boundary: every read and write of chatlake goes through a `Storage` built from
the config (table root and format), or through the source-file functions here.

Tables live under the table root as `<layer>/<name>` (`bronze/conversations`, see
`chatlake.tables`) in one format, Delta or Parquet. Local source files are checked here, in the
driver, before Spark sees them (`check_local_file`), so a missing, unreadable or damaged file is
named with its cause in one line rather than an engine stack trace; what only shows when the
engine reads a file (a corrupt Parquet page) is described by `describe_read_failure`.
"""

from __future__ import annotations

import codecs
import glob
import gzip
import json
import logging
import os
import shutil
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import unquote

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from chatlake import ChatlakeError
from chatlake.config import Config

log = logging.getLogger(__name__)

SourceKind = Literal["parquet", "jsonl"]

_PARQUET_SUFFIXES = (".parquet",)
_JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson", ".jsonl.gz", ".json.gz", ".ndjson.gz")
# Bytes read at a time when a JSON Lines file is checked.
_CHECK_CHUNK = 1 << 20
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


@dataclass(frozen=True)
class SourceListing:
    """The files a source names: those to read, those that cannot be read (path -> why), and the
    files of a folder that are neither Parquet nor JSON Lines (left alone, and logged)."""

    files: list[SourceFile]
    unreadable: dict[str, str] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)


def _kind_of(path: str) -> SourceKind | None:
    name = path.lower()
    if name.endswith(_PARQUET_SUFFIXES):
        return "parquet"
    if name.endswith(_JSONL_SUFFIXES):
        return "jsonl"
    return None


def list_source_files(source: str) -> SourceListing:
    """The input files named by `source`: a file, a folder (searched recursively) or a glob.

    Remote URIs (s3://, abfss://, dbfs:/) are passed through as single files. Local files are
    checked here (`check_local_file`); one that fails is listed in `unreadable` with the cause.
    In a folder, `.json` files (usually metadata: a generator's planted_stats.json, a dataset
    card) and files of other kinds are skipped and listed in `skipped`; a glob that names them
    reads `.json` files as JSON Lines. Files are returned sorted, so that every run sees them in
    the same order. Nothing to read at all is an error.
    """
    local = local_path(source)
    if local is None:
        kind = _kind_of(source)
        if kind is None:
            raise ChatlakeError(f"{source}: not a .parquet or .jsonl[.gz] file")
        return SourceListing([SourceFile(source, kind)])
    skipped: list[str] = []
    if os.path.isdir(local):
        candidates = []
        for p in sorted(Path(local).rglob("*")):
            if not p.is_file():
                continue
            if _kind_of(str(p)) and not p.name.lower().endswith((".json", ".json.gz")):
                candidates.append(str(p))
            else:
                skipped.append(os.path.abspath(p))
        if not candidates:
            also = f" (it holds {len(skipped)} other file(s), e.g. {os.path.basename(skipped[0])})" if skipped else ""
            raise ChatlakeError(f"{source}: folder holds no .parquet or .jsonl[.gz] files{also}")
    else:
        candidates = glob.glob(os.path.expanduser(local), recursive=True)
        if not candidates:
            raise ChatlakeError(f"{source}: no file matches")
    files, unreadable = [], {}
    for path in sorted(os.path.abspath(p) for p in candidates if os.path.isfile(p)):
        kind = _kind_of(path)
        problem = "not a .parquet or .jsonl[.gz] file" if kind is None else check_local_file(path, kind)
        if problem:
            unreadable[path] = problem
        else:
            files.append(SourceFile(path, kind))
    if not files and not unreadable:
        raise ChatlakeError(f"{source}: no file matches")
    return SourceListing(files, unreadable, skipped)


def check_local_file(path: str, kind: SourceKind) -> str | None:
    """Why the local file at `path` cannot be read as what its name says, or None when it can.

    A Parquet file must open and end with its magic bytes and have a readable footer (its pages
    are checked when they are read). A JSON Lines file is read through once, here in the driver:
    every byte must be valid UTF-8, a gzip stream must be whole (an engine would stop the whole
    job at a truncated one, or, the JVM, read bad bytes as U+FFFD), and at least one line must be a
    JSON object. This costs about a second per 400 MB of text.
    """
    try:
        if kind == "parquet":
            return _check_parquet(path)
        return _check_json_lines(path)
    except PermissionError:
        return "cannot be opened: permission denied"
    except IsADirectoryError:
        return "is a folder"
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"


def _check_parquet(path: str) -> str | None:
    with open(path, "rb") as handle:
        head = handle.read(4)
        handle.seek(max(0, os.path.getsize(path) - 4))
        tail = handle.read(4)
    if head != b"PAR1" or tail != b"PAR1":
        return "not a Parquet file"
    import pyarrow.parquet as pq

    try:
        pq.read_metadata(path)
    except Exception as exc:  # pyarrow raises several types for a damaged footer
        return f"not a readable Parquet file (footer: {_first_line(exc)})"
    return None


def _check_json_lines(path: str) -> str | None:
    gzipped = path.lower().endswith(".gz")
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset = lines = non_blank = 0
    found_object = False
    carry = b""
    with open(path, "rb") as raw:
        stream = gzip.GzipFile(fileobj=raw) if gzipped else raw
        while True:
            try:
                chunk = stream.read(_CHECK_CHUNK)
            except EOFError:
                return "not a readable JSON Lines file: the gzip stream ends early (the file is truncated)"
            except (gzip.BadGzipFile, zlib.error, OSError) as exc:
                return f"not a readable JSON Lines file: not valid gzip data ({exc})"
            pending = len(decoder.buffer)  # the start of a character the last chunk cut in two
            try:
                decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                at = offset - pending + exc.start
                line = lines + chunk.count(b"\n", 0, max(exc.start - pending, 0)) + 1
                return f"not a readable JSON Lines file: invalid UTF-8 at byte {at:,} (line {line:,})"
            if not found_object:
                carry, counted, found_object = _sniff_lines(carry + chunk, final=not chunk)
                non_blank += counted
            if not chunk:
                break
            offset += len(chunk)
            lines += chunk.count(b"\n")
    if non_blank and not found_object:
        return f"not a JSON Lines file (none of its {non_blank:,} lines is a JSON object)"
    return None


def _sniff_lines(data: bytes, final: bool) -> tuple[bytes, int, bool]:
    """Look for a line that is a JSON object in `data`: (the unfinished last line, the non-blank
    lines looked at, whether one was found). Only lines opening with `{` are parsed."""
    *whole, rest = data.split(b"\n")
    if final:
        whole, rest = [*whole, rest], b""
    counted = 0
    for line in whole:
        text = line.lstrip(b"\xef\xbb\xbf").strip()
        if not text:
            continue
        counted += 1
        if text.startswith(b"{"):
            try:
                if isinstance(json.loads(text), dict):
                    return b"", counted, True
            except ValueError:
                pass
    return rest, counted, False


def describe_read_failure(source_file: SourceFile, exc: BaseException) -> str:
    """Why the engine could not read `source_file`, in one line: for a local Parquet file, what
    pyarrow finds in its pages; for a local JSON Lines file, what `check_local_file` finds now;
    else the engine's own message."""
    local = local_path(source_file.path)
    if local is not None and os.path.isfile(local):
        if source_file.kind == "parquet":
            import pyarrow.parquet as pq

            try:
                parquet = pq.ParquetFile(local)
                for group in range(parquet.num_row_groups):
                    try:
                        parquet.read_row_group(group)
                    except Exception as inner:
                        return f"not a readable Parquet file: corrupt data in row group {group} ({_first_line(inner)})"
            except Exception as inner:
                return f"not a readable Parquet file ({_first_line(inner)})"
        else:
            problem = check_local_file(local, source_file.kind)
            if problem:
                return problem
    return f"cannot be read ({engine_message(exc)})"


def engine_message(exc: BaseException) -> str:
    """The line of an engine error that says what went wrong: the JVM's innermost `Caused by`,
    else the first line."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    causes = [line.removeprefix("Caused by:").strip() for line in lines if line.startswith("Caused by:")]
    if causes:
        return causes[-1][:300]
    first = next((line.lstrip(": ") for line in lines if not line.startswith("An error occurred while calling")), "")
    return first[:300] or type(exc).__name__


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
        # Frames `checkpoint` persisted, by run id, until `drop_staging` releases them.
        self._persisted: dict[str, list[DataFrame]] = {}

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

    def add_missing_columns(self, name: str, schema: T.StructType) -> list[str]:
        """Add to Delta table `name` the columns of `schema` it lacks, at its end (a metadata-only
        commit); returns their names. For tables written before a column existed (bronze
        `battle`): Sail 0.7.2's `mergeSchema` drops a new column silently from a table that has a
        non-nullable one, so the column is added with delta-rs first. Remote tables are left to the
        engine's `mergeSchema`."""
        local = local_path(self.path(name))
        if not self.is_delta or local is None or not self.exists(name):
            return []
        from deltalake import DeltaTable, Field

        table = DeltaTable(local)
        present = {f.name for f in table.schema().fields}
        missing = [f for f in schema.fields if f.name not in present]
        if missing:
            table.alter.add_columns([Field.from_json(json.dumps(f.jsonValue())) for f in missing])
        return [f.name for f in missing]

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

    # --- files

    def write_lines(self, lines_df: DataFrame, order: list[str], path: str, run_id: str) -> int:
        """Write the `value` column of `lines_df`, sorted by the columns `order`, as the lines of
        the local file at `path` (gzip when it ends in `.gz`); returns the lines written.

        The engine stages the lines as Parquet under `_staging/<run_id>/`; they are sorted here
        (the embedded engine's writer spreads one sorted partition over several files, in no
        order) and copied into a temporary file beside `path`, synced to disk, which is then
        renamed over `path`: a crash leaves the old file, or none, never half of one (at most a
        `.<name>.<run_id>.tmp` beside it). The lines pass through the driver's memory once:
        exports are selections, tens of MB at 1M conversations.
        """
        local = local_path(path)
        staged = local_path(self.path(f"{STAGING}/{run_id}/lines"))
        if local is None or staged is None:
            raise ChatlakeError(f"{path}: exports are written to local files, from tables on a local disk")
        target = Path(local).expanduser().absolute()
        if target.is_dir():
            raise ChatlakeError(f"{path} is a folder: name the file to write")
        target.parent.mkdir(parents=True, exist_ok=True)
        self.stage(lines_df.select("value", *order), run_id, "lines")
        import pyarrow.dataset as ds

        files = [str(p) for p in Path(staged).rglob("*.parquet")]
        table = ds.dataset(files, format="parquet").to_table() if files else None
        values = table.sort_by([(c, "ascending") for c in order]).column("value") if table is not None else []
        temporary = target.with_name(f".{target.name}.{run_id}.tmp")
        lines = 0
        try:
            with open(temporary, "wb") as raw:
                sink = gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) if target.name.endswith(".gz") else raw
                for chunk in getattr(values, "chunks", []):
                    texts = chunk.to_pylist()
                    sink.write("".join(f"{text}\n" for text in texts).encode())
                    lines += len(texts)
                if sink is not raw:
                    sink.close()
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(temporary, target)
        except BaseException:
            temporary.unlink(missing_ok=True)
            raise
        return lines

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

    def checkpoint(self, df: DataFrame, run_id: str, name: str) -> DataFrame:
        """`df` computed once for the actions that follow, until `drop_staging(run_id)`.

        A classic Spark session (the local JVM engine, spark-submit on a cluster) caches it in its
        executors' memory, spilled to their disks where memory is short (`MEMORY_AND_DISK`), which
        costs less than encoding it as Parquet and decoding it again (enrichment's nested labels at
        1M conversations: about a tenth of the JVM engine's time) and less than serializing it to
        disk only (README, Benchmarks). A Spark Connect session (the embedded engine, a remote
        endpoint, Databricks serverless) may have no cache at all (Sail has none): there `df` is
        staged as Parquet (`stage`). Either way the rows are computed once; nothing is written under
        the tables.
        """
        if type(self.spark).__module__.startswith("pyspark.sql.connect"):
            return self.stage(df, run_id, name)
        from pyspark import StorageLevel

        persisted = df.persist(StorageLevel.MEMORY_AND_DISK)
        self._persisted.setdefault(run_id, []).append(persisted)
        persisted.count()
        return persisted

    def read_staged(self, run_id: str, names: list[str], schema: T.StructType) -> DataFrame:
        """What was staged under `names` (see `stage`), as one frame; an empty one for no names."""
        if not names:
            return self.spark.createDataFrame([], schema)
        return self.spark.read.schema(schema).parquet(*[self.path(f"{STAGING}/{run_id}/{name}") for name in names])

    def drop_staging(self, run_id: str) -> None:
        """Remove what `stage` wrote and release what `checkpoint` persisted for `run_id`."""
        for persisted in self._persisted.pop(run_id, []):
            persisted.unpersist()
        path = self.path(f"{STAGING}/{run_id}")
        local = local_path(path)
        if local is None:
            log.warning("staging data left at %s: remove it with your storage's tools", path)
            return
        shutil.rmtree(local, ignore_errors=True)
        parent = os.path.dirname(local)
        if os.path.isdir(parent) and not os.listdir(parent):
            os.rmdir(parent)
