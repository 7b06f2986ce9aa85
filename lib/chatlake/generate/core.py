"""`generate()`: plan the shards, build them in parallel, write planted_stats.json."""

from __future__ import annotations

import json
import math
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from chatlake import ChatlakeError
from chatlake.generate import dirty as D
from chatlake.generate.repeats import normalised, plant_repetition
from chatlake.generate.rows import MODEL_NAMES, build_rows, rows_to_arrow
from chatlake.generate.stats import merge, rows_stats
from chatlake.generate.tokens import ENCODING
from chatlake.generate.topics import TOPIC_NAMES
from chatlake.generate.writer import (
    ROWS_PER_CHUNK,
    ShardWriter,
    count_records,
    rewrite_with_inserts,
    shard_name,
    split_inserts,
)

GENERATOR_VERSION = "1.2"
ROWS_PER_SHARD = 100_000
STATS_FILE = "planted_stats.json"
# The planted repetition groups, by conversation id (`repeats`), for benchmarks and tests.
REPETITION_FILE = "planted_repetition.json"
# gold/repeated_prompts keeps this many of the most repeated prompts.
TOP_REPEATED = 50
FORMATS = ("parquet", "jsonl")


@dataclass(frozen=True)
class GenerateResult:
    """What `generate` wrote.

    paths: the data shards, in order; stats_path: planted_stats.json; rows_written: every record
    written (clean rows, duplicate copies and bad records); clean_rows: the conversations a correct
    ingest accepts (== the `rows` asked for); seconds: wall-clock time.
    """

    paths: tuple[Path, ...]
    stats_path: Path
    rows_written: int
    clean_rows: int
    seconds: float


@dataclass(frozen=True)
class _ShardTask:
    seed: int
    index: int
    n_shards: int
    rows: int
    fmt: str
    compress: bool
    path: str
    bad_items: tuple[D.BadItem, ...] = ()


@dataclass
class _ShardResult:
    index: int
    stats: dict[str, Any]
    records: int
    quarantine: dict[str, int] = field(default_factory=dict)
    duplicates: int = 0
    foreign: list[tuple[str, Any]] = field(default_factory=list)
    # (normalised first prompt, model index) of every clean row, for the repetition counts.
    first_prompts: list[tuple[str, int]] = field(default_factory=list)
    exact_groups: list[list[str]] = field(default_factory=list)
    near_groups: list[list[str]] = field(default_factory=list)


def _make_shard(task: _ShardTask) -> _ShardResult:
    rng = np.random.default_rng([task.seed, task.index, 0])
    rows = build_rows(task.rows, rng)
    planted = plant_repetition(rows, np.random.default_rng([task.seed, task.index, 3]))
    stats = rows_stats(rows)
    stats["repetition"] = planted.stats()
    first = rows.msg_offsets[:-1].tolist()
    first_prompts = [(normalised(rows.content[m]), int(rows.model[c])) for c, m in enumerate(first)]

    local: list[tuple[str, Any]] = []
    foreign: list[tuple[str, Any]] = []
    inserts: list[tuple[int, Any]] = []
    if task.bad_items:
        drng = np.random.default_rng([task.seed, task.index, 1])
        n_base = sum(item.kind != D.DUPLICATE for item in task.bad_items)
        n_dup = len(task.bad_items) - n_base
        bases = rows_to_arrow(build_rows(n_base, drng)).to_pylist() if n_base else []
        picks = drng.choice(rows.n, size=n_dup, replace=n_dup > rows.n) if n_dup and rows.n else []
        clean_pick = [rows_to_arrow(rows, int(i), int(i) + 1).to_pylist()[0] for i in picks]
        local, foreign = D.make_bad_records(list(task.bad_items), bases, clean_pick, task.fmt, drng)
        positions = np.sort(drng.integers(0, rows.n + 1, size=len(local)))
        inserts = list(zip(positions.tolist(), [rec for _, rec in local], strict=True))

    written = 0
    with ShardWriter(Path(task.path), task.fmt, task.compress) as writer:
        if rows.n == 0:
            from chatlake.schema import LMSYS_ARROW_SCHEMA

            written += writer.write(LMSYS_ARROW_SCHEMA.empty_table(), inserts)
        for start in range(0, rows.n, ROWS_PER_CHUNK):
            stop = min(rows.n, start + ROWS_PER_CHUNK)
            mine = split_inserts(inserts, start, stop, stop == rows.n)
            written += writer.write(rows_to_arrow(rows, start, stop), mine)

    quarantine: dict[str, int] = {}
    duplicates = 0
    for kind, _ in local:
        if kind == D.DUPLICATE:
            duplicates += 1
        else:
            quarantine[kind] = quarantine.get(kind, 0) + 1
    return _ShardResult(
        task.index, stats, written, quarantine, duplicates, foreign, first_prompts,
        [[rows.ids[c] for c in g] for g in planted.exact], [[rows.ids[c] for c in g] for g in planted.near],
    )


def _repetition_stats(results: list[_ShardResult], planted: dict[str, int]) -> dict[str, Any]:
    """The exact repetition of normalised first prompts over all shards (planted groups and the
    repeats that occur by themselves, such as short garbled prompts), with the planted counts."""
    counts: dict[str, int] = {}
    for r in results:
        for norm, _ in r.first_prompts:
            if norm:
                counts[norm] = counts.get(norm, 0) + 1
    per_model: dict[str, int] = {}
    for r in results:
        for norm, m in r.first_prompts:
            if counts.get(norm, 0) >= 2:
                per_model[MODEL_NAMES[m]] = per_model.get(MODEL_NAMES[m], 0) + 1
    repeated = sorted((c for c in counts.values() if c >= 2), reverse=True)
    return {
        "repeated_groups": len(repeated),
        "repeated_conversations": sum(repeated),
        "repeated_per_model": {name: per_model[name] for name in MODEL_NAMES if name in per_model},
        "top_repeated_counts": repeated[:TOP_REPEATED],
        **planted,
    }


def _shard_sizes(rows: int, n_shards: int) -> list[int]:
    base, extra = divmod(rows, n_shards)
    return [base + (1 if i < extra else 0) for i in range(n_shards)]


def _clean_old_shards(data_dir: Path) -> None:
    for path in data_dir.iterdir():
        name = path.name
        if path.is_file() and name.startswith("train-") and (
            name.endswith((".parquet", ".jsonl", ".jsonl.gz", ".tmp"))
        ):
            path.unlink()


def _ordered(stats: dict[str, Any]) -> dict[str, Any]:
    """The merged clean statistics with every mapping in a stable, readable order."""
    out = dict(stats)
    out["per_model"] = {name: stats["per_model"][name] for name in MODEL_NAMES if name in stats["per_model"]}
    for key in ("per_language", "per_planted_code"):
        out[key] = dict(sorted(stats[key].items(), key=lambda kv: (-kv[1], kv[0])))
    out["turn_histogram"] = dict(sorted(stats["turn_histogram"].items(), key=lambda kv: int(kv[0])))
    out["topics"] = {name: stats["topics"][name] for name in TOPIC_NAMES if name in stats.get("topics", {})}
    return out


def generate(
    rows: int,
    seed: int,
    out_dir: str | Path,
    fmt: str = "parquet",
    *,
    dirty: bool = False,
    gzip: bool = False,
    shards: int | None = None,
    workers: int | None = None,
) -> GenerateResult:
    """Write `rows` synthetic LMSYS-Chat-1M conversations under `out_dir/data/` and their planted
    statistics to `out_dir/planted_stats.json`.

    fmt: "parquet" (LMSYS_ARROW_SCHEMA) or "jsonl" (`gzip=True` for .jsonl.gz). shards: number of
    files (default: one per 100,000 rows, at least 1). workers: processes (default: CPU count);
    the output does not depend on it. dirty: add a known number of bad records of every kind and
    exact duplicates (counted under `dirty` in the statistics). Same arguments, same bytes.
    """
    started = time.perf_counter()
    if fmt not in FORMATS:
        raise ChatlakeError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")
    if gzip and fmt != "jsonl":
        raise ChatlakeError("gzip applies to the jsonl format only")
    if rows < 0:
        raise ChatlakeError("rows must be >= 0")
    if seed < 0:
        raise ChatlakeError("seed must be >= 0")
    if shards is not None and shards < 1:
        raise ChatlakeError("shards must be >= 1")
    n_shards = shards if shards is not None else max(1, math.ceil(rows / ROWS_PER_SHARD))
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 1:
        raise ChatlakeError("workers must be >= 1")

    out = Path(out_dir)
    data_dir = out / "data"
    data_dir.mkdir(parents=True, exist_ok=True)
    _clean_old_shards(data_dir)

    sizes = _shard_sizes(rows, n_shards)
    plan = D.plan_dirty(sizes, fmt) if dirty else D.DirtyPlan([[] for _ in range(n_shards)])
    paths = [data_dir / shard_name(i, n_shards, fmt, gzip) for i in range(n_shards)]
    tasks = [
        _ShardTask(seed, i, n_shards, size, fmt, gzip, str(paths[i]), tuple(plan.per_shard[i]))
        for i, size in enumerate(sizes)
    ]
    n_proc = min(workers, n_shards)
    if n_proc <= 1:
        results = [_make_shard(task) for task in tasks]
    else:
        # fork where the platform has it: workers start at once and inherit the imported modules, and
        # (unlike spawn) it does not re-run the caller's __main__, which scripts may not guard.
        method = "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"
        with ProcessPoolExecutor(max_workers=n_proc, mp_context=multiprocessing.get_context(method)) as pool:
            results = list(pool.map(_make_shard, tasks))

    records = sum(r.records for r in results)
    quarantine: dict[str, int] = {}
    duplicates = 0
    for r in results:
        for kind, count in r.quarantine.items():
            quarantine[kind] = quarantine.get(kind, 0) + count
        duplicates += r.duplicates
    foreign = [item for r in results for item in r.foreign]
    if foreign:
        last = paths[-1]
        existing = count_records(last, fmt, gzip)
        frng = np.random.default_rng([seed, n_shards, 2])
        positions = np.sort(frng.integers(0, existing + 1, size=len(foreign))).tolist()
        rewrite_with_inserts(last, fmt, gzip, list(zip(positions, [rec for _, rec in foreign], strict=True)))
        records += len(foreign)
        for kind, _ in foreign:
            if kind == D.DUPLICATE:
                duplicates += 1
            else:
                quarantine[kind] = quarantine.get(kind, 0) + 1

    clean: dict[str, Any] = {}
    for r in sorted(results, key=lambda r: r.index):
        clean = merge(clean, r.stats)
    clean = _ordered(clean) if results else clean
    stats: dict[str, Any] = {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "format": fmt,
        "shards": n_shards,
        "encoding": ENCODING,
        "rows": clean.get("rows", 0),
        "models": len(clean.get("per_model", {})),
    }
    stats.update({k: v for k, v in clean.items() if k not in ("rows", "repetition")})
    stats["repetition"] = _repetition_stats(results, clean.get("repetition", {}))
    if dirty:
        kinds = D.JSONL_KINDS if fmt == "jsonl" else D.PARQUET_KINDS
        stats["dirty"] = {
            "quarantine": {kind: quarantine.get(kind, 0) for kind in kinds},
            "duplicates": duplicates,
            "records_total": records,
        }
    groups = {
        "exact_groups": [g for r in sorted(results, key=lambda r: r.index) for g in r.exact_groups],
        "near_groups": [g for r in sorted(results, key=lambda r: r.index) for g in r.near_groups],
    }
    (out / REPETITION_FILE).write_text(json.dumps(groups) + "\n", encoding="utf-8")
    stats_path = out / STATS_FILE
    stats_path.write_text(json.dumps(stats, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return GenerateResult(
        paths=tuple(paths),
        stats_path=stats_path,
        rows_written=records,
        clean_rows=int(stats["rows"]),
        seconds=time.perf_counter() - started,
    )
