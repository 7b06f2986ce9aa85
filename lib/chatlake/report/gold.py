"""What the report reads: the gold tables of one aggregate run and the runs that produced them.

A plain data object (pandas frames, versions, names), built by `chatlake.report.read` from the
tables and by the tests by hand; the page (`chatlake.report.page`) and the files
(`chatlake.report.write`) take it and nothing else from storage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

# The jobs whose latest run the report names as the tables' provenance, in pipeline order.
PROVENANCE_JOBS = ("ingest", "enrich", "aggregate")


@dataclass(frozen=True)
class GoldTables:
    """The gold tables of one aggregate run, as the report shows them.

    tables: name -> table in reading order, without `_run_id`: the reported tables of
        `chatlake.tables.GOLD_TABLES` in catalogue order, then any other table found under gold/.
    versions: name -> Delta version of every table read (None for Parquet).
    missing: the reported tables that do not exist.
    stale: name -> run id, for the tables an earlier aggregate run wrote (left out of `tables`).
    runs: the latest `ops/runs` row of each of PROVENANCE_JOBS that ran (no rows without a run log).
    """

    tables: dict[str, pd.DataFrame]
    versions: dict[str, int | None] = field(default_factory=dict)
    missing: tuple[str, ...] = ()
    stale: dict[str, str] = field(default_factory=dict)
    runs: pd.DataFrame = field(default_factory=pd.DataFrame)

    def get(self, name: str) -> pd.DataFrame | None:
        """Table `name`, None when it is missing or stale."""
        return self.tables.get(name)

    @property
    def rows(self) -> int:
        return sum(len(df) for df in self.tables.values())
