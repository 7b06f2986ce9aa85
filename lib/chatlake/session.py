"""The one place that builds a Spark session, for each engine (config `engine`).

- `embedded`: a Sail Spark Connect server started in this process on loopback, with the PySpark
  Connect client talking to it. Delta is native. The default.
- `local`: classic JVM Spark from the pyspark wheel. Delta only when its jars are configured.
- `cluster`: the session spark-submit (or a Databricks runtime) already made; no master is set here.
- `connect`: a remote Spark Connect endpoint (`spark.connect_url`).

`spark_session(config)` is a context manager: when it exits, the session is stopped and whatever
this module started (Sail server, JVM gateway) is shut down, so several jobs can run one after
another in one Python process and none leaves a server, JVM or thread behind.
"""

from __future__ import annotations

import logging
import os
import re
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from pyspark.sql import SparkSession

from chatlake import ChatlakeError
from chatlake.class_archive import ClassArchive
from chatlake.config import Config

log = logging.getLogger(__name__)

DELTA_SESSION_CONF = {
    "spark.sql.extensions": "io.delta.sql.DeltaSparkSessionExtension",
    "spark.sql.catalog.spark_catalog": "org.apache.spark.sql.delta.catalog.DeltaCatalog",
}

_DELTA_JARS_HELP = (
    "the local JVM engine has no Delta Lake jars: add them with "
    "--set 'spark.conf={\"spark.jars.packages\"=\"io.delta:delta-spark_4.1_2.13:4.4.1\", ...}' "
    "where Maven Central is reachable (or spark.jars = the downloaded delta-spark and delta-storage "
    "jars), plus the two Delta session configs of conf/cluster.toml; or run without Delta with "
    "--set format=parquet; or use the default embedded engine, which has Delta built in"
)


@contextmanager
def spark_session(config: Config) -> Iterator[SparkSession]:
    """A session for `config.engine`, torn down with everything it started when the block exits."""
    builders = {
        "embedded": _embedded,
        "local": _local_jvm,
        "cluster": _cluster,
        "connect": _remote_connect,
    }
    with builders[config.engine](config) as spark:
        spark.conf.set("spark.sql.shuffle.partitions", str(config.spark.shuffle_partitions))
        spark.conf.set("spark.sql.session.timeZone", "UTC")
        yield spark


@contextmanager
def _embedded(config: Config) -> Iterator[SparkSession]:
    # Sail logs every session at INFO, and task aborts at shutdown as warnings, on stderr: keep
    # it to errors unless the user sets RUST_LOG.
    os.environ.setdefault("RUST_LOG", "error")
    parallelism = config.spark.parallelism or os.cpu_count() or 1
    # Sail reads its settings from the environment when the server object is constructed.
    os.environ["SAIL_EXECUTION__DEFAULT_PARALLELISM"] = str(parallelism)
    # A fair pool: spilling operators share the budget, so one sort cannot starve the rest.
    budget = memory_budget_bytes(config)
    os.environ["SAIL_RUNTIME__MEMORY_POOL__TYPE"] = "fair"
    os.environ["SAIL_RUNTIME__MEMORY_POOL__FAIR__MAX_SIZE"] = str(budget)
    from pysail.spark import SparkConnectServer

    # The server object must stay referenced for the session's life: collecting it kills the
    # server and leaves the client hanging.
    server = SparkConnectServer(ip="127.0.0.1", port=0)
    server.start(background=True)
    host, port = server.listening_address
    log.debug("embedded Sail server on %s:%s, parallelism %s", host, port, parallelism)
    try:
        with _connect_client(f"sc://{host}:{port}", stop=True) as spark:
            yield spark
    finally:
        server.stop()


def machine_memory_bytes() -> int:
    return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")


def memory_budget_bytes(config: Config) -> int:
    """The embedded engine's memory budget: the setting, or half of this machine's memory."""
    if config.spark.memory_budget_mib > 0:
        return config.spark.memory_budget_mib * 2**20
    return machine_memory_bytes() // 2


def local_driver_memory(machine_bytes: int) -> str:
    """The local JVM's heap when the user sets no `spark.driver.memory`: a quarter of the
    machine's memory, at least 2 GiB and at most 8 GiB.

    Spark's own default, 1 GiB, is too small for enrichment: the 2.6 GB of message text of 1M
    conversations stream through the heap on their way to the Python workers, and at 1 GiB the
    collector took half of the JVM's CPU (label step at 1M: 82 JVM CPU-seconds at 1 GiB, 47 at
    2 GiB, 42 at 4 GiB; measured in bench/, README: Enrichment).
    """
    gib = min(8, max(2, machine_bytes // 4 // 2**30))
    return f"{gib}g"


def engine_error(exc: BaseException, config: Config) -> ChatlakeError | None:
    """The one-line error for an engine failure the user can act on, or None for any other."""
    found = re.search(r"(Resources exhausted|Failed to allocate additional)[^\n]*", str(exc))
    if found:
        budget = memory_budget_bytes(config) // 2**20
        detail = found.group(0)[:200]
        return ChatlakeError(
            f"the embedded engine needs more memory than its budget of {budget:,} MiB ({detail}): "
            "raise spark.memory_budget_mib (e.g. --set spark.memory_budget_mib="
            f"{budget * 2}) or lower spark.parallelism"
        )
    return None


@contextmanager
def _connect_client(url: str, stop: bool) -> Iterator[SparkSession]:
    """A Spark Connect client session for `url`.

    pyspark marks the whole process as "connect mode" through SPARK_CONNECT_MODE_ENABLED when a
    remote session is built, and then refuses to build a classic one; the mark is removed again
    when the client stops, so a JVM job can follow in the same process.
    """
    had_mark = "SPARK_CONNECT_MODE_ENABLED" in os.environ
    spark = SparkSession.builder.remote(url).create()
    try:
        yield spark
    finally:
        if stop:
            spark.stop()
        if not had_mark:
            os.environ.pop("SPARK_CONNECT_MODE_ENABLED", None)


# The parallel collector: enrichment at 1M conversations took about 6 fewer JVM CPU-seconds with
# it than with G1 (two pairs), whose concurrent threads compete with the Python workers for the
# cores (README: Engines). A batch job wants throughput; it has no pauses to keep short.
LOCAL_JAVA_OPTIONS = ("-XX:+UseParallelGC",)


def local_java_options(config: Config, archive: ClassArchive | None) -> str:
    """The local JVM's options: `LOCAL_JAVA_OPTIONS`, the class archive's, then the user's own
    `spark.driver.extraJavaOptions` (the last of two conflicting options wins)."""
    options = [*LOCAL_JAVA_OPTIONS, *(archive.java_options() if archive else [])]
    return " ".join([*options, config.spark.conf.get("spark.driver.extraJavaOptions", "")]).strip()


@contextmanager
def _local_jvm(config: Config) -> Iterator[SparkSession]:
    conf = {"spark.driver.memory": local_driver_memory(machine_memory_bytes()), **config.spark.conf}
    archive = ClassArchive.for_local_spark() if config.spark.class_archive else None
    conf["spark.driver.extraJavaOptions"] = local_java_options(config, archive)
    if config.format == "delta":
        jars = conf.get("spark.jars", "") + conf.get("spark.jars.packages", "")
        if "delta" not in jars:
            raise ChatlakeError(_DELTA_JARS_HELP)
        conf = {**DELTA_SESSION_CONF, **conf}
    builder = SparkSession.builder.master(config.spark.master).appName("chatlake")
    for key, value in conf.items():
        builder = builder.config(key, value)
    # Bind the driver to loopback: these machines (and most laptops) need no other interface.
    builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.ui.enabled", "false")
    spark = _with_local_python_workers(conf, builder.getOrCreate)
    try:
        yield spark
    finally:
        spark.stop()
        _shutdown_jvm_gateway()
        if archive is not None and archive.keep():
            log.info("local JVM: its classes are kept in %s for the next jobs", archive.path)


def _with_local_python_workers(conf: dict[str, str], create: Callable[[], SparkSession]) -> SparkSession:
    """Create the session so that its Python workers run this interpreter, unless the user chose one.

    Local workers run on this machine, and pyspark's default is whatever `python3` is first on PATH,
    often one without pandas or chatlake. pyspark reads the choice from `PYSPARK_PYTHON` once, when
    the SparkContext starts (`spark.pyspark.python` is read only by spark-submit), so the variable
    is set for that moment and then restored.
    """
    saved = os.environ.get("PYSPARK_PYTHON")
    # spark-submit's precedence: the setting, then the variable.
    os.environ["PYSPARK_PYTHON"] = conf.get("spark.pyspark.python") or saved or sys.executable
    try:
        return create()
    finally:
        if saved is None:
            os.environ.pop("PYSPARK_PYTHON", None)
        else:
            os.environ["PYSPARK_PYTHON"] = saved


def _shutdown_jvm_gateway() -> None:
    """Stop the py4j gateway JVM that pyspark launched, so the next session starts a clean one."""
    from py4j.clientserver import SHUTDOWN_FINALIZER_WORKER, FinalizerWorker
    from pyspark import SparkContext

    gateway = SparkContext._gateway
    if gateway is None:
        return
    # py4j's ClientServer starts a finalizer thread per gateway that only its own
    # shutdown_gateway() stops, and pyspark's gateway server does not implement that call.
    finalizer_queue = getattr(gateway._gateway_client, "finalizer_deque", None)
    if finalizer_queue is not None:
        finalizer_queue.appendleft(SHUTDOWN_FINALIZER_WORKER)
        for worker in threading.enumerate():  # it polls its queue once a second: wait for it
            if isinstance(worker, FinalizerWorker):
                worker.join(timeout=10)
    gateway.shutdown()
    process = getattr(gateway, "proc", None)
    if process is not None:
        process.stdin.close()  # pyspark's gateway JVM exits when its stdin closes
        # A JVM that writes a class archive as it exits (chatlake.class_archive) takes 10-20 s.
        process.wait(timeout=180)
    SparkContext._gateway = None
    SparkContext._jvm = None


@contextmanager
def _cluster(config: Config) -> Iterator[SparkSession]:
    builder = SparkSession.builder
    # Settings a running JVM still takes (SQL extensions, ...); jars must come with spark-submit.
    for key, value in config.spark.conf.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    try:
        yield spark
    finally:
        if config.spark.stop_on_exit:
            spark.stop()


@contextmanager
def _remote_connect(config: Config) -> Iterator[SparkSession]:
    if not config.spark.connect_url.startswith("sc://"):
        raise ChatlakeError(
            "engine 'connect' needs spark.connect_url = 'sc://host:port' "
            f"(got {config.spark.connect_url!r})"
        )
    with _connect_client(config.spark.connect_url, stop=config.spark.stop_on_exit) as spark:
        yield spark


def engine_version(spark: SparkSession) -> str:
    """A short description of the engine for the run log, e.g. "sail 0.7.2 (spark 4.1.3 API)"."""
    try:
        from importlib.metadata import version

        sail = f"sail {version('pysail')}, "
    except Exception:  # pysail not installed: a JVM engine
        sail = ""
    return f"{sail}spark {spark.version}"
