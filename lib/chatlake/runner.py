"""The runner: composes the stages. It builds the storage from the config, gives each stage its
own settings section, times it, and writes its row to the run log (`ops/runs`).

    with spark_session(config) as spark:
        result = run_job(spark, config, "ingest", source="data/")

Stages (`chatlake.ingest`, `chatlake.enrich`, `chatlake.aggregate`, `chatlake.report`) never
import each other or the runner; this is the one module that knows them all.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from pyspark.sql import SparkSession

from chatlake import ChatlakeError
from chatlake.config import Config
from chatlake.guard import exclusive, recover, unit_of_work
from chatlake.results import RunInfo, StageResult
from chatlake.runlog import write_run
from chatlake.session import engine_error
from chatlake.storage import Storage
from chatlake.tables import BRONZE, CONVERSATIONS, GOLD_TABLES, MESSAGES, QUARANTINE, RUNS
from chatlake.text.annotate import default_workers

log = logging.getLogger(__name__)


# Each stage is imported when its job runs: a job then loads only its own modules (the report's
# matplotlib, the topics' scikit-learn), which takes about a second off the start of every job.


def _ingest(storage: Storage, config: Config, run: RunInfo, source: str) -> StageResult:
    from chatlake.ingest import ingest

    return ingest(storage, config.ingest, source, run)


def _enrich(storage: Storage, config: Config, run: RunInfo, full: bool = False) -> StageResult:
    from chatlake.enrich import enrich

    return enrich(storage, config.text, run, full=full, workers=annotation_workers(config))


def annotation_workers(config: Config) -> int:
    """Worker processes for enrichment's kernels: only on the embedded engine, which runs Python
    UDFs in its own process under one GIL. The JVM engines and clusters run UDFs in Python worker
    processes already; a second layer of processes would only compete with them."""
    if config.engine != "embedded":
        return 0
    return config.text.workers or default_workers()


def _aggregate(storage: Storage, config: Config, run: RunInfo) -> StageResult:
    """The statistics, then the topic clusters (when `topics.enabled`): one job, one unit."""
    from chatlake.aggregate import aggregate
    from chatlake.topics import cluster_topics

    statistics = aggregate(storage, list(config.text.token_counters), run, config.repetition, config.privacy,
                           config.exports)
    if not config.topics.enabled:
        return statistics
    topics = cluster_topics(storage, config.topics, run, config.privacy)
    return replace(
        statistics,
        rows_out=statistics.rows_out + topics.rows_out,
        models=topics.models,
        detail={
            "gold_rows": statistics.detail["gold_rows"] | topics.detail["gold_rows"],
            "topics": topics.detail["topics"],
        },
        steps=statistics.steps + topics.steps,
    )


def _report(storage: Storage, config: Config, run: RunInfo) -> StageResult:
    from chatlake.report import build_report

    return build_report(storage, config, run)


def _export(storage: Storage, config: Config, run: RunInfo, name: str, out: str) -> StageResult:
    from chatlake.export import export

    return export(storage, run, name, out)


# The tables each job writes (besides the run log), rolled back together if it does not finish.
JOB_TABLES: dict[str, list[str]] = {
    "ingest": [BRONZE, QUARANTINE],
    "enrich": [MESSAGES, CONVERSATIONS],
    "aggregate": [table.path for table in GOLD_TABLES],
    "report": [],
    "export": [],
}

# The jobs that run in a session, in pipeline order.
STAGES: dict[str, Callable[..., StageResult]] = {
    "ingest": _ingest,
    "enrich": _enrich,
    "aggregate": _aggregate,
    "report": _report,
    "export": _export,
}


def run_job(spark: SparkSession, config: Config, job: str, **arguments: Any) -> StageResult:
    """Run stage `job` with `arguments` as one recorded run: `succeeded` or `failed` in the run log,
    or the status the stage gave (`refused`, `incomplete`).

    The run holds the table root's lock throughout, first rolls back what an interrupted run
    left (`chatlake.guard.recover`), and its writes, run log row included, commit as one unit.
    A stage whose result carries an `error` (ingest that refused its input) is committed like any
    other, quarantine included; then that error is raised, as one line (`ChatlakeError`, exit code
    2 on the command line): raised inside the unit, it would roll the quarantine back.
    """
    storage = Storage.of(spark, config)
    run = RunInfo(job)
    log.info("%s: run %s on engine %s, tables at %s", job, run.run_id, config.engine, config.table_root)
    with exclusive(storage, run):
        recovered = recover(storage)
        try:
            with unit_of_work(storage, run, [*JOB_TABLES[job], RUNS]):
                result = STAGES[job](storage, config, run, **arguments)
                if recovered:
                    result = replace(result, detail={**result.detail, "recovered": recovered})
                write_run(storage, run, result, result.status, config)
        except BaseException as exc:
            try:
                write_run(storage, run, StageResult(detail={"error": f"{type(exc).__name__}: {exc}"[:2000]}), "failed",
                          config)
            except Exception:  # the original error matters more than a failed log write
                log.exception("could not write the run log for failed run %s", run.run_id)
            known = engine_error(exc, config)
            if known is not None:
                raise known from exc
            raise
    seconds = (datetime.now(UTC) - run.started_at).total_seconds()
    log.info("%s: run %s %s in %.1f s", job, run.run_id, result.status, seconds)
    if result.error:
        raise ChatlakeError(result.error)
    return result
