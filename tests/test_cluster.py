"""The `cluster` engine on a real Spark standalone cluster: a master and two one-core workers from
the pyspark wheel, bound to 127.0.0.1, and every pipeline job in jobs/ run by spark-submit.

The tables the cluster writes (Parquet: no delta-spark jars here) must equal those the embedded
engine writes from the same input (see engine_compare). Executors run Python two ways:
- the venv of this test run, named by `spark.pyspark.python` (one machine, so the path exists);
- the real way for a cluster whose nodes lack the packages: a venv-pack archive of a fresh venv
  with the chatlake wheel installed, shipped with `--archives chatlake-env.tar.gz#environment`
  and `PYSPARK_PYTHON=./environment/bin/python` (a path that exists only in the executor's
  working directory, where Spark unpacks the archive).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyspark
import pytest

from engine_compare import (
    REPO,
    Reference,
    assert_complete,
    assert_same_table,
    assert_same_tables,
    embedded_reference,
    job_args,
    pipeline_jobs,
    run,
)

pytestmark = pytest.mark.cluster

SPARK_HOME = Path(pyspark.__file__).parent
WORKERS = 2
STARTUP_TIMEOUT_S = 180
# Executors get 1 GiB of the workers' 2 GiB each; the driver runs in the spark-submit process.
SUBMIT_CONF = {
    "spark.executor.memory": "1g",
    "spark.driver.host": "127.0.0.1",
    "spark.ui.enabled": "false",
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Cluster:
    url: str
    webui: str
    home: Path
    processes: list[subprocess.Popen] = field(default_factory=list)

    def state(self) -> dict:
        with urllib.request.urlopen(f"{self.webui}/json/", timeout=5) as response:
            return json.load(response)

    def worker_dirs(self) -> list[Path]:
        return [self.home / f"worker-{n}" for n in range(WORKERS)]

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYSPARK_", "SPARK_"))}
        return {**env, "SPARK_HOME": str(SPARK_HOME), "SPARK_LOCAL_IP": "127.0.0.1", **extra}

    def start(self, name: str, *args: str) -> None:
        log = (self.home / f"{name}.log").open("w")
        process = subprocess.Popen(
            [str(SPARK_HOME / "bin" / "spark-class"), *args],
            stdout=log, stderr=subprocess.STDOUT, env=self.env(), cwd=self.home,
            start_new_session=True,  # its own process group, killed whole on teardown
        )
        self.processes.append(process)

    def wait_for_workers(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        alive = 0
        while time.monotonic() < deadline:
            for process in self.processes:
                if process.poll() is not None:
                    raise RuntimeError(f"a cluster process exited with {process.returncode}:\n{self.logs()}")
            try:
                alive = self.state()["aliveworkers"]
            except OSError:
                alive = 0
            if alive == WORKERS:
                return
            time.sleep(1)
        raise RuntimeError(f"{alive} of {WORKERS} workers registered in {STARTUP_TIMEOUT_S} s:\n{self.logs()}")

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text()[-3000:]}" for p in sorted(self.home.glob("*.log")))

    def stop(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=30)
        # An executor launched by a worker runs in the worker's process group; make sure.
        for process in self.processes:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def submit(self, job: str, *job_arguments: str, conf: dict[str, str] | None = None,
               options: tuple[str, ...] = (), env: dict[str, str] | None = None) -> float:
        """spark-submit jobs/<job>.py to this cluster; returns the wall time in seconds."""
        confs = [
            item for key, value in {**SUBMIT_CONF, **(conf or {})}.items() for item in ("--conf", f"{key}={value}")
        ]
        command = [
            str(SPARK_HOME / "bin" / "spark-submit"), "--master", self.url, *confs, *options,
            str(REPO / "jobs" / f"{job}.py"), *job_arguments,
        ]
        return run(command, env=self.env(**(env or {})), timeout=900)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory) -> Iterator[Cluster]:
    home = tmp_path_factory.mktemp("spark-standalone")
    master_port, master_ui = free_port(), free_port()
    cluster = Cluster(url=f"spark://127.0.0.1:{master_port}", webui=f"http://127.0.0.1:{master_ui}", home=home)
    try:
        cluster.start("master", "org.apache.spark.deploy.master.Master",
                      "--host", "127.0.0.1", "--port", str(master_port), "--webui-port", str(master_ui))
        for n, work_dir in enumerate(cluster.worker_dirs()):
            cluster.start(f"worker-{n}", "org.apache.spark.deploy.worker.Worker", cluster.url,
                          "--cores", "1", "--memory", "2g", "--host", "127.0.0.1",
                          "--webui-port", str(free_port()), "--work-dir", str(work_dir))
        cluster.wait_for_workers()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Reference:
    return embedded_reference(tmp_path_factory)


def cluster_settings(table_root: Path) -> list[str]:
    return ["--engine", "cluster", "--set", "format=parquet",
            "--set", f"table_root={table_root}", "--set", f"output_dir={table_root.parent / 'out'}"]


@pytest.fixture(scope="module")
def cluster_tables(cluster, reference, tmp_path_factory) -> Path:
    """Every pipeline job spark-submitted to the cluster, executors on this venv's Python."""
    root = tmp_path_factory.mktemp("cluster") / "tables"
    python = {"spark.pyspark.python": sys.executable, "spark.pyspark.driver.python": sys.executable}
    for job in pipeline_jobs():
        seconds = cluster.submit(job, *job_args(job, reference.source), *cluster_settings(root), conf=python)
        print(f"spark-submit {job}: {seconds:.1f} s")  # shown with pytest -s
    return root


def test_cluster_writes_the_same_tables_as_the_embedded_engine(cluster, reference, cluster_tables):
    counts = assert_same_tables(reference.tables, cluster_tables)
    assert_complete(counts)
    assert counts["bronze/conversations"] == reference.data.rows
    assert counts["bronze/quarantine"] == reference.data.quarantined
    # The work ran on the cluster: one application per job, each with an executor on both workers.
    finished = cluster.state()["completedapps"]
    assert len(finished) == len(pipeline_jobs())
    for work_dir in cluster.worker_dirs():
        assert len(list(work_dir.glob("app-*/*/stderr"))) == len(pipeline_jobs()), work_dir


@pytest.fixture(scope="module")
def packed_env(tmp_path_factory) -> Path:
    """chatlake-env.tar.gz: a fresh venv with the chatlake wheel (non-editable) and its
    dependencies, packed by venv-pack. The pyspark jars and pysail are left out: executors use the
    cluster's Spark jars, and Sail is the driver-side embedded engine."""
    venv_pack = shutil.which("venv-pack", path=str(Path(sys.executable).parent))
    if venv_pack is None:
        pytest.skip("venv-pack is not installed (pip install venv-pack)")
    build = tmp_path_factory.mktemp("venv-pack")
    # A copy of the sources to build from: pip builds in the source tree (build/, egg-info).
    source = build / "source"
    shutil.copytree(REPO / "lib", source / "lib", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, source / name)
    seconds = run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--quiet", "-w", str(build / "dist")],
        cwd=build,
    )
    (wheel,) = (build / "dist").glob("chatlake-*.whl")
    seconds += run([sys.executable, "-m", "venv", str(build / "env")], cwd=build)
    seconds += run([str(build / "env" / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)], cwd=build)
    print(f"wheel, fresh venv, pip install: {seconds:.1f} s")
    site = f"lib/python{sys.version_info.major}.{sys.version_info.minor}/site-packages"
    archive = build / "chatlake-env.tar.gz"
    seconds = run([venv_pack, "--prefix", str(build / "env"), "--output", str(archive), "--quiet",
                   "--exclude", f"{site}/pyspark/jars/*", "--exclude", f"{site}/pysail/*"], cwd=build)
    print(f"venv-pack: {seconds:.1f} s")
    shutil.rmtree(build / "env")
    return archive


@pytest.mark.slow
def test_executors_run_a_venv_pack_archive_shipped_with_the_job(
    cluster, reference, cluster_tables, packed_env, tmp_path
):
    """Enrich (the job whose Python UDF runs on the executors) with the packed environment,
    from the cluster's bronze table: the silver tables must equal the embedded engine's."""
    root = tmp_path / "tables"
    shutil.copytree(cluster_tables / "bronze", root / "bronze")
    apps_before = {p.parent for w in cluster.worker_dirs() for p in w.glob("app-*/*/stderr")}
    seconds = cluster.submit(
        "enrich", *cluster_settings(root),
        options=("--archives", f"{packed_env}#environment"),
        env={"PYSPARK_DRIVER_PYTHON": sys.executable, "PYSPARK_PYTHON": "./environment/bin/python"},
    )
    print(f"spark-submit enrich with {packed_env.name} ({packed_env.stat().st_size / 2**20:.0f} MiB): {seconds:.1f} s")
    for name in ("silver/messages", "silver/conversations"):
        assert_same_table(reference.tables / name, root / name, name)
    # Each executor of the job unpacked the archive where ./environment/bin/python resolves.
    executors = {p.parent for w in cluster.worker_dirs() for p in w.glob("app-*/*/stderr")} - apps_before
    assert len(executors) == WORKERS
    for executor in executors:
        assert (executor / "environment" / "bin" / "python").exists(), executor
        shutil.rmtree(executor / "environment")  # about 700 MB each
