"""The session factory: every engine starts, and leaves nothing behind when the block ends."""

from __future__ import annotations

import threading

import psutil
import pytest

from chatlake import ChatlakeError
from chatlake.cli import main
from chatlake.session import spark_session
from conftest import engine_config, read_delta


def _leftovers(threads_before: set[str]) -> tuple[set[str], list[str]]:
    threads = {t.name for t in threading.enumerate() if t.is_alive()} - threads_before
    children = [" ".join(p.cmdline()[:3]) for p in psutil.Process().children(recursive=True)]
    return threads, children


def test_two_embedded_jobs_in_one_process_leave_nothing_behind(tmp_path):
    threads_before = {t.name for t in threading.enumerate()}
    for _ in range(2):
        with spark_session(engine_config("embedded", tmp_path)) as spark:
            assert spark.range(10).count() == 10
    assert _leftovers(threads_before) == (set(), [])


def test_two_cli_jobs_in_one_process(tmp_path):
    """Two jobs back to back in one interpreter: the second must not reuse a stopped session."""
    source = tmp_path / "in.jsonl"
    source.write_text('{"conversation_id": "0123456789abcdef0123456789abcdef", "conversation": [{"content": "hi", "role": "user"}]}\n')
    tables = ["--set", f"table_root={tmp_path / 'tables'}"]
    assert main(["ingest", "--source", str(source), *tables]) == 0
    assert main(["enrich", *tables]) == 0
    assert read_delta(tmp_path / "tables" / "silver" / "conversations").num_rows == 1


@pytest.mark.jvm
def test_local_jvm_engine_stops_its_jvm(tmp_path):
    threads_before = {t.name for t in threading.enumerate()}
    with spark_session(engine_config("local", tmp_path)) as spark:
        assert spark.range(10).count() == 10
        assert any("java" in " ".join(p.cmdline()) for p in psutil.Process().children(recursive=True))
    assert _leftovers(threads_before) == (set(), [])
    # An embedded job can follow a JVM one in the same process.
    with spark_session(engine_config("embedded", tmp_path)) as spark:
        assert spark.range(3).count() == 3


def test_local_engine_without_delta_jars_says_how_to_get_them(tmp_path):
    config = engine_config("local", tmp_path, "format=delta")
    with pytest.raises(ChatlakeError, match="no Delta Lake jars.*format=parquet"):
        with spark_session(config):
            pass


def test_connect_engine_needs_a_url(tmp_path):
    with pytest.raises(ChatlakeError, match="spark.connect_url"):
        with spark_session(engine_config("connect", tmp_path)):
            pass
