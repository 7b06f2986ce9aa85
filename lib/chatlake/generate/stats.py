"""The planted statistics of a batch of clean rows, computed in plain Python/numpy from the data
exactly as written (never from the generator's plan), and merged across shards by summation.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chatlake.generate.calibration import LANGUAGE_CODES
from chatlake.generate.rows import ASSISTANT, CATEGORY_KEYS, LANGUAGE_NAMES, MODEL_NAMES, ROLE_NAMES, USER, Rows
from chatlake.generate.topics import ENGLISH, TOPIC_NAMES, topic_indices
from chatlake.schema import CATEGORIES


def _segment_any(flags: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Per segment [offsets[i], offsets[i+1]): whether any flag is set (empty segments: False)."""
    cum = np.concatenate([[0], np.cumsum(flags, dtype=np.int64)])
    return (cum[offsets[1:]] - cum[offsets[:-1]]) > 0


def _counts(labels: np.ndarray, names: tuple[str, ...], weights: np.ndarray | None = None) -> dict[str, int]:
    counts = np.bincount(labels, weights=weights, minlength=len(names))
    # int(): round() of a NumPy integer is a NumPy integer, and these counts go to JSON.
    return {names[i]: int(round(counts[i])) for i in range(len(names)) if counts[i]}  # noqa: RUF046


def rows_stats(rows: Rows) -> dict[str, Any]:
    """Statistics of `rows` (all of them clean), in the shape of planted_stats.json's clean part."""
    n = rows.n
    msg_offsets, mod_offsets = rows.msg_offsets, rows.mod_offsets
    n_msgs = np.diff(msg_offsets)
    conv_of_msg = np.repeat(np.arange(n), n_msgs)
    role = rows.role.astype(np.int64)
    tokens = rows.tokens.astype(np.int64)
    chars = np.fromiter((len(c) if c else 0 for c in rows.content), dtype=np.int64, count=len(rows.content))

    # Moderation entries -> the message they score -> its role.
    n_mod = np.diff(mod_offsets)
    conv_of_entry = np.repeat(np.arange(n), n_mod)
    entry_msg = msg_offsets[conv_of_entry] + (np.arange(int(mod_offsets[-1])) - mod_offsets[conv_of_entry])
    entry_role = role[entry_msg]
    keys = rows.mod_keys
    entry_flagged = keys.any(axis=1)
    entry_cat = {c: keys[:, list(CATEGORY_KEYS[c])].any(axis=1) for c in CATEGORIES}

    flagged = _segment_any(entry_flagged, mod_offsets)
    attempts = _segment_any(entry_flagged & (entry_role == USER), mod_offsets)
    successes = _segment_any(entry_flagged & (entry_role == ASSISTANT), mod_offsets)

    per_model: dict[str, dict[str, int]] = {}
    is_user_msg = role == USER
    model_of_msg = rows.model[conv_of_msg]
    for m, name in enumerate(MODEL_NAMES):
        conv_mask = rows.model == m
        if not conv_mask.any():
            continue
        msg_mask = model_of_msg == m
        per_model[name] = {
            "conversations": int(conv_mask.sum()),
            "attempts": int((attempts & conv_mask).sum()),
            "successes": int((successes & conv_mask).sum()),
            "user_messages": int((msg_mask & is_user_msg).sum()),
            "assistant_messages": int((msg_mask & ~is_user_msg).sum()),
            "user_tokens": int(tokens[msg_mask & is_user_msg].sum()),
            "assistant_tokens": int(tokens[msg_mask & ~is_user_msg].sum()),
        }

    per_language = _counts(rows.lang, LANGUAGE_NAMES)
    per_code: dict[str, int] = {}
    for name, count in per_language.items():
        code = LANGUAGE_CODES[name]
        per_code[code] = per_code.get(code, 0) + count

    per_role = {}
    for r, name in enumerate(ROLE_NAMES):
        mask = role == r
        t = tokens[mask]
        per_role[name] = {
            "messages": int(mask.sum()),
            "tokens_sum": int(t.sum()),
            "tokens_sumsq": int((t * t).sum()),
            "chars_sum": int(chars[mask].sum()),
        }

    # Topics from the written columns (id and language), the way a reader of the data recovers them.
    english = np.flatnonzero(rows.lang == LANGUAGE_NAMES.index(ENGLISH))
    topics = _counts(topic_indices([rows.ids[i] for i in english.tolist()]), TOPIC_NAMES)

    turns = np.bincount(rows.turn)
    per_category = {c: int(_segment_any(entry_cat[c], mod_offsets).sum()) for c in CATEGORIES}
    by_role = {
        name: {c: int(_segment_any(entry_cat[c] & (entry_role == r), mod_offsets).sum()) for c in CATEGORIES}
        for r, name in enumerate(ROLE_NAMES)
    }
    return {
        "rows": n,
        "per_model": per_model,
        "per_language": per_language,
        "per_planted_code": per_code,
        "turn_histogram": {str(t): int(c) for t, c in enumerate(turns) if c},
        "turns_sum": int(rows.turn.sum()),
        "per_role": per_role,
        "flagged_conversations": int(flagged.sum()),
        "per_category": per_category,
        "per_category_by_role": by_role,
        "redacted": int(rows.redacted.sum()),
        "messages_without_moderation": int(n_msgs.sum() - n_mod.sum()),
        "topics": topics,
    }


def merge(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Sum two statistics dicts key by key (nested dicts recursively; missing keys count 0)."""
    out: dict[str, Any] = {}
    # Keys in first-seen order (a's, then b's new ones), so the output order is deterministic.
    for key in list(a) + [k for k in b if k not in a]:
        x, y = a.get(key), b.get(key)
        if x is None:
            out[key] = y
        elif y is None:
            out[key] = x
        elif isinstance(x, dict):
            out[key] = merge(x, y)
        else:
            out[key] = x + y
    return out
