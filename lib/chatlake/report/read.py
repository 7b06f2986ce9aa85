"""Reading for the report: the gold tables of one aggregate run, through `Storage`.

Gold tables are small and already aggregated, so each is pulled to the driver with `toPandas`;
`ops/runs` is reduced to its latest row per job in Spark first. The result is a plain
`GoldTables` (pandas), which is all the page and the files see.
"""

from __future__ import annotations

import pandas as pd
from pyspark.sql import Window
from pyspark.sql import functions as F

from chatlake import ChatlakeError
from chatlake.report.gold import PROVENANCE_JOBS, GoldTables
from chatlake.storage import Storage
from chatlake.tables import ALL_MODELS, GOLD_BY_NAME, GOLD_LAYER, GOLD_TABLES, RUNS, gold

# Row order of each table in the CSV, Markdown and HTML outputs (the Delta tables have none).
SORT_ORDER: dict[str, tuple[list[str], list[bool]]] = {
    "basic_stats": (["counter"], [True]),
    "conversations_per_model": (["rank"], [True]),
    "top_languages": (["rank"], [True]),
    "moderation_by_category": (["_is_all", "conversations", "model"], [False, False, True]),
    "jailbreak_by_model": (["_is_all", "conversations", "model"], [False, False, True]),
    "turns_distribution": (["turns"], [True]),
    "token_quantiles": (["counter", "role"], [True, True]),
    "token_histogram": (["counter", "role", "bin"], [True, True, True]),
    "response_length_by_model": (["responses", "model"], [False, True]),
    "language_by_model": (["model", "conversations", "language"], [True, False, True]),
    "language_agreement": (["rank"], [True]),
    "topic_clusters": (["cluster"], [True]),
    "safety_benchmark": (["model_rank", "rank"], [True, True]),
}


def sort_gold(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """A gold table in its reading order (`(all)` first where there is one)."""
    columns, ascending = SORT_ORDER.get(name, ([], []))
    if not columns or not set(columns) - {"_is_all"} <= set(df.columns):
        return df.reset_index(drop=True)
    keyed = df.assign(_is_all=df["model"] == ALL_MODELS) if "_is_all" in columns else df
    ordered = keyed.sort_values(columns, ascending=ascending, na_position="last", kind="stable")
    return ordered.drop(columns=["_is_all"], errors="ignore").reset_index(drop=True)


def gold_table_names(storage: Storage) -> list[str]:
    """The reported gold tables of the catalogue, then any other table found under `gold/`."""
    names = [t.name for t in GOLD_TABLES if t.reported]
    found = [path.split("/", 1)[1] for path in storage.list(GOLD_LAYER)]
    return names + [n for n in found if n not in GOLD_BY_NAME]


def read_gold(storage: Storage) -> GoldTables:
    """Every gold table of one aggregate run (sorted, without `_run_id`) and the latest runs.

    The run of the report is the one that wrote gold/basic_stats (which always has a row), else
    the run that wrote most tables; a table another aggregate run wrote is left out as stale (a
    table the latest run did not write, such as the topic tables after `topics.enabled = false`).
    An optional table (`GoldTable.optional`, such as gold/near_duplicates) that was not written
    is not missing. Raises ChatlakeError when there is no gold table at all.
    """
    frames, versions, missing = {}, {}, []
    for name in gold_table_names(storage):
        if not storage.exists(gold(name)):
            if not (name in GOLD_BY_NAME and GOLD_BY_NAME[name].optional):
                missing.append(name)
            continue
        frames[name] = storage.read(gold(name)).toPandas()
        versions[name] = storage.version(gold(name))
    if not frames:
        raise ChatlakeError(f"no gold tables under {storage.path(GOLD_LAYER)}: run `chatlake aggregate` first")
    run_ids = {name: str(df["_run_id"].iloc[0]) for name, df in frames.items() if "_run_id" in df and len(df)}
    latest = run_ids.get("basic_stats") or (
        max(run_ids.values(), key=list(run_ids.values()).count) if run_ids else None
    )
    stale = {name: run_id for name, run_id in run_ids.items() if run_id != latest}
    tables = {name: sort_gold(name, df.drop(columns=["_run_id"], errors="ignore"))
              for name, df in frames.items() if name not in stale}
    return GoldTables(tables, versions, tuple(missing), stale, latest_runs(storage))


def latest_runs(storage: Storage, jobs: tuple[str, ...] = PROVENANCE_JOBS) -> pd.DataFrame:
    """The most recent `ops/runs` row of each of `jobs`, in that order (empty without a run log)."""
    if not storage.exists(RUNS):
        return pd.DataFrame()
    newest_first = Window.partitionBy("job").orderBy(F.desc("started_at"), F.desc("finished_at"))
    runs_df = (
        storage.read(RUNS)
        .filter(F.col("job").isin(*jobs))
        .withColumn("_n", F.row_number().over(newest_first))
        .filter(F.col("_n") == 1)
        .drop("_n")
    )
    runs = runs_df.toPandas()
    order = {job: i for i, job in enumerate(jobs)}
    return runs.sort_values("job", key=lambda s: s.map(order)).reset_index(drop=True)
