"""Building a batch of clean conversations, column by column, and turning it into Arrow.

`build_rows(n, rng)` draws everything for `n` conversations (model, language, turns, roles, text,
token counts, moderation) into a `Rows` object of numpy arrays and lists. `rows_to_arrow` converts
a slice of it to a table with exactly `LMSYS_ARROW_SCHEMA`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from chatlake.generate import calibration as C
from chatlake.generate import text as T
from chatlake.generate import topics as TP
from chatlake.generate import vocab as V
from chatlake.generate.tokens import count_tokens
from chatlake.schema import CATEGORIES, LMSYS_ARROW_SCHEMA, MODERATION_KEYS, category_of

MODEL_NAMES: tuple[str, ...] = tuple(m.name for m in C.MODELS)
LANGUAGE_NAMES: tuple[str, ...] = tuple(lang.name for lang in C.LANGUAGES)
_ENGLISH = LANGUAGE_NAMES.index("English")
_UNKNOWN = LANGUAGE_NAMES.index(C.UNKNOWN_LANGUAGE)
_CODE_LANGUAGES = {TP.TOPIC_NAMES.index(t): languages for t, languages in TP.CODE_LANGUAGES.items()}
_TEMPLATED = {TP.TOPIC_NAMES.index(t): t for t in TP.TEMPLATED_TOPICS}

USER, ASSISTANT = 0, 1
ROLE_NAMES = ("user", "assistant")

# Message kinds.
PROSE, GARBLED, TEMPLATE, EMPTY, NULL = range(5)

# Prose is rendered in batches of about this many target tokens (keeps the word arrays small).
_BATCH_TOKENS = 1_000_000
# From this many rows on, every kind of mess appears at least once in a batch.
GUARANTEE_ROWS = 200
# Messages per batch whose summed token counts are re-checked with tiktoken.
_CHECK_SAMPLE = 300

# Moderation key columns of each category: the parent key first, then its sub-keys.
CATEGORY_KEYS: dict[str, tuple[int, ...]] = {
    category: tuple(
        sorted(
            (i for i, key in enumerate(MODERATION_KEYS) if category_of(key) == category),
            key=lambda i: "/" in MODERATION_KEYS[i],
        )
    )
    for category in CATEGORIES
}


@dataclass
class Rows:
    """A batch of conversations in columnar form (message arrays are flat, with offsets).

    Moderation entry j of conversation c scores message `msg_offsets[c] + j`; a conversation has
    `mod_offsets[c+1] - mod_offsets[c]` entries, at most its number of messages.
    """

    ids: list[str]
    model: np.ndarray
    lang: np.ndarray
    turn: np.ndarray
    redacted: np.ndarray
    msg_offsets: np.ndarray
    content: list[str | None]
    role: np.ndarray
    tokens: np.ndarray
    mod_offsets: np.ndarray
    mod_keys: np.ndarray
    mod_scores: np.ndarray

    @property
    def n(self) -> int:
        return len(self.ids)


def allocate(n: int, weights, rng: np.random.Generator) -> np.ndarray:
    """A shuffled array of n category indices whose counts follow `weights` as closely as possible.

    Each category gets floor(n * share); the remaining rows go to distinct categories drawn with
    probability proportional to the fractional parts (so expected counts are exact).
    """
    share = np.asarray(weights, dtype=np.float64)
    share = share / share.sum()
    exact = n * share
    counts = np.floor(exact).astype(np.int64)
    rest = n - int(counts.sum())
    if rest:
        frac = exact - counts
        extra = rng.choice(len(share), size=rest, replace=False, p=frac / frac.sum())
        counts[extra] += 1
    return rng.permutation(np.repeat(np.arange(len(share)), counts))


def rare(candidates: np.ndarray, p: float, rng: np.random.Generator, guarantee: bool) -> np.ndarray:
    """Each candidate with probability p; when `guarantee` and none was drawn, one at random.

    The guarantee makes every kind of mess present in small batches (tests) without changing the
    shares at scale.
    """
    chosen = candidates & (rng.random(len(candidates)) < p)
    if guarantee and not chosen.any() and candidates.any():
        pool = np.flatnonzero(candidates)
        chosen[pool[rng.integers(len(pool))]] = True
    return chosen


def _stochastic_round(x: float, rng: np.random.Generator) -> int:
    base = math.floor(x)
    return base + int(rng.random() < x - base)


def _turns(n: int, rng: np.random.Generator) -> np.ndarray:
    single = rng.random(n) < C.P_SINGLE_TURN
    tail = 2 + np.floor(rng.lognormal(C.TURN_TAIL_MU, C.TURN_TAIL_SIGMA, n))
    return np.where(single, 1, np.minimum(tail, C.MAX_TURNS)).astype(np.int64)


def _targets(is_user: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    total = len(is_user)
    out = np.empty(total, dtype=np.int64)
    n_user = int(is_user.sum())
    user = rng.lognormal(C.USER_TOKENS_MU, C.USER_TOKENS_SIGMA, n_user)
    out[is_user] = np.clip(user, 1, C.USER_TOKENS_MAX).astype(np.int64)
    n_asst = total - n_user
    asst = rng.lognormal(C.ASSISTANT_TOKENS_MU, C.ASSISTANT_TOKENS_SIGMA, n_asst)
    # The rare very long answers: their number rounded from the share (not one coin per answer), so
    # that a small batch does not get several of them by chance and skew its mean.
    tail = np.zeros(n_asst, dtype=bool)
    n_tail = min(n_asst, _stochastic_round(n_asst * C.ASSISTANT_TAIL_SHARE, rng))
    tail[rng.choice(n_asst, size=n_tail, replace=False)] = True
    asst[tail] = np.exp(rng.uniform(math.log(C.ASSISTANT_TAIL_MIN), math.log(C.ASSISTANT_TAIL_MAX), int(tail.sum())))
    out[~is_user] = np.maximum(asst, 1).astype(np.int64)
    return out


def _jailbreaks(model: np.ndarray, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    n = len(model)
    attempt = np.zeros(n, dtype=bool)
    success = np.zeros(n, dtype=bool)
    for m, spec in enumerate(C.MODELS):
        members = np.flatnonzero(model == m)
        k = min(len(members), _stochastic_round(len(members) * spec.attempt_rate, rng))
        if not k:
            continue
        chosen = rng.choice(members, size=k, replace=False)
        attempt[chosen] = True
        s = min(k, _stochastic_round(k * spec.success_rate, rng))
        if s:
            success[rng.choice(chosen, size=s, replace=False)] = True
    return attempt, success


def _category_keys(category: str, rng: np.random.Generator) -> list[int]:
    keys = CATEGORY_KEYS[category]
    parent, subs = keys[0], keys[1:]
    if subs and rng.random() < C.SUBKEY_ONLY_SHARE:
        return [subs[int(rng.integers(len(subs)))]]
    if subs and rng.random() < 0.15:
        return [parent, subs[int(rng.integers(len(subs)))]]
    return [parent]


def _moderation(
    attempt: np.ndarray,
    success: np.ndarray,
    msg_offsets: np.ndarray,
    role: np.ndarray,
    rng: np.random.Generator,
    sure: bool,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    n_msgs = np.diff(msg_offsets)
    short = rare(~attempt, C.SHORT_MODERATION_SHARE, rng, sure)
    mod_len = n_msgs.copy()
    mod_len[short] = rng.integers(0, n_msgs[short])
    mod_offsets = np.concatenate([[0], np.cumsum(mod_len)]).astype(np.int64)
    n_mod = int(mod_offsets[-1])
    # Unflagged scores: small, with few significant digits (like the API's, and short in JSON).
    small = np.floor(10.0 ** rng.uniform(0.0, 4.5, size=(n_mod, len(MODERATION_KEYS))))
    scores = small / 1e6
    keys = np.zeros((n_mod, len(MODERATION_KEYS)), dtype=bool)
    primary_p = np.array([C.PRIMARY_CATEGORY[c] for c in CATEGORIES])
    for c in np.flatnonzero(attempt):
        base, m = int(msg_offsets[c]), int(n_msgs[c])
        roles = role[base : base + m]
        user_pos = np.flatnonzero(roles == USER)
        asst_pos = np.flatnonzero(roles == ASSISTANT)
        primary = CATEGORIES[int(rng.choice(len(CATEGORIES), p=primary_p))]
        cats = [primary] + [x for x in CATEGORIES if x != primary and rng.random() < C.SECONDARY_CATEGORY[x]]
        first = int(user_pos[0]) if rng.random() < 0.85 else int(user_pos[rng.integers(len(user_pos))])
        flagged: dict[int, list[str]] = {first: cats}
        for p in user_pos:
            if int(p) != first and rng.random() < 0.25:
                flagged[int(p)] = [primary]
        if success[c]:
            follow = first + 1
            if follow >= m or roles[follow] != ASSISTANT:
                follow = int(asst_pos[rng.integers(len(asst_pos))])
            flagged[follow] = [primary] + [x for x in cats[1:] if rng.random() < 0.5]
            for p in asst_pos:
                if int(p) != follow and rng.random() < 0.2:
                    flagged[int(p)] = [primary]
        row0 = int(mod_offsets[c])
        for p, pcats in flagged.items():
            for category in pcats:
                for k in _category_keys(category, rng):
                    keys[row0 + p, k] = True
    n_true = int(keys.sum())
    scores[keys] = np.round(rng.uniform(0.5005, 0.9999, size=n_true), 6)
    return mod_offsets, keys, scores


def _check_exact_counts(content: list[str | None], tokens: np.ndarray, exact: np.ndarray) -> None:
    """Recount a fixed-size sample of the messages whose counts were summed from parts.

    The sums are exact by construction (see `vocab`); this guards against a tiktoken release that
    changes cl100k_base's pre-tokenizer. The sample comes from its own generator so that the
    generated data does not depend on it.
    """
    if not len(exact):
        return
    sample = np.random.default_rng(len(exact)).choice(exact, size=min(len(exact), _CHECK_SAMPLE), replace=False)
    real = count_tokens([content[i] for i in sample.tolist()])
    bad = [int(i) for i, r in zip(sample, real, strict=True) if tokens[i] != r]
    if bad:
        raise RuntimeError(
            f"summed token counts disagree with tiktoken for {len(bad)} of {len(sample)} sampled messages "
            f"(first: planted {int(tokens[bad[0]])}, tiktoken {real[list(sample).index(bad[0])]}); "
            "has cl100k_base's pre-tokenizer changed?"
        )


def build_rows(n: int, rng: np.random.Generator) -> Rows:
    """`n` clean conversations drawn from the calibration.

    English conversations get the topic `topics.planted_topic` reads from their id (drawn first
    for that reason); other languages none.
    """
    raw = rng.bytes(16 * n).hex()
    ids = [raw[32 * i : 32 * (i + 1)] for i in range(n)]
    model = allocate(n, [m.per_million for m in C.MODELS], rng)
    lang = allocate(n, [lang.per_million for lang in C.LANGUAGES], rng)
    turn = _turns(n, rng)
    sure = n >= GUARANTEE_ROWS
    redacted = rare(np.ones(n, dtype=bool), C.REDACTED_SHARE, rng, sure)
    english = lang == _ENGLISH
    topic = np.where(english, TP.topic_indices(ids), TP.NO_TOPIC)
    attempt, success = _jailbreaks(model, rng)

    non_alt = rare(turn >= 2, C.NON_ALTERNATING_SHARE, rng, sure)
    trailing = rare(~non_alt, C.TRAILING_USER_SHARE, rng, sure)
    n_msgs = 2 * turn + (non_alt | trailing)
    msg_offsets = np.concatenate([[0], np.cumsum(n_msgs)]).astype(np.int64)
    total = int(msg_offsets[-1])
    conv = np.repeat(np.arange(n), n_msgs)
    pos = np.arange(total) - msg_offsets[conv]
    role = np.where(non_alt[conv], np.where(pos <= 1, USER, (pos - 1) % 2), pos % 2).astype(np.int8)
    is_user = role == USER
    first_user = pos == 0
    targets = _targets(is_user, rng)

    kind = np.full(total, PROSE, dtype=np.int8)
    kind[first_user & (lang == _UNKNOWN)[conv]] = GARBLED
    # Every prompt of a templated topic is one of its templates.
    kind[is_user & np.isin(topic, list(_TEMPLATED))[conv]] = TEMPLATE
    # Empty and null contents only in conversations without flags (flags need text).
    calm = ~attempt[conv]
    asst = ~is_user
    kind[rare(asst & calm, C.EMPTY_ASSISTANT_SHARE, rng, sure)] = EMPTY
    kind[rare(asst & calm & (kind == PROSE), C.NULL_ASSISTANT_SHARE, rng, sure)] = NULL
    kind[rare(is_user & ~first_user & calm, C.EMPTY_USER_SHARE, rng, sure)] = EMPTY

    content: list[str | None] = [""] * total
    tokens = np.zeros(total, dtype=np.int64)
    # Messages after a garbled first prompt are written in English.
    msg_lang = np.where(lang == _UNKNOWN, _ENGLISH, lang)[conv]
    prose = kind == PROSE
    for li in np.unique(msg_lang[prose]):
        sel = np.flatnonzero(prose & (msg_lang == li))
        vocab = V.get_vocab(LANGUAGE_NAMES[li])
        topics = topic[conv[sel]] if li == _ENGLISH else None
        cum = np.cumsum(targets[sel])
        cuts = np.searchsorted(cum, np.arange(_BATCH_TOKENS, int(cum[-1]), _BATCH_TOKENS))
        for part in np.split(np.arange(len(sel)), np.unique(cuts[(cuts > 0) & (cuts < len(sel))])):
            batch = sel[part]
            texts, counts = T.render_prose(
                vocab, targets[batch], is_user[batch], None if topics is None else topics[part], rng
            )
            for i, t in zip(batch.tolist(), texts, strict=True):
                content[i] = t
            tokens[batch] = counts
    exact = prose & (tokens >= 0)

    english_words = V.get_vocab("English").words
    for i in np.flatnonzero(kind == GARBLED).tolist():
        content[i] = T.garbled_prompt(rng)
    for i in np.flatnonzero(kind == TEMPLATE).tolist():
        content[i] = T.templated_prompt(rng, english_words, _TEMPLATED[int(topic[conv[i]])])
    for i in np.flatnonzero(kind == NULL).tolist():
        content[i] = None
    exact[(kind == EMPTY) | (kind == NULL)] = True  # 0 tokens

    coding = np.isin(topic, list(_CODE_LANGUAGES))
    code_p = np.where(is_user, C.USER_CODE_SHARE, C.ASSISTANT_CODE_SHARE)
    code = prose & coding[conv] & (rng.random(total) < code_p)
    if not code.any():
        code = rare(prose & coding[conv] & asst, 0.0, rng, sure)
    for i in np.flatnonzero(code).tolist():
        content[i] = f"{content[i]}\n\n{T.code_block(rng, english_words, _CODE_LANGUAGES[int(topic[conv[i]])])}"
    # Emoji anywhere except in a non-English first prompt (kept clean for language ID).
    emoji = rare(prose & ~(first_user & ~english[conv]), C.EMOJI_SHARE, rng, sure)
    for i in np.flatnonzero(emoji).tolist():
        k = int(rng.integers(1, 3))
        content[i] = content[i] + " " + "".join(T.EMOJI[j] for j in rng.integers(0, len(T.EMOJI), size=k))
    eot = rare(prose & asst, C.ENDOFTEXT_SHARE, rng, sure)
    for i in np.flatnonzero(eot).tolist():
        content[i] = T.insert_placeholder(content[i], "<|endoftext|>", rng)
    has_text = (kind != EMPTY) & (kind != NULL)
    named = has_text & redacted[conv] & (first_user | (rng.random(total) < 0.3))
    for i in np.flatnonzero(named).tolist():
        label = "NAME_1" if first_user[i] else f"NAME_{int(rng.integers(1, 4))}"
        content[i] = T.insert_placeholder(content[i], label, rng)
    exact &= ~(code | emoji | eot | named)

    recount = np.flatnonzero(~exact)
    if len(recount):
        tokens[recount] = count_tokens([content[i] for i in recount.tolist()])
    _check_exact_counts(content, tokens, np.flatnonzero(exact & (tokens > 0)))

    mod_offsets, mod_keys, mod_scores = _moderation(attempt, success, msg_offsets, role, rng, sure)

    return Rows(
        ids=ids,
        model=model,
        lang=lang,
        turn=turn,
        redacted=redacted,
        msg_offsets=msg_offsets,
        content=content,
        role=role,
        tokens=tokens,
        mod_offsets=mod_offsets,
        mod_keys=mod_keys,
        mod_scores=mod_scores,
    )


_ROLE_ARRAY = pa.array(ROLE_NAMES, type=pa.string())
_MODEL_ARRAY = pa.array(MODEL_NAMES, type=pa.string())
_LANGUAGE_ARRAY = pa.array(LANGUAGE_NAMES, type=pa.string())


def rows_to_arrow(rows: Rows, start: int = 0, stop: int | None = None) -> pa.Table:
    """Conversations [start, stop) of `rows` as a table with exactly LMSYS_ARROW_SCHEMA."""
    stop = rows.n if stop is None else stop
    m0, m1 = int(rows.msg_offsets[start]), int(rows.msg_offsets[stop])
    d0, d1 = int(rows.mod_offsets[start]), int(rows.mod_offsets[stop])
    schema = LMSYS_ARROW_SCHEMA
    conv_type = schema.field("conversation").type
    mod_type = schema.field("openai_moderation").type
    message_struct = pa.StructArray.from_arrays(
        [
            pa.array(rows.content[m0:m1], type=pa.string()),
            _ROLE_ARRAY.take(pa.array(rows.role[m0:m1].astype(np.int32))),
        ],
        fields=list(conv_type.value_type),
    )
    conversation = pa.ListArray.from_arrays(
        pa.array((rows.msg_offsets[start : stop + 1] - m0).astype(np.int32)), message_struct, type=conv_type
    )
    entry_type = mod_type.value_type
    keys = rows.mod_keys[d0:d1]
    scores = rows.mod_scores[d0:d1]
    categories = pa.StructArray.from_arrays(
        [pa.array(keys[:, j]) for j in range(len(MODERATION_KEYS))], fields=list(entry_type.field("categories").type)
    )
    category_scores = pa.StructArray.from_arrays(
        [pa.array(scores[:, j]) for j in range(len(MODERATION_KEYS))],
        fields=list(entry_type.field("category_scores").type),
    )
    entries = pa.StructArray.from_arrays(
        [categories, category_scores, pa.array(keys.any(axis=1))], fields=list(entry_type)
    )
    moderation = pa.ListArray.from_arrays(
        pa.array((rows.mod_offsets[start : stop + 1] - d0).astype(np.int32)), entries, type=mod_type
    )
    columns = [
        pa.array(rows.ids[start:stop], type=pa.string()),
        _MODEL_ARRAY.take(pa.array(rows.model[start:stop].astype(np.int32))),
        conversation,
        pa.array(rows.turn[start:stop], type=pa.int64()),
        _LANGUAGE_ARRAY.take(pa.array(rows.lang[start:stop].astype(np.int32))),
        moderation,
        pa.array(rows.redacted[start:stop], type=pa.bool_()),
    ]
    return pa.Table.from_arrays(columns, schema=schema)
