"""Repetition of first user prompts: exact duplicates after normalisation, and near-duplicates
by MinHash with LSH banding, written with the DataFrame API only (Spark ML's `MinHashLSH` does not
run on the embedded engine or on Spark Connect).

Normalisation (`chatlake.text.prompts.normalise`; `normalised_prompt` in Spark): lower case;
every run of characters that is not a letter, a combining mark, a digit or `_` becomes one space;
trimmed. Punctuation, symbols, emoji and every kind of whitespace vanish; a `NAME_k` placeholder
stays one token (`name_k`: `_` is kept so the placeholder is neither split nor merged with its
number). An empty normalised prompt (no text, emoji only) repeats nothing and is left out of every
statistic here.

Exact repeats are counted on silver: enrichment keeps the 64-bit key of each conversation's
normalised first prompt (`first_prompt_key`, null for an empty one), so counting reads a column of
longs. Text is read from bronze only for what is shown: the example of each listed prompt
(`repeated_prompt_counts` names its conversation first, `repeated_prompts` adds its text), and
for near-duplicates, which compare texts.

Near-duplicates (`near_duplicate_pairs`), over the distinct normalised prompts of at least
`min_chars` characters (the first `max_chars` only), each named by `doc`, the xxhash64 of its
normalised text (64 bits: joins and shuffles move a long, not the text):

1. shingles: word `shingle_size`-grams (`shingle = "word"`, the default; words are what the
   normalisation separates by spaces, so unspaced scripts such as Chinese make few long words)
   or character `shingle_size`-grams (`"char"`, any script); one row per (doc, shingle), the
   shingle hashed to 31 bits (`xxhash64`);
2. `bands * rows` hash functions h_i(x) = (a_i x + b_i) mod (2^31 - 1), a_i and b_i drawn once
   from `numpy.random.default_rng(seed)`: the same family on every engine and run. One grouped
   aggregate per doc gives its signature (the minimum of each h_i over its shingles) and its
   shingles;
3. signatures in long form: one row per (doc, band) with the band's key, the xxhash64 of its
   `rows` minima. Docs sharing a (band, key) bucket are candidates: every pair of a bucket of at
   most `max_bucket` docs; a larger bucket (templated prompts, boilerplate) gives only the pairs of
   its smallest doc with each other one, so the candidates grow linearly with it, not
   quadratically;
4. verification: a candidate is kept when the exact Jaccard similarity of the two shingle sets
   (`array_intersect` / `array_union` sizes) is at least `threshold`. Exact rather than estimated
   from 30 minima, whose standard error (about 0.07 at similarity 0.8) would cost recall or
   precision near the threshold.

With 10 bands of 3 rows a pair of similarity s is a candidate with probability 1 - (1 - s^3)^10:
0.74 at 0.5, 0.985 at 0.7, 0.9992 at 0.8 (bench/near_duplicates.py measures it on the
generator's planted pairs).

Functions take and return DataFrames; they never read or write storage.
"""

from __future__ import annotations

from collections.abc import Callable

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


def with_repeat_counts(conversations_df: DataFrame) -> DataFrame:
    """Adds `repeats`: conversations whose first prompt has the same key (the conversation
    included; 0 for a conversation without a key). Input: `first_prompt_key`."""
    counts_df = conversations_df.filter(F.col("first_prompt_key").isNotNull()).groupBy("first_prompt_key").agg(
        F.count(F.lit(1)).alias("repeats")
    )
    return conversations_df.join(counts_df, on="first_prompt_key", how="left").withColumn(
        "repeats", F.coalesce(F.col("repeats"), F.lit(0)).cast("long")
    )


def repeated_prompt_counts(
    conversations_df: DataFrame, top: int = TOP_REPEATED, min_conversations: int = 2
) -> DataFrame:
    """The `top` most repeated first prompts (in at least `min_conversations` conversations: 2, or
    the privacy floor's `chatlake.privacy.min_repeated_conversations`), by key.

    Input: silver conversations (`conversation_id`, `model`, `first_prompt_key`). Output columns:
    rank, first_prompt_key, conversations, models (distinct), model_list (sorted,
    comma-separated), conversation_id (the smallest of them: the example `repeated_prompts`
    shows). Ties in count are ranked by the example's conversation id.

    Counted first, then the models of the repeated prompts only: at 200K generated conversations
    collecting the models of every prompt (`collect_set`, `countDistinct`) took 6 to 18 s on the
    embedded engine, this under one second.
    """
    key = F.col("first_prompt_key")
    counts_df = conversations_df.filter(key.isNotNull()).groupBy("first_prompt_key").agg(
        F.count(F.lit(1)).alias("conversations")
    ).filter(F.col("conversations") >= min_conversations)
    grouped_df = conversations_df.join(counts_df, on="first_prompt_key", how="inner").groupBy(
        "first_prompt_key", "conversations").agg(
        F.array_sort(F.array_distinct(F.collect_list("model"))).alias("_models"),
        F.min("conversation_id").alias("conversation_id"),
    )
    ranking = Window.orderBy(F.desc("conversations"), F.asc("conversation_id"))
    return grouped_df.select(
        F.row_number().over(ranking).alias("rank"), "first_prompt_key", "conversations",
        F.size("_models").cast("long").alias("models"), F.array_join("_models", ", ").alias("model_list"),
        "conversation_id",
    ).filter(F.col("rank") <= top)


def repeated_prompts(counts_df: DataFrame, prompts_df: DataFrame) -> DataFrame:
    """gold/repeated_prompts: the counted prompts with their text.

    Input: `repeated_prompt_counts` output; `first_prompts` output of (at least) the counts'
    example conversations. Output columns: rank, normalised, conversations, models, model_list,
    example (the example conversation's first prompt, at most EXAMPLE_CHARS characters).
    """
    return counts_df.join(prompts_df.select("conversation_id", "prompt", "normalised"), on="conversation_id",
                          how="inner").select(
        "rank", "normalised", "conversations", "models", "model_list",
        F.substring("prompt", 1, EXAMPLE_CHARS).alias("example"),
    )


def prompt_repetition_by_model(conversations_df: DataFrame, near_df: DataFrame | None = None) -> DataFrame:
    """Per model (and `(all)`): conversations, repeated (first prompt's key in at least 2
    conversations), repeated_share, near_duplicate (repeated, or a near-duplicate of another
    distinct prompt), near_duplicate_share.

    Input: silver conversations (`conversation_id`, `model`, `user_messages`, `first_prompt_key`);
    `near_df`: `near_duplicate_conversations` output (`conversation_id`), or None: no
    near-duplicates counted beyond the exact ones (near_duplicate = repeated). Conversations
    without a user message have no first prompt and are left out; those whose first prompt
    normalises to nothing count, as never repeated.
    """
    with_prompt_df = conversations_df.filter(F.col("user_messages") > 0)
    counted_df = with_repeat_counts(with_prompt_df.select("conversation_id", "model", "first_prompt_key"))
    if near_df is not None:
        counted_df = counted_df.join(near_df.withColumn("has_near", F.lit(True)), on="conversation_id", how="left")
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


def document_id(normalised: Column) -> Column:
    """The 64-bit name of a normalised prompt in the near-duplicate tables."""
    return F.xxhash64(normalised)


def prompt_documents(prompts_df: DataFrame, settings: RepetitionSettings) -> DataFrame:
    """The distinct normalised prompts near-duplicates are looked for among.

    Input: `first_prompts` output. Output columns: doc, normalised, conversation_id (the smallest
    of the conversations that open with it), conversations.
    """
    return prompts_df.filter(F.length("normalised") >= settings.min_chars).groupBy("normalised").agg(
        F.min("conversation_id").alias("conversation_id"), F.count(F.lit(1)).alias("conversations")
    ).select(document_id(F.col("normalised")).alias("doc"), "normalised", "conversation_id", "conversations")


def shingles(documents_df: DataFrame, settings: RepetitionSettings) -> DataFrame:
    """One row per (doc, shingle) (a repeated shingle repeats).

    Input columns: `doc`, `normalised`. Output columns: doc, x (31-bit hash of the shingle).
    A text shorter than one shingle is one shingle. Word n-grams are zipped from n shifted slices
    of the word array and exploded: exploding positions instead would carry the whole array into
    every row (at 200K prompts that took twice as long).
    """
    n = settings.shingle_size
    text = F.substring(F.col("normalised"), 1, settings.max_chars)
    if settings.shingle == "word":
        words_df = documents_df.select("doc", F.split(text, " ").alias("_words"))
        count = F.greatest(F.size("_words") - n + 1, F.lit(1))
        grams = F.arrays_zip(*[F.slice(F.col("_words"), F.lit(k), count) for k in range(1, n + 1)])
        shingle = F.col("_gram")
        grams_df = words_df.select("doc", F.explode(grams).alias("_gram"))
    else:
        units_df = documents_df.select("doc", text.alias("_units"))
        count = F.greatest(F.length("_units") - n + 1, F.lit(1))
        grams_df = units_df.select("doc", "_units", F.explode(F.sequence(F.lit(1), count)).alias("_pos"))
        shingle = F.substring(F.col("_units"), F.col("_pos"), F.lit(n))
    hashed = F.xxhash64(shingle).bitwiseAND(F.lit(MERSENNE_31).cast("long"))
    return grams_df.select("doc", hashed.alias("x"))


def signatures(shingles_df: DataFrame, settings: RepetitionSettings) -> DataFrame:
    """MinHash signature and shingles of every doc, in one grouped aggregate.

    Input: `shingles` output. Output columns: doc, shingle_list (array of x, repeats kept: the
    set operations of the verification drop them; `collect_set` took 4 to 7 times as long as
    `collect_list` on the embedded engine), h0 .. h{k-1}.
    """
    x = F.col("x")
    minima = [
        F.min((x * F.lit(a) + F.lit(b)) % F.lit(MERSENNE_31)).alias(f"h{i}")
        for i, (a, b) in enumerate(hash_family(settings))
    ]
    return shingles_df.groupBy("doc").agg(F.collect_list("x").alias("shingle_list"), *minima)


def band_keys(signatures_df: DataFrame, settings: RepetitionSettings) -> DataFrame:
    """The signatures in long form. Input: `signatures` output. Output: doc, band, key (the
    xxhash64 of the band's `rows` minima), one row per (doc, band)."""
    r = settings.rows
    bands = [
        F.struct(F.lit(j).alias("band"), F.xxhash64(*[F.col(f"h{j * r + i}") for i in range(r)]).alias("key"))
        for j in range(settings.bands)
    ]
    return signatures_df.select("doc", F.explode(F.array(*bands)).alias("_b")).select(
        "doc", F.col("_b.band").alias("band"), F.col("_b.key").alias("key")
    )


def candidate_pairs(keys_df: DataFrame, settings: RepetitionSettings) -> DataFrame:
    """Distinct pairs (doc_a < doc_b) that share a bucket (band, key).

    Input: `band_keys` output. Output columns: doc_a, doc_b. A bucket of more than `max_bucket`
    docs gives only the pairs of its smallest doc with each other one.
    """
    buckets_df = keys_df.groupBy("band", "key").agg(
        F.count(F.lit(1)).alias("_size"), F.collect_list("doc").alias("_docs"), F.min("doc").alias("_smallest")
    ).filter(F.col("_size") >= 2)
    # Two generators cannot share a select: each member of a small bucket, then its pairs.
    members_df = buckets_df.filter(F.col("_size") <= settings.max_bucket).select(
        "_docs", F.explode("_docs").alias("doc_a")
    )
    small_df = members_df.select("doc_a", F.explode("_docs").alias("doc_b")).filter(
        F.col("doc_a") < F.col("doc_b")
    )
    star_df = buckets_df.filter(F.col("_size") > settings.max_bucket).select(
        F.col("_smallest").alias("doc_a"), F.explode("_docs").alias("doc_b")
    ).filter(F.col("doc_a") < F.col("doc_b"))
    return small_df.unionByName(star_df).distinct()


def _no_checkpoint(df: DataFrame, name: str) -> DataFrame:
    return df


def near_duplicate_pairs(
    prompts_df: DataFrame, settings: RepetitionSettings,
    checkpoint: Callable[[DataFrame, str], DataFrame] = _no_checkpoint,
) -> DataFrame:
    """Pairs of distinct normalised first prompts whose shingle sets have a Jaccard similarity of
    at least `threshold`, among the LSH candidates.

    Input: `first_prompts` output. Output columns: doc_a, doc_b (doc_a < doc_b), similarity,
    conversation_id_a, conversation_id_b (the smallest conversation opening with each prompt),
    normalised_a, normalised_b.

    `checkpoint(df, name)` materialises a frame that two branches of the plan read (the prompts
    and the signatures); without one (tests) they are computed twice. `chatlake aggregate` stages
    them (`Storage.stage`): the embedded engine has no cache.
    """
    documents_df = checkpoint(prompt_documents(prompts_df, settings), "near_duplicate_documents")
    signatures_df = checkpoint(signatures(shingles(documents_df, settings), settings), "near_duplicate_signatures")
    pairs_df = candidate_pairs(band_keys(signatures_df, settings), settings)
    sets_df = signatures_df.select("doc", "shingle_list")
    side = lambda suffix: sets_df.select(  # noqa: E731
        F.col("doc").alias(f"doc_{suffix}"), F.col("shingle_list").alias(f"set_{suffix}")
    )
    joined_df = pairs_df.join(side("a"), on="doc_a", how="inner").join(side("b"), on="doc_b", how="inner")
    # array_intersect and array_union return distinct elements: the Jaccard similarity of the sets.
    shared = F.size(F.array_intersect("set_a", "set_b"))
    similarity = shared / F.size(F.array_union("set_a", "set_b"))
    verified_df = joined_df.select("doc_a", "doc_b", similarity.alias("similarity")).filter(
        F.col("similarity") >= settings.threshold
    )
    names = lambda suffix: documents_df.select(  # noqa: E731
        F.col("doc").alias(f"doc_{suffix}"), F.col("conversation_id").alias(f"conversation_id_{suffix}"),
        F.col("normalised").alias(f"normalised_{suffix}"),
    )
    return verified_df.join(names("a"), on="doc_a", how="inner").join(names("b"), on="doc_b", how="inner").select(
        "doc_a", "doc_b", "similarity", "conversation_id_a", "conversation_id_b", "normalised_a", "normalised_b"
    )


def near_duplicate_pair_table(near_df: DataFrame) -> DataFrame:
    """gold/near_duplicate_pairs: one row per pair, the prompts cut to EXAMPLE_CHARS.

    Input: `near_duplicate_pairs` output. Output columns: conversation_id_a, conversation_id_b
    (conversation_id_a < conversation_id_b), similarity, prompt_a, prompt_b (normalised).
    """
    swap = F.col("conversation_id_a") > F.col("conversation_id_b")
    pick = lambda a, b: F.when(swap, F.col(b)).otherwise(F.col(a))  # noqa: E731
    return near_df.select(
        pick("conversation_id_a", "conversation_id_b").alias("conversation_id_a"),
        pick("conversation_id_b", "conversation_id_a").alias("conversation_id_b"),
        "similarity",
        F.substring(pick("normalised_a", "normalised_b"), 1, EXAMPLE_CHARS).alias("prompt_a"),
        F.substring(pick("normalised_b", "normalised_a"), 1, EXAMPLE_CHARS).alias("prompt_b"),
    )


def near_duplicate_summary(prompts_df: DataFrame, near_df: DataFrame, settings: RepetitionSettings) -> DataFrame:
    """One row: conversations, distinct_prompts (non-empty normalised), considered (distinct
    prompts of at least `min_chars`), near_duplicate_pairs (of distinct prompts),
    prompts_with_near_duplicate, and the settings used (shingle, shingle_size, bands, rows,
    threshold)."""
    ends_df = near_df.select(F.col("doc_a").alias("d")).union(near_df.select(F.col("doc_b").alias("d")))
    stats_df = prompts_df.agg(
        F.count(F.lit(1)).alias("conversations"),
        F.countDistinct(F.when(F.col("normalised") != "", F.col("normalised"))).alias("distinct_prompts"),
        F.countDistinct(F.when(F.length("normalised") >= settings.min_chars, F.col("normalised"))).alias("considered"),
    )
    pairs_df = near_df.agg(F.count(F.lit(1)).alias("near_duplicate_pairs"))
    ends_count_df = ends_df.agg(F.countDistinct("d").alias("prompts_with_near_duplicate"))
    return stats_df.crossJoin(pairs_df).crossJoin(ends_count_df).select(
        "conversations", "distinct_prompts", "considered", "near_duplicate_pairs", "prompts_with_near_duplicate",
        F.lit(settings.shingle).alias("shingle"), F.lit(settings.shingle_size).alias("shingle_size"),
        F.lit(settings.bands).alias("bands"), F.lit(settings.rows).alias("rows"),
        F.lit(settings.threshold).alias("threshold"),
    )


def near_duplicate_conversations(prompts_df: DataFrame, near_df: DataFrame) -> DataFrame:
    """The conversations whose first prompt is one end of a near-duplicate pair.

    Input: `first_prompts` output, `near_duplicate_pairs` output. Output columns: conversation_id.
    """
    ends_df = near_df.select(F.col("doc_a").alias("doc")).union(near_df.select(F.col("doc_b").alias("doc"))).distinct()
    documents_df = prompts_df.select("conversation_id", document_id(F.col("normalised")).alias("doc"))
    return documents_df.join(ends_df, on="doc", how="left_semi").select("conversation_id")


def repetition_tables(
    conversations_df: DataFrame, prompts_df: DataFrame, settings: RepetitionSettings,
    privacy_settings: PrivacySettings | None = None, counts_df: DataFrame | None = None,
    near_df: DataFrame | None = None,
) -> dict[str, DataFrame]:
    """The repetition gold tables, by name.

    `conversations_df`: silver conversations (`conversation_id`, `model`, `user_messages`,
    `first_prompt_key`);
    `prompts_df`: `first_prompts` output (`prompt` may be cut to EXAMPLE_CHARS: only the examples
    read it) of at least the listed prompts' example conversations, and of every conversation with
    `settings.near_duplicates`. `counts_df`: `repeated_prompt_counts` under the privacy floor of
    `privacy_settings` (public output lists only prompts seen in `public_min_conversations`+);
    computed here when None (a caller that reads only the examples from bronze has it first).
    `near_df`: the `near_duplicate_pairs` output (computed here when None and near-duplicates
    are on; a caller that writes several tables stages it first, since three tables read it).
    """
    if counts_df is None:
        floor = privacy.min_repeated_conversations(privacy_settings or PrivacySettings())
        counts_df = repeated_prompt_counts(conversations_df, min_conversations=floor)
    if settings.near_duplicates and near_df is None:
        near_df = near_duplicate_pairs(prompts_df, settings)
    if not settings.near_duplicates:
        near_df = None
    near_conversations_df = None if near_df is None else near_duplicate_conversations(prompts_df, near_df)
    tables = {
        "repeated_prompts": repeated_prompts(counts_df, prompts_df),
        "prompt_repetition_by_model": prompt_repetition_by_model(conversations_df, near_conversations_df),
    }
    if near_df is not None:
        tables["near_duplicates"] = near_duplicate_summary(prompts_df, near_df, settings)
        tables["near_duplicate_pairs"] = near_duplicate_pair_table(near_df)
    return tables
