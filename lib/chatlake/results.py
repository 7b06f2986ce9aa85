"""What a stage is given about its run, and what it gives back.

A stage (ingest, enrich, aggregate, report) receives a `RunInfo` (its run id and start time, for
the columns it stamps) and returns a `StageResult` (counts, models, detail, and the timings of its
steps); the runner (`chatlake.runner`) writes the result to the run log. Nothing here is shared
between stages or mutated by a transform.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RunInfo:
    """One job run: which job, its id, and when it started (UTC)."""

    job: str
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    @property
    def started_at_naive(self) -> datetime:
        """The start time as the naive UTC timestamp the tables store."""
        return self.started_at.replace(tzinfo=None)


@dataclass
class Step:
    """A timed step of a stage; the stage sets `rows` inside the block."""

    name: str
    rows: int | None = None
    seconds: float = 0.0

    def record(self) -> dict[str, Any]:
        rate = round(self.rows / self.seconds, 1) if self.rows and self.seconds > 0 else None
        return {"stage": self.name, "rows": self.rows, "seconds": round(self.seconds, 3), "rows_per_s": rate}


class Steps:
    """The steps of one stage run, timed and logged with their rows and rows/s."""

    def __init__(self, job: str) -> None:
        self.job = job
        self._steps: list[Step] = []

    @contextmanager
    def step(self, name: str) -> Iterator[Step]:
        current = Step(name)
        start = time.perf_counter()
        yield current
        current.seconds = time.perf_counter() - start
        self._steps.append(current)
        record = current.record()
        if current.rows is None:
            log.info("%s: %s done in %.1f s", self.job, name, current.seconds)
        else:
            rate = f"{record['rows_per_s']:,.0f}" if record["rows_per_s"] else "-"
            log.info(
                "%s: %s: %s rows in %.1f s (%s rows/s)", self.job, name, f"{current.rows:,}", current.seconds, rate
            )

    def records(self) -> list[dict[str, Any]]:
        return [s.record() for s in self._steps]


@dataclass(frozen=True)
class StageResult:
    """What a stage reports to the run log (`ops/runs` columns of the same names).

    `status` is the run log's: `succeeded`, or, for a stage that committed what it could but must
    not end well, `refused` (ingest: too much quarantined, nothing bronze written) or `incomplete`
    (ingest: files left out that could not be read). Then `error` is the one line the runner
    raises after the commit, so the command ends with exit code 2.
    """

    rows_in: int | None = None
    rows_out: int | None = None
    rows_quarantined: int | None = None
    rows_duplicate: int | None = None
    input: str = ""
    input_table_version: int | None = None
    models: dict[str, Any] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)
    steps: list[dict[str, Any]] = field(default_factory=list)
    status: str = "succeeded"
    error: str = ""
