"""Ingest end to end on the embedded engine: hand-made files in, Delta tables read back with delta-rs.

Every layout of `chatlake.layouts` is fed from records written here by hand in it; the bad-input
cases of issue 14 each end as the README says (a quarantine row with a reason, or a file left
out and named in one line with exit code 2).
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from deltalake import DeltaTable

from chatlake import storage as storage_module
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
            {"categories": {k: False for k in ("sexual", "hate")}, "category_scores": {"sexual": 0.01},
             "flagged": False}
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
    sources = dict(zip(bronze["conversation_id"].to_pylist(), bronze["_source_file"].to_pylist(), strict=True))
    assert sources[f"{8:032x}"].endswith("extra.jsonl.gz") and sources[f"{0:032x}"].endswith(".parquet")
    quarantine = read_delta(tables(tmp_path) / "bronze/quarantine")
    assert quarantine["reason"].to_pylist() == ["unparseable_line"] and quarantine["raw"].to_pylist() == ["{broken"]

    runs = read_delta(tables(tmp_path) / "ops/runs").to_pylist()
    assert len(runs) == 1
    run = runs[0]
    assert (run["job"], run["status"], run["engine"]) == ("ingest", "succeeded", "embedded")
    assert (run["rows_in"], run["rows_out"], run["rows_quarantined"], run["rows_duplicate"]) == (12, 9, 1, 2)
    assert [s["stage"] for s in json.loads(run["stages"])][:2] == ["list and check files", "read, validate"]
    assert len(run["config_hash"]) == 64 and "pysail" in json.loads(run["packages"])

    # The same input again adds nothing: no new bronze or quarantine version, only a run log row.
    versions = {
        t: DeltaTable(str(tables(tmp_path) / t)).version() for t in ("bronze/conversations", "bronze/quarantine")
    }
    assert run_cli(tmp_path, "--source", str(tmp_path / "in")) == 0
    assert versions == {t: DeltaTable(str(tables(tmp_path) / t)).version() for t in versions}
    second = read_delta(tables(tmp_path) / "ops/runs").to_pylist()
    second_run = next(r for r in second if r["run_id"] != run["run_id"])
    assert (
        second_run["rows_in"], second_run["rows_out"], second_run["rows_quarantined"], second_run["rows_duplicate"]
    ) == (12, 0, 1, 11)
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
            "turn": 1, "language": "French", "openai_moderation": [entry(i), entry(2)], "toxic": False,
            "redacted": False,
        }
        for i in range(3)
    ]
    write_parquet(tmp_path / "wildchat.parquet", records, schema=None)
    assert run_cli(tmp_path, "--source", str(tmp_path / "wildchat.parquet")) == 0
    bronze = sorted(
        read_delta(tables(tmp_path) / "bronze/conversations").to_pylist(), key=lambda r: r["conversation_id"]
    )
    assert [r["conversation_id"] for r in bronze] == [f"{i:032x}" for i in range(3)]
    assert bronze[0]["conversation"] == [
        {"content": "Question 0?", "role": "user"}, {"content": "Answer.", "role": "assistant"}
    ]
    flagged = [[k for k, v in r["openai_moderation"][0]["categories"].items() if v] for r in bronze]
    assert flagged == [["self-harm/intent"], ["sexual/minors"], []]
    assert not (tables(tmp_path) / "bronze/quarantine").exists()


def test_parquet_file_with_wrong_schema_is_quarantined_row_by_row(tmp_path):
    schema = pa.schema([("conversation_id", pa.string()), ("conversation", pa.string()), ("turn", pa.string())])
    wrong = [{"conversation_id": f"{i:032x}", "conversation": "hi", "turn": "1"} for i in range(4)]
    write_parquet(tmp_path / "in" / "wrong.parquet", wrong, schema)
    write_parquet(tmp_path / "in" / "good.parquet", [conversation(i) for i in range(10, 15)])
    assert run_cli(tmp_path, "--source", str(tmp_path / "in")) == 0
    quarantine = read_delta(tables(tmp_path) / "bronze/quarantine").to_pylist()
    assert len(quarantine) == 4 and {q["reason"] for q in quarantine} == {"schema_mismatch"}
    assert "column conversation is string" in quarantine[0]["detail"]
    assert sorted(q["conversation_id"] for q in quarantine) == [f"{i:032x}" for i in range(4)]
    assert json.loads(quarantine[0]["raw"])["conversation"] == "hi"
    assert read_delta(tables(tmp_path) / "bronze/conversations").num_rows == 5


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("fake.parquet", b"this is not parquet", "not a Parquet file"),
        ("fake.jsonl", b"\x00\x01binary\n" * 60, "not a JSON Lines file (none of its 60 lines is a JSON object)"),
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


# --- helpers for the layouts and bad input --------------------------------------------------------


def write_jsonl(path: Path, lines: list, opener=open) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with opener(path, "wt", encoding="utf-8") as handle:
        for line in lines:
            handle.write((line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n")
    return path


def bronze_rows(tmp_path: Path) -> list[dict]:
    return sorted(read_delta(tables(tmp_path) / "bronze/conversations").to_pylist(), key=lambda r: r["conversation_id"])


def last_run(tmp_path: Path) -> dict:
    runs = sorted(read_delta(tables(tmp_path) / "ops/runs").to_pylist(), key=lambda r: r["started_at"])
    return {**runs[-1], "detail": json.loads(runs[-1]["detail"])}


def error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("chatlake: error: ")]


def messages(row: dict) -> list[tuple[str, str]]:
    return [(m["role"], m["content"]) for m in row["conversation"]]


# --- layouts: hand-written records ----------------------------------------------------------------

OPENAI_LINES = [
    {"id": "chatcmpl-001", "model": "gpt-4o", "temperature": 0.2,
     "messages": [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "2+2?"},
                  {"role": "assistant", "content": "4", "name": "calc"}]},
    {"messages": [{"role": "user", "content": "Bonjour !"},
                  {"role": "assistant", "content": "Bonjour, que puis-je faire ?"}]},
    {"id": 17, "messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello."}]},
]


def test_openai_chat_layout_with_and_without_ids(tmp_path, capsys):
    source = write_jsonl(tmp_path / "in" / "chats.jsonl", OPENAI_LINES)
    assert run_cli(tmp_path, "--source", str(source)) == 0
    rows = bronze_rows(tmp_path)
    by_id = {r["conversation_id"]: r for r in rows}
    assert messages(by_id["chatcmpl-001"]) == [("system", "You are terse."), ("user", "2+2?"), ("assistant", "4")]
    assert by_id["chatcmpl-001"]["model"] == "gpt-4o" and by_id["17"]["model"] is None
    (derived,) = [r for r in rows if r["conversation_id"] not in ("chatcmpl-001", "17")]
    assert len(derived["conversation_id"]) == 32 and messages(derived)[0] == ("user", "Bonjour !")
    run = last_run(tmp_path)
    assert (run["rows_in"], run["rows_out"], run["status"]) == (3, 3, "succeeded")
    assert run["detail"]["ids_derived"] == 1 and run["detail"]["layouts"] == {"openai": 1}
    # Fields of JSON Lines that are not kept are named in the log and the run log (issue 14).
    assert run["detail"]["not_kept"] == {str(source): ["messages[].name", "temperature"]}
    assert "not kept: messages[].name, temperature" in capsys.readouterr().err
    # The derived id is the same in the next run: the same records are duplicates, nothing is added.
    assert run_cli(tmp_path, "--source", str(source)) == 0
    assert (last_run(tmp_path)["rows_duplicate"], len(bronze_rows(tmp_path))) == (3, 3)


def test_sharegpt_layout(tmp_path):
    source = write_jsonl(tmp_path / "sharegpt.jsonl", [
        {"id": "QWJhYvA_0", "conversations": [{"from": "human", "value": "Summarise Hamlet."},
                                              {"from": "gpt", "value": "A prince avenges his father."}]},
        {"id": "QWJhYvA_1", "conversations": [{"from": "system", "value": "Be brief."},
                                              {"from": "human", "value": "Capital of Peru?"},
                                              {"from": "bing", "value": "Lima."}, {"from": "user", "value": "Chile?"},
                                              {"from": "chatgpt", "value": "Santiago."}]},
    ])
    assert run_cli(tmp_path, "--source", str(source)) == 0
    rows = bronze_rows(tmp_path)
    assert [r["conversation_id"] for r in rows] == ["QWJhYvA_0", "QWJhYvA_1"]
    assert messages(rows[1]) == [("system", "Be brief."), ("user", "Capital of Peru?"), ("assistant", "Lima."),
                                 ("user", "Chile?"), ("assistant", "Santiago.")]


def test_hugging_face_chat_layout_in_parquet(tmp_path):
    records = [
        {"prompt": "Write a haiku about rain.", "prompt_id": "8d4e1f2a", "category": "Generation",
         "messages": [{"content": "Write a haiku about rain.", "role": "user"},
                      {"content": "Soft rain on the roof", "role": "assistant"}]},
        {"prompt": "Name a prime.", "prompt_id": "0b77c3aa", "category": "Open QA",
         "messages": [{"content": "Name a prime.", "role": "user"}, {"content": "7", "role": "assistant"}]},
    ]
    write_parquet(tmp_path / "train_sft-00000-of-00001.parquet", records, schema=None)
    assert run_cli(tmp_path, "--source", str(tmp_path / "train_sft-00000-of-00001.parquet")) == 0
    rows = bronze_rows(tmp_path)
    assert [(r["conversation_id"], messages(r)[1]) for r in rows] == [
        ("0b77c3aa", ("assistant", "7")), ("8d4e1f2a", ("assistant", "Soft rain on the roof"))
    ]
    assert last_run(tmp_path)["detail"]["layouts"] == {"hf-chat": 1}


ARENA_LINES = [
    {"question_id": "58210e39b3fd4441a2bd4a518bb44c2d", "model_a": "chatglm-6b", "model_b": "koala-13b",
     "winner": "model_b", "judge": "arena_user_973", "turn": 1, "anony": True, "language": "English",
     "tstamp": 1682351591.13,
     "conversation_a": [{"role": "user", "content": "OpenCL or CUDA?"},
                        {"role": "assistant", "content": "OpenCL is open."}],
     "conversation_b": [{"role": "user", "content": "OpenCL or CUDA?"},
                        {"role": "assistant", "content": "CUDA is NVIDIA's."}],
     "openai_moderation": {"categories": {"harassment": False}, "category_scores": {"harassment": 0.001},
                           "flagged": False}},
    {"question_id": "2564acd09e3942fd97657d05282d4389", "model_a": "oasst-pythia-12b", "model_b": "alpaca-13b",
     "winner": "tie (bothbad)", "judge": "arena_user_973", "turn": 1, "anony": True, "language": "English",
     "conversation_a": [{"role": "user", "content": "Why?"}, {"role": "assistant", "content": "Because."}],
     "conversation_b": [{"role": "user", "content": "Why?"}, {"role": "assistant", "content": "Why not?"}]},
]


def test_arena_battles_become_two_conversations_and_keep_the_winner(tmp_path):
    source = write_jsonl(tmp_path / "arena.jsonl", ARENA_LINES)
    assert run_cli(tmp_path, "--source", str(source)) == 0
    rows = bronze_rows(tmp_path)
    assert [
        (r["conversation_id"], r["model"], r["battle"]["side"], r["battle"]["opponent"], r["battle"]["winner"])
        for r in rows
    ] == [
        ("2564acd09e3942fd97657d05282d4389-a", "oasst-pythia-12b", "a", "alpaca-13b", "tie (bothbad)"),
        ("2564acd09e3942fd97657d05282d4389-b", "alpaca-13b", "b", "oasst-pythia-12b", "tie (bothbad)"),
        ("58210e39b3fd4441a2bd4a518bb44c2d-a", "chatglm-6b", "a", "koala-13b", "model_b"),
        ("58210e39b3fd4441a2bd4a518bb44c2d-b", "koala-13b", "b", "chatglm-6b", "model_b"),
    ]
    assert {r["battle"]["question_id"] for r in rows[2:]} == {"58210e39b3fd4441a2bd4a518bb44c2d"}
    assert messages(rows[3])[1] == ("assistant", "CUDA is NVIDIA's.")
    # The released columns stay as released; the battle is a column of its own, the last one.
    names = read_delta(tables(tmp_path) / "bronze/conversations").schema.names
    assert names[:7] == LMSYS_ARROW_SCHEMA.names and names[-1] == "battle"
    run = last_run(tmp_path)
    assert (run["rows_in"], run["rows_out"]) == (4, 4)  # a battle is two records
    assert run["detail"]["not_kept"] == {str(source): ["anony", "judge", "tstamp"]}


def test_lmsys_rows_in_bronze_have_no_battle(tmp_path):
    write_parquet(tmp_path / "train.parquet", [conversation(i) for i in range(2)])
    assert run_cli(tmp_path, "--source", str(tmp_path / "train.parquet")) == 0
    assert [r["battle"] for r in bronze_rows(tmp_path)] == [None, None]


def test_any_other_layout_through_column_and_role_settings(tmp_path):
    source = write_jsonl(tmp_path / "support.jsonl", [
        {"uuid": "3f1e6a7c-0b1d-4a55-9a57-1c2b3d4e5f60", "engine": "support-bot-v2",
         "turns": [{"speaker": "customer", "text": "My order is late."},
                   {"speaker": "bot", "text": "Sorry! Checking."}]},
    ])
    settings = ["--set", "ingest.columns.id=uuid", "--set", "ingest.columns.conversation=turns",
                "--set", "ingest.columns.role=speaker",
                "--set", "ingest.columns.content=text", "--set", "ingest.columns.model=engine",
                "--set", "ingest.roles.customer=user", "--set", "ingest.roles.bot=assistant"]
    assert run_cli(tmp_path, "--source", str(source), *settings) == 0
    (row,) = bronze_rows(tmp_path)
    assert (row["conversation_id"], row["model"]) == ("3f1e6a7c-0b1d-4a55-9a57-1c2b3d4e5f60", "support-bot-v2")
    assert messages(row) == [("user", "My order is late."), ("assistant", "Sorry! Checking.")]


# --- ids and the loud failure ---------------------------------------------------------------------

CONF = Path(__file__).resolve().parents[1] / "conf"


def test_any_id_by_default_and_the_lmsys_conf_refuses_with_one_line(tmp_path, capsys):
    ids = ["chatbot_arena_0001", "3f1e6a7c-0b1d-4a55-9a57-1c2b3d4e5f60", "chatbot_arena_0003"]
    source = write_jsonl(tmp_path / "arena_ids.jsonl", [{**conversation(0), "conversation_id": i} for i in ids])
    assert run_cli(tmp_path / "lmsys", "--source", str(source), "--config", str(CONF / "lmsys.toml")) == 2
    err = capsys.readouterr().err
    (line,) = error_lines(err)
    assert "ingest refused" in line and "3 records read = 0 accepted + 3 quarantined + 0 duplicates" in line
    assert ("malformed_id 3 (e.g. arena_ids.jsonl: conversation_id chatbot_arena_0001 "
            "does not match ^[0-9a-f]{32}$") in line
    assert "fix: ingest.id_pattern" in line and "Traceback" not in err
    # The quarantine was written and committed; bronze was not; the run log says refused.
    root = tmp_path / "lmsys"
    assert read_delta(tables(root) / "bronze/quarantine").num_rows == 3
    assert not (tables(root) / "bronze/conversations").exists()
    assert (last_run(root)["status"], last_run(root)["detail"]["refused"]["quarantined"]) == ("refused", 3)
    # The defaults accept them.
    assert run_cli(tmp_path, "--source", str(source)) == 0
    assert [r["conversation_id"] for r in bronze_rows(tmp_path)] == sorted(ids)


def test_more_than_the_share_quarantined_is_refused_with_the_setting_that_fixes_it(tmp_path, capsys):
    lines = [{**conversation(i), "conversation": [{"content": "Hi", "role": "human"}]} for i in range(3)]
    source = write_jsonl(tmp_path / "chats.jsonl", [*lines, conversation(9)])
    assert run_cli(tmp_path, "--source", str(source)) == 2
    (line,) = error_lines(capsys.readouterr().err)
    assert "75.0% quarantined, more than ingest.max_quarantine_share = 50%" in line
    assert ("unknown_role 3 (e.g. chats.jsonl: role human is not one of user, assistant, system; "
            "fix: ingest.roles") in line
    assert not (tables(tmp_path) / "bronze/conversations").exists()
    # Raising the share loads the good record; the alias loads the rest.
    assert run_cli(tmp_path, "--source", str(source), "--set", "ingest.max_quarantine_share=0.9") == 0
    assert len(bronze_rows(tmp_path)) == 1
    assert run_cli(tmp_path, "--source", str(source), "--set", "ingest.roles.human=user") == 0
    assert len(bronze_rows(tmp_path)) == 4


def test_an_ingest_that_accepts_nothing_is_refused(tmp_path, capsys):
    source = write_jsonl(tmp_path / "empty.jsonl", [{"conversation_id": "a", "conversation": []}])
    assert run_cli(tmp_path, "--source", str(source), "--set", "ingest.max_quarantine_share=1") == 2
    (line,) = error_lines(capsys.readouterr().err)
    assert line.startswith("chatlake: error: ingest refused (no record could be accepted): 1 records read")
    assert "empty_conversation 1" in line


def test_the_issue_10_openai_file_loads_and_its_lmsys_twin_names_the_id_setting(tmp_path, capsys):
    """Issue 10: the OpenAI layout with ids went to quarantine as missing_id, exit code 0."""
    source = write_jsonl(
        tmp_path / "chats.jsonl", [{"id": f"c{i}", "messages": [{"role": "user", "content": "Hi"}]} for i in range(5)]
    )
    assert run_cli(tmp_path, "--source", str(source)) == 0 and len(bronze_rows(tmp_path)) == 5
    # Read as LMSYS-Chat-1M with its own checks, the same file is refused, naming the id setting.
    other = tmp_path / "other"
    assert run_cli(
        other, "--source", str(source), "--config", str(CONF / "lmsys.toml"), "--set", "ingest.layout=lmsys"
    ) == 2
    (line,) = error_lines(capsys.readouterr().err)
    assert "missing_id 5" in line and "ingest.columns.id" in line


# --- inspect ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "layout", "share"),
    [("openai", "openai (OpenAI chat format)", "3 would be accepted (100.0%)"),
     ("arena", "arena (Chatbot Arena battles)", "4 would be accepted (100.0%)"),
     ("sharegpt", "sharegpt (ShareGPT)", "1 would be accepted (50.0%)")],
)
def test_inspect_prints_layout_mapping_and_share_and_writes_nothing(tmp_path, capsys, name, layout, share):
    lines = {"openai": OPENAI_LINES, "arena": ARENA_LINES,
             "sharegpt": [{"id": "s1", "conversations": [{"from": "human", "value": "Hi"}]},
                          {"id": "s2", "conversations": [{"from": "narrator", "value": "Once"}]}]}[name]
    source = write_jsonl(tmp_path / f"{name}.jsonl", lines)
    assert main(["inspect", "--source", str(source), "--set", f"table_root={tmp_path / 'tables'}"]) == 0
    out = capsys.readouterr().out
    assert f"layout:     {layout}" in out and share in out and "mapping:" in out
    assert not (tmp_path / "tables").exists()
    if name == "sharegpt":
        assert "quarantine: unknown_role 1 (e.g. role narrator is not one of user, assistant, system" in out
        assert "roles human -> user, gpt -> assistant" in out


# --- bad input (issue 14, items 6 and 7) -------------------------------------------------------------


def test_invalid_utf8_after_the_first_8_kb_leaves_the_file_out_with_one_line(tmp_path, capsys):
    write_jsonl(tmp_path / "in" / "a-good.jsonl", [conversation(1)])
    bad = tmp_path / "in" / "b-bad.jsonl"
    text = "".join(json.dumps(conversation(i)) + "\n" for i in range(10, 60)).encode()
    assert len(text) > 8192
    bad.write_bytes(text + b'{"conversation_id": "\xff\xfe", "conversation": []}\n')
    assert run_cli(tmp_path, "--source", str(tmp_path / "in")) == 2
    err = capsys.readouterr().err
    (line,) = error_lines(err)
    assert f"{bad}: not a readable JSON Lines file: invalid UTF-8 at byte {len(text) + 21:,} (line 51)" in line
    assert "1 of 2 input files could not be read" in line and "Traceback" not in err
    assert [r["conversation_id"] for r in bronze_rows(tmp_path)] == [f"{1:032x}"]  # the other file is ingested
    assert last_run(tmp_path)["status"] == "incomplete"


def test_a_truncated_gzip_file_is_left_out_and_the_folder_still_ingests(tmp_path, capsys):
    write_jsonl(tmp_path / "in" / "a.jsonl.gz", [conversation(i) for i in range(3)], opener=gzip.open)
    whole = gzip.compress("".join(json.dumps(conversation(i)) + "\n" for i in range(100, 400)).encode())
    (tmp_path / "in" / "b.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    assert run_cli(tmp_path, "--source", str(tmp_path / "in")) == 2
    (line,) = error_lines(capsys.readouterr().err)
    assert "b.jsonl.gz: not a readable JSON Lines file: the gzip stream ends early (the file is truncated)" in line
    assert len(bronze_rows(tmp_path)) == 3


def test_a_parquet_file_with_a_corrupt_page_is_left_out_and_named(tmp_path, capsys):
    records = [conversation(i, conversation=[{"content": f"Question {i} " * 40, "role": "user"}]) for i in range(300)]
    path = write_parquet(tmp_path / "in" / "b-corrupt.parquet", records)
    data = bytearray(path.read_bytes())
    middle = len(data) // 2
    data[middle : middle + 256] = b"\x00" * 256
    path.write_bytes(bytes(data))
    with pytest.raises(Exception):  # noqa: B017 - the page really is corrupt (whichever error pyarrow gives)
        pq.read_table(path)
    write_parquet(tmp_path / "in" / "a-good.parquet", [conversation(1000)])
    assert run_cli(tmp_path, "--source", str(tmp_path / "in")) == 2
    err = capsys.readouterr().err
    (line,) = error_lines(err)
    assert f"{path}: not a readable Parquet file: corrupt data in row group 0" in line and "Traceback" not in err
    assert [r["conversation_id"] for r in bronze_rows(tmp_path)] == [f"{1000:032x}"]


def test_an_unreadable_file_is_named_with_its_cause(tmp_path, capsys, monkeypatch):
    source = write_jsonl(tmp_path / "secret.jsonl", [conversation(1)])
    source.chmod(0)
    if os.geteuid() == 0:  # root reads any file: refuse it the way the kernel refuses anyone else
        def refuse(path, *args, **kwargs):
            if str(path) == str(source):
                raise PermissionError(13, "Permission denied", str(path))
            return open(path, *args, **kwargs)

        monkeypatch.setattr(storage_module, "open", refuse, raising=False)
    try:
        assert run_cli(tmp_path, "--source", str(source)) == 2
    finally:
        source.chmod(0o644)
    err = capsys.readouterr().err
    (line,) = error_lines(err)
    assert f"{source}: cannot be opened: permission denied" in line and "Traceback" not in err


def test_an_invalid_id_pattern_is_a_config_error(tmp_path, capsys):
    source = write_jsonl(tmp_path / "a.jsonl", [conversation(1)])
    assert run_cli(tmp_path, "--source", str(source), "--set", "ingest.id_pattern=[0-9a-f{32}") == 2
    (line,) = error_lines(capsys.readouterr().err)
    assert "ingest.id_pattern: Value error, '[0-9a-f{32}' is not a regular expression" in line
    assert not (tmp_path / "tables").exists()


def test_bom_tabs_and_nested_names_do_not_change_verdicts(tmp_path):
    path = tmp_path / "windows.jsonl"
    lines = [
        json.dumps(conversation(1)), "\t\t", " \t ", json.dumps({**conversation(2), "meta": {"model": 7, "turn": "x"}})
    ]
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")
    assert run_cli(tmp_path, "--source", str(path)) == 0
    assert [r["conversation_id"] for r in bronze_rows(tmp_path)] == [f"{1:032x}", f"{2:032x}"]
    run = last_run(tmp_path)
    assert (run["rows_in"], run["rows_out"], run["rows_quarantined"]) == (2, 2, 0)  # tab-only lines are no records
    assert not (tables(tmp_path) / "bronze/quarantine").exists()


def test_a_file_whose_first_lines_are_bad_is_read(tmp_path):
    path = write_jsonl(tmp_path / "late.jsonl", ["Traceback (most recent call last): upstream returned 502"] * 60
                       + [conversation(i) for i in range(70)])
    assert run_cli(tmp_path, "--source", str(path)) == 0
    run = last_run(tmp_path)
    assert (run["rows_in"], run["rows_out"], run["rows_quarantined"]) == (130, 70, 60)


def test_other_files_in_a_folder_are_skipped_with_a_log_line(tmp_path, capsys):
    write_jsonl(tmp_path / "in" / "data.jsonl", [conversation(1)])
    (tmp_path / "in" / "planted_stats.json").write_text("{}")
    (tmp_path / "in" / "notes.txt").write_text("hello")
    assert run_cli(tmp_path, "--source", str(tmp_path / "in")) == 0
    err = capsys.readouterr().err
    assert "skipped 2 file(s) of the folder that are not .parquet or .jsonl[.gz]: notes.txt, planted_stats.json" in err
    skipped = last_run(tmp_path)["detail"]["skipped_files"]
    assert [os.path.basename(p) for p in skipped] == ["notes.txt", "planted_stats.json"]


def test_a_bronze_table_from_before_battles_gains_the_column(tmp_path):
    """A table written before `battle` existed, with the non-nullable metadata columns ingest wrote
    then: Sail's mergeSchema would drop the new column silently; it is added first."""
    from datetime import datetime

    from deltalake import write_deltalake

    old = pa.schema([*LMSYS_ARROW_SCHEMA, pa.field("_source_file", pa.string(), nullable=False),
                     pa.field("_ingested_at", pa.timestamp("us"), nullable=False),
                     pa.field("_run_id", pa.string(), nullable=False), pa.field("_record_sha256", pa.string())])
    row = {**_full_moderation(conversation(1)), "_source_file": "old.parquet", "_ingested_at": datetime(2025, 1, 1),
           "_run_id": "old", "_record_sha256": "0" * 64}
    write_deltalake(str(tables(tmp_path) / "bronze/conversations"), pa.Table.from_pylist([row], schema=old))
    assert run_cli(tmp_path, "--source", str(write_jsonl(tmp_path / "arena.jsonl", ARENA_LINES[:1]))) == 0
    rows = bronze_rows(tmp_path)
    assert [(r["conversation_id"][-2:], r["battle"] and r["battle"]["winner"]) for r in rows] == [
        ("01", None), ("-a", "model_b"), ("-b", "model_b")
    ]


def test_inspect_names_what_to_set_when_no_layout_is_recognised(tmp_path, capsys):
    source = write_jsonl(
        tmp_path / "support.jsonl", [{"uuid": "u1", "turns": [{"speaker": "customer", "text": "Late order."}]}]
    )
    assert main(["inspect", "--source", str(source)]) == 0
    out = capsys.readouterr().out
    assert "layout:     none recognised, read with LMSYS-Chat-1M's names" in out
    assert ("hint:       name the columns with ingest.columns.* (or pick ingest.layout); "
            "columns or keys seen: turns, uuid") in out
    assert "ingest would refuse it" in out
