"""Per-message labels of conversations, vectorised with pyarrow and numpy: no Spark in here.

`message_labels(conversation, categories, flagged)` takes a batch of conversations as Arrow list
arrays (`conversation`: list<struct<content, role>>, as released; `categories`: list<struct<one
bool per moderation key>> and `flagged`: list<bool>, the two fields of `openai_moderation` that
labels read, as `openai_moderation.categories` and `openai_moderation.flagged` select them: the
scores never leave the table) and returns one struct per message, in order:

| field | type | value |
| --- | --- | --- |
| `message_index` | int32 | position in `conversation`, from 0 |
| `turn_index` | int32 | user messages up to and including this one (a turn starts at each user message) |
| `role` | string | as in the record |
| `chars` | int32 | characters of `content`; 0 when null |
| `name_placeholders` | int64 | `NAME_k` occurrences in `content` |
| `is_flagged` | bool | `flagged` of the moderation entry at the same position |
| `flagged_<category>` | bool | any key of the category true (sub-keys roll up to their parent) |

A message takes the moderation entry at its position; without one (a shorter list, none at all, a
null entry, or an entry with neither `categories` nor `flagged`) its flags are null: unknown,
counted as not flagged by the statistics.

Why not Spark's higher-order functions, as for everything else in enrichment: the embedded engine
evaluates a lambda element by element, and these labels took 17 CPU-seconds per 100,000
conversations there (400,000 messages) against well under one second as array operations here
(measured in bench/: README, Enrichment). The UDF that counts tokens has the batch in hand anyway.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from chatlake.schema import CATEGORIES, MODERATION_KEYS, category_of
from chatlake.tables import flag_column

NAME_PLACEHOLDER = r"NAME_[0-9]+"


def _offsets(lists: pa.ListArray) -> np.ndarray:
    """Start of each list in its flattened values, and the end of the last (len + 1 entries)."""
    lengths = pc.fill_null(pc.list_value_length(lists), 0).to_numpy(zero_copy_only=False).astype(np.int64)
    return np.concatenate([[0], np.cumsum(lengths)])


def _positions(offsets: np.ndarray) -> np.ndarray:
    """Each flattened value's position in its own list."""
    starts = np.repeat(offsets[:-1], np.diff(offsets))
    return np.arange(offsets[-1], dtype=np.int64) - starts


def turn_indexes(roles: pa.Array, offsets: np.ndarray) -> np.ndarray:
    """User messages up to and including each message, counted within its conversation."""
    is_user = pc.fill_null(pc.equal(roles, "user"), False).to_numpy(zero_copy_only=False).astype(np.int64)
    running = np.cumsum(is_user)
    before = np.concatenate([[0], running])[offsets[:-1]]
    return running - np.repeat(before, np.diff(offsets))


def aligned_entries(lists: pa.ListArray, offsets: np.ndarray) -> pa.Array:
    """The entry of `lists` at each message's position (null where the list is shorter).

    `offsets`: the messages' offsets (`_offsets` of the conversations).
    """
    entries = lists.flatten()  # honours slicing, unlike .values
    entry_offsets = _offsets(lists)
    position = _positions(offsets)
    conversation = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
    has_entry = position < np.diff(entry_offsets)[conversation]
    index = np.where(has_entry, entry_offsets[:-1][conversation] + position, 0)
    return pc.take(entries, pa.array(index, mask=~has_entry))


def message_labels(conversation: pa.ListArray, categories: pa.ListArray, flagged: pa.ListArray) -> pa.StructArray:
    """One struct per message of every conversation, flattened in order (see the module docstring)."""
    offsets = _offsets(conversation)
    messages = conversation.flatten()
    content, roles = messages.field("content"), messages.field("role")
    entry_categories, entry_flagged = aligned_entries(categories, offsets), aligned_entries(flagged, offsets)
    is_entry = pc.or_(entry_categories.is_valid(), entry_flagged.is_valid())
    fields: dict[str, pa.Array] = {
        "message_index": pa.array(_positions(offsets), pa.int32()),
        "turn_index": pa.array(turn_indexes(roles, offsets), pa.int32()),
        "role": roles,
        "chars": pc.fill_null(pc.utf8_length(content), 0).cast(pa.int32()),
        "name_placeholders": pc.fill_null(pc.count_substring_regex(content, NAME_PLACEHOLDER), 0).cast(pa.int64()),
        "is_flagged": entry_flagged,
    }
    for category in CATEGORIES:
        keys = [pc.fill_null(entry_categories.field(k), False) for k in MODERATION_KEYS if category_of(k) == category]
        any_key = keys[0]
        for key in keys[1:]:
            any_key = pc.or_(any_key, key)
        fields[flag_column(category)] = pc.if_else(is_entry, any_key, pa.scalar(None, pa.bool_()))
    return pa.StructArray.from_arrays(list(fields.values()), names=list(fields))


LABEL_TYPE = pa.struct(
    [
        pa.field("message_index", pa.int32()),
        pa.field("turn_index", pa.int32()),
        pa.field("role", pa.string()),
        pa.field("chars", pa.int32()),
        pa.field("name_placeholders", pa.int64()),
        pa.field("is_flagged", pa.bool_()),
        *[pa.field(flag_column(c), pa.bool_()) for c in CATEGORIES],
    ]
)


# --- conversations ------------------------------------------------------------------------------

ROLES = ("user", "assistant")


def rollup_type(token_columns: list[str]) -> pa.StructType:
    """The fields of `conversation_rollups`, in order (`tokens_x` -> `prompt_tokens_x`, ...)."""
    return pa.struct(
        [
            pa.field("messages", pa.int64()),
            pa.field("user_messages", pa.int64()),
            pa.field("assistant_messages", pa.int64()),
            *[pa.field(f"prompt_{c}", pa.int64()) for c in token_columns],
            *[pa.field(f"response_{c}", pa.int64()) for c in token_columns],
            pa.field("first_user_lang", pa.string()),
            pa.field("first_user_lang_score", pa.float64()),
            pa.field("first_user_chars", pa.int32()),
            pa.field("first_prompt_key", pa.int64()),
            pa.field("other_language_share", pa.float64()),
            *[pa.field(f"{role}_flagged", pa.bool_()) for role in ROLES],
            *[pa.field(f"{role}_{flag_column(c)}", pa.bool_()) for role in ROLES for c in CATEGORIES],
            pa.field("name_placeholders", pa.int64()),
        ]
    )


def conversation_rollups(lengths: np.ndarray, messages: pa.StructArray, token_columns: list[str]) -> pa.StructArray:
    """One struct per conversation (`rollup_type`) from its labelled messages.

    `lengths`: the messages of each conversation; `messages`: their labels and annotations
    (`message_labels` plus lang, lang_score, tokens_<counter>, text_key), flattened in order.
    Prompts are user messages and responses assistant messages; the first user message gives
    the conversation's language (`und` without one) and its `first_prompt_key` (its `text_key`;
    null without one); `other_language_share` is the share of the
    messages with a language (not `und`) whose language differs from it; a conversation is
    flagged for a role when any of its messages of that role is (a message without a moderation
    entry is not).
    """
    count = len(lengths)
    owner = np.repeat(np.arange(count), lengths)

    def column(name: str) -> pa.Array:
        return messages.field(name)

    def mask(values: pa.Array) -> np.ndarray:
        return pc.fill_null(values, False).to_numpy(zero_copy_only=False).astype(bool)

    def per_conversation(selected: np.ndarray, weights: pa.Array | None = None) -> np.ndarray:
        if weights is None:
            return np.bincount(owner[selected], minlength=count).astype(np.int64)
        values = pc.fill_null(weights, 0).to_numpy(zero_copy_only=False).astype(np.float64)
        # Exact: integer sums far below 2**53.
        return np.rint(np.bincount(owner[selected], weights=values[selected], minlength=count)).astype(np.int64)

    role = {name: mask(pc.equal(column("role"), name)) for name in ROLES}
    fields: dict[str, pa.Array] = {
        "messages": pa.array(np.asarray(lengths, dtype=np.int64)),
        **{f"{name}_messages": pa.array(per_conversation(role[name])) for name in ROLES},
    }
    for prefix, name in (("prompt", "user"), ("response", "assistant")):
        for tokens in token_columns:
            fields[f"{prefix}_{tokens}"] = pa.array(per_conversation(role[name], column(tokens)))

    user_rows = np.flatnonzero(role["user"])
    owners, first = np.unique(owner[user_rows], return_index=True)
    first_row = np.full(count, -1, dtype=np.int64)
    first_row[owners] = user_rows[first]
    no_user = first_row < 0
    taken = pa.array(np.where(no_user, 0, first_row), mask=no_user)
    first_lang = pc.fill_null(pc.take(column("lang"), taken), "und")
    fields["first_user_lang"] = first_lang
    fields["first_user_lang_score"] = pc.fill_null(pc.take(column("lang_score"), taken), 0.0)
    fields["first_user_chars"] = pc.fill_null(pc.take(column("chars"), taken), 0)
    fields["first_prompt_key"] = pc.take(column("text_key"), taken)

    has_lang = mask(pc.not_equal(column("lang"), "und"))
    differs = mask(pc.not_equal(column("lang"), pc.take(first_lang, pa.array(owner))))
    with_lang = per_conversation(has_lang)
    other = per_conversation(has_lang & differs)
    fields["other_language_share"] = pa.array(np.divide(other, with_lang, out=np.zeros(count), where=with_lang > 0))

    for name in ROLES:
        fields[f"{name}_flagged"] = pa.array(per_conversation(role[name] & mask(column("is_flagged"))) > 0)
    for name in ROLES:
        for category in CATEGORIES:
            flagged = role[name] & mask(column(flag_column(category)))
            fields[f"{name}_{flag_column(category)}"] = pa.array(per_conversation(flagged) > 0)
    fields["name_placeholders"] = pa.array(
        per_conversation(np.ones(len(owner), dtype=bool), column("name_placeholders"))
    )
    arrow_type = rollup_type(token_columns)
    return pa.StructArray.from_arrays([fields[f.name].cast(f.type) for f in arrow_type], fields=list(arrow_type))
