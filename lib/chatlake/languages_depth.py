"""Languages in depth and how far to trust the language tags (issue 13, items 2 and 4).

Pure transforms of the silver tables; `chatlake.aggregate.gold_tables` calls them.

Definitions:
- a conversation's language is fastText lid.176 on its first user message (`first_user_lang`);
  `und` is not a language and is never ranked;
- tokenizer tax: tokens per 1,000 characters, 1000 * sum(tokens) / sum(chars) over the prompts
  (user messages) and over the responses of the language's conversations (silver messages
  already carry `chars`, so nothing is added to enrich);
- a tag is unreliable when fastText says `und` or scores below `min_score` (default 0.5), or the
  released name maps to no code (`language_code` `und`: `unknown`, missing or unmapped);
- prompt-length bins are characters of the first user message, edges `LENGTH_BIN_EDGES` (fixed,
  the last bin open); short prompts have fewer than `SHORT_PROMPT_CHARS` characters.
"""

from __future__ import annotations

from functools import reduce

from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from chatlake.tables import parse_counter

TOP_DEPTH_LANGUAGES = 20
LENGTH_BIN_EDGES = (0, 20, 50, 100, 200, 500, 1000)
SHORT_PROMPT_CHARS = 50
MIN_FASTTEXT_SCORE = 0.5


def _share(count: Column, total: Column) -> Column:
    return F.when(total > 0, count.cast("double") / total)


def languages_in_depth(conversations_df: DataFrame, messages_df: DataFrame, counters: list[str],
                       top: int = TOP_DEPTH_LANGUAGES) -> DataFrame:
    """Per top fastText language and counter.

    Input: silver conversations (`conversation_id`, `first_user_lang`, `turns`, `user_flagged`,
    `assistant_flagged`, `redacted`) and silver messages (`conversation_id`, `role`, `chars`,
    `tokens_<counter>`). Output: counter, rank, language, conversations, avg_turns,
    flagged_share, redacted_share, prompts, avg_prompt_tokens, median_prompt_tokens, responses,
    avg_response_tokens, median_response_tokens, prompt_tokens_per_1k_chars,
    response_tokens_per_1k_chars.
    """
    per_language_df = conversations_df.filter(F.col("first_user_lang") != "und").groupBy(
        F.col("first_user_lang").alias("language")
    ).agg(
        F.count(F.lit(1)).alias("conversations"),
        F.avg("turns").alias("avg_turns"),
        F.count(F.when(F.col("user_flagged") | F.col("assistant_flagged"), 1)).alias("_flagged"),
        F.count(F.when(F.col("redacted"), 1)).alias("_redacted"),
    )
    ranking = Window.orderBy(F.desc("conversations"), F.asc("language"))
    top_df = per_language_df.withColumn("rank", F.row_number().over(ranking)).filter(F.col("rank") <= top)
    of_top_df = messages_df.filter(F.col("role").isin("user", "assistant")).join(
        conversations_df.select("conversation_id", F.col("first_user_lang").alias("language")),
        on="conversation_id", how="inner",
    ).join(F.broadcast(top_df.select("language")), on="language", how="inner")
    is_user, is_assistant = F.col("role") == "user", F.col("role") == "assistant"
    frames = []
    for counter in counters:
        tokens = F.col(parse_counter(counter).tokens)
        frames.append(of_top_df.groupBy("language").agg(
            F.count(F.when(is_user, 1)).alias("prompts"),
            F.avg(F.when(is_user, tokens)).alias("avg_prompt_tokens"),
            F.percentile(F.when(is_user, tokens), 0.5).alias("median_prompt_tokens"),
            F.count(F.when(is_assistant, 1)).alias("responses"),
            F.avg(F.when(is_assistant, tokens)).alias("avg_response_tokens"),
            F.percentile(F.when(is_assistant, tokens), 0.5).alias("median_response_tokens"),
            (1000 * _share(F.sum(F.when(is_user, tokens)), F.sum(F.when(is_user, F.col("chars")))))
            .alias("prompt_tokens_per_1k_chars"),
            (1000 * _share(F.sum(F.when(is_assistant, tokens)), F.sum(F.when(is_assistant, F.col("chars")))))
            .alias("response_tokens_per_1k_chars"),
        ).withColumn("counter", F.lit(counter)))
    per_counter_df = reduce(DataFrame.unionByName, frames)
    return top_df.join(per_counter_df, on="language", how="left").select(
        "counter", "rank", "language", "conversations", "avg_turns",
        _share(F.col("_flagged"), F.col("conversations")).alias("flagged_share"),
        _share(F.col("_redacted"), F.col("conversations")).alias("redacted_share"),
        "prompts", "avg_prompt_tokens", "median_prompt_tokens", "responses", "avg_response_tokens",
        "median_response_tokens", "prompt_tokens_per_1k_chars", "response_tokens_per_1k_chars",
    )


def _length_bin(chars: Column, edges: tuple[int, ...]) -> Column:
    index = reduce(lambda acc, e: acc + F.when(chars >= e[1], 1).otherwise(0), enumerate(edges[1:], 1),
                   F.lit(0))
    return index.cast("int")


def language_tag_trust(conversations_df: DataFrame, edges: tuple[int, ...] = LENGTH_BIN_EDGES,
                       min_score: float = MIN_FASTTEXT_SCORE, top: int = TOP_DEPTH_LANGUAGES) -> DataFrame:
    """Agreement of fastText with the released names, by prompt-length bin and by released language.

    Input: silver conversations (`first_user_lang`, `first_user_lang_score`, `first_user_chars`,
    `language_name`, `language_code`). Output: dimension (`prompt_length` or `language`), bin,
    chars_low, chars_high (exclusive; null for the last bin and for language rows),
    language_name, language_code, conversations, unreliable, unreliable_share, compared (both
    tags reliable), agreeing, agreement_rate (agreeing / compared), short_conversations,
    short_unreliable, short_unreliable_share.
    """
    unreliable = ((F.col("first_user_lang") == "und") | (F.col("first_user_lang_score") < min_score)
                  | (F.col("language_code") == "und") | F.col("language_code").isNull())
    short = F.col("first_user_chars") < SHORT_PROMPT_CHARS
    counts = [
        F.count(F.lit(1)).alias("conversations"),
        F.count(F.when(unreliable, 1)).alias("unreliable"),
        F.count(F.when(~unreliable & (F.col("language_code") == F.col("first_user_lang")), 1)).alias("agreeing"),
        F.count(F.when(short, 1)).alias("short_conversations"),
        F.count(F.when(short & unreliable, 1)).alias("short_unreliable"),
    ]
    edge_array = F.array(*[F.lit(e) for e in edges])
    by_length_df = conversations_df.groupBy(_length_bin(F.col("first_user_chars"), edges).alias("bin")).agg(*counts)
    by_length_df = by_length_df.select(
        F.lit("prompt_length").alias("dimension"), "bin",
        F.get(edge_array, F.col("bin")).cast("long").alias("chars_low"),
        F.get(edge_array, F.col("bin") + 1).cast("long").alias("chars_high"),
        F.lit(None).cast("string").alias("language_name"), F.lit(None).cast("string").alias("language_code"),
        *[c for c in ("conversations", "unreliable", "agreeing", "short_conversations", "short_unreliable")],
    )
    by_language_df = conversations_df.groupBy("language_name", "language_code").agg(*counts)
    ranking = Window.orderBy(F.desc("conversations"), F.asc("language_name"))
    by_language_df = by_language_df.withColumn("bin", F.row_number().over(ranking)).filter(F.col("bin") <= top).select(
        F.lit("language").alias("dimension"), "bin",
        F.lit(None).cast("long").alias("chars_low"), F.lit(None).cast("long").alias("chars_high"),
        "language_name", "language_code",
        "conversations", "unreliable", "agreeing", "short_conversations", "short_unreliable",
    )
    compared = F.col("conversations") - F.col("unreliable")
    return by_length_df.unionByName(by_language_df).select(
        "dimension", "bin", "chars_low", "chars_high", "language_name", "language_code", "conversations",
        "unreliable", _share(F.col("unreliable"), F.col("conversations")).alias("unreliable_share"),
        compared.alias("compared"), "agreeing", _share(F.col("agreeing"), compared).alias("agreement_rate"),
        "short_conversations", "short_unreliable",
        _share(F.col("short_unreliable"), F.col("short_conversations")).alias("short_unreliable_share"),
    )
