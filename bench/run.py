"""The benchmark: every stage of the pipeline at a given size, timed, with peak memory.

    python bench/run.py --rows 100000                 # embedded engine
    python bench/run.py --rows 100000 --engine local  # JVM engine (Parquet tables)

Each stage runs as its own `chatlake` process (as a user runs it); wall time and the peak resident
memory of the process tree (JVM included) are measured from outside. Enrichment is also compared
with `bench/plain_enrich.py`, the same work in a plain 2-process Python script over the same files.
Results go to `bench/results/<engine>-<rows>.json` and are checked against the targets in
`bench/targets.toml`; the exit code is 1 when one is missed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
import tomllib
from pathlib import Path
from typing import Annotated

import psutil
import typer

HERE = Path(__file__).resolve().parent
STAGES = ("generate", "ingest", "enrich", "aggregate", "report")


def measure(command: list[str], env: dict[str, str] | None = None) -> dict[str, float]:
    """Run `command`; its wall time and the peak RSS (MiB) of its whole process tree."""
    start = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                tree = [root, *root.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    done.set()
    sampler.join()
    seconds = time.perf_counter() - start
    if process.returncode != 0:
        sys.stderr.write(output)
        raise SystemExit(f"bench: {' '.join(command)} failed with exit code {process.returncode}")
    return {"seconds": round(seconds, 2), "peak_rss_mib": round(peak / 2**20, 1), "output": output}


def main(
    rows: Annotated[int, typer.Option(help="Synthetic conversations.")] = 100_000,
    engine: Annotated[str, typer.Option(help="embedded or local.")] = "embedded",
    workdir: Annotated[Path, typer.Option(help="Scratch folder (emptied first).")] = HERE / "work",
    stages: Annotated[str, typer.Option(help="Comma-separated stages to run.")] = ",".join(STAGES),
    seed: Annotated[int, typer.Option()] = 0,
) -> None:
    chosen = [s for s in stages.split(",") if s]
    unknown = set(chosen) - set(STAGES)
    if unknown:
        raise typer.BadParameter(f"unknown stages {sorted(unknown)}; choose from {STAGES}")
    work = workdir / f"{engine}-{rows}"
    data = work / "data"
    if "generate" in chosen:
        shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    chatlake = [sys.executable, "-m", "chatlake"]
    overrides = ["--engine", engine, "--set", f"table_root={work / 'tables'}", "--set", f"output_dir={work / 'out'}"]
    if engine == "local":
        overrides += ["--set", "format=parquet", "--set", "spark.master=local[2]"]
    commands = {
        "generate": [*chatlake, "generate", "--rows", str(rows), "--seed", str(seed), "--out", str(data)],
        "ingest": [*chatlake, "-q", "ingest", "--source", str(data / "data"), *overrides],
        "enrich": [*chatlake, "-q", "enrich", "--full", *overrides],
        "aggregate": [*chatlake, "-q", "aggregate", *overrides],
        "report": [*chatlake, "-q", "report", *overrides],
    }
    results: dict[str, dict] = {}
    for stage in chosen:
        print(f"bench: {stage} ...", flush=True)
        result = measure(commands[stage])
        result.pop("output")
        result["conversations_per_s"] = round(rows / result["seconds"], 1)
        results[stage] = result
        print(f"bench: {stage}: {result}", flush=True)
    planted = json.loads((data / "planted_stats.json").read_text())
    tokens = sum(role["tokens_sum"] for role in planted["per_role"].values())
    if "enrich" in results:
        results["enrich"]["tokens_per_s"] = round(tokens / results["enrich"]["seconds"], 1)
        plain = measure([sys.executable, str(HERE / "plain_enrich.py"), str(data / "data"), "--processes", "2"])
        plain_result = json.loads(plain.pop("output").strip().splitlines()[-1])
        if plain_result["tokens"] != tokens:
            raise SystemExit(f"bench: the plain script counted {plain_result['tokens']} tokens, planted {tokens}")
        plain.update(conversations_per_s=round(rows / plain["seconds"], 1), tokens_per_s=round(tokens / plain["seconds"], 1))
        results["plain_python_enrich"] = plain
        results["enrich"]["ratio_to_plain_python"] = round(plain["seconds"] / results["enrich"]["seconds"], 3)
        print(f"bench: plain python enrich: {plain}", flush=True)

    report = {
        "rows": rows, "engine": engine, "cores": os.cpu_count(), "tokens": tokens,
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "stages": results,
    }
    out = HERE / "results" / f"{engine}-{rows}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"bench: results in {out}")
    missed = check_targets(report)
    for line in missed:
        print(f"bench: TARGET MISSED: {line}")
    raise SystemExit(1 if missed else 0)


def check_targets(report: dict) -> list[str]:
    """Targets are per 1M conversations (seconds), scaled linearly to the measured size."""
    targets = tomllib.loads((HERE / "targets.toml").read_text())
    missed = []
    for stage, limit in targets.get("max_seconds_per_million", {}).items():
        result = report["stages"].get(stage)
        if result is None:
            continue
        projected = result["seconds"] * 1_000_000 / report["rows"]
        if projected > limit:
            missed.append(f"{stage}: {projected:.0f} s per 1M conversations projected, target {limit} s")
    return missed


if __name__ == "__main__":
    typer.run(main)
