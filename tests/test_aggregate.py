"""Each statistic on small hand-written silver frames: the whole output DataFrame, schema
included, against rows worked out by hand (the Wilson intervals from an independent pure-Python
formula, standard deviations from `statistics.stdev`).

Schemas are compared by column name, type and order; nullability is left out
(`ignore_nullable`): the engines infer it differently for the same expression (Sail marks a
`when ... otherwise` of two literals nullable, the JVM engine does not), and it is not part of
what a gold table means."""

from __future__ import annotations

import math
import statistics

import pytest
from chispa import assert_approx_df_equality
from pyspark.sql import functions as F

from chatlake.aggregate import (
    USERS_NOT_IN_DATA,
    basic_stats,
    conversations_per_model,
    jailbreak_by_model,
    language_agreement,
    language_by_model,
    moderation_by_category,
    redaction,
    response_length_by_model,
    token_histogram,
    token_quantiles,
    top_languages,
    turns_distribution,
    wilson_interval,
)
from chatlake.schema import CATEGORIES

# The `model` of the all-models row, written out here rather than imported from the code under test.
ALL_MODELS = "(all)"

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
            ["string", "string", "long", "string", "string", "string", "int", "boolean", "boolean", "long", "boolean",
             "boolean"]
            + ["boolean"] * 10,
            strict=True,
        )
    )
    return spark.createDataFrame(rows, schema)


@pytest.fixture
def sample(spark):
    rows = [
        conversation("a", "vicuna-13b", turns=1, user=("sexual",), assistant=("sexual", "violence")),
        conversation("b", "vicuna-13b", turns=3, user=("hate",)),
        conversation("c", "vicuna-13b", turns=1, name="Portuguese", code="pt", lang="pt", redacted=True,
                     placeholders=3),
        conversation("d", "gpt-4", turns=2, name="Portuguese", code="pt", lang="es", chars=20),
        conversation("e", "gpt-4", turns=1, assistant=("self_harm",)),
        conversation("f", "claude-2", turns=0, name="unknown", code="und", lang="und", chars=0),
    ]
    return conversations_df(spark, rows)


# Float columns are compared to 12 decimals: averages and interpolated quantiles are not exact.
PRECISION = 1e-12
Z = 1.959963984540054


def wilson(k: int, n: int) -> tuple[float | None, float | None]:
    """The 95% Wilson score interval of k/n, written out independently of chatlake (None for n = 0)."""
    if n == 0:
        return None, None
    p = k / n
    centre = (p + Z * Z / (2 * n)) / (1 + Z * Z / n)
    half = Z / (1 + Z * Z / n) * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return centre - half, centre + half


def assert_table(spark, actual_df, expected_rows, schema: str) -> None:
    """`actual_df` equals the DataFrame of `expected_rows` and `schema` (DDL), rows in any order."""
    expected_df = spark.createDataFrame(expected_rows, schema)
    assert_approx_df_equality(actual_df, expected_df, PRECISION, ignore_nullable=True, ignore_row_order=True)


def test_wilson_interval_matches_the_formula(spark):
    cases = [(0, 10), (3, 10), (10, 10), (15925, 490712), (1, 1), (0, 0)]
    df = spark.createDataFrame(cases, "k long, n long")
    low, high = wilson_interval(F.col("k"), F.col("n"))
    assert_table(spark, df.select("k", "n", low.alias("low"), high.alias("high")),
                 [(k, n, *wilson(k, n)) for k, n in cases], "k bigint, n bigint, low double, high double")
    # Known value: 3 of 10 -> [0.1078, 0.6032] (Wilson 1927, as tabulated by Newcombe 1998).
    assert [round(v, 4) for v in wilson(3, 10)] == [0.1078, 0.6032]


PER_MODEL_SCHEMA = "rank int, model string, conversations bigint, share double"


def test_conversations_per_model(spark, sample):
    assert_table(spark, conversations_per_model(sample),
                 [(1, "vicuna-13b", 3, 3 / 6), (2, "gpt-4", 2, 2 / 6), (3, "claude-2", 1, 1 / 6)], PER_MODEL_SCHEMA)


MODERATION_SCHEMA = ("model string, conversations bigint, flagged bigint, flagged_share double, sexual bigint, "
                     "harassment bigint, violence bigint, hate bigint, self_harm bigint")


def test_moderation_by_category_overall_and_per_model(spark, sample):
    # a: sexual (user and assistant), violence (assistant); b: hate; e: self-harm (assistant).
    assert_table(spark, moderation_by_category(sample), [
        (ALL_MODELS, 6, 3, 3 / 6, 1, 0, 1, 1, 1),
        ("vicuna-13b", 3, 2, 2 / 3, 1, 0, 1, 1, 0),
        ("gpt-4", 2, 1, 1 / 2, 0, 0, 0, 0, 1),
        ("claude-2", 1, 0, 0.0, 0, 0, 0, 0, 0),
    ], MODERATION_SCHEMA)


JAILBREAK_SCHEMA = ("model string, conversations bigint, attempts bigint, successes bigint, attempt_rate double, "
                    "attempt_rate_low double, attempt_rate_high double, success_rate double, success_rate_low double, "
                    "success_rate_high double")


def test_jailbreak_by_model_counts_attempts_and_successes(spark, sample):
    # Attempts: a and b (a flagged user message); success: a (a flagged answer as well). gpt-4's e has
    # a flagged answer only: no attempt, so no success rate.
    assert_table(spark, jailbreak_by_model(sample), [
        (ALL_MODELS, 6, 2, 1, 2 / 6, *wilson(2, 6), 1 / 2, *wilson(1, 2)),
        ("vicuna-13b", 3, 2, 1, 2 / 3, *wilson(2, 3), 1 / 2, *wilson(1, 2)),
        ("gpt-4", 2, 0, 0, 0.0, *wilson(0, 2), None, None, None),
        ("claude-2", 1, 0, 0, 0.0, *wilson(0, 1), None, None, None),
    ], JAILBREAK_SCHEMA)


TURNS_SCHEMA = "turns bigint, conversations bigint, share double, cumulative_share double"


def test_turns_distribution(spark, sample):
    assert_table(spark, turns_distribution(sample),
                 [(0, 1, 1 / 6, 1 / 6), (1, 3, 3 / 6, 4 / 6), (2, 1, 1 / 6, 5 / 6), (3, 1, 1 / 6, 1.0)], TURNS_SCHEMA)


def test_top_languages_side_by_side(spark, sample):
    # Released: English 3, Portuguese 2, unknown 1. fastText: en 3, then es, pt and und with one
    # conversation each, ties ordered by code; released has no fourth language.
    assert_table(spark, top_languages(sample), [
        (1, "English", 3, 3 / 6, "en", "English", 3, 3 / 6),
        (2, "Portuguese", 2, 2 / 6, "es", "Spanish", 1, 1 / 6),
        (3, "unknown", 1, 1 / 6, "pt", "Portuguese", 1, 1 / 6),
        (4, None, None, None, "und", "unknown", 1, 1 / 6),
    ], "rank int, released_language string, released_conversations bigint, released_share double, "
       "fasttext_language string, fasttext_name string, fasttext_conversations bigint, fasttext_share double")


def test_language_by_model(spark, sample):
    assert_table(spark, language_by_model(sample), [
        ("vicuna-13b", "English", 2, 2 / 3), ("vicuna-13b", "Portuguese", 1, 1 / 3),
        ("gpt-4", "Portuguese", 1, 1 / 2), ("gpt-4", "English", 1, 1 / 2), ("claude-2", "unknown", 1, 1.0),
    ], "model string, language string, conversations bigint, share double")


def test_language_agreement_counts_long_prompts_apart(spark, sample):
    # Portuguese: c agrees (60 characters), d does not (fastText says es, 20 characters).
    assert_table(spark, language_agreement(sample), [
        (1, "English", "en", 3, 3, 1.0, 3, 3, 1.0),
        (2, "Portuguese", "pt", 2, 1, 1 / 2, 1, 1, 1.0),
        (3, "unknown", "und", 1, 1, 1.0, 0, 0, None),
    ], "rank int, language_name string, language_code string, conversations bigint, agreeing bigint, "
       "agreement_rate double, conversations_long bigint, agreeing_long bigint, agreement_rate_long double")


REDACTION_SCHEMA = "conversations bigint, redacted bigint, redacted_share double, name_placeholders bigint"


def test_redaction(spark, sample):
    assert_table(spark, redaction(sample), [(6, 1, 1 / 6, 3)], REDACTION_SCHEMA)


def messages_df(spark):
    rows = [  # conversation_id, role, tokens
        ("a", "user", 10), ("a", "assistant", 100), ("b", "user", 0), ("b", "assistant", 300),
        ("b", "user", 5), ("b", "system", 999), ("c", "assistant", 1),
    ]
    return spark.createDataFrame(rows, "conversation_id string, role string, tokens_cl100k_base long")


BASIC_STATS_SCHEMA = (
    "counter string, conversations bigint, models bigint, users string, languages_released bigint, "
    "languages_fasttext bigint, avg_turns double, prompts bigint, avg_prompt_tokens double, std_prompt_tokens double, "
    "responses bigint, avg_response_tokens double, std_response_tokens double"
)


def test_basic_stats_is_the_paper_table_1_row(spark, sample):
    # Languages: "unknown" and "und" do not count; the system message is neither prompt nor response.
    assert_table(spark, basic_stats(sample, messages_df(spark), ["cl100k_base"]), [(
        "cl100k_base", 6, 3, USERS_NOT_IN_DATA, 2, 3, 8 / 6,
        3, 15 / 3, statistics.stdev([10, 0, 5]), 3, 401 / 3, statistics.stdev([100, 300, 1]),
    )], BASIC_STATS_SCHEMA)


def test_token_quantiles(spark):
    # Exact quantiles, linear between ranks: prompts 0, 5, 10; responses 1, 100, 300.
    assert_table(spark, token_quantiles(messages_df(spark), ["cl100k_base"]), [
        ("cl100k_base", "prompt", 3, 5.0, 0, 5.0, 9.0, 9.9, 9.99, 10),
        ("cl100k_base", "response", 3, 401 / 3, 1, 100.0, 260.0, 296.0, 299.6, 300),
    ], "counter string, role string, messages bigint, mean double, min bigint, p50 double, p90 double, "
       "p99 double, p999 double, max bigint")


def test_token_histogram(spark):
    # log2 bins: [0,1) is bin 0, [2^(k-1), 2^k) is bin k.
    assert_table(spark, token_histogram(messages_df(spark), ["cl100k_base"]), [
        ("cl100k_base", "prompt", 0, 0, 1, 1), ("cl100k_base", "prompt", 3, 4, 8, 1),
        ("cl100k_base", "prompt", 4, 8, 16, 1), ("cl100k_base", "response", 1, 1, 2, 1),
        ("cl100k_base", "response", 7, 64, 128, 1), ("cl100k_base", "response", 9, 256, 512, 1),
    ], "counter string, role string, bin int, tokens_low bigint, tokens_high bigint, messages bigint")


def test_response_length_by_model(spark, sample):
    # Every response is vicuna-13b's (a, b, c): 100, 300, 1 tokens.
    assert_table(spark, response_length_by_model(messages_df(spark), sample, "cl100k_base"),
                 [("vicuna-13b", 3, 401 / 3, 100.0, 260.0, 296.0)],
                 "model string, responses bigint, mean double, p50 double, p90 double, p99 double")


def test_statistics_of_empty_silver_tables(spark):
    empty = conversations_df(spark, [])
    assert_table(spark, conversations_per_model(empty), [], PER_MODEL_SCHEMA)
    assert_table(spark, moderation_by_category(empty), [(ALL_MODELS, 0, 0, None, 0, 0, 0, 0, 0)], MODERATION_SCHEMA)
    assert_table(spark, jailbreak_by_model(empty), [(ALL_MODELS, 0, 0, 0, None, None, None, None, None, None)],
                 JAILBREAK_SCHEMA)
    assert_table(spark, turns_distribution(empty), [], TURNS_SCHEMA)
    assert_table(spark, redaction(empty), [(0, 0, None, None)], REDACTION_SCHEMA)
    assert_table(spark, basic_stats(empty, messages_df(spark).limit(0), ["cl100k_base"]), [
        ("cl100k_base", 0, 0, USERS_NOT_IN_DATA, 0, 0, None, 0, None, None, 0, None, None)
    ], BASIC_STATS_SCHEMA)
