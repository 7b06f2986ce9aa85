"""The figures the generator is calibrated to (LMSYS-Chat-1M paper, arXiv 2309.11998).

Everything here is a plain constant, so a reader can check a planted statistic against the paper
without reading the generator. Shares are per million conversations, as the paper counts them;
the generator allocates them exactly (up to rounding) within each shard.
"""

from __future__ import annotations

from dataclasses import dataclass

from chatlake.schema import CATEGORIES


@dataclass(frozen=True)
class ModelSpec:
    """One chatbot: conversations per million, jailbreak attempt rate, success rate given an attempt.

    An attempt is a conversation with at least one flagged user message; a success one with at
    least one flagged assistant message. The generator flags assistant messages only in attempted
    conversations, so successes are a subset of attempts whichever of the two readings a table uses.
    """

    name: str
    per_million: int
    attempt_rate: float
    success_rate: float


# vicuna-13b, gpt-4 and claude-2 are the paper's known counts (490,712 / 15,925 / 13,463;
# 7,304 / 368 / 109; 2,241 / 78 / 18). The other rates make the total flagged share 54,427 per
# million (Table 2): closed models get a lower attempt rate and a lower success rate.
MODELS: tuple[ModelSpec, ...] = (
    ModelSpec("vicuna-13b", 490_712, 15_925 / 490_712, 13_463 / 15_925),
    ModelSpec("koala-13b", 82_000, 0.0815, 0.86),
    ModelSpec("alpaca-13b", 60_000, 0.0840, 0.88),
    ModelSpec("chatglm-6b", 50_000, 0.0700, 0.80),
    ModelSpec("llama-13b", 42_000, 0.0900, 0.90),
    ModelSpec("vicuna-33b", 34_000, 0.0780, 0.82),
    ModelSpec("oasst-pythia-12b", 30_000, 0.0820, 0.86),
    ModelSpec("dolly-v2-12b", 24_000, 0.0800, 0.84),
    ModelSpec("vicuna-7b", 22_000, 0.0800, 0.85),
    ModelSpec("fastchat-t5-3b", 20_000, 0.0760, 0.80),
    ModelSpec("gpt-3.5-turbo", 19_000, 0.0450, 0.35),
    ModelSpec("gpt4all-13b-snoozy", 15_000, 0.0800, 0.86),
    ModelSpec("claude-1", 14_000, 0.0400, 0.25),
    ModelSpec("RWKV-4-Raven-14B", 13_000, 0.0800, 0.85),
    ModelSpec("mpt-7b-chat", 12_000, 0.0780, 0.83),
    ModelSpec("palm-2", 11_000, 0.0450, 0.30),
    ModelSpec("stablelm-tuned-alpha-7b", 10_000, 0.0820, 0.86),
    ModelSpec("wizardlm-13b", 9_500, 0.0800, 0.84),
    ModelSpec("llama-2-13b-chat", 8_500, 0.0600, 0.40),
    ModelSpec("mpt-30b-chat", 7_800, 0.0760, 0.82),
    ModelSpec("gpt-4", 7_304, 368 / 7_304, 109 / 368),
    ModelSpec("claude-instant-1", 7_000, 0.0400, 0.25),
    ModelSpec("guanaco-33b", 5_500, 0.0820, 0.86),
    ModelSpec("chatglm2-6b", 3_443, 0.0700, 0.80),
    ModelSpec("claude-2", 2_241, 78 / 2_241, 18 / 78),
)


@dataclass(frozen=True)
class LanguageSpec:
    """One value of the `language` column.

    name: the polyglot/CLD2-style English name written to the column.
    code: the fastText lid.176 label (without `__label__`) of the text the generator writes for it;
      "und" for `unknown` (short, garbled or mixed text that no detector should be held to).
    source: "wordfreq" (wordfreq.top_n_list) or "extra" (the vendored CLDR / stopwords-iso lists).
    key: the language code in that source (wordfreq `nb` for Norwegian, `fil` for Tagalog...).
    per_million: conversations per million.
    """

    name: str
    code: str
    source: str
    key: str
    per_million: int


_W, _X = "wordfreq", "extra"

# English is about three quarters; then Portuguese, Russian, Chinese, Spanish (Figure 2); the rest
# a long tail. 81 languages plus `unknown`.
LANGUAGES: tuple[LanguageSpec, ...] = (
    LanguageSpec("English", "en", _W, "en", 750_000),
    LanguageSpec("Portuguese", "pt", _W, "pt", 34_000),
    LanguageSpec("Russian", "ru", _W, "ru", 32_000),
    LanguageSpec("Chinese", "zh", _W, "zh", 30_000),
    LanguageSpec("Spanish", "es", _W, "es", 27_150),
    LanguageSpec("German", "de", _W, "de", 18_000),
    LanguageSpec("French", "fr", _W, "fr", 16_000),
    LanguageSpec("unknown", "und", "unknown", "und", 14_000),
    LanguageSpec("Italian", "it", _W, "it", 10_000),
    LanguageSpec("Japanese", "ja", _W, "ja", 8_000),
    LanguageSpec("Korean", "ko", _W, "ko", 6_000),
    LanguageSpec("Polish", "pl", _W, "pl", 4_500),
    LanguageSpec("Arabic", "ar", _W, "ar", 4_000),
    LanguageSpec("Vietnamese", "vi", _W, "vi", 3_500),
    LanguageSpec("Indonesian", "id", _W, "id", 3_500),
    LanguageSpec("Turkish", "tr", _W, "tr", 3_000),
    LanguageSpec("Dutch", "nl", _W, "nl", 3_000),
    LanguageSpec("Persian", "fa", _W, "fa", 2_500),
    LanguageSpec("Ukrainian", "uk", _W, "uk", 2_500),
    LanguageSpec("Czech", "cs", _W, "cs", 2_000),
    LanguageSpec("Hebrew", "he", _W, "he", 1_800),
    LanguageSpec("Swedish", "sv", _W, "sv", 1_600),
    LanguageSpec("Hungarian", "hu", _W, "hu", 1_500),
    LanguageSpec("Greek", "el", _W, "el", 1_400),
    LanguageSpec("Romanian", "ro", _W, "ro", 1_300),
    LanguageSpec("Finnish", "fi", _W, "fi", 1_200),
    LanguageSpec("Danish", "da", _W, "da", 1_100),
    LanguageSpec("Norwegian", "no", _W, "nb", 1_000),
    LanguageSpec("Bulgarian", "bg", _W, "bg", 1_000),
    LanguageSpec("Hindi", "hi", _W, "hi", 900),
    LanguageSpec("Thai", "th", _X, "th", 900),
    LanguageSpec("Malay", "ms", _W, "ms", 800),
    LanguageSpec("Catalan", "ca", _W, "ca", 700),
    LanguageSpec("Slovak", "sk", _W, "sk", 700),
    LanguageSpec("Lithuanian", "lt", _W, "lt", 600),
    LanguageSpec("Latvian", "lv", _W, "lv", 500),
    LanguageSpec("Slovenian", "sl", _W, "sl", 500),
    LanguageSpec("Croatian", "hr", _X, "hr", 500),
    LanguageSpec("Serbian", "sr", _X, "sr", 500),
    LanguageSpec("Bengali", "bn", _W, "bn", 400),
    LanguageSpec("Tamil", "ta", _W, "ta", 400),
    LanguageSpec("Urdu", "ur", _W, "ur", 400),
    LanguageSpec("Tagalog", "tl", _W, "fil", 400),
    LanguageSpec("Estonian", "et", _X, "et", 400),
    LanguageSpec("Macedonian", "mk", _W, "mk", 300),
    LanguageSpec("Icelandic", "is", _W, "is", 300),
    LanguageSpec("Galician", "gl", _X, "gl", 300),
    LanguageSpec("Basque", "eu", _X, "eu", 300),
    LanguageSpec("Esperanto", "eo", _X, "eo", 300),
    LanguageSpec("Afrikaans", "af", _X, "af", 200),
    LanguageSpec("Albanian", "sq", _X, "sq", 200),
    LanguageSpec("Azerbaijani", "az", _X, "az", 200),
    LanguageSpec("Georgian", "ka", _X, "ka", 200),
    LanguageSpec("Armenian", "hy", _X, "hy", 200),
    LanguageSpec("Kazakh", "kk", _X, "kk", 200),
    LanguageSpec("Mongolian", "mn", _X, "mn", 200),
    LanguageSpec("Nepali", "ne", _X, "ne", 200),
    LanguageSpec("Marathi", "mr", _X, "mr", 200),
    LanguageSpec("Telugu", "te", _X, "te", 200),
    LanguageSpec("Uzbek", "uz", _X, "uz", 150),
    LanguageSpec("Kannada", "kn", _X, "kn", 100),
    LanguageSpec("Malayalam", "ml", _X, "ml", 100),
    LanguageSpec("Gujarati", "gu", _X, "gu", 100),
    LanguageSpec("Punjabi", "pa", _X, "pa", 100),
    LanguageSpec("Sinhala", "si", _X, "si", 100),
    LanguageSpec("Khmer", "km", _X, "km", 100),
    LanguageSpec("Burmese", "my", _X, "my", 100),
    LanguageSpec("Amharic", "am", _X, "am", 100),
    LanguageSpec("Welsh", "cy", _X, "cy", 100),
    LanguageSpec("Irish", "ga", _X, "ga", 100),
    LanguageSpec("Belarusian", "be", _X, "be", 100),
    LanguageSpec("Kurdish", "ku", _X, "ku", 100),
    LanguageSpec("Pashto", "ps", _X, "ps", 100),
    LanguageSpec("Kyrgyz", "ky", _X, "ky", 100),
    LanguageSpec("Tajik", "tg", _X, "tg", 100),
    LanguageSpec("Tatar", "tt", _X, "tt", 100),
    LanguageSpec("Maltese", "mt", _X, "mt", 100),
    LanguageSpec("Luxembourgish", "lb", _X, "lb", 100),
    LanguageSpec("Yiddish", "yi", _X, "yi", 100),
    LanguageSpec("Frisian", "fy", _X, "fy", 100),
    LanguageSpec("Scottish Gaelic", "gd", _X, "gd", 100),
    LanguageSpec("Breton", "br", _X, "br", 100),
)

assert sum(m.per_million for m in MODELS) == 1_000_000
assert sum(lang.per_million for lang in LANGUAGES) == 1_000_000

LANGUAGE_CODES: dict[str, str] = {spec.name: spec.code for spec in LANGUAGES}
"""`language` column name -> fastText lid.176 label of the planted text ("und" for unknown)."""

UNKNOWN_LANGUAGE = "unknown"

# --- turns -----------------------------------------------------------------------------------
# turn = 1 with probability P_SINGLE_TURN; otherwise 2 + floor(lognormal(mu, sigma)), capped.
# Gives a mean near 2.0 turns and a tail past 20 up to MAX_TURNS.
P_SINGLE_TURN = 0.70
TURN_TAIL_MU = 0.44
TURN_TAIL_SIGMA = 1.10
MAX_TURNS = 100

# --- tokens per message (cl100k_base) -----------------------------------------------------------
# Targets for the prose of a message; the planted counts are the real counts of the text.
# User: lognormal with mean about 69.5 and std about 143 (the paper; WildChat's recount).
USER_TOKENS_MU = 3.27
USER_TOKENS_SIGMA = 1.29
USER_TOKENS_MAX = 24_000
# Assistant: a lognormal body plus a rare tail of very long responses, for a mean about 214.5
# and a standard deviation of the order of 1,858.
ASSISTANT_TOKENS_MU = 4.714
ASSISTANT_TOKENS_SIGMA = 0.95
ASSISTANT_TAIL_SHARE = 0.00008
ASSISTANT_TAIL_MIN = 40_000
ASSISTANT_TAIL_MAX = 300_000

# --- moderation (Table 2) ----------------------------------------------------------------------
FLAGGED_PER_MILLION = 54_427
CATEGORY_CONVERSATIONS: dict[str, int] = {
    "sexual": 33_968,
    "harassment": 21_167,
    "violence": 9_499,
    "hate": 3_591,
    "self-harm": 863,
}
assert tuple(CATEGORY_CONVERSATIONS) == CATEGORIES
# A flagged conversation gets one primary category (these probabilities) and each other category
# with probability SECONDARY[c]; marginals then match Table 2's shares of 54,427.
PRIMARY_CATEGORY: dict[str, float] = {
    "sexual": 0.55,
    "harassment": 0.28,
    "violence": 0.11,
    "hate": 0.048,
    "self-harm": 0.012,
}
SECONDARY_CATEGORY: dict[str, float] = {
    category: (CATEGORY_CONVERSATIONS[category] / FLAGGED_PER_MILLION - PRIMARY_CATEGORY[category])
    / (1.0 - PRIMARY_CATEGORY[category])
    for category in CATEGORIES
}
# Share of flagged (message, category) pairs expressed by a sub-key alone (parent key false), to
# exercise the roll-up of `hate/threatening` into `hate`.
SUBKEY_ONLY_SHARE = 0.08

# --- realistic mess in clean rows --------------------------------------------------------------
REDACTED_SHARE = 0.03
NON_ALTERNATING_SHARE = 0.004  # two user messages in a row (turn >= 2 only)
TRAILING_USER_SHARE = 0.006  # one more user message after the last answer (odd length)
SHORT_MODERATION_SHARE = 0.006  # openai_moderation shorter than the conversation (unflagged only)
EMPTY_ASSISTANT_SHARE = 0.004
NULL_ASSISTANT_SHARE = 0.0006
EMPTY_USER_SHARE = 0.002  # never the first message
ENDOFTEXT_SHARE = 0.002  # assistant messages containing <|endoftext|>
EMOJI_SHARE = 0.02
# English conversations get a topic (topics.TOPIC_WEIGHTS: 32% in the five coding topics, 7% in the
# two templated ones, whose prompts all come from fixed templates); in a coding one:
USER_CODE_SHARE = 0.3  # user messages of a coding conversation that paste code
ASSISTANT_CODE_SHARE = 0.55  # assistant answers of a coding conversation with a code block
