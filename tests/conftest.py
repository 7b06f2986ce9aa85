"""Shared fixtures: one Spark session per engine for the whole run, tables under tmp_path."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from pyspark.sql import SparkSession

from chatlake.config import Config, load_config
from chatlake.session import spark_session

ENGINES = [
    pytest.param("embedded", id="embedded"),
    pytest.param("local", id="jvm", marks=pytest.mark.jvm),
]


def engine_config(engine: str, tmp_path: Path | None = None, *overrides: str) -> Config:
    """Test settings: small parallelism, Parquet on the JVM engine (no Delta jars here)."""
    base = [f"engine={engine}", "spark.shuffle_partitions=2", "spark.parallelism=2", "spark.master=local[2]"]
    if engine == "local":
        base.append("format=parquet")
    if tmp_path is not None:
        base += [f"table_root={tmp_path / 'tables'}", f"output_dir={tmp_path / 'out'}"]
    return load_config(None, [*base, *overrides])


@pytest.fixture(scope="session", params=ENGINES)
def spark(request: pytest.FixtureRequest) -> Iterator[SparkSession]:
    """A session on each engine; tests using it run once per engine (the JVM one is marked `jvm`).

    pytest finishes every test of one engine and tears its session down before the next starts:
    a Connect client and a classic JVM session cannot be live in one process at once.
    """
    with spark_session(engine_config(request.param)) as session:
        yield session


_LOCAL_JVM_PROBE = """
import sys
sys.path.insert(0, sys.argv[1])
from pathlib import Path
from conftest import engine_config
from chatlake.session import spark_session
with spark_session(engine_config("local", Path(sys.argv[2]), *sys.argv[4:])) as spark:
    print(eval(sys.argv[3]))
"""


def probe_local_jvm(
    expression: str, tmp_path: Path, *overrides: str, env: dict[str, str] | None = None, timeout: int = 300
) -> str:
    """`expression`, with `spark` bound to a local JVM session of `engine_config("local", tmp_path,
    *overrides)`, evaluated in a fresh interpreter and printed: pyspark starts one JVM per process
    and reads its options then, so a test of those options needs an interpreter of its own."""
    result = subprocess.run(
        [sys.executable, "-c", _LOCAL_JVM_PROBE, str(Path(__file__).parent), str(tmp_path), expression, *overrides],
        capture_output=True, text=True, timeout=timeout, env=env,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.strip().splitlines()[-1]


def read_delta(path: str | Path) -> pa.Table:
    """A Delta table read back with delta-rs (not Spark), the way another engine would read it.

    `pyarrow.dataset` over the table's file URIs: delta-rs' own to_pyarrow_table aborts the
    process at exit on these machines (ARCHITECTURE.md).
    """
    from deltalake import DeltaTable

    return ds.dataset(DeltaTable(str(path)).file_uris()).to_table()


def keyed_conversations(bronze_df):
    """The silver columns repetition reads (conversation_id, model, user_messages,
    first_prompt_key) of a hand-written bronze frame (`conversation_id`, `model`, `conversation`),
    made here in Python as enrichment makes them: the key (`chatlake.text.prompts.prompt_key`) of
    the first user message."""
    from chatlake.text.prompts import prompt_key

    rows = []
    for row in bronze_df.select("conversation_id", "model", "conversation").collect():
        users = [m["content"] for m in row["conversation"] or [] if m["role"] == "user"]
        rows.append((row["conversation_id"], row["model"], len(users), prompt_key(users[0]) if users else None))
    schema = "conversation_id string, model string, user_messages long, first_prompt_key long"
    return bronze_df.sparkSession.createDataFrame(rows, schema)
