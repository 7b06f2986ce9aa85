"""The benchmark: every stage of the pipeline at a given size, as a user runs it.

    python bench/run.py --rows 1000000 --rounds 3            # embedded engine
    python bench/run.py --rows 1000000 --engine local        # JVM engine (Parquet tables)
    python bench/run.py --rows 4000000 --incremental 100000  # and one new shard, ingested and enriched

Each stage runs as its own `chatlake` process; wall time, CPU time (user + system, the worker
processes included) and the peak resident memory of the process tree (JVM and workers
included) are measured from outside. Enrichment (`enrich --full`) is set beside two figures
measured in the same run, on the same files:

- the yardstick, `bench/plain_enrich.py`: the script a user would write, the same kernels, one
  process per core, the messages cut into equal slices;
- the kernel limit, `bench/kernel_time.py`: the kernels alone in one process over every text,
  divided by the cores: no enrichment on this machine can be faster with these kernels.

The machines are shared and their speed drifts by a fifth from one minute to the next, so with
`--rounds N` the three run in turn N times (enrich, yardstick, kernel limit, enrich, ...): each
figure is the median of its N runs and each ratio the median of the N ratios of one round.

For `aggregate`, the steps of its run (from the run log) are split into those of the tables issue 13
added (use-case selections, repetition, languages in depth, tag trust, and what they read from
bronze) and the rest: `new_tables_share` is the first over the second, what those tables add.

With `--incremental N`, a new shard of N conversations (other ids) is then ingested into the
bronze table and enriched (plain `enrich`), as a user adds data to a large table.

Results go to `bench/results/<engine>-<rows>.json` (and are printed as a table), and are
checked against `bench/targets.toml`; the exit code is 1 when a target is missed.
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path
from typing import Annotated, Any

import psutil
import typer

HERE = Path(__file__).resolve().parent
STAGES = ("generate", "ingest", "enrich", "aggregate", "report")
# The steps of `chatlake aggregate` that make the tables of issue 13 (run log step names).
NEW_TABLE_STEPS = frozenset({
    "repeated first prompts", "example conversations", "first prompts", "near-duplicate pairs",
    "moderated messages of the candidates",
    *[f"gold/{name}" for name in ("languages_in_depth", "language_tag_trust", "repeated_prompts",
                                  "prompt_repetition_by_model", "near_duplicates", "near_duplicate_pairs",
                                  "high_quality", "safety_benchmark", "moderation_training")],
})


def measure(command: list[str], env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run `command`; its wall time, CPU seconds and the peak RSS (MiB) of its whole process tree."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    # CPU seconds last seen per process of the tree: the JVM's Python workers are never reaped
    # through this tree, so getrusage alone would leave them out.
    cpu_seen: dict[int, float] = {}
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
                for p in tree:
                    with contextlib.suppress(psutil.Error):
                        times = p.cpu_times()
                        cpu_seen[p.pid] = times.user + times.system
            except psutil.Error:
                pass
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode != 0:
        sys.stderr.write(output)
        raise SystemExit(f"bench: {' '.join(command)} failed with exit code {process.returncode}")
    reaped = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    cpu = max(reaped, sum(cpu_seen.values()))
    return {
        "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2),
        "cpu_use": round(cpu / seconds, 2),
        "peak_rss_mib": round(peak / 2**20, 1),
        "output": output,
    }


def planted_tokens(data: Path) -> int:
    """The tokens of every message, as the generator counted them (planted_stats.json)."""
    planted = json.loads((data / "planted_stats.json").read_text())
    return sum(role["tokens_sum"] for role in planted["per_role"].values())


def last_json_line(output: str) -> dict[str, Any]:
    return json.loads(output.strip().splitlines()[-1])


def main(
    rows: Annotated[int, typer.Option(help="Synthetic conversations.")] = 100_000,
    engine: Annotated[str, typer.Option(help="embedded or local.")] = "embedded",
    workdir: Annotated[Path, typer.Option(help="Scratch folder (emptied first).")] = HERE / "work",
    stages: Annotated[str, typer.Option(help="Comma-separated stages to run.")] = ",".join(STAGES),
    incremental: Annotated[int, typer.Option(help="Then ingest and enrich a new shard of this many rows.")] = 0,
    yardstick: Annotated[bool, typer.Option(help="Measure the yardstick and the kernel limit.")] = True,
    seed: Annotated[int, typer.Option()] = 0,
    rounds: Annotated[
        int, typer.Option(min=1, help="Runs of enrich, the yardstick and the kernel limit, in turn.")
    ] = 1,
) -> None:
    chosen = [s for s in stages.split(",") if s]
    unknown = set(chosen) - set(STAGES)
    if unknown:
        raise typer.BadParameter(f"unknown stages {sorted(unknown)}; choose from {STAGES}")
    cores = os.cpu_count() or 1
    work = workdir / f"{engine}-{rows}"
    data = work / "data"
    if "generate" in chosen:
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    chatlake = [sys.executable, "-m", "chatlake"]
    overrides = ["--engine", engine, "--set", f"table_root={work / 'tables'}", "--set", f"output_dir={work / 'out'}"]
    if engine == "local":
        overrides += ["--set", "format=parquet", "--set", f"spark.master=local[{cores}]"]
    commands = {
        "generate": [*chatlake, "-q", "generate", "--rows", str(rows), "--seed", str(seed), "--out", str(data)],
        "ingest": [*chatlake, "-q", "ingest", "--source", str(data / "data"), *overrides],
        "enrich": [*chatlake, "-q", "enrich", "--full", *overrides],
        "aggregate": [*chatlake, "-q", "aggregate", *overrides],
        "report": [*chatlake, "-q", "report", *overrides],
    }
    results: dict[str, dict[str, Any]] = {}
    for stage in chosen:
        if stage == "enrich":
            results.update(enrich_rounds(commands["enrich"], data, rows, cores, rounds, yardstick))
            continue
        print(f"bench: {stage} ...", flush=True)
        result = measure(commands[stage])
        result.pop("output")
        result["conversations_per_s"] = round(rows / result["seconds"], 1)
        results[stage] = result
        print(f"bench: {stage}: {result}", flush=True)
    tokens = planted_tokens(data)
    if "aggregate" in results:
        results["aggregate"].update(aggregate_split(work / "tables"))
    if incremental:
        results.update(add_shard(work, chatlake, overrides, incremental, seed))

    report = {
        "rows": rows, "engine": engine, "cores": cores, "tokens": tokens, "rounds": rounds,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "stages": results,
    }
    out = HERE / "results" / f"{engine}-{rows}.json"
    out.parent.mkdir(exist_ok=True)
    if out.exists() and "generate" not in chosen:
        # The same data as the stored run: the stages measured now replace theirs.
        report["stages"] = json.loads(out.read_text())["stages"] | results
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(table(report))
    print(f"bench: results in {out}")
    missed = check_targets(report)
    for line in missed:
        print(f"bench: TARGET MISSED: {line}")
    raise SystemExit(1 if missed else 0)


def enrich_rounds(
    command: list[str], data: Path, rows: int, cores: int, rounds: int, yardstick: bool
) -> dict[str, dict[str, Any]]:
    """`enrich --full` and, with `yardstick`, the yardstick and the kernel limit on the same files,
    `rounds` times in turn: the median of each figure, the median of each round's ratios, and
    every round's seconds (`runs`)."""
    tokens = planted_tokens(data)
    runs: dict[str, list[dict[str, Any]]] = {"enrich": [], "yardstick_enrich": [], "kernel_limit": []}
    for round_ in range(1, rounds + 1):
        print(f"bench: enrich, round {round_} of {rounds} ...", flush=True)
        enriched = measure(command)
        enriched.pop("output")
        runs["enrich"].append(enriched | {"conversations_per_s": round(rows / enriched["seconds"], 1),
                                          "tokens_per_s": round(tokens / enriched["seconds"], 1)})
        print(f"bench: enrich: {enriched}", flush=True)
        if yardstick:
            runs["yardstick_enrich"].append(yardstick_run(data / "data", tokens, rows, cores))
            runs["kernel_limit"].append(kernel_limit_run(data / "data", cores))
    results = {name: medians(measured) for name, measured in runs.items() if measured}
    if yardstick:
        for key, against in (("ratio_to_yardstick", "yardstick_enrich"), ("ratio_to_kernel_limit", "kernel_limit")):
            ratios = [e["seconds"] / a["seconds"] for e, a in zip(runs["enrich"], runs[against], strict=True)]
            results["enrich"][key] = round(statistics.median(ratios), 3)
            results["enrich"][f"{key}_runs"] = [round(r, 3) for r in ratios]
    return results


def medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each numeric figure's median over `runs` (peak memory: the largest), and the seconds of
    every run."""
    result = {}
    for key, value in runs[0].items():
        if isinstance(value, int):  # counts, the same in every run
            result[key] = statistics.median_low(r[key] for r in runs)
        elif isinstance(value, float):
            result[key] = round(statistics.median(r[key] for r in runs), 2)
    if "peak_rss_mib" in result:
        result["peak_rss_mib"] = max(r["peak_rss_mib"] for r in runs)
    return result | {"runs": [r["seconds"] for r in runs]}


def yardstick_run(data: Path, tokens: int, rows: int, cores: int) -> dict[str, Any]:
    """The plain script on the files, its token total checked against the planted one."""
    print("bench: yardstick (plain script, one process per core) ...", flush=True)
    plain = measure([sys.executable, str(HERE / "plain_enrich.py"), str(data), "--processes", str(cores)])
    counted = last_json_line(plain.pop("output"))
    if counted["tokens"] != tokens:
        raise SystemExit(f"bench: the plain script counted {counted['tokens']} tokens, planted {tokens}")
    return plain | {"conversations_per_s": round(rows / plain["seconds"], 1), "messages": counted["messages"]}


def kernel_limit_run(data: Path, cores: int) -> dict[str, Any]:
    """The kernels alone in one process, divided by the cores."""
    print("bench: kernel limit (kernels alone, one process) ...", flush=True)
    kernel = measure([sys.executable, str(HERE / "kernel_time.py"), str(data)])
    timed = last_json_line(kernel.pop("output"))
    return {
        "seconds": round(timed["seconds"] / cores, 2),
        "single_process_seconds": round(timed["seconds"], 2),
        "messages": timed["messages"],
        "characters": timed["characters"],
    }


def aggregate_split(tables: Path) -> dict[str, Any]:
    """The last aggregate run's steps (run log), the tables of issue 13 against the rest."""
    import pyarrow.dataset as ds

    runs_path = tables / "ops" / "runs"
    if (runs_path / "_delta_log").exists():
        from deltalake import DeltaTable

        # Not DeltaTable.to_pyarrow_table: it makes the process abort at exit (see tests/conftest.py).
        runs = ds.dataset(DeltaTable(str(runs_path)).file_uris(), format="parquet").to_table().to_pylist()
    else:
        runs = ds.dataset(str(runs_path), format="parquet").to_table().to_pylist()
    last = max((r for r in runs if r["job"] == "aggregate"), key=lambda r: r["started_at"])
    steps = json.loads(last["stages"])
    new = sum(s["seconds"] for s in steps if s["stage"] in NEW_TABLE_STEPS)
    rest = sum(s["seconds"] for s in steps if s["stage"] not in NEW_TABLE_STEPS)
    return {"new_tables_seconds": round(new, 2), "other_steps_seconds": round(rest, 2),
            "new_tables_share": round(new / rest, 3) if rest else None,
            "steps": {s["stage"]: s["seconds"] for s in steps}}


def add_shard(work: Path, chatlake: list[str], overrides: list[str], rows: int, seed: int) -> dict[str, dict[str, Any]]:
    """Generate a shard with other ids, then time `ingest` of it into the existing bronze and a
    plain (incremental) `enrich`."""
    shard = work / "shard"
    shutil.rmtree(shard, ignore_errors=True)
    generated = measure([*chatlake, "-q", "generate", "--rows", str(rows), "--seed", str(seed + 1_000_003),
                         "--out", str(shard), "--shards", "1"])
    print(f"bench: shard of {rows:,} generated in {generated['seconds']} s", flush=True)
    results = {}
    for stage, command in (
        ("incremental_ingest", [*chatlake, "-q", "ingest", "--source", str(shard / "data"), *overrides]),
        ("incremental_enrich", [*chatlake, "-q", "enrich", *overrides]),
    ):
        print(f"bench: {stage} ...", flush=True)
        result = measure(command)
        result.pop("output")
        result["rows"] = rows
        results[stage] = result
        print(f"bench: {stage}: {result}", flush=True)
    return results


def table(report: dict[str, Any]) -> str:
    """The results as a Markdown table."""
    lines = [
        f"{report['rows']:,} conversations, engine {report['engine']}, {report['cores']} cores",
        "",
        "| stage | time (s) | conversations/s | CPU use (cores) | peak memory (MiB) | vs yardstick | vs kernel limit |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for stage, r in report["stages"].items():
        cells = [
            stage, f"{r['seconds']:,.1f}", f"{r['conversations_per_s']:,.0f}" if "conversations_per_s" in r else "",
            f"{r['cpu_use']:.2f}" if "cpu_use" in r else "", f"{r['peak_rss_mib']:,.0f}" if "peak_rss_mib" in r else "",
            f"{r['ratio_to_yardstick']:.2f}" if "ratio_to_yardstick" in r else "",
            f"{r['ratio_to_kernel_limit']:.2f}" if "ratio_to_kernel_limit" in r else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def check_targets(report: dict[str, Any]) -> list[str]:
    """The targets of bench/targets.toml that this report misses."""
    targets = tomllib.loads((HERE / "targets.toml").read_text())
    stages = report["stages"]
    scale = 1_000_000 / report["rows"]
    missed = []
    for stage, limit in targets.get("max_seconds_per_million", {}).items():
        if stage in stages and stages[stage]["seconds"] * scale > limit:
            missed.append(f"{stage}: {stages[stage]['seconds'] * scale:.0f} s per 1M conversations, target {limit} s")
    if report["engine"] == "embedded":
        for stage, limit in targets.get("max_peak_mib", {}).items():
            if stage in stages and stages[stage]["peak_rss_mib"] > limit:
                missed.append(f"{stage}: peak memory {stages[stage]['peak_rss_mib']:,.0f} MiB, target {limit} MiB")
    enrich = stages.get("enrich", {})
    for key, limit in targets.get("enrich", {}).items():
        if key in enrich and enrich[key] > limit:
            missed.append(f"enrich: {key} {enrich[key]}, target at most {limit}")
    new_share = stages.get("aggregate", {}).get("new_tables_share")
    limit = targets.get("aggregate", {}).get("max_new_tables_share")
    if limit is not None and new_share is not None and new_share > limit:
        missed.append(f"aggregate: the tables of issue 13 add {new_share:.0%} to the rest, target {limit:.0%}")
    share = targets.get("incremental", {}).get("max_share_of_full")
    for stage in ("ingest", "enrich"):
        added = stages.get(f"incremental_{stage}")
        if share and added and stage in stages and added["seconds"] > share * stages[stage]["seconds"]:
            missed.append(f"incremental {stage}: {added['seconds']} s, more than {share:.0%} of the full {stage}")
    return missed


if __name__ == "__main__":
    typer.run(main)
