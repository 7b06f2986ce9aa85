"""The report as a list of blocks, rendered to a self-contained HTML page and to Markdown.

One model for both outputs, so report.html and report.md always say the same thing. Numbers are
formatted here (thousands separators, percentages for shares and rates); the CSV files keep the
raw values.

Text comes in two kinds, and both renderers escape both for their format:
- plain text: headings, the cells of data tables, link labels. Shown as it is.
- prose: paragraphs, bullets, captions, the cells of comparison tables (`Table.markup`). Text
  of ours in which `code` spans are markup; a data value put into prose goes through `literal`,
  which escapes its backticks (and backslashes), so that no value can open a code span.
Nothing a value holds becomes markup: in HTML every character is escaped; in Markdown `<`, `>`
and entity-like `&` become entities, the characters that start inline markup (backslash,
backtick, `*`, `_` outside a word, `[`, `]`, `~`, `$`, `|`) are backslash-escaped and line
breaks become spaces, so a value can neither open a tag, a link or an emphasis, nor end a table
cell or row.
"""

from __future__ import annotations

import html
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import quote

import pandas as pd

MISSING = "–"
# In prose: an escaped backslash or backtick (from `literal`), or a code span.
_PROSE_TOKEN = re.compile(r"\\([\\`])|`([^`]+)`")


# --- numbers ------------------------------------------------------------------------------------


def is_percent_column(name: str) -> bool:
    """Shares and rates (0..1) are shown as percentages: `share`, `*_share`, `*_rate*`."""
    return name == "share" or name.endswith("_share") or "rate" in name.split("_")


def format_int(value: object) -> str:
    return MISSING if _is_null(value) else f"{int(value):,}"


def format_float(value: object, digits: int = 2) -> str:
    return MISSING if _is_null(value) else f"{float(value):,.{digits}f}"


def format_percent(value: object, digits: int = 2) -> str:
    """0.7512 -> `75.12%`; tiny non-zero shares keep three significant digits (`0.00123%`)."""
    if _is_null(value):
        return MISSING
    percent = float(value) * 100
    if percent != 0 and abs(percent) < 10 ** -digits * 10:
        return f"{percent:.3g}%"
    return f"{percent:.{digits}f}%"


def format_value(value: object) -> str:
    """Any single value, by its Python type."""
    if _is_null(value):
        return MISSING
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int) or (hasattr(value, "dtype") and pd.api.types.is_integer_dtype(value.dtype)):
        return format_int(value)
    if isinstance(value, float):
        return format_float(value)
    if isinstance(value, (datetime, pd.Timestamp)):
        return pd.Timestamp(value).strftime("%Y-%m-%d %H:%M:%S %Z").strip()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def format_frame(df: pd.DataFrame) -> pd.DataFrame:
    """Every cell as display text: integers with separators, shares and rates as percentages,
    other floats with two decimals, nulls as a dash."""
    out = {}
    for name in df.columns:
        column = df[name]
        if pd.api.types.is_bool_dtype(column.dtype):
            out[name] = [format_value(v) for v in column]
        elif pd.api.types.is_numeric_dtype(column.dtype) and is_percent_column(str(name)):
            out[name] = [format_percent(v) for v in column]
        elif pd.api.types.is_integer_dtype(column.dtype):
            out[name] = [format_int(v) for v in column]
        elif pd.api.types.is_float_dtype(column.dtype):
            integral = column.dropna().apply(float.is_integer).all() and column.abs().max() >= 1e3
            out[name] = [format_int(v) if integral else format_float(v) for v in column]
        else:
            out[name] = [format_value(v) for v in column]
    return pd.DataFrame(out, columns=list(df.columns), index=df.index)


def numeric_columns(df: pd.DataFrame) -> set[str]:
    types = pd.api.types
    return {str(c) for c in df.columns if types.is_numeric_dtype(df[c].dtype) and not types.is_bool_dtype(df[c].dtype)}


def _is_null(value: object) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


# --- blocks -------------------------------------------------------------------------------------


@dataclass
class Heading:
    text: str  # plain text
    level: int = 2
    anchor: str = ""


@dataclass
class Paragraph:
    text: str  # prose
    kind: str = ""  # "" or "note" (a boxed remark)


@dataclass
class Table:
    """A table of display strings; `numeric` names the columns to right-align."""

    frame: pd.DataFrame  # cells are plain text, or prose with `markup`
    caption: str = ""  # prose
    numeric: set[str] = field(default_factory=set)
    table_id: str = ""
    markup: bool = False  # cells are prose, data in them passed through `literal` (comparison tables)
    collapsed: bool = False  # HTML only: inside <details>, for long tables
    links: list[tuple[str, str]] = field(default_factory=list)  # (label, file path relative to the report)

    @classmethod
    def of(cls, df: pd.DataFrame, caption: str = "", **kwargs: object) -> Table:
        """Format a raw frame (numbers aligned right); string frames are taken as they are."""
        return cls(format_frame(df), caption, numeric_columns(df), **kwargs)

    @classmethod
    def transposed(cls, df: pd.DataFrame, caption: str = "", label_column: str | None = None,
                   align_right: bool = True, **kwargs: object) -> Table:
        """A wide frame of few rows shown as one row per column: `field` then one column per row,
        headed by that row's `label_column` value (or `value` for a single row)."""
        text = format_frame(df)
        if label_column is not None:
            labels = [str(v) for v in df[label_column]]
            text = text.drop(columns=[label_column])
        else:
            labels = ["value"] if len(df) == 1 else [f"row {i + 1}" for i in range(len(df))]
        frame = pd.DataFrame(text.to_numpy().T, columns=labels)
        frame.insert(0, "field", [str(c) for c in text.columns])
        return cls(frame, caption, set(labels) if align_right else set(), **kwargs)


@dataclass
class Figure:
    path: str  # relative to the report, e.g. figures/conversations_per_model.png
    caption: str  # prose
    figure_id: str = ""
    svg_path: str = ""


@dataclass
class Bullets:
    items: list[str]  # prose


@dataclass
class Tree:
    """A two-level list: each node (prose) with its children (prose), e.g. topic groups and their
    clusters."""

    nodes: list[tuple[str, list[str]]]
    tree_id: str = ""


Block = Heading | Paragraph | Table | Figure | Bullets | Tree


# --- HTML ---------------------------------------------------------------------------------------

_CSS = """
:root { --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --head: #f6f8fa; --accent: #0b5cad; }
* { box-sizing: border-box; }
body { font: 15px/1.5 -apple-system, "Segoe UI", "Helvetica Neue", Arial, sans-serif; color: var(--fg);
       margin: 0; background: #fff; }
main { max-width: 1100px; margin: 0 auto; padding: 24px 32px 64px; }
h1 { font-size: 28px; margin: 8px 0 4px; }
h2 { font-size: 22px; margin: 40px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
h3 { font-size: 17px; margin: 24px 0 6px; }
p { margin: 6px 0 10px; }
p.note { background: #fff8e5; border-left: 4px solid #d4a72c; padding: 8px 12px; }
p.subtitle { color: var(--muted); margin-top: 0; }
nav ol { columns: 2; margin: 8px 0 0; padding-left: 20px; }
nav a, a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
table { border-collapse: collapse; margin: 8px 0 4px; font-size: 13.5px; font-variant-numeric: tabular-nums; }
caption { caption-side: top; text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid var(--line); padding: 3px 9px; vertical-align: top; }
td { max-width: 30em; overflow-wrap: anywhere; }
td:first-child { overflow-wrap: normal; }
th { background: var(--head); text-align: left; }
td.num, th.num { text-align: right; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fbfcfd; }
.tablewrap { overflow-x: auto; max-width: 100%; }
.links { font-size: 13px; color: var(--muted); margin: 0 0 14px; }
figure { margin: 16px 0 24px; }
figure img { max-width: min(100%, 880px); height: auto; border: 1px solid var(--line); display: block; }
figcaption { color: var(--muted); font-size: 13.5px; margin-top: 4px; }
details { margin: 6px 0 14px; }
summary { cursor: pointer; color: var(--accent); }
ul { margin: 6px 0 10px; }
code { font: 12.5px ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; background: var(--head);
       padding: 1px 4px; border-radius: 3px; }
""".strip()


def render_html(title: str, subtitle: str, blocks: list[Block]) -> str:
    """A complete HTML5 page: inline CSS, no script, images by relative path."""
    toc = [b for b in blocks if isinstance(b, Heading) and b.level == 2 and b.anchor]
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_esc(title)}</title>",
        f"<style>\n{_CSS}\n</style>",
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_esc(title)}</h1>",
        f'<p class="subtitle">{_prose(subtitle)}</p>',
    ]
    if toc:
        items = "".join(f'<li><a href="#{_esc(h.anchor)}">{_esc(h.text)}</a></li>' for h in toc)
        parts.append(f'<nav aria-label="Contents"><ol>{items}</ol></nav>')
    parts.extend(_html_block(block) for block in blocks)
    parts += ["</main>", "</body>", "</html>", ""]
    return "\n".join(parts)


def _html_block(block: Block) -> str:
    if isinstance(block, Heading):
        anchor = f' id="{_esc(block.anchor)}"' if block.anchor else ""
        return f"<h{block.level}{anchor}>{_esc(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        css = f' class="{block.kind}"' if block.kind else ""
        return f"<p{css}>{_prose(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{_prose(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, Tree):
        anchor = f' id="{_esc(block.tree_id)}"' if block.tree_id else ""
        items = "".join(
            f"<li>{_prose(node)}" + ("<ul>" + "".join(f"<li>{_prose(c)}</li>" for c in children) + "</ul>"
                                     if children else "") + "</li>"
            for node, children in block.nodes
        )
        return f'<ul class="tree"{anchor}>{items}</ul>'
    if isinstance(block, Figure):
        anchor = f' id="{_esc(block.figure_id)}"' if block.figure_id else ""
        svg = f' (<a href="{_esc(_url(block.svg_path))}">SVG</a>)' if block.svg_path else ""
        return (
            f'<figure{anchor}><img src="{_esc(_url(block.path))}" alt="{_esc(_plain(block.caption))}" loading="eager">'
            f"<figcaption>{_prose(block.caption)}{svg}</figcaption></figure>"
        )
    if isinstance(block, Table):
        return _html_table(block)
    raise TypeError(f"unknown block {block!r}")


def _html_table(block: Table) -> str:
    columns = [str(c) for c in block.frame.columns]
    head = "".join(f'<th{_num(c, block)} scope="col">{_esc(c)}</th>' for c in columns)
    rows = []
    for values in block.frame.itertuples(index=False, name=None):
        text = _prose if block.markup else _esc
        cells = "".join(f"<td{_num(c, block)}>{text(str(v))}</td>" for c, v in zip(columns, values, strict=True))
        rows.append(f"<tr>{cells}</tr>")
    if not rows:
        rows.append(f'<tr><td colspan="{max(len(columns), 1)}">(no rows)</td></tr>')
    table_id = f' id="{_esc(block.table_id)}"' if block.table_id else ""
    caption = f"<caption>{_prose(block.caption)}</caption>" if block.caption else ""
    table = (
        f'<div class="tablewrap"><table{table_id}>{caption}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    links = ""
    if block.links:
        anchors = " · ".join(f'<a href="{_esc(_url(h))}">{_esc(t)}</a>' for t, h in block.links)
        links = f'<p class="links">{anchors}</p>'
    if block.collapsed:
        summary = f"{block.caption or 'table'}: {len(block.frame):,} rows (click to show)"
        return f"<details><summary>{_esc(summary)}</summary>{table}</details>{links}"
    return table + links


def _num(column: str, block: Table) -> str:
    return ' class="num"' if column in block.numeric else ""


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


def _url(path: str) -> str:
    """A file path relative to the report as a relative URL: percent-encoded, so that a table
    name found on disk can neither end a Markdown link nor make a link another scheme's."""
    return quote(path, safe="/")


def _prose(text: str) -> str:
    """Prose as HTML: escaped text, `code` spans as <code>."""
    return "".join(f"<code>{_esc(part)}</code>" if is_code else _esc(part) for is_code, part in prose_parts(text))


# --- prose --------------------------------------------------------------------------------------


def literal(value: object) -> str:
    """A data value (a model name, a prompt, a run id) as it may be put into prose: its backslashes
    and backticks escaped, so that it shows as it is and never opens a `code` span."""
    return str(value).replace("\\", "\\\\").replace("`", "\\`")


def prose_parts(text: str) -> list[tuple[bool, str]]:
    """Prose as (is_code, text) parts, in order, with `literal`'s escapes undone."""
    parts: list[tuple[bool, str]] = []
    plain, position = "", 0
    for match in _PROSE_TOKEN.finditer(text):
        plain += text[position : match.start()]
        position = match.end()
        if match.group(1) is not None:  # an escaped backslash or backtick: plain text
            plain += match.group(1)
            continue
        parts += [(False, plain), (True, match.group(2))]
        plain = ""
    parts.append((False, plain + text[position:]))
    return [(is_code, part) for is_code, part in parts if part]


def _plain(text: str) -> str:
    """Prose without its markup (for an image's alternative text)."""
    return "".join(part for _, part in prose_parts(text))


# --- Markdown -----------------------------------------------------------------------------------


def render_markdown(title: str, subtitle: str, blocks: list[Block]) -> str:
    """GitHub-flavoured Markdown of the same blocks; figures as `![caption](figures/x.png)`."""
    parts = [f"# {_md_text(title)}", "", _md_prose(subtitle), ""]
    for block in blocks:
        parts.extend(_markdown_block(block))
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def _markdown_block(block: Block) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + _md_text(block.text)]
    if isinstance(block, Paragraph):
        text = _md_prose(block.text)
        return [f"> {text}" if block.kind == "note" else text]
    if isinstance(block, Bullets):
        return [f"- {_md_prose(item)}" for item in block.items]
    if isinstance(block, Tree):
        return [line for node, children in block.nodes
                for line in [f"- {_md_prose(node)}", *[f"  - {_md_prose(c)}" for c in children]]]
    if isinstance(block, Figure):
        svg = f" ([SVG]({_url(block.svg_path)}))" if block.svg_path else ""
        alt = _md_text(_plain(block.caption))
        return [f"![{alt}]({_url(block.path)})", "", f"{_md_prose(block.caption)}{svg}"]
    if isinstance(block, Table):
        return markdown_table(block)
    raise TypeError(f"unknown block {block!r}")


def markdown_table(block: Table) -> list[str]:
    """A GitHub-flavoured Markdown table of `block` (its caption in bold above, links below)."""
    columns = [str(c) for c in block.frame.columns]
    lines = [f"**{_md_prose(block.caption, in_table=True)}**", ""] if block.caption else []
    if not columns:
        return [*lines, "(no columns)"]
    cell = (lambda v: _md_prose(v, in_table=True)) if block.markup else _md_text
    lines.append("| " + " | ".join(_md_text(c) for c in columns) + " |")
    lines.append("| " + " | ".join("---:" if c in block.numeric else "---" for c in columns) + " |")
    for values in block.frame.itertuples(index=False, name=None):
        lines.append("| " + " | ".join(cell(str(v)) for v in values) + " |")
    if block.frame.empty:
        lines.append("| " + " | ".join(["(no rows)"] + [""] * (len(columns) - 1)) + " |")
    if block.links:
        lines += ["", " · ".join(f"[{_md_text(t)}]({_url(h)})" for t, h in block.links)]
    return lines


# What Markdown would read as markup in text: the backslash and the characters that open inline
# markup or end a table cell, `_` where it could open or close an emphasis (not inside a word),
# entity-like `&`, angle brackets (raw HTML, autolinks) and line breaks (a new block or row).
_MD_SPECIAL = re.compile(r"[\\`*\[\]~$|<>\r\n]|_(?![^\W_])|(?<![^\W_])_|&(?=#?[0-9A-Za-z]+;)")
_MD_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;", "\r": " ", "\n": " "}


def _md_text(text: str) -> str:
    """Plain text as Markdown that shows exactly that text, on one line (see the module docstring)."""
    return _MD_SPECIAL.sub(lambda m: _MD_ENTITIES.get(m.group(), "\\" + m.group()), text)


def _md_prose(text: str, in_table: bool = False) -> str:
    """Prose as Markdown: escaped text, `code` spans as code spans (on one line; in a table cell
    with `|` escaped too, since GitHub splits cells on it even inside code)."""
    out = []
    for is_code, part in prose_parts(text):
        if not is_code:
            out.append(_md_text(part))
            continue
        code = " ".join(part.splitlines())
        out.append("`" + (code.replace("|", "\\|") if in_table else code) + "`")
    return "".join(out)
