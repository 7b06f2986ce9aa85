"""The local JVM's class archive: named by what it depends on, written once, mapped after."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from chatlake.class_archive import ClassArchive, classpath_digest
from chatlake.session import local_java_options
from conftest import engine_config, probe_local_jvm


def _jdk_and_spark(root: Path) -> tuple[Path, Path]:
    """A stand-in JDK and Spark home: the files `classpath_digest` reads."""
    jdk, spark_home = root / "jdk", root / "spark"
    (jdk / "bin").mkdir(parents=True)
    (jdk / "lib" / "server").mkdir(parents=True)
    (spark_home / "jars").mkdir(parents=True)
    (jdk / "bin" / "java").write_bytes(b"launcher")
    (jdk / "lib" / "server" / "libjvm.so").write_bytes(b"vm build 1")
    (spark_home / "jars" / "spark-core_2.13-4.1.0.jar").write_bytes(b"core")
    (spark_home / "jars" / "parquet-hadoop-1.16.0.jar").write_bytes(b"parquet")
    return jdk, spark_home


def test_the_digest_changes_with_the_jvm_build_and_with_any_jar(tmp_path):
    jdk, spark_home = _jdk_and_spark(tmp_path)
    first = classpath_digest(jdk, spark_home)
    assert classpath_digest(jdk, spark_home) == first

    (jdk / "lib" / "server" / "libjvm.so").write_bytes(b"vm build 22")
    another_vm = classpath_digest(jdk, spark_home)
    assert another_vm != first

    (spark_home / "jars" / "delta-spark_2.13-4.0.0.jar").write_bytes(b"delta")
    another_jar = classpath_digest(jdk, spark_home)
    assert another_jar != another_vm

    (spark_home / "jars" / "parquet-hadoop-1.16.0.jar").write_bytes(b"parquet, rebuilt")
    assert classpath_digest(jdk, spark_home) != another_jar


def test_a_jvm_writes_the_archive_under_its_own_name_and_the_next_one_maps_it(tmp_path):
    archive = ClassArchive(tmp_path / "cache" / "jvm-classes-0123.jsa")
    writing = archive.java_options()
    pending = tmp_path / "cache" / f"jvm-classes-0123.{os.getpid()}.writing"
    assert writing[0] == f"-XX:ArchiveClassesAtExit={pending}"
    assert pending.parent.is_dir()
    assert not archive.keep()  # the JVM wrote nothing (it failed, or ran before this session)

    pending.write_bytes(b"classes")
    unused = tmp_path / "cache" / "jvm-classes-4567.jsa"  # another Spark version's, mapped 31 days ago
    unused.write_bytes(b"old")
    os.utime(unused, (time.time() - 31 * 86400,) * 2)
    in_use = tmp_path / "cache" / "jvm-classes-89ab.jsa"  # another environment's, mapped 29 days ago
    in_use.write_bytes(b"other")
    os.utime(in_use, (time.time() - 29 * 86400,) * 2)
    unrelated = tmp_path / "cache" / "notes.txt"
    unrelated.write_text("kept")
    assert archive.keep()
    assert archive.path.read_bytes() == b"classes"
    assert not pending.exists() and not unused.exists()
    assert in_use.exists() and unrelated.exists()

    os.utime(archive.path, (time.time() - 40 * 86400,) * 2)
    assert archive.java_options() == [f"-XX:SharedArchiveFile={archive.path}"]
    assert archive.path.stat().st_mtime > time.time() - 60  # marked used when mapped


def test_the_users_java_options_come_last(tmp_path):
    archive = ClassArchive(tmp_path / "jvm-classes-0123.jsa")
    archive.path.write_bytes(b"classes")
    user = engine_config("local", tmp_path, 'spark.conf={"spark.driver.extraJavaOptions" = "-XX:+UseG1GC -Dx=1"}')
    assert local_java_options(user, archive) == (
        f"-XX:+UseParallelGC -XX:SharedArchiveFile={archive.path} -XX:+UseG1GC -Dx=1"
    )
    assert local_java_options(engine_config("local", tmp_path), None) == "-XX:+UseParallelGC"


# The JVM's own arguments, after a query ran.
_ARGUMENTS = (
    'f"{spark.range(1000).count()} " + " ".join(str(a) for a in spark.sparkContext._jvm.'
    'java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())'
)


@pytest.mark.jvm
def test_the_first_local_job_writes_the_archive_and_the_second_starts_from_it(tmp_path):
    """Each job in a fresh interpreter, as a user's jobs run; the second with -Xshare:on, which
    makes the JVM refuse to start unless it can map the archive."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def job(*overrides: str) -> str:
        return probe_local_jvm(_ARGUMENTS, tmp_path, *overrides, env=environment, timeout=600)

    assert "-XX:ArchiveClassesAtExit=" in job()
    archives = list((tmp_path / "cache" / "chatlake").glob("jvm-classes-*.jsa"))
    assert len(archives) == 1 and archives[0].stat().st_size > 10 * 2**20
    assert list((tmp_path / "cache" / "chatlake").glob("*.writing")) == []

    second = job('spark.conf={"spark.driver.extraJavaOptions" = "-Xshare:on"}')
    assert second.startswith("1000 ")
    assert f"-XX:SharedArchiveFile={archives[0]}" in second and "-Xshare:on" in second

    off = job("spark.class_archive=false")
    assert "SharedArchiveFile" not in off and "ArchiveClassesAtExit" not in off
