"""How time and memory grow with the input: two stored benchmark results of one engine side by side.

    python bench/growth.py bench/results/embedded-1000000.json bench/results/embedded-4000000.json

Prints, per stage, the time per conversation and the peak memory at both sizes and their ratios
(larger over smaller), and checks them against `[growth]` in bench/targets.toml (issue 9: time per
conversation at 4M within 15% of 1M, peak memory at most 4 GiB at both). Exit code 1 when a target
is missed.
"""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Annotated, Any

import typer

from run import STAGES

HERE = Path(__file__).resolve().parent


def growth_rows(small: dict[str, Any], large: dict[str, Any]) -> list[dict[str, Any]]:
    """One row per stage measured in both results: µs per conversation and peak MiB at each size."""
    rows = []
    for stage in STAGES:
        a, b = small["stages"].get(stage), large["stages"].get(stage)
        if not a or not b:
            continue
        per_small = a["seconds"] / small["rows"] * 1e6
        per_large = b["seconds"] / large["rows"] * 1e6
        rows.append({
            "stage": stage,
            "us_per_conversation": (per_small, per_large),
            "time_ratio": per_large / per_small,
            "peak_mib": (a["peak_rss_mib"], b["peak_rss_mib"]),
            "memory_ratio": b["peak_rss_mib"] / a["peak_rss_mib"],
        })
    return rows


def main(
    small_path: Annotated[Path, typer.Argument(help="The smaller run's results (JSON).")],
    large_path: Annotated[Path, typer.Argument(help="The larger run's results (JSON).")],
) -> None:
    small, large = (json.loads(p.read_text()) for p in (small_path, large_path))
    if small["engine"] != large["engine"] or small["rows"] >= large["rows"]:
        raise typer.BadParameter("give two results of one engine, the smaller size first")
    targets = tomllib.loads((HERE / "targets.toml").read_text()).get("growth", {})
    max_time_ratio = targets.get("max_time_per_conversation_ratio")
    max_peak = targets.get("max_peak_mib")
    n, m = f"{small['rows']:,}", f"{large['rows']:,}"
    print(f"| stage | µs per conversation at {n} | at {m} | ratio | peak MiB at {n} | at {m} | ratio |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    missed = []
    for row in growth_rows(small, large):
        (t1, t2), (p1, p2) = row["us_per_conversation"], row["peak_mib"]
        print(f"| {row['stage']} | {t1:,.1f} | {t2:,.1f} | {row['time_ratio']:.2f} "
              f"| {p1:,.0f} | {p2:,.0f} | {row['memory_ratio']:.2f} |")
        if row["stage"] == "generate":
            continue  # the generator is a test tool, not a stage the targets cover
        if max_time_ratio and row["time_ratio"] > max_time_ratio:
            missed.append(f"{row['stage']}: time per conversation grew {row['time_ratio']:.2f}x, "
                          f"target at most {max_time_ratio}x")
        if max_peak and max(p1, p2) > max_peak:
            missed.append(f"{row['stage']}: peak memory {max(p1, p2):,.0f} MiB, target {max_peak} MiB")
    for line in missed:
        print(f"growth: TARGET MISSED: {line}")
    raise SystemExit(1 if missed else 0)


if __name__ == "__main__":
    typer.run(main)
