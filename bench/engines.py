"""The JVM engine against the embedded engine: `enrich --full` on one Parquet bronze table.

    python bench/engines.py DATA --rounds 3      # DATA: a folder of .parquet files (chatlake generate)

Ingests DATA once into Parquet tables under `--workdir` (the embedded engine; the JVM engine
here has no Delta), then runs `chatlake enrich --full` on them with the JVM engine
(`--engine local`, `spark.master=local[<cores>]`) and with the embedded engine, in turn, `rounds`
times. Prints and stores (`bench/results/engines-<conversations>.json`) each engine's median
time, CPU use and peak memory, and the median of the pairs' ratios, JVM over embedded, which
`bench/targets.toml` bounds (`[engines] max_jvm_ratio`; exit code 1 when it is missed).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import time
import tomllib
from pathlib import Path
from typing import Annotated

import pyarrow.parquet as pq
import typer

from run import HERE, measure, medians


def main(
    data: Annotated[Path, typer.Argument(help="Folder of .parquet files.")],
    rounds: Annotated[int, typer.Option(min=1, help="Pairs of runs (JVM, embedded).")] = 3,
    workdir: Annotated[Path, typer.Option(help="Scratch folder for the tables (emptied first).")] = (
        HERE / "work" / "engines"
    ),
) -> None:
    cores = os.cpu_count() or 1
    conversations = sum(pq.ParquetFile(p).metadata.num_rows for p in data.glob("*.parquet"))
    shutil.rmtree(workdir, ignore_errors=True)
    chatlake = [sys.executable, "-m", "chatlake", "-q"]
    tables = ["--set", "format=parquet", "--set", f"table_root={workdir / 'tables'}"]
    print(f"bench: ingesting {conversations:,} conversations as Parquet ...", flush=True)
    measure([*chatlake, "ingest", "--source", str(data), *tables])
    commands = {
        "local": [*chatlake, "enrich", "--full", "--engine", "local", "--set", f"spark.master=local[{cores}]", *tables],
        "embedded": [*chatlake, "enrich", "--full", *tables],
    }
    runs: dict[str, list[dict]] = {engine: [] for engine in commands}
    for round_ in range(1, rounds + 1):
        for engine, command in commands.items():
            print(f"bench: enrich on {engine}, round {round_} of {rounds} ...", flush=True)
            result = measure(command)
            result.pop("output")
            runs[engine].append(result)
            print(f"bench: {engine}: {result}", flush=True)
    pairs = zip(runs["local"], runs["embedded"], strict=True)
    ratios = [jvm["seconds"] / embedded["seconds"] for jvm, embedded in pairs]
    report = {
        "conversations": conversations, "cores": cores, "rounds": rounds,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "enrich": {engine: medians(measured) for engine, measured in runs.items()},
        "jvm_ratio": round(statistics.median(ratios), 3),
        "jvm_ratio_runs": [round(r, 3) for r in ratios],
    }
    out = HERE / "results" / f"engines-{conversations}.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    for engine, figures in report["enrich"].items():
        print(f"enrich --full, {engine}: {figures['seconds']} s (runs {figures['runs']}), "
              f"CPU use {figures['cpu_use']}, peak {figures['peak_rss_mib']:,.0f} MiB")
    print(f"JVM / embedded: {report['jvm_ratio']} (pairs {report['jvm_ratio_runs']}); results in {out}")
    limit = tomllib.loads((HERE / "targets.toml").read_text())["engines"]["max_jvm_ratio"]
    if report["jvm_ratio"] > limit:
        print(f"bench: TARGET MISSED: the JVM engine takes {report['jvm_ratio']} times the embedded engine's time, "
              f"target at most {limit}")
        raise SystemExit(1)


if __name__ == "__main__":
    typer.run(main)
