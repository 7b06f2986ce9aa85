"""databricks.yml (the Databricks Asset Bundle) against the code it names, without a workspace:
every wheel entry point exists in pyproject.toml and resolves to a callable, its parameters parse
with the CLI and as settings, every notebook exists and has the widgets the job fills, the
stages are chained in pipeline order, and conf/databricks.toml loads.
"""

from __future__ import annotations

import ast
import importlib
import re
import tomllib
from pathlib import Path

import pytest
import typer
import yaml

from chatlake.cli import app
from chatlake.config import load_config
from engine_compare import PIPELINE_ORDER, REPO, pipeline_jobs

BUNDLE = yaml.safe_load((REPO / "databricks.yml").read_text())
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text())
SCRIPTS: dict[str, str] = PYPROJECT["project"]["scripts"]
JOBS: dict[str, dict] = BUNDLE["resources"]["jobs"]


def tasks(kind: str) -> list[tuple[str, dict]]:
    return [(job, task) for job, spec in JOBS.items() for task in spec["tasks"] if kind in task]


def resolve(text: str) -> str:
    """Bundle substitutions with the variables' defaults, the workspace files as this checkout."""
    variables = {name: str(spec["default"]) for name, spec in BUNDLE["variables"].items()}
    text = text.replace("${workspace.file_path}", str(REPO))
    return re.sub(r"\$\{var\.(\w+)\}", lambda m: variables[m.group(1)], text)


def test_bundle_has_a_wheel_artifact_and_dev_and_prod_targets():
    (artifact,) = BUNDLE["artifacts"].values()
    assert artifact["type"] == "whl" and "dist" in artifact["build"]
    assert BUNDLE["targets"]["dev"] == {"mode": "development", "default": True}
    assert BUNDLE["targets"]["prod"]["mode"] == "production"
    for _, task in tasks("task_key"):
        assert [lib["whl"] for lib in task["libraries"]] == ["./dist/*.whl"]


@pytest.mark.parametrize(
    ("job", "task"), tasks("python_wheel_task"), ids=lambda t: t.get("task_key") if isinstance(t, dict) else t
)
def test_wheel_task_entry_point_exists_and_its_parameters_parse(job, task):
    wheel_task = task["python_wheel_task"]
    assert wheel_task["package_name"] == PYPROJECT["project"]["name"]
    entry_point = wheel_task["entry_point"]
    assert entry_point in SCRIPTS, f"{entry_point} is not in pyproject's [project.scripts]"
    module, _, attribute = SCRIPTS[entry_point].partition(":")
    assert callable(getattr(importlib.import_module(module), attribute))

    # chatlake-<job> is `chatlake <job>`: the parameters must parse as that subcommand's options...
    subcommand = entry_point.removeprefix("chatlake-")
    parameters = [resolve(p) for p in wheel_task["parameters"]]
    command = typer.main.get_command(app).commands[subcommand]
    context = command.make_context(subcommand, list(parameters))
    # ...and the settings file and --set overrides as settings.
    config = load_config(context.params["config"], context.params["set_"] or [])
    assert (config.engine, config.format, config.spark.stop_on_exit) == ("cluster", "delta", False)
    assert config.table_root == resolve("${var.table_root}")


def widgets_of(notebook: Path) -> set[str]:
    """Widget names a notebook creates: the keys of its notebook_session(globals(), {...}) call."""
    for node in ast.walk(ast.parse(notebook.read_text())):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "notebook_session":
            return {"config"} | {key.value for key in node.args[1].keys}
    raise AssertionError(f"{notebook}: no notebook_session(...) call")


@pytest.mark.parametrize(
    ("job", "task"), tasks("notebook_task"), ids=lambda t: t.get("task_key") if isinstance(t, dict) else t
)
def test_notebook_task_names_an_existing_notebook_and_its_widgets(job, task):
    notebook = REPO / task["notebook_task"]["notebook_path"]
    assert notebook.is_file()
    assert notebook.read_text().startswith("# Databricks notebook source\n")
    parameters = task["notebook_task"]["base_parameters"]
    assert set(parameters) <= widgets_of(notebook), (
        f"{notebook.name}: no widget for {set(parameters) - widgets_of(notebook)}"
    )
    assert Path(resolve(parameters["config"])) == REPO / "conf" / "databricks.toml"


@pytest.mark.parametrize("job", sorted(JOBS))
def test_stages_run_in_pipeline_order_on_a_defined_cluster(job):
    spec = JOBS[job]
    clusters = {c["job_cluster_key"] for c in spec["job_clusters"]}
    keys = [task["task_key"] for task in spec["tasks"]]
    # Every stage, each after the one before it; and every stage that jobs/ has is one of them.
    assert [k for k in keys if k in PIPELINE_ORDER] == list(PIPELINE_ORDER)
    assert set(pipeline_jobs()) <= set(keys)
    for previous, task in zip(keys, spec["tasks"][1:], strict=False):  # each task with the one before it
        assert task["depends_on"] == [{"task_key": previous}]
        assert task["job_cluster_key"] in clusters
    assert "depends_on" not in spec["tasks"][0]


def test_jobs_are_valid_for_databricks_bundles():
    """The job definitions as the Databricks bundle Python models read them (unknown or
    misspelled fields are errors there)."""
    jobs_module = pytest.importorskip("databricks.bundles.jobs", reason="pip install databricks-bundles")
    for name, spec in JOBS.items():
        job = jobs_module.Job.from_dict(spec)
        assert len(job.tasks) == len(spec["tasks"]), name


def test_databricks_settings_load():
    config = load_config(REPO / "conf" / "databricks.toml")
    assert config.engine == "cluster" and config.format == "delta"
    assert config.spark.stop_on_exit is False  # the runtime owns the session
    assert config.table_root.startswith("/Volumes/")
