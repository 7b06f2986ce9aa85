"""Parsing and validation of incoming conversation records: pure DataFrame -> DataFrame transforms.

Every record gets a verdict; none is dropped here. Reason codes (column `_reject_reason`), in the
order they are checked, so a record carries the first that applies:

| code | meaning |
| --- | --- |
| `unparseable_line` | a JSON Lines line that is not a JSON object (not JSON, truncated, an array, `null`) |
| `wrong_type` | a field of the wrong JSON type (`"turn": "two"`, `"model": 13`, `"conversation": "..."`) |
| `schema_mismatch` | a row of a Parquet file whose schema cannot be read as the released one |
| `missing_id` | `conversation_id` absent, null or blank |
| `malformed_id` | `conversation_id` does not match `ingest.id_pattern` (default: 32 lowercase hex) |
| `missing_conversation` | `conversation` absent or null |
| `empty_conversation` | `conversation` is `[]` |
| `invalid_message` | a message that is null |
| `unknown_role` | a message whose role is null or not in `ingest.known_roles` |
| `conflicting_duplicate` | (`classify_records`) the id also belongs to a different record |

Accepted as they are, by decision: a moderation list shorter or longer than the conversation (its
entries apply to the messages by position; a message without one is "not flagged"), roles that do
not alternate, null or empty message content, and a `turn` that disagrees with the conversation
(statistics recompute turns from the messages).
"""

from __future__ import annotations

from collections.abc import Sequence

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from chatlake.conform import JSON_READ_SCHEMA, conform_columns
from chatlake.schema import MODERATION_KEYS, RELEASED_COLUMNS

# Top-level fields whose JSON value must be a string, and message fields likewise.
_STRING_FIELDS = ("conversation_id", "conversation_hash", "model", "language")
_NESTED_STRING_FIELDS = ("content", "role")


def _json_value_is_not_string(field: str) -> Column:
    """True when the raw line has `"field": <number|true|false|object|array>`.

    from_json turns a JSON number into a string silently on every engine, so the raw text is the
    only place the wrong type shows. A key inside a JSON string value is escaped (`\\"field\\"`)
    and does not match.
    """
    return F.col("_raw").rlike(rf'"{field}"\s*:\s*[-0-9tf\[{{]')


def parse_json_lines(lines_df: DataFrame) -> DataFrame:
    """Parse JSON Lines text into the released columns, flagging lines that cannot be records.

    Input columns: `value` (one line of text), `_source_file`.
    Output columns: the released columns (null where absent), `_raw` (the line), `_source_file`,
    `_parse_error` (null, `unparseable_line` or `wrong_type`) and `_parse_detail`.
    Fields are read by name as `chatlake.conform` explains (WildChat's `conversation_hash` and
    underscore moderation keys included). Blank lines are not records and are dropped here (the
    ingest log counts them).
    """
    parsed_df = (
        lines_df.filter(F.trim(F.col("value")) != "")
        .withColumnRenamed("value", "_raw")
        .withColumn("_record", F.from_json(F.col("_raw"), JSON_READ_SCHEMA))
    )
    is_object = F.col("_raw").rlike(r"^\s*\{") & F.get_json_object(F.col("_raw"), "$").isNotNull()
    # A present, non-null JSON value that the typed parse could not read is of the wrong type.
    unreadable = [
        F.when(
            F.get_json_object(F.col("_raw"), f"$.{name}").isNotNull() & F.col(f"_record.{name}").isNull(),
            F.lit(name),
        )
        for name in JSON_READ_SCHEMA.names
    ]
    coerced = [F.when(_json_value_is_not_string(name), F.lit(name)) for name in _STRING_FIELDS]
    coerced += [F.when(_json_value_is_not_string(name), F.lit(f"conversation[].{name}")) for name in _NESTED_STRING_FIELDS]
    wrong_fields = F.concat_ws(", ", *unreadable, *coerced)
    # The id column is chosen per line here (a file may mix both names), then read as any source.
    read_schema = T.StructType([f for f in JSON_READ_SCHEMA.fields if f.name != "conversation_hash"])
    records_df = parsed_df.select(
        *[
            F.coalesce("_record.conversation_id", "_record.conversation_hash").alias(name)
            if name == "conversation_id"
            else F.col(f"_record.{name}")
            for name in read_schema.names
        ],
        "_raw",
        "_source_file",
        F.when(~is_object, F.lit("unparseable_line"))
        .when(wrong_fields != "", F.lit("wrong_type"))
        .alias("_parse_error"),
        F.when(~is_object, F.lit("not a JSON object"))
        .when(wrong_fields != "", F.concat(F.lit("wrong JSON type for: "), wrong_fields))
        .alias("_parse_detail"),
    )
    return records_df.select(*conform_columns(read_schema).columns, "_raw", "_source_file", "_parse_error", "_parse_detail")


def validate_records(df: DataFrame, id_pattern: str, known_roles: Sequence[str]) -> DataFrame:
    """Give every record a verdict: `_reject_reason` and `_reject_detail`, null when accepted.

    Input columns: the released columns, `_parse_error`, `_parse_detail` (null for Parquet input).
    Output: the input columns (less the two `_parse_*`) plus `_reject_reason`, `_reject_detail`.
    """
    conversation_id = F.col("conversation_id")
    conversation = F.col("conversation")
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
        (conversation_id.isNull() | (F.trim(conversation_id) == ""), "missing_id", F.lit("no conversation_id")),
        (
            ~conversation_id.rlike(id_pattern),
            "malformed_id",
            F.concat(F.lit("conversation_id does not match "), F.lit(id_pattern)),
        ),
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


def _canonical_record() -> Column:
    """The released columns as one struct whose JSON text is the same on every engine.

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
            entry["categories"].alias("categories"), scores(entry).alias("category_scores"), entry["flagged"].alias("flagged")
        ),
    )
    return F.struct(*[moderation.alias(name) if name == "openai_moderation" else F.col(name) for name in RELEASED_COLUMNS])


def with_record_hash(df: DataFrame) -> DataFrame:
    """Add `_record_sha256`: sha256 of the record's released columns as JSON (its content key).

    Two records with the same id and the same hash are copies; with different hashes, a conflict.
    """
    return df.withColumn("_record_sha256", F.sha2(F.to_json(_canonical_record()), 256))


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
