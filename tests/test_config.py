"""Settings: TOML files, overrides, validation errors as one line."""

from __future__ import annotations

from pathlib import Path

import pytest

from chatlake import ChatlakeError
from chatlake.config import load_config

CONF = Path(__file__).resolve().parents[1] / "conf"


def test_defaults_resolve_paths_against_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    config = load_config()
    assert (config.engine, config.format) == ("embedded", "delta")
    assert config.table_root == str(tmp_path / "chatlake-tables")
    assert config.output_dir == str(tmp_path / "chatlake-out")
    assert config.output_path("report.html") == str(tmp_path / "chatlake-out" / "report.html")


@pytest.mark.parametrize("name", sorted(p.name for p in CONF.glob("*.toml")))
def test_every_shipped_config_file_loads(name):
    config = load_config(CONF / name)
    assert config.engine in ("embedded", "local", "cluster")


def test_local_toml_equals_the_built_in_defaults():
    assert load_config(CONF / "local.toml") == load_config()


def test_overrides_parse_toml_values_and_reach_sections():
    config = load_config(CONF / "local.toml", [
        "format=parquet", "spark.shuffle_partitions=16", 'text.token_counters=["cl100k_base", "hf:/x/tokenizer.json"]',
        "table_root=s3://bucket/lake", "spark.conf={\"spark.executor.memory\" = \"4g\"}",
    ])
    assert config.format == "parquet" and config.spark.shuffle_partitions == 16
    assert config.text.token_counters == ("cl100k_base", "hf:/x/tokenizer.json")
    assert config.table_root == "s3://bucket/lake"  # URIs are left alone
    assert config.spark.conf == {"spark.executor.memory": "4g"}


def test_config_hash_changes_with_any_setting():
    assert load_config().config_hash() == load_config().config_hash()
    assert load_config().config_hash() != load_config(overrides=["text.lid_min_chars=5"]).config_hash()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (["engine=spark"], "engine: Input should be 'embedded', 'local', 'cluster' or 'connect'"),
        (["format=csv"], "format: Input should be 'delta' or 'parquet'"),
        (["spark.shuffle_partitions=many"], "spark.shuffle_partitions: Input should be a valid integer"),
        (["spark.colour=blue"], "spark.colour: Unexpected keyword argument"),
        (["no_equals_sign"], "--set expects key=value"),
    ],
)
def test_bad_settings_are_one_line_errors(overrides, message):
    with pytest.raises(ChatlakeError) as error:
        load_config(None, overrides)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_missing_or_broken_file(tmp_path):
    with pytest.raises(ChatlakeError, match="config file not found"):
        load_config(tmp_path / "nope.toml")
    (tmp_path / "bad.toml").write_text("engine = \n")
    with pytest.raises(ChatlakeError, match="not valid TOML"):
        load_config(tmp_path / "bad.toml")
