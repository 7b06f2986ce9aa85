"""Whether a prompt shows program code, on hand-written prompts (none from the generator): code
in several languages with and without fences, and prose that looks a little like code."""

from __future__ import annotations

import pytest

from chatlake.text.code import code_marks, shows_code

CODE = [
    "Here is my code:\n```\nfor i in range(10): pass\n```",
    "Why does this fail?\n\ndef add(a, b):\n    return a + b\n\nprint(add(1))",
    "const total = items.reduce((sum, item) => sum + item.price, 0);",
    "SELECT name, age FROM users WHERE age > 30 ORDER BY age",
    "select * from orders;\nreturns no rows although the table is not empty, why?",
    "What does df.groupby('city').mean() return?",
    "import numpy as np\nimport pandas as pd",
    'public static void main(String[] args) {\n  System.out.println("hi");\n}',
    'How do I center a <div class="box"> inside a <section>?',
    "my_list = [1, 2]\nmy_list.append(3)",
    "document.getElementById('x').addEventListener('click', onClick)",
    "#include <stdio.h>\nint main() { return 0; }",
    "if (a == b && c != d) { x += 1; }",
]

PROSE = [
    "What is the best programming language to learn first?",
    "Explain what a Python decorator is and when to use one.",
    "Give me a recipe for tomato soup with garlic and basil.",
    "Solve for x: 3x + 5 = 20, and explain f(x) = x^2.",
    "What is the derivative of sin(x)?",
    "NAME_1 and NAME_2 went to the market; they bought apples.",
    "Compare the iPhone and the Galaxy phones, and YouTube vs TikTok on eBay.",
    "Write a story about a dragon -> a princess -> a castle.",
    "I feel lonely; what should I do?",
    "Select the best answer from the list below: a) cats b) dogs",
    "Translate 'good morning (bonjour)' to Spanish.",
    "Return the book to the library by Friday, please :)",
    "Write an article about the Safety of Acetone 2000 words in chemical industry",
]


@pytest.mark.parametrize("text", CODE)
def test_code_is_recognised(text):
    assert shows_code(text), (text, code_marks(text))


@pytest.mark.parametrize("text", PROSE)
def test_prose_is_not_code(text):
    assert not shows_code(text), (text, code_marks(text))


def test_one_mark_alone_is_not_enough_and_a_fence_always_is():
    assert code_marks("What is the derivative of sin(x)?") == 1
    assert code_marks("print(x) and len(y)") == 2
    assert shows_code("Look: ``` ok")  # even an unclosed fence
    assert not shows_code(None) and not shows_code("")
