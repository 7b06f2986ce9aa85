"""The Databricks notebooks in notebooks/, run locally: cell after cell in one namespace, as a
notebook kernel would, each notebook in its own Python process (no `spark`, no `dbutils`: the
embedded engine, see chatlake.notebook), with widget values from environment variables.

They run in pipeline order against one table root; each test checks what its notebook wrote
against the counts the input was made with.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from chatlake.notebook import ENV_PREFIX, LocalWidgets, notebook_config, notebook_session
from engine_compare import REPO, Dataset, read_table, write_dataset

NOTEBOOKS = REPO / "notebooks"
HEADER = "# Databricks notebook source"
SEPARATOR = "\n# COMMAND ----------\n"

# Executes a Databricks source-format notebook cell by cell in one namespace; MAGIC lines
# (markdown cells) are comments to Python and are skipped like the notebook UI renders them.
RUNNER = """
import sys
path = sys.argv[1]
cells = open(path, encoding="utf-8").read().split("\\n# COMMAND ----------\\n")
namespace = {"__name__": "__main__"}
for number, cell in enumerate(cells, 1):
    code = "\\n".join(line for line in cell.splitlines() if not line.startswith("# MAGIC"))
    exec(compile(code, f"{path} [cell {number}]", "exec"), namespace)
"""


def notebook_paths() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.py"))


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.name)
def test_notebook_is_in_databricks_source_format(path):
    text = path.read_text(encoding="utf-8")
    assert text.splitlines()[0] == HEADER
    cells = text.split(SEPARATOR)
    assert len(cells) >= 3, "a title cell, a setup cell and a job cell at least"
    for cell in [*cells[1:], cells[0].split("\n", 1)[1]]:
        lines = [line for line in cell.strip("\n").splitlines()]
        assert lines, f"{path.name}: an empty cell"
        magic = [line.startswith("# MAGIC") for line in lines]
        if any(magic):  # a markdown cell is MAGIC lines only, opening with %md
            assert all(magic) and lines[0] == "# MAGIC %md", f"{path.name}: mixed cell {lines[:3]}"
    compile(text, str(path), "exec")  # valid Python as a whole, so it runs outside Databricks too


def run_notebook(name: str, workdir: Path, widgets: dict[str, str]) -> str:
    env = {**os.environ, **{f"{ENV_PREFIX}{key.upper()}": value for key, value in widgets.items()}}
    result = subprocess.run(
        [sys.executable, "-c", RUNNER, str(NOTEBOOKS / name)],
        cwd=workdir, env=env, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, (
        f"{name} exited {result.returncode}\n{result.stdout[-3000:]}\n{result.stderr[-8000:]}"
    )
    return result.stdout


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> tuple[Path, Dataset, dict[str, str]]:
    base = tmp_path_factory.mktemp("notebooks")
    data = write_dataset(base / "input", rows=300, seed=11)
    # The input holds bad records that count on LMSYS-Chat-1M's own checks (conf/lmsys.toml).
    widgets = {"source": str(data.source), "table_root": str(base / "tables"), "output_dir": str(base / "out"),
               "config": str(REPO / "conf" / "lmsys.toml")}
    return base, data, widgets


@pytest.mark.slow
def test_ingest_notebook(workspace):
    base, data, widgets = workspace
    run_notebook("01_ingest.py", base, widgets)
    assert read_table(base / "tables/bronze/conversations").num_rows == data.rows
    assert read_table(base / "tables/bronze/quarantine").num_rows == data.quarantined
    runs = read_table(base / "tables/ops/runs").to_pylist()
    assert [(r["job"], r["status"], r["engine"]) for r in runs] == [("ingest", "succeeded", "embedded")]


@pytest.mark.slow
def test_enrich_notebook(workspace):
    base, data, widgets = workspace
    run_notebook("02_enrich.py", base, {**widgets, "full": "true"})
    conversations = read_table(base / "tables/silver/conversations")
    assert conversations.num_rows == data.rows
    messages = read_table(base / "tables/silver/messages")
    assert messages.num_rows == sum(conversations["messages"].to_pylist())


@pytest.mark.slow
def test_aggregate_notebook(workspace):
    base, data, widgets = workspace
    output = run_notebook("03_aggregate.py", base, widgets)
    basic = read_table(base / "tables/gold/basic_stats").to_pylist()
    assert [row["conversations"] for row in basic] == [data.rows]
    assert "conversations" in output  # the notebook's last cell showed Table 1


@pytest.mark.slow
def test_report_notebook(workspace):
    base, data, widgets = workspace
    output = run_notebook("04_report.py", base, widgets)
    report = base / "out" / "report.html"
    assert report.is_file() and f"report: {report}" in output
    assert f"{data.rows:,}" in report.read_text()


@pytest.mark.slow
def test_explore_notebook(workspace):
    base, data, widgets = workspace
    output = run_notebook("05_explore.py", base, {"table_root": widgets["table_root"]})
    assert f"bronze/conversations     {data.rows:>12,} rows" in output
    assert "succeeded" in output


# --- the helper itself, without a session -------------------------------------------------------


def test_local_widgets_take_overrides_then_environment_then_defaults(monkeypatch):
    monkeypatch.setenv(f"{ENV_PREFIX}TABLE_ROOT", "/from/env")
    monkeypatch.setenv(f"{ENV_PREFIX}SOURCE", "/env/source")
    widgets = LocalWidgets({"source": "/override"})
    for name, default in (("table_root", "t"), ("source", "s"), ("format", "")):
        widgets.text(name, default)
    assert widgets.getAll() == {"table_root": "/from/env", "source": "/override", "format": ""}
    with pytest.raises(ValueError):
        widgets.dropdown("full", "maybe", ["true", "false"])


class _FakeWidgets:
    def __init__(self, values: dict[str, str]) -> None:
        self.values, self.created = values, {}

    def text(self, name, defaultValue, label=None):
        self.created[name] = defaultValue

    def get(self, name):
        return self.values.get(name, self.created[name])


class _FakeDbutils:
    def __init__(self, values: dict[str, str]) -> None:
        self.widgets = _FakeWidgets(values)


def test_on_databricks_the_runtime_session_and_widgets_are_used():
    runtime_spark = object()
    dbutils = _FakeDbutils({"table_root": "/Volumes/main/chatlake/tables"})
    spark, params = notebook_session({"spark": runtime_spark, "dbutils": dbutils}, {"table_root": "", "format": ""})
    assert spark is runtime_spark
    assert dbutils.widgets.created == {"config": "", "table_root": "", "format": ""}
    assert params == {"config": "", "table_root": "/Volumes/main/chatlake/tables", "format": "", "engine": "cluster"}
    assert notebook_config(params) == [
        "engine=cluster", "spark.stop_on_exit=false", "table_root=/Volumes/main/chatlake/tables"
    ]
