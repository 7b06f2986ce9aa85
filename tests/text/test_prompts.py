"""chatlake.text.prompts: the normalised form of a prompt and its 64-bit key."""

from __future__ import annotations

import hashlib
import random
import unicodedata

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from chatlake.generate import generate
from chatlake.text.prompts import normalise, prompt_key


def by_categories(text: str | None) -> str:
    """The normalisation, char by char from Unicode categories (an oracle, not the module's code):
    letters (L*), marks (M*), numbers (N*) and `_` kept, every other run one space."""
    kept = [ch if unicodedata.category(ch)[0] in "LMN" or ch == "_" else " " for ch in (text or "").lower()]
    return " ".join(w for w in "".join(kept).split(" ") if w)


@pytest.mark.parametrize(("text", "expected"), [
    ("  Hello,   WORLD!!\tNAME_1 ", "hello world name_1"),
    ("¿Qué tal? 😀", "qué tal"),
    ("hi name 1 how are you", "hi name 1 how are you"),
    ("e\u0301te\u0301", "e\u0301te\u0301"),  # combining accents are marks: kept
    ("ΟΔΟΣ", "οδος"),  # Python's final sigma: the last Σ lowers to ς
    ("第一 第二。第三", "第一 第二 第三"),
    ("x²+y³", "x² y³"),  # superscripts are numbers (No)
    ("\u00a0nbsp\u2003em\u3000ideographic\u00a0", "nbsp em ideographic"),
    ("?!", ""), ("👍👍", ""), ("", ""), (None, ""),
])
def test_normalise_by_hand(text, expected):
    assert normalise(text) == expected


def test_normalise_agrees_with_the_unicode_categories_on_varied_text(tmp_path):
    # Every message of 1,000 generated conversations (81 languages, code, emoji, NAME_k) ...
    generate(1_000, 5, tmp_path, "parquet", shards=1, workers=1)
    table = pq.read_table(sorted(str(p) for p in (tmp_path / "data").glob("*.parquet")), columns=["conversation"])
    texts = pc.list_flatten(table.column("conversation")).combine_chunks().field("content").to_pylist()
    rng = random.Random(7)
    # ... random code points of the first 12,288 (punctuation and spaces among them; not those
    # unassigned in this Python's Unicode tables, which `regex`'s newer ones may assign) ...
    alphabet = [chr(c) for c in range(0x20, 0x3000) if unicodedata.category(chr(c)) not in ("Cs", "Cn")]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40))) for _ in range(3_000)]
    # ... and ASCII edge cases.
    texts += ["Plain ASCII, with punctuation: (a_b) & c-d!", "tab\tand\nnewline\r\x0bvt\x0cff", "__init__"]
    wrong = [t for t in texts if normalise(t) != by_categories(t)]
    assert not wrong, wrong[:5]


def test_prompt_key_is_blake2b_of_the_normalised_form():
    digest = hashlib.blake2b(b"hello world", digest_size=8).digest()
    assert prompt_key("Hello,   WORLD!") == int.from_bytes(digest, "little", signed=True)
    assert prompt_key("hello world") == prompt_key("HELLO\tworld?!")
    assert prompt_key("Hi NAME_1") != prompt_key("hi name 1")
    assert prompt_key("👍") is None and prompt_key(None) is None and prompt_key("") is None

