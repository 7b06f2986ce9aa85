"""Writing the text of messages: prose in one language, code blocks, templates, garbled prompts.

`render_prose` is vectorised over all the messages of one language in a shard: one stream of
sampled words is cut into messages at their token targets, then joined part by part. For a regular
language (see `vocab`) it also returns each message's exact cl100k_base token count; otherwise the
caller counts the text with tiktoken.
"""

from __future__ import annotations

import numpy as np

from chatlake.generate import topics as TP
from chatlake.generate import vocab as V
from chatlake.generate.tokens import count_tokens

# Average words per sentence, and the mix of sentence ends.
_SENTENCE_WORDS = 12.0
_END_KINDS = np.array([V.PERIOD, V.QUESTION, V.EXCLAIM, V.COLON])
_END_KIND_P = np.array([0.72, 0.14, 0.06, 0.08])
_END_NEWLINE_P = np.array([0.62, 0.10, 0.28])
_COMMA_P = 0.06
_BULLET_P = 0.3
_NO_PUNCT = -1


def _tokens_per_word(vocab: V.Vocab) -> float:
    """Expected tokens per word (with punctuation), used only to size the word stream."""
    if vocab.tokens_per_word is not None:
        return vocab.tokens_per_word
    if vocab.regular:
        tpw = float(np.dot(vocab.probs, vocab.part_tokens[: vocab.n_words])) + 0.15
    else:
        rng = np.random.default_rng(0)
        sample = rng.choice(vocab.n_words, size=400, p=vocab.probs)
        sep = " " if vocab.spaced else ""
        text = sep.join(vocab.words[i] for i in sample)
        tpw = count_tokens([text])[0] / 400 + 0.15
    vocab.tokens_per_word = tpw
    return tpw


def render_prose(
    vocab: V.Vocab,
    targets: np.ndarray,
    is_user: np.ndarray,
    topics: np.ndarray | None,
    rng: np.random.Generator,
) -> tuple[list[str], np.ndarray]:
    """Texts for messages with these token targets, and their token counts (-1 when not exact).

    targets: int array (>= 1) per message; is_user: bool array (user prompts end more often with a
    question mark, or with nothing); topics: index into `topics.TOPIC_NAMES` per message, or
    `topics.NO_TOPIC` (English only), or None. A share of each topical message's words
    (`topics.USER_KEYWORD_SHARE` in prompts, `ASSISTANT_KEYWORD_SHARE` in answers) is replaced by
    keywords of its topic before the text is joined, so the token counts stay exact.
    """
    m = len(targets)
    if m == 0:
        return [], np.zeros(0, dtype=np.int64)
    targets = np.maximum(np.asarray(targets, dtype=np.int64), 1)
    tpw = _tokens_per_word(vocab)
    total_target = int(targets.sum())
    n = int(total_target / tpw * 1.05) + 2 * m + 64
    while True:
        words = V.sample_words(vocab, n, rng)
        est = vocab.part_tokens[words] if vocab.regular else np.full(n, tpw)
        cum = np.cumsum(est)
        ends = np.searchsorted(cum, np.cumsum(targets), side="left") + 1
        idx = np.arange(m)
        ends = np.maximum.accumulate(ends - idx) + idx  # at least one word per message
        if ends[-1] <= n:
            break
        n = int(n * 1.3) + 64
    n = int(ends[-1])
    words = words[:n]
    starts = np.concatenate([[0], ends[:-1]])
    msg_of_word = np.repeat(idx, ends - starts)

    if topics is not None and vocab.topic_keywords is not None:
        share = np.where(np.asarray(is_user, dtype=bool), TP.USER_KEYWORD_SHARE, TP.ASSISTANT_KEYWORD_SHARE)
        topics = np.asarray(topics, dtype=np.int64)
        swap = np.flatnonzero((rng.random(n) < share[msg_of_word]) & (topics[msg_of_word] != TP.NO_TOPIC))
        word_topic = topics[msg_of_word[swap]]
        start, length = vocab.topic_start[word_topic], vocab.topic_length[word_topic]
        pick = start + np.floor(rng.random(len(swap)) * length).astype(np.int64)
        words[swap] = vocab.topic_keywords[pick]

    # Sentence structure over the whole stream.
    is_end = rng.random(n) < 1.0 / _SENTENCE_WORDS
    kind = np.full(n, _NO_PUNCT, dtype=np.int64)
    newline = np.zeros(n, dtype=np.int64)
    n_end = int(is_end.sum())
    kind[is_end] = rng.choice(_END_KINDS, size=n_end, p=_END_KIND_P)
    newline[is_end] = rng.choice(3, size=n_end, p=_END_NEWLINE_P)
    comma = (~is_end) & (rng.random(n) < _COMMA_P)
    kind[comma] = V.COMMA

    first = starts
    last = ends - 1
    # Message ends: user prompts end with "?" / "." / nothing, answers mostly with ".".
    end_draw = rng.random(m)
    end_kind = np.where(
        is_user,
        np.select([end_draw < 0.45, end_draw < 0.80], [V.QUESTION, V.PERIOD], _NO_PUNCT),
        np.select([end_draw < 0.90, end_draw < 0.93], [V.PERIOD, V.EXCLAIM], _NO_PUNCT),
    )
    kind[last] = end_kind
    newline[last] = 0

    prev_kind = np.concatenate([[V.PERIOD], kind[:-1]])
    prev_newline = np.concatenate([[0], newline[:-1]])
    sentence_start = np.isin(prev_kind, (V.PERIOD, V.QUESTION, V.EXCLAIM, V.COLON))
    sentence_start[first] = True
    after_newline = sentence_start & (prev_newline > 0) & (prev_kind != _NO_PUNCT)
    bullet = after_newline & (rng.random(n) < _BULLET_P)
    bullet[first] = False
    variant = np.where(
        sentence_start,
        np.where(after_newline & ~bullet, V.BARE_CAP, V.SP_CAP),
        V.SP_LOWER,
    )
    variant[first] = np.where(is_user & (rng.random(m) < 0.08), V.BARE_LOWER, V.BARE_CAP)

    word_part = words + variant * vocab.n_words
    has_punct = kind != _NO_PUNCT
    punct_part = vocab.punct_base + np.where(has_punct, kind, 0) * 3 + newline

    per_word = 1 + bullet.astype(np.int64) + has_punct.astype(np.int64)
    offsets = np.concatenate([[0], np.cumsum(per_word)])
    ids = np.empty(int(offsets[-1]), dtype=np.int64)
    base = offsets[:-1]
    ids[base[bullet]] = vocab.bullet
    ids[base + bullet] = word_part
    ids[(base + bullet + 1)[has_punct]] = punct_part[has_punct]

    if vocab.regular:
        part_tok = vocab.part_tokens[ids]
        cum_tok = np.concatenate([[0], np.cumsum(part_tok)])
        tokens = cum_tok[offsets[ends]] - cum_tok[offsets[starts]]
    else:
        tokens = np.full(m, -1, dtype=np.int64)

    strings = vocab.parts_array[ids]
    lo = offsets[starts].tolist()
    hi = offsets[ends].tolist()
    texts = ["".join(strings[a:b].tolist()) for a, b in zip(lo, hi, strict=True)]
    return texts, tokens


# --- non-prose content -------------------------------------------------------------------------

EMOJI: tuple[str, ...] = (
    "😊", "😂", "👍", "🙏", "🤔", "🔥", "❤️", "🚀", "✅", "😅", "🎉", "🙂", "👋", "💡", "😭", "🤖",
)

_CODE_TEMPLATES: tuple[tuple[str, str], ...] = (
    (
        "python",
        "def {a}_{b}({c}):\n    result = []\n    for {d} in {c}:\n        if {d}:\n"
        "            result.append({d})\n    return result\n\n\nprint({a}_{b}([1, 2, 3]))",
    ),
    (
        "python",
        "import pandas as pd\n\ndf = pd.read_csv(\"{a}_{b}.csv\")\ndf[\"{c}\"] = df[\"{d}\"].apply(len)\n"
        "print(df.groupby(\"{c}\").size())",
    ),
    (
        "python",
        "class {A}{B}:\n    def __init__(self, {c}):\n        self.{c} = {c}\n\n"
        "    def {d}(self):\n        return f\"{{self.{c}}}\"",
    ),
    (
        "javascript",
        "const {a}{B} = async ({c}) => {{\n  const response = await fetch(`/api/{d}/${{{c}}}`);\n"
        "  if (!response.ok) throw new Error(\"{a} failed\");\n  return response.json();\n}};",
    ),
    (
        "sql",
        "SELECT {a}, COUNT(*) AS {b}_count\nFROM {c}\nWHERE {d} IS NOT NULL\nGROUP BY {a}\n"
        "ORDER BY {b}_count DESC\nLIMIT 10;",
    ),
    (
        "bash",
        "#!/bin/bash\nfor f in ./{a}/*.txt; do\n  echo \"$f\"\n  grep -c \"{b}\" \"$f\" >> {c}.log\ndone",
    ),
    (
        "java",
        "public class {A}{B} {{\n    public static void main(String[] args) {{\n"
        "        int {c} = 0;\n        for (int i = 0; i < 10; i++) {{\n            {c} += i;\n        }}\n"
        "        System.out.println(\"{d}: \" + {c});\n    }}\n}}",
    ),
    (
        "cpp",
        "#include <iostream>\n#include <vector>\n\nint main() {{\n    std::vector<int> {a} = {{3, 1, 2}};\n"
        "    for (auto {b} : {a}) std::cout << {b} << std::endl;\n    return 0;\n}}",
    ),
)

# The script-like prompts of the two templated topics (`topics.TEMPLATED_TOPICS`), as they recur
# thousands of times in the real data with only a name changed.
TEMPLATES: dict[str, tuple[str, ...]] = {
    "chemical_industry_template": (
        "Give me an introduction over 200 words for {A} {B}, a chemical company in {C} {D}",
        "Write an article about the Upstream and Downstream products of {A} {B} 2000 words in chemical industry",
        "Write an article about the Safety of {A} {B} 1500-2000 words in chemical industry",
        "Write an article about the Applications of {A} {B} 2000 words in chemical industry",
        "Write an article about the Production Process of {A} {B} 1500-2000 words in chemical industry",
    ),
    "text_completion_template": (
        "You are the text completion model and you must complete the assistant answer below, only send "
        "the completion based on the system instructions.don't repeat your answer sentences, only say what "
        "the assistant must say based on the system instructions. repeating same thing in same answer not "
        "allowed.\nuser: descriptive answer for {a} {b} in python with proper code examples and outputs.\n"
        "assistant: ",
        "You are the text completion model and you must complete the assistant answer below, only send "
        "the completion based on the system instructions.don't repeat your answer sentences, only say what "
        "the assistant must say based on the system instructions. repeating same thing in same answer not "
        "allowed.\nsystem:descriptive answer for {a} {b} {c} in python with proper code example and outputs.\n"
        "\nassistant: ",
    ),
}


def _identifiers(rng: np.random.Generator, words: list[str], k: int) -> list[str]:
    picks = rng.integers(0, len(words), size=k)
    return [words[i].lower() for i in picks]


def code_block(rng: np.random.Generator, words: list[str], languages: tuple[str, ...] | None = None) -> str:
    """A fenced code block in one of a few languages (any, or one of `languages`), with
    identifiers made of English words."""
    choices = [t for t in _CODE_TEMPLATES if languages is None or t[0] in languages] or list(_CODE_TEMPLATES)
    lang, template = choices[int(rng.integers(len(choices)))]
    a, b, c, d = _identifiers(rng, words, 4)
    body = template.format(a=a, b=b, c=c, d=d, A=a.capitalize(), B=b.capitalize())
    return f"```{lang}\n{body}\n```"


def templated_prompt(rng: np.random.Generator, words: list[str], topic: str) -> str:
    """One of the script-like prompts of a templated topic, names filled in with English words."""
    templates = TEMPLATES[topic]
    template = templates[int(rng.integers(len(templates)))]
    a, b, c, d = _identifiers(rng, words, 4)
    return template.format(a=a, b=b, c=c, d=d, A=a.capitalize(), B=b.capitalize(), C=c.capitalize(), D=d.capitalize())


_GARBLED = (
    "hi", "ok", "??", "...", "test", "asdf", "hmm", "lol", "1+1", "yes", "no", "xd", "qwerty",
    "123456", "👍", "🙂🙂", "???", "a", "k", ":)", "hello?", "sdfsdf", "jjjj", "x", "[]",
)


def garbled_prompt(rng: np.random.Generator) -> str:
    """A short first prompt no language detector should be held to (language `unknown`)."""
    k = int(rng.integers(1, 4))
    picks = rng.integers(0, len(_GARBLED), size=k)
    return " ".join(_GARBLED[i] for i in picks)


def insert_placeholder(text: str, placeholder: str, rng: np.random.Generator) -> str:
    """`text` with `placeholder` inserted before a random word (or appended)."""
    spaces = [i for i, ch in enumerate(text[:2000]) if ch == " "]
    if not spaces:
        return f"{placeholder} {text}" if text else placeholder
    at = spaces[int(rng.integers(len(spaces)))]
    return f"{text[:at]} {placeholder}{text[at:]}"
