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


def test_later_config_files_override_earlier_ones():
    config = load_config([CONF / "local-jvm.toml", CONF / "lmsys.toml"])
    assert (config.engine, config.format) == ("local", "parquet")  # from local-jvm.toml
    assert (config.ingest.id_pattern, config.ingest.missing_id) == ("^[0-9a-f]{32}$", "quarantine")  # lmsys.toml


def test_ingest_defaults_accept_any_id():
    ingest = load_config().ingest
    assert (ingest.id_pattern, ingest.missing_id, ingest.layout, ingest.max_quarantine_share) == (
        "", "derive", "auto", 0.5
    )


def test_ingest_mapping_settings_from_the_command_line():
    ingest = load_config(None, ["ingest.columns.id=uuid", "ingest.roles.human=user", "ingest.layout=sharegpt"]).ingest
    assert (ingest.columns.id, ingest.roles, ingest.layout) == ("uuid", {"human": "user"}, "sharegpt")


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("ingest.id_pattern=[0-9", "ingest.id_pattern: Value error, '[0-9' is not a regular expression"),
        ("ingest.id_pattern=^(?!tmp).*$", "uses lookaround, a backreference or a (?P...) group"),
        ("ingest.roles.bot=narrator", "ingest.roles maps to narrator, not in ingest.known_roles"),
        ("ingest.max_quarantine_share=1.5", "1.5 is not a share between 0 and 1"),
        ("ingest.columns.uid=x", "ingest.columns.uid: Unexpected keyword argument"),
        ("ingest.layout=csv", "ingest.layout: Input should be 'auto'"),
    ],
)
def test_bad_ingest_settings_are_one_line_errors(override, message):
    with pytest.raises(ChatlakeError) as error:
        load_config(None, [override])
    assert message in str(error.value) and "\n" not in str(error.value)
