"""chatlake.repetition on hand-written conversations: normalisation, exact repeats, near-duplicates."""

from __future__ import annotations

from pyspark.sql import SparkSession

from chatlake.config import RepetitionSettings
from chatlake.repetition import first_prompts, near_duplicate_pairs, prompt_repetition_by_model, repeated_prompts

LONG = "please write a short story about a dragon who learns to cook pasta in rome"


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
        ("c9", "m2", [(LONG.replace("pasta", "pizza"), "user")]),
        ("c10", "m1", [("an entirely different request about tax forms in ohio state", "user")]),
        ("c11", "m1", []),
    ]
    schema = "conversation_id string, model string, conversation array<struct<content:string,role:string>>"
    return spark.createDataFrame(rows, schema)


def test_exact_repeats_after_normalisation(spark: SparkSession) -> None:
    prompts_df = first_prompts(_bronze(spark))
    got = {r["conversation_id"]: r["normalised"] for r in prompts_df.collect()}
    assert got["c1"] == got["c2"] == got["c3"] == "hello world"
    # the placeholder stays one token; "name 1" is another prompt
    assert got["c4"] == "hi name_1 how are you" != got["c5"]
    assert got["c6"] == got["c7"] == ""
    assert "c11" not in got
    top = [(r["normalised"], r["conversations"], r["models"], r["model_list"]) for r in
           repeated_prompts(prompts_df).orderBy("rank").collect()]
    assert top == [("hello world", 3, 2, "m1, m2")]
    by_model = {r["model"]: r.asDict() for r in prompt_repetition_by_model(prompts_df).collect()}
    # m1: c1 c3 c4 c8 c10 (c3 and c1 repeat); m2: c2 c5 c6 c7 c9 (c2 repeats; empty ones do not)
    assert (by_model["m1"]["conversations"], by_model["m1"]["repeated"]) == (5, 2)
    assert (by_model["m2"]["conversations"], by_model["m2"]["repeated"]) == (5, 1)
    assert by_model["(all)"]["repeated"] == 3
    assert abs(by_model["(all)"]["repeated_share"] - 0.3) < 1e-12


def test_near_duplicates_found_and_unrelated_prompts_not(spark: SparkSession) -> None:
    prompts_df = first_prompts(_bronze(spark))
    settings = RepetitionSettings()
    pairs = [(r["normalised_a"], r["normalised_b"]) for r in near_duplicate_pairs(prompts_df, settings).collect()]
    # Character 5-grams: pasta/pizza: 63 shared of 77 distinct shingles, Jaccard 0.82 >= 0.7.
    assert pairs == [tuple(sorted([LONG, LONG.replace("pasta", "pizza")]))]
    by_model = {r["model"]: r.asDict() for r in
                prompt_repetition_by_model(prompts_df, near_duplicate_pairs(prompts_df, settings)).collect()}
    assert by_model["m1"]["near_duplicate"] == 3 and by_model["m2"]["near_duplicate"] == 2
    strict = RepetitionSettings(threshold=0.95)
    assert near_duplicate_pairs(prompts_df, strict).count() == 0
