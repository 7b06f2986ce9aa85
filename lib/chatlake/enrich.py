"""Enrichment: bronze conversations -> `silver/messages` and `silver/conversations`.

Label, don't drop: every bronze conversation gets exactly one silver conversation row and every
message one silver message row, whatever its content.

One pass over bronze, no shuffle, no join: each conversation gets an array of labelled messages
(`with_labelled_messages`) from one Arrow UDF over its `conversation`, the two fields of
`openai_moderation` that labels read (`categories`, `flagged`; the scores stay in the table) and its
released `language` name: the turn, role, characters, placeholders and moderation flags of each
message (`chatlake.labels`, array operations on the whole batch), the language and token counts of
its text (`chatlake.text`), the key of its first prompt (`chatlake.text.prompts`) and the code of
the released language name (`chatlake.text.languages.names_to_codes`). That frame is computed once
(`Storage.checkpoint`); `silver/messages` is its explosion and `silver/conversations` a projection
of its rollup, both map-only. The text crosses to Python once, as Arrow buffers, and the models are
loaded once per process (never pickled: the UDF closes over settings only). On the embedded engine
the UDF hands the texts to a pool of worker processes (`chatlake.text.annotate`), so every core runs
the kernels, and makes the next batch's labels meanwhile.

Why this shape (measured in `bench/`, README: Enrichment): the earlier design exploded messages,
ran a pandas UDF on them and rolled them up with a group-by and a join back to bronze; the
pandas conversion, the shuffle and that join were most of the engine's own time and memory. And
the embedded engine evaluates higher-order functions element by element, so per-message labels
built with them cost more than the kernels; per-conversation rollups are few enough to stay
built-ins.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterator

import pyarrow as pa
import pyarrow.compute as pc
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T
from pyspark.sql.functions import arrow_udf
from pyspark.sql.pandas.types import from_arrow_type

from chatlake.config import TextSettings
from chatlake.labels import LABEL_TYPE, ROLES, message_labels, rollup_type
from chatlake.labels import conversation_rollups as rollups_of
from chatlake.results import RunInfo, StageResult, Steps
from chatlake.schema import CATEGORIES
from chatlake.storage import Storage
from chatlake.tables import BRONZE, CONVERSATIONS, KEYS, MESSAGES, flag_column, parse_counters
from chatlake.text.annotate import AnnotationSpec, annotate_stream, annotation_pool
from chatlake.text.langid import model_info
from chatlake.text.languages import names_to_codes
from chatlake.text.tokens import counter_info

log = logging.getLogger(__name__)

# Bump when the silver tables' logic changes: rows enriched by an older version are redone.
ENRICH_LOGIC_VERSION = "3"


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


def label_batches(
    batches: Iterator[tuple[pa.ListArray, pa.ListArray, pa.ListArray, pa.Array]], spec: AnnotationSpec
) -> Iterator[pa.StructArray]:
    """For each batch of (`conversation`, `openai_moderation.categories`,
    `openai_moderation.flagged`, `language`) arrays, one struct per conversation: `labels`, the
    list of its messages' labels (`chatlake.labels.message_labels`, then the text annotations
    lang, lang_score, tokens_<counter>..., text_key), `rollup`, what the conversation's row of
    silver/conversations takes from them (`chatlake.labels.conversation_rollups`), and
    `language_code`, the lid.176 code of the released language name (`und` when unknown).

    The text annotations are computed in the open annotation pool of this process when there is
    one (see `chatlake.text.annotate`), while the next batches' labels are made here.
    """

    def prepared() -> Iterator[tuple[tuple[pa.ListArray, pa.StructArray, pa.Array], pa.StructArray]]:
        for conversation, categories, flagged, language in batches:
            labels = message_labels(conversation, categories, flagged)
            yield (conversation, labels, language), conversation.flatten()

    for (conversation, labels, language), annotated in annotate_stream(prepared(), spec):
        columns = {name: labels.field(name) for name in LABEL_TYPE.names}
        columns |= {field.name: annotated.field(field.name) for field in spec.arrow_type()}
        messages = pa.StructArray.from_arrays(list(columns.values()), names=list(columns))
        lengths = pc.fill_null(pc.list_value_length(conversation), 0)
        offsets = pa.concat_arrays([pa.array([0], pa.int32()), pc.cumulative_sum(lengths).cast(pa.int32())])
        rollups = rollups_of(lengths.to_numpy(zero_copy_only=False), messages, spec.token_columns)
        yield pa.StructArray.from_arrays(
            [pa.ListArray.from_arrays(offsets, messages), rollups, names_to_codes(language)],
            names=["labels", "rollup", "language_code"],
            mask=conversation.is_null(),
        )


def _labels_type(spec: AnnotationSpec) -> T.StructType:
    """The UDF's return type: the Arrow types of the labels, annotations and rollups, as Spark's."""
    message = pa.struct([*LABEL_TYPE, *spec.arrow_type()])
    return from_arrow_type(pa.struct([
        pa.field("labels", pa.list_(message)), pa.field("rollup", rollup_type(spec.token_columns)),
        pa.field("language_code", pa.string()),
    ]))


def message_labels_udf(settings: TextSettings):
    """An iterator Arrow UDF: (`conversation`, `openai_moderation.categories`,
    `openai_moderation.flagged`, `language`) -> struct<labels:
    array<struct<message_index, turn_index, role, chars, name_placeholders, is_flagged,
    flagged_<category>..., lang, lang_score, tokens_<counter>..., text_key>>, rollup: struct<...>,
    language_code: string>, one label per message and one rollup and code per conversation (see
    `label_batches`).

    Empty or too short text gets `und` with score 0, and 0 tokens.
    """
    spec = annotation_spec(settings)

    @arrow_udf(_labels_type(spec))
    def label(batches: Iterator[tuple[pa.Array, pa.Array, pa.Array, pa.Array]]) -> Iterator[pa.Array]:
        yield from label_batches(batches, spec)

    return label


def label_inputs() -> tuple[Column, Column, Column, Column]:
    """The UDF's inputs: the messages, only the moderation fields the labels read (the scores, 11
    doubles a message, are neither read from the files nor sent to Python workers) and the
    released language name."""
    return (F.col("conversation"), F.col("openai_moderation.categories"), F.col("openai_moderation.flagged"),
            F.col("language"))


def with_labelled_messages(bronze_df: DataFrame, settings: TextSettings) -> DataFrame:
    """Bronze conversations with `labels` (per message, its labels and text annotations, in one
    struct), `rollup` (what silver/conversations takes from them) and `language_code`, from
    `message_labels_udf`.

    Input columns: `conversation_id`, `model`, `conversation`, `language`, `openai_moderation`,
    `redacted`, `_record_sha256`. Output columns: conversation_id, model, language, redacted,
    _record_sha256, turns (len(conversation) // 2, the released definition), labels, rollup,
    language_code.
    """
    labelled = message_labels_udf(settings)(*label_inputs())
    return bronze_df.withColumn("_labelled", labelled).select(
        "conversation_id", "model", "language", "redacted", "_record_sha256",
        (F.size("conversation") / 2).cast("long").alias("turns"),
        F.col("_labelled.labels").alias("labels"),
        F.col("_labelled.rollup").alias("rollup"),
        # A null conversation (ingest quarantines them) gets a null struct.
        F.coalesce(F.col("_labelled.language_code"), F.lit("und")).alias("language_code"),
    )


def explode_messages(labelled_df: DataFrame) -> DataFrame:
    """`silver/messages`: one row per message.

    Input columns: `conversation_id`, `labels` (as `with_labelled_messages` makes it).
    Output columns: conversation_id, then the message struct's fields: message_index,
    turn_index, role, chars, name_placeholders, is_flagged, flagged_<category>, lang,
    lang_score, tokens_<counter>, text_key (`chatlake.text.prompts.prompt_key` of a user message's
    text; null for other roles and for text that normalises to nothing).
    """
    return labelled_df.select("conversation_id", F.explode("labels").alias("m")).select("conversation_id", "m.*")


# --- conversations ------------------------------------------------------------------------------


def conversation_rollups(labelled_df: DataFrame, settings: TextSettings) -> DataFrame:
    """`silver/conversations`: one row per conversation, from its labelled messages.

    Input columns: as `with_labelled_messages` makes them.
    Output columns: conversation_id, model, turns, messages, user_messages, assistant_messages,
    prompt_tokens_<counter> and response_tokens_<counter>, first_user_lang,
    first_user_lang_score, first_user_chars, first_prompt_key, language_name, language_code,
    language_agrees,
    other_language_share (share of the messages with a language that differs from the first
    user message's), user_flagged, assistant_flagged, user_flagged_<category>,
    assistant_flagged_<category>, redacted, name_placeholders, _record_sha256 (the rollups are
    `chatlake.labels.conversation_rollups`).
    """
    counters = parse_counters(settings.token_counters)
    rollup = F.col("rollup")
    code = F.col("language_code")
    return labelled_df.select(
        "conversation_id",
        "model",
        "turns",
        *[rollup[name].alias(name) for name in ("messages", "user_messages", "assistant_messages")],
        *[rollup[c.prompt_tokens].alias(c.prompt_tokens) for c in counters],
        *[rollup[c.response_tokens].alias(c.response_tokens) for c in counters],
        *[rollup[name].alias(name) for name in (
            "first_user_lang", "first_user_lang_score", "first_user_chars", "first_prompt_key")],
        F.col("language").alias("language_name"),
        code.alias("language_code"),
        (code == rollup["first_user_lang"]).alias("language_agrees"),
        rollup["other_language_share"].alias("other_language_share"),
        *[rollup[f"{role}_flagged"].alias(f"{role}_flagged") for role in ROLES],
        *[rollup[f"{role}_{flag_column(c)}"].alias(f"{role}_{flag_column(c)}") for role in ROLES for c in CATEGORIES],
        "redacted",
        rollup["name_placeholders"].alias("name_placeholders"),
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
                labelled_df = storage.checkpoint(with_labelled_messages(bronze_df, settings), run.run_id, "labelled")
            # Both counts from the rollups, in one small query: no list of labels is read again.
            conversation_count, message_count = labelled_df.select(
                F.count(F.lit(1)), F.coalesce(F.sum("rollup.messages"), F.lit(0))
            ).first()
            step.rows = conversation_count
        messages_df = explode_messages(labelled_df).withColumns(stamp)
        conversations_df = conversation_rollups(labelled_df, settings).withColumns(stamp)
        with steps.step(f"write silver ({mode})") as step:
            if mode != "overwrite":
                # Silver written by an older version may lack a column this one adds.
                for table, table_df in ((MESSAGES, messages_df), (CONVERSATIONS, conversations_df)):
                    storage.add_missing_columns(table, table_df.schema)
            if mode == "merge":
                storage.merge(messages_df, MESSAGES, KEYS[MESSAGES])
                storage.merge(conversations_df, CONVERSATIONS, KEYS[CONVERSATIONS])
            elif mode == "overwrite" or conversation_count:
                storage.write(messages_df, MESSAGES, mode, run_id=run.run_id)
                storage.write(conversations_df, CONVERSATIONS, mode, run_id=run.run_id)
            step.rows = conversation_count
    finally:
        storage.drop_staging(run.run_id)
    log.info(
        "enrich: %s conversations, %s messages enriched (%s)", f"{conversation_count:,}", f"{message_count:,}", mode
    )
    return StageResult(
        rows_in=conversation_count, rows_out=conversation_count,
        input=storage.path(BRONZE), input_table_version=storage.version(BRONZE), models=models,
        detail={"pipeline_version": version, "write_mode": mode, "messages": message_count, "workers": workers},
        steps=steps.records(),
    )
