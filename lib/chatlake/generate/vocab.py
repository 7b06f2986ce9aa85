"""Per-language vocabularies: real words, their sampling weights and their exact token counts.

Words come from `wordfreq.top_n_list` for the languages wordfreq ships and from the vendored
`_extra_words` lists (CLDR and stopwords-iso words kept only when fastText attributes them to the
language) for the others. Languages that fastText confuses with a neighbour (Malay / Indonesian,
Norwegian / Danish, Slovak / Czech...) keep only the words at least twice as frequent in their own
wordfreq list as in the neighbour's.

Text is assembled from *parts*: a word in one of four spellings (` word`, ` Word`, `Word`, `word`),
a punctuation mark optionally fused with the newlines that follow it (`.`, `?\\n\\n`), or a list
bullet `-`. For a *regular* language (words separated by spaces, every word made of letters only,
`^\\p{L}+$`) cl100k_base's pre-tokenizer splits the text exactly at part boundaries: a letter run
ends at a space or at punctuation, a punctuation run ends at a space or a letter and swallows the
newlines after it. The token count of a text made of such parts is therefore the sum of the
parts' counts, which are measured once per part with tiktoken. Every other text (unspaced
scripts, words with combining marks, code, emoji, templates, placeholders) is counted whole with
`tokens.count_tokens` (tiktoken called directly, see `tokens`).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field

import numpy as np
import regex

from chatlake.generate.calibration import LANGUAGES, LanguageSpec
from chatlake.generate.tokens import encoding
from chatlake.generate.topics import TOPIC_NAMES, TOPICS

SP_LOWER, SP_CAP, BARE_CAP, BARE_LOWER = range(4)

_LETTERS = regex.compile(r"^\p{L}+$")
_LETTERS_MARKS = regex.compile(r"^[\p{L}\p{M}]+$")
_GREEK_FINAL_SIGMA = regex.compile(r"σ$")

# wordfreq languages that fastText confuses with these neighbours (wordfreq codes).
_NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "ms": ("id",),
    "id": ("ms",),
    "nb": ("da", "sv"),
    "da": ("nb", "sv"),
    "sv": ("nb", "da"),
    "sl": ("sh",),
    "sk": ("cs",),
    "cs": ("sk",),
    "ca": ("es", "pt", "fr"),
    "es": ("pt", "ca"),
    "pt": ("es",),
    "gl": ("pt", "es"),
    "fil": ("en", "id"),
    "zh": ("ja",),
    "ja": ("zh",),
    "bg": ("ru", "mk"),
    "mk": ("bg", "ru"),
    "uk": ("ru",),
    "ur": ("fa", "ar"),
    "is": ("nb", "da", "sv"),
}
_NEIGHBOUR_RATIO = 2.0

_WORDFREQ_WORDS = 2_000
_ENGLISH_WORDS = 6_000

_UNSPACED = {"zh", "ja", "th", "lo", "km", "my"}

# Punctuation per script: comma, period, question, exclamation, colon.
_PUNCT_DEFAULT = (",", ".", "?", "!", ":")
_PUNCT: dict[str, tuple[str, str, str, str, str]] = {
    "ar": ("،", ".", "؟", "!", ":"),
    "fa": ("،", ".", "؟", "!", ":"),
    "ur": ("،", "۔", "؟", "!", ":"),
    "ps": ("،", ".", "؟", "!", ":"),
    "hi": (",", "।", "?", "!", ":"),
    "mr": (",", "।", "?", "!", ":"),
    "ne": (",", "।", "?", "!", ":"),
    "zh": ("，", "。", "？", "！", "："),
    "ja": ("、", "。", "？", "！", "："),
    "th": (" ", " ", "?", "!", ":"),
    "lo": (" ", ".", "?", "!", ":"),
    "km": (" ", "។", "?", "!", ":"),
    "my": ("၊", "။", "?", "!", ":"),
}
COMMA, PERIOD, QUESTION, EXCLAIM, COLON = range(5)
NEWLINES = ("", "\n", "\n\n")


@dataclass
class Vocab:
    """Everything needed to write prose in one language.

    `parts[i]` is a string and `part_tokens[i]` its cl100k_base token count (only meaningful when
    `regular`). Words occupy `parts[variant * n_words + w]` for the four spellings; punctuation
    occupies `punct_base + kind * 3 + newline_index`; `bullet` is the id of "-".
    """

    spec: LanguageSpec
    spaced: bool
    regular: bool
    words: list[str]
    probs: np.ndarray
    parts: list[str]
    part_tokens: np.ndarray
    n_words: int
    punct_base: int
    bullet: int
    topic_words: dict[str, np.ndarray] = field(default_factory=dict)
    parts_array: np.ndarray | None = None
    # Walker/Vose alias tables for O(1) exact sampling from `probs`.
    alias_prob: np.ndarray | None = None
    alias_index: np.ndarray | None = None
    # Expected tokens per word, set by `text` the first time the vocabulary sizes a word stream.
    tokens_per_word: float | None = None
    # Topic keywords concatenated in TOPIC_NAMES order, with each topic's start and length.
    topic_keywords: np.ndarray | None = None
    topic_start: np.ndarray | None = None
    topic_length: np.ndarray | None = None

    def word_part(self, variant: int, word: np.ndarray) -> np.ndarray:
        return word + variant * self.n_words

    def punct_part(self, kind: np.ndarray, newline: np.ndarray) -> np.ndarray:
        return self.punct_base + kind * 3 + newline


def _alias_tables(probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Vose's alias method: word i is kept with probability prob[i], else replaced by alias[i]."""
    n = len(probs)
    scaled = probs * n / probs.sum()
    prob = np.ones(n, dtype=np.float64)
    alias = np.arange(n, dtype=np.int64)
    small = [i for i in range(n) if scaled[i] < 1.0]
    large = [i for i in range(n) if scaled[i] >= 1.0]
    while small and large:
        s, g = small.pop(), large.pop()
        prob[s] = scaled[s]
        alias[s] = g
        scaled[g] = scaled[g] + scaled[s] - 1.0
        (small if scaled[g] < 1.0 else large).append(g)
    return prob, alias


def sample_words(vocab: Vocab, n: int, rng: np.random.Generator) -> np.ndarray:
    """n word indices drawn from `vocab.probs`."""
    column = rng.integers(0, vocab.n_words, size=n)
    keep = rng.random(n) < vocab.alias_prob[column]
    return np.where(keep, column, vocab.alias_index[column])


def _cap(word: str) -> str:
    return word[:1].upper() + word[1:]


def _wordfreq_words(spec: LanguageSpec) -> list[str]:
    import wordfreq

    n = _ENGLISH_WORDS if spec.key == "en" else _WORDFREQ_WORDS
    # The "small" lists load ten times faster and hold the same top words as the "best" ones.
    candidates = wordfreq.top_n_list(spec.key, n * 2, wordlist="small")
    neighbours = [wordfreq.get_frequency_dict(other, wordlist="small") for other in _NEIGHBOURS.get(spec.key, ())]
    own = wordfreq.get_frequency_dict(spec.key, wordlist="small") if neighbours else {}
    words: list[str] = []
    for rank, word in enumerate(candidates):
        if spec.key == "en":
            if word == "i":
                word = "I"
            elif len(word) == 1 and word != "a":
                continue
        elif len(word) == 1 and rank >= 60:
            continue
        if not _LETTERS_MARKS.match(word):
            continue
        if spec.key == "el":
            # wordfreq folds the final sigma; written Greek ends words with ς.
            word = _GREEK_FINAL_SIGMA.sub("ς", word)
        if neighbours:
            f = own.get(word, 0.0)
            if any(f < _NEIGHBOUR_RATIO * other.get(word, 0.0) for other in neighbours):
                continue
        words.append(word)
        if len(words) == n:
            break
    return words


def _zipf(n: int, offset: float) -> np.ndarray:
    weights = 1.0 / (np.arange(n, dtype=np.float64) + offset)
    return weights / weights.sum()


@functools.cache
def _extra_table() -> dict[str, dict]:
    from chatlake.generate._extra_words import EXTRA_WORDS

    return EXTRA_WORDS


@functools.cache
def get_vocab(name: str) -> Vocab:
    """The vocabulary of the language called `name` (a `LanguageSpec.name`), built once per process."""
    spec = next(s for s in LANGUAGES if s.name == name)
    if spec.source == "wordfreq":
        words = _wordfreq_words(spec)
        probs = _zipf(len(words), 2.7)
    elif spec.source == "extra":
        entry = _extra_table()[spec.key]
        function = "".join(entry["function"]).split()
        content = [w for w in "".join(entry["content"]).split() if w not in set(function)]
        words = function + content
        if function:
            probs = np.concatenate([np.full(len(function), 0.4 / len(function)), 0.6 * _zipf(len(content), 5.0)])
        else:
            probs = _zipf(len(content), 5.0)
    else:
        raise ValueError(f"language {name!r} has no vocabulary")
    spaced = spec.key not in _UNSPACED
    regular = spaced and all(_LETTERS.match(w) for w in words[: max(1, len(words) // 10)])
    if regular:
        keep = [i for i, w in enumerate(words) if _LETTERS.match(w) and _LETTERS.match(_cap(w))]
        words = [words[i] for i in keep]
        probs = probs[keep] / probs[keep].sum()
    topic_words: dict[str, np.ndarray] = {}
    if spec.key == "en":
        index = {w: i for i, w in enumerate(words)}
        for topic, keywords in TOPICS.items():
            ids = []
            for kw in keywords:
                if kw not in index:
                    index[kw] = len(words)
                    words.append(kw)
                ids.append(index[kw])
            topic_words[topic] = np.asarray(ids, dtype=np.int64)
        probs = np.concatenate([probs, np.zeros(len(words) - len(probs))])
    n = len(words)
    prefix = " " if spaced else ""
    if spaced:
        capped = [_cap(w) for w in words]
    else:
        capped = list(words)
    parts = [prefix + w for w in words] + [prefix + w for w in capped] + capped + list(words)
    punct_base = len(parts)
    for mark in _PUNCT.get(spec.key, _PUNCT_DEFAULT):
        for newline in NEWLINES:
            parts.append(mark + newline)
    bullet = len(parts)
    parts.append("-")
    if regular:
        enc = encoding()
        part_tokens = np.fromiter((len(enc.encode_ordinary(p)) for p in parts), dtype=np.int64, count=len(parts))
    else:
        part_tokens = np.zeros(len(parts), dtype=np.int64)
    vocab = Vocab(
        spec=spec,
        spaced=spaced,
        regular=regular,
        words=words,
        probs=probs,
        parts=parts,
        part_tokens=part_tokens,
        n_words=n,
        punct_base=punct_base,
        bullet=bullet,
        topic_words=topic_words,
    )
    vocab.parts_array = np.array(parts, dtype=object)
    vocab.alias_prob, vocab.alias_index = _alias_tables(probs)
    if topic_words:
        lists = [topic_words[t] for t in TOPIC_NAMES]
        vocab.topic_keywords = np.concatenate(lists)
        vocab.topic_length = np.array([len(x) for x in lists], dtype=np.int64)
        vocab.topic_start = np.concatenate([[0], np.cumsum(vocab.topic_length)[:-1]]).astype(np.int64)
    return vocab
