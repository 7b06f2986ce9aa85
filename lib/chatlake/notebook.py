"""The one switch that lets the notebooks in notebooks/ run on Databricks and on a laptop alike.

    from chatlake.notebook import notebook_session, notebook_config
    spark, params = notebook_session(globals(), {"table_root": "chatlake-tables", "source": ""})
    config = load_config(params["config"] or None, notebook_config(params))

- On Databricks the notebook's globals hold `spark` and `dbutils`: the widgets are created with
  the given defaults and read back (a job's `base_parameters` fill them), the runtime's `spark` is
  returned untouched and never stopped, and `params["engine"]` is `cluster`.
- Anywhere else (python, IPython, Jupyter, runpy) there is neither: `LocalWidgets` stands in for
  `dbutils.widgets` (defaults, overridden by the `overrides` dict or by environment variables
  `CHATLAKE_WIDGET_<NAME>`), and an embedded-engine session is started, kept for the life of the
  process (every cell of the notebook) and stopped at exit. `params["engine"]` is `embedded`.
"""

from __future__ import annotations

import atexit
import logging
import os
from collections.abc import Mapping
from contextlib import AbstractContextManager

from pyspark.sql import SparkSession

from chatlake.config import load_config
from chatlake.session import spark_session

ENV_PREFIX = "CHATLAKE_WIDGET_"
# Widgets that are settings of chatlake.config.Config; the others are job arguments (source, ...).
SETTING_WIDGETS = ("table_root", "output_dir", "format")

# The local session's context manager: referenced here so that the embedded server lives as long
# as the process, whatever the notebook does with its variables.
_local_session: tuple[AbstractContextManager[SparkSession], SparkSession] | None = None


class LocalWidgets:
    """The part of `dbutils.widgets` the notebooks use, for a run outside Databricks.

    A widget's value is, by priority: `overrides[name]`, the environment variable
    `CHATLAKE_WIDGET_<NAME>` (upper case), the default given when it was created.
    """

    def __init__(self, overrides: Mapping[str, str] | None = None) -> None:
        self._overrides = dict(overrides or {})
        self._values: dict[str, str] = {}

    def text(self, name: str, defaultValue: str, label: str | None = None) -> None:  # dbutils' names
        env = os.environ.get(f"{ENV_PREFIX}{name.upper()}")
        self._values[name] = self._overrides.get(name, env if env is not None else defaultValue)

    def dropdown(self, name: str, defaultValue: str, choices: list[str], label: str | None = None) -> None:
        self.text(name, defaultValue, label)
        if self._values[name] not in choices:
            raise ValueError(f"widget {name}: {self._values[name]!r} is not one of {choices}")

    def get(self, name: str) -> str:
        if name not in self._values:
            raise KeyError(f"no widget named {name!r}")
        return self._values[name]

    def getAll(self) -> dict[str, str]:  # dbutils' name
        return dict(self._values)

    def removeAll(self) -> None:  # dbutils' name
        self._values.clear()


def notebook_session(
    namespace: Mapping[str, object], widgets: Mapping[str, str], overrides: Mapping[str, str] | None = None
) -> tuple[SparkSession, dict[str, str]]:
    """(spark, params) for a notebook: `namespace` is the notebook's `globals()`, `widgets` the
    widget names and their defaults, `overrides` local values (ignored on Databricks).

    `params` holds every widget's value plus `engine`. A `config` widget is always there: a
    settings file (conf/*.toml), empty for the built-in defaults.
    """
    on_databricks = "dbutils" in namespace and "spark" in namespace
    dbutils_widgets = namespace["dbutils"].widgets if on_databricks else LocalWidgets(overrides)  # type: ignore[attr-defined]
    for name, default in {"config": "", **widgets}.items():
        dbutils_widgets.text(name, default, name)
    params = {name: dbutils_widgets.get(name) for name in {"config": "", **widgets}}
    params["engine"] = "cluster" if on_databricks else "embedded"
    # The jobs' stage lines (rows, seconds) under the cell; a no-op where logging is set up already.
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("chatlake").setLevel(logging.INFO)
    if on_databricks:
        return namespace["spark"], params  # type: ignore[return-value]
    return _local_spark(params), params


def notebook_config(params: Mapping[str, str]) -> list[str]:
    """`key=value` overrides for `chatlake.config.load_config` from the params: the engine, and
    each setting widget that is not empty. On Databricks the runtime owns the session: never stop it."""
    overrides = [f"engine={params['engine']}"]
    if params["engine"] == "cluster":
        overrides.append("spark.stop_on_exit=false")
    return overrides + [f"{name}={params[name]}" for name in SETTING_WIDGETS if params.get(name)]


def _local_spark(params: Mapping[str, str]) -> SparkSession:
    global _local_session
    if _local_session is None:
        context = spark_session(load_config(params["config"] or None, notebook_config(params)))
        spark = context.__enter__()
        _local_session = (context, spark)
        atexit.register(stop_local_session)
    return _local_session[1]


def stop_local_session() -> None:
    """Stop the local session and the embedded server (at exit; callable earlier)."""
    global _local_session
    if _local_session is not None:
        context, _ = _local_session
        _local_session = None
        context.__exit__(None, None, None)
