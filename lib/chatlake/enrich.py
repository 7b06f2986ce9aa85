"""Enrichment: bronze conversations -> `silver/messages` and `silver/conversations`.

Label, don't drop: every bronze conversation gets exactly one silver conversation row and every
message one silver message row, whatever its content.

One pass over bronze, no shuffle: each conversation gets an array of labelled messages
(`with_labelled_messages`): built-in higher-order functions over `conversation` and
`openai_moderation` give the turn, role, characters, placeholders and moderation flags of each
message, and one Arrow UDF (`text_annotations`) gives the language and token counts of all its
messages at once. That frame is staged once; `silver/messages` is its explosion and
`silver/conversations` its rollup with higher-order functions, both map-only. The text crosses
to Python once, as Arrow buffers, and the models are loaded once per process by `chatlake.text`
(never pickled: the UDF closes over settings only). On the embedded engine the UDF hands its
batches to a pool of worker processes (`chatlake.text.annotate`), so every core runs the kernels.

Why an Arrow UDF on the conversation's texts rather than a pandas UDF on exploded messages (the
earlier design): the pandas conversion, the message explode before the UDF and the shuffle of the
rollup (a group-by of every message, and a join back to bronze) were most of the engine's own
time and memory; measured in `bench/` (README, Enrichment).
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator, Sequence

import pyarrow as pa
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T
from pyspark.sql.functions import arrow_udf

from chatlake.config import TextSettings
from chatlake.results import RunInfo, StageResult, Steps
from chatlake.schema import CATEGORIES, MODERATION_KEYS, category_of
from chatlake.storage import Storage
from chatlake.tables import BRONZE, CONVERSATIONS, KEYS, MESSAGES, flag_column, parse_counters
from chatlake.text.annotate import AnnotationSpec, annotation_pool
from chatlake.text.langid import model_info
from chatlake.text.languages import LOOKUP
from chatlake.text.tokens import counter_info

log = logging.getLogger(__name__)

# Bump when the silver tables' logic changes: rows enriched by an older version are redone.
ENRICH_LOGIC_VERSION = "2"
_ROLES = ("user", "assistant")


def pipeline_version(settings: TextSettings) -> str:
    """Logic version plus a digest of the text settings: other models or counters mean a redo."""
    chosen = [settings.lid_model, settings.lid_min_chars, settings.lid_max_chars, list(settings.token_counters)]
    digest = hashlib.sha256(json.dumps(chosen).encode())
    return f"{ENRICH_LOGIC_VERSION}-{digest.hexdigest()[:12]}"


def annotation_spec(settings: TextSettings) -> AnnotationSpec:
    return AnnotationSpec(
        lid_model=settings.lid_model or None,
        lid_min_chars=settings.lid_min_chars,
        lid_max_chars=settings.lid_max_chars,
        token_counters=tuple(settings.token_counters),
    )


# --- messages -----------------------------------------------------------------------------------


def _category_flag(moderation: Column, category: str) -> Column:
    """Whether any moderation key of `category` is true (sub-keys roll up to their parent)."""
    keys = [k for k in MODERATION_KEYS if category_of(k) == category]
    flags = [F.coalesce(moderation["categories"][k], F.lit(False)) for k in keys]
    flagged = flags[0]
    for flag in flags[1:]:
        flagged = flagged | flag
    return F.when(moderation.isNotNull(), flagged)


def message_labels(
    conversation: Column, moderation: Column, annotations: Column | None = None, annotation_names: Sequence[str] = ()
) -> Column:
    """Per message of `conversation`, its labels.

    An array of struct(message_index (0-based), turn_index (user messages up to and including
    this one: a turn starts at each user message), role, chars, name_placeholders (NAME_k
    occurrences), is_flagged, flagged_<category> for the 5 categories), followed by the fields
    `annotation_names` of the entry of `annotations` (an array aligned with the messages) at the
    same position. A message takes the moderation entry at its position; without one (a shorter list,
    or none) its flags are null (unknown, counted as not flagged by the statistics). Null content
    has 0 characters.
    """

    def label(message: Column, index: Column) -> Column:
        entry = F.get(moderation, index)
        fields = [
            index.alias("message_index"),
            F.size(F.filter(F.slice(conversation, 1, index + 1), lambda m: m["role"] == "user")).alias("turn_index"),
            message["role"].alias("role"),
            F.coalesce(F.length(message["content"]), F.lit(0)).alias("chars"),
            F.coalesce(F.regexp_count(message["content"], F.lit(r"NAME_[0-9]+")), F.lit(0)).alias("name_placeholders"),
            entry["flagged"].alias("is_flagged"),
            *[_category_flag(entry, c).alias(flag_column(c)) for c in CATEGORIES],
        ]
        if annotations is not None:
            annotation = F.get(annotations, index)
            fields += [annotation[name].alias(name) for name in annotation_names]
        return F.struct(*fields)

    return F.transform(conversation, label)


def _annotation_type(spec: AnnotationSpec) -> T.StructType:
    return T.StructType(
        [T.StructField("lang", T.StringType()), T.StructField("lang_score", T.DoubleType())]
        + [T.StructField(column, T.LongType()) for column in spec.token_columns]
    )


def text_annotations(settings: TextSettings):
    """An iterator Arrow UDF: array<string> (the texts of a conversation's messages) ->
    array<struct<lang, lang_score, tokens_<counter>...>>, one entry per text.

    Empty or too short text gets `und` with score 0, and 0 tokens.
    """
    spec = annotation_spec(settings)

    @arrow_udf(T.ArrayType(_annotation_type(spec)))
    def annotate(batches: Iterator[pa.Array]) -> Iterator[pa.Array]:
        # Imported where the UDF runs: the models load there, once per process.
        from chatlake.text.annotate import annotate_lists

        yield from annotate_lists(batches, spec)

    return annotate


def with_labelled_messages(bronze_df: DataFrame, settings: TextSettings) -> DataFrame:
    """Bronze conversations with `labels`: per message, `message_labels` and the text
    annotations (lang, lang_score, tokens_<counter>...), in one struct.

    Input columns: `conversation_id`, `model`, `conversation`, `language`, `openai_moderation`,
    `redacted`, `_record_sha256`. Output columns: conversation_id, model, language, redacted,
    _record_sha256, turns (len(conversation) // 2, the released definition), labels.
    """
    names = _annotation_type(annotation_spec(settings)).names
    texts = text_annotations(settings)(F.transform("conversation", lambda m: m["content"]))
    labels = message_labels(F.col("conversation"), F.col("openai_moderation"), F.col("_texts"), names)
    return bronze_df.withColumn("_texts", texts).select(
        "conversation_id", "model", "language", "redacted", "_record_sha256",
        (F.size("conversation") / 2).cast("long").alias("turns"),
        labels.alias("labels"),
    )


def explode_messages(labelled_df: DataFrame) -> DataFrame:
    """`silver/messages`: one row per message.

    Input columns: `conversation_id`, `labels` (as `with_labelled_messages` makes it).
    Output columns: conversation_id, then the message struct's fields: message_index,
    turn_index, role, chars, name_placeholders, is_flagged, flagged_<category>, lang,
    lang_score, tokens_<counter>.
    """
    return labelled_df.select("conversation_id", F.explode("labels").alias("m")).select("conversation_id", "m.*")


# --- conversations ------------------------------------------------------------------------------


def language_code(name: Column) -> Column:
    """The lid.176 code of a released `language` name (`English` -> `en`); `und` when unknown.

    A literal map of `chatlake.text.languages.LOOKUP`, keyed the way `lookup_key` normalises names.
    """
    pairs = [F.lit(item) for key, code in sorted(LOOKUP.items()) for item in (key, code)]
    key = F.lower(F.trim(F.regexp_replace(name, r"[\s_\-]+", " ")))
    return F.coalesce(F.create_map(*pairs)[key], F.lit("und"))


def _with_role(messages: Column, role: str) -> Column:
    return F.filter(messages, lambda m: m["role"] == role)


def _total(messages: Column, field: str) -> Column:
    return F.aggregate(messages, F.lit(0).cast("long"), lambda acc, m: acc + F.coalesce(m[field], F.lit(0)).cast("long"))


def _any(messages: Column, field: str) -> Column:
    return F.exists(messages, lambda m: F.coalesce(m[field], F.lit(False)))


def conversation_rollups(labelled_df: DataFrame, settings: TextSettings) -> DataFrame:
    """`silver/conversations`: one row per conversation, from its labelled messages.

    Input columns: as `with_labelled_messages` makes them.
    Output columns: conversation_id, model, turns, messages, user_messages, assistant_messages,
    prompt_tokens_<counter> and response_tokens_<counter>, first_user_lang,
    first_user_lang_score, first_user_chars, language_name, language_code, language_agrees,
    other_language_share (share of the messages with a language that differs from the first
    user message's), user_flagged, assistant_flagged, user_flagged_<category>,
    assistant_flagged_<category>, redacted, name_placeholders, _record_sha256.
    """
    # Not named `messages`: an output column of that name would shadow it on the JVM engine
    # (lateral column aliases).
    messages = F.col("labels")
    by_role = {role: _with_role(messages, role) for role in _ROLES}
    first_user = F.get(by_role["user"], 0)
    first_lang = F.coalesce(first_user["lang"], F.lit("und"))
    langs = F.filter(F.transform(messages, lambda m: m["lang"]), lambda lang: lang != "und")
    counters = parse_counters(settings.token_counters)
    return labelled_df.select(
        "conversation_id",
        "model",
        "turns",
        F.size(messages).cast("long").alias("messages"),
        F.size(by_role["user"]).cast("long").alias("user_messages"),
        F.size(by_role["assistant"]).cast("long").alias("assistant_messages"),
        *[_total(by_role["user"], c.tokens).alias(c.prompt_tokens) for c in counters],
        *[_total(by_role["assistant"], c.tokens).alias(c.response_tokens) for c in counters],
        first_lang.alias("first_user_lang"),
        F.coalesce(first_user["lang_score"], F.lit(0.0)).alias("first_user_lang_score"),
        F.coalesce(first_user["chars"], F.lit(0)).alias("first_user_chars"),
        F.col("language").alias("language_name"),
        language_code(F.col("language")).alias("language_code"),
        (language_code(F.col("language")) == first_lang).alias("language_agrees"),
        F.when(F.size(langs) > 0, F.size(F.filter(langs, lambda lang: lang != first_lang)) / F.size(langs))
        .otherwise(0.0)
        .alias("other_language_share"),
        *[_any(by_role[role], "is_flagged").alias(f"{role}_flagged") for role in _ROLES],
        *[_any(by_role[role], flag_column(c)).alias(f"{role}_{flag_column(c)}") for role in _ROLES for c in CATEGORIES],
        "redacted",
        _total(messages, "name_placeholders").alias("name_placeholders"),
        "_record_sha256",
    )


# --- the job ------------------------------------------------------------------------------------


def enrich(storage: Storage, settings: TextSettings, run: RunInfo, full: bool = False, workers: int = 0) -> StageResult:
    """Write the silver tables from bronze; rows_in = rows_out = conversations enriched.

    Incremental by default: only bronze conversations without a silver row of the current
    `pipeline_version` are enriched (new ones, or ones an older version enriched). `full`
    rebuilds both tables. Parquet tables (no MERGE) are rebuilt whenever older rows exist.
    `workers` > 1 runs language ID and token counts in that many worker processes (for an engine
    that runs Python UDFs in its own process; see `chatlake.text.annotate`).
    """
    steps = Steps("enrich")
    version = pipeline_version(settings)
    bronze_df = storage.read(BRONZE)
    models = {"language_id": model_info(settings.lid_model or None)} | {
        c.tokens: counter_info(c.spec) for c in parse_counters(settings.token_counters)
    }

    mode = "overwrite"
    if not full and storage.exists(CONVERSATIONS):
        silver_df = storage.read(CONVERSATIONS).select("conversation_id", "pipeline_version")
        current_df = silver_df.filter(F.col("pipeline_version") == version).select("conversation_id")
        bronze_df = bronze_df.join(current_df, on="conversation_id", how="left_anti")
        has_stale = silver_df.filter(F.col("pipeline_version") != version).limit(1).count() > 0
        mode = "merge" if has_stale else "append"
        if has_stale and not storage.is_delta:
            log.info("enrich: older silver rows and no MERGE for %s tables: rebuilding", storage.format)
            bronze_df, mode = storage.read(BRONZE), "overwrite"

    stamp = {
        "pipeline_version": F.lit(version),
        "_enriched_at": F.lit(run.started_at_naive),
        "_run_id": F.lit(run.run_id),
    }
    try:
        with steps.step("label messages: language ID, tokens, moderation") as step:
            with annotation_pool(workers, annotation_spec(settings)):
                labelled_df = storage.stage(with_labelled_messages(bronze_df, settings), run.run_id, "labelled")
            step.rows = conversation_count = labelled_df.count()
        messages_df = explode_messages(labelled_df).withColumns(stamp)
        conversations_df = conversation_rollups(labelled_df, settings).withColumns(stamp)
        with steps.step(f"write silver ({mode})") as step:
            if mode == "merge":
                storage.merge(messages_df, MESSAGES, KEYS[MESSAGES])
                storage.merge(conversations_df, CONVERSATIONS, KEYS[CONVERSATIONS])
            elif mode == "overwrite" or conversation_count:
                storage.write(messages_df, MESSAGES, mode, run_id=run.run_id)
                storage.write(conversations_df, CONVERSATIONS, mode, run_id=run.run_id)
            step.rows = conversation_count
        message_count = labelled_df.select(F.sum(F.size("labels"))).first()[0] or 0
    finally:
        storage.drop_staging(run.run_id)
    log.info("enrich: %s conversations, %s messages enriched (%s)", f"{conversation_count:,}", f"{message_count:,}", mode)
    return StageResult(
        rows_in=conversation_count, rows_out=conversation_count,
        input=storage.path(BRONZE), input_table_version=storage.version(BRONZE), models=models,
        detail={"pipeline_version": version, "write_mode": mode, "messages": message_count, "workers": workers},
        steps=steps.records(),
    )
