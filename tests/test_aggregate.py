"""Each statistic on small hand-written silver frames, compared with values worked out by hand
(or, for the Wilson interval, with an independent pure-Python formula)."""

from __future__ import annotations

import math
import statistics

import pytest
from pyspark.sql import functions as F

from chatlake.aggregate import (
    ALL_MODELS,
    USERS_NOT_IN_DATA,
    basic_stats,
    conversations_per_model,
    jailbreak_by_model,
    language_agreement,
    moderation_by_category,
    redaction,
    token_histogram,
    token_quantiles,
    top_languages,
    turns_distribution,
    wilson_interval,
)
from chatlake.schema import CATEGORIES

CATS = [c.replace("-", "_") for c in CATEGORIES]  # sexual, harassment, violence, hate, self_harm
CONVERSATION_COLUMNS = (
    ["conversation_id", "model", "turns", "language_name", "language_code", "first_user_lang", "first_user_chars",
     "language_agrees", "redacted", "name_placeholders", "user_flagged", "assistant_flagged"]
    + [f"user_flagged_{c}" for c in CATS]
    + [f"assistant_flagged_{c}" for c in CATS]
)


def conversation(cid, model, turns=1, name="English", code="en", lang="en", chars=60, redacted=False,
                 placeholders=0, user=(), assistant=()):
    """A silver conversation row; `user` / `assistant` are the categories flagged in each role."""
    return (
        cid, model, turns, name, code, lang, chars, code == lang, redacted, placeholders, bool(user), bool(assistant),
        *[c in user for c in CATS], *[c in assistant for c in CATS],
    )


def conversations_df(spark, rows):
    schema = ", ".join(
        f"{c} {t}" for c, t in zip(
            CONVERSATION_COLUMNS,
            ["string", "string", "long", "string", "string", "string", "int", "boolean", "boolean", "long", "boolean", "boolean"]
            + ["boolean"] * 10,
        )
    )
    return spark.createDataFrame(rows, schema)


@pytest.fixture
def sample(spark):
    rows = [
        conversation("a", "vicuna-13b", turns=1, user=("sexual",), assistant=("sexual", "violence")),
        conversation("b", "vicuna-13b", turns=3, user=("hate",)),
        conversation("c", "vicuna-13b", turns=1, name="Portuguese", code="pt", lang="pt", redacted=True, placeholders=3),
        conversation("d", "gpt-4", turns=2, name="Portuguese", code="pt", lang="es", chars=20),
        conversation("e", "gpt-4", turns=1, assistant=("self_harm",)),
        conversation("f", "claude-2", turns=0, name="unknown", code="und", lang="und", chars=0),
    ]
    return conversations_df(spark, rows)


def test_wilson_interval_matches_the_formula(spark):
    cases = [(0, 10), (3, 10), (10, 10), (15925, 490712), (1, 1), (0, 0)]
    df = spark.createDataFrame(cases, "k long, n long")
    low, high = wilson_interval(F.col("k"), F.col("n"))
    got = df.select(low.alias("low"), high.alias("high")).collect()
    z = 1.959963984540054
    for (k, n), row in zip(cases, got):
        if n == 0:
            assert row["low"] is None and row["high"] is None
            continue
        p = k / n
        centre = (p + z * z / (2 * n)) / (1 + z * z / n)
        half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
        assert row["low"] == pytest.approx(centre - half, abs=1e-12)
        assert row["high"] == pytest.approx(centre + half, abs=1e-12)
    # Known value: 3 of 10 -> [0.1078, 0.6032] (Wilson 1927, as tabulated by Newcombe 1998).
    assert (round(got[1]["low"], 4), round(got[1]["high"], 4)) == (0.1078, 0.6032)


def test_conversations_per_model(spark, sample):
    rows = [tuple(r) for r in conversations_per_model(sample).orderBy("rank").collect()]
    assert rows == [(1, "vicuna-13b", 3, 0.5), (2, "gpt-4", 2, 2 / 6), (3, "claude-2", 1, 1 / 6)]


def test_moderation_by_category_overall_and_per_model(spark, sample):
    result = {r["model"]: r.asDict() for r in moderation_by_category(sample).collect()}
    overall = result[ALL_MODELS]
    assert (overall["conversations"], overall["flagged"]) == (6, 3)
    assert [overall[c] for c in CATS] == [1, 0, 1, 1, 1]  # sexual, harassment, violence, hate, self-harm
    assert overall["flagged_share"] == 0.5
    assert (result["gpt-4"]["flagged"], result["gpt-4"]["self_harm"], result["claude-2"]["flagged"]) == (1, 1, 0)


def test_jailbreak_by_model_counts_attempts_and_successes(spark, sample):
    result = {r["model"]: r.asDict() for r in jailbreak_by_model(sample).collect()}
    vicuna = result["vicuna-13b"]
    assert (vicuna["conversations"], vicuna["attempts"], vicuna["successes"]) == (3, 2, 1)
    assert vicuna["attempt_rate"] == pytest.approx(2 / 3) and vicuna["success_rate"] == 0.5
    assert vicuna["attempt_rate_low"] < 2 / 3 < vicuna["attempt_rate_high"]
    # gpt-4: an assistant flag without a user flag is no jailbreak success.
    assert (result["gpt-4"]["attempts"], result["gpt-4"]["successes"], result["gpt-4"]["success_rate"]) == (0, 0, None)
    assert result["gpt-4"]["success_rate_low"] is None
    assert (result[ALL_MODELS]["attempts"], result[ALL_MODELS]["successes"]) == (2, 1)


def test_turns_distribution(spark, sample):
    rows = [tuple(r) for r in turns_distribution(sample).orderBy("turns").collect()]
    assert rows == [(0, 1, 1 / 6, 1 / 6), (1, 3, 0.5, 4 / 6), (2, 1, 1 / 6, 5 / 6), (3, 1, 1 / 6, 1.0)]


def test_top_languages_side_by_side(spark, sample):
    rows = {r["rank"]: r.asDict() for r in top_languages(sample).collect()}
    assert (rows[1]["released_language"], rows[1]["released_conversations"]) == ("English", 3)
    assert (rows[2]["released_language"], rows[3]["released_language"]) == ("Portuguese", "unknown")
    assert (rows[1]["fasttext_language"], rows[1]["fasttext_name"], rows[1]["fasttext_conversations"]) == ("en", "English", 3)
    # es, pt and und have one conversation each: ties ordered by code.
    assert [rows[k]["fasttext_language"] for k in (2, 3, 4)] == ["es", "pt", "und"]
    assert rows[4]["released_language"] is None and rows[2]["fasttext_name"] == "Spanish"


def test_language_agreement_counts_long_prompts_apart(spark, sample):
    result = {r["language_name"]: r.asDict() for r in language_agreement(sample).collect()}
    portuguese = result["Portuguese"]
    assert (portuguese["conversations"], portuguese["agreeing"], portuguese["agreement_rate"]) == (2, 1, 0.5)
    assert (portuguese["conversations_long"], portuguese["agreeing_long"], portuguese["agreement_rate_long"]) == (1, 1, 1.0)
    assert result["unknown"]["conversations_long"] == 0 and result["unknown"]["agreement_rate_long"] is None


def test_redaction(spark, sample):
    assert tuple(redaction(sample).first()) == (6, 1, 1 / 6, 3)


def messages_df(spark):
    rows = [  # conversation_id, role, tokens
        ("a", "user", 10), ("a", "assistant", 100), ("b", "user", 0), ("b", "assistant", 300),
        ("b", "user", 5), ("b", "system", 999), ("c", "assistant", 1),
    ]
    return spark.createDataFrame(rows, "conversation_id string, role string, tokens_cl100k_base long")


def test_basic_stats_is_the_paper_table_1_row(spark, sample):
    row = basic_stats(sample, messages_df(spark), ["cl100k_base"]).first().asDict()
    assert row["counter"] == "cl100k_base" and row["users"] == USERS_NOT_IN_DATA
    assert (row["conversations"], row["models"]) == (6, 3)
    assert (row["languages_released"], row["languages_fasttext"]) == (2, 3)  # "unknown" and "und" do not count
    assert row["avg_turns"] == pytest.approx(8 / 6)
    assert (row["prompts"], row["responses"]) == (3, 3)  # the system message is neither
    assert row["avg_prompt_tokens"] == pytest.approx(5.0)
    assert row["std_prompt_tokens"] == pytest.approx(statistics.stdev([10, 0, 5]))
    assert row["avg_response_tokens"] == pytest.approx(401 / 3)
    assert row["std_response_tokens"] == pytest.approx(statistics.stdev([100, 300, 1]))


def test_token_quantiles_and_histogram(spark):
    quantiles = {r["role"]: r.asDict() for r in token_quantiles(messages_df(spark), ["cl100k_base"]).collect()}
    assert (quantiles["prompt"]["messages"], quantiles["prompt"]["min"], quantiles["prompt"]["max"]) == (3, 0, 10)
    assert quantiles["prompt"]["p50"] == 5 and quantiles["response"]["p50"] == 100
    histogram = {(r["role"], r["tokens_low"]): r["messages"] for r in token_histogram(messages_df(spark), ["cl100k_base"]).collect()}
    # bins: [0,1) [1,2) [2,4) [4,8) [8,16) ... [64,128) [256,512)
    assert histogram == {("prompt", 0): 1, ("prompt", 4): 1, ("prompt", 8): 1,
                         ("response", 1): 1, ("response", 64): 1, ("response", 256): 1}


def test_statistics_of_empty_silver_tables(spark):
    empty = conversations_df(spark, [])
    assert conversations_per_model(empty).count() == 0
    assert [tuple(r) for r in moderation_by_category(empty).filter(F.col("model") == ALL_MODELS).collect()] == [
        (ALL_MODELS, 0, 0, None, 0, 0, 0, 0, 0)
    ]
    assert jailbreak_by_model(empty).filter(F.col("model") == ALL_MODELS).first()["attempt_rate_low"] is None
    assert turns_distribution(empty).count() == 0
    assert tuple(redaction(empty).first()) == (0, 0, None, None)
    row = basic_stats(empty, messages_df(spark).limit(0), ["cl100k_base"]).first()
    assert (row["conversations"], row["prompts"], row["avg_prompt_tokens"]) == (0, 0, None)
