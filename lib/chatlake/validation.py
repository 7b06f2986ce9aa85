"""Parsing and validation of incoming conversation records: pure DataFrame -> DataFrame transforms.

Every record gets a verdict; none is dropped here. Reason codes (column `_reject_reason`), in the
order they are checked, so a record carries the first that applies:

| code | meaning |
| --- | --- |
| `unparseable_line` | a JSON Lines line that is not a JSON object (not JSON, truncated, an array, `null`) |
| `wrong_type` | a field the layout reads holds the wrong JSON type (`"turn": "two"`, `"model": 13`, `"conversation": "..."`, a numeric `content`, an id that is neither a string nor an integer) |
| `schema_mismatch` | a row of a Parquet file whose schema cannot be read in its layout |
| `missing_id` | no id (absent, null or blank), with `ingest.missing_id = "quarantine"` (by default such a record gets an id derived from its content) |
| `malformed_id` | the id does not match `ingest.id_pattern` (empty by default: no pattern; derived ids are not checked) |
| `missing_conversation` | the message list absent or null |
| `empty_conversation` | the message list is `[]` |
| `invalid_message` | a message that is null |
| `unknown_role` | a message whose role is null or not in `ingest.known_roles` (after the layout's role aliases) |
| `conflicting_duplicate` | (`classify_records`) the id also belongs to a different record |

Accepted as they are, by decision: a moderation list shorter or longer than the conversation (its
entries apply to the messages by position; a message without one is "not flagged"), roles that do
not alternate, null or empty message content, and a `turn` that disagrees with the conversation
(statistics recompute turns from the messages).
"""  # noqa: E501 - the Markdown table's rows are one line each

from __future__ import annotations

from collections.abc import Sequence

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from chatlake.conform import conform_columns, json_read_schema, select_records, string_fields
from chatlake.layouts import LMSYS, Layout
from chatlake.schema import MODERATION_KEYS, RELEASED_COLUMNS

# JSON's whitespace: a line of nothing else is no record. (Spark's trim() removes spaces only.)
_BLANK_LINE = r"^[ \t\r]*$"
# A byte order mark opens some files written on Windows; the JVM's text reader drops it, Sail's keeps it.
_BOM = "^\ufeff"
# An id of whitespace only is no id.
_BLANK_ID = r"^[ \t\n\r\f\x0B]*$"
# from_json reads any JSON value into a string field (a number as its digits, an object as its
# JSON text), so the text alone cannot tell `"7"` from `7`. These texts could have been something
# other than a string; only for them is the line parsed again with other types (`_PROBE_TYPES`).
_MAYBE_NOT_STRING = r"^(-?[0-9]|true$|false$|[\[{])"
# The same for an id, where an integer is valid.
_MAYBE_NOT_ID = r"^(-?[0-9]+[.eE]|true$|false$|[\[{])"
# The JSON types that are not strings, and a Spark type that reads each of them and nothing else.
_PROBE_TYPES: dict[str, T.DataType] = {
    "number": T.DoubleType(),
    "boolean": T.BooleanType(),
    "object": T.MapType(T.StringType(), T.StringType()),
    "array": T.ArrayType(T.StringType()),
}


def _probe_schema(layout: Layout, data_type: T.DataType) -> T.StructType:
    top, nested = string_fields(layout)
    message = T.StructType([T.StructField(name, data_type) for name in nested])
    return T.StructType(
        [T.StructField(name, data_type) for name in top]
        + [T.StructField(name, T.ArrayType(message)) for name in layout.message_columns]
    )


def _is_read(probe: str, value: Column) -> Column:
    """True when a probe read the value: it had the probe's JSON type.

    The JVM reads the strings "NaN" and "Infinity" into a double too; no JSON number is either.
    """
    if probe == "number":
        return value.isNotNull() & ~F.isnan(value) & (F.abs(value) != F.lit(float("inf")))
    return value.isNotNull()


def _any(conditions: Sequence[Column]) -> Column:
    """True when one of `conditions` is, else False (never null)."""
    return F.coalesce(*[F.when(c, F.lit(True)) for c in conditions], F.lit(False))


def _any_message(messages: Column, condition) -> Column:
    """True when `condition(message)` holds for a message of `messages` (False for no list)."""
    return F.coalesce(F.exists(messages, condition), F.lit(False))


def _not_a_string(field: str, nested: str | None = None) -> Column:
    """True when a probe read top-level field `field` (or field `nested` of its messages)."""
    checks = []
    for probe in _PROBE_TYPES:
        column = F.col(f"_probe_{probe}")[field]
        if nested is None:
            checks.append(_is_read(probe, column))
        else:
            checks.append(_any_message(column, _reads_field(probe, nested)))
    return _any(checks)


def _reads_field(probe: str, name: str):
    return lambda message: _is_read(probe, message[name])


def _matches(name: str, pattern: str):
    return lambda message: message[name].rlike(pattern)


def parse_json_lines(lines_df: DataFrame, layout: Layout = LMSYS) -> DataFrame:
    """Parse JSON Lines text in `layout` into the released columns, flagging lines that cannot be
    records.

    Input columns: `value` (one line of text), `_source_file`.
    Output columns: the released columns and `battle` (null where absent), `_raw` (the line),
    `_source_file`, `_parse_error` (null, `unparseable_line` or `wrong_type`), `_parse_detail`,
    `_dropped` (the keys and message fields of the line that are not kept; null when none).
    Fields are read by name as `chatlake.conform` explains. Lines of JSON whitespace only are not
    records and are left out here; a byte order mark before a line is not part of it.
    A Chatbot Arena battle gives two records; one that cannot be read gives one, its line.
    """
    read_schema = json_read_schema(layout)
    top_strings, message_strings = string_fields(layout)
    parsed_df = (
        lines_df.withColumn("_raw", F.regexp_replace(F.col("value"), _BOM, ""))
        .filter(~F.col("_raw").rlike(_BLANK_LINE))
        .select(
            "_raw",
            "_source_file",
            F.from_json(F.col("_raw"), read_schema).alias("_record"),
            # Every top-level value as text: which keys are there and not null, whatever their type.
            F.from_json(F.col("_raw"), T.MapType(T.StringType(), T.StringType())).alias("_top"),
        )
    )
    text = lambda name: F.col("_top")[name]  # noqa: E731
    suspects = {
        name: text(name).rlike(_MAYBE_NOT_ID if name in layout.id_columns else _MAYBE_NOT_STRING)
        for name in top_strings
    }
    message_suspects = {
        (conversation, name): _any_message(F.col("_record")[conversation], _matches(name, _MAYBE_NOT_STRING))
        for conversation in layout.message_columns
        for name in message_strings
    }
    any_suspect = _any([*suspects.values(), *message_suspects.values()])
    probed_df = parsed_df.withColumns(
        {
            f"_probe_{probe}": F.when(any_suspect, F.from_json(F.col("_raw"), _probe_schema(layout, data_type)))
            for probe, data_type in _PROBE_TYPES.items()
        }
    )
    is_object = F.col("_top").isNotNull()
    # A present, non-null JSON value that the typed parse could not read is of the wrong type.
    unreadable = [
        F.when(text(name).isNotNull() & F.col("_record")[name].isNull(), F.lit(name)) for name in read_schema.names
    ]
    not_strings = [F.when(suspects[name] & _not_a_string(name), F.lit(name)) for name in top_strings]
    not_strings += [
        F.when(suspect & _not_a_string(conversation, name), F.lit(f"{conversation}[].{name}"))
        for (conversation, name), suspect in message_suspects.items()
    ]
    wrong_fields = F.concat_ws(", ", *unreadable, *not_strings)
    records_df = probed_df.select(
        *[F.col("_record")[name].alias(name) for name in read_schema.names],
        "_raw",
        "_source_file",
        F.when(~is_object, F.lit("unparseable_line"))
        .when(wrong_fields != "", F.lit("wrong_type"))
        .alias("_parse_error"),
        F.when(~is_object, F.lit("not a JSON object"))
        .when(wrong_fields != "", F.concat(F.lit("wrong JSON type for: "), wrong_fields))
        .alias("_parse_detail"),
        _dropped_keys(layout, read_schema.names).alias("_dropped"),
    )
    meta = ["_raw", "_source_file", "_parse_error", "_parse_detail", "_dropped"]
    return select_records(records_df, conform_columns(read_schema, layout), meta, F.col("_parse_error").isNotNull())


def _dropped_keys(layout: Layout, read: Sequence[str]) -> Column:
    """The line's top-level keys and message fields that `layout` does not read, null when none."""
    top = _unknown(F.map_keys(F.col("_top")), read)
    nested = []
    for conversation in layout.message_columns:
        messages = F.from_json(F.col("_top")[conversation], T.ArrayType(T.MapType(T.StringType(), T.StringType())))
        keys = F.flatten(F.transform(F.filter(messages, lambda m: m.isNotNull()), lambda m: F.map_keys(m)))
        unread = _unknown(keys, dict.fromkeys((layout.role, layout.content)))
        nested.append(F.transform(unread, _prefixed(f"{conversation}[].")))
    dropped = F.array_distinct(F.concat(top, *nested))
    return F.when(F.size(dropped) > 0, dropped)


def _unknown(keys: Column, known: Sequence[str]) -> Column:
    """The elements of `keys` not in `known` (an empty list for null keys)."""
    names = F.array(*[F.lit(name) for name in known])
    return F.coalesce(F.filter(keys, lambda key: ~F.array_contains(names, key)), _no_keys())


def _no_keys() -> Column:
    return F.array().cast("array<string>")


def _prefixed(prefix: str):
    return lambda key: F.concat(F.lit(prefix), key)


def with_conversation_ids(df: DataFrame, derive: bool) -> DataFrame:
    """Give a record without an id (absent, null or blank) one derived from its content, when
    `derive`: the first 32 hex characters of the sha-256 of its canonical form (`_canonical_record`,
    the id left out), so the same record gets the same id on every engine and in every run.

    Input columns: the released columns, `_parse_error` (ids are not derived for a line that could
    not be read). Output: the input, `conversation_id` filled in, and `_id_derived` (boolean).
    """
    conversation_id = F.col("conversation_id")
    has_id = conversation_id.isNotNull() & ~conversation_id.rlike(_BLANK_ID)
    is_derived = F.lit(False) if not derive else ~has_id & F.col("_parse_error").isNull()
    content = [name for name in RELEASED_COLUMNS if name != "conversation_id"]
    derived = F.substring(F.sha2(F.to_json(_canonical_record(content)), 256), 1, 32)
    return df.withColumn("_id_derived", is_derived).withColumn(
        "conversation_id", F.when(F.col("_id_derived"), derived).otherwise(conversation_id)
    )


def validate_records(df: DataFrame, id_pattern: str, known_roles: Sequence[str]) -> DataFrame:
    """Give every record a verdict: `_reject_reason` and `_reject_detail`, null when accepted.

    Input columns: the released columns, `_parse_error`, `_parse_detail` (null for Parquet input),
    `_id_derived` (optional; a derived id is not checked against `id_pattern`). An empty
    `id_pattern` checks nothing.
    Output: the input columns (less the two `_parse_*`) plus `_reject_reason`, `_reject_detail`.
    """
    conversation_id = F.col("conversation_id")
    conversation = F.col("conversation")
    is_derived = F.col("_id_derived") if "_id_derived" in df.columns else F.lit(False)
    roles = F.array(*[F.lit(role) for role in known_roles])
    has_null_message = F.exists(conversation, lambda message: message.isNull())
    has_unknown_role = F.exists(
        conversation, lambda message: message["role"].isNull() | ~F.array_contains(roles, message["role"])
    )
    first_unknown_role = F.filter(
        conversation, lambda message: message["role"].isNull() | ~F.array_contains(roles, message["role"])
    )[0]["role"]
    checks: list[tuple[Column, str, Column]] = [
        (F.col("_parse_error").isNotNull(), "", F.col("_parse_detail")),
        (conversation_id.isNull() | conversation_id.rlike(_BLANK_ID), "missing_id", F.lit("no conversation_id")),
    ]
    if id_pattern:
        checks.append(
            (
                ~is_derived & ~conversation_id.rlike(id_pattern),
                "malformed_id",
                F.concat(F.lit("conversation_id "), conversation_id, F.lit(" does not match "), F.lit(id_pattern)),
            )
        )
    checks += [
        (conversation.isNull(), "missing_conversation", F.lit("no conversation")),
        (F.size(conversation) == 0, "empty_conversation", F.lit("conversation has no messages")),
        (has_null_message, "invalid_message", F.lit("a message is null")),
        (
            has_unknown_role,
            "unknown_role",
            F.concat(F.lit("role "), F.coalesce(first_unknown_role, F.lit("null")), F.lit(" is not one of "),
                     F.lit(", ".join(known_roles))),
        ),
    ]
    reason: Column | None = None
    detail: Column | None = None
    for condition, code, why in checks:
        code_col = F.col("_parse_error") if code == "" else F.lit(code)
        reason = F.when(condition, code_col) if reason is None else reason.when(condition, code_col)
        detail = F.when(condition, why) if detail is None else detail.when(condition, why)
    return df.withColumn("_reject_reason", reason).withColumn("_reject_detail", detail).drop(
        "_parse_error", "_parse_detail"
    )


def _canonical_record(columns: Sequence[str] = RELEASED_COLUMNS) -> Column:
    """The released `columns` as one struct whose JSON text is the same on every engine.

    JSON renders doubles differently per engine (the JVM writes `1.0E-5`, Sail `0.00001`), so the
    moderation scores enter as integers: the score times 10^15, rounded. Records differing only
    below 1e-15 in a score count as the same.
    """
    scores = lambda entry: F.struct(  # noqa: E731
        *[F.round(entry["category_scores"][key] * 1e15).cast("long").alias(key) for key in MODERATION_KEYS]
    )
    moderation = F.transform(
        F.col("openai_moderation"),
        lambda entry: F.struct(
            entry["categories"].alias("categories"),
            scores(entry).alias("category_scores"),
            entry["flagged"].alias("flagged"),
        ),
    )
    return F.struct(*[moderation.alias(name) if name == "openai_moderation" else F.col(name) for name in columns])


def with_record_hash(df: DataFrame) -> DataFrame:
    """Add `_record_sha256`: sha256 of the record's released columns as JSON (its content key),
    and of its `battle` when it has one (a battle's verdict is part of the record).

    Two records with the same id and the same hash are copies; with different hashes, a conflict.
    """
    text = F.to_json(_canonical_record())
    if "battle" in df.columns:
        text = F.when(F.col("battle").isNull(), text).otherwise(F.concat(text, F.to_json(F.col("battle"))))
    return df.withColumn("_record_sha256", F.sha2(text, 256))


def classify_keys(keys_df: DataFrame, bronze_keys_df: DataFrame | None) -> DataFrame:
    """The records whose verdict is not the default one, from their keys alone.

    Input columns: `_row` (unique per record), `conversation_id`, `_record_sha256`,
    `_source_file`, `_reject_reason` (null when valid); `bronze_keys_df` has
    (`conversation_id`, `_record_sha256`) of the records already in bronze, or is None.
    Output columns: _row, _status (`duplicate` or `quarantined`), _reject_reason,
    _reject_detail, for the valid records that are a conflict or a duplicate; every other
    record keeps the default verdict (accepted when valid, quarantined with its reason when not).

    Only keys are grouped and joined here, never whole records: the memory this takes grows
    with the number of ids, not with the size of the conversations. The rules are those of
    `classify_records`.
    """
    valid_df = keys_df.filter(F.col("_reject_reason").isNull()).select(
        "_row", "conversation_id", "_record_sha256", "_source_file"
    )
    # Distinct hashes per id as a two-level count: the embedded engine's grouped countDistinct
    # keeps a hash set per group, gigabytes for a few hundred thousand ids.
    repeated_df = (
        valid_df.groupBy("conversation_id", "_record_sha256")
        .agg(F.count(F.lit(1)).alias("_copies"))
        .groupBy("conversation_id")
        .agg(F.sum("_copies").alias("_copies"), F.count(F.lit(1)).alias("_versions"))
        .filter(F.col("_copies") > 1)
    )
    # The first copy of each repeated record, by source file (then by row, for copies in one file).
    first_df = (
        valid_df.join(repeated_df, on="conversation_id", how="inner")
        .groupBy("conversation_id", "_record_sha256")
        .agg(F.min(F.struct("_source_file", "_row"))["_row"].alias("_first_row"))
    )
    candidates_df = valid_df.join(repeated_df.select("conversation_id", "_versions"), on="conversation_id", how="left")
    candidates_df = candidates_df.join(first_df, on=["conversation_id", "_record_sha256"], how="left")
    if bronze_keys_df is None:
        candidates_df = candidates_df.withColumn("_bronze_sha256", F.lit(None).cast("string"))
    else:
        bronze_hashes_df = bronze_keys_df.select("conversation_id", F.col("_record_sha256").alias("_bronze_sha256"))
        candidates_df = candidates_df.join(bronze_hashes_df, on="conversation_id", how="left")
    in_run_conflict = F.coalesce(F.col("_versions"), F.lit(1)) > 1
    in_bronze = F.col("_bronze_sha256").isNotNull()
    bronze_conflict = in_bronze & (F.col("_bronze_sha256") != F.col("_record_sha256"))
    later_copy = F.col("_first_row").isNotNull() & (F.col("_first_row") != F.col("_row"))
    conflict = in_run_conflict | bronze_conflict
    return candidates_df.filter(conflict | in_bronze | later_copy).select(
        "_row",
        F.when(conflict, F.lit("quarantined")).otherwise(F.lit("duplicate")).alias("_status"),
        F.when(conflict, F.lit("conflicting_duplicate")).alias("_reject_reason"),
        F.when(
            in_run_conflict,
            F.concat(F.col("_versions").cast("string"), F.lit(" different records share this id in this input")),
        )
        .when(bronze_conflict, F.lit("differs from the record with this id already in bronze"))
        .alias("_reject_detail"),
    )


def apply_verdicts(records_df: DataFrame, exceptions_df: DataFrame) -> DataFrame:
    """Give every record its `_status`: accepted, duplicate or quarantined.

    Input: the records (`_row`, `_reject_reason`, `_reject_detail`, ...) and the exceptions that
    `classify_keys` found. Output: the input columns, `_status`, and `_reject_reason` /
    `_reject_detail` also set for conflicting duplicates.
    """
    verdicts_df = exceptions_df.select(
        "_row",
        F.col("_status").alias("_verdict"),
        F.col("_reject_reason").alias("_verdict_reason"),
        F.col("_reject_detail").alias("_verdict_detail"),
    )
    joined_df = records_df.join(verdicts_df, on="_row", how="left")
    is_valid = F.col("_reject_reason").isNull()
    return joined_df.withColumns(
        {
            "_status": F.when(~is_valid, F.lit("quarantined")).otherwise(F.coalesce("_verdict", F.lit("accepted"))),
            "_reject_detail": F.when(~is_valid, F.col("_reject_detail")).otherwise(F.col("_verdict_detail")),
            "_reject_reason": F.when(~is_valid, F.col("_reject_reason")).otherwise(F.col("_verdict_reason")),
        }
    ).drop("_verdict", "_verdict_reason", "_verdict_detail")


def classify_records(records_df: DataFrame, bronze_keys_df: DataFrame | None) -> DataFrame:
    """Decide what happens to every validated record: `_status` accepted, duplicate or quarantined.

    Input columns: `_row` (unique per record), `conversation_id`, `_record_sha256`,
    `_source_file`, `_reject_reason`, `_reject_detail`; `bronze_keys_df` has
    (`conversation_id`, `_record_sha256`) of the records already in bronze, or is None when
    bronze does not exist yet.
    Output: the input columns, `_status`, and `_reject_reason` / `_reject_detail` also set for
    conflicting duplicates.

    Rules: a record that failed validation is quarantined. An id that has two or more different
    valid records in this input is a conflict: all of them are quarantined, since nothing says
    which is right. A record whose id is already in bronze with other content is quarantined (bronze
    keeps what it has); with the same content it is a duplicate. Of identical copies within the
    input, the first by source file is accepted and the rest are duplicates.
    """
    return apply_verdicts(records_df, classify_keys(records_df, bronze_keys_df))
