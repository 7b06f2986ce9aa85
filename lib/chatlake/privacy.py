"""The privacy floor: which user text the gold tables and the report may quote.

Two rules, both from `[privacy]` (`chatlake.config.PrivacySettings`):

1. A topic cluster of fewer than `min_cluster_conversations` conversations shows no example prompt
   (always, public output or not): a small cluster's nearest prompts are few people's words.
2. Public output (`--public`, `privacy.public = true`): no quoted prompt occurs in fewer than
   `public_min_conversations` conversations. "Occurs" is by the normalised form of the whole
   prompt (`chatlake.text.prompts.normalise`: case, whitespace and punctuation ignored), counted
   in distinct conversations of what the statistic saw: the topic sample for topic examples (a
   lower bound of the count over all the data, so the rule errs on the side of hiding), all first
   prompts for gold/repeated_prompts. The terms that name topic
   clusters and groups must then occur in at least as many prompts.

Quoted user text in chatlake: gold/topic_clusters `examples`, gold/repeated_prompts `normalised`
and `example`. The rules are applied where that text is chosen (`chatlake.topics`,
`chatlake.repetition`) and again when the report reads the gold tables (`quotable_tables`), so a
report made with `--public` from tables written without it still quotes nothing below the floor.

What the floor does not do (README, Privacy): it does not redact personal data inside a prompt
that many conversations share, and it does not protect against re-identification from the
statistics (counts, shares, per-model tables); it is k-anonymity-like for quoted text only.

Plain functions, no Spark: topics and the report call them on Python values; repetition uses
`min_repeated_conversations` in its filter.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from chatlake.config import PrivacySettings
from chatlake.text.prompts import normalise

# gold/topic_clusters' quoted text, and the fewest conversations any of its examples occurs in.
EXAMPLES, EXAMPLES_MIN_CONVERSATIONS = "examples", "examples_min_conversations"


def quote_floor(settings: PrivacySettings) -> int:
    """The fewest conversations a quoted prompt must occur in: `public_min_conversations` for
    public output, else 1 (any prompt)."""
    return settings.public_min_conversations if settings.public else 1


def conversations_per_prompt(texts: Sequence[str], conversation_ids: Sequence[str]) -> np.ndarray:
    """For each text, the number of distinct conversations holding a text of the same normalised
    form (its own included); 0 for a text whose normalised form is empty."""
    keys = [normalise(t) for t in texts]
    seen: dict[str, set[str]] = {}
    for key, cid in zip(keys, conversation_ids, strict=True):
        if key:
            seen.setdefault(key, set()).add(str(cid))
    return np.array([len(seen[k]) if k else 0 for k in keys], dtype=np.int64)


def cluster_shows_examples(cluster_conversations: int, settings: PrivacySettings) -> bool:
    """Whether a topic cluster of `cluster_conversations` conversations may show example prompts."""
    return cluster_conversations >= settings.min_cluster_conversations


def may_quote(prompt_conversations: int, settings: PrivacySettings) -> bool:
    """Whether a prompt that occurs in `prompt_conversations` conversations may be quoted."""
    return prompt_conversations >= quote_floor(settings)


def allowed_examples(candidates: Sequence[int], prompt_conversations: Sequence[int], cluster_conversations: int,
                     settings: PrivacySettings, n: int) -> list[int]:
    """The first `n` of `candidates` (prompt indices, best first) that may be quoted: none when the
    cluster is under `min_cluster_conversations`; `prompt_conversations[i]` is prompt i's count
    (`conversations_per_prompt`)."""
    if not cluster_shows_examples(cluster_conversations, settings):
        return []
    return [i for i in candidates if may_quote(int(prompt_conversations[i]), settings)][:n]


def min_repeated_conversations(settings: PrivacySettings, repeated: int = 2) -> int:
    """The fewest conversations of a prompt listed in gold/repeated_prompts: `repeated` (a prompt
    repeats from 2 conversations on), raised to the quote floor."""
    return max(repeated, quote_floor(settings))


def min_term_prompts(settings: PrivacySettings) -> int:
    """The fewest prompts a term that names a topic must occur in (the quote floor; 1 if not public)."""
    return quote_floor(settings)


def quotable_tables(tables: Mapping[str, pd.DataFrame], settings: PrivacySettings) -> dict[str, pd.DataFrame]:
    """The gold tables with the quoted text the floor does not let through taken out (copies; the
    other tables as they are), for the report:

    - topic_clusters: `examples` null where the cluster has fewer than `min_cluster_conversations`
      conversations, and for public output where `examples_min_conversations` is under the quote
      floor or unknown (a table written before the column existed);
    - repeated_prompts: for public output, only the rows of at least `public_min_conversations`.
    """
    out = dict(tables)
    clusters = tables.get("topic_clusters")
    if clusters is not None and EXAMPLES in clusters.columns:
        hidden = ~(pd.to_numeric(clusters["conversations"], errors="coerce").fillna(0)
                   >= settings.min_cluster_conversations)
        if settings.public:
            seen = (pd.to_numeric(clusters[EXAMPLES_MIN_CONVERSATIONS], errors="coerce")
                    if EXAMPLES_MIN_CONVERSATIONS in clusters.columns else pd.Series(np.nan, index=clusters.index))
            hidden |= ~(seen.fillna(0) >= quote_floor(settings))
        clusters = clusters.copy()
        clusters[EXAMPLES] = clusters[EXAMPLES].astype(object).where(~hidden, None)
        out["topic_clusters"] = clusters
    repeated = tables.get("repeated_prompts")
    if repeated is not None and settings.public and "conversations" in repeated.columns:
        keep = pd.to_numeric(repeated["conversations"], errors="coerce").fillna(0) >= quote_floor(settings)
        out["repeated_prompts"] = repeated[keep].reset_index(drop=True)
    return out


def privacy_note(settings: PrivacySettings) -> str:
    """What the report's quoted prompts are, in a sentence."""
    clusters = (f"Example prompts are shown only for topic clusters of at least "
                f"{settings.min_cluster_conversations:,} conversations")
    if settings.public:
        return (f"{clusters}; this is public output, so no quoted prompt (topic examples, repeated prompts) "
                f"occurs in fewer than {settings.public_min_conversations:,} conversations.")
    return (f"{clusters}. Not public output: quoted prompts may be unique to one conversation "
            f"(`--public` quotes only prompts seen in at least {settings.public_min_conversations:,}).")
