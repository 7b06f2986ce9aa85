"""The parsing, validation and classification transforms, on small hand-written frames."""

from __future__ import annotations

import hashlib
import json

from chispa import assert_df_equality
from pyspark.sql import functions as F
from pyspark.sql import types as T

from chatlake.layouts import OPENAI
from chatlake.schema import LMSYS_SCHEMA
from chatlake.validation import (
    classify_records,
    parse_json_lines,
    validate_records,
    with_conversation_ids,
    with_record_hash,
)

ID = "0123456789abcdef0123456789abcdef"
VERDICT_SCHEMA = T.StructType(
    [T.StructField("key", T.StringType()), T.StructField("reason", T.StringType()),
     T.StructField("detail", T.StringType())]
)


def record_json(**fields) -> str:
    base = {
        "conversation_id": ID,
        "model": "vicuna-13b",
        "conversation": [{"content": "Hello", "role": "user"}, {"content": "Hi!", "role": "assistant"}],
        "turn": 1,
        "language": "English",
        "redacted": False,
    }
    base.update(fields)
    return json.dumps({k: v for k, v in base.items() if v is not ...}, ensure_ascii=False)


def test_parse_json_lines_flags_what_cannot_be_a_record(spark):
    lines = {
        "ok": record_json(),
        "ok_non_english": record_json(conversation=[{"content": "Olá, tudo bem? 😀", "role": "user"}]),
        "not_json": "this is not json",
        "truncated": record_json()[:40],
        "array": "[1, 2, 3]",
        "json_null": "null",
        "turn_as_text": record_json(turn="two"),
        "model_as_number": record_json(model=13),
        "conversation_as_text": record_json(conversation="Hello"),
        "content_as_number": record_json(conversation=[{"content": 5, "role": "user"}]),
        "content_as_object": record_json(conversation=[{"content": {"text": "Hi"}, "role": "user"}]),
        "role_as_boolean": record_json(conversation=[{"content": "Hi", "role": True}]),
        "language_as_list": record_json(language=["English"]),
        "redacted_as_text": record_json(redacted="yes"),
        # A key-like text inside a string value must not look like a wrongly typed field.
        "quoted_key_in_text": record_json(conversation=[{"content": 'say "model": 13 please', "role": "user"}]),
        # Nor a nested field that shares a name with a real one (issue 14).
        "nested_model_number": record_json(meta={"model": 7, "turn": "x", "conversation": 3}),
        # Strings that read like other JSON values are strings.
        "string_like_values": record_json(model="7", language="true",
                                          conversation=[{"content": "[INST] {hi} [/INST]", "role": "user"}]),
        # Ids: any string, or an integer; not a fraction, a boolean or an object.
        "integer_id": record_json(conversation_id=12345678901234567890),
        "negative_integer_id": record_json(conversation_id=-7),
        "string_id_like_a_number": record_json(conversation_id="1.5e3"),
        "fraction_id": record_json(conversation_id=1.5),
        "boolean_id": record_json(conversation_id=False),
        "object_id": record_json(conversation_id={"uuid": "x"}),
        # A byte order mark before the first line of a file is not part of the record (issue 14).
        "bom": "\ufeff" + record_json(),
    }
    lines_df = spark.createDataFrame(
        [(text, key) for key, text in lines.items()] + [("   ", "blank"), ("\t\t", "tabs"), (" \t \r", "mixed")],
        "value string, _source_file string",
    )
    result_df = parse_json_lines(lines_df).select(
        F.col("_source_file").alias("key"), F.col("_parse_error").alias("reason"),
        F.col("_parse_detail").alias("detail"),
    )
    expected = [
        ("ok", None, None),
        ("ok_non_english", None, None),
        ("not_json", "unparseable_line", "not a JSON object"),
        ("truncated", "unparseable_line", "not a JSON object"),
        ("array", "unparseable_line", "not a JSON object"),
        ("json_null", "unparseable_line", "not a JSON object"),
        ("turn_as_text", "wrong_type", "wrong JSON type for: turn"),
        ("model_as_number", "wrong_type", "wrong JSON type for: model"),
        ("conversation_as_text", "wrong_type", "wrong JSON type for: conversation"),
        ("content_as_number", "wrong_type", "wrong JSON type for: conversation[].content"),
        ("content_as_object", "wrong_type", "wrong JSON type for: conversation[].content"),
        ("role_as_boolean", "wrong_type", "wrong JSON type for: conversation[].role"),
        ("language_as_list", "wrong_type", "wrong JSON type for: language"),
        ("redacted_as_text", "wrong_type", "wrong JSON type for: redacted"),
        ("quoted_key_in_text", None, None),
        ("nested_model_number", None, None),
        ("string_like_values", None, None),
        ("integer_id", None, None),
        ("negative_integer_id", None, None),
        ("string_id_like_a_number", None, None),
        ("fraction_id", "wrong_type", "wrong JSON type for: conversation_id"),
        ("boolean_id", "wrong_type", "wrong JSON type for: conversation_id"),
        ("object_id", "wrong_type", "wrong JSON type for: conversation_id"),
        ("bom", None, None),
    ]  # the blank, tab-only and mixed-whitespace lines are no records at all
    assert_df_equality(
        result_df, spark.createDataFrame(expected, VERDICT_SCHEMA), ignore_row_order=True, ignore_nullable=True
    )


def test_parse_json_lines_reads_ids_as_text_and_names_fields_not_kept(spark):
    lines = [
        (json.dumps({"conversation_id": 12345678901234567890, "conversation": [{"content": "Hi", "role": "user"}]}),
         "int"),
        (json.dumps({"conversation_id": "a", "country": "FR",
                     "conversation": [{"content": "Hi", "role": "user", "toxic": False}, None]}), "extra"),
        ("\ufeff" + json.dumps({"conversation_id": "b", "conversation": []}), "bom"),
    ]
    lines_df = spark.createDataFrame(lines, "value string, _source_file string")
    rows = {r["_source_file"]: r for r in parse_json_lines(lines_df).collect()}
    assert rows["int"]["conversation_id"] == "12345678901234567890" and rows["int"]["_dropped"] is None
    assert sorted(rows["extra"]["_dropped"]) == ["conversation[].toxic", "country"]
    assert rows["bom"]["conversation_id"] == "b" and rows["bom"]["_raw"].startswith("{")


def test_parse_json_lines_keeps_values_and_raw_text(spark):
    line = record_json(conversation=[{"content": None, "role": "user"}, {"content": "", "role": "assistant"}])
    row = parse_json_lines(spark.createDataFrame([(line, "f")], "value string, _source_file string")).first()
    assert row["_raw"] == line
    assert row["conversation_id"] == ID and row["turn"] == 1 and row["redacted"] is False
    assert [(m["content"], m["role"]) for m in row["conversation"]] == [(None, "user"), ("", "assistant")]
    assert row["openai_moderation"] is None


def _records_df(spark, rows):
    """Rows of (key, conversation_id, conversation, parse_error) in the validator's input layout."""
    schema = T.StructType(
        [T.StructField("key", T.StringType()), *LMSYS_SCHEMA.fields,
         T.StructField("_parse_error", T.StringType()), T.StructField("_parse_detail", T.StringType())]
    )
    data = [
        (key, cid, "vicuna-13b", conversation, 1, "English", None, False, error, error and "detail")
        for key, cid, conversation, error in rows
    ]
    return spark.createDataFrame(data, schema)


def test_validate_records_gives_each_record_the_first_reason_that_applies(spark):
    hello = [("Hello", "user"), ("Hi", "assistant")]
    records_df = _records_df(
        spark,
        [
            ("ok", ID, hello, None),
            ("multi_turn_not_alternating", ID, [("a", "user"), ("b", "user"), (None, "assistant"), ("", "system")],
             None),
            ("non_english", ID, [("Привет, как дела?", "user")], None),
            ("parse_error_first", None, None, "wrong_type"),
            ("null_id", None, hello, None),
            ("blank_id", "  ", hello, None),
            ("short_id", "abc", hello, None),
            ("upper_id", ID.upper(), hello, None),
            ("null_conversation", ID, None, None),
            ("empty_conversation", ID, [], None),
            ("null_message", ID, [("Hello", "user"), None], None),
            ("unknown_role", ID, [("Hello", "user"), ("Once upon", "narrator")], None),
            ("null_role", ID, [("Hello", None)], None),
        ],
    )
    result_df = validate_records(records_df, r"^[0-9a-f]{32}$", ["user", "assistant", "system"]).select(
        "key", F.col("_reject_reason").alias("reason"), F.col("_reject_detail").alias("detail")
    )
    pattern = " does not match ^[0-9a-f]{32}$"
    expected = [
        ("ok", None, None),
        ("multi_turn_not_alternating", None, None),
        ("non_english", None, None),
        ("parse_error_first", "wrong_type", "detail"),
        ("null_id", "missing_id", "no conversation_id"),
        ("blank_id", "missing_id", "no conversation_id"),
        ("short_id", "malformed_id", "conversation_id abc" + pattern),
        ("upper_id", "malformed_id", f"conversation_id {ID.upper()}" + pattern),
        ("null_conversation", "missing_conversation", "no conversation"),
        ("empty_conversation", "empty_conversation", "conversation has no messages"),
        ("null_message", "invalid_message", "a message is null"),
        ("unknown_role", "unknown_role", "role narrator is not one of user, assistant, system"),
        ("null_role", "unknown_role", "role null is not one of user, assistant, system"),
    ]
    assert_df_equality(
        result_df, spark.createDataFrame(expected, VERDICT_SCHEMA), ignore_row_order=True, ignore_nullable=True
    )


def test_without_a_pattern_any_id_is_valid_and_derived_ids_are_not_checked(spark):
    hello = [("Hello", "user")]
    records_df = _records_df(spark, [("uuid", "3f1e6a7c-0b1d-4a55-9a57-1c2b3d4e5f60", hello, None),
                                     ("arena", "chatbot_arena_0001", hello, None), ("int", "17", hello, None)])
    reasons = {r["key"]: r["_reject_reason"] for r in validate_records(records_df, "", ["user"]).collect()}
    assert reasons == {"uuid": None, "arena": None, "int": None}
    derived_df = _records_df(spark, [("derived", None, hello, None)]).transform(
        lambda df: with_conversation_ids(df, True)
    )
    assert validate_records(derived_df, "^chat-[0-9]+$", ["user"]).first()["_reject_reason"] is None


def test_records_without_an_id_get_one_from_their_content(spark):
    conversation = [("Hello", "user"), ("Hi!", "assistant")]
    records_df = _records_df(
        spark,
        [
            ("no_id", None, conversation, None),
            ("blank_id", " \t", conversation, None),
            ("other_content", None, [("Hello?", "user")], None),
            ("has_id", "chat-1", conversation, None),
            ("unreadable", None, None, "unparseable_line"),
        ],
    )
    rows = {r["key"]: r for r in with_conversation_ids(records_df, derive=True).collect()}
    # The canonical record, written out by hand: the released columns but the id, nulls left out,
    # in the released order (to_json on every engine).
    canonical = ('{"model":"vicuna-13b","conversation":[{"content":"Hello","role":"user"},'
                 '{"content":"Hi!","role":"assistant"}],"turn":1,"language":"English","redacted":false}')
    expected_id = hashlib.sha256(canonical.encode()).hexdigest()[:32]
    assert rows["no_id"]["conversation_id"] == rows["blank_id"]["conversation_id"] == expected_id
    assert rows["no_id"]["_id_derived"] and rows["blank_id"]["_id_derived"]
    assert rows["other_content"]["conversation_id"] not in (None, expected_id)
    assert (rows["has_id"]["conversation_id"], rows["has_id"]["_id_derived"]) == ("chat-1", False)
    assert (rows["unreadable"]["conversation_id"], rows["unreadable"]["_id_derived"]) == (None, False)
    # With ingest.missing_id = "quarantine" nothing is derived and validation says missing_id.
    kept_df = with_conversation_ids(records_df, derive=False)
    reasons = {r["key"]: r["_reject_reason"] for r in validate_records(kept_df, "", ["user", "assistant"]).collect()}
    assert reasons["no_id"] == reasons["blank_id"] == "missing_id" and reasons["has_id"] is None


def test_openai_layout_lines(spark):
    lines = [
        json.dumps({"id": "chat-1", "messages": [{"role": "user", "content": "Hi"}], "temperature": 0.2}),
        json.dumps({"messages": [{"role": "user", "content": 3}]}),
    ]
    rows = parse_json_lines(spark.createDataFrame([(line, "f") for line in lines], "value string, _source_file string"),
                            OPENAI).collect()
    assert (rows[0]["conversation_id"], rows[0]["_parse_error"], rows[0]["_dropped"]) == (
        "chat-1", None, ["temperature"]
    )
    assert rows[0]["conversation"][0].asDict() == {"content": "Hi", "role": "user"}
    assert (rows[1]["_parse_error"], rows[1]["_parse_detail"]) == (
        "wrong_type", "wrong JSON type for: messages[].content"
    )


def test_record_hash_depends_on_content_only(spark):
    hello = [("Hello", "user")]
    records_df = _records_df(
        spark, [("a", ID, hello, None), ("b", ID, hello, None), ("c", ID, [("Hello!", "user")], None)]
    )
    hashes = {row["key"]: row["_record_sha256"] for row in with_record_hash(records_df).collect()}
    assert hashes["a"] == hashes["b"] != hashes["c"]
    assert len(hashes["a"]) == 64


def test_classify_records_accepts_once_and_quarantines_conflicts(spark):
    schema = ("_row long, key string, conversation_id string, _record_sha256 string, _source_file string, "
              "_reject_reason string, _reject_detail string")
    names = ["new", "copied", "conflict", "same_in_bronze", "differs_from_bronze", "bad", "twice_in_one_file"]
    ids = {name: f"{i:032x}" for i, name in enumerate(names)}
    rows = [
        ("new", ids["new"], "h1", "f1", None, None),
        ("copied_2", ids["copied"], "h2", "f2", None, None),
        ("copied_1", ids["copied"], "h2", "f1", None, None),
        ("conflict_1", ids["conflict"], "h3", "f1", None, None),
        ("conflict_2", ids["conflict"], "h4", "f1", None, None),
        ("same_in_bronze", ids["same_in_bronze"], "h5", "f1", None, None),
        ("differs_from_bronze", ids["differs_from_bronze"], "h6", "f1", None, None),
        ("bad", ids["bad"], "h7", "f1", "unknown_role", "role x"),
        # An invalid record does not make its id a conflict for the valid one.
        ("bad_same_id_as_new", ids["new"], "h8", "f1", "unknown_role", "role y"),
        # Two identical copies in one file: the one read first is kept.
        ("twice_1", ids["twice_in_one_file"], "h9", "f3", None, None),
        ("twice_2", ids["twice_in_one_file"], "h9", "f3", None, None),
    ]
    records_df = spark.createDataFrame([(i, *row) for i, row in enumerate(rows)], schema)
    bronze_keys_df = spark.createDataFrame(
        [(ids["same_in_bronze"], "h5"), (ids["differs_from_bronze"], "old")],
        "conversation_id string, _record_sha256 string",
    )
    result_df = classify_records(records_df, bronze_keys_df).select(
        "key", "_status", F.col("_reject_reason").alias("reason")
    )
    expected_df = spark.createDataFrame(
        [
            ("new", "accepted", None),
            ("copied_1", "accepted", None),
            ("copied_2", "duplicate", None),
            ("conflict_1", "quarantined", "conflicting_duplicate"),
            ("conflict_2", "quarantined", "conflicting_duplicate"),
            ("same_in_bronze", "duplicate", None),
            ("differs_from_bronze", "quarantined", "conflicting_duplicate"),
            ("bad", "quarantined", "unknown_role"),
            ("bad_same_id_as_new", "quarantined", "unknown_role"),
            ("twice_1", "accepted", None),
            ("twice_2", "duplicate", None),
        ],
        "key string, _status string, reason string",
    )
    assert_df_equality(result_df, expected_df, ignore_row_order=True, ignore_nullable=True)
    # Without a bronze table nothing is a duplicate of bronze.
    statuses = {r["key"]: r["_status"] for r in classify_records(records_df, None).collect()}
    assert statuses["same_in_bronze"] == statuses["differs_from_bronze"] == "accepted"


def test_classify_records_on_empty_input(spark):
    empty_df = spark.createDataFrame(
        [], "_row long, conversation_id string, _record_sha256 string, _source_file string, _reject_reason string, "
        "_reject_detail string"
    )
    assert classify_records(empty_df, None).count() == 0
