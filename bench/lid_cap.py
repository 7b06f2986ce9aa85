"""How much of each message language ID needs: label agreement with the full text when fastText
reads only the first N characters, and the time it takes.

    python bench/lid_cap.py chatlake-data/data --caps 200,500,1000,2000

Over every message of the files (Parquet in the released layout): the share of messages whose
label with the cap equals the label of the full text, over all messages, per role, over first
user messages, and per language (the `language` column: the generator's planted language); then
the language-ID time of each cap, one process. Prints Markdown tables.
"""

from __future__ import annotations

import time
from collections import defaultdict
from pathlib import Path
from typing import Annotated

import pyarrow.compute as pc
import pyarrow.parquet as pq
import typer

from chatlake.text.langid import detect_languages


def messages(data: Path) -> tuple[list[str | None], list[str], list[bool], list[str]]:
    """(text, role, is the first user message, the conversation's language) of every message."""
    table = pq.read_table(sorted(str(p) for p in data.glob("*.parquet")), columns=["conversation", "language"])
    texts, roles, first_user, languages = [], [], [], []
    columns = table.column("conversation").to_pylist(), table.column("language").to_pylist()
    for conversation, language in zip(*columns, strict=True):
        seen_user = False
        for message in conversation:
            texts.append(message["content"])
            roles.append(message["role"])
            first_user.append(message["role"] == "user" and not seen_user)
            seen_user = seen_user or message["role"] == "user"
            languages.append(language)
    return texts, roles, first_user, languages


def main(
    data: Annotated[Path, typer.Argument(help="Folder of .parquet files in the released layout.")],
    caps: Annotated[str, typer.Option(help="Comma-separated caps, in characters.")] = "200,500,1000,2000",
    languages_shown: Annotated[int, typer.Option(help="Languages shown, by messages.")] = 12,
) -> None:
    texts, roles, first_user, languages = messages(data)
    chosen = [int(c) for c in caps.split(",")]
    seconds, labels = {}, {}
    for cap in [0, *chosen]:
        started = time.perf_counter()
        labels[cap] = [code for code, _ in detect_languages(texts, max_chars=cap)]
        seconds[cap] = time.perf_counter() - started
    lengths = pc.fill_null(pc.utf8_length(pc.cast(texts, "string")), 0).to_pylist()

    groups: dict[str, list[int]] = defaultdict(list)
    for i in range(len(texts)):
        groups["all messages"].append(i)
        groups[f"role {roles[i]}"].append(i)
        if first_user[i]:
            groups["first user messages"].append(i)
    by_language = defaultdict(list)
    for i, language in enumerate(languages):
        by_language[language].append(i)
    for language in sorted(by_language, key=lambda name: -len(by_language[name]))[:languages_shown]:
        groups[f"language {language}"] = by_language[language]

    header = " | ".join(f"{cap:,} chars" for cap in chosen)
    print(f"{len(texts):,} messages; agreement with the full-text label (messages longer than the cap that changed)\n")
    print(f"| messages | n | {header} |")
    print("| --- | --- | " + " | ".join("---" for _ in chosen) + " |")
    for name, members in groups.items():
        cells = []
        for cap in chosen:
            changed = sum(labels[cap][i] != labels[0][i] for i in members)
            longer = sum(lengths[i] > cap for i in members)
            cells.append(f"{1 - changed / len(members):.5f} ({changed:,} of {longer:,})")
        print(f"| {name} | {len(members):,} | " + " | ".join(cells) + " |")
    print("\n| cap | language ID time (s, one process) | share of the full text's time |")
    print("| --- | --- | --- |")
    for cap in [*chosen, 0]:
        label = "full text" if cap == 0 else f"{cap:,} chars"
        print(f"| {label} | {seconds[cap]:.1f} | {seconds[cap] / seconds[0]:.2f} |")


if __name__ == "__main__":
    typer.run(main)
