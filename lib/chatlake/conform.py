"""Read other layouts of the same data as the released schema: select expressions from a schema.

The LMSYS-Chat-1M shards as released pass through unchanged. Other datasets in the OpenAI message
format differ in ways that are reconciled by name, never by position:

- the id column: `conversation_id`, or WildChat's `conversation_hash` when there is no
  `conversation_id`;
- moderation keys: the released slash spelling (`self-harm/intent`) or the underscore spelling of
  the OpenAI Python SDK (`self_harm_intent`), which WildChat-1M carries beside the other. When a
  record has both, a category is flagged when either says so and its score is the larger one;
- structs with more fields than the released ones (WildChat's messages carry `country`,
  `hashed_ip`, `toxic`, ...) and extra columns: not kept; the caller logs `Conformed.dropped`;
- absent optional columns (`model`, `turn`, `language`, `openai_moderation`, `redacted`) and
  absent optional fields (a moderation key an older moderation model did not have, `flagged`,
  `category_scores`): null.

What cannot be reconciled is a schema problem (`Conformed.problems`): a required column or field
missing (`conversation_id`, `conversation`, a message's `content` and `role`, a moderation
entry's `categories`), or a type that cannot be read as the released one without loss.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pyspark.sql import Column
from pyspark.sql import functions as F
from pyspark.sql import types as T

from chatlake.schema import LMSYS_SCHEMA, MODERATION_KEYS

ID_COLUMNS = ("conversation_id", "conversation_hash")
REQUIRED_COLUMNS = ("conversation_id", "conversation")
# Fields a struct must have, by the path of the struct (`[]` is an array element).
REQUIRED_FIELDS = {"conversation[]": ("content", "role"), "openai_moderation[]": ("categories",)}

_INTEGRAL = (T.ByteType, T.ShortType, T.IntegerType, T.LongType)


def underscore_spelling(key: str) -> str:
    """The OpenAI Python SDK's field name for a moderation key: `self-harm/intent` -> `self_harm_intent`."""
    return key.replace("/", "_").replace("-", "_")


# Moderation keys with a second spelling, and both spellings.
_SPELLINGS = {key: (key, underscore_spelling(key)) for key in MODERATION_KEYS if underscore_spelling(key) != key}


@dataclass
class Conformed:
    """The released columns read from a source schema, and what that took."""

    columns: list[Column] = field(default_factory=list)  # in the released order, with released types
    id_column: str | None = None  # the source column read as `conversation_id`
    problems: list[str] = field(default_factory=list)  # why the source cannot be read (empty: it can)
    dropped: list[str] = field(default_factory=list)  # source columns and fields that are not kept
    renamed: list[str] = field(default_factory=list)  # `source -> released` names that were mapped


def strip_nullability(data_type: T.DataType) -> T.DataType:
    """`data_type` with every field and element nullable, for comparing types by shape only."""
    if isinstance(data_type, T.StructType):
        return T.StructType([T.StructField(f.name, strip_nullability(f.dataType)) for f in data_type.fields])
    if isinstance(data_type, T.ArrayType):
        return T.ArrayType(strip_nullability(data_type.elementType))
    return data_type


def _castable(actual: T.DataType, expected: T.DataType) -> bool:
    """Whether a primitive column of type `actual` reads as `expected` without losing anything."""
    if isinstance(expected, T.LongType):
        return isinstance(actual, _INTEGRAL)
    if isinstance(expected, T.DoubleType):
        return isinstance(actual, (T.FloatType, T.DoubleType))
    return actual == expected


def _conform(value: Column, actual: T.DataType, expected: T.DataType, path: str, out: Conformed) -> Column:
    """`value` (of type `actual`) as type `expected`; what cannot be done goes into `out`."""
    if strip_nullability(actual) == expected:
        return value
    if isinstance(expected, T.ArrayType) and isinstance(actual, T.ArrayType):
        element_path = f"{path}[]"
        return F.transform(
            value, lambda element: _conform(element, actual.elementType, expected.elementType, element_path, out)
        )
    if isinstance(expected, T.StructType) and isinstance(actual, T.StructType):
        return _conform_struct(value, actual, expected, path, out)
    if isinstance(expected, (T.ArrayType, T.StructType)) or not _castable(actual, expected):
        out.problems.append(f"{_shown(path)} is {actual.simpleString()}, expected {expected.simpleString()}")
        return F.lit(None).cast(expected)
    return value.cast(expected)


def _conform_struct(value: Column, actual: T.StructType, expected: T.StructType, path: str, out: Conformed) -> Column:
    present = {f.name: f.dataType for f in actual.fields}
    used: set[str] = set()
    fields = []
    for target in expected.fields:
        sources = [name for name in _SPELLINGS.get(target.name, (target.name,)) if name in present]
        used.update(sources)
        if not sources:
            if target.name in REQUIRED_FIELDS.get(path, ()):
                out.problems.append(f"{_shown(path)} has no field {target.name}")
            fields.append(F.lit(None).cast(target.dataType).alias(target.name))
            continue
        values = [_conform(value[name], present[name], target.dataType, f"{path}.{name}", out) for name in sources]
        # Both spellings present: flagged when either is, the larger score (greatest skips nulls).
        fields.append((values[0] if len(values) == 1 else F.greatest(*values)).alias(target.name))
    out.dropped += [f"{_shown(path)}.{name}" for name in present if name not in used]
    return F.when(value.isNotNull(), F.struct(*fields))


def _shown(path: str) -> str:
    return f"column {path}" if "." not in path and "[" not in path else path


def conform_columns(schema: T.StructType) -> Conformed:
    """The released columns, in order and with their released types, read from `schema`'s columns."""
    out = Conformed()
    present = {f.name: f.dataType for f in schema.fields}
    used: set[str] = set()
    for target in LMSYS_SCHEMA.fields:
        names = ID_COLUMNS if target.name == "conversation_id" else (target.name,)
        source = next((name for name in names if name in present), None)
        if source is None:
            if target.name in REQUIRED_COLUMNS:
                out.problems.append(f"column {target.name} is missing")
            out.columns.append(F.lit(None).cast(target.dataType).alias(target.name))
            continue
        used.add(source)
        if target.name == "conversation_id":
            out.id_column = source
        if source != target.name:
            out.renamed.append(f"{source} -> {target.name}")
        column = _conform(F.col(f"`{source}`"), present[source], target.dataType, source, out)
        out.columns.append(column.alias(target.name))
    out.dropped = [f"column {name}" for name in present if name not in used] + out.dropped
    return out


def _with_underscore_keys(moderation_part: T.StructType) -> T.StructType:
    extra = [T.StructField(_SPELLINGS[f.name][1], f.dataType) for f in moderation_part.fields if f.name in _SPELLINGS]
    return T.StructType([*moderation_part.fields, *extra])


def _json_read_schema() -> T.StructType:
    """The released schema widened with every spelling `conform_columns` reconciles, for from_json
    (which silently ignores the fields its schema does not name)."""
    moderation = LMSYS_SCHEMA["openai_moderation"].dataType.elementType
    wide_moderation = T.StructType(
        [
            T.StructField(f.name, _with_underscore_keys(f.dataType)) if isinstance(f.dataType, T.StructType) else f
            for f in moderation.fields
        ]
    )
    fields = [
        T.StructField("openai_moderation", T.ArrayType(wide_moderation)) if f.name == "openai_moderation" else f
        for f in LMSYS_SCHEMA.fields
    ]
    return T.StructType([*fields, T.StructField("conversation_hash", T.StringType())])


JSON_READ_SCHEMA = _json_read_schema()
