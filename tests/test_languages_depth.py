"""language_tag_trust on hand-written silver conversations, expected rows worked out by hand."""

from __future__ import annotations

from chispa import assert_approx_df_equality

from chatlake.languages_depth import language_tag_trust

TRUST_SCHEMA = (
    "dimension string, bin int, chars_low bigint, chars_high bigint, language_name string, language_code string, "
    "conversations bigint, unreliable bigint, unreliable_share double, compared bigint, agreeing bigint, "
    "agreement_rate double, short_conversations bigint, short_unreliable bigint, short_unreliable_share double"
)


def test_language_tag_trust_by_length_and_language(spark):
    rows = [  # first_user_lang, score, chars, released name, its code
        ("en", 0.9, 10, "English", "en"),      # reliable, agrees, short
        ("en", 0.3, 30, "English", "en"),      # fastText below 0.5: unreliable, short
        ("es", 0.9, 60, "Portuguese", "pt"),   # reliable, disagrees
        ("und", 0.0, 0, "unknown", "und"),     # both unreliable, short
    ]
    df = spark.createDataFrame(rows, "first_user_lang string, first_user_lang_score double, first_user_chars int, "
                                     "language_name string, language_code string")
    expected = [
        ("prompt_length", 0, 0, 20, None, None, 2, 1, 0.5, 1, 1, 1.0, 2, 1, 0.5),
        ("prompt_length", 1, 20, 50, None, None, 1, 1, 1.0, 0, 0, None, 1, 1, 1.0),
        ("prompt_length", 2, 50, 100, None, None, 1, 0, 0.0, 1, 0, 0.0, 0, 0, None),
        ("language", 1, None, None, "English", "en", 2, 1, 0.5, 1, 1, 1.0, 2, 1, 0.5),
        ("language", 2, None, None, "Portuguese", "pt", 1, 0, 0.0, 1, 0, 0.0, 0, 0, None),
        ("language", 3, None, None, "unknown", "und", 1, 1, 1.0, 0, 0, None, 1, 1, 1.0),
    ]
    assert_approx_df_equality(language_tag_trust(df), spark.createDataFrame(expected, TRUST_SCHEMA), 1e-12,
                              ignore_nullable=True, ignore_row_order=True)


DEPTH_SCHEMA = (
    "counter string, rank int, language string, conversations bigint, avg_turns double, flagged_share double, "
    "redacted_share double, prompts bigint, avg_prompt_tokens double, median_prompt_tokens double, responses bigint, "
    "avg_response_tokens double, median_response_tokens double, prompt_tokens_per_1k_chars double, "
    "response_tokens_per_1k_chars double"
)


def test_languages_in_depth(spark):
    from chatlake.languages_depth import languages_in_depth

    conversations = spark.createDataFrame([
        ("a", "en", 1, True, False, False), ("b", "en", 3, False, False, True),
        ("c", "pt", 1, False, True, False), ("d", "und", 1, False, False, False),
    ], "conversation_id string, first_user_lang string, turns long, user_flagged boolean, "
       "assistant_flagged boolean, redacted boolean")
    messages = spark.createDataFrame([
        ("a", "user", 100, 20), ("a", "assistant", 200, 40), ("b", "user", 50, 10), ("b", "assistant", 300, 90),
        ("b", "user", 150, 30), ("c", "user", 100, 50), ("c", "assistant", 100, 60), ("d", "user", 5, 1),
    ], "conversation_id string, role string, chars int, tokens_cl100k_base long")
    # en: prompts 20, 10, 30 over 300 characters; responses 40, 90 over 500. und is never ranked.
    expected = [
        ("cl100k_base", 1, "en", 2, 2.0, 0.5, 0.5, 3, 20.0, 20.0, 2, 65.0, 65.0, 200.0, 260.0),
        ("cl100k_base", 2, "pt", 1, 1.0, 1.0, 0.0, 1, 50.0, 50.0, 1, 60.0, 60.0, 500.0, 600.0),
    ]
    assert_approx_df_equality(languages_in_depth(conversations, messages, ["cl100k_base"]),
                              spark.createDataFrame(expected, DEPTH_SCHEMA), 1e-12,
                              ignore_nullable=True, ignore_row_order=True)
