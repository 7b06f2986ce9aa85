"""Helpers shared by the engine tests (JVM, cluster, Connect, notebooks): a small input dataset,
the CLI run as a subprocess, and a content comparison of every table two runs wrote.

Every engine test compares the tables an engine wrote with those the embedded engine wrote from
the same input: row content, ignoring row order and the columns that differ by run.
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds

from chatlake.tables import GOLD_TABLES, RUN_COLUMNS

REPO = Path(__file__).resolve().parents[1]
JOBS = REPO / "jobs"
VENV_BIN = Path(sys.executable).parent

# Tables that describe runs rather than data: compared for status only.
RUN_TABLES = ("ops/runs",)

# Every spark-submit entry point in jobs/ is a pipeline stage, run in this order, or a tool.
PIPELINE_ORDER = ("ingest", "enrich", "aggregate", "report")
NOT_STAGES = frozenset({"generate", "run_all"})


def pipeline_jobs() -> list[str]:
    """The pipeline stages, jobs/<name>.py each, in pipeline order.

    A new job file that is neither a known stage nor a known tool fails here, and so does a
    missing stage file, so that the engine tests can neither skip one nor run without one.
    """
    names = {path.stem for path in JOBS.glob("*.py")} - NOT_STAGES
    unknown = sorted(names - set(PIPELINE_ORDER))
    assert not unknown, f"jobs/{unknown[0]}.py: add it to PIPELINE_ORDER or NOT_STAGES in {__file__}"
    missing = [name for name in PIPELINE_ORDER if name not in names]
    assert not missing, f"jobs/{missing[0]}.py is missing"
    return list(PIPELINE_ORDER)


# The input is in the LMSYS-Chat-1M layout, with bad records that count on that dataset's own
# checks (32-hex ids, every record with one): ingest reads it with them.
LMSYS_CONF = REPO / "conf" / "lmsys.toml"


def job_args(job: str, source: Path) -> list[str]:
    """Arguments of `job` besides engine and settings."""
    return ["--source", str(source), "--config", str(LMSYS_CONF)] if job == "ingest" else []


# --- input data ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Dataset:
    source: Path  # the folder or glob to pass as --source
    rows: int  # conversations a correct ingest accepts
    quarantined: int  # records a correct ingest quarantines


def write_dataset(out: Path, rows: int, seed: int = 0) -> Dataset:
    """Input for the engine tests, made by the project's generator with its bad records: `rows`
    conversations as Parquet, and a quarter as many as gzip JSON Lines (the text reader and
    from_json path).
    """
    common = ["--dirty", "--shards", "2"]
    run_chatlake(["generate", "--rows", str(rows), "--seed", str(seed), "--out", str(out / "parquet"), *common])
    run_chatlake(["generate", "--rows", str(max(rows // 4, 1)), "--seed", str(seed + 1), "--out", str(out / "jsonl"),
                  "--format", "jsonl", "--gzip", *common])
    planted = [json.loads((out / part / "planted_stats.json").read_text()) for part in ("parquet", "jsonl")]
    # Each output folder also holds planted_stats.json, which is no input: name the data files.
    return Dataset(
        out / "*" / "data" / "*",
        rows=sum(p["rows"] for p in planted),
        quarantined=sum(sum(p["dirty"]["quarantine"].values()) for p in planted),
    )


# --- running ------------------------------------------------------------------------------------


def run(cmd: list[str], *, env: dict[str, str] | None = None, timeout: float = 600, cwd: Path = REPO) -> float:
    """Run `cmd`; fail with its output when it fails. Returns the wall time in seconds."""
    start = time.perf_counter()
    result = subprocess.run(
        cmd, cwd=cwd, env={**os.environ, **(env or {})}, capture_output=True, text=True, timeout=timeout
    )
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise AssertionError(
            f"{' '.join(cmd)} exited {result.returncode}\n--- stdout\n{result.stdout[-5000:]}\n"
            f"--- stderr\n{result.stderr[-15000:]}"
        )
    return seconds


def run_chatlake(args: list[str], *, env: dict[str, str] | None = None, timeout: float = 600) -> float:
    """`chatlake ARGS...` in a subprocess of this interpreter's environment."""
    return run([str(VENV_BIN / "chatlake"), *args], env=env, timeout=timeout)


def run_pipeline(engine: str, table_root: Path, source: Path, *settings: str, timeout: float = 600) -> None:
    """Every pipeline job, one CLI call each, on `engine` into `table_root`."""
    for job in pipeline_jobs():
        run_chatlake(
            [job, *job_args(job, source), "--engine", engine, "--set", f"table_root={table_root}",
             "--set", f"output_dir={table_root.parent / (table_root.name + '-out')}", *settings],
            timeout=timeout,
        )


# --- reading tables back ------------------------------------------------------------------------


def find_tables(root: Path) -> dict[str, str]:
    """Every table under `root`: name (e.g. `silver/messages`) -> `delta` or `parquet`."""
    found = {}
    for layer in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("_")):
        for table in sorted(p for p in layer.iterdir() if p.is_dir()):
            if (table / "_delta_log").is_dir():
                found[f"{layer.name}/{table.name}"] = "delta"
            elif any(table.rglob("*.parquet")):
                found[f"{layer.name}/{table.name}"] = "parquet"
    return found


def read_table(path: Path) -> pa.Table:
    """A table as Arrow, Delta (through delta-rs' file list, see conftest.read_delta) or Parquet."""
    if (path / "_delta_log").is_dir():
        from deltalake import DeltaTable

        return ds.dataset(DeltaTable(str(path)).file_uris()).to_table()
    files = sorted(
        str(p) for p in path.rglob("*.parquet")
        if not any(part.startswith(("_", ".")) for part in p.relative_to(path).parts)
    )
    return ds.dataset(files, format="parquet").to_table()


# Columns holding a whole record as JSON text: compared as parsed JSON (the same record's text
# differs between engines in how doubles are written: the JVM writes 1.0E-5, Sail 0.00001).
JSON_COLUMNS = frozenset({"raw"})


def _is_float(value: object) -> bool:
    return isinstance(value, float)


def _canonical_json(text: object) -> object:
    if not isinstance(text, str):
        return text
    try:
        return json.dumps(json.loads(text), sort_keys=True, ensure_ascii=False)
    except ValueError:  # a bad line kept whole: compared as it is
        return text


# Key columns sort first where a table has them, so that one differing column shows as a
# difference in that column rather than as rows out of step.
_KEY_COLUMNS = ("conversation_id", "message_index")


def _sort_key(row: dict) -> tuple:
    # Floats rounded so that last-digit differences between engines do not reorder rows.
    keys = tuple(str(row.get(k)) for k in _KEY_COLUMNS)
    return keys, json.dumps(
        {k: (round(v, 4) if _is_float(v) else v) for k, v in row.items()}, sort_keys=True, default=str
    )


def _values_equal(a: object, b: object, rel: float, abs_: float) -> bool:
    if _is_float(a) or _is_float(b):
        if a is None or b is None:
            return a is b
        if math.isnan(a) and math.isnan(b):
            return True
        return math.isclose(a, b, rel_tol=rel, abs_tol=abs_)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_values_equal(a[k], b[k], rel, abs_) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_values_equal(x, y, rel, abs_) for x, y in zip(a, b, strict=True))
    return a == b


def table_rows(path: Path, ignore: frozenset[str] = frozenset()) -> tuple[list[str], list[dict]]:
    """Columns (less the run-specific ones and `ignore`) and rows, in a canonical order."""
    table = read_table(path)
    columns = [c for c in table.column_names if c not in RUN_COLUMNS | ignore]
    rows = [
        {k: (_canonical_json(v) if k in JSON_COLUMNS else v) for k, v in row.items()}
        for row in table.select(columns).to_pylist()
    ]
    return columns, sorted(rows, key=_sort_key)


def assert_same_table(
    expected: Path, actual: Path, name: str, ignore: frozenset[str] = frozenset(),
    rel: float = 1e-9, abs_: float = 1e-12,
) -> int:
    """The two tables hold the same rows (any order; floats within tolerance), the columns in
    `ignore` left out. Returns the row count."""
    expected_columns, expected_rows = table_rows(expected, ignore)
    actual_columns, actual_rows = table_rows(actual, ignore)
    assert sorted(actual_columns) == sorted(expected_columns), (
        f"{name}: columns differ: {actual_columns} != {expected_columns}"
    )
    assert len(actual_rows) == len(expected_rows), f"{name}: {len(actual_rows)} rows != {len(expected_rows)} expected"
    differing = []
    for index, (want, got) in enumerate(zip(expected_rows, actual_rows, strict=True)):
        if not _values_equal(want, got, rel, abs_):
            differing.append(
                (index, {k: (want.get(k), got.get(k)) for k in want
                         if not _values_equal(want.get(k), got.get(k), rel, abs_)})
            )
    if differing:
        index, diff = differing[0]
        shown = {k: (str(a)[:300], str(b)[:300]) for k, (a, b) in diff.items()}
        raise AssertionError(
            f"{name}: {len(differing)} of {len(expected_rows)} rows differ; row {index} (expected, actual): {shown}"
        )
    return len(expected_rows)


def assert_same_tables(expected_root: Path, actual_root: Path, ignore: frozenset[str] = frozenset()) -> dict[str, int]:
    """Every data table of the two table roots is in both and holds the same rows, the columns in
    `ignore` left out; every run in the actual run log succeeded. Returns rows per table."""
    expected, actual = find_tables(expected_root), find_tables(actual_root)
    assert sorted(actual) == sorted(expected), f"tables differ: {sorted(actual)} != {sorted(expected)}"
    counts = {}
    for name in sorted(expected):
        if name in RUN_TABLES:
            runs = read_table(actual_root / name).to_pylist()
            assert runs and {r["status"] for r in runs} == {"succeeded"}, f"{name}: {runs}"
            continue
        counts[name] = assert_same_table(expected_root / name, actual_root / name, name, ignore)
    return counts


# --- the embedded reference ---------------------------------------------------------------------

REFERENCE_ROWS = 2_000
REFERENCE_SEED = 7
REQUIRED_TABLES = ("bronze/conversations", "bronze/quarantine", "silver/messages", "silver/conversations")


@dataclass(frozen=True)
class Reference:
    data: Dataset  # the input
    tables: Path  # the table root the embedded engine wrote from it

    @property
    def source(self) -> Path:
        return self.data.source


_REFERENCE: list[Reference] = []


def embedded_reference(tmp_path_factory) -> Reference:
    """The input dataset and the embedded engine's tables from it, made once per test session and
    shared by every engine test module (pass pytest's `tmp_path_factory`)."""
    if not _REFERENCE:
        base = tmp_path_factory.mktemp("reference")
        data = write_dataset(base / "input", REFERENCE_ROWS, REFERENCE_SEED)
        run_pipeline("embedded", base / "tables", data.source)
        reference = Reference(data, base / "tables")
        # The reference itself against what the input holds, counted outside Spark.
        assert read_table(reference.tables / "bronze/conversations").num_rows == data.rows
        assert read_table(reference.tables / "bronze/quarantine").num_rows == data.quarantined
        _REFERENCE.append(reference)
    return _REFERENCE[0]


def assert_complete(tables: dict[str, int]) -> None:
    """The compared tables are those a complete pipeline writes: bronze and silver, and every
    gold table of the catalogue (`chatlake.tables.GOLD_TABLES`)."""
    # The near-duplicate tables are written only with repetition.near_duplicates on (off by default).
    expected = {table.path for table in GOLD_TABLES if table.name not in ("near_duplicates", "near_duplicate_pairs")}
    missing = (set(REQUIRED_TABLES) | expected) - set(tables)
    assert not missing, f"tables not written: {sorted(missing)}"
    assert all(tables[name] > 0 for name in REQUIRED_TABLES), tables
