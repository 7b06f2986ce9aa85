"""The benchmark's two yardsticks run, as `bench/run.py` runs them, and count what the generator
planted: every message once, every token once, whatever the files and the processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from chatlake.generate import generate

BENCH = Path(__file__).resolve().parents[1] / "bench"


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("bench-data")
    # Three shards of unequal work: a split by file would not give each process the same share.
    generate(700, 3, out, shards=3, workers=1)
    return out / "data", json.loads((out / "planted_stats.json").read_text())


def run_script(*args: str) -> dict:
    done = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def planted_totals(planted: dict) -> tuple[int, int]:
    """(messages, tokens) over both roles, from planted_stats.json."""
    roles = planted["per_role"]
    return sum(r["messages"] for r in roles.values()), sum(r["tokens_sum"] for r in roles.values())


def test_kernel_time_reads_every_message(generated: tuple[Path, dict]) -> None:
    data, planted = generated
    result = run_script(str(BENCH / "kernel_time.py"), str(data))
    messages, _ = planted_totals(planted)
    assert result["messages"] == messages
    assert result["seconds"] > 0


def test_plain_enrich_counts_every_token_once(generated: tuple[Path, dict]) -> None:
    data, planted = generated
    result = run_script(str(BENCH / "plain_enrich.py"), str(data), "--processes", "2")
    messages, tokens = planted_totals(planted)
    assert (result["conversations"], result["messages"], result["tokens"]) == (700, messages, tokens)
