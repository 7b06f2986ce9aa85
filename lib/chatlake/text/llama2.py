"""Llama-2 token counts the paper's way, plain Python (no Spark).

The paper (FastChat's compute_stats.py) counted `len(tokenizer(x).input_ids)` with
`AutoTokenizer.from_pretrained("lmsys/vicuna-7b-v1.5", use_fast=False)`: Llama-2's SentencePiece
BPE model, BOS included. This module gives that number offline from `splintr-rs`, which bundles
the Llama-2 vocabulary (32,000 pieces, Llama 2 Community Licence) and encodes it in Rust:

- a non-empty text counts 1 (BOS) + its SentencePiece tokens (dummy prefix, byte fallback);
  None and "" count 0 (the paper counts an empty response 0; an empty prompt would count 1 there);
- the literals `<s>`, `</s>` and `<unk>` count 1 each, as the Hugging Face tokenizer splits its
  special tokens out of the text; the text after one is encoded without a dummy prefix (as the
  fast tokenizer and the slow one with legacy=False do);
- splintr's own extra "agent" tokens (`<|im_start|>`, ...) are not Llama-2's and count as the
  ordinary text they are (`encode_ordinary`).

Checked id for id against an independent implementation (the npm package llama-tokenizer-js):
tests/text/test_llama2.py and its fixture.

Counting (`count_tokens_llama2`) does not encode whole texts: splintr's SentencePiece encoder takes
about 0.25 µs a character here, 12 to 16 core-minutes for the messages of a million generated
conversations. It counts whitespace units instead, each distinct one once per process. The model
writes every space as "▁" and puts one "▁" before the text, and no piece of its vocabulary has a "▁"
after another character (tests/text/test_llama2.py reads all 32,000), so no piece crosses a space
that follows a non-space: a text's pieces are the pieces of its units, each a run of spaces and the
word after it, encoded alone. A unit is encoded without its first space, which splintr's dummy
prefix puts back; the last unit of a text that ends in one space is that space alone, the piece "▁".
A text with a "▁" (U+2581) of its own, which the model cannot tell from a space, is encoded whole,
as are texts with a special literal. The units come from Arrow kernels (a split on spaces, a
dictionary of the distinct words of a batch), and their counts from a dictionary of the units seen
before: on the 402,184 messages of 100,000 generated conversations, in batches of 3,000 as
enrichment hands them over, 14.4 s against 74.3 s for whole texts, with the same counts (also tested
on random texts of spaces, tabs, no-break spaces, CJK, emoji and the special literals). What is left
is mostly the dictionary lookups of a batch's distinct words: generated text, like real text, has
many rare ones.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from itertools import repeat
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from chatlake.text._locks import ForkSafeLock

_LOCK = ForkSafeLock()
_SPECIAL = re.compile(r"(<s>|</s>|<unk>)")
_SPECIAL_IDS = {"<unk>": 0, "<s>": 1, "</s>": 2}
BOS_ID = 1
_ENCODED_WHOLE = _SPECIAL.pattern + "|\u2581"
# Texts counted in one pass of the Arrow kernels (bounds their arrays).
_BATCH_TEXTS = 4096
# Distinct units whose count a process remembers (about 100 bytes each); by Zipf's law the
# frequent ones come early, and later units are encoded each time they come.
_UNIT_CACHE_LIMIT = 2_000_000
_UNIT_COUNTS: dict[str, int] = {}


@functools.cache
def _tokenizer_locked() -> Any:
    import splintr

    return splintr.Tokenizer.from_pretrained("llama2")


def tokenizer() -> Any:
    """splintr's Llama-2 tokenizer, loaded once per process."""
    with _LOCK:
        return _tokenizer_locked()


def _ids_after_special(tok: Any, segment: str) -> list[int]:
    """Ids of text that follows a special token: no dummy prefix."""
    try:
        return tok.encode_allowed_special("<s>" + segment, ["<s>"])[1:]
    except ValueError:  # the segment spells one of splintr's extra tokens
        if segment.startswith(" ") and len(segment) > 1:
            return tok.encode_ordinary(segment[1:])  # the dummy prefix is that space
        return tok.encode_ordinary(segment)


def encode(text: str) -> list[int]:
    """Llama-2 ids of `text` as the paper's tokenizer gives them, BOS first; [] for ""."""
    if not text:
        return []
    tok = tokenizer()
    if "<" not in text or not _SPECIAL.search(text):
        return [BOS_ID, *tok.encode_ordinary(text)]
    ids = [BOS_ID]
    for index, part in enumerate(_SPECIAL.split(text)):
        if index % 2:
            ids.append(_SPECIAL_IDS[part])
        elif part:
            ids.extend(tok.encode_ordinary(part) if index == 0 else _ids_after_special(tok, part))
    return ids


def count_tokens_llama2(texts: Iterable[str | None]) -> list[int]:
    """`len(tokenizer(x).input_ids)` of Llama-2's slow tokenizer for each text; None, "" and
    anything that is not a string count 0. Counted by whitespace units (see the module
    docstring); texts with a `<s>`, `</s>` or `<unk>` literal or a "▁" are encoded whole."""
    items = [t if isinstance(t, str) else None for t in texts]
    counts: list[int] = []
    for start in range(0, len(items), _BATCH_TEXTS):
        counts.extend(_count_batch(items[start : start + _BATCH_TEXTS]))
    return counts


def _count_batch(texts: list[str | None]) -> list[int]:
    try:
        array = pa.array(texts, pa.string())
    except (pa.ArrowException, UnicodeEncodeError):  # lone surrogates: tiktoken's fix-up, as tokens.py
        from chatlake.text.tokens import fix_surrogates

        texts = [fix_surrogates(t) if t else t for t in texts]
        array = pa.array(texts, pa.string())
    text_bytes = pc.fill_null(pc.binary_length(array), 0).to_numpy(zero_copy_only=False)
    parts = pc.split_pattern(array, " ")
    offsets = np.asarray(parts.offsets, dtype=np.int64)
    encoded = pc.dictionary_encode(parts.values)
    words, codes = encoded.dictionary, np.asarray(encoded.indices, dtype=np.int64)
    word_bytes = np.asarray(pc.binary_length(words))
    # A unit ends at each non-empty part (the empty parts before it are its run of spaces, less
    # the one its boundary stands for) and at the last part of each text.
    ends = np.zeros(len(codes), dtype=bool)
    ends[offsets[1:][offsets[1:] > offsets[:-1]] - 1] = True
    unit_end = np.flatnonzero((word_bytes[codes] > 0) | ends)
    owner = np.searchsorted(offsets, unit_end, side="right") - 1
    previous = np.concatenate([[-1], unit_end[:-1]])
    spaces = unit_end - np.maximum(previous, offsets[owner] - 1) - 1
    unit_codes = codes[unit_end]
    tokens = np.zeros(len(unit_end), dtype=np.int64)
    bare = spaces == 0
    tokens[bare] = _unit_counts(words.to_pylist())[unit_codes[bare]]
    spaced = np.flatnonzero(~bare)
    if len(spaced):
        spaced_words = words.take(pa.array(unit_codes[spaced])).to_pylist()
        keys = [" " * int(n) + word for n, word in zip(spaces[spaced], spaced_words, strict=True)]
        tokens[spaced] = _unit_counts(keys)
    # A text that ends in one space after a word ends in the piece "▁" alone, which "" cannot encode.
    tokens[bare & (word_bytes[unit_codes] == 0)] = 1
    counts = np.bincount(owner, weights=tokens, minlength=len(texts)).astype(np.int64)
    counts = np.where(text_bytes > 0, counts + 1, 0)  # BOS
    # A special literal, or a "▁" (U+2581) written in the text, which the model cannot tell from
    # a space (so a piece may cross it): encoded whole.
    whole = pc.fill_null(pc.match_substring_regex(array, _ENCODED_WHOLE), False)
    for index in np.flatnonzero(np.asarray(whole)):
        counts[index] = len(encode(texts[index]))
    return counts.tolist()


def _unit_counts(keys: list[str]) -> np.ndarray:
    """Pieces of each unit key (encoded with splintr's dummy prefix), remembered per process."""
    remembered = _UNIT_COUNTS
    counts = np.fromiter(map(remembered.get, keys, repeat(-1)), dtype=np.int64, count=len(keys))
    missing = np.flatnonzero(counts < 0)
    if len(missing):
        encode_ordinary = tokenizer().encode_ordinary
        room = _UNIT_CACHE_LIMIT - len(remembered)
        for index in missing:
            key = keys[index]
            counts[index] = pieces = len(encode_ordinary(key))
            if room > 0:
                remembered[key] = pieces
                room -= 1
    return counts
