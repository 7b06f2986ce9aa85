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
