"""The session factory: every engine starts, and leaves nothing behind when the block ends."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import psutil
import pytest

from chatlake import ChatlakeError
from chatlake.cli import main
from chatlake.session import local_driver_memory, spark_session
from conftest import engine_config, probe_local_jvm, read_delta


def _live_children() -> set[int]:
    return {p.pid for p in psutil.Process().children(recursive=True) if p.status() != psutil.STATUS_ZOMBIE}


def _threads() -> set[str]:
    return {t.name for t in threading.enumerate() if t.is_alive()}


def test_two_embedded_jobs_in_one_process_leave_nothing_behind(tmp_path):
    threads_before, children_before = _threads(), _live_children()
    for _ in range(2):
        with spark_session(engine_config("embedded", tmp_path)) as spark:
            assert spark.range(10).count() == 10
    assert _threads() - threads_before == set()
    assert _live_children() - children_before == set()


def test_two_cli_jobs_in_one_process(tmp_path):
    """Two jobs back to back in one interpreter: the second must not reuse a stopped session."""
    source = tmp_path / "in.jsonl"
    source.write_text(
        '{"conversation_id": "0123456789abcdef0123456789abcdef", "conversation": [{"content": "hi", "role": "user"}]}\n'
    )
    tables = ["--set", f"table_root={tmp_path / 'tables'}"]
    assert main(["ingest", "--source", str(source), *tables]) == 0
    assert main(["enrich", *tables]) == 0
    assert read_delta(tmp_path / "tables" / "silver" / "conversations").num_rows == 1


# Run in a fresh interpreter: the test session may hold a JVM session of its own (the `spark`
# fixture), which a second classic session in this process would share and stop.
_JVM_THEN_EMBEDDED = """
import json, sys, threading, psutil
sys.path.insert(0, sys.argv[1])
from conftest import engine_config
from chatlake.session import spark_session
from pathlib import Path
threads = {t.name for t in threading.enumerate()}
with spark_session(engine_config("local", Path(sys.argv[2]))) as spark:
    spark.range(10).count()
    jvm_seen = any("java" in " ".join(p.cmdline()) for p in psutil.Process().children(recursive=True))
after_jvm = {
    "jvm_seen": jvm_seen,
    "threads": sorted({t.name for t in threading.enumerate()} - threads),
    "children": [p.pid for p in psutil.Process().children(recursive=True) if p.status() != psutil.STATUS_ZOMBIE],
}
with spark_session(engine_config("embedded", Path(sys.argv[2]))) as spark:
    after_jvm["embedded_count"] = spark.range(3).count()
print(json.dumps(after_jvm))
"""


@pytest.mark.jvm
def test_local_jvm_engine_stops_its_jvm_and_an_embedded_job_can_follow(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", _JVM_THEN_EMBEDDED, str(Path(__file__).parent), str(tmp_path)],
        capture_output=True, text=True, timeout=300, check=True,
    )
    outcome = json.loads(result.stdout.strip().splitlines()[-1])
    assert outcome == {"jvm_seen": True, "threads": [], "children": [], "embedded_count": 3}


def test_local_engine_without_delta_jars_says_how_to_get_them(tmp_path):
    config = engine_config("local", tmp_path, "format=delta")
    with pytest.raises(ChatlakeError, match=r"no Delta Lake jars.*format=parquet"):
        with spark_session(config):
            pass


@pytest.mark.parametrize(
    ("machine_gib", "heap"), [(1, "2g"), (7, "2g"), (8, "2g"), (12, "3g"), (24, "6g"), (32, "8g"), (256, "8g")]
)
def test_local_jvm_heap_is_a_quarter_of_the_machine_between_2_and_8_gib(machine_gib, heap):
    assert local_driver_memory(machine_gib * 2**30) == heap


def _max_heap(tmp_path: Path, *overrides: str) -> int:
    """The local JVM's -Xmx, from a fresh interpreter (`probe_local_jvm`)."""
    max_memory = "spark.sparkContext._jvm.java.lang.Runtime.getRuntime().maxMemory()"
    return int(probe_local_jvm(max_memory, tmp_path, *overrides))


@pytest.mark.jvm
def test_local_jvm_heap_is_above_sparks_1_gib_default_unless_the_user_sets_it(tmp_path):
    assert _max_heap(tmp_path) > 1.9 * 2**30
    user_set = _max_heap(tmp_path, 'spark.conf={"spark.driver.memory" = "1200m"}')
    # The JVM keeps a little of -Xmx for itself (one survivor space): not all 1,200 MiB show.
    assert 1000 * 2**20 < user_set <= 1200 * 2**20


def test_connect_engine_needs_a_url(tmp_path):
    with pytest.raises(ChatlakeError, match=r"spark\.connect_url"):
        with spark_session(engine_config("connect", tmp_path)):
            pass


def test_python_workers_run_this_interpreter(spark):
    """UDFs run where chatlake is installed, whatever `python3` is first on PATH (on CI it is a
    bare interpreter without pandas)."""
    from pyspark.sql.functions import udf

    interpreter = udf(lambda _: sys.executable, "string")
    assert spark.range(1).select(interpreter("id")).first()[0] == sys.executable
