"""Whether a text shows program code, plain Python (no Spark, no model, no word list).

Used by `chatlake.topics` for each cluster's `code_share` (the share of its prompts that show
code), from which the report tells coding and software clusters from the others.

A text shows code when it holds a fenced code block (```), or at least two marks of code:
occurrences of the patterns below, counted separately (a line `def f(x):` is a definition and a
call). Each mark is rare in prose; one alone (`f(x)` in a maths question, an `iPhone`, a
semicolon, an arrow) is not enough, two together are. The marks are what code in any language
looks like, not words of a topic:

- a call: a name of two or more characters (or `.` and one) directly followed by `(...)`:
  `print(x)`, `df.head()`, `p.x()`;
- a snake_case identifier (`max_length`; NAME_1 placeholders are upper case and do not count) or a
  camelCase one with at least two lower-case letters before the first capital (`getElementById`,
  not `iPhone` or `eBay`);
- a pair of braces `{...}`, or a line ending in `;` or `{`;
- an operator of code: `==`, `!=`, `=>`, `+=`, `&&`, `||`, `::`;
- a statement that opens a line: `import x`, `from x import`, `def`, `class X:` / `class X(`,
  `#include`, `function`, `const` / `let` / `var x =`, `return`;
- SQL: `SELECT ... FROM x` (either case, a column list or `*`), or an upper-case `WHERE`,
  `GROUP BY`, `ORDER BY`, `JOIN`, `INSERT INTO`, `CREATE TABLE`;
- an HTML or XML tag: `<div>`, `</p>`, `<img src=...>`.
"""

from __future__ import annotations

import re
from collections.abc import Callable

FENCE = "```"
MIN_MARKS = 2


def _holds(*needles: str) -> Callable[[str], bool]:
    return lambda text: any(needle in text for needle in needles)


# Each mark: its pattern, and a cheap test that a text must pass for the pattern to be tried at
# all (most prose holds no parenthesis, underscore, brace or SQL keyword, and a substring test is
# far cheaper than a regex over the whole text; None: always tried).
CODE_MARKS: dict[str, tuple[re.Pattern[str], Callable[[str], object] | None]] = {
    # The parenthesis first, the name behind it: a pattern that opens with a literal is searched
    # for that character, not tried at every position (15 times faster on prose).
    "call": (re.compile(r"\((?<=(?:\w\w|\.\w)\()[^()\n]{0,200}\)"), _holds("(")),
    "snake_case": (re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"), _holds("_")),
    "camel_case": (re.compile(r"\b[a-z]{2,}(?:[A-Z][a-z0-9]+)+\b"), re.compile("[a-z][A-Z]").search),
    "braces": (re.compile(r"\{[^{}\n]*\}|[;{][ \t]*$", re.M), _holds("{", ";")),
    "operator": (re.compile(r"==|!=|=>|\+=|&&|\|\||::"), None),
    "statement": (re.compile(
        r"^[ \t]*(?:import [\w.]+|from [\w.]+ import\b|def \w+|class \w+[:(]|#include\b|function\b"
        r"|(?:const|let|var) \w+ ?=|return\b)",
        re.M,
    ), None),
    "sql": (re.compile(
        r"\b(?:SELECT|select)\s+(?:\*|[\w.]+(?:\s*,\s*[\w.]+)*)\s+(?:FROM|from)\s+\w"
        r"|\b(?:WHERE|GROUP BY|ORDER BY|JOIN|INSERT INTO|CREATE TABLE)\b"
    ), _holds("SELECT", "select", "WHERE", "GROUP BY", "ORDER BY", "JOIN", "INSERT INTO", "CREATE TABLE")),
    "tag": (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?>"), _holds("<")),
}


def code_marks(text: str) -> int:
    """How many marks of code `text` holds (see the module docstring)."""
    return sum(len(pattern.findall(text)) for pattern, worth_trying in CODE_MARKS.values()
               if worth_trying is None or worth_trying(text))


def shows_code(text: str | None) -> bool:
    """Whether `text` shows program code: a fenced code block, or at least MIN_MARKS marks of
    code. None and empty text show none."""
    if not text:
        return False
    return FENCE in text or code_marks(text) >= MIN_MARKS
