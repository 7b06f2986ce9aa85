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
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from typing import Any

from chatlake.text._locks import ForkSafeLock

_LOCK = ForkSafeLock()
_SPECIAL = re.compile(r"(<s>|</s>|<unk>)")
_SPECIAL_IDS = {"<unk>": 0, "<s>": 1, "</s>": 2}
BOS_ID = 1


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
    anything that is not a string count 0."""
    tok = tokenizer()
    items = [t if isinstance(t, str) else "" for t in texts]
    counts = [0] * len(items)
    encode_ordinary = tok.encode_ordinary
    for i, text in enumerate(items):
        if not text:
            continue
        if "<" in text and _SPECIAL.search(text):
            counts[i] = len(encode(text))
        else:
            counts[i] = 1 + len(encode_ordinary(text))
    return counts
