"""Ingest end to end on the embedded engine: hand-made files in, Delta tables read back with delta-rs."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

from chatlake.cli import main
from chatlake.conform import underscore_spelling
from chatlake.schema import LMSYS_ARROW_SCHEMA, LMSYS_SCHEMA, MODERATION_KEYS
from conftest import read_delta


def conversation(i: int, **fields) -> dict:
    record = {
        "conversation_id": f"{i:032x}",
        "model": "vicuna-13b",
        "conversation": [{"content": f"Question {i}?", "role": "user"}, {"content": "Answer.", "role": "assistant"}],
        "turn": 1,
        "language": "English",
        "openai_moderation": [
            {"categories": {k: False for k in ("sexual", "hate")}, "category_scores": {"sexual": 0.01}, "flagged": False}
        ],
        "redacted": False,
    }
    record.update(fields)
    return record


def write_parquet(path: Path, records: list[dict], schema: pa.Schema | None = LMSYS_ARROW_SCHEMA) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if schema is LMSYS_ARROW_SCHEMA:
        records = [_full_moderation(r) for r in records]
    # schema None: inferred from the records.
    pq.write_table(pa.Table.from_pylist(records, schema=schema), path)
    return path


def _full_moderation(record: dict) -> dict:
    keys = [f.name for f in LMSYS_SCHEMA["openai_moderation"].dataType.elementType["categories"].dataType.fields]
    moderation = [
        {"categories": {k: False for k in keys}, "category_scores": {k: 0.0 for k in keys}, "flagged": False}
        for _ in record.get("conversation") or []
    ]
    return {**record, "openai_moderation": moderation}


def run_cli(tmp_path: Path, *args: str) -> int:
    return main(["ingest", "--set", f"table_root={tmp_path / 'tables'}", *args])


def tables(tmp_path: Path) -> Path:
    return tmp_path / "tables"


def test_parquet_and_jsonl_into_delta_idempotent(tmp_path):
    write_parquet(tmp_path / "in" / "train-00000-of-00002.parquet", [conversation(i) for i in range(0, 6)])
    with gzip.open(tmp_path / "in" / "extra.jsonl.gz", "wt") as handle:
        for i in range(4, 9):  # 4 and 5 are exact copies of Parquet rows: duplicates
            handle.write(json.dumps(_full_moderation(conversation(i))) + "\n")
        handle.write("{broken\n")
    assert run_cli(tmp_path, "--source", str(tmp_path / "in")) == 0

    bronze = read_delta(tables(tmp_path) / "bronze/conversations")
    assert sorted(bronze["conversation_id"].to_pylist()) == [f"{i:032x}" for i in range(9)]
    assert bronze.schema.names[:7] == LMSYS_ARROW_SCHEMA.names
    assert {"_source_file", "_ingested_at", "_run_id", "_record_sha256"} <= set(bronze.schema.names)
    sources = dict(zip(bronze["conversation_id"].to_pylist(), bronze["_source_file"].to_pylist()))
    assert sources[f"{8:032x}"].endswith("extra.jsonl.gz") and sources[f"{0:032x}"].endswith(".parquet")
    quarantine = read_delta(tables(tmp_path) / "bronze/quarantine")
    assert quarantine["reason"].to_pylist() == ["unparseable_line"] and quarantine["raw"].to_pylist() == ["{broken"]

    runs = read_delta(tables(tmp_path) / "ops/runs").to_pylist()
    assert len(runs) == 1
    run = runs[0]
    assert (run["job"], run["status"], run["engine"]) == ("ingest", "succeeded", "embedded")
    assert (run["rows_in"], run["rows_out"], run["rows_quarantined"], run["rows_duplicate"]) == (12, 9, 1, 2)
    assert [s["stage"] for s in json.loads(run["stages"])][:2] == ["list files", "read, validate"]
    assert len(run["config_hash"]) == 64 and "pysail" in json.loads(run["packages"])

    # The same input again adds nothing: no new bronze or quarantine version, only a run log row.
    versions = {t: DeltaTable(str(tables(tmp_path) / t)).version() for t in ("bronze/conversations", "bronze/quarantine")}
    assert run_cli(tmp_path, "--source", str(tmp_path / "in")) == 0
    assert versions == {t: DeltaTable(str(tables(tmp_path) / t)).version() for t in versions}
    second = read_delta(tables(tmp_path) / "ops/runs").to_pylist()
    second_run = next(r for r in second if r["run_id"] != run["run_id"])
    assert (second_run["rows_in"], second_run["rows_out"], second_run["rows_quarantined"], second_run["rows_duplicate"]) == (12, 0, 1, 11)
    assert len(DeltaTable(str(tables(tmp_path) / "bronze/conversations")).history()) == 1


def test_new_shard_adds_only_new_ids_and_conflicts_are_quarantined(tmp_path):
    write_parquet(tmp_path / "a" / "part-0.parquet", [conversation(i) for i in range(3)])
    assert run_cli(tmp_path, "--source", str(tmp_path / "a" / "*.parquet")) == 0
    changed = conversation(1, model="gpt-4")
    write_parquet(tmp_path / "b" / "part-1.parquet", [conversation(2), changed, conversation(3)])
    assert run_cli(tmp_path, "--source", str(tmp_path / "b" / "part-1.parquet")) == 0
    bronze = read_delta(tables(tmp_path) / "bronze/conversations").to_pylist()
    assert sorted(r["conversation_id"] for r in bronze) == [f"{i:032x}" for i in range(4)]
    assert {r["conversation_id"]: r["model"] for r in bronze}[f"{1:032x}"] == "vicuna-13b"
    quarantine = read_delta(tables(tmp_path) / "bronze/quarantine").to_pylist()
    assert [(q["conversation_id"], q["reason"]) for q in quarantine] == [(f"{1:032x}", "conflicting_duplicate")]
    assert json.loads(quarantine[0]["raw"])["model"] == "gpt-4"


def test_subset_without_moderation_and_redacted_ingests_with_nulls(tmp_path):
    schema = pa.schema([f for f in LMSYS_ARROW_SCHEMA if f.name not in ("openai_moderation", "redacted")])
    records = [{k: v for k, v in conversation(i).items() if k in schema.names} for i in range(3)]
    write_parquet(tmp_path / "subset.parquet", records, schema)
    assert run_cli(tmp_path, "--source", str(tmp_path / "subset.parquet")) == 0
    bronze = read_delta(tables(tmp_path) / "bronze/conversations")
    assert bronze.num_rows == 3
    assert bronze["openai_moderation"].null_count == 3 and bronze["redacted"].null_count == 3


def test_wildchat_layout_ingests_like_the_released_one(tmp_path):
    """WildChat-1M's Parquet layout: `conversation_hash`, extra message fields and columns, both
    spellings of the moderation keys. Each conversation is flagged in one spelling only."""
    keys = [name for k in MODERATION_KEYS for name in dict.fromkeys((k, underscore_spelling(k)))]
    flagged_key = {0: "self_harm_intent", 1: "sexual/minors", 2: None}

    def entry(i: int) -> dict:
        return {"categories": {k: k == flagged_key[i] for k in keys}, "category_scores": {k: 0.0 for k in keys},
                "flagged": flagged_key[i] is not None}

    records = [
        {
            "conversation_hash": f"{i:032x}", "model": "gpt-4", "timestamp": 1_700_000_000 + i,
            "conversation": [
                {"content": f"Question {i}?", "country": "France", "hashed_ip": "ab", "role": "user", "toxic": False},
                {"content": "Answer.", "country": None, "hashed_ip": None, "role": "assistant", "toxic": False},
            ],
            "turn": 1, "language": "French", "openai_moderation": [entry(i), entry(2)], "toxic": False, "redacted": False,
        }
        for i in range(3)
    ]
    write_parquet(tmp_path / "wildchat.parquet", records, schema=None)
    assert run_cli(tmp_path, "--source", str(tmp_path / "wildchat.parquet")) == 0
    bronze = sorted(read_delta(tables(tmp_path) / "bronze/conversations").to_pylist(), key=lambda r: r["conversation_id"])
    assert [r["conversation_id"] for r in bronze] == [f"{i:032x}" for i in range(3)]
    assert bronze[0]["conversation"] == [{"content": "Question 0?", "role": "user"}, {"content": "Answer.", "role": "assistant"}]
    flagged = [[k for k, v in r["openai_moderation"][0]["categories"].items() if v] for r in bronze]
    assert flagged == [["self-harm/intent"], ["sexual/minors"], []]
    assert not (tables(tmp_path) / "bronze/quarantine").exists()


def test_parquet_file_with_wrong_schema_is_quarantined_row_by_row(tmp_path):
    schema = pa.schema([("conversation_id", pa.string()), ("conversation", pa.string()), ("turn", pa.string())])
    write_parquet(tmp_path / "in" / "wrong.parquet", [{"conversation_id": f"{i:032x}", "conversation": "hi", "turn": "1"} for i in range(4)], schema)
    write_parquet(tmp_path / "in" / "good.parquet", [conversation(9)])
    assert run_cli(tmp_path, "--source", str(tmp_path / "in")) == 0
    quarantine = read_delta(tables(tmp_path) / "bronze/quarantine").to_pylist()
    assert len(quarantine) == 4 and {q["reason"] for q in quarantine} == {"schema_mismatch"}
    assert "column conversation is string" in quarantine[0]["detail"]
    assert sorted(q["conversation_id"] for q in quarantine) == [f"{i:032x}" for i in range(4)]
    assert json.loads(quarantine[0]["raw"])["conversation"] == "hi"
    assert read_delta(tables(tmp_path) / "bronze/conversations").num_rows == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fake.parquet", b"this is not parquet", "not a Parquet file"),
        ("fake.jsonl", b"\x00\x01binary\n" * 60, "not a JSON Lines file"),
        ("fake.jsonl.gz", b"not gzip at all", "not a readable JSON Lines file"),
        ("notes.txt", b"hello", "not a .parquet or .jsonl[.gz] file"),
    ],
)
def test_a_file_that_is_not_data_is_a_one_line_error(tmp_path, capsys, name, content, message):
    (tmp_path / name).write_bytes(content)
    assert run_cli(tmp_path, "--source", str(tmp_path / name)) == 2
    err = capsys.readouterr().err
    errors = [line for line in err.splitlines() if line.startswith("chatlake: error: ")]
    assert len(errors) == 1 and name in errors[0] and message in errors[0]
    assert "Traceback" not in err and "Exception" not in err


def test_empty_glob_is_a_one_line_error(tmp_path, capsys):
    assert run_cli(tmp_path, "--source", str(tmp_path / "nothing-*.parquet")) == 2
    last_line = capsys.readouterr().err.strip().splitlines()[-1]
    assert last_line == f"chatlake: error: {tmp_path / 'nothing-*.parquet'}: no file matches"
