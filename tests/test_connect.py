"""The `connect` engine: the pipeline run through the CLI against a separate Spark Connect server,
compared with the embedded engine.

- Sail's server (`sail spark server`, its own process): Sail on both sides, so the tables must be
  equal with no known difference left out; this checks the remote path (`spark.connect_url`, a
  server that outlives the job, files and tables read and written by the server process).
- Apache Spark's Connect server (JVM, `jvm` marker), writing Parquet: equal to the embedded
  engine's tables but for the known engine differences (see engine_compare).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyspark
import pytest

from engine_compare import (
    Reference,
    assert_complete,
    assert_same_tables,
    embedded_reference,
    run_chatlake,
    run_pipeline,
)

pytestmark = pytest.mark.slow

STARTUP_TIMEOUT_S = 60


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def server_process(command: list[str], port: int, log_path: Path, env: dict[str, str]) -> Iterator[str]:
    """Run a Spark Connect server; yield its URL once it listens; stop its process group."""
    with log_path.open("w") as log:
        server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **env},
                                  start_new_session=True)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"{command[0]} exited with {server.returncode}: {log_path.read_text()[-3000:]}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"no server on port {port} after {STARTUP_TIMEOUT_S} s") from None
                time.sleep(0.2)
        yield f"sc://127.0.0.1:{port}"
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(timeout=30)


@pytest.fixture(scope="module")
def sail_url(tmp_path_factory) -> Iterator[str]:
    """Sail's Spark Connect server, `sail spark server` (the CLI pysail ships)."""
    port = free_port()
    command = [str(Path(sys.executable).parent / "sail"), "spark", "server", "--ip", "127.0.0.1", "--port", str(port)]
    log_path = tmp_path_factory.mktemp("sail-server") / "server.log"
    with server_process(command, port, log_path, {"RUST_LOG": "warn"}) as url:
        yield url


@pytest.fixture(scope="module")
def spark_connect_url(tmp_path_factory) -> Iterator[str]:
    """Apache Spark's own Connect server (its jar ships in the pyspark wheel), local[2]; Python
    UDFs run in its Python workers, which PYSPARK_PYTHON points at this venv."""
    port = free_port()
    command = [
        str(Path(pyspark.__file__).parent / "bin" / "spark-submit"), "--master", "local[2]",
        "--class", "org.apache.spark.sql.connect.service.SparkConnectServer",
        "--conf", "spark.connect.grpc.binding.address=127.0.0.1", "--conf", f"spark.connect.grpc.binding.port={port}",
        "--conf", "spark.ui.enabled=false", "--conf", "spark.driver.host=127.0.0.1",
    ]
    log_path = tmp_path_factory.mktemp("spark-connect-server") / "server.log"
    env = {"PYSPARK_PYTHON": sys.executable, "SPARK_LOCAL_IP": "127.0.0.1"}
    with server_process(command, port, log_path, env) as url:
        yield url


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Reference:
    return embedded_reference(tmp_path_factory)


def test_connect_engine_on_a_sail_server_writes_the_same_tables_as_the_embedded_engine(sail_url, reference, tmp_path):
    root = tmp_path / "tables"
    run_pipeline("connect", root, reference.source, "--set", f"spark.connect_url={sail_url}")
    # Sail on both sides: equal to the last column, the known engine differences included.
    counts = assert_same_tables(reference.tables, root)
    assert_complete(counts)
    assert counts["bronze/conversations"] == reference.data.rows


@pytest.mark.jvm
def test_connect_engine_on_a_spark_connect_server_writes_the_same_tables(spark_connect_url, reference, tmp_path):
    root = tmp_path / "tables"
    run_pipeline("connect", root, reference.source, "--set", f"spark.connect_url={spark_connect_url}",
                 "--set", "format=parquet")
    counts = assert_same_tables(reference.tables, root)
    assert_complete(counts)
    assert counts["bronze/conversations"] == reference.data.rows


def test_connect_engine_without_a_url_is_a_one_line_error(tmp_path):
    with pytest.raises(AssertionError) as failure:
        run_chatlake(["ingest", "--source", str(tmp_path), "--engine", "connect", "--set", f"table_root={tmp_path}"])
    assert "exited 2" in str(failure.value)
    assert "chatlake: error: engine 'connect' needs spark.connect_url = 'sc://host:port'" in str(failure.value)
