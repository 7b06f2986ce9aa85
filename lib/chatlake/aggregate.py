"""Statistics: the silver tables -> one small `gold/*` table per statistic of the paper.

Every statistic is a pure transform of the silver DataFrames; `aggregate` reads silver, runs
them all and overwrites the gold tables (they are small and always recomputed whole), each with
a `_run_id` column naming the run that wrote it.

Definitions (the paper's, where it gives one):
- a prompt is a user message, a response an assistant message; token averages are per message
  over all prompts / all responses (Table 1);
- a conversation is flagged when any of its messages is flagged; in a category when any
  message has a key of that category (sub-keys roll up to their parent) (Table 2);
- a jailbreak attempt is a conversation with a flagged user message; a success is an attempt
  with a flagged assistant message as well; rates carry 95% Wilson score intervals;
- the released data has no user id, so the number of users is "not in the data", never a guess.

The repetition tables (`chatlake.repetition`) count repeats on silver's `first_prompt_key`. The
use-case selections of section 4 (`gold/high_quality`, `gold/safety_benchmark`,
`gold/moderation_training`, when `exports.enabled`) are `chatlake.usecases`': they read the
moderation scores of bronze for the few conversations with a flagged user message and a small
sample only, and no text (silver's `text_key` deduplicates). Bronze's text is read for the
repeated prompts' examples only (with near-duplicates on, for the first prompt of every
conversation).

The topic clusters of Figure 3 (`gold/topic_clusters`, `gold/topic_assignments`) are the other
stage of the aggregate job, `chatlake.topics` (the runner runs both, as one unit).
"""

from __future__ import annotations

import logging
from functools import reduce

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from chatlake.config import ExportSettings, PrivacySettings, RepetitionSettings
from chatlake.languages_depth import language_tag_trust, languages_in_depth
from chatlake.privacy import min_repeated_conversations
from chatlake.repetition import (
    EXAMPLE_CHARS,
    first_prompts,
    near_duplicate_pairs,
    repeated_prompt_counts,
    repetition_tables,
)
from chatlake.results import RunInfo, StageResult, Steps
from chatlake.schema import CATEGORIES
from chatlake.storage import Storage
from chatlake.tables import (
    ALL_MODELS,
    BRONZE,
    CONVERSATIONS,
    GOLD_BY_NAME,
    MESSAGES,
    category_column,
    flag_column,
    gold,
    parse_counter,
)
from chatlake.text.languages import LANGUAGE_NAMES, code_to_name
from chatlake.usecases import (
    SAMPLE_FACTOR,
    moderated_messages,
    moderation_candidates,
    training_sample,
    usecase_tables,
)

log = logging.getLogger(__name__)

TOP_LANGUAGES = 25
# First user messages shorter than this are too short for a reliable language ID comparison.
LONG_PROMPT_CHARS = 50
WILSON_Z = 1.959963984540054
QUANTILES = (0.5, 0.9, 0.99, 0.999)
# Histogram bin edges for token counts: 0, then powers of two up to 2^20.
TOKEN_BIN_EDGES = [0] + [2**k for k in range(21)]
USERS_NOT_IN_DATA = "not in the data"


def wilson_interval(successes: Column, trials: Column, z: float = WILSON_Z) -> tuple[Column, Column]:
    """The 95% Wilson score interval (low, high) of successes/trials; null when trials is 0."""
    n = trials.cast("double")
    p = successes.cast("double") / n
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half_width = z * F.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    valid = trials > 0
    return F.when(valid, centre - half_width), F.when(valid, centre + half_width)


def language_name(code: Column) -> Column:
    """English name of a lid.176 code (`pt` -> `Portuguese`), from a literal map: no UDF."""
    codes = sorted(set(LANGUAGE_NAMES.values()))
    names = F.create_map(*[F.lit(x) for c in codes for x in (c, code_to_name(c))])
    return F.coalesce(names[code], code)


def _share(count: Column, total: Column) -> Column:
    return F.when(total > 0, count.cast("double") / total)


# --- Table 1 ------------------------------------------------------------------------------------


def basic_stats(conversations_df: DataFrame, messages_df: DataFrame, counters: list[str]) -> DataFrame:
    """The paper's Table 1 row, one row per token counter.

    Input: silver conversations (`conversation_id`, `model`, `turns`, `language_name`,
    `first_user_lang`) and silver messages (`role`, `tokens_<counter>`).
    Output columns: counter, conversations, models, users, languages_released,
    languages_fasttext, avg_turns, prompts, avg_prompt_tokens, std_prompt_tokens, responses,
    avg_response_tokens, std_response_tokens.
    """
    per_conversation_df = conversations_df.agg(
        F.count(F.lit(1)).alias("conversations"),
        F.countDistinct("model").alias("models"),
        F.countDistinct(F.when(F.lower("language_name") != "unknown", F.col("language_name")))
        .alias("languages_released"),
        F.countDistinct(F.when(F.col("first_user_lang") != "und", F.col("first_user_lang")))
        .alias("languages_fasttext"),
        F.avg("turns").alias("avg_turns"),
    )
    rows = []
    for counter in counters:
        tokens = F.col(parse_counter(counter).tokens)
        is_user, is_assistant = F.col("role") == "user", F.col("role") == "assistant"
        per_message_df = messages_df.agg(
            F.count(F.when(is_user, 1)).alias("prompts"),
            F.avg(F.when(is_user, tokens)).alias("avg_prompt_tokens"),
            F.stddev_samp(F.when(is_user, tokens)).alias("std_prompt_tokens"),
            F.count(F.when(is_assistant, 1)).alias("responses"),
            F.avg(F.when(is_assistant, tokens)).alias("avg_response_tokens"),
            F.stddev_samp(F.when(is_assistant, tokens)).alias("std_response_tokens"),
        ).withColumn("counter", F.lit(counter))
        rows.append(per_message_df)
    per_counter_df = reduce(DataFrame.unionByName, rows)
    return per_counter_df.crossJoin(per_conversation_df).select(
        "counter",
        "conversations",
        "models",
        F.lit(USERS_NOT_IN_DATA).alias("users"),
        "languages_released",
        "languages_fasttext",
        "avg_turns",
        "prompts",
        "avg_prompt_tokens",
        "std_prompt_tokens",
        "responses",
        "avg_response_tokens",
        "std_response_tokens",
    )


# --- Figures 1 and 2 ----------------------------------------------------------------------------


def conversations_per_model(conversations_df: DataFrame) -> DataFrame:
    """Figure 1. Output columns: rank, model, conversations, share (of all conversations)."""
    counts_df = conversations_df.groupBy("model").agg(F.count(F.lit(1)).alias("conversations"))
    total = F.sum("conversations").over(Window.partitionBy())
    ranking = Window.orderBy(F.desc("conversations"), F.asc("model"))
    return counts_df.select(
        F.row_number().over(ranking).alias("rank"), "model", "conversations",
        _share(F.col("conversations"), total).alias("share"),
    )


def _ranked_languages(conversations_df: DataFrame, language: str, prefix: str) -> DataFrame:
    counts_df = conversations_df.groupBy(language).agg(F.count(F.lit(1)).alias("conversations"))
    total = F.sum("conversations").over(Window.partitionBy())
    ranking = Window.orderBy(F.desc("conversations"), F.asc(language))
    return counts_df.select(
        F.row_number().over(ranking).alias("rank"),
        F.col(language).alias(f"{prefix}_language"),
        F.col("conversations").alias(f"{prefix}_conversations"),
        _share(F.col("conversations"), total).alias(f"{prefix}_share"),
    ).filter(F.col("rank") <= TOP_LANGUAGES)


def top_languages(conversations_df: DataFrame) -> DataFrame:
    """Figure 2, by the released `language` name and by fastText on the first user message,
    side by side by rank.

    Output columns: rank, released_language, released_conversations, released_share,
    fasttext_language (lid.176 code), fasttext_name, fasttext_conversations, fasttext_share.
    """
    released_df = _ranked_languages(conversations_df, "language_name", "released")
    fasttext_df = _ranked_languages(conversations_df, "first_user_lang", "fasttext")
    joined_df = released_df.join(fasttext_df, on="rank", how="full")
    return joined_df.select(
        "rank",
        "released_language",
        "released_conversations",
        "released_share",
        "fasttext_language",
        language_name(F.col("fasttext_language")).alias("fasttext_name"),
        "fasttext_conversations",
        "fasttext_share",
    )


# --- Table 2 and the jailbreak table ------------------------------------------------------------


def _any_flag(category: str) -> Column:
    column = flag_column(category)
    return F.col(f"user_{column}") | F.col(f"assistant_{column}")


def moderation_by_category(conversations_df: DataFrame) -> DataFrame:
    """Table 2: flagged conversations, overall (model `(all)`) and per model.

    Input columns: `model`, `user_flagged`, `assistant_flagged`, `user_flagged_<category>`,
    `assistant_flagged_<category>`. Output columns: model, conversations, flagged,
    flagged_share, then one count per category (sexual, harassment, violence, hate, self_harm;
    they overlap).
    """
    counts = [
        F.count(F.lit(1)).alias("conversations"),
        F.count(F.when(F.col("user_flagged") | F.col("assistant_flagged"), 1)).alias("flagged"),
        *[F.count(F.when(_any_flag(c), 1)).alias(category_column(c)) for c in CATEGORIES],
    ]
    overall_df = conversations_df.agg(*counts).withColumn("model", F.lit(ALL_MODELS))
    per_model_df = conversations_df.groupBy("model").agg(*counts)
    return overall_df.unionByName(per_model_df).select(
        "model",
        "conversations",
        "flagged",
        _share(F.col("flagged"), F.col("conversations")).alias("flagged_share"),
        *[category_column(c) for c in CATEGORIES],
    )


def jailbreak_by_model(conversations_df: DataFrame) -> DataFrame:
    """The jailbreak table: per model (and `(all)`), attempts and successes with Wilson intervals.

    Input columns: `model`, `user_flagged`, `assistant_flagged`. Output columns: model,
    conversations, attempts, successes, attempt_rate (attempts/conversations), attempt_rate_low,
    attempt_rate_high, success_rate (successes/attempts), success_rate_low, success_rate_high.
    """
    counts = [
        F.count(F.lit(1)).alias("conversations"),
        F.count(F.when(F.col("user_flagged"), 1)).alias("attempts"),
        F.count(F.when(F.col("user_flagged") & F.col("assistant_flagged"), 1)).alias("successes"),
    ]
    counts_df = conversations_df.groupBy("model").agg(*counts).unionByName(
        conversations_df.agg(*counts).withColumn("model", F.lit(ALL_MODELS))
    )
    attempt_low, attempt_high = wilson_interval(F.col("attempts"), F.col("conversations"))
    success_low, success_high = wilson_interval(F.col("successes"), F.col("attempts"))
    return counts_df.select(
        "model",
        "conversations",
        "attempts",
        "successes",
        _share(F.col("attempts"), F.col("conversations")).alias("attempt_rate"),
        attempt_low.alias("attempt_rate_low"),
        attempt_high.alias("attempt_rate_high"),
        _share(F.col("successes"), F.col("attempts")).alias("success_rate"),
        success_low.alias("success_rate_low"),
        success_high.alias("success_rate_high"),
    )


# --- distributions ------------------------------------------------------------------------------


def turns_distribution(conversations_df: DataFrame) -> DataFrame:
    """Conversations per number of turns. Output: turns, conversations, share, cumulative_share."""
    counts_df = conversations_df.groupBy("turns").agg(F.count(F.lit(1)).alias("conversations"))
    everything = Window.partitionBy()
    running = Window.orderBy("turns").rowsBetween(Window.unboundedPreceding, Window.currentRow)
    total = F.sum("conversations").over(everything)
    return counts_df.select(
        "turns",
        "conversations",
        _share(F.col("conversations"), total).alias("share"),
        _share(F.sum("conversations").over(running), total).alias("cumulative_share"),
    )


def token_quantiles(messages_df: DataFrame, counters: list[str]) -> DataFrame:
    """Tokens per prompt and per response. Output: counter, role, messages, mean, min, p50, p90,
    p99, p999, max (exact quantiles)."""
    frames = []
    for counter in counters:
        tokens = F.col(parse_counter(counter).tokens)
        frames.append(
            messages_df.filter(F.col("role").isin("user", "assistant"))
            .groupBy(F.when(F.col("role") == "user", "prompt").otherwise("response").alias("role"))
            .agg(F.count(F.lit(1)).alias("messages"), F.avg(tokens).alias("mean"), F.min(tokens).alias("min"),
                 *_quantiles(tokens, QUANTILES), F.max(tokens).alias("max"))
            .withColumn("counter", F.lit(counter))
        )
    return reduce(DataFrame.unionByName, frames).select(
        "counter", "role", "messages", "mean", "min", *[_quantile_name(q) for q in QUANTILES], "max"
    )


def _quantile_name(q: float) -> str:
    """0.5 -> p50, 0.999 -> p999."""
    return "p" + f"{q:.3f}".split(".")[1].rstrip("0").ljust(2, "0")


def _quantiles(values: Column, quantiles: tuple[float, ...]) -> list[Column]:
    """Exact quantiles (linear interpolation), one column each.

    Exact rather than percentile_approx: the approximation is a value of the column on the JVM
    engines and an interpolated t-digest estimate on the embedded engine, so the same data gave
    different gold tables. One call per quantile: the embedded engine takes no array of them.
    """
    return [F.percentile(values, q).alias(_quantile_name(q)) for q in quantiles]


def _token_bin(tokens: Column) -> Column:
    """Index of the histogram bin of a token count: [0,1), [1,2), [2,4), ... [2^19, 2^20), [2^20, inf)."""
    return F.when(tokens <= 0, 0).otherwise(F.floor(F.log2(tokens)).cast("int") + 1)


def token_histogram(messages_df: DataFrame, counters: list[str]) -> DataFrame:
    """Prompts and responses per token-count bin (log2 bins). Output: counter, role, bin,
    tokens_low, tokens_high (exclusive; null for the last bin), messages."""
    frames = []
    for counter in counters:
        tokens = F.col(parse_counter(counter).tokens)
        frames.append(
            messages_df.filter(F.col("role").isin("user", "assistant"))
            .groupBy(
                F.when(F.col("role") == "user", "prompt").otherwise("response").alias("role"),
                F.least(_token_bin(tokens), F.lit(len(TOKEN_BIN_EDGES) - 1)).alias("bin"),
            )
            .agg(F.count(F.lit(1)).alias("messages"))
            .withColumn("counter", F.lit(counter))
        )
    edges = F.array(*[F.lit(e) for e in TOKEN_BIN_EDGES])
    return reduce(DataFrame.unionByName, frames).select(
        "counter", "role", "bin",
        F.get(edges, F.col("bin")).cast("long").alias("tokens_low"),
        F.get(edges, F.col("bin") + 1).cast("long").alias("tokens_high"),
        "messages",
    )


def response_length_by_model(messages_df: DataFrame, conversations_df: DataFrame, counter: str) -> DataFrame:
    """Response tokens per model. Output: model, responses, mean, p50, p90, p99 (primary counter)."""
    tokens = F.col(parse_counter(counter).tokens)
    responses_df = messages_df.filter(F.col("role") == "assistant").join(
        conversations_df.select("conversation_id", "model"), on="conversation_id", how="inner"
    )
    return responses_df.groupBy("model").agg(
        F.count(F.lit(1)).alias("responses"), F.avg(tokens).alias("mean"), *_quantiles(tokens, (0.5, 0.9, 0.99))
    )


def language_by_model(conversations_df: DataFrame) -> DataFrame:
    """Conversations per model and released language name. Output: model, language, conversations,
    share (of the model's conversations)."""
    counts_df = conversations_df.groupBy("model", F.col("language_name").alias("language")).agg(
        F.count(F.lit(1)).alias("conversations")
    )
    per_model = F.sum("conversations").over(Window.partitionBy("model"))
    return counts_df.select(
        "model", "language", "conversations", _share(F.col("conversations"), per_model).alias("share")
    )


def language_agreement(conversations_df: DataFrame) -> DataFrame:
    """Released language name versus fastText on the first user message, for the top languages.

    Output: language_name, language_code, conversations, agreeing, agreement_rate, and the same
    for conversations whose first user message has at least 50 characters (`*_long`).
    """
    is_long = F.col("first_user_chars") >= LONG_PROMPT_CHARS
    agrees = F.col("language_agrees")
    counts_df = conversations_df.groupBy("language_name", "language_code").agg(
        F.count(F.lit(1)).alias("conversations"),
        F.count(F.when(agrees, 1)).alias("agreeing"),
        F.count(F.when(is_long, 1)).alias("conversations_long"),
        F.count(F.when(is_long & agrees, 1)).alias("agreeing_long"),
    )
    ranking = Window.orderBy(F.desc("conversations"), F.asc("language_name"))
    return counts_df.withColumn("rank", F.row_number().over(ranking)).filter(F.col("rank") <= TOP_LANGUAGES).select(
        "rank", "language_name", "language_code",
        "conversations", "agreeing", _share(F.col("agreeing"), F.col("conversations")).alias("agreement_rate"),
        "conversations_long", "agreeing_long",
        _share(F.col("agreeing_long"), F.col("conversations_long")).alias("agreement_rate_long"),
    )


def redaction(conversations_df: DataFrame) -> DataFrame:
    """Output: conversations, redacted, redacted_share, name_placeholders (NAME_k occurrences)."""
    return conversations_df.agg(
        F.count(F.lit(1)).alias("conversations"),
        F.count(F.when(F.col("redacted"), 1)).alias("redacted"),
        F.sum("name_placeholders").cast("long").alias("name_placeholders"),
    ).select("conversations", "redacted", _share(F.col("redacted"), F.col("conversations")).alias("redacted_share"),
             "name_placeholders")


# --- the job ------------------------------------------------------------------------------------


def gold_tables(conversations_df: DataFrame, messages_df: DataFrame, counters: list[str]) -> dict[str, DataFrame]:
    """Every gold table, by name (`gold/<name>`), from the silver tables."""
    return {
        "basic_stats": basic_stats(conversations_df, messages_df, counters),
        "conversations_per_model": conversations_per_model(conversations_df),
        "top_languages": top_languages(conversations_df),
        "moderation_by_category": moderation_by_category(conversations_df),
        "jailbreak_by_model": jailbreak_by_model(conversations_df),
        "turns_distribution": turns_distribution(conversations_df),
        "token_quantiles": token_quantiles(messages_df, counters),
        "token_histogram": token_histogram(messages_df, counters),
        "response_length_by_model": response_length_by_model(messages_df, conversations_df, counters[0]),
        "language_by_model": language_by_model(conversations_df),
        "language_agreement": language_agreement(conversations_df),
        "redaction": redaction(conversations_df),
        "languages_in_depth": languages_in_depth(conversations_df, messages_df, counters),
        "language_tag_trust": language_tag_trust(conversations_df),
    }


def aggregate(
    storage: Storage, counters: list[str], run: RunInfo, repetition: RepetitionSettings | None = None,
    privacy: PrivacySettings | None = None,
    exports: ExportSettings | None = None,
) -> StageResult:
    """Overwrite every statistics gold table from silver (the topic tables are `chatlake.topics`'),
    and the use-case selections (`chatlake.usecases`) unless `exports.enabled` is false.

    `counters`: the token counter specs, primary first; `privacy`: which prompts
    gold/repeated_prompts may quote (`chatlake.privacy`). rows_in = silver conversations, rows_out =
    gold rows written; detail holds the rows per gold table.
    """
    steps = Steps("aggregate")
    conversations_df = storage.read(CONVERSATIONS)
    input_version = storage.version(CONVERSATIONS)
    tables = gold_tables(conversations_df, storage.read(MESSAGES), counters)
    repetition, exports = repetition or RepetitionSettings(), exports or ExportSettings()
    stage = lambda df, name: storage.stage(df, run.run_id, name)  # noqa: E731
    rows = {}
    try:
        # Repeats are counted on silver's keys; bronze's text is read only for what is shown (the
        # examples of the listed prompts) and, with near-duplicates on, for every first prompt.
        with steps.step("repeated first prompts") as step:
            floor = min_repeated_conversations(privacy or PrivacySettings())
            counts_df = stage(repeated_prompt_counts(conversations_df, min_conversations=floor), "repeated_prompts")
            step.rows = counts_df.count()
        near_df = None
        if repetition.near_duplicates:
            # Near-duplicates compare the text of every first prompt: read once and staged.
            with steps.step("first prompts"):
                prompts_df = stage(first_prompts(storage.read(BRONZE)).withColumn(
                    "prompt", F.substring("prompt", 1, EXAMPLE_CHARS)), "first_prompts")
            # Three gold tables read the pairs: found once and staged.
            with steps.step("near-duplicate pairs"):
                near_df = stage(near_duplicate_pairs(prompts_df, repetition, stage), "near_duplicates")
        else:
            # Staged: `first_prompts` reads its input twice, and bronze's text column is costly to scan.
            with steps.step("example conversations") as step:
                example_ids_df = F.broadcast(counts_df.select("conversation_id"))
                examples_df = stage(storage.read(BRONZE).select("conversation_id", "model", "conversation").join(
                    example_ids_df, on="conversation_id", how="left_semi"), "example_conversations")
                step.rows = examples_df.count()
            prompts_df = first_prompts(examples_df)
        tables |= repetition_tables(conversations_df, prompts_df, repetition, privacy, counts_df=counts_df,
                                    near_df=near_df)
        if exports.enabled:
            # The selections read the moderation entries of the candidates only: the conversations
            # are chosen on silver's flags before any entry is exploded, and no text is read.
            with steps.step("moderated messages of the candidates") as step:
                sample_df = stage(training_sample(conversations_df, exports.training_unflagged * SAMPLE_FACTOR),
                                  "training_sample")
                candidates_df = F.broadcast(moderation_candidates(conversations_df, sample_df))
                moderation_df = storage.read(BRONZE).select("conversation_id", "openai_moderation").join(
                    candidates_df, on="conversation_id", how="left_semi")
                candidate_messages_df = storage.read(MESSAGES).join(candidates_df, on="conversation_id",
                                                                    how="left_semi")
                messages_df = stage(moderated_messages(moderation_df, candidate_messages_df), "moderated_messages")
                step.rows = messages_df.count()
            tables |= usecase_tables(conversations_df, messages_df, sample_df, exports)
        unknown = sorted(set(tables) - set(GOLD_BY_NAME))
        if unknown:
            raise AssertionError(f"gold tables missing from chatlake.tables.GOLD_TABLES: {unknown}")
        for name, gold_df in tables.items():
            with steps.step(gold(name)) as step:
                step.rows = rows[name] = storage.overwrite_gold(gold_df, gold(name), run.run_id)
    finally:
        storage.drop_staging(run.run_id)
    return StageResult(
        rows_in=conversations_df.count(), rows_out=sum(rows.values()),
        input=storage.path(CONVERSATIONS), input_table_version=input_version,
        detail={"gold_rows": rows}, steps=steps.records(),
    )
