"""Read any known layout (`chatlake.layouts`) as the released schema: select expressions from a
schema and a layout.

The LMSYS-Chat-1M shards as released pass through unchanged. Other layouts are reconciled by name,
never by position:

- the id: the layout's id column, a string or an integer (read as its decimal text); a layout
  with several (LMSYS's `conversation_id`, else WildChat's `conversation_hash`) takes the first
  that is not null. No id column at all is no problem here: `validation.with_conversation_ids`
  derives ids from the content;
- the messages: the layout's list column, its role and text fields read as `role` and `content`,
  and role aliases (ShareGPT's `human`, `gpt`, ...; `[ingest.roles]`) replaced by the role;
- moderation keys: the released slash spelling (`self-harm/intent`) or the underscore spelling of
  the OpenAI Python SDK (`self_harm_intent`), which WildChat-1M carries beside the other. When a
  record has both, a category is flagged when either says so and its score is the larger one. A
  single moderation result (Chatbot Arena's, of the battle's prompt) becomes a list of one, which
  applies to the first message by the position rule of `chatlake.validation`;
- Chatbot Arena: each side of a battle is a record of its own (`Conformed.records` has two), with
  the id `<question_id>-a` / `-b`, its side's model, and `battle` (`chatlake.schema.BATTLE_TYPE`);
- structs with more fields than the released ones (WildChat's messages carry `country`,
  `hashed_ip`, `toxic`, ...) and extra columns: not kept; the caller logs `Conformed.dropped`;
- absent optional columns (`model`, `turn`, `language`, `openai_moderation`, `redacted`) and
  absent optional fields (a moderation key an older moderation model did not have, `flagged`,
  `category_scores`): null.

What cannot be reconciled is a schema problem (`Conformed.problems`): the message list missing, a
message without the role or text field, a moderation entry without `categories`, a column that
`[ingest.columns]` names but the source lacks, or a type that cannot be read as the released one
without loss.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from chatlake.layouts import LMSYS, Layout
from chatlake.schema import BATTLE_TYPE, CONFORMED_COLUMNS, LMSYS_SCHEMA, MESSAGE_TYPE, MODERATION_KEYS

# Fields a moderation entry must have.
REQUIRED_MODERATION_FIELDS = ("categories",)

_INTEGRAL = (T.ByteType, T.ShortType, T.IntegerType, T.LongType)
_RELEASED = {f.name: f.dataType for f in LMSYS_SCHEMA.fields}
_MODERATION_ENTRY = _RELEASED["openai_moderation"].elementType


def underscore_spelling(key: str) -> str:
    """The OpenAI Python SDK's field name for a moderation key: `self-harm/intent` -> `self_harm_intent`."""
    return key.replace("/", "_").replace("-", "_")


# Moderation keys with a second spelling, and both spellings.
_SPELLINGS = {key: (key, underscore_spelling(key)) for key in MODERATION_KEYS if underscore_spelling(key) != key}


@dataclass
class Conformed:
    """The released columns read from a source schema, and what that took."""

    # One struct per record of a source row (two for a Chatbot Arena battle), each with the
    # released columns in order and with their types, then `battle`.
    records: list[Column] = field(default_factory=list)
    id_column: str | None = None  # the source column read as `conversation_id`
    problems: list[str] = field(default_factory=list)  # why the source cannot be read (empty: it can)
    dropped: list[str] = field(default_factory=list)  # source columns and fields that are not kept
    renamed: list[str] = field(default_factory=list)  # `source -> released` names that were mapped
    # Every (source columns, released column) read, in the released order, for `inspect`.
    mapping: list[tuple[str, str]] = field(default_factory=list)


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
            if path.endswith("openai_moderation[]") and target.name in REQUIRED_MODERATION_FIELDS:
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


def _column(name: str) -> Column:
    return F.col(f"`{name}`")


def _with_aliases(role: Column, aliases: dict[str, str]) -> Column:
    """`role`, or the role its alias stands for (a CASE: the same on every engine, ANSI or not)."""
    if not aliases:
        return role
    mapped = None
    for alias, target in aliases.items():
        mapped = F.when(role == alias, F.lit(target)) if mapped is None else mapped.when(role == alias, F.lit(target))
    return mapped.otherwise(role)


class _Reader:
    """Builds the expressions of `conform_columns` for one schema and layout."""

    def __init__(self, schema: T.StructType, layout: Layout, out: Conformed) -> None:
        self.present = {f.name: f.dataType for f in schema.fields}
        self.layout = layout
        self.out = out
        self.used: set[str] = set()

    def optional(self, source: str, target: str) -> Column:
        """Column `source` read as released column `target`, null when the source lacks it."""
        expected = _RELEASED[target]
        if source not in self.present:
            if f"ingest.columns.{target} = {source!r}" in self.layout.overridden:
                self.out.problems.append(f"column {source} (ingest.columns.{target}) is missing")
            return F.lit(None).cast(expected)
        self._use(source, target)
        actual = self.present[source]
        if target == "openai_moderation" and isinstance(actual, T.StructType):
            entry = _conform(_column(source), actual, _MODERATION_ENTRY, f"{source}[]", self.out)
            return F.when(_column(source).isNotNull(), F.array(entry))
        return _conform(_column(source), actual, expected, source, self.out)

    def optional_string(self, source: str) -> Column:
        """A string column that is not a released one (Arena's `winner`, the other side's model)."""
        actual = self.present.get(source)
        if actual is None:
            return F.lit(None).cast("string")
        self.used.add(source)
        if not isinstance(actual, T.StringType):
            self.out.problems.append(f"column {source} is {actual.simpleString()}, expected string")
            return F.lit(None).cast("string")
        return _column(source)

    def conversation_id(self) -> Column:
        """The first id column that is not null, as a string (integers as their decimal text)."""
        sources = [name for name in self.layout.id_columns if name in self.present]
        if not sources:
            if any(o.startswith("ingest.columns.id =") for o in self.layout.overridden):
                self.out.problems.append(f"column {self.layout.id_columns[0]} (ingest.columns.id) is missing")
            return F.lit(None).cast("string")
        values = []
        for name in sources:
            self._use(name, "conversation_id")
            actual = self.present[name]
            if isinstance(actual, T.StringType) or isinstance(actual, _INTEGRAL):
                values.append(_column(name).cast("string"))
            else:
                self.out.problems.append(f"column {name} is {actual.simpleString()}, expected string or an integer")
                values.append(F.lit(None).cast("string"))
        self.out.id_column = sources[0]
        return values[0] if len(values) == 1 else F.coalesce(*values)

    def messages(self, source: str) -> Column:
        """List column `source` as `conversation`: its role and text fields, aliases replaced."""
        layout = self.layout
        actual = self.present.get(source)
        if actual is None:
            self.out.problems.append(f"column {source} is missing")
            return F.lit(None).cast(_RELEASED["conversation"])
        self.used.add(source)
        if not (isinstance(actual, T.ArrayType) and isinstance(actual.elementType, T.StructType)):
            self.out.problems.append(f"column {source} is {actual.simpleString()}, expected a list of messages")
            return F.lit(None).cast(_RELEASED["conversation"])
        fields = {f.name: f.dataType for f in actual.elementType.fields}
        targets = {"content": layout.content, "role": layout.role}
        for name in targets.values():
            if name not in fields:
                self.out.problems.append(f"{source}[] has no field {name}")
        self.out.dropped += [f"{source}[].{name}" for name in fields if name not in targets.values()]
        renamed = [f"{source}[].{name} -> {target}" for target, name in targets.items() if name != target]
        self.out.mapping.append((source, "conversation" + (f" ({', '.join(renamed)})" if renamed else "")))
        if source != "conversation" or renamed:
            self.out.renamed.append(", ".join([f"{source} -> conversation", *renamed]))

        def read(message: Column, target: str) -> Column:
            name = targets[target]
            if name not in fields:
                return F.lit(None).cast("string")
            return _conform(message[name], fields[name], MESSAGE_TYPE[target].dataType, f"{source}[].{name}", self.out)

        return F.transform(
            _column(source),
            lambda m: F.when(
                m.isNotNull(),
                F.struct(
                    read(m, "content").alias("content"),
                    _with_aliases(read(m, "role"), dict(layout.role_aliases)).alias("role"),
                ),
            ),
        )

    def _use(self, source: str, target: str) -> None:
        self.used.add(source)
        self.out.mapping.append((source, target))
        if source != target:
            self.out.renamed.append(f"{source} -> {target}")


def conform_columns(schema: T.StructType, layout: Layout = LMSYS) -> Conformed:
    """The records of a source with `schema` in `layout`: `Conformed.records`, one struct per record
    of a row, with the released columns (in order, with their released types) and `battle`."""
    out = Conformed()
    reader = _Reader(schema, layout, out)
    conversation_id = reader.conversation_id()
    shared = {
        name: reader.optional(getattr(layout, name), name)
        for name in ("turn", "language", "openai_moderation", "redacted")
    }
    winner = reader.optional_string(layout.winner) if layout.is_battle else None
    for side in layout.sides:
        model = reader.optional(side.model, "model")
        conversation = reader.messages(side.conversation)
        record_id = F.concat(conversation_id, F.lit(side.id_suffix)) if side.id_suffix else conversation_id
        if layout.is_battle:
            battle = F.struct(
                conversation_id.alias("question_id"),
                F.lit(side.label).alias("side"),
                reader.optional_string(side.opponent).alias("opponent"),
                winner.alias("winner"),
            )
        else:
            battle = F.lit(None).cast(BATTLE_TYPE)
        columns = {"conversation_id": record_id, "model": model, "conversation": conversation, **shared}
        out.records.append(
            F.struct(*[columns[name].alias(name) for name in LMSYS_SCHEMA.names], battle.alias("battle"))
        )
    order = {name: index for index, name in enumerate(CONFORMED_COLUMNS)}
    sources_of: dict[str, list[str]] = {}
    for source, target in sorted(out.mapping, key=lambda pair: order[pair[1].split(" ")[0]]):
        sources_of.setdefault(target, []).append(source)
    if layout.is_battle and "conversation_id" in sources_of:
        suffixes = " / ".join(repr(side.id_suffix) for side in layout.sides)
        sources_of["conversation_id"] = [f"{sources_of['conversation_id'][0]} + {suffixes}"]
    out.mapping = [(" / ".join(dict.fromkeys(sources)), target) for target, sources in sources_of.items()]
    out.renamed = list(dict.fromkeys(out.renamed))
    if layout.is_battle:
        out.mapping.append((f"{', '.join(layout.id_columns)}, {layout.winner}, the other side's model", "battle"))
    out.dropped = [f"column {name}" for name in reader.present if name not in reader.used] + list(
        dict.fromkeys(out.dropped)
    )
    return out


def select_records(
    df: DataFrame, conformed: Conformed, keep: Sequence[str], is_whole: Column | None = None
) -> DataFrame:
    """The records of `df`'s rows, from `conformed_columns(df's schema)`: the released columns and
    `battle`, then the `keep` columns of the row they come from.

    A row holds two records in a Chatbot Arena battle; where `is_whole` is true (a line that
    could not be read), the row stays one record.
    """
    if len(conformed.records) == 1:
        record = conformed.records[0]
    else:
        every = F.array(*conformed.records)
        record = F.explode(
            every if is_whole is None else F.when(is_whole, F.array(conformed.records[0])).otherwise(every)
        )
    return df.select(record.alias("_conformed"), *keep).select("_conformed.*", *keep)


def _with_underscore_keys(moderation_part: T.StructType) -> T.StructType:
    extra = [T.StructField(_SPELLINGS[f.name][1], f.dataType) for f in moderation_part.fields if f.name in _SPELLINGS]
    return T.StructType([*moderation_part.fields, *extra])


def _wide_moderation_entry() -> T.StructType:
    return T.StructType(
        [
            T.StructField(f.name, _with_underscore_keys(f.dataType)) if isinstance(f.dataType, T.StructType) else f
            for f in _MODERATION_ENTRY.fields
        ]
    )


def json_read_schema(layout: Layout = LMSYS) -> T.StructType:
    """The source fields of `layout` with the types the released ones need, for from_json (which
    silently ignores the fields its schema does not name), with every moderation spelling that
    `conform_columns` reconciles. Strings where the released column is one: from_json reads a
    JSON number as its text, so `validation.parse_json_lines` checks JSON types on its own."""
    message = T.StructType(
        [T.StructField(name, T.StringType()) for name in dict.fromkeys((layout.content, layout.role))]
    )
    moderation = T.ArrayType(_wide_moderation_entry())
    fields: dict[str, T.DataType] = {name: T.StringType() for name in layout.id_columns}
    for side in layout.sides:
        fields[side.model] = T.StringType()
        fields[side.conversation] = T.ArrayType(message)
        if side.opponent:
            fields[side.opponent] = T.StringType()
    fields[layout.turn] = T.LongType()
    fields[layout.language] = T.StringType()
    fields[layout.openai_moderation] = _wide_moderation_entry() if layout.is_battle else moderation
    fields[layout.redacted] = T.BooleanType()
    if layout.is_battle:
        fields[layout.winner] = T.StringType()
    return T.StructType([T.StructField(name, data_type) for name, data_type in fields.items()])


def string_fields(layout: Layout) -> tuple[list[str], list[str]]:
    """The top-level source fields of `layout` read as strings (ids first), and the message fields."""
    top = [*layout.id_columns, *dict.fromkeys(s.model for s in layout.sides), layout.language]
    if layout.is_battle:
        top.append(layout.winner)
    return list(dict.fromkeys(top)), list(dict.fromkeys((layout.content, layout.role)))
