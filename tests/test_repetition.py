"""chatlake.repetition on hand-written conversations: normalisation, exact repeats, near-duplicates."""

from __future__ import annotations

import pytest
from chispa import assert_approx_df_equality, assert_df_equality
from pyspark.sql import SparkSession

from chatlake.config import RepetitionSettings
from chatlake.repetition import (
    candidate_pairs,
    first_prompts,
    near_duplicate_conversations,
    near_duplicate_pair_table,
    near_duplicate_pairs,
    near_duplicate_summary,
    prompt_repetition_by_model,
    repeated_prompt_counts,
    repeated_prompts,
)
from conftest import keyed_conversations

LONG = "please write a short story about a dragon who learns to cook pasta in rome with his friends"
# 18 words, 17 word 2-grams. PIZZA changes 2 of them (J = 15/19 = 0.789); FAR changes 4 (J with
# LONG = 13/21 = 0.619, with PIZZA 11/23 = 0.478).
PIZZA = LONG.replace("pasta", "pizza")
FAR = LONG.replace("dragon", "knight").replace("rome", "paris")
PAIR_SCHEMA = "conversation_id_a string, conversation_id_b string, similarity double, prompt_a string, prompt_b string"


def _bronze(spark: SparkSession):
    rows = [
        ("c1", "m1", [("Hello,   WORLD!", "user"), ("hi", "assistant")]),
        ("c2", "m2", [("hello world", "user")]),
        ("c3", "m1", [("sys", "system"), ("hello\tworld?!", "user")]),
        ("c4", "m1", [("Hi NAME_1, how are you?", "user")]),
        ("c5", "m2", [("hi name 1 how are you", "user")]),
        ("c6", "m2", [("👍", "user")]),
        ("c7", "m2", [("👍👍", "user")]),
        ("c8", "m1", [(LONG, "user")]),
        ("c9", "m2", [(PIZZA.upper() + "!", "user")]),
        ("c10", "m1", [("an entirely different request about tax forms in ohio state", "user")]),
        ("c11", "m1", []),
    ]
    schema = "conversation_id string, model string, conversation array<struct<content:string,role:string>>"
    return spark.createDataFrame(rows, schema)


def test_first_prompts_normalised(spark: SparkSession) -> None:
    got = {r["conversation_id"]: r["normalised"] for r in first_prompts(_bronze(spark)).collect()}
    assert got["c1"] == got["c2"] == got["c3"] == "hello world"
    # the placeholder stays one token; "name 1" is another prompt
    assert got["c4"] == "hi name_1 how are you" != got["c5"]
    assert got["c6"] == got["c7"] == ""
    assert "c11" not in got


def test_exact_repeats_after_normalisation(spark: SparkSession) -> None:
    bronze_df = _bronze(spark)
    conversations_df = keyed_conversations(bronze_df)
    counts_df = repeated_prompt_counts(conversations_df)
    assert [(r["rank"], r["conversations"], r["models"], r["model_list"], r["conversation_id"])
            for r in counts_df.collect()] == [(1, 3, 2, "m1, m2", "c1")]
    # The example is the first prompt of the smallest conversation id, as written.
    top = [(r["normalised"], r["conversations"], r["example"]) for r in
           repeated_prompts(counts_df, first_prompts(bronze_df)).orderBy("rank").collect()]
    assert top == [("hello world", 3, "Hello,   WORLD!")]
    by_model = {r["model"]: r.asDict() for r in prompt_repetition_by_model(conversations_df).collect()}
    # m1: c1 c3 c4 c8 c10 (c3 and c1 repeat; c11 has no prompt); m2: c2 c5 c6 c7 c9 (c2 repeats;
    # the empty ones do not)
    assert (by_model["m1"]["conversations"], by_model["m1"]["repeated"]) == (5, 2)
    assert (by_model["m2"]["conversations"], by_model["m2"]["repeated"]) == (5, 1)
    assert by_model["(all)"]["repeated"] == 3
    assert abs(by_model["(all)"]["repeated_share"] - 0.3) < 1e-12


def test_repeated_prompts_rank_by_count_then_example_and_keep_the_top(spark: SparkSession) -> None:
    rows = [(f"a{i}", "m1", [("Alpha", "user")]) for i in range(3)]
    rows += [(f"b{i}", "m2", [("Beta", "user")]) for i in range(2)]
    rows += [(f"c{i}", "m1", [("Gamma", "user")]) for i in range(2)] + [("z", "m1", [("Delta", "user")])]
    schema = "conversation_id string, model string, conversation array<struct<content:string,role:string>>"
    counts_df = repeated_prompt_counts(keyed_conversations(spark.createDataFrame(rows, schema)), top=2)
    assert [(r["rank"], r["conversation_id"], r["conversations"]) for r in counts_df.orderBy("rank").collect()] == [
        (1, "a0", 3), (2, "b0", 2)]  # Beta before Gamma: same count, smaller example id; Delta once


def test_near_duplicates_found_and_unrelated_prompts_not(spark: SparkSession) -> None:
    bronze_df = _bronze(spark)
    prompts_df = first_prompts(bronze_df)
    settings = RepetitionSettings(near_duplicates=True)
    near_df = near_duplicate_pairs(prompts_df, settings)
    expected_df = spark.createDataFrame([("c8", "c9", 15 / 19, LONG, PIZZA)], PAIR_SCHEMA)
    assert_approx_df_equality(near_duplicate_pair_table(near_df), expected_df, 1e-12, ignore_nullable=True)
    near_conversations_df = near_duplicate_conversations(prompts_df, near_df)
    assert sorted(r["conversation_id"] for r in near_conversations_df.collect()) == ["c8", "c9"]
    by_model = {r["model"]: r.asDict() for r in
                prompt_repetition_by_model(keyed_conversations(bronze_df), near_conversations_df).collect()}
    # m1: c1 and c3 repeat exactly, c8 is near c9; m2: c2 repeats, c9 is near c8.
    assert by_model["m1"]["near_duplicate"] == 3 and by_model["m2"]["near_duplicate"] == 2
    assert by_model["(all)"]["near_duplicate"] == 5
    summary = near_duplicate_summary(prompts_df, near_df, settings).collect()[0].asDict()
    # considered: the normalised prompts of at least 30 characters: c8, c9, c10 (c4's has 21).
    assert summary == {"conversations": 10, "distinct_prompts": 6, "considered": 3, "near_duplicate_pairs": 1,
                       "prompts_with_near_duplicate": 2, "shingle": "word", "shingle_size": 2, "bands": 10,
                       "rows": 3, "threshold": 0.7}
    strict = RepetitionSettings(near_duplicates=True, threshold=0.8)
    assert near_duplicate_pairs(prompts_df, strict).count() == 0


def test_near_duplicates_keep_exactly_the_pairs_at_or_above_the_threshold(spark: SparkSession) -> None:
    rows = [
        ("a", "m1", [(LONG, "user")]),
        ("b", "m1", [(PIZZA, "user")]),
        ("c", "m2", [(FAR, "user")]),
        ("d", "m2", [("an entirely different request about tax forms in ohio state", "user")]),
        ("e", "m2", [(LONG + ".", "user")]),  # the same normalised prompt as a: one prompt, not a pair
    ]
    schema = "conversation_id string, model string, conversation array<struct<content:string,role:string>>"
    prompts_df = first_prompts(spark.createDataFrame(rows, schema))
    # 30 bands of 1 row: a pair of similarity 0.62 is a candidate with probability 1 - 0.38^30.
    loose = RepetitionSettings(near_duplicates=True, bands=30, rows=1, threshold=0.6)
    expected_df = spark.createDataFrame(
        [("a", "b", 15 / 19, LONG, PIZZA), ("a", "c", 13 / 21, LONG, FAR)], PAIR_SCHEMA
    )
    got_df = near_duplicate_pair_table(near_duplicate_pairs(prompts_df, loose))
    assert_approx_df_equality(got_df.orderBy("conversation_id_b"), expected_df, 1e-12, ignore_nullable=True)
    char = RepetitionSettings(near_duplicates=True, shingle="char", shingle_size=5, bands=20, rows=5)
    # Character 5-grams of the 91-character texts: a/b share 80 of 94 (0.851), a/c 69 of 106 (0.651).
    got = [(r["conversation_id_a"], r["conversation_id_b"]) for r in
           near_duplicate_pair_table(near_duplicate_pairs(prompts_df, char)).collect()]
    assert got == [("a", "b")]


@pytest.mark.parametrize(("max_bucket", "expected"), [
    # band 0 bucket 7 holds docs 1-4: larger than 3, so only the pairs of its smallest doc (1);
    # band 1 bucket 9 (docs 3, 4) is small; doc 5 is alone in its bucket.
    (3, [(1, 2), (1, 3), (1, 4), (3, 4)]),
    (4, [(1, 2), (1, 3), (1, 4), (2, 3), (2, 4), (3, 4)]),
])
def test_candidate_pairs_cap_the_bucket_size(spark: SparkSession, max_bucket, expected) -> None:
    keys = [(1, 0, 7), (2, 0, 7), (3, 0, 7), (4, 0, 7), (3, 1, 9), (4, 1, 9), (5, 0, 8), (1, 1, 8)]
    keys_df = spark.createDataFrame(keys, "doc long, band int, key long")
    got_df = candidate_pairs(keys_df, RepetitionSettings(max_bucket=max_bucket))
    expected_df = spark.createDataFrame(expected, "doc_a long, doc_b long")
    assert_df_equality(got_df, expected_df, ignore_row_order=True, ignore_nullable=True)
