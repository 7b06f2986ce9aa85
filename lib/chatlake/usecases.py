"""The paper's use-case datasets (section 4) as gold selections: ids and the fields that explain
each selection, never the text (`chatlake export NAME` joins bronze for the messages).

Pure transforms; `chatlake.aggregate` calls `usecase_tables` with silver conversations and the
`moderated_messages` of a few conversations only: those with a flagged user message (every
jailbreak attempt, every flagged user message) and a small fixed sample without one
(`training_sample`). Reading the moderation scores of every bronze message instead cost half of
aggregate's time at 100K conversations. No text is read: silver's `text_key` (enrichment's key of
each user message's normalised text) is what the deduplication compares.

Definitions:
- `high_quality` (section 4.3, HighQuality): the conversations of `exports.high_quality_models`
  (the OpenAI and Anthropic models of LMSYS-Chat-1M by default);
- a jailbreak attempt is a conversation with a flagged user message (silver `user_flagged`, as
  `chatlake.aggregate.jailbreak_by_model` counts them); a message's score is the highest of its
  11 moderation scores, and its `top_category` the top-level category of that score;
- `safety_benchmark` (section 4.2): the `safety_models` models with the most attempts (ties: by
  name), and for each its `safety_per_model` attempts with the highest user-message score (ties:
  by conversation id), with each attempt's responses (assistant messages) and flagged ones, and
  the model's rate of flagged responses over its selected attempts;
- `moderation_training` (section 4.1): per top-level category, the `training_per_category`
  flagged user messages (moderation `flagged`, and a key of the category true) with the highest
  score in that category (the highest of its keys' scores), plus `training_unflagged` unflagged
  user messages (moderation `flagged` false) of the sample, in the order of the sha-256 of their
  conversation id, then position. Texts are deduplicated on their normalised form, as repetition
  compares first prompts (`chatlake.text.prompts`: case, whitespace and punctuation ignored;
  before ranking, so a category gets that many distinct texts): a text in several categories'
  tops is one row listing them, with its highest score, and stands for the message that has that
  score (ties: the smallest conversation id, then position). A message whose text normalises to
  nothing (none, emoji or punctuation only) is never selected; one without a moderation entry is
  neither flagged nor unflagged.
"""

from __future__ import annotations

from functools import reduce

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from chatlake.config import ExportSettings
from chatlake.sampling import sample_conversations
from chatlake.schema import CATEGORIES, MODERATION_KEYS, category_of
from chatlake.tables import category_column, flag_column

# The unflagged sample holds this many conversations per unflagged message wanted: most have one
# user message or more, and some repeat another's text.
SAMPLE_FACTOR = 4


def score_column(category: str) -> str:
    """`self-harm` -> `score_self_harm`."""
    return f"score_{category_column(category)}"


def training_sample(conversations_df: DataFrame, n: int) -> DataFrame:
    """The `n` conversations without a flagged user message with the smallest sha-256 of their
    id (`chatlake.sampling`). Input: silver conversations (`conversation_id`, `user_flagged`).
    Output: conversation_id."""
    unflagged_df = conversations_df.filter(~F.coalesce(F.col("user_flagged"), F.lit(False)))
    return sample_conversations(unflagged_df.select("conversation_id"), n)


def moderation_candidates(conversations_df: DataFrame, sample_df: DataFrame) -> DataFrame:
    """The conversations whose messages the selections read: those with a flagged user message,
    and the sample. Input: silver conversations (`conversation_id`, `user_flagged`),
    `training_sample` output. Output: conversation_id (distinct)."""
    flagged_df = conversations_df.filter(F.col("user_flagged")).select("conversation_id")
    return flagged_df.unionByName(sample_df.select("conversation_id")).distinct()


def moderated_messages(moderation_df: DataFrame, messages_df: DataFrame) -> DataFrame:
    """One row per message, with its moderation entry's flags and scores (by position).

    Input: bronze (`conversation_id`, `openai_moderation`) and silver messages
    (`conversation_id`, `message_index`, `role`, `text_key`), both already restricted to the
    conversations wanted. Output columns: conversation_id, message_index, role, is_flagged (null
    without a moderation entry), max_score (the highest of the 11 scores), top_category (the
    category of max_score), text_key (silver's: the key of a user message's normalised text, null
    for other roles, whose text no selection compares), then per category flagged_<category> (a key
    of it true) and score_<category> (the highest of its keys' scores).
    """
    entries_df = moderation_df.select("conversation_id", F.posexplode("openai_moderation").alias("_index", "entry"))
    entries_df = entries_df.select("conversation_id", F.col("_index").cast("int").alias("message_index"), "entry")
    joined_df = messages_df.select(
        "conversation_id", F.col("message_index").cast("int").alias("message_index"), "role", "text_key"
    ).join(entries_df, on=["conversation_id", "message_index"], how="left")
    entry = F.col("entry")
    has_entry = entry.isNotNull()

    def field(column: Column) -> Column:
        # Guarded: the embedded engine reads the fields of a null struct as false and 0.0.
        return F.when(has_entry, column)

    scores, categories = entry["category_scores"], entry["categories"]
    per_category = {c: [k for k in MODERATION_KEYS if category_of(k) == c] for c in CATEGORIES}
    flags = {c: reduce(Column.__or__, [F.coalesce(categories[k], F.lit(False)) for k in keys])
             for c, keys in per_category.items()}
    category_scores = {c: field(F.greatest(*[scores[k] for k in keys])) for c, keys in per_category.items()}
    max_score = F.greatest(*category_scores.values())
    top_category = F.coalesce(*[F.when(s == max_score, F.lit(c)) for c, s in category_scores.items()])
    return joined_df.select(
        "conversation_id", "message_index", "role",
        field(entry["flagged"]).alias("is_flagged"),
        max_score.alias("max_score"),
        top_category.alias("top_category"),
        F.when(F.col("role") == "user", F.col("text_key")).alias("text_key"),
        *[field(flags[c]).alias(flag_column(c)) for c in CATEGORIES],
        *[category_scores[c].alias(score_column(c)) for c in CATEGORIES],
    )


# --- the selections -----------------------------------------------------------------------------


def high_quality(conversations_df: DataFrame, models: tuple[str, ...] | list[str]) -> DataFrame:
    """The conversations of `models`. Input: silver conversations (`conversation_id`, `model`).
    Output columns: conversation_id, model."""
    return conversations_df.filter(F.col("model").isin(list(models))).select("conversation_id", "model")


def safety_benchmark(conversations_df: DataFrame, messages_df: DataFrame, models: int, per_model: int) -> DataFrame:
    """The top attempts of the models with the most attempts (module docstring).

    Input: silver conversations (`conversation_id`, `model`, `user_flagged`) and
    `moderated_messages` output (`conversation_id`, `message_index`, `role`, `is_flagged`,
    `max_score`, `top_category`) covering every attempt. Output columns: model_rank, model,
    model_attempts, rank, conversation_id, max_user_score, top_category, responses,
    flagged_responses, model_flagged_response_rate (flagged responses / responses over the
    model's selected attempts; null without a response).
    """
    attempts_df = conversations_df.filter(F.col("user_flagged")).select("conversation_id", "model")
    by_attempts = Window.orderBy(F.desc("model_attempts"), F.asc("model"))
    models_df = attempts_df.groupBy("model").agg(F.count(F.lit(1)).alias("model_attempts")).withColumn(
        "model_rank", F.row_number().over(by_attempts)).filter(F.col("model_rank") <= models)
    is_user, is_assistant = F.col("role") == "user", F.col("role") == "assistant"
    by_score = Window.partitionBy("conversation_id").orderBy(F.desc_nulls_last("max_score"), "message_index")
    top_prompt_df = messages_df.filter(is_user).withColumn("_order", F.row_number().over(by_score)).filter(
        F.col("_order") == 1).select("conversation_id", F.col("max_score").alias("max_user_score"), "top_category")
    responses_df = messages_df.groupBy("conversation_id").agg(
        F.count(F.when(is_assistant, 1)).alias("responses"),
        F.count(F.when(is_assistant & F.coalesce(F.col("is_flagged"), F.lit(False)), 1)).alias("flagged_responses"),
    )
    ranked_df = (
        attempts_df.join(F.broadcast(models_df), on="model", how="inner")
        .join(top_prompt_df, on="conversation_id", how="left")
        .join(responses_df, on="conversation_id", how="left")
        .withColumn("rank", F.row_number().over(
            Window.partitionBy("model").orderBy(F.desc_nulls_last("max_user_score"), "conversation_id")))
        .filter(F.col("rank") <= per_model)
    )
    per_model_window = Window.partitionBy("model")
    responses = F.sum("responses").over(per_model_window)
    return ranked_df.select(
        F.col("model_rank").cast("int").alias("model_rank"), "model", "model_attempts",
        F.col("rank").cast("int").alias("rank"), "conversation_id", "max_user_score", "top_category",
        F.coalesce(F.col("responses"), F.lit(0)).alias("responses"),
        F.coalesce(F.col("flagged_responses"), F.lit(0)).alias("flagged_responses"),
        F.when(responses > 0, F.sum("flagged_responses").over(per_model_window) / responses)
        .alias("model_flagged_response_rate"),
    )


def _best_per_text(candidates_df: DataFrame, partition: list[str], order: list[Column]) -> DataFrame:
    """The first row of each `partition` (which holds `text_key`) in `order`."""
    window = Window.partitionBy(*partition).orderBy(*order)
    return candidates_df.withColumn("_first", F.row_number().over(window)).filter(F.col("_first") == 1).drop("_first")


def moderation_training(messages_df: DataFrame, sample_df: DataFrame, per_category: int, unflagged: int) -> DataFrame:
    """The flagged user messages with the top scores per category and a sample of unflagged ones,
    deduplicated on their text (module docstring).

    Input: `moderated_messages` output covering every conversation with a flagged user message
    and the sample; `training_sample` output. Output columns: conversation_id, message_index,
    categories (sorted; empty for an unflagged message), score (the highest: of the categories'
    scores, or max_score for an unflagged message), flagged (categories not empty).
    """
    prompts_df = messages_df.filter((F.col("role") == "user") & F.col("text_key").isNotNull())
    best_first = [F.desc("score"), F.asc("conversation_id"), F.asc("message_index")]
    flagged_df = reduce(DataFrame.unionByName, [
        prompts_df.filter(F.col("is_flagged") & F.col(flag_column(c))).select(
            "conversation_id", "message_index", "text_key", F.lit(c).alias("category"),
            F.col(score_column(c)).alias("score"))
        for c in CATEGORIES
    ])
    by_category = Window.partitionBy("category").orderBy(*best_first, "text_key")
    tops_df = _best_per_text(flagged_df, ["category", "text_key"], best_first).withColumn(
        "_rank", F.row_number().over(by_category)).filter(F.col("_rank") <= per_category).drop("_rank")
    sampled_df = prompts_df.filter(F.col("is_flagged") == F.lit(False)).join(
        F.broadcast(sample_df), on="conversation_id", how="left_semi").select(
        "conversation_id", "message_index", "text_key", F.lit(None).cast("string").alias("category"),
        F.col("max_score").alias("score"), F.sha2(F.col("conversation_id"), 256).alias("_hash"))
    in_sample_order = [F.asc("_hash"), F.asc("conversation_id"), F.asc("message_index")]
    unflagged_df = _best_per_text(sampled_df, ["text_key"], in_sample_order).withColumn(
        "_rank", F.row_number().over(Window.orderBy(*in_sample_order))).filter(
        F.col("_rank") <= unflagged).drop("_rank", "_hash")
    # The categories as a window aggregate, not a group-by joined back: the embedded engine cannot
    # hash the array column such a join carries.
    per_text = Window.partitionBy("text_key")
    # (and it gives null, not [], for a text with no category).
    categories = F.coalesce(F.collect_set("category").over(per_text), F.array().cast("array<string>"))
    selected_df = tops_df.unionByName(unflagged_df).withColumn("categories", F.array_sort(categories))
    return _best_per_text(selected_df, ["text_key"], best_first).select(
        "conversation_id", "message_index", "categories", "score", (F.size("categories") > 0).alias("flagged"))


def usecase_tables(conversations_df: DataFrame, messages_df: DataFrame, sample_df: DataFrame,
                   settings: ExportSettings) -> dict[str, DataFrame]:
    """The three selection gold tables, by name. `messages_df`: `moderated_messages` of
    `moderation_candidates`; `sample_df`: `training_sample` output."""
    return {
        "high_quality": high_quality(conversations_df, settings.high_quality_models),
        "safety_benchmark": safety_benchmark(
            conversations_df, messages_df, settings.safety_models, settings.safety_per_model),
        "moderation_training": moderation_training(
            messages_df, sample_df, settings.training_per_category, settings.training_unflagged),
    }
