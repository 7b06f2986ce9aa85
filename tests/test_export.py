"""`chatlake export NAME --out FILE` end to end on a small generated dataset: generate, ingest,
enrich, aggregate, export each selection, check every line against the OpenAI chat layout and
the source files (read with pyarrow, not Spark), ingest each export into a new table root with
nothing quarantined; and the one-line errors, and the atomic write."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from chatlake.cli import main
from chatlake.generate import generate
from conftest import read_delta

ROWS = 2_000
# The OpenAI and Anthropic models of LMSYS-Chat-1M, written out here (the default of
# exports.high_quality_models).
HIGH_QUALITY = {"gpt-4", "gpt-3.5-turbo", "claude-1", "claude-2", "claude-instant-1"}
SMALL = ["--set", "topics.enabled=false", "--set", "exports.safety_models=3", "--set", "exports.safety_per_model=2",
         "--set", "exports.training_per_category=20", "--set", "exports.training_unflagged=15"]
SAFETY_FIELDS = ["model_rank", "rank", "model_attempts", "max_user_score", "top_category", "responses",
                 "flagged_responses", "model_flagged_response_rate"]
TRAINING_FIELDS = ["conversation_id", "message_index", "categories", "score", "flagged"]


def chat_layout_errors(record: object) -> list[str]:
    """What keeps `record` from being a conversation in the OpenAI chat layout."""
    if not isinstance(record, dict):
        return ["not an object"]
    errors = []
    if list(record)[:3] != ["id", "model", "messages"]:
        errors.append(f"opens with {list(record)[:3]}")
    if not isinstance(record.get("id"), str) or not record["id"]:
        errors.append("id")
    if not isinstance(record.get("model"), str):
        errors.append("model")
    messages = record.get("messages")
    if not isinstance(messages, list) or not messages:
        return [*errors, "messages"]
    for message in messages:
        if not isinstance(message, dict) or set(message) != {"role", "content"}:
            errors.append(f"message {message!r}")
        elif message["role"] not in ("user", "assistant", "system") or not isinstance(message["content"], str):
            errors.append(f"message {message!r}")
    return errors


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("export")
    generate(ROWS, 3, base / "data", "parquet", shards=1, workers=1)
    settings = ["--set", f"table_root={base / 'tables'}", *SMALL]
    assert main(["ingest", "--source", str(base / "data" / "data"), *settings]) == 0
    assert main(["enrich", *settings]) == 0
    assert main(["aggregate", *settings]) == 0
    source = {}
    for path in sorted((base / "data" / "data").glob("*.parquet")):
        for row in pq.read_table(path, columns=["conversation_id", "model", "conversation"]).to_pylist():
            source[row["conversation_id"]] = row
    exports = {}
    for name in ("high_quality", "safety_benchmark", "moderation_training"):
        out = base / "exports" / f"{name}.jsonl"
        assert main(["export", name, "--out", str(out), *settings]) == 0
        exports[name] = [json.loads(line) for line in out.read_text().splitlines()]
    return {"base": base, "tables": base / "tables", "settings": settings, "source": source, "exports": exports}


def chat(messages: list[dict]) -> list[dict]:
    """Source messages as the export writes them: role then content, a null content as ""."""
    return [{"role": m["role"], "content": m["content"] if m["content"] is not None else ""} for m in messages]


@pytest.mark.parametrize("name", ["high_quality", "safety_benchmark", "moderation_training"])
def test_every_line_is_a_conversation_in_the_openai_chat_layout(pipeline, name):
    records = pipeline["exports"][name]
    assert records
    assert {i: chat_layout_errors(r) for i, r in enumerate(records) if chat_layout_errors(r)} == {}
    assert len({r["id"] for r in records}) == len(records)
    assert len(records) == read_delta(pipeline["tables"] / f"gold/{name}").num_rows


def test_high_quality_is_every_conversation_of_the_openai_and_anthropic_models(pipeline):
    source = pipeline["source"]
    expected = sorted(cid for cid, row in source.items() if row["model"] in HIGH_QUALITY)
    records = pipeline["exports"]["high_quality"]
    assert [r["id"] for r in records] == expected  # sorted by id
    for record in records:
        assert record["model"] == source[record["id"]]["model"]
        assert record["messages"] == chat(source[record["id"]]["conversation"])


def test_safety_benchmark_lines_carry_their_ranks_and_the_whole_conversation(pipeline):
    records = pipeline["exports"]["safety_benchmark"]
    assert [(r["model_rank"], r["rank"]) for r in records] == [(m, k) for m in (1, 2, 3) for k in (1, 2)]
    for record in records:
        assert list(record)[3:] == SAFETY_FIELDS
        assert record["messages"] == chat(pipeline["source"][record["id"]]["conversation"])
        assert record["model"] == pipeline["source"][record["id"]]["model"]
    for model_rank in (1, 2, 3):
        of_model = [r for r in records if r["model_rank"] == model_rank]
        assert of_model[0]["max_user_score"] >= of_model[1]["max_user_score"]
        responses = sum(r["responses"] for r in of_model)
        flagged = sum(r["flagged_responses"] for r in of_model)
        for record in of_model:
            assert record["model_flagged_response_rate"] == pytest.approx(flagged / responses)
    attempts = [r["model_attempts"] for r in records]
    assert attempts == sorted(attempts, reverse=True)


def test_moderation_training_lines_are_one_user_message_each(pipeline):
    records = pipeline["exports"]["moderation_training"]
    seen = set()
    for record in records:
        assert list(record)[3:] == TRAINING_FIELDS
        assert record["id"] == f"{record['conversation_id']}-{record['message_index']}"
        message = pipeline["source"][record["conversation_id"]]["conversation"][record["message_index"]]
        assert record["messages"] == chat([message]) and message["role"] == "user"
        assert record["flagged"] == bool(record["categories"])
        key = " ".join(message["content"].lower().split())
        assert key not in seen, "a duplicate text"
        seen.add(key)
    assert sum(not r["flagged"] for r in records) <= 15
    for category in ("sexual", "harassment", "violence", "hate", "self-harm"):
        assert 0 < sum(category in r["categories"] for r in records) <= 20, category


@pytest.mark.parametrize("name", ["high_quality", "safety_benchmark", "moderation_training"])
def test_each_export_ingests_again_with_nothing_quarantined(pipeline, name):
    out = pipeline["base"] / "exports" / f"{name}.jsonl"
    tables = pipeline["base"] / f"reingested-{name}"
    assert main(["ingest", "--source", str(out), "--set", f"table_root={tables}"]) == 0
    bronze = read_delta(tables / "bronze/conversations")
    assert sorted(bronze["conversation_id"].to_pylist()) == sorted(r["id"] for r in pipeline["exports"][name])
    quarantine = tables / "bronze/quarantine"
    assert not quarantine.exists() or read_delta(quarantine).num_rows == 0
    (run,) = [r for r in read_delta(tables / "ops/runs").to_pylist() if r["job"] == "ingest"]
    assert (run["rows_out"], run["rows_quarantined"]) == (len(pipeline["exports"][name]), 0)


def test_a_gzip_export_ingests_again(pipeline):
    out = pipeline["base"] / "exports" / "safety_benchmark.jsonl.gz"
    assert main(["export", "safety_benchmark", "--out", str(out), *pipeline["settings"]]) == 0
    tables = pipeline["base"] / "reingested-gzip"
    assert main(["ingest", "--source", str(out), "--set", f"table_root={tables}"]) == 0
    assert read_delta(tables / "bronze/conversations").num_rows == len(pipeline["exports"]["safety_benchmark"])


def test_an_unknown_export_is_a_one_line_error(pipeline, tmp_path, capsys):
    assert main(["export", "best_of", "--out", str(tmp_path / "x.jsonl"), *pipeline["settings"]]) == 2
    assert capsys.readouterr().err.strip() == (
        "chatlake: error: unknown export 'best_of': choose one of high_quality, safety_benchmark, moderation_training")
    assert not (tmp_path / "x.jsonl").exists()


def test_a_missing_gold_table_is_a_one_line_error(tmp_path, capsys):
    tables = tmp_path / "tables"
    assert main(["export", "high_quality", "--out", str(tmp_path / "x.jsonl"), "--set", f"table_root={tables}"]) == 2
    err = capsys.readouterr().err.strip().splitlines()[-1]  # the log lines come first
    assert err.startswith(f"chatlake: error: gold/high_quality does not exist at {tables}/gold/high_quality: ")
    assert err.endswith("run `chatlake aggregate` first (with exports.enabled = true)")
    assert not (tmp_path / "x.jsonl").exists()


def test_a_failed_write_leaves_the_previous_file_whole(pipeline, monkeypatch):
    out = pipeline["base"] / "exports" / "high_quality.jsonl"
    before = out.read_bytes()

    def disk_gone(descriptor):
        raise OSError("disk gone")

    # Fails after the lines are in the temporary file, before it is renamed.
    monkeypatch.setattr("chatlake.storage.os.fsync", disk_gone)
    with pytest.raises(OSError, match="disk gone"):
        main(["export", "high_quality", "--out", str(out), *pipeline["settings"]])
    assert out.read_bytes() == before
    assert sorted(p.name for p in out.parent.iterdir() if p.name.startswith(".")) == []


def test_export_again_gives_the_same_bytes(pipeline):
    out = pipeline["base"] / "exports" / "moderation_training.jsonl"
    again = Path(str(out) + ".again")
    assert main(["export", "moderation_training", "--out", str(again), *pipeline["settings"]]) == 0
    assert again.read_bytes() == out.read_bytes()


@pytest.mark.jvm
def test_the_jvm_engine_exports_the_same_records(pipeline, tmp_path):
    """The same source through every job on the classic JVM engine (Parquet tables, in
    subprocesses: a JVM session and a Connect client cannot share a process): the same lines,
    compared as JSON values (the engines spell some doubles differently, 1.0E-4 and 0.0001)."""
    from engine_compare import run_chatlake

    jvm = ["--engine", "local", "--set", "format=parquet", "--set", "spark.master=local[2]",
           "--set", "spark.shuffle_partitions=2", "--set", f"table_root={tmp_path / 'tables'}", *SMALL]
    run_chatlake(["ingest", "--source", str(pipeline["base"] / "data" / "data"), *jvm])
    run_chatlake(["enrich", *jvm])
    run_chatlake(["aggregate", *jvm])
    for name in ("high_quality", "safety_benchmark", "moderation_training"):
        out = tmp_path / f"{name}.jsonl"
        run_chatlake(["export", name, "--out", str(out), *jvm])
        assert [json.loads(line) for line in out.read_text().splitlines()] == pipeline["exports"][name], name


def test_a_selection_from_an_earlier_run_is_exported_with_a_warning(pipeline, capsys):
    # Last in this module: it leaves the selections older than the other gold tables.
    assert main(["aggregate", *pipeline["settings"], "--set", "exports.enabled=false"]) == 0
    capsys.readouterr()
    out = pipeline["base"] / "exports" / "stale.jsonl"
    assert main(["export", "safety_benchmark", "--out", str(out), *pipeline["settings"]]) == 0
    assert "gold/safety_benchmark is from aggregate run" in capsys.readouterr().err
    assert len(out.read_text().splitlines()) == len(pipeline["exports"]["safety_benchmark"])
