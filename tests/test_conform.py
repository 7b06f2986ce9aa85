"""Reading other layouts as the released schema (`chatlake.conform`), on both engines.

The WildChat-1M layout here follows its published dataset card: `conversation_hash` instead of
`conversation_id`, messages with extra fields, and moderation structs that carry each key in the
released slash spelling and the OpenAI SDK's underscore spelling side by side.
"""

from __future__ import annotations

import json

import pytest
from chispa import assert_df_equality
from pyspark.sql import types as T

from chatlake.conform import conform_columns, underscore_spelling
from chatlake.schema import LMSYS_SCHEMA, MODERATION_KEYS
from chatlake.validation import parse_json_lines

ID = "0123456789abcdef0123456789abcdef"
UNDERSCORE_KEYS = [underscore_spelling(k) for k in MODERATION_KEYS if underscore_spelling(k) != k]
# WildChat-1M's order: each slash key followed by its underscore twin.
WILDCHAT_KEYS = [name for k in MODERATION_KEYS for name in dict.fromkeys((k, underscore_spelling(k)))]

WILDCHAT_MESSAGE = T.StructType(
    [
        T.StructField("content", T.StringType()),
        T.StructField("country", T.StringType()),
        T.StructField("header", T.StructType([T.StructField("accept-language", T.StringType())])),
        T.StructField("role", T.StringType()),
        T.StructField("toxic", T.BooleanType()),
        T.StructField("turn_identifier", T.LongType()),
    ]
)
WILDCHAT_SCHEMA = T.StructType(
    [
        T.StructField("conversation_hash", T.StringType()),
        T.StructField("model", T.StringType()),
        T.StructField("conversation", T.ArrayType(WILDCHAT_MESSAGE)),
        T.StructField("turn", T.IntegerType()),
        T.StructField("language", T.StringType()),
        T.StructField(
            "openai_moderation",
            T.ArrayType(
                T.StructType(
                    [
                        T.StructField("categories", T.StructType([T.StructField(k, T.BooleanType()) for k in WILDCHAT_KEYS])),
                        T.StructField("category_scores", T.StructType([T.StructField(k, T.FloatType()) for k in WILDCHAT_KEYS])),
                        T.StructField("flagged", T.BooleanType()),
                    ]
                )
            ),
        ),
        T.StructField("toxic", T.BooleanType()),
        T.StructField("redacted", T.BooleanType()),
    ]
)


def wildchat_moderation(flags: dict[str, bool], scores: dict[str, float]) -> dict:
    """A WildChat moderation entry: every key False / 0.0 except those given (by either spelling)."""
    return {
        "categories": {k: flags.get(k, False) for k in WILDCHAT_KEYS},
        "category_scores": {k: scores.get(k, 0.0) for k in WILDCHAT_KEYS},
        "flagged": any(flags.values()),
    }


def released_moderation(flags: dict[str, bool], scores: dict[str, float]) -> dict:
    return {
        "categories": {k: flags.get(k, False) for k in MODERATION_KEYS},
        "category_scores": {k: scores.get(k, 0.0) for k in MODERATION_KEYS},
        "flagged": any(flags.values()),
    }


def test_wildchat_parquet_layout_reads_as_the_released_schema(spark):
    # The user message is flagged only in the underscore spelling, the answer only in the slash one;
    # scores differ between spellings, and the larger one is kept.
    user_flags, user_scores = {"self_harm_intent": True}, {"self-harm/intent": 0.25, "self_harm_intent": 0.5}
    answer_flags, answer_scores = {"violence/graphic": True}, {"violence/graphic": 0.75, "violence_graphic": 0.125}
    source_df = spark.createDataFrame(
        [
            (
                ID, "gpt-4",
                [("Hi", "US", ("en-US",), "user", False, 1), ("Hello!", None, None, "assistant", False, 2)],
                1, "English",
                [wildchat_moderation(user_flags, user_scores), wildchat_moderation(answer_flags, answer_scores)],
                False, True,
            )
        ],
        WILDCHAT_SCHEMA,
    )
    conformed = conform_columns(source_df.schema)
    assert conformed.problems == []
    assert conformed.renamed == ["conversation_hash -> conversation_id"]
    assert "column toxic" in conformed.dropped and "conversation[].country" in conformed.dropped
    expected_df = spark.createDataFrame(
        [
            (
                ID, "gpt-4", [("Hi", "user"), ("Hello!", "assistant")], 1, "English",
                [
                    released_moderation({"self-harm/intent": True}, {"self-harm/intent": 0.5}),
                    released_moderation({"violence/graphic": True}, {"violence/graphic": 0.75}),
                ],
                True,
            )
        ],
        LMSYS_SCHEMA,
    )
    assert_df_equality(source_df.select(*conformed.columns), expected_df, ignore_nullable=True)


def test_released_layout_passes_through_unchanged():
    conformed = conform_columns(LMSYS_SCHEMA)
    assert (conformed.problems, conformed.dropped, conformed.renamed) == ([], [], [])


@pytest.mark.parametrize(
    ("schema", "problem"),
    [
        (T.StructType([T.StructField("conversation", T.StringType())]), "column conversation_id is missing"),
        (
            T.StructType(
                [
                    T.StructField("conversation_id", T.StringType()),
                    T.StructField("conversation", T.ArrayType(T.StructType([T.StructField("text", T.StringType()), T.StructField("role", T.StringType())]))),
                ]
            ),
            "conversation[] has no field content",
        ),
        (
            T.StructType([T.StructField("conversation_id", T.StringType()), T.StructField("conversation", T.ArrayType(T.StringType()))]),
            "conversation[] is string, expected struct<content:string,role:string>",
        ),
        (
            T.StructType(
                [*[f for f in LMSYS_SCHEMA.fields if f.name != "turn"], T.StructField("turn", T.StringType())]
            ),
            "column turn is string, expected bigint",
        ),
    ],
)
def test_what_cannot_be_reconciled_is_a_schema_problem(schema, problem):
    assert problem in conform_columns(schema).problems


def test_json_lines_with_wildchat_spellings(spark):
    message = [{"content": "Hi", "role": "user", "country": "France"}]
    underscore_only = {"categories": {"harassment_threatening": True}, "category_scores": {"harassment_threatening": 0.5}, "flagged": True}
    lines = [
        json.dumps({"conversation_hash": ID, "conversation": message, "openai_moderation": [underscore_only]}),
        json.dumps({"conversation_id": ID.replace("0", "f"), "conversation": message}),
        json.dumps({"conversation_hash": 7, "conversation": message}),
    ]
    lines_df = spark.createDataFrame([(line, "f.jsonl") for line in lines], "value string, _source_file string")
    rows = parse_json_lines(lines_df).collect()
    first, second, wrong = rows
    assert first["conversation_id"] == ID and first["_parse_error"] is None
    assert first["conversation"][0].asDict() == {"content": "Hi", "role": "user"}
    entry = first["openai_moderation"][0]
    assert entry["categories"]["harassment/threatening"] is True and entry["categories"]["hate"] is None
    assert entry["category_scores"]["harassment/threatening"] == 0.5 and entry["flagged"] is True
    assert second["conversation_id"] == ID.replace("0", "f") and second["openai_moderation"] is None
    assert (wrong["_parse_error"], wrong["_parse_detail"]) == ("wrong_type", "wrong JSON type for: conversation_hash")
