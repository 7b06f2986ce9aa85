"""Whether a text shows program code, plain Python (no Spark, no model, no word list).

Used by `chatlake.topics` for each cluster's `code_share` (the share of its prompts that show
code), from which the report tells coding and software clusters from the others.

A text shows code when it holds a fenced code block (```), or at least two marks of code:
occurrences of the patterns below, counted separately (a line `def f(x):` is a definition and a
call). Each mark is rare in prose; one alone (`f(x)` in a maths question, an `iPhone`, a
semicolon, an arrow) is not enough, two together are. The marks are what code in any language
looks like, not words of a topic:

- a call: a name of two or more characters directly followed by `(...)`: `print(x)`, `df.head()`;
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

FENCE = "```"
MIN_MARKS = 2

CODE_MARKS: dict[str, re.Pattern[str]] = {
    "call": re.compile(r"\b[A-Za-z_][\w.]*\w\([^()\n]{0,200}\)"),
    "snake_case": re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b"),
    "camel_case": re.compile(r"\b[a-z]{2,}(?:[A-Z][a-z0-9]+)+\b"),
    "braces": re.compile(r"\{[^{}\n]*\}|[;{][ \t]*$", re.M),
    "operator": re.compile(r"==|!=|=>|\+=|&&|\|\||::"),
    "statement": re.compile(
        r"^[ \t]*(?:import [\w.]+|from [\w.]+ import\b|def \w+|class \w+[:(]|#include\b|function\b"
        r"|(?:const|let|var) \w+ ?=|return\b)",
        re.M,
    ),
    "sql": re.compile(
        r"\b(?:SELECT|select)\s+(?:\*|[\w.]+(?:\s*,\s*[\w.]+)*)\s+(?:FROM|from)\s+\w"
        r"|\b(?:WHERE|GROUP BY|ORDER BY|JOIN|INSERT INTO|CREATE TABLE)\b"
    ),
    "tag": re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>\n]*)?>"),
}


def code_marks(text: str) -> int:
    """How many marks of code `text` holds (see the module docstring)."""
    return sum(len(pattern.findall(text)) for pattern in CODE_MARKS.values())


def shows_code(text: str | None) -> bool:
    """Whether `text` shows program code: a fenced code block, or at least MIN_MARKS marks of
    code. None and empty text show none."""
    if not text:
        return False
    return FENCE in text or code_marks(text) >= MIN_MARKS
