"""Fault injection: every job killed (`kill -9`) at several points, then run again, must leave
exactly the tables of a run that was never interrupted; a second run beside a live one refuses.

The kill points are found by watching the job's own commits (`tests/fault_launcher.py`): right
after the first and second table commits (between the two silver tables, between bronze and the
quarantine, between the data and the run log), during staging before any commit, and at a time
half-way through. The reference is the same sequence of jobs, run cleanly, on the same input.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from chatlake.guard import exclusive
from chatlake.results import RunInfo
from chatlake.storage import Storage
from engine_compare import assert_same_tables, read_table

pytestmark = pytest.mark.slow

HERE = Path(__file__).resolve().parent
LAUNCHER = HERE / "fault_launcher.py"
KILLED = -9


def chatlake(
    root: Path, *args: str, kill: list[str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """`chatlake ARGS` on the tables at `root`, or through the launcher that kills it at `kill`."""
    settings = ["--set", f"table_root={root}", "--set", f"output_dir={root}-out",
                "--set", "topics.sample_conversations=300"]
    command = [sys.executable, str(LAUNCHER), *kill, "--"] if kill else [sys.executable, "-m", "chatlake"]
    return subprocess.run([*command, "-q", *args, *settings], capture_output=True, text=True, timeout=timeout, cwd=HERE)


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, f"exit {result.returncode}\n{result.stderr[-4000:]}"
    return result


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """The input (a dirty Parquet part and a JSON Lines part with other ids) and the table roots
    of the clean sequence, one snapshot after each job."""
    base = tmp_path_factory.mktemp("faults")
    for part, seed, extra in (("first", 1, ["--dirty"]), ("second", 2, ["--format", "jsonl"])):
        ok(subprocess.run([sys.executable, "-m", "chatlake", "-q", "generate", "--rows", "1200", "--seed", str(seed),
                           "--shards", "2", "--out", str(base / part), *extra], capture_output=True, text=True))
    sources = {"first": str(base / "first" / "data"), "second": str(base / "second" / "data")}
    steps = [
        ("ingested", ["ingest", "--source", sources["first"]]),
        ("enriched", ["enrich"]),
        ("ingested_more", ["ingest", "--source", sources["second"]]),
        ("enriched_more", ["enrich"]),
        ("aggregated", ["aggregate"]),
        ("merged", ["enrich", "--set", "text.lid_min_chars=5"]),
    ]
    clean = base / "clean"
    snapshots, seconds = {"empty": None}, {}
    for name, args in steps:
        started = time.perf_counter()
        ok(chatlake(clean, *args))
        seconds[name] = time.perf_counter() - started
        snapshots[name] = base / "snapshots" / name
        shutil.copytree(clean, snapshots[name])
    return {"base": base, "sources": sources, "snapshots": snapshots, "seconds": seconds}


def start_from(world, snapshot: str, name: str) -> Path:
    root = world["base"] / "cases" / name
    if world["snapshots"][snapshot] is not None:
        shutil.copytree(world["snapshots"][snapshot], root)
    return root


def assert_clean(root: Path, expected: Path) -> None:
    """The tables equal the clean run's, and nothing of the interrupted run is left."""
    assert_same_tables(expected, root)
    assert not (root / "_staging").exists()
    assert not list((root / "_chatlake" / "journal").glob("*"))


def no_orphan_workers(pid: int) -> None:
    """The killed job's kernel worker processes exit when their parent dies."""
    deadline = time.time() + 20
    while time.time() < deadline:
        left = [p for p in psutil.process_iter(["cmdline", "ppid"])
                if "chatlake.text.pool" in " ".join(p.info["cmdline"] or []) and p.info["ppid"] in (pid, 1)]
        if not left:
            return
        time.sleep(0.2)
    raise AssertionError(f"worker processes left behind: {[p.pid for p in left]}")


# (case, snapshot to start from, job arguments, kill point, snapshot the rerun must equal)
CASES = [
    ("ingest-during-staging", "empty", ["ingest", "--source", "first"], ["--after-stages", "1"], "ingested"),
    ("ingest-after-bronze", "empty", ["ingest", "--source", "first"], ["--after-writes", "1"], "ingested"),
    ("ingest-after-quarantine", "empty", ["ingest", "--source", "first"], ["--after-writes", "2"], "ingested"),
    ("ingest-more-after-bronze", "enriched", ["ingest", "--source", "second"], ["--after-writes", "1"],
     "ingested_more"),
    ("enrich-after-messages", "ingested_more", ["enrich"], ["--after-writes", "1"], "enriched_more"),
    ("enrich-after-conversations", "ingested_more", ["enrich"], ["--after-writes", "2"], "enriched_more"),
    ("enrich-during-staging", "ingested_more", ["enrich"], ["--after-stages", "1"], "enriched_more"),
    ("enrich-full-after-messages", "enriched_more", ["enrich", "--full"], ["--after-writes", "1"], "enriched_more"),
    ("enrich-merge-after-messages", "aggregated", ["enrich", "--set", "text.lid_min_chars=5"], ["--after-writes", "1"],
     "merged"),
    ("aggregate-after-three-tables", "aggregated", ["aggregate"], ["--after-writes", "3"], "aggregated"),
]


@pytest.mark.parametrize(("case", "snapshot", "args", "kill", "expected"), CASES, ids=[c[0] for c in CASES])
def test_a_killed_job_then_a_plain_rerun_gives_the_clean_tables(world, case, snapshot, args, kill, expected):
    root = start_from(world, snapshot, case)
    args = [world["sources"].get(a, a) for a in args]
    killed = chatlake(root, *args, kill=kill)
    assert killed.returncode == KILLED, f"the job was not killed: exit {killed.returncode}\n{killed.stderr[-3000:]}"
    rerun = ok(chatlake(root, *args))
    assert "did not finish: rolling its tables back" in rerun.stderr
    assert_clean(root, world["snapshots"][expected])


def test_a_job_killed_at_a_time_leaves_nothing_behind(world):
    root = start_from(world, "ingested_more", "enrich-timed")
    half = f"{world['seconds']['enriched_more'] / 2:.2f}"
    process = subprocess.Popen([sys.executable, str(LAUNCHER), "--after-seconds", half, "--", "-q", "enrich",
                                "--set", f"table_root={root}"], stderr=subprocess.PIPE, text=True, cwd=HERE)
    process.communicate(timeout=300)
    assert process.returncode in (KILLED, 0)
    no_orphan_workers(process.pid)
    ok(chatlake(root, "enrich"))
    assert_clean(root, world["snapshots"]["enriched_more"])


def test_the_report_after_a_killed_aggregate_reads_one_runs_tables(world):
    root = start_from(world, "aggregated", "report-after-killed-aggregate")
    assert chatlake(root, "aggregate", kill=["--after-writes", "5"]).returncode == KILLED
    report = ok(chatlake(root, "report"))
    assert "did not finish: rolling its tables back" in report.stderr
    assert_clean(root, world["snapshots"]["aggregated"])
    gold_runs = {
        read_table(path)["_run_id"][0].as_py() for path in (root / "gold").iterdir() if (path / "_delta_log").is_dir()
    }
    assert len(gold_runs) == 1


def test_a_second_run_beside_a_live_one_refuses_with_one_line(world):
    root = start_from(world, "ingested", "concurrent")
    with exclusive(Storage(None, str(root), "delta"), RunInfo("ingest")):  # type: ignore[arg-type]
        refused = chatlake(root, "ingest", "--source", world["sources"]["second"])
    assert refused.returncode == 2
    line = refused.stderr.strip()
    assert line.startswith("chatlake: error: the tables at") and "in use by ingest run" in line and "\n" not in line
    assert_same_tables(world["snapshots"]["ingested"], root)  # nothing written


def test_two_ingests_at_once_never_duplicate_a_row(world):
    root = start_from(world, "empty", "two-at-once")
    source = world["sources"]["first"]
    settings = ["--set", f"table_root={root}"]
    processes = [subprocess.Popen([sys.executable, "-m", "chatlake", "-q", "ingest", "--source", source, *settings],
                                  stderr=subprocess.PIPE, text=True, cwd=HERE) for _ in range(2)]
    codes = sorted(p.wait(timeout=300) for p in processes)
    assert codes in ([0, 0], [0, 2])
    ids = read_table(root / "bronze" / "conversations")["conversation_id"].to_pylist()
    assert len(ids) == len(set(ids)) == read_table(world["snapshots"]["ingested"] / "bronze" / "conversations").num_rows
