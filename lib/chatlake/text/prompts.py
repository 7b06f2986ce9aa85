"""What counts as the same prompt: the normalised form of a text and its 64-bit key. Plain Python
and pyarrow: no Spark in here.

`normalise(text)`: lower case (Python's `str.lower`); every run of characters that is not a
letter, a combining mark, a digit or `_` becomes one space; trimmed. Punctuation, symbols, emoji
and every kind of whitespace vanish; a `NAME_k` placeholder stays one token (`name_k`). An empty
normalised form (no text, emoji only) is no prompt at all: it repeats nothing.

`prompt_key(text)`: the 8-byte BLAKE2b digest of the normalised form's UTF-8, read as a signed
little-endian 64-bit integer; None for an empty normalised form. Enrichment stores the key of
every user message in silver messages (`text_key`) and of each conversation's first one in silver
conversations (`first_prompt_key`), so that the repetition statistics and the moderation
selections compare texts over columns of longs instead of reading them from bronze again (at 1M
conversations reading and normalising the first prompts alone took 15 s of aggregate's time).
One implementation on every engine: the key is computed in Python wherever the enrichment UDF
runs. Two distinct normalised forms share a key with probability about n^2 / 2^65: about 3e-8 for
a million distinct texts.

Why a fast path: the Unicode-class regex costs about 16 µs per generated user message; ASCII text
(most prompts) gets the same result from a byte translation in C, about 3 times faster overall
(tests/text/test_prompts.py checks the result against the Unicode categories).
"""

from __future__ import annotations

import hashlib
import string

import regex

# Not a letter, a combining mark, a digit or `_` (`chatlake.repetition.normalised_prompt` in Spark).
_NOT_WORD = regex.compile(r"[^\p{L}\p{M}\p{N}_]+")
# The same for ASCII: letters, digits and `_` kept, every other byte a space.
_WORD_BYTES = frozenset((string.ascii_letters + string.digits + "_").encode())
_ASCII_TABLE = bytes(b if b in _WORD_BYTES else 0x20 for b in range(256))


def normalise(text: str | None) -> str:
    """A prompt's normalised form (see the module docstring); "" for None."""
    if not text:
        return ""
    if text.isascii():
        return b" ".join(text.encode().translate(_ASCII_TABLE).lower().split()).decode()
    return _NOT_WORD.sub(" ", text.lower()).strip()


def prompt_key(text: str | None) -> int | None:
    """The 64-bit key of `text`'s normalised form; None when that form is empty."""
    normalised = normalise(text)
    if not normalised:
        return None
    digest = hashlib.blake2b(normalised.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)

