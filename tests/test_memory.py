"""The embedded engine's memory budget (`spark.memory_budget_mib`): a few hundred thousand
conversations ingest and enrich under a budget of 1 GiB, and a budget too small for a job is a
one-line refusal that names the setting, with the tables left as they were."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import psutil
import pytest

from chatlake.generate import generate
from engine_compare import read_table

pytestmark = pytest.mark.slow

ROWS = 200_000
BUDGET_MIB = 1024
# What the process tree holds beside the engine's budget: Python, the engine's own code and I/O
# buffers, the models, the kernel workers (about 1.1 GiB measured at this size).
FIXED_MIB = 1536


def run(args: list[str]) -> tuple[subprocess.CompletedProcess, float]:
    """`chatlake ARGS` and the peak resident memory (MiB) of its process tree."""
    process = subprocess.Popen([sys.executable, "-m", "chatlake", "-q", *args], stderr=subprocess.PIPE, text=True)
    peak, done = 0, threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(process.pid)
        while not done.is_set():
            try:
                peak = max(peak, sum(p.memory_info().rss for p in [root, *root.children(recursive=True)]))
            except psutil.Error:
                pass
            done.wait(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate(timeout=900)
    done.set()
    sampler.join()
    return subprocess.CompletedProcess(args, process.returncode, "", stderr), peak / 2**20


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("memory")
    generate(ROWS, 5, out, "parquet")
    return out / "data"


def test_ingest_and_enrich_stay_inside_a_one_gib_budget(data, tmp_path):
    settings = ["--set", f"table_root={tmp_path / 'tables'}", "--set", f"spark.memory_budget_mib={BUDGET_MIB}"]
    for args in (["ingest", "--source", str(data)], ["enrich"]):
        result, peak = run([*args, *settings])
        assert result.returncode == 0, result.stderr[-3000:]
        assert peak < BUDGET_MIB + FIXED_MIB, f"{args[0]}: peak {peak:,.0f} MiB"
    assert read_table(tmp_path / "tables" / "silver" / "conversations").num_rows == ROWS


def test_a_budget_too_small_is_a_one_line_refusal(data, tmp_path):
    result, _ = run(["ingest", "--source", str(data), "--set", f"table_root={tmp_path / 'tables'}",
                     "--set", "spark.memory_budget_mib=32"])
    assert result.returncode == 2
    line = result.stderr.strip().splitlines()[-1]
    assert line.startswith("chatlake: error: the embedded engine needs more memory than its budget of 32 MiB")
    assert "spark.memory_budget_mib" in line
    assert not (tmp_path / "tables" / "bronze" / "conversations" / "_delta_log").exists()
