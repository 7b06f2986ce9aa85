"""Reading other layouts as the released schema (`chatlake.conform`, `chatlake.layouts`), on both
engines, from records written here by hand in each layout.

The WildChat-1M layout here follows its published dataset card: `conversation_hash` instead of
`conversation_id`, messages with extra fields, and moderation structs that carry each key in the
released slash spelling and the OpenAI SDK's underscore spelling side by side. Chatbot Arena's
follows `lmsys/chatbot_arena_conversations` (one moderation result per battle), the Hugging Face
chat layout `HuggingFaceH4/ultrachat_200k` and `no_robots` (`prompt`, `prompt_id`, `messages`).
"""

from __future__ import annotations

import json

import pytest
from chispa import assert_df_equality
from pyspark.sql import types as T

from chatlake.config import load_config
from chatlake.conform import conform_columns, select_records, underscore_spelling
from chatlake.layouts import ARENA, HF_CHAT, LMSYS, OPENAI, SHAREGPT, WILDCHAT, detect_layout, resolve_layout
from chatlake.schema import BATTLE_TYPE, LMSYS_SCHEMA, MODERATION_KEYS
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
                        T.StructField(
                            "categories", T.StructType([T.StructField(k, T.BooleanType()) for k in WILDCHAT_KEYS])
                        ),
                        T.StructField(
                            "category_scores", T.StructType([T.StructField(k, T.FloatType()) for k in WILDCHAT_KEYS])
                        ),
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


def released(source_df, conformed):
    """The released columns of the records conformed from `source_df`."""
    return select_records(source_df, conformed, []).select(*LMSYS_SCHEMA.names)


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
    conformed = conform_columns(source_df.schema, WILDCHAT)
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
    assert_df_equality(released(source_df, conformed), expected_df, ignore_nullable=True)


def test_released_layout_passes_through_unchanged():
    conformed = conform_columns(LMSYS_SCHEMA)
    assert (conformed.problems, conformed.dropped, conformed.renamed) == ([], [], [])


@pytest.mark.parametrize(
    ("schema", "problem"),
    [
        (T.StructType([T.StructField("conversation_id", T.StringType())]), "column conversation is missing"),
        (
            T.StructType(
                [
                    T.StructField("conversation_id", T.StringType()),
                    T.StructField(
                        "conversation",
                        T.ArrayType(T.StructType([T.StructField("text", T.StringType()),
                                                  T.StructField("role", T.StringType())])),
                    ),
                ]
            ),
            "conversation[] has no field content",
        ),
        (
            T.StructType([T.StructField("conversation_id", T.StringType()),
                          T.StructField("conversation", T.ArrayType(T.StringType()))]),
            "column conversation is array<string>, expected a list of messages",
        ),
        (
            T.StructType(
                [*[f for f in LMSYS_SCHEMA.fields if f.name != "turn"], T.StructField("turn", T.StringType())]
            ),
            "column turn is string, expected bigint",
        ),
        (
            T.StructType([T.StructField("conversation_id", T.DoubleType()), LMSYS_SCHEMA["conversation"]]),
            "column conversation_id is double, expected string or an integer",
        ),
    ],
)
def test_what_cannot_be_reconciled_is_a_schema_problem(schema, problem):
    assert problem in conform_columns(schema).problems


def test_no_id_column_is_no_schema_problem_but_a_named_one_missing_is():
    schema = T.StructType([LMSYS_SCHEMA["conversation"]])
    assert conform_columns(schema).problems == []
    layout = resolve_layout(LMSYS, load_config(None, ["ingest.columns.id=uuid"]).ingest)
    assert conform_columns(schema, layout).problems == ["column uuid (ingest.columns.id) is missing"]


def test_json_lines_with_wildchat_spellings(spark):
    message = [{"content": "Hi", "role": "user", "country": "France"}]
    underscore_only = {
        "categories": {"harassment_threatening": True}, "category_scores": {"harassment_threatening": 0.5},
        "flagged": True,
    }
    lines = [
        json.dumps({"conversation_hash": ID, "conversation": message, "openai_moderation": [underscore_only]}),
        json.dumps({"conversation_id": ID.replace("0", "f"), "conversation": message}),
        json.dumps({"conversation_hash": 7.5, "conversation": message}),
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


# --- one test per layout, from records written in it by hand --------------------------------------

MESSAGE_FIELDS = {"conversation": {"content", "role"}}


@pytest.mark.parametrize(
    ("columns", "message_fields", "expected"),
    [
        ({"conversation_id", "model", "conversation", "turn", "language", "openai_moderation", "redacted"},
         MESSAGE_FIELDS, "lmsys"),
        ({"conversation", "model"}, MESSAGE_FIELDS, "lmsys"),
        ({"conversation_hash", "conversation", "timestamp", "toxic"}, MESSAGE_FIELDS, "wildchat"),
        ({"conversation_hash", "conversation_id", "conversation"}, MESSAGE_FIELDS, "lmsys"),
        ({"id", "messages"}, {"messages": {"role", "content"}}, "openai"),
        ({"messages"}, {}, "openai"),
        ({"prompt", "prompt_id", "messages"}, {"messages": {"role", "content"}}, "hf-chat"),
        ({"id", "conversations"}, {"conversations": {"from", "value"}}, "sharegpt"),
        ({"question_id", "model_a", "model_b", "winner", "conversation_a", "conversation_b"}, {}, "arena"),
    ],
)
def test_layouts_are_recognised_by_their_columns(columns, message_fields, expected):
    assert detect_layout(columns, message_fields).name == expected


def test_nothing_known_is_no_layout_and_falls_back_on_lmsys_names():
    assert detect_layout({"uuid", "turns"}, {}) is None
    fallback = resolve_layout(None, load_config().ingest)
    assert (fallback.name, fallback.recognised) == ("lmsys", False)


def test_message_fields_in_the_other_spelling_are_read_as_they_are():
    layout = detect_layout({"id", "conversations"}, {"conversations": {"role", "content"}})
    assert (layout.name, layout.role, layout.content) == ("sharegpt", "role", "content")
    layout = detect_layout({"messages"}, {"messages": {"from", "value"}})
    assert (layout.name, layout.role, layout.content) == ("openai", "from", "value")


def test_column_and_role_settings_override_the_layout():
    settings = load_config(None, [
        "ingest.columns.id=uuid", "ingest.columns.conversation=turns", "ingest.columns.role=speaker",
        "ingest.columns.content=text", "ingest.roles.bot=assistant", "ingest.roles.human=user",
    ]).ingest
    layout = resolve_layout(None, settings)
    assert (layout.id_columns, layout.conversation, layout.role, layout.content) == (
        ("uuid",), "turns", "speaker", "text"
    )
    assert layout.role_aliases == {"bot": "assistant", "human": "user"}
    assert "ingest.columns.id = 'uuid'" in layout.overridden
    sharegpt = resolve_layout(SHAREGPT, load_config(None, ["ingest.roles.human=system"]).ingest)
    assert sharegpt.role_aliases["human"] == "system" and sharegpt.role_aliases["gpt"] == "assistant"
    forced = resolve_layout(OPENAI, load_config(None, ["ingest.layout=sharegpt"]).ingest)
    assert forced.name == "sharegpt"


def records(spark, layout, lines):
    """`lines` (dicts, written as JSON Lines) parsed in `layout`: (conversation_id, model, [(role,
    content)], error, battle) per record."""
    lines_df = spark.createDataFrame(
        [(json.dumps(line), "f.jsonl") for line in lines], "value string, _source_file string"
    )
    return [
        (r["conversation_id"], r["model"], [(m["role"], m["content"]) for m in r["conversation"] or []],
         r["_parse_error"], r["battle"] and r["battle"].asDict())
        for r in parse_json_lines(lines_df, layout).collect()
    ]


def test_openai_chat_layout(spark):
    lines = [
        {"id": "chatcmpl-9a8b7c", "model": "gpt-4o", "temperature": 0.7,
         "messages": [{"role": "system", "content": "You are terse."}, {"role": "user", "content": "2+2?"},
                      {"role": "assistant", "content": "4", "refusal": None}]},
        {"messages": [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello!"}]},
    ]
    assert records(spark, OPENAI, lines) == [
        ("chatcmpl-9a8b7c", "gpt-4o", [("system", "You are terse."), ("user", "2+2?"), ("assistant", "4")], None, None),
        (None, None, [("user", "Hi"), ("assistant", "Hello!")], None, None),
    ]


def test_sharegpt_layout_maps_its_speakers_to_roles(spark):
    lines = [
        {"id": "QWJhYvA_0", "conversations": [{"from": "human", "value": "Summarise Hamlet."},
                                              {"from": "gpt", "value": "A prince avenges his father."}]},
        {"id": "QWJhYvA_1", "conversations": [{"from": "system", "value": "Be brief."},
                                              {"from": "user", "value": "Capital of Peru?"},
                                              {"from": "bing", "value": "Lima."},
                                              {"from": "human", "value": "¿Y de Chile?"},
                                              {"from": "chatgpt", "value": "Santiago."},
                                              {"from": "assistant", "value": "!"}]},
    ]
    assert records(spark, SHAREGPT, lines) == [
        ("QWJhYvA_0", None, [("user", "Summarise Hamlet."), ("assistant", "A prince avenges his father.")], None, None),
        ("QWJhYvA_1", None, [("system", "Be brief."), ("user", "Capital of Peru?"), ("assistant", "Lima."),
                             ("user", "¿Y de Chile?"), ("assistant", "Santiago."), ("assistant", "!")], None, None),
    ]


def test_hugging_face_chat_layout_in_parquet_and_json_lines(spark):
    schema = T.StructType([
        T.StructField("prompt", T.StringType()),
        T.StructField("prompt_id", T.StringType()),
        T.StructField("messages", T.ArrayType(T.StructType([T.StructField("content", T.StringType()),
                                                            T.StructField("role", T.StringType())]))),
        T.StructField("category", T.StringType()),
    ])
    row = ("Write a haiku about rain.", "8d4e1f2a9c",
           [("Write a haiku about rain.", "user"), ("Soft rain on the roof", "assistant")], "Generation")
    source_df = spark.createDataFrame([row], schema)
    layout = detect_layout(source_df.schema.names, {"messages": {"content", "role"}})
    conformed = conform_columns(source_df.schema, layout)
    assert layout is HF_CHAT and conformed.problems == []
    assert conformed.dropped == ["column prompt", "column category"]
    expected_df = spark.createDataFrame(
        [("8d4e1f2a9c", None, [("Write a haiku about rain.", "user"), ("Soft rain on the roof", "assistant")],
          None, None, None, None)],
        LMSYS_SCHEMA,
    )
    assert_df_equality(released(source_df, conformed), expected_df, ignore_nullable=True)
    line = dict(
        zip(schema.names, [row[0], row[1], [{"content": c, "role": r} for c, r in row[2]], row[3]], strict=True)
    )
    assert records(spark, HF_CHAT, [line]) == [
        ("8d4e1f2a9c", None, [("user", "Write a haiku about rain."), ("assistant", "Soft rain on the roof")],
         None, None)
    ]


ARENA_BATTLE = {
    "question_id": "58210e39b3fd4441a2bd4a518bb44c2d", "model_a": "chatglm-6b", "model_b": "koala-13b",
    "winner": "model_b", "judge": "arena_user_973",
    "conversation_a": [{"role": "user", "content": "OpenCL or CUDA?"},
                       {"role": "assistant", "content": "OpenCL is open."}],
    "conversation_b": [{"role": "user", "content": "OpenCL or CUDA?"},
                       {"role": "assistant", "content": "CUDA is NVIDIA's."}],
    "turn": 1, "anony": True, "language": "English", "tstamp": 1682351591.1322,
    "openai_moderation": {"categories": {"harassment": True, "hate": False}, "category_scores": {"harassment": 0.5},
                          "flagged": True},
}


def test_arena_battle_becomes_two_conversations_with_the_winner(spark):
    tie = {**ARENA_BATTLE, "question_id": "2564acd0", "winner": "tie (bothbad)"}
    got = records(spark, ARENA, [ARENA_BATTLE, tie, "not a battle"])
    battle = lambda qid, side, opponent, winner: {  # noqa: E731
        "question_id": qid, "side": side, "opponent": opponent, "winner": winner
    }
    qid = ARENA_BATTLE["question_id"]
    assert got == [
        (f"{qid}-a", "chatglm-6b", [("user", "OpenCL or CUDA?"), ("assistant", "OpenCL is open.")], None,
         battle(qid, "a", "koala-13b", "model_b")),
        (f"{qid}-b", "koala-13b", [("user", "OpenCL or CUDA?"), ("assistant", "CUDA is NVIDIA's.")], None,
         battle(qid, "b", "chatglm-6b", "model_b")),
        ("2564acd0-a", "chatglm-6b", [("user", "OpenCL or CUDA?"), ("assistant", "OpenCL is open.")], None,
         battle("2564acd0", "a", "koala-13b", "tie (bothbad)")),
        ("2564acd0-b", "koala-13b", [("user", "OpenCL or CUDA?"), ("assistant", "CUDA is NVIDIA's.")], None,
         battle("2564acd0", "b", "chatglm-6b", "tie (bothbad)")),
        # A line that cannot be read stays one record.
        (None, None, [], "unparseable_line", battle(None, "a", None, None)),
    ]


def test_arena_moderation_is_a_list_of_one_for_the_prompt(spark):
    lines_df = spark.createDataFrame([(json.dumps(ARENA_BATTLE), "f")], "value string, _source_file string")
    rows = parse_json_lines(lines_df, ARENA).collect()
    for row in rows:
        (entry,) = row["openai_moderation"]
        assert entry["categories"]["harassment"] is True and entry["categories"]["hate"] is False
        assert entry["category_scores"]["harassment"] == 0.5 and entry["flagged"] is True
        assert (row["turn"], row["language"]) == (1, "English")


def test_arena_parquet_with_integer_question_ids(spark):
    message = T.StructType([T.StructField("content", T.StringType()), T.StructField("role", T.StringType())])
    schema = T.StructType([
        T.StructField("question_id", T.LongType()), T.StructField("model_a", T.StringType()),
        T.StructField("model_b", T.StringType()), T.StructField("winner", T.StringType()),
        T.StructField("conversation_a", T.ArrayType(message)), T.StructField("conversation_b", T.ArrayType(message)),
        T.StructField("turn", T.LongType()),
    ])
    source_df = spark.createDataFrame(
        [(81, "gpt-4", "claude-v1", "model_a", [("Compose a blog post.", "user"), ("Aloha!", "assistant")],
          [("Compose a blog post.", "user"), ("Hawaii...", "assistant")], 1)],
        schema,
    )
    conformed = conform_columns(source_df.schema, detect_layout(schema.names, {}))
    assert conformed.problems == []
    got = select_records(source_df, conformed, []).select("conversation_id", "model", "battle").collect()
    assert [(r["conversation_id"], r["model"], r["battle"].asDict()) for r in got] == [
        ("81-a", "gpt-4", {"question_id": "81", "side": "a", "opponent": "claude-v1", "winner": "model_a"}),
        ("81-b", "claude-v1", {"question_id": "81", "side": "b", "opponent": "gpt-4", "winner": "model_a"}),
    ]


def test_custom_columns_from_settings(spark):
    settings = load_config(None, [
        "ingest.columns.id=uuid", "ingest.columns.conversation=turns", "ingest.columns.role=speaker",
        "ingest.columns.content=text", "ingest.columns.model=engine", "ingest.roles.bot=assistant",
    ]).ingest
    layout = resolve_layout(detect_layout({"uuid", "turns", "engine"}, {}), settings)
    line = {"uuid": "3f1e6a7c-0b1d-4a55-9a57-1c2b3d4e5f60", "engine": "support-bot-v2",
            "turns": [{"speaker": "user", "text": "My order is late."}, {"speaker": "bot", "text": "Sorry! Checking."}]}
    assert records(spark, layout, [line]) == [
        ("3f1e6a7c-0b1d-4a55-9a57-1c2b3d4e5f60", "support-bot-v2",
         [("user", "My order is late."), ("assistant", "Sorry! Checking.")], None, None)
    ]


def test_lmsys_records_have_no_battle(spark):
    source_df = spark.createDataFrame([(ID, "vicuna-13b", [("Hi", "user")], 1, "English", None, False)], LMSYS_SCHEMA)
    conformed = conform_columns(source_df.schema)
    row = select_records(source_df, conformed, []).first()
    assert row["battle"] is None and select_records(source_df, conformed, []).schema["battle"].dataType == BATTLE_TYPE
