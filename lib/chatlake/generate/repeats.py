"""Planted repetition of first prompts: groups of exact duplicates and groups of near-duplicates,
the ground truth for `gold/repeated_prompts`, `gold/prompt_repetition_by_model` and the MinHash
near-duplicates (`gold/near_duplicate_pairs`).

`plant_repetition(rows, rng)` rewrites the first user message of some conversations of a batch,
in place, after the batch is built:

- an exact group: 2 to 4 conversations whose first prompts become byte-identical copies of the
  first one's;
- a near group: 2 to 4 conversations: the first keeps its prompt, each other gets a copy with one
  or two words replaced by other words of the same language (at positions no other member of the
  group edits), so every two members differ. Only prompts of at least `NEAR_MIN_WORDS` normalised
  words in a space-separated language are used, and a group is kept only when every pair has a
  Jaccard similarity of normalised word 2-grams of at least `NEAR_MIN_JACCARD` (well above the
  pipeline's threshold) and no two members normalise alike.

Members of a group share language and redaction, so every other planted statistic still holds:
the language of the first prompt, the `NAME_1` of redacted first prompts. Only prose prompts in
languages other than English are used (not the garbled prompts of `unknown`, not prompts with a
pasted code block): English prompts are the ground truth of the topic clusters (Figure 3), and
copying 1 to 2% of them, even within one topic and editing only words that are not topic
keywords, moved the k-means of tests/test_end_to_end.py to another optimum (conversation purity
of a topic 0.94 -> 0.87, a cooking cluster taking in coding prompts). Token counts of edited
prompts are recounted.

The planting draws from its own generator (seeded from the generator's seed and the shard index),
so the rest of the data is what it was without it, and groups never cross a shard: counts per
shard add up.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import pairwise

import numpy as np
import regex

from chatlake.generate import calibration as C
from chatlake.generate import topics as TP
from chatlake.generate import vocab as V
from chatlake.generate.tokens import count_tokens

# Groups planted per conversation of the batch, of each kind.
EXACT_GROUP_SHARE = 0.004
NEAR_GROUP_SHARE = 0.0045
GROUP_SIZES = (2, 3, 4)
GROUP_SIZE_P = (0.6, 0.25, 0.15)
NEAR_MIN_WORDS = 40
NEAR_MIN_JACCARD = 0.8

_NOT_WORD = regex.compile(r"[^\p{L}\p{M}\p{N}_]+")
_LETTERS = regex.compile(r"[\p{L}\p{M}]+")
_KEYWORDS = frozenset(w for words in TP.TOPICS.values() for w in words)


def normalised(text: str | None) -> str:
    """The pipeline's normalisation of a prompt (README: Repetition): lower case, every run of
    characters that are not a letter, mark, digit or `_` one space, trimmed."""
    return _NOT_WORD.sub(" ", (text or "").lower()).strip()


def word_bigrams(norm: str) -> set[tuple[str, ...]]:
    """The set of word 2-grams of a normalised text (a one-word text is one shingle)."""
    words = norm.split(" ")
    return {tuple(words)} if len(words) < 2 else set(pairwise(words))


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


@dataclass
class PlantedRepetition:
    """The groups planted in one batch, as lists of row indices (first member = the original)."""

    exact: list[list[int]] = field(default_factory=list)
    near: list[list[int]] = field(default_factory=list)

    def stats(self) -> dict[str, int]:
        return {
            "planted_exact_groups": len(self.exact),
            "planted_exact_conversations": sum(len(g) for g in self.exact),
            "planted_near_groups": len(self.near),
            "planted_near_conversations": sum(len(g) for g in self.near),
            "planted_near_pairs": sum(len(g) * (len(g) - 1) // 2 for g in self.near),
        }


def _group_size(rng: np.random.Generator) -> int:
    return int(rng.choice(GROUP_SIZES, p=GROUP_SIZE_P))


def _edit(text: str, positions: list[int], lang: str, rng: np.random.Generator) -> str:
    """`text` (split on single spaces) with the words at `positions` replaced by other words."""
    words = V.get_vocab(lang).words
    parts = text.split(" ")
    for p in positions:
        old = parts[p]
        for _ in range(50):
            new = words[int(rng.integers(len(words)))]
            if new.lower() != old.lower() and new.lower() not in _KEYWORDS and _LETTERS.fullmatch(new):
                break
        else:
            continue
        parts[p] = new.capitalize() if old[:1].isupper() else new
    return " ".join(parts)


def _editable(text: str) -> list[int]:
    """Positions of space-separated words made of letters only that are not topic keywords."""
    return [i for i, w in enumerate(text.split(" ")) if _LETTERS.fullmatch(w) and w.lower() not in _KEYWORDS]


def plant_repetition(rows, rng: np.random.Generator) -> PlantedRepetition:
    """Plant exact and near-duplicate groups among the first prompts of `rows` (a `rows.Rows`),
    in place; returns the groups."""
    from chatlake.generate.rows import LANGUAGE_NAMES  # rows imports nothing from here

    n = rows.n
    planted = PlantedRepetition()
    if n < 2:
        return planted
    first = rows.msg_offsets[:-1]
    unknown = LANGUAGE_NAMES.index(C.UNKNOWN_LANGUAGE)
    english = LANGUAGE_NAMES.index(TP.ENGLISH)
    texts = [rows.content[int(first[c])] for c in range(n)]
    eligible = [
        c for c in rng.permutation(n).tolist()
        if texts[c] and rows.lang[c] not in (unknown, english) and "```" not in texts[c]
    ]
    # Planted topics are English only, so a language other than English and the redaction are the key.
    queues: dict[tuple[int, bool], list[int]] = {}
    for c in eligible:
        queues.setdefault((int(rows.lang[c]), bool(rows.redacted[c])), []).append(c)
    used = np.zeros(n, dtype=bool)

    def members(source: int, size: int) -> list[int]:
        queue = queues[(int(rows.lang[source]), bool(rows.redacted[source]))]
        out = [source]
        while queue and len(out) < size:
            c = queue.pop()
            if not used[c] and c != source:
                out.append(c)
        return out if len(out) >= 2 else []

    sources = iter(eligible)
    for _ in range(round(n * EXACT_GROUP_SHARE)):
        source = next((c for c in sources if not used[c]), None)
        if source is None:
            break
        group = members(source, _group_size(rng))
        used[group] = True
        if group:
            planted.exact.append(group)

    edited: list[int] = []
    for _ in range(round(n * NEAR_GROUP_SHARE)):
        source = next((c for c in sources if not used[c] and _near_source(texts[c], rows, c)), None)
        if source is None:
            break
        group = members(source, _group_size(rng))
        used[group] = True
        if not group:
            continue
        lang = LANGUAGE_NAMES[int(rows.lang[source])]
        slots = rng.permutation(_editable(texts[source])).tolist()
        variants = [texts[source]]
        for _member in group[1:]:
            k = int(rng.integers(1, 3))
            positions, slots = slots[:k], slots[k:]
            variants.append(_edit(texts[source], positions, lang, rng) if positions else texts[source])
        norms = [normalised(v) for v in variants]
        shingles = [word_bigrams(v) for v in norms]
        ok = len(set(norms)) == len(norms) and all(
            jaccard(shingles[i], shingles[j]) >= NEAR_MIN_JACCARD
            for i in range(len(group)) for j in range(i + 1, len(group))
        )
        if not ok:
            continue
        planted.near.append(group)
        for member, text in zip(group[1:], variants[1:], strict=True):
            texts[member] = text
            edited.append(member)

    for group in planted.exact:
        for member in group[1:]:
            texts[member] = texts[group[0]]
            rows.tokens[int(first[member])] = rows.tokens[int(first[group[0]])]
    for group in planted.exact + planted.near:
        for member in group[1:]:
            rows.content[int(first[member])] = texts[member]
    if edited:
        counts = count_tokens([texts[c] for c in edited])
        for c, t in zip(edited, counts, strict=True):
            rows.tokens[int(first[c])] = t
    return planted


def _near_source(text: str, rows, c: int) -> bool:
    """A first prompt long enough to be edited: a spaced language, enough words to edit."""
    from chatlake.generate.rows import LANGUAGE_NAMES

    if not V.get_vocab(LANGUAGE_NAMES[int(rows.lang[c])]).spaced:
        return False
    return len(normalised(text).split(" ")) >= NEAR_MIN_WORDS and len(_editable(text)) >= 8
