"""Repetition of first user prompts: exact duplicates after normalisation, and near-duplicates
by MinHash with LSH banding, written with the DataFrame API only (Spark ML's `MinHashLSH` does not
run on the embedded engine or on Spark Connect).

Normalisation (`normalised_prompt`): lower case; every run of characters that is not a letter, a
combining mark, a digit or `_` becomes one space; trimmed. Punctuation, symbols, emoji and every
kind of whitespace vanish; a `NAME_k` placeholder stays one token (`name_k`: `_` is kept so the
placeholder is neither split nor merged with its number). An empty normalised prompt (no text,
emoji only) repeats nothing and is left out of every statistic here.

Near-duplicates (`near_duplicate_pairs`), over the distinct normalised prompts of at least
`min_chars` characters (the first `max_chars` only):

1. shingles: character `shingle_size`-grams (`shingle = "char"`, any script) or word
   `shingle_size`-grams (`"word"`); each shingle hashed once to 31 bits (`xxhash64`);
2. `bands * rows` hash functions h_i(x) = (a_i x + b_i) mod (2^31 - 1), a_i and b_i drawn once
   from `numpy.random.default_rng(seed)`: the same family on every engine and run; a prompt's
   signature is the minimum of each over its shingles (a wide aggregate, no arrays);
3. a band is `rows` consecutive minima; two prompts whose band values all agree in some band are
   a candidate pair. A bucket (band, values) with more than `max_bucket` prompts (templated
   prompts, boilerplate) gives only the pairs of its smallest prompt with each other member, so
   the candidates grow linearly with such a bucket, not quadratically;
4. a candidate pair is kept when the share of agreeing minima (the estimated Jaccard
   similarity of the shingle sets) is at least `threshold`.

Functions take and return DataFrames; they never read or write storage.
"""

from __future__ import annotations

import numpy as np
from pyspark.sql import Column, DataFrame, Window
from pyspark.sql import functions as F

from chatlake import privacy
from chatlake.config import PrivacySettings, RepetitionSettings
from chatlake.tables import ALL_MODELS

TOP_REPEATED = 50
EXAMPLE_CHARS = 200
MERSENNE_31 = 2_147_483_647


def normalised_prompt(text: Column) -> Column:
    """The normalised form of a prompt (see the module docstring); "" for null."""
    lowered = F.lower(F.coalesce(text, F.lit("")))
    spaced = F.regexp_replace(lowered, r"[^\p{L}\p{M}\p{N}_]+", " ")
    return F.trim(spaced)


def first_prompts(bronze_df: DataFrame) -> DataFrame:
    """The first user message of every conversation.

    Input: bronze (`conversation_id`, `model`, `conversation`). Output columns: conversation_id,
    model, prompt (original text), normalised. Conversations without a user message are left
    out. Almost every conversation opens with its user's message: those take element 0, and only
    the others are exploded, so the text of the rest never crosses a shuffle (at 200K generated
    conversations exploding every message made this the most costly gold table by far). Exploded,
    not a higher-order function: Sail 0.7.2 cannot resolve one on a Delta scan.
    """
    # Guarded: with ANSI on (the JVM's default) element 0 of an empty array is an error.
    opening = F.when(F.size("conversation") > 0, F.col("conversation").getItem(0))
    opens_with_user = F.coalesce(opening["role"] == "user", F.lit(False))
    direct_df = bronze_df.filter(opens_with_user).select(
        "conversation_id", "model", opening["content"].alias("prompt")
    )
    messages_df = bronze_df.filter(~opens_with_user).select(
        "conversation_id", "model", F.posexplode("conversation").alias("message_index", "message")
    ).filter(F.col("message.role") == "user")
    later_df = messages_df.groupBy("conversation_id", "model").agg(
        F.min(F.struct("message_index", F.col("message.content").alias("content"))).alias("first")
    ).select("conversation_id", "model", F.col("first.content").alias("prompt"))
    return direct_df.unionByName(later_df).withColumn("normalised", normalised_prompt(F.col("prompt")))


def with_repeat_counts(prompts_df: DataFrame) -> DataFrame:
    """Adds `repeats`: conversations whose first prompt has the same non-empty normalised form
    (the conversation included; 0 for an empty one). Input: `normalised`."""
    counts_df = prompts_df.filter(F.col("normalised") != "").groupBy("normalised").agg(
        F.count(F.lit(1)).alias("repeats")
    )
    return prompts_df.join(counts_df, on="normalised", how="left").withColumn(
        "repeats", F.coalesce(F.col("repeats"), F.lit(0)).cast("long")
    )


def repeated_prompts(prompts_df: DataFrame, top: int = TOP_REPEATED, min_conversations: int = 2) -> DataFrame:
    """The `top` most repeated normalised first prompts (in at least `min_conversations`
    conversations: 2, or the privacy floor's `chatlake.privacy.min_repeated_conversations`).

    Input: `first_prompts` output. Output columns: rank, normalised, conversations, models
    (distinct), model_list (sorted, comma-separated), example (the smallest original text, at most
    200 characters).
    """
    grouped_df = prompts_df.filter(F.col("normalised") != "").groupBy("normalised").agg(
        F.count(F.lit(1)).alias("conversations"),
        F.countDistinct("model").alias("models"),
        F.array_join(F.array_sort(F.collect_set("model")), ", ").alias("model_list"),
        F.min("prompt").alias("example"),
    ).filter(F.col("conversations") >= min_conversations)
    ranking = Window.orderBy(F.desc("conversations"), F.asc("normalised"))
    return grouped_df.select(
        F.row_number().over(ranking).alias("rank"), "normalised", "conversations", "models", "model_list",
        F.substring("example", 1, EXAMPLE_CHARS).alias("example"),
    ).filter(F.col("rank") <= top)


def prompt_repetition_by_model(prompts_df: DataFrame, near_df: DataFrame | None = None) -> DataFrame:
    """Per model (and `(all)`): conversations, repeated (first prompt's normalised form in at
    least 2 conversations), repeated_share, near_duplicate (repeated, or a near-duplicate of
    another distinct prompt), near_duplicate_share.

    Input: `first_prompts` output; `near_df`: `near_duplicate_pairs` output (or None: no
    near-duplicates counted beyond the exact ones).
    """
    counted_df = with_repeat_counts(prompts_df.select("model", "normalised"))
    if near_df is not None:
        ends_df = near_df.select(F.col("normalised_a").alias("normalised")).union(
            near_df.select(F.col("normalised_b").alias("normalised"))
        ).distinct().withColumn("has_near", F.lit(True))
        counted_df = counted_df.join(ends_df, on="normalised", how="left")
    else:
        counted_df = counted_df.withColumn("has_near", F.lit(None).cast("boolean"))
    is_repeated = F.col("repeats") >= 2
    is_near = is_repeated | F.coalesce(F.col("has_near"), F.lit(False))
    counts = [
        F.count(F.lit(1)).alias("conversations"),
        F.count(F.when(is_repeated, 1)).alias("repeated"),
        F.count(F.when(is_near, 1)).alias("near_duplicate"),
    ]
    counts_df = counted_df.groupBy("model").agg(*counts).unionByName(
        counted_df.agg(*counts).withColumn("model", F.lit(ALL_MODELS))
    )
    share = lambda c: F.when(F.col("conversations") > 0, F.col(c) / F.col("conversations"))  # noqa: E731
    return counts_df.select(
        "model", "conversations", "repeated", share("repeated").alias("repeated_share"),
        "near_duplicate", share("near_duplicate").alias("near_duplicate_share"),
    )


# --- near-duplicates ----------------------------------------------------------------------------


def hash_family(settings: RepetitionSettings) -> list[tuple[int, int]]:
    """The (a, b) of each of the `bands * rows` hash functions, from `settings.seed`."""
    rng = np.random.default_rng(settings.seed)
    k = settings.bands * settings.rows
    a = rng.integers(1, MERSENNE_31, size=k)
    b = rng.integers(0, MERSENNE_31, size=k)
    return [(int(x), int(y)) for x, y in zip(a, b, strict=True)]


def shingles(documents_df: DataFrame, settings: RepetitionSettings) -> DataFrame:
    """One row per distinct (document, shingle hash).

    Input columns: `normalised`. Output columns: normalised, x (31-bit hash of the shingle).
    A text shorter than one shingle is one shingle.
    """
    n = settings.shingle_size
    text = F.substring(F.col("normalised"), 1, settings.max_chars)
    if settings.shingle == "word":
        units_df = documents_df.select("normalised", F.split(text, " ").alias("_units"))
        count = F.greatest(F.size("_units") - n + 1, F.lit(1))
        positions_df = units_df.select("normalised", "_units", F.explode(F.sequence(F.lit(1), count)).alias("_pos"))
        shingle = F.array_join(F.slice(F.col("_units"), F.col("_pos"), F.lit(n)), " ")
    else:
        units_df = documents_df.select("normalised", text.alias("_units"))
        count = F.greatest(F.length("_units") - n + 1, F.lit(1))
        positions_df = units_df.select("normalised", "_units", F.explode(F.sequence(F.lit(1), count)).alias("_pos"))
        shingle = F.substring(F.col("_units"), F.col("_pos"), F.lit(n))
    hashed = F.xxhash64(shingle).bitwiseAND(F.lit(MERSENNE_31).cast("long"))
    return positions_df.select("normalised", hashed.alias("x")).distinct()


def signatures(shingles_df: DataFrame, settings: RepetitionSettings) -> DataFrame:
    """MinHash signatures. Input: `shingles` output. Output: normalised, h0 .. h{k-1}."""
    x = F.col("x").cast("long")
    minima = [
        F.min((x * F.lit(a) + F.lit(b)) % F.lit(MERSENNE_31)).alias(f"h{i}")
        for i, (a, b) in enumerate(hash_family(settings))
    ]
    return shingles_df.groupBy("normalised").agg(*minima)


def candidate_pairs(signatures_df: DataFrame, settings: RepetitionSettings) -> DataFrame:
    """Distinct pairs (normalised_a < normalised_b) that agree on every minimum of some band.

    Input: `signatures` output. Output columns: normalised_a, normalised_b. Buckets of more than
    `max_bucket` documents give only the pairs of their smallest member with each other one.
    """
    r = settings.rows
    bands = [
        F.struct(F.lit(j).alias("band"), F.xxhash64(*[F.col(f"h{j * r + i}") for i in range(r)]).alias("key"))
        for j in range(settings.bands)
    ]
    keyed_df = signatures_df.select("normalised", F.explode(F.array(*bands)).alias("_b")).select(
        "normalised", F.col("_b.band").alias("band"), F.col("_b.key").alias("key")
    )
    bucket = Window.partitionBy("band", "key")
    sized_df = keyed_df.select(
        "normalised", "band", "key",
        F.count(F.lit(1)).over(bucket).alias("_size"), F.min("normalised").over(bucket).alias("_smallest"),
    ).filter(F.col("_size") >= 2)
    small_df = sized_df.filter(F.col("_size") <= settings.max_bucket)
    left_df = small_df.select(F.col("normalised").alias("normalised_a"), "band", "key")
    right_df = small_df.select(F.col("normalised").alias("normalised_b"), "band", "key")
    small_pairs_df = left_df.join(right_df, on=["band", "key"], how="inner").filter(
        F.col("normalised_a") < F.col("normalised_b")
    ).select("normalised_a", "normalised_b")
    star_pairs_df = sized_df.filter(
        (F.col("_size") > settings.max_bucket) & (F.col("normalised") != F.col("_smallest"))
    ).select(F.col("_smallest").alias("normalised_a"), F.col("normalised").alias("normalised_b"))
    return small_pairs_df.unionByName(star_pairs_df).distinct()


def _balanced_sum(columns: list[Column]) -> Column:
    """The sum of the columns as a balanced tree: a chain of 100 additions is deeper than a Spark
    Connect plan may nest."""
    if len(columns) == 1:
        return columns[0]
    middle = len(columns) // 2
    return _balanced_sum(columns[:middle]) + _balanced_sum(columns[middle:])


def near_duplicate_pairs(prompts_df: DataFrame, settings: RepetitionSettings) -> DataFrame:
    """Pairs of distinct normalised first prompts whose estimated Jaccard similarity is at least
    `threshold`.

    Input: `first_prompts` output. Output columns: normalised_a, normalised_b (a < b),
    similarity (share of agreeing minima).
    """
    documents_df = prompts_df.select("normalised").filter(
        F.length("normalised") >= settings.min_chars
    ).distinct()
    signatures_df = signatures(shingles(documents_df, settings), settings)
    pairs_df = candidate_pairs(signatures_df, settings)
    k = settings.bands * settings.rows
    a_df = signatures_df.select(F.col("normalised").alias("normalised_a"),
                                *[F.col(f"h{i}").alias(f"a{i}") for i in range(k)])
    b_df = signatures_df.select(F.col("normalised").alias("normalised_b"),
                                *[F.col(f"h{i}").alias(f"b{i}") for i in range(k)])
    joined_df = pairs_df.join(a_df, on="normalised_a", how="inner").join(b_df, on="normalised_b", how="inner")
    agreeing = _balanced_sum([F.when(F.col(f"a{i}") == F.col(f"b{i}"), 1).otherwise(0) for i in range(k)])
    similarity = (agreeing / F.lit(float(k))).alias("similarity")
    return joined_df.select("normalised_a", "normalised_b", similarity).filter(
        F.col("similarity") >= settings.threshold
    )


def near_duplicate_summary(prompts_df: DataFrame, near_df: DataFrame, settings: RepetitionSettings) -> DataFrame:
    """One row: conversations, distinct_prompts (non-empty normalised), considered (distinct
    prompts of at least `min_chars`), near_duplicate_pairs (of distinct prompts),
    prompts_with_near_duplicate, and the settings used (shingle, shingle_size, bands, rows,
    threshold)."""
    ends_df = near_df.select(F.col("normalised_a").alias("n")).union(near_df.select(F.col("normalised_b").alias("n")))
    stats_df = prompts_df.agg(
        F.count(F.lit(1)).alias("conversations"),
        F.countDistinct(F.when(F.col("normalised") != "", F.col("normalised"))).alias("distinct_prompts"),
        F.countDistinct(F.when(F.length("normalised") >= settings.min_chars, F.col("normalised"))).alias("considered"),
    )
    pairs_df = near_df.agg(F.count(F.lit(1)).alias("near_duplicate_pairs"))
    ends_count_df = ends_df.agg(F.countDistinct("n").alias("prompts_with_near_duplicate"))
    return stats_df.crossJoin(pairs_df).crossJoin(ends_count_df).select(
        "conversations", "distinct_prompts", "considered", "near_duplicate_pairs", "prompts_with_near_duplicate",
        F.lit(settings.shingle).alias("shingle"), F.lit(settings.shingle_size).alias("shingle_size"),
        F.lit(settings.bands).alias("bands"), F.lit(settings.rows).alias("rows"),
        F.lit(settings.threshold).alias("threshold"),
    )


def repetition_tables(
    prompts_df: DataFrame, settings: RepetitionSettings, privacy_settings: PrivacySettings | None = None
) -> dict[str, DataFrame]:
    """The repetition gold tables, by name, from `first_prompts` output (`prompt` may be cut to
    EXAMPLE_CHARS: only the examples read it). gold/repeated_prompts lists only the prompts that
    `privacy_settings` let it quote (public output: seen in `public_min_conversations`+)."""
    near_df = near_duplicate_pairs(prompts_df, settings) if settings.near_duplicates else None
    floor = privacy.min_repeated_conversations(privacy_settings or PrivacySettings())
    tables = {
        "repeated_prompts": repeated_prompts(prompts_df, min_conversations=floor),
        "prompt_repetition_by_model": prompt_repetition_by_model(prompts_df, near_df),
    }
    if near_df is not None:
        tables["near_duplicates"] = near_duplicate_summary(prompts_df, near_df, settings)
    return tables
