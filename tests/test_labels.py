"""Per-message labels in Arrow (`chatlake.labels`), on hand-written conversations, no Spark."""

from __future__ import annotations

import pyarrow as pa

from chatlake.labels import LABEL_TYPE, message_labels
from chatlake.schema import LMSYS_ARROW_SCHEMA, MODERATION_KEYS

CONVERSATION = LMSYS_ARROW_SCHEMA.field("conversation").type
MODERATION = LMSYS_ARROW_SCHEMA.field("openai_moderation").type


def entry(*flagged_keys: str) -> dict:
    return {
        "categories": {k: k in flagged_keys for k in MODERATION_KEYS},
        "category_scores": {k: 0.9 if k in flagged_keys else 0.01 for k in MODERATION_KEYS},
        "flagged": bool(flagged_keys),
    }


CONVERSATIONS = [
    # a user turn with placeholders and a flagged follow-up; the moderation list is one short
    [("Hello NAME_1, meet NAME_22.", "user"), ("Hi!", "assistant"), ("You are awful", "user")],
    # no moderation at all
    [("Olá", "user"), (None, "assistant")],
    # roles that do not alternate, an assistant first
    [("I speak first", "assistant"), ("a", "user"), ("b", "user"), ("NAME_3NAME_4", "assistant")],
    [],
]
MODERATIONS = [
    [entry(), entry()],
    None,
    [entry("sexual/minors"), entry(), entry("harassment/threatening", "hate"), entry("violence/graphic")],
    [],
]
F, T, N = False, True, None
EXPECTED = [
    # message_index, turn_index, role, chars, name_placeholders, is_flagged,
    # sexual, harassment, violence, hate, self_harm
    (0, 1, "user", 27, 2, F, F, F, F, F, F),
    (1, 1, "assistant", 3, 0, F, F, F, F, F, F),
    (2, 2, "user", 13, 0, N, N, N, N, N, N),
    (0, 1, "user", 3, 0, N, N, N, N, N, N),
    (1, 1, "assistant", 0, 0, N, N, N, N, N, N),
    (0, 0, "assistant", 13, 0, T, T, F, F, F, F),
    (1, 1, "user", 1, 0, F, F, F, F, F, F),
    (2, 2, "user", 1, 0, T, F, T, F, T, F),
    (3, 2, "assistant", 12, 2, T, F, F, T, F, F),
]


def moderation_fields(moderations: list) -> tuple[pa.ListArray, pa.ListArray]:
    """`openai_moderation.categories` and `openai_moderation.flagged`, as Spark selects them."""
    categories = [None if m is None else [None if e is None else e["categories"] for e in m] for m in moderations]
    flagged = [None if m is None else [None if e is None else e["flagged"] for e in m] for m in moderations]
    return pa.array(categories, pa.list_(MODERATION.value_type.field("categories").type)), pa.array(flagged)


def arrays() -> tuple[pa.ListArray, pa.ListArray, pa.ListArray]:
    conversations = pa.array([[{"content": c, "role": r} for c, r in conv] for conv in CONVERSATIONS], CONVERSATION)
    return conversations, *moderation_fields(MODERATIONS)


def rows(labels: pa.StructArray) -> list[tuple]:
    return [tuple(row.values()) for row in labels.to_pylist()]


def test_every_message_gets_its_turn_length_placeholders_and_flags():
    labels = message_labels(*arrays())
    assert labels.type == LABEL_TYPE
    assert rows(labels) == EXPECTED


def test_a_slice_of_a_batch_is_labelled_as_its_own_conversations():
    conversations, categories, flagged = arrays()
    sliced = message_labels(conversations.slice(1, 2), categories.slice(1, 2), flagged.slice(1, 2))
    assert rows(sliced) == EXPECTED[3:]


def test_a_null_or_empty_moderation_entry_is_no_entry():
    conversations = pa.array([[{"content": "a", "role": "user"}, {"content": "b", "role": "assistant"}]], CONVERSATION)
    categories = pa.array([[None, {"hate": None}]], pa.list_(MODERATION.value_type.field("categories").type))
    flagged = pa.array([[None, None]], pa.list_(pa.bool_()))
    assert rows(message_labels(conversations, categories, flagged)) == [
        (0, 1, "user", 1, 0, N, N, N, N, N, N),
        # categories present, all keys null, flagged null: an entry, flagged unknown, no category
        (1, 1, "assistant", 1, 0, N, F, F, F, F, F),
    ]


def test_conversation_rollups_sum_prompts_and_responses_and_take_the_first_user_language():
    import numpy as np

    from chatlake.labels import conversation_rollups

    labels = message_labels(*arrays())
    annotations = {
        "lang": ["en", "en", "fr", "pt", "und", "en", "und", "de", "en"],
        "lang_score": [0.9, 0.8, 0.7, 0.6, 0.0, 0.5, 0.0, 0.4, 0.3],
        "tokens_x": [5, 2, 3, 1, 0, 4, 1, 1, 6],
        # user messages' keys, made up: the rollup takes the first user message's
        "text_key": [11, None, 12, 21, None, None, 31, 32, None],
    }
    messages = pa.StructArray.from_arrays(
        [*[labels.field(n) for n in LABEL_TYPE.names], *[pa.array(v) for v in annotations.values()]],
        names=[*LABEL_TYPE.names, *annotations],
    )
    rollups = conversation_rollups(np.array([3, 2, 4, 0]), messages, ["tokens_x"]).to_pylist()
    pick = ["messages", "user_messages", "assistant_messages", "prompt_tokens_x", "response_tokens_x",
            "first_user_lang", "first_user_lang_score", "first_user_chars", "first_prompt_key",
            "other_language_share", "user_flagged",
            "assistant_flagged",
            "user_flagged_hate", "assistant_flagged_sexual", "assistant_flagged_violence", "name_placeholders"]
    got = [tuple(r[k] for k in pick) for r in rollups]
    assert got == [
        (3, 2, 1, 5 + 3, 2, "en", 0.9, 27, 11, 1 / 3, False, False, False, False, False, 2),
        (2, 1, 1, 1, 0, "pt", 0.6, 3, 21, 0.0, False, False, False, False, False, 0),
        # first user message is the second one ("a", und): every message with a language differs
        (4, 2, 2, 1 + 1, 4 + 6, "und", 0.0, 1, 31, 1.0, True, True, True, True, True, 2),
        (0, 0, 0, 0, 0, "und", 0.0, 0, None, 0.0, False, False, False, False, False, 0),
    ]
