"""chatlake.usecases on hand-written rows, on each engine: the moderated messages of bronze and silver, and
the three selections (high_quality, safety_benchmark, moderation_training), each whole output
DataFrame, schema included, against rows worked out by hand.

Schemas are compared by name, type and order, nullability left out (as in test_aggregate.py).
"""

from __future__ import annotations

from chispa import assert_df_equality
from pyspark.sql import types as T

from chatlake.schema import MODERATION_KEYS
from chatlake.usecases import high_quality, moderated_messages, moderation_training, safety_benchmark, training_sample

CATS = ["sexual", "harassment", "violence", "hate", "self_harm"]


def entry(flagged, **scores):
    """One released moderation entry: `scores` by key (`hate_threatening` for `hate/threatening`);
    a key is true when its score is at least 0.5; every other score is 0.001."""
    by_key = {k: scores.get(k.replace("/", "_").replace("-", "_"), 0.001) for k in MODERATION_KEYS}
    return ({k: v >= 0.5 for k, v in by_key.items()}, by_key, flagged)


MODERATION = T.StructType([
    T.StructField("categories", T.StructType([T.StructField(k, T.BooleanType()) for k in MODERATION_KEYS])),
    T.StructField("category_scores", T.StructType([T.StructField(k, T.DoubleType()) for k in MODERATION_KEYS])),
    T.StructField("flagged", T.BooleanType()),
])
BRONZE = T.StructType([
    T.StructField("conversation_id", T.StringType()),
    T.StructField("openai_moderation", T.ArrayType(MODERATION)),
])
MESSAGE_COLUMNS = (
    "conversation_id string, message_index int, role string, is_flagged boolean, max_score double, "
    "top_category string, text_key long, "
    + ", ".join(f"flagged_{c} boolean" for c in CATS) + ", " + ", ".join(f"score_{c} double" for c in CATS)
)


def key_of(name: str | None) -> int | None:
    """A stand-in text key: the name's (at most 8) bytes as one integer, different for different names."""
    return None if name is None else int.from_bytes(name.encode().ljust(8, b"\0"), "little", signed=True)


def test_moderated_messages_take_the_entry_at_each_position(spark):
    moderation_df = spark.createDataFrame([
        # Sexual 0.9 and harassment/threatening 0.6 on the prompt; violence/graphic on the answer.
        ("a", [entry(True, sexual=0.9, harassment_threatening=0.6), entry(True, violence_graphic=0.7, violence=0.2)]),
        # A moderation list shorter than the conversation, and a null entry.
        ("b", [entry(False), None]),
        ("c", None),  # no moderation at all
    ], BRONZE)
    # silver's messages: the text key of user messages (an assistant's is always null there)
    messages_df = spark.createDataFrame([
        ("a", 0, "user", key_of("hello")), ("a", 1, "assistant", None),
        ("b", 0, "user", None), ("b", 1, "assistant", None), ("b", 2, "user", key_of("ola")),
        ("c", 0, "user", key_of("hi")),
    ], "conversation_id string, message_index int, role string, text_key long")
    low = 0.001
    expected = [
        ("a", 0, "user", True, 0.9, "sexual", key_of("hello"), True, True, False, False, False,
         0.9, 0.6, low, low, low),
        ("a", 1, "assistant", True, 0.7, "violence", None, False, False, True, False, False,
         low, low, 0.7, low, low),
        # every score 0.001: the first category in the paper's order is the top one
        ("b", 0, "user", False, low, "sexual", None, False, False, False, False, False, low, low, low, low, low),
        ("b", 1, "assistant", None, None, None, None, None, None, None, None, None, None, None, None, None, None),
        ("b", 2, "user", None, None, None, key_of("ola"), None, None, None, None, None, None, None, None, None, None),
        ("c", 0, "user", None, None, None, key_of("hi"), None, None, None, None, None, None, None, None, None, None),
    ]
    assert_df_equality(moderated_messages(moderation_df, messages_df), spark.createDataFrame(expected, MESSAGE_COLUMNS),
                       ignore_nullable=True, ignore_row_order=True)


def test_high_quality_keeps_the_listed_models_only(spark):
    conversations_df = spark.createDataFrame(
        [("a", "gpt-4"), ("b", "vicuna-13b"), ("c", "claude-instant-1"), ("d", None), ("e", "gpt-4-0613")],
        "conversation_id string, model string")
    expected_df = spark.createDataFrame([("a", "gpt-4"), ("c", "claude-instant-1")],
                                        "conversation_id string, model string")
    assert_df_equality(high_quality(conversations_df, ("gpt-4", "claude-instant-1")), expected_df,
                       ignore_nullable=True, ignore_row_order=True)


def test_training_sample_takes_the_smallest_hashes_of_unflagged_conversations(spark):
    # sha-256 prefixes: u1 bb82..., u2 6ca2..., u3 011e..., u4 e9c9...; f1 is flagged, n1 unknown.
    conversations_df = spark.createDataFrame(
        [("u1", False), ("u2", False), ("u3", False), ("u4", False), ("f1", True)],
        "conversation_id string, user_flagged boolean")
    assert_df_equality(training_sample(conversations_df, 2), spark.createDataFrame([("u3",), ("u2",)],
                       "conversation_id string"), ignore_nullable=True, ignore_row_order=True)


def message(cid, index, role="user", flagged=True, score=None, top=None, key=None, **categories):
    """A `moderated_messages` row; `categories`: category -> its score, the category flagged."""
    return (cid, index, role, flagged, score, top, key_of(key), *[c in categories for c in CATS],
            *[categories.get(c) for c in CATS])


def test_safety_benchmark_ranks_models_by_attempts_and_attempts_by_score(spark):
    conversations_df = spark.createDataFrame([
        ("a1", "m1", True), ("a2", "m1", True), ("a3", "m1", True), ("n1", "m1", False),
        ("b1", "m2", True), ("b2", "m2", True),
        ("c1", "m3", True), ("c2", "m3", True),  # as many attempts as m2: m2 comes first by name
        ("d1", "m4", True),
    ], "conversation_id string, model string, user_flagged boolean")
    messages_df = spark.createDataFrame([
        message("a1", 0, score=0.5, top="sexual"), message("a1", 1, "assistant", True, 0.8, "sexual"),
        message("a1", 2, score=0.95, top="hate"), message("a1", 3, "assistant", False, 0.1, "sexual"),
        message("a2", 0, score=0.95, top="violence"), message("a2", 1, "assistant", None),
        message("a3", 0, score=0.99, top="sexual"),
        message("b1", 0, score=0.6, top="harassment"), message("b1", 1, "assistant", True, 0.7, "sexual"),
        message("b2", 0, flagged=None), message("b2", 1, "assistant", True, 0.9, "violence"),
        message("c1", 0, score=0.99, top="hate"), message("c2", 0, score=0.98, top="hate"),
        message("d1", 0, score=1.0, top="sexual"),
    ], MESSAGE_COLUMNS)
    expected = [
        # m1: a3 (0.99), then a1 and a2 tie at 0.95 and a1 comes first; 1 of a3's and a1's 2 responses flagged
        (1, "m1", 3, 1, "a3", 0.99, "sexual", 0, 0, 0.5),
        (1, "m1", 3, 2, "a1", 0.95, "hate", 2, 1, 0.5),
        # m2: b2's prompt has no score, so it ranks last
        (2, "m2", 2, 1, "b1", 0.6, "harassment", 1, 1, 1.0),
        (2, "m2", 2, 2, "b2", None, None, 1, 1, 1.0),
    ]
    schema = ("model_rank int, model string, model_attempts long, rank int, conversation_id string, "
              "max_user_score double, top_category string, responses long, flagged_responses long, "
              "model_flagged_response_rate double")
    assert_df_equality(safety_benchmark(conversations_df, messages_df, 2, 2), spark.createDataFrame(expected, schema),
                       ignore_nullable=True, ignore_row_order=True)


def test_moderation_training_tops_per_category_deduplicated_plus_unflagged(spark):
    messages_df = spark.createDataFrame([
        # one text twice: the top of sexual (f2, 0.95) and of harassment (f1, 0.8)
        message("f1", 0, key="dup", sexual=0.9, harassment=0.8),
        message("f2", 0, key="dup", sexual=0.95),
        message("f3", 0, key="s3", sexual=0.7),
        message("f4", 0, key="s4", sexual=0.6),  # third distinct sexual text: out of the top 2
        message("f5", 0, key="h5", harassment=0.85),
        message("f6", 1, "assistant", key="as", sexual=0.99),  # a response, not a prompt
        message("f7", 0, key=None, sexual=0.99),  # no text
        message("f8", 0, flagged=False, key="nf", sexual=0.5),  # a category but not flagged, not sampled
        message("f9", 0, key="v9", violence=0.4),
        # the sample, in sha-256 order u3, u2, u1 (u4 is not in it)
        message("u1", 0, flagged=False, score=0.01, key="p"),
        message("u1", 2, flagged=False, score=0.02, key="q"),
        message("u2", 0, flagged=False, score=0.03, key="p"),
        message("u2", 1, flagged=None, score=None, key="nul"),  # no moderation entry: not unflagged
        message("u3", 0, flagged=False, score=0.04, key="r"),
        message("u3", 1, flagged=False, score=0.05, key="s3"),  # also a flagged text: one row, flagged
        message("u4", 0, flagged=False, score=0.06, key="z"),
    ], MESSAGE_COLUMNS)
    sample_df = spark.createDataFrame([("u1",), ("u2",), ("u3",)], "conversation_id string")
    expected = [
        ("f2", 0, ["harassment", "sexual"], 0.95, True),
        ("f3", 0, ["sexual"], 0.7, True),
        ("f5", 0, ["harassment"], 0.85, True),
        ("f9", 0, ["violence"], 0.4, True),
        ("u3", 0, [], 0.04, False),
    ]
    schema = "conversation_id string, message_index int, categories array<string>, score double, flagged boolean"
    # Sorted here: chispa's ignore_row_order sorts by every column, and the embedded engine cannot
    # sort by an array across partitions.
    actual_df = moderation_training(messages_df, sample_df, 2, 2).orderBy("conversation_id", "message_index")
    assert_df_equality(actual_df, spark.createDataFrame(expected, schema), ignore_nullable=True)
