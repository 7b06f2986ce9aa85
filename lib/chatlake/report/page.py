"""The report's page: gold tables in, blocks out (`chatlake.report.document` renders them).

Pure: no Spark, no file, no clock, no config. The page is `SECTIONS`, a list of sections in report
order, each a heading and its parts (figures, comparison tables, notes); a part is a function of
the `Page` (the gold tables, the figures and which of them failed, the few settings shown, this
report run) that returns blocks.

    specs = figure_specs(gold.tables, settings.token_counters)    # drawn by chatlake.report.write
    page = Page(gold, tuple(specs), errors, settings, run)
    title, subtitle, blocks = TITLE, page_subtitle(page), page_blocks(page)

Data values put into prose go through `document.literal` (see `chatlake.report.document` on
escaping).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from matplotlib.figure import Figure as MplFigure

from chatlake.report import compare, figures, paper
from chatlake.report.document import (
    Block,
    Bullets,
    Figure,
    Heading,
    Paragraph,
    Table,
    Tree,
    format_percent,
    literal,
)
from chatlake.report.gold import PROVENANCE_JOBS, GoldTables
from chatlake.results import RunInfo
from chatlake.tables import GOLD_BY_NAME, GOLD_LAYER, RUNS, parse_counter

TITLE = "LMSYS-Chat-1M statistics, recomputed by chatlake"
# Where the files sit, relative to report.html (`chatlake.report.write` writes them there).
FIGURES_DIR, TABLES_DIR = "figures", "tables"
# Gold tables longer than this show their first rows in the report; the CSV and MD hold them all.
REPORT_TABLE_ROWS = 60


@dataclass(frozen=True)
class PageSettings:
    """The settings the page shows, as plain values (`chatlake.report.build.page_settings`).

    token_counters: the configured counter specs, primary first.
    topic_method: how the topic clusters were computed, as a sentence.
    privacy_note: which prompts the report quotes (`chatlake.privacy.privacy_note`), as a sentence.
    table_root, engine, table_format, config_hash: where the tables are and how this run reads them.
    chatlake_version, packages: this report run's chatlake and package versions.
    """

    token_counters: tuple[str, ...] = ("cl100k_base",)
    topic_method: str = ""
    privacy_note: str = ""
    table_root: str = ""
    engine: str = ""
    table_format: str = ""
    config_hash: str = ""
    chatlake_version: str = ""
    packages: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class FigureSpec:
    """A figure of the report: its file name (no suffix), caption, and `draw`, which makes it."""

    name: str
    caption: str
    draw: Callable[[], MplFigure]


@dataclass(frozen=True)
class Page:
    """What the sections lay out: the gold tables, the figures (drawn already; `figure_errors`
    names those that failed, with their error), the settings shown and this report run."""

    gold: GoldTables
    figures: tuple[FigureSpec, ...]
    figure_errors: Mapping[str, str]
    settings: PageSettings
    run: RunInfo

    def figure(self, name: str) -> list[Block]:
        """Figure `name` as it appears in the page (with a note when it could not be drawn)."""
        spec = next(s for s in self.figures if s.name == name)
        blocks: list[Block] = [Figure(f"{FIGURES_DIR}/{name}.png", spec.caption, f"fig-{name}",
                                      f"{FIGURES_DIR}/{name}.svg")]
        if name in self.figure_errors:
            blocks.append(Paragraph(f"This figure could not be drawn: {literal(self.figure_errors[name])}", "note"))
        return blocks


Part = Callable[[Page], list[Block]]


@dataclass(frozen=True)
class Section:
    """A section of the page: a heading (with its anchor) and its parts, in order."""

    title: str
    anchor: str
    parts: tuple[Part, ...]

    def blocks(self, page: Page) -> list[Block]:
        return [Heading(self.title, 2, self.anchor), *[block for part in self.parts for block in part(page)]]


def page_blocks(page: Page) -> list[Block]:
    """Every block of the report, section by section."""
    return [block for section in SECTIONS for block in section.blocks(page)]


def page_subtitle(page: Page) -> str:
    """The line under the title: when, by what and in which report run the page was made."""
    generated = page.run.started_at.strftime("%Y-%m-%d %H:%M UTC")
    return f"Generated {generated} by chatlake {page.settings.chatlake_version}, report run {page.run.run_id}."


# --- figures ------------------------------------------------------------------------------------


def token_counters(tables: Mapping[str, pd.DataFrame], configured: tuple[str, ...]) -> list[str]:
    """The counters the gold tables hold, in the configured order (the primary first), then any
    other; the configured primary when the tables hold none."""
    found: set[str] = set()
    for name in ("basic_stats", "token_histogram", "token_quantiles"):
        df = tables.get(name)
        if df is not None and "counter" in df.columns:
            found |= {str(c) for c in df["counter"].dropna()}
    ordered = [c for c in configured if c in found] + sorted(found - set(configured))
    return ordered or list(configured[:1])


def figure_specs(tables: Mapping[str, pd.DataFrame], configured_counters: tuple[str, ...]) -> list[FigureSpec]:
    """Every figure of the report, in report order; `draw` runs the figure function (nothing is
    drawn here). A token histogram per counter the tables hold (`token_counters`)."""

    def table(name: str) -> pd.DataFrame:
        df = tables.get(name)
        return pd.DataFrame() if df is None else df

    basic = tables.get("basic_stats")
    avg_turns = None if basic is None or basic.empty else float(basic["avg_turns"].iloc[0])
    counters = token_counters(tables, configured_counters)
    primary = counters[0] if counters else "tokens"
    specs = [
        FigureSpec("conversations_per_model", "Conversations per model, all models (paper Figure 1).",
                   lambda: figures.conversations_per_model_figure(table("conversations_per_model"))),
        FigureSpec("top_languages", "Top languages by the released `language` name and by fastText lid.176 on the "
                   "first user message (paper Figure 2: by the released name).",
                   lambda: figures.top_languages_figure(table("top_languages"))),
        FigureSpec("language_agreement", "How often fastText on the first user message agrees with the released "
                   "language name, per top language.",
                   lambda: figures.language_agreement_figure(table("language_agreement"))),
        FigureSpec("language_by_model", "Released language names per model, as shares of each model's conversations.",
                   lambda: figures.language_by_model_figure(table("language_by_model"))),
        FigureSpec("moderation_by_category", "Flagged conversations by category, ours beside the paper's Table 2, "
                   "as shares of all conversations (bars labelled with our counts).",
                   lambda: figures.moderation_categories_figure(table("moderation_by_category"))),
        FigureSpec("moderation_by_model",
                   "Flagged conversations by category for the models with the most conversations.",
                   lambda: figures.moderation_by_model_figure(table("moderation_by_category"))),
        FigureSpec("jailbreak_by_model", "Jailbreak attempt and success rates per model with 95% Wilson intervals; "
                   "the paper's three models from its counts.",
                   lambda: figures.jailbreak_figure(table("jailbreak_by_model"))),
        FigureSpec("turns_distribution", "Conversations per number of turns (log scale).",
                   lambda: figures.turns_figure(table("turns_distribution"), avg_turns)),
        FigureSpec("topic_distribution", "Topic clusters of English user prompts: each cluster's share of the sampled "
                   "prompts, named by its top class-based TF-IDF terms (paper Figure 3; coloured by kind, see the "
                   "table below).",
                   lambda: figures.topic_distribution_figure(table("topic_clusters"),
                                                             compare.topic_kinds(tables.get("topic_clusters")))),
        FigureSpec("tokenizer_tax", "Tokens per 1,000 characters of prompts per top fastText language and counter "
                   "(the paper has no such figure).",
                   lambda: figures.tokenizer_tax_figure(table("languages_in_depth"))),
        FigureSpec("language_tag_trust", "Unreliable language tags and fastText's agreement with the released name "
                   "by length of the first user message (the paper has no such figure).",
                   lambda: figures.language_tag_trust_figure(table("language_tag_trust"))),
        FigureSpec("prompt_repetition", "Share of conversations whose first prompt repeats, exactly after "
                   "normalisation and exactly or nearly (MinHash LSH), overall and per model (the paper has no "
                   "such figure).",
                   lambda: figures.prompt_repetition_figure(table("prompt_repetition_by_model"),
                                                            tables.get("near_duplicates"))),
    ]
    for counter in counters or [primary]:
        specs.append(FigureSpec(
            f"token_histogram_{parse_counter(counter).column}",
            f"Tokens per prompt and per response ({literal(counter)}, log2 bins); the paper's means were counted with "
            f"the {paper.PAPER_TOKENIZER} tokenizer.",
            lambda counter=counter: figures.token_histogram_figure(table("token_histogram"), table("token_quantiles"),
                                                                   counter)))
    specs.append(FigureSpec("response_length_by_model", f"Tokens per response by model ({literal(primary)}).",
                            lambda: figures.response_length_figure(table("response_length_by_model"), primary)))
    return specs


# --- parts --------------------------------------------------------------------------------------


def figure(name: str) -> Part:
    """The part that shows figure `name`."""
    return lambda page: page.figure(name)


def comparison(compare_table: Callable[[pd.DataFrame | None], pd.DataFrame], table: str, caption: str,
               table_id: str) -> Part:
    """The part that shows the paper beside ours: `compare_table` applied to gold table `table`."""
    return lambda page: [_comparison(compare_table(page.gold.get(table)), caption, table_id)]


def note(text: str) -> Part:
    """The part that shows a fixed note."""
    return lambda page: [Paragraph(text, "note")]


def _comparison(frame: pd.DataFrame, caption: str, table_id: str) -> Table:
    return Table(frame, caption, {"paper", "ours"}, table_id, markup=True)


def overview(page: Page) -> list[Block]:
    """What the paper and ours are, what was read, and the notes on what is missing or stale."""
    gold = page.gold
    basic = gold.get("basic_stats")
    conversations = None if basic is None or basic.empty else int(basic["conversations"].iloc[0])
    counters = [] if basic is None or basic.empty else [str(c) for c in basic["counter"]]
    llama = [c for c in counters if "llama" in c.lower()]
    blocks: list[Block] = [
        Paragraph(
            f"The statistics of the paper {paper.CITATION}, recomputed from the gold tables of this run. "
            f"Paper values are the published numbers for the full release of {paper.CONVERSATIONS:,} "
            "conversations; ours come from the data that was ingested, so compare shares and rates "
            "unless the full release was ingested."
        ),
        Bullets([
            f"conversations: {conversations:,}" if conversations is not None
            else "conversations: unknown (no gold/basic_stats)",
            "token counters: " + (", ".join(literal(c) for c in counters) if counters else "none")
            + f"; the paper counted tokens with the {paper.PAPER_TOKENIZER} tokenizer"
            + (", so compare token averages with care" if not llama
               else f" ({', '.join(literal(c) for c in llama)} may be it)"),
            f"gold tables read: {len(gold.tables)}" + (f"; missing: {', '.join(gold.missing)}" if gold.missing else ""),
            f"tables at {literal(page.settings.table_root)}",
        ]),
    ]
    if page.figure_errors:
        blocks.append(Paragraph(f"Figures that could not be drawn: {', '.join(sorted(page.figure_errors))}.", "note"))
    for name, run_id in gold.stale.items():
        blocks.append(Paragraph(f"gold/{literal(name)} was left out: an earlier aggregate run ({literal(run_id)}) "
                                "wrote it, not the run that wrote the other gold tables. `chatlake aggregate` "
                                "rewrites it.", "note"))
    return blocks


def token_histograms(page: Page) -> list[Block]:
    """One token histogram per counter, then the quantiles table."""
    blocks = [block for spec in page.figures if spec.name.startswith("token_histogram_")
              for block in page.figure(spec.name)]
    quantiles = page.gold.get("token_quantiles")
    if quantiles is not None:
        blocks.append(Table.of(quantiles, "Tokens per prompt and per response (gold/token_quantiles)",
                               table_id="summary-token-quantiles"))
    return blocks


def redaction_summary(page: Page) -> list[Block]:
    """The share of redacted conversations in a sentence, and gold/redaction."""
    table = page.gold.get("redaction")
    if table is None or table.empty or not table["conversations"].iloc[0]:
        blocks: list[Block] = [
            Paragraph("No redaction statistics: gold/redaction is missing or counts no conversation.", "note")
        ]
    else:
        row = table.iloc[0]
        placeholders = 0 if pd.isna(row["name_placeholders"]) else int(row["name_placeholders"])
        blocks = [Paragraph(f"{format_percent(row['redacted_share'])} of conversations are marked `redacted` (person "
                            f"names replaced by NAME_1, NAME_2, ...); their messages hold {placeholders:,} NAME_k "
                            "placeholders. The paper gives no count to compare with.")]
    if table is not None:
        blocks.append(Table.of(table, "Redaction (gold/redaction)", table_id="summary-redaction"))
    return blocks


def topic_summary(page: Page) -> list[Block]:
    """The Figure 3 section: what the paper found, our figure and the comparison."""
    topic_clusters = page.gold.get("topic_clusters")
    method = page.settings.topic_method
    blocks: list[Block] = [
        Paragraph(
            f"The paper clustered the prompts of {paper.TOPIC_CONVERSATIONS:,} English conversations "
            f"({paper.TOPIC_METHOD}): coding and software dominate with {paper.TOPIC_CODING_CLUSTERS} of its "
            f"{paper.TOPIC_CLUSTERS} clusters, and {paper.TOPIC_TEMPLATED_CLUSTERS} clusters are templated, "
            f"script-like prompts. Ours: {method}. The per-prompt clusters are in gold/topic_assignments."
        ),
    ]
    if topic_clusters is None:
        blocks.append(Paragraph("No topic clusters: gold/topic_clusters is missing (`topics.enabled = false`, or "
                                "`chatlake aggregate` has not run since topics were added).", "note"))
    blocks += page.figure("topic_distribution")
    blocks.append(_comparison(compare.topics_comparison(topic_clusters, method),
                              "Figure 3: topic clusters, the paper's and ours", "cmp-figure3"))
    if topic_clusters is not None and not topic_clusters.empty:
        blocks += topic_tree(topic_clusters)
    if page.settings.privacy_note:
        blocks.append(Paragraph(page.settings.privacy_note, "note"))
    return blocks


def topic_tree(topic_clusters: pd.DataFrame) -> list[Block]:
    """The topics as a tree: each group (name, share of the prompts, clusters) and under it its
    clusters (number, name, share), largest first; a note for a table without groups.

    Input: gold/topic_clusters (cluster, name, prompts, prompt_share, group, group_name).
    """
    if "group" not in topic_clusters.columns or topic_clusters["group"].isna().all():
        return [Paragraph("No topic groups: this gold/topic_clusters has no `group`; `chatlake aggregate` adds it.",
                          "note")]
    nodes = []
    data = topic_clusters.dropna(subset=["group"]).astype({"group": "int64"})
    for group, members in data.sort_values(["group", "prompts", "cluster"], ascending=[True, False, True]).groupby(
            "group", sort=True):
        share = float(members["prompt_share"].sum())
        count = len(members)
        head = (f"group {group}: {literal(members['group_name'].iloc[0])} ({format_percent(share)} of prompts, "
                f"{count} cluster{'' if count == 1 else 's'})")
        children = [f"cluster {int(r['cluster'])}: {literal(r['name'])} ({format_percent(r['prompt_share'])})"
                    for r in members.to_dict("records")]
        nodes.append((head, children))
    return [Paragraph("The topics as a tree: groups of clusters (Ward linkage of the cluster centres), each named "
                      "by class-based TF-IDF over its prompts, with their shares of the sampled prompts."),
            Tree(nodes, "topic-tree")]


def _gold_summaries(page: Page, captions: tuple[tuple[str, str, str], ...]) -> list[Block]:
    """Each (gold table name, caption, table id) as a table, or a note that it is missing."""
    blocks: list[Block] = []
    for name, caption, table_id in captions:
        df = page.gold.get(name)
        if df is None:
            blocks.append(Paragraph(f"No gold/{name}: `chatlake aggregate` has not run since it was added.", "note"))
        else:
            blocks.append(Table.of(df, f"{caption} (gold/{name})", table_id=table_id))
    return blocks


def languages_depth_tables(page: Page) -> list[Block]:
    """gold/languages_in_depth and gold/language_tag_trust, beside what the paper says."""
    return [Paragraph(
        "The paper leaves open how prompt length and complexity differ across languages, and how far its "
        "language tags can be trusted; the paper has no such figure or table. Tokenizer tax: tokens per 1,000 "
        "characters. A tag is unreliable when fastText says und or scores below 0.5, or the released name "
        "maps to no code."), *_gold_summaries(page, (
            ("languages_in_depth", "Top 20 fastText languages in depth", "summary-languages-in-depth"),
        )), *page.figure("tokenizer_tax"), *page.figure("language_tag_trust"), *_gold_summaries(page, (
            ("language_tag_trust", "How far to trust the language tags", "summary-language-tag-trust"),
        ))]


def repetition_summary(page: Page) -> list[Block]:
    """Repeated first prompts, exactly (after normalisation) and nearly (MinHash LSH)."""
    near = page.gold.get("near_duplicates")
    near_note = (
        "Near-duplicates: distinct normalised prompts whose word 2-gram sets have a Jaccard similarity of at "
        "least the threshold, found by MinHash with LSH banding (gold/near_duplicates, pairs in "
        "gold/near_duplicate_pairs)." if near is not None else
        "Near-duplicates (MinHash with LSH banding) were not computed: repetition.near_duplicates is off "
        "(README: Repetition)."
    )
    parts = [
        ("prompt_repetition_by_model", "First prompts that repeat, per model", "summary-prompt_repetition_by_model"),
        ("repeated_prompts", "The most repeated first prompts", "summary-repeated_prompts"),
    ]
    if near is not None:
        parts.append(("near_duplicates", "Near-duplicate first prompts", "summary-near_duplicates"))
    return [Paragraph(
        "The paper has no such table or figure: it does not measure how often first prompts repeat. Ours: "
        "first prompts normalised (case, whitespace, punctuation; NAME_k kept as one token), exact repeats "
        "counted. " + near_note
    ), *page.figure("prompt_repetition"), *_gold_summaries(page, tuple(parts)),
        *([Paragraph(page.settings.privacy_note, "note")] if page.settings.privacy_note else [])]


def usecase_summary(page: Page) -> list[Block]:
    """The paper's use-case datasets (section 4): how to export them, and the safety benchmark."""
    return [Paragraph(
        "The paper's section 4 builds datasets from the conversations: moderation training data (4.1), a "
        "safety benchmark of the top 5 jailbreak attempts of the 10 models with the most (4.2), and the "
        "HighQuality conversations of the OpenAI and Anthropic models (4.3). Each is a gold selection; "
        "`chatlake export NAME --out FILE` writes it as JSON Lines in the OpenAI chat layout (README: Exports)."
    ), *_gold_summaries(page, (
        ("safety_benchmark", "The safety benchmark: each model's top attempts by the highest user-message "
         "moderation score, and its rate of flagged responses on them", "summary-safety_benchmark"),
    ))]


def not_reproduced_list(page: Page) -> list[Block]:
    """What the paper states that the released data cannot give."""
    basic = page.gold.get("basic_stats")
    counters = [] if basic is None or basic.empty else [str(c) for c in basic["counter"]]
    llama = [c for c in counters if "llama" in c.lower()]
    return [Bullets([
        f"Number of users (paper: {paper.USERS:,}): {compare.USERS_NOTE}.",
        f"Token counts with the {paper.PAPER_TOKENIZER} tokenizer"
        + (f": counter {', '.join(literal(c) for c in llama)} is configured, check that it is the "
           f"{paper.PAPER_TOKENIZER} tokenizer.json"
           if llama else ": its tokenizer.json is not shipped by any package; add it to text.token_counters "
           "as hf:/path/to/tokenizer.json."),
    ])]


def gold_table_listing(page: Page) -> list[Block]:
    """Every gold table as the report read it, then a note for each missing one."""
    blocks: list[Block] = [Paragraph("Every gold table as the report read it; the CSV files hold the raw values.")]
    for name, df in page.gold.tables.items():
        version = page.gold.versions.get(name)
        suffix = f", Delta version {version}" if version is not None else ""
        rows = f"{len(df):,} row{'' if len(df) == 1 else 's'}"
        blocks += [Heading(f"gold/{name}", 3, f"gold-{name}-heading"),
                   Paragraph(f"{description(name)} {rows}{suffix}."),
                   gold_table_block(name, df)]
    for name in page.gold.missing:
        blocks += [Heading(f"gold/{name}", 3, f"gold-{name}-heading"),
                   Paragraph(f"gold/{literal(name)} does not exist: run `chatlake aggregate`.", "note")]
    return blocks


def description(name: str) -> str:
    """What gold table `name` holds, as prose (from the catalogue)."""
    table = GOLD_BY_NAME.get(name)
    return table.description if table else "A gold table."


def gold_table_block(name: str, df: pd.DataFrame) -> Table:
    """A gold table as the report shows it: wide tables of a few rows turned to one row per
    column (basic_stats: one column per counter), long ones cut to their first rows."""
    links = [("CSV", f"{TABLES_DIR}/{name}.csv"), ("Markdown", f"{TABLES_DIR}/{name}.md")]
    table_id = f"gold-{name}"
    caption = f"gold/{literal(name)}"
    if name == "basic_stats" and not df.empty and "counter" in df.columns:
        return Table.transposed(df, caption, label_column="counter", table_id=table_id, links=links)
    if len(df) == 1 and len(df.columns) > 6:
        return Table.transposed(df, caption, table_id=table_id, links=links)
    shown = df.head(REPORT_TABLE_ROWS)
    if len(df) > REPORT_TABLE_ROWS:
        caption += f" (first {REPORT_TABLE_ROWS} of {len(df):,} rows)"
    return Table.of(shown, caption, table_id=table_id, collapsed=len(df) > 25, links=links)


def provenance_tables(page: Page) -> list[Block]:
    """The runs that produced the tables (latest ingest, enrich, aggregate), their package versions
    and model checksums, and this report run."""
    runs, settings = page.gold.runs, page.settings
    blocks: list[Block] = []
    report_row = {
        "job": "report (this run)", "run_id": page.run.run_id, "status": "running",
        "finished_at": "", "duration_s": None, "engine": settings.engine, "engine_version": "",
        "config_hash": settings.config_hash[:16], "input": f"{settings.table_root}/{GOLD_LAYER}",
        "input_table_version": None, "rows_in": None, "rows_out": None,
    }
    if runs.empty:
        blocks.append(Paragraph(f"No run log ({RUNS}) found: the tables' origin is not recorded.", "note"))
        rows = [report_row]
    else:
        rows = []
        for r in runs.to_dict("records"):
            rows.append({
                "job": r["job"], "run_id": r["run_id"], "status": r["status"],
                "finished_at": "" if pd.isna(r["finished_at"])
                else pd.Timestamp(r["finished_at"]).strftime("%Y-%m-%d %H:%M:%S UTC"),
                "duration_s": r["duration_s"], "engine": r["engine"], "engine_version": r["engine_version"],
                "config_hash": (r["config_hash"] or "")[:16], "input": r["input"],
                "input_table_version": r["input_table_version"], "rows_in": r["rows_in"], "rows_out": r["rows_out"],
            })
        rows.append(report_row)
        missing = [job for job in PROVENANCE_JOBS if job not in set(runs["job"])]
        if missing:
            blocks.append(Paragraph(f"No run of {', '.join(missing)} in {RUNS}.", "note"))
        hashes = set(runs["config_hash"].dropna())
        if len(hashes) > 1:
            blocks.append(Paragraph("The jobs ran with different settings (config hashes differ).", "note"))
    runs_view = pd.DataFrame(rows)
    for column in ("input_table_version", "rows_in", "rows_out"):
        runs_view[column] = runs_view[column].astype("Int64")
    caption = f"Latest runs in {RUNS} (config hash: first 16 hex digits of its sha256)"
    blocks.append(
        Table.transposed(runs_view, caption, label_column="job", align_right=False, table_id="provenance-runs")
    )

    packages: dict[str, dict[str, str]] = {}
    for r in ([] if runs.empty else runs.to_dict("records")):
        for package, version in json.loads(r["packages"] or "{}").items():
            packages.setdefault(package, {})[r["job"]] = version
    for package, version in settings.packages.items():
        packages.setdefault(package, {})["report"] = version
    jobs = [*([] if runs.empty else list(runs["job"])), "report"]
    package_view = pd.DataFrame([{"package": p, **{j: v.get(j, "–") for j in jobs}} for p, v in packages.items()])
    blocks.append(Table.of(package_view, "Package versions per job", table_id="provenance-packages"))

    model_rows = []
    for r in ([] if runs.empty else runs.to_dict("records")):
        for model, info in json.loads(r["models"] or "{}").items():
            for key, value in _flatten(info):
                model_rows.append({"job": r["job"], "model": model, "field": key, "value": str(value)})
    if model_rows:
        blocks.append(Table.of(pd.DataFrame(model_rows), "Models and their checksums (from the run log)",
                               table_id="provenance-models"))
    else:
        blocks.append(Paragraph("No model recorded in the run log.", "note"))
    blocks.append(Paragraph(f"Report settings: engine {settings.engine}, format {settings.table_format}, config hash "
                            f"{settings.config_hash}, chatlake {settings.chatlake_version}."))
    return blocks


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Nested JSON as (dotted key, leaf) pairs: {"files": [{"sha256": x}]} -> ("files.0.sha256", x)."""
    if isinstance(value, dict):
        return [item for k, v in value.items() for item in _flatten(v, f"{prefix}{k}.")]
    if isinstance(value, list):
        return [item for i, v in enumerate(value) for item in _flatten(v, f"{prefix}{i}.")]
    return [(prefix.rstrip("."), value)]


# --- the page -----------------------------------------------------------------------------------

SECTIONS: tuple[Section, ...] = (
    Section("Overview", "overview", (overview,)),
    Section("Basic statistics (paper Table 1)", "table1", (
        comparison(compare.basic_stats_comparison, "basic_stats", "Table 1, LMSYS-Chat-1M row: paper vs ours",
                   "cmp-table1"),
        note(f"Users: {compare.USERS_NOTE}."),
    )),
    Section("Conversations per model (paper Figure 1)", "figure1", (
        figure("conversations_per_model"),
        comparison(compare.models_comparison, "conversations_per_model",
                   "Figure 1: the counts the paper gives and its top five", "cmp-figure1"),
    )),
    Section("Languages (paper Figure 2)", "figure2", (
        figure("top_languages"),
        comparison(compare.languages_comparison, "top_languages", "Figure 2: top five languages by the released name",
                   "cmp-figure2"),
        figure("language_agreement"),
        figure("language_by_model"),
    )),
    Section("Moderation (paper Table 2)", "table2", (
        comparison(compare.moderation_comparison, "moderation_by_category",
                   "Table 2: flagged conversations by category, count (share of all conversations)", "cmp-table2"),
        figure("moderation_by_category"),
        figure("moderation_by_model"),
    )),
    Section("Jailbreaks", "jailbreak", (
        comparison(compare.jailbreak_comparison, "jailbreak_by_model",
                   "Jailbreak table: attempts and successes for the paper's three models", "cmp-jailbreak"),
        figure("jailbreak_by_model"),
    )),
    Section("Turns and message lengths", "lengths", (
        figure("turns_distribution"),
        token_histograms,
        figure("response_length_by_model"),
    )),
    Section("Languages in depth and trust in the language tags", "languages-depth", (languages_depth_tables,)),
    Section("Redaction", "redaction", (redaction_summary,)),
    Section("Topics (paper Figure 3)", "figure3", (topic_summary,)),
    Section("Repetition", "repetition", (repetition_summary,)),
    Section("Use-case datasets (paper section 4)", "usecases", (usecase_summary,)),
    Section("Not reproduced", "not-reproduced", (not_reproduced_list,)),
    Section("Gold tables", "gold", (gold_table_listing,)),
    Section("Provenance", "provenance", (provenance_tables,)),
)
