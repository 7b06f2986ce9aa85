"""The classic JVM engine (`--engine local`) computes the same tables as the embedded engine.

Every pipeline job in jobs/ (ingest, enrich, aggregate, ...) runs through the CLI in a subprocess
on each engine, from the same generated input (with bad records), into two table roots: Delta
from the embedded engine, Parquet from the JVM (no delta-spark jars here). Every bronze, silver
and gold table is then compared row by row, ignoring row order and run ids and times.

Subprocesses, because a Connect client and a classic JVM session cannot live in one Python
process at once.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine_compare import (
    Reference,
    assert_complete,
    assert_same_tables,
    embedded_reference,
    run_pipeline,
)

pytestmark = pytest.mark.jvm

JVM_SETTINGS = ("--set", "format=parquet", "--set", "spark.master=local[2]", "--set", "spark.shuffle_partitions=2")


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> Reference:
    return embedded_reference(tmp_path_factory)


@pytest.fixture(scope="module")
def jvm_tables(reference, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("jvm") / "tables"
    run_pipeline("local", root, reference.source, *JVM_SETTINGS)
    return root


def test_jvm_engine_writes_the_same_tables_as_the_embedded_engine(reference, jvm_tables):
    counts = assert_same_tables(reference.tables, jvm_tables)
    assert_complete(counts)
    assert counts["bronze/conversations"] == reference.data.rows
    assert counts["silver/conversations"] == reference.data.rows
    assert counts["bronze/quarantine"] == reference.data.quarantined
