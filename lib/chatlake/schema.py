"""The released LMSYS-Chat-1M schema, as a Spark StructType and as a pyarrow schema.

Column order and types are exactly those of the Parquet shards on the Hugging Face hub.
"""

from __future__ import annotations

import pyarrow as pa
from pyspark.sql import types as T

# The eleven OpenAI moderation keys, in the order of the released struct.
MODERATION_KEYS: tuple[str, ...] = (
    "harassment",
    "harassment/threatening",
    "hate",
    "hate/threatening",
    "self-harm",
    "self-harm/instructions",
    "self-harm/intent",
    "sexual",
    "sexual/minors",
    "violence",
    "violence/graphic",
)

# The paper's five top-level categories (Table 2); a sub-key flags its parent.
CATEGORIES: tuple[str, ...] = ("sexual", "harassment", "violence", "hate", "self-harm")


def category_of(moderation_key: str) -> str:
    """Top-level category of a released moderation key: `hate/threatening` -> `hate`.

    Other spellings (WildChat's `hate_threatening`) are mapped to the released ones on read
    (`chatlake.conform`), so only released keys arrive here.
    """
    category = moderation_key.split("/", 1)[0]
    if category not in CATEGORIES:
        raise ValueError(f"unknown moderation key {moderation_key!r}")
    return category


RELEASED_COLUMNS: tuple[str, ...] = (
    "conversation_id",
    "model",
    "conversation",
    "turn",
    "language",
    "openai_moderation",
    "redacted",
)

MESSAGE_TYPE = T.StructType(
    [T.StructField("content", T.StringType()), T.StructField("role", T.StringType())]
)

MODERATION_TYPE = T.StructType(
    [
        T.StructField("categories", T.StructType([T.StructField(k, T.BooleanType()) for k in MODERATION_KEYS])),
        T.StructField(
            "category_scores", T.StructType([T.StructField(k, T.DoubleType()) for k in MODERATION_KEYS])
        ),
        T.StructField("flagged", T.BooleanType()),
    ]
)

LMSYS_SCHEMA = T.StructType(
    [
        T.StructField("conversation_id", T.StringType()),
        T.StructField("model", T.StringType()),
        T.StructField("conversation", T.ArrayType(MESSAGE_TYPE)),
        T.StructField("turn", T.LongType()),
        T.StructField("language", T.StringType()),
        T.StructField("openai_moderation", T.ArrayType(MODERATION_TYPE)),
        T.StructField("redacted", T.BooleanType()),
    ]
)

# A Chatbot Arena battle is read as two conversations (`chatlake.layouts.ARENA`); bronze keeps the
# battle beside the released columns, in a column of its own that is null for other layouts:
# the battle's id, which side this conversation was (`a` or `b`), the other side's model, and the
# verdict as released (`model_a`, `model_b`, `tie`, `tie (bothbad)`).
BATTLE_TYPE = T.StructType(
    [
        T.StructField("question_id", T.StringType()),
        T.StructField("side", T.StringType()),
        T.StructField("opponent", T.StringType()),
        T.StructField("winner", T.StringType()),
    ]
)
# What ingest reads from any layout: the released columns, then `battle`.
CONFORMED_COLUMNS: tuple[str, ...] = (*RELEASED_COLUMNS, "battle")

_ARROW_MESSAGE = pa.struct([pa.field("content", pa.string()), pa.field("role", pa.string())])
_ARROW_MODERATION = pa.struct(
    [
        pa.field("categories", pa.struct([pa.field(k, pa.bool_()) for k in MODERATION_KEYS])),
        pa.field("category_scores", pa.struct([pa.field(k, pa.float64()) for k in MODERATION_KEYS])),
        pa.field("flagged", pa.bool_()),
    ]
)

LMSYS_ARROW_SCHEMA = pa.schema(
    [
        pa.field("conversation_id", pa.string()),
        pa.field("model", pa.string()),
        pa.field("conversation", pa.list_(_ARROW_MESSAGE)),
        pa.field("turn", pa.int64()),
        pa.field("language", pa.string()),
        pa.field("openai_moderation", pa.list_(_ARROW_MODERATION)),
        pa.field("redacted", pa.bool_()),
    ]
)
