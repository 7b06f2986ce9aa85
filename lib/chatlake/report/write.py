"""Writing for the report: its files in the local output folder, and nothing else.

    figures/<name>.png (150 dpi) and figures/<name>.svg
    tables/<gold name>.csv (raw values) and tables/<gold name>.md (formatted)
    report.html (inline CSS, no script, images by relative path) and report.md

What goes into them comes from `chatlake.report.page` (blocks, figure specs) and
`chatlake.report.gold` (the tables). Text files are written to a temporary file and renamed, so
that a reader never sees half a file. A rerun replaces everything it wrote before: stale figures
and tables are removed first.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path

import matplotlib
import pandas as pd

from chatlake import ChatlakeError
from chatlake.report import figures
from chatlake.report.document import Block, Table, render_html, render_markdown
from chatlake.report.page import FIGURES_DIR, TABLES_DIR, FigureSpec, description
from chatlake.storage import local_path

log = logging.getLogger(__name__)


def prepare_output(output_dir: str) -> Path:
    """The output folder, created, with the figures and tables of an earlier run removed.
    Raises ChatlakeError when `output_dir` is not a local folder (or a mounted volume)."""
    local = local_path(output_dir)
    if local is None:
        raise ChatlakeError(f"output_dir must be a local folder (or a mounted volume), got {output_dir}")
    out = Path(local)
    for sub, suffixes in ((FIGURES_DIR, (".png", ".svg")), (TABLES_DIR, (".csv", ".md"))):
        folder = out / sub
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            if stale.is_file() and stale.suffix in suffixes:
                stale.unlink()
    return out


def write_text(path: Path, text: str) -> None:
    """Write via a temporary file and a rename, so a reader never sees half a file."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def write_gold_files(out: Path, tables: Mapping[str, pd.DataFrame]) -> int:
    """tables/<name>.csv (raw values, full precision) and tables/<name>.md (formatted, under a
    heading and the table's description); returns the rows written."""
    rows = 0
    for name, df in tables.items():
        write_text(out / TABLES_DIR / f"{name}.csv", df.to_csv(index=False))
        write_text(out / TABLES_DIR / f"{name}.md", render_markdown(f"gold/{name}", description(name), [Table.of(df)]))
        rows += len(df)
    return rows


def draw_figures(out: Path, specs: list[FigureSpec]) -> dict[str, str]:
    """Draw and save every figure (PNG and SVG); returns the figures that failed, with their error.

    A failing figure is replaced by one that says so, and the report notes it: one bad table
    should not cost the whole report.
    """
    errors = {}
    with matplotlib.rc_context(figures.STYLE):
        for spec in specs:
            try:
                figures.save_figure(spec.draw(), out / FIGURES_DIR, spec.name)
            except Exception as exc:  # reported in the run log and in the report
                log.warning("report: figure %s failed: %s", spec.name, exc, exc_info=True)
                errors[spec.name] = f"{type(exc).__name__}: {exc}"
                message = f"the figure could not be drawn ({type(exc).__name__})"
                figures.save_figure(figures.no_data_figure(spec.name, message), out / FIGURES_DIR, spec.name)
    return errors


def write_pages(out: Path, title: str, subtitle: str, blocks: list[Block]) -> Path:
    """report.html and report.md of `blocks`; returns the path of report.html."""
    write_text(out / "report.html", render_html(title, subtitle, blocks))
    write_text(out / "report.md", render_markdown(title, subtitle, blocks))
    return out / "report.html"
