"""What keeps the tables right whatever crashes or runs beside a job: one writer per table root,
and a job's writes as one unit.

- `exclusive(storage, run)`: an exclusive lock on `<table root>/_chatlake/lock` for the whole job
  (`fcntl.flock`). A second run on the same tables refuses at once with one line naming the
  holder. The kernel drops the lock when its process ends, however it ends, so a killed run
  leaves no lock behind. It works on local disks (and NFS v4); on object stores (`s3://`,
  `abfss://`, `dbfs:/`) there is no lock, and the job says so.
- `unit_of_work(storage, run, tables)`: the job's writes to `tables` are one unit. Before the
  first write a journal records each table's version (Delta) or data files (Parquet) in
  `<table root>/_chatlake/journal/<run_id>.json`; when the job ends well the journal is removed.
  A job that fails rolls its tables back at once; a job that is killed leaves its journal, and the
  next job on these tables (`recover`, run first under the lock) rolls them back: Delta tables are
  restored to the recorded version (a RESTORE commit, with delta-rs), a table the run created is
  removed, and a Parquet table gets its recorded files back (files the run added are deleted; a
  derived table the run overwrote is removed, and the next run of its job rebuilds it). Data files
  the run wrote but never committed, and its staging, are deleted too. Every step is logged.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import socket
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from chatlake import ChatlakeError
from chatlake.results import RunInfo
from chatlake.storage import STAGING, Storage, local_path
from chatlake.tables import BRONZE, QUARANTINE, RUNS

log = logging.getLogger(__name__)

CONTROL = "_chatlake"
# Tables whose content is the input itself: never dropped to be rebuilt.
SOURCE_TABLES = frozenset({BRONZE, QUARANTINE, RUNS})


def _control_dir(storage: Storage) -> Path | None:
    local = local_path(storage.path(CONTROL))
    return None if local is None else Path(local)


@contextmanager
def exclusive(storage: Storage, run: RunInfo) -> Iterator[None]:
    """Hold the table root's lock for the block, or refuse with one line if another run holds it."""
    control = _control_dir(storage)
    if control is None:
        log.warning("%s: tables on an object store are not locked: run one job at a time on them", storage.root)
        yield
        return
    control.mkdir(parents=True, exist_ok=True)
    path = control / "lock"
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise ChatlakeError(
                f"the tables at {storage.root} are in use by {holder}; wait for it to end "
                f"(if that process no longer runs, e.g. on another machine, delete {path})"
            ) from None
        handle.seek(0)
        handle.truncate()
        started = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
        handle.write(f"{run.job} run {run.run_id} (pid {os.getpid()} on {socket.gethostname()}, since {started})\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- the journal --------------------------------------------------------------------------------


def _table_state(storage: Storage, name: str) -> dict[str, Any]:
    if storage.is_delta:
        return {"version": storage.version(name)}
    return {"files": sorted(storage.data_files(name)) if storage.exists(name) else None}


@contextmanager
def unit_of_work(storage: Storage, run: RunInfo, tables: list[str]) -> Iterator[None]:
    """The block's writes to `tables` commit together or not at all (see the module docstring)."""
    control = _control_dir(storage)
    if control is None:
        yield
        return
    journal = control / "journal" / f"{run.run_id}.json"
    journal.parent.mkdir(parents=True, exist_ok=True)
    entry = {
        "run_id": run.run_id, "job": run.job, "started": time.time(),
        "tables": {name: _table_state(storage, name) for name in tables},
    }
    temporary = journal.with_suffix(".tmp")
    temporary.write_text(json.dumps(entry))
    os.replace(temporary, journal)
    try:
        yield
    except BaseException:
        try:
            _roll_back(storage, entry)
            journal.unlink()
        except Exception:  # the journal stays: the next run rolls back
            log.exception("%s: could not roll back run %s; the next run will", run.job, run.run_id)
        raise
    journal.unlink()


def recover(storage: Storage) -> list[str]:
    """Roll back every run whose journal is still there, and remove leftover staging; returns
    what was done, one line each (also logged). Call it holding the lock."""
    done: list[str] = []
    control = _control_dir(storage)
    if control is None:
        return done
    for journal in sorted((control / "journal").glob("*.json")):
        entry = json.loads(journal.read_text())
        log.warning("%s run %s did not finish: rolling its tables back", entry["job"], entry["run_id"])
        done += _roll_back(storage, entry)
        journal.unlink()
    for leftover in sorted((control / "journal").glob("*.tmp")):
        leftover.unlink()
    staging = local_path(storage.path(STAGING))
    if staging is not None and os.path.isdir(staging):
        for run_dir in sorted(Path(staging).iterdir()):
            size = sum(f.stat().st_size for f in run_dir.rglob("*") if f.is_file())
            shutil.rmtree(run_dir, ignore_errors=True)
            done.append(f"removed the staging of run {run_dir.name} ({size / 2**20:,.1f} MiB)")
        shutil.rmtree(staging, ignore_errors=True)
    for line in done:
        log.warning("recovery: %s", line)
    return done


def _roll_back(storage: Storage, entry: dict[str, Any]) -> list[str]:
    done = []
    for name, state in entry["tables"].items():
        line = _roll_back_table(storage, name, state, entry["started"])
        if line:
            done.append(f"{name}: {line}")
    return done


def _roll_back_table(storage: Storage, name: str, state: dict[str, Any], started: float) -> str | None:
    local = local_path(storage.path(name))
    if local is None or not os.path.exists(local):
        return None
    if storage.is_delta:
        version = state["version"]
        if version is None:
            shutil.rmtree(local)
            return "removed (the interrupted run created it)"
        current = storage.version(name)
        line = None
        if current is not None and current > version:
            storage.restore(name, version)
            line = f"restored to version {version} (was {current})"
        removed = storage.remove_uncommitted_files(name, since=started, after_version=version)
        if removed:
            line = f"{line + '; ' if line else ''}removed {removed} uncommitted data file(s)"
        return line
    before = state["files"]
    if before is None:
        shutil.rmtree(local)
        return "removed (the interrupted run created it)"
    now = set(storage.data_files(name))
    if not set(before) <= now:
        if name in SOURCE_TABLES:
            raise ChatlakeError(f"{name}: data files went missing during an interrupted run; restore it from a backup")
        shutil.rmtree(local)
        return "removed: the interrupted run overwrote it; its job rebuilds it"
    added = sorted(now - set(before))
    for relative in added:
        os.remove(os.path.join(local, relative))
    return f"removed {len(added)} file(s) the interrupted run added" if added else None
