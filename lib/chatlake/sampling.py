"""Samples of conversations chosen on their ids alone: the same rows on every engine, at any
partitioning, in every run (what `DataFrame.sample` does not promise). The topic clusters sample
the conversations they cluster this way, and the moderation training export its unflagged ones.
"""

from __future__ import annotations

from pyspark.sql import DataFrame
from pyspark.sql import functions as F


def sample_conversations(conversation_ids_df: DataFrame, n: int) -> DataFrame:
    """The `n` conversations with the smallest sha-256 of their id (all of them when n <= 0).

    Input columns: `conversation_id` (distinct). Output columns: conversation_id.
    """
    if n <= 0:
        return conversation_ids_df.select("conversation_id")
    ranked_df = conversation_ids_df.select("conversation_id", F.sha2(F.col("conversation_id"), 256).alias("_hash"))
    return ranked_df.orderBy("_hash", "conversation_id").limit(n).select("conversation_id")
