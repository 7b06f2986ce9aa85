"""A class-data-sharing archive for the local JVM engine: Spark's classes, loaded, parsed and
verified once per machine, then mapped into every later JVM.

A local JVM job spends seconds before its first task loading the few thousand classes Spark needs
(its startup, the first query's planning). JDK 13+ can write the classes a JVM loaded into an
archive when it exits (`-XX:ArchiveClassesAtExit`) and map that archive when the next JVM starts
(`-XX:SharedArchiveFile`). Measured here on a job of 1,000 conversations: 15.9 s against 19.2 s,
8 CPU-seconds less (medians of four pairs); the first job, which writes the archive, takes about
13 s longer, once (README: The JVM engine against the embedded engine).

An archive is valid only for the JVM build and the classpath that wrote it: its file name holds a
digest of both (the paths, sizes and times of the JVM's own files and of Spark's jars), so another
JDK, Spark version or Python environment writes its own archive, and the JVM checks again when it
maps one (it runs without the archive, and says so, on a mismatch). A JVM writes to a name of its
own and the file is moved into place after it exited, so concurrent first jobs never map a
half-written archive.

Input: the JVM that `spark-submit` would run (`JAVA_HOME`, else `java` on PATH) and the Spark home
pyspark launches. Output: the JVM options of the next local session, and, after it exited,
the archive under `cache_dir()`.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

# The JVM lists every class it leaves out of an archive (classes of signed jars: janino's) as a
# warning while it writes one; none of that is the user's concern.
_QUIET_DUMP = ("-Xlog:cds=off", "-Xlog:cds+dynamic=off")

# An archive no JVM mapped for this long is removed when another is written (about 175 MB each).
UNUSED_DAYS = 30


def cache_dir() -> Path:
    """Where chatlake keeps what it can rebuild: `$XDG_CACHE_HOME/chatlake` or ~/.cache/chatlake."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "chatlake"


def java_home() -> Path | None:
    """The JDK that spark-submit runs: `JAVA_HOME`, else the one of `java` on PATH."""
    if os.environ.get("JAVA_HOME"):
        return Path(os.environ["JAVA_HOME"])
    java = shutil.which("java")
    return Path(os.path.realpath(java)).parent.parent if java else None


def classpath_digest(jdk: Path, spark_home: Path) -> str:
    """A digest of what a class archive depends on: the JVM's own files (`bin/java`,
    `lib/server/libjvm.so`, `lib/modules`) and Spark's jars, by path, size and modification time."""
    files = [jdk / "bin" / "java", jdk / "lib" / "server" / "libjvm.so", jdk / "lib" / "modules"]
    files += sorted((spark_home / "jars").glob("*.jar"))
    digest = hashlib.sha256()
    for path in files:
        if path.exists():
            stat = path.stat()
            digest.update(f"{path}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:16]


@dataclass(frozen=True)
class ClassArchive:
    """The archive for one JVM build and classpath (`path`), and the file the next JVM writes it
    to when there is none yet (`pending`)."""

    path: Path

    @classmethod
    def for_local_spark(cls) -> ClassArchive | None:
        """The archive for the JVM and Spark this machine's local sessions run; None without a JVM."""
        from pyspark.find_spark_home import _find_spark_home

        jdk = java_home()
        if jdk is None:
            return None
        digest = classpath_digest(jdk, Path(_find_spark_home()))
        return cls(cache_dir() / f"jvm-classes-{digest}.jsa")

    @property
    def pending(self) -> Path:
        return self.path.with_name(f"{self.path.stem}.{os.getpid()}.writing")

    def java_options(self) -> list[str]:
        """Map the archive when it exists (and mark it used, see `keep`); else write it when this
        JVM exits (nothing when the cache folder cannot be made: the job runs as it would without
        an archive)."""
        if self.path.exists():
            with contextlib.suppress(OSError):
                os.utime(self.path)
            return [f"-XX:SharedArchiveFile={self.path}"]
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("local JVM: no class archive (%s)", exc)
            return []
        return [f"-XX:ArchiveClassesAtExit={self.pending}", *_QUIET_DUMP]

    def keep(self) -> bool:
        """After the JVM exited: move what it wrote into place, and remove the archives no JVM
        mapped for `UNUSED_DAYS` (another JDK or Spark version's, a deleted environment's). Those
        of other environments in use stay: each Python environment has its own Spark jars, so its
        own archive. True when an archive was kept."""
        if not self.pending.exists():
            return False
        os.replace(self.pending, self.path)
        unused_since = time.time() - UNUSED_DAYS * 86400
        for other in self.path.parent.glob("jvm-classes-*.jsa"):
            if other != self.path and other.stat().st_mtime < unused_since:
                other.unlink(missing_ok=True)
        return True
