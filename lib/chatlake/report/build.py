"""The report job: gold tables -> figures, CSV/Markdown tables, report.html and report.md.

Reads only `gold/*` (small, already aggregated: each is pulled to the driver with `toPandas`)
and the latest `ops/runs` rows for provenance; writes into the local folder
`config.output_path()`:

    figures/<name>.png (150 dpi) and figures/<name>.svg
    tables/<gold name>.csv (raw values) and tables/<gold name>.md (formatted)
    report.html (inline CSS, no script, images by relative path) and report.md

Rerunning replaces everything it wrote before (stale figures and tables are removed first).
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import matplotlib
import pandas as pd
from matplotlib.figure import Figure as MplFigure
from pyspark.sql import Window
from pyspark.sql import functions as F

from chatlake import ChatlakeError, __version__
from chatlake.config import Config
from chatlake.results import RunInfo, StageResult, Steps
from chatlake.storage import Storage, local_path
from chatlake.tables import GOLD_BY_NAME, GOLD_LAYER, GOLD_TABLES, RUNS, gold, parse_counter
from chatlake.report import compare, figures, paper
from chatlake.report.document import (
    Block,
    Bullets,
    Figure,
    Heading,
    Paragraph,
    Table,
    format_percent,
    markdown_table,
    render_html,
    render_markdown,
)
from chatlake.runlog import package_versions

log = logging.getLogger(__name__)

TITLE = "LMSYS-Chat-1M statistics, recomputed by chatlake"
FIGURES_DIR, TABLES_DIR = "figures", "tables"
PROVENANCE_JOBS = ("ingest", "enrich", "aggregate")
# Gold tables longer than this show their first rows in the report; the CSV and MD hold them all.
REPORT_TABLE_ROWS = 60

# Row order of each table in the CSV, Markdown and HTML outputs (the Delta tables have none).
SORT_ORDER: dict[str, tuple[list[str], list[bool]]] = {
    "basic_stats": (["counter"], [True]),
    "conversations_per_model": (["rank"], [True]),
    "top_languages": (["rank"], [True]),
    "moderation_by_category": (["_is_all", "conversations", "model"], [False, False, True]),
    "jailbreak_by_model": (["_is_all", "conversations", "model"], [False, False, True]),
    "turns_distribution": (["turns"], [True]),
    "token_quantiles": (["counter", "role"], [True, True]),
    "token_histogram": (["counter", "role", "bin"], [True, True, True]),
    "response_length_by_model": (["responses", "model"], [False, True]),
    "language_by_model": (["model", "conversations", "language"], [True, False, True]),
    "language_agreement": (["rank"], [True]),
    "topic_clusters": (["cluster"], [True]),
}


def sort_gold(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """A gold table in its reading order (`(all)` first where there is one)."""
    columns, ascending = SORT_ORDER.get(name, ([], []))
    if not columns or not set(columns) - {"_is_all"} <= set(df.columns):
        return df.reset_index(drop=True)
    keyed = df.assign(_is_all=df["model"] == figures.ALL_MODELS) if "_is_all" in columns else df
    ordered = keyed.sort_values(columns, ascending=ascending, na_position="last", kind="stable")
    return ordered.drop(columns=["_is_all"], errors="ignore").reset_index(drop=True)


# --- reading ------------------------------------------------------------------------------------


def gold_table_names(storage: Storage) -> list[str]:
    """The reported gold tables of the catalogue, then any other table found under `gold/`."""
    names = [t.name for t in GOLD_TABLES if t.reported]
    found = [path.split("/", 1)[1] for path in storage.list(GOLD_LAYER)]
    return names + [n for n in found if n not in GOLD_BY_NAME]


def read_gold(storage: Storage) -> tuple[dict[str, pd.DataFrame], dict[str, int | None], list[str], dict[str, str]]:
    """Every gold table of one aggregate run as pandas (sorted, without `_run_id`), their Delta
    versions, the names that are missing, and the stale ones: {name: run id} of the tables that an
    earlier aggregate run wrote (left out: a table the latest run did not write, such as the topic
    tables after `topics.enabled = false`)."""
    frames, versions, missing = {}, {}, []
    for name in gold_table_names(storage):
        if not storage.exists(gold(name)):
            missing.append(name)
            continue
        frames[name] = storage.read(gold(name)).toPandas()
        versions[name] = storage.version(gold(name))
    if not frames:
        raise ChatlakeError(f"no gold tables under {storage.path(GOLD_LAYER)}: run `chatlake aggregate` first")
    run_ids = {name: str(df["_run_id"].iloc[0]) for name, df in frames.items() if "_run_id" in df and len(df)}
    # The run that wrote Table 1 is the run of the report; basic_stats always has a row.
    latest = run_ids.get("basic_stats") or (max(run_ids.values(), key=list(run_ids.values()).count) if run_ids else None)
    stale = {name: run_id for name, run_id in run_ids.items() if run_id != latest}
    tables = {name: sort_gold(name, df.drop(columns=["_run_id"], errors="ignore"))
              for name, df in frames.items() if name not in stale}
    return tables, versions, missing, stale


def latest_runs(storage: Storage, jobs: tuple[str, ...] = PROVENANCE_JOBS) -> pd.DataFrame:
    """The most recent `ops/runs` row of each of `jobs` (empty when there is no run log)."""
    if not storage.exists(RUNS):
        return pd.DataFrame()
    newest_first = Window.partitionBy("job").orderBy(F.desc("started_at"), F.desc("finished_at"))
    runs_df = (
        storage.read(RUNS)
        .filter(F.col("job").isin(*jobs))
        .withColumn("_n", F.row_number().over(newest_first))
        .filter(F.col("_n") == 1)
        .drop("_n")
    )
    runs = runs_df.toPandas()
    order = {job: i for i, job in enumerate(jobs)}
    return runs.sort_values("job", key=lambda s: s.map(order)).reset_index(drop=True)


# --- writing ------------------------------------------------------------------------------------


def _prepare_output(config: Config) -> Path:
    path = config.output_path()
    local = local_path(path)
    if local is None:
        raise ChatlakeError(f"output_dir must be a local folder (or a mounted volume), got {path}")
    out = Path(local)
    for sub, suffixes in ((FIGURES_DIR, (".png", ".svg")), (TABLES_DIR, (".csv", ".md"))):
        folder = out / sub
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            if stale.is_file() and stale.suffix in suffixes:
                stale.unlink()
    return out


def _write_text(path: Path, text: str) -> None:
    """Write via a temporary file and a rename, so a reader never sees half a report."""
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def write_gold_files(out: Path, tables: dict[str, pd.DataFrame]) -> int:
    """tables/<name>.csv (raw values, full precision) and tables/<name>.md; returns rows written."""
    rows = 0
    for name, df in tables.items():
        _write_text(out / TABLES_DIR / f"{name}.csv", df.to_csv(index=False))
        lines = [f"# gold/{name}", "", _description(name), "", *markdown_table(Table.of(df))]
        _write_text(out / TABLES_DIR / f"{name}.md", "\n".join(lines) + "\n")
        rows += len(df)
    return rows


@dataclass
class FigureSpec:
    name: str
    caption: str
    draw: Callable[[], MplFigure]


def figure_specs(tables: dict[str, pd.DataFrame], counters: list[str]) -> list[FigureSpec]:
    """Every figure of the report, in report order; `draw` runs the figure function.

    `counters`: the token counters, primary first (gold/response_length_by_model has only it).
    """
    get = tables.get
    basic = get("basic_stats")
    avg_turns = None if basic is None or basic.empty else float(basic["avg_turns"].iloc[0])
    primary = counters[0] if counters else "tokens"
    specs = [
        FigureSpec("conversations_per_model", "Conversations per model, all models (paper Figure 1).",
                   lambda: figures.conversations_per_model_figure(_frame(get("conversations_per_model")))),
        FigureSpec("top_languages", "Top languages by the released `language` name and by fastText lid.176 on the "
                   "first user message (paper Figure 2: by the released name).",
                   lambda: figures.top_languages_figure(_frame(get("top_languages")))),
        FigureSpec("language_agreement", "How often fastText on the first user message agrees with the released "
                   "language name, per top language.",
                   lambda: figures.language_agreement_figure(_frame(get("language_agreement")))),
        FigureSpec("language_by_model", "Released language names per model, as shares of each model's conversations.",
                   lambda: figures.language_by_model_figure(_frame(get("language_by_model")))),
        FigureSpec("moderation_by_category", "Flagged conversations by category, ours beside the paper's Table 2, "
                   "as shares of all conversations (bars labelled with our counts).",
                   lambda: figures.moderation_categories_figure(_frame(get("moderation_by_category")))),
        FigureSpec("moderation_by_model", "Flagged conversations by category for the models with the most conversations.",
                   lambda: figures.moderation_by_model_figure(_frame(get("moderation_by_category")))),
        FigureSpec("jailbreak_by_model", "Jailbreak attempt and success rates per model with 95% Wilson intervals; "
                   "the paper's three models from its counts.",
                   lambda: figures.jailbreak_figure(_frame(get("jailbreak_by_model")))),
        FigureSpec("turns_distribution", "Conversations per number of turns (log scale).",
                   lambda: figures.turns_figure(_frame(get("turns_distribution")), avg_turns)),
        FigureSpec("topic_distribution", "Topic clusters of English user prompts: each cluster's share of the sampled "
                   "prompts, named by its top TF-IDF terms (paper Figure 3; coloured by kind, see the table below).",
                   lambda: figures.topic_distribution_figure(_frame(get("topic_clusters")),
                                                             compare.topic_kinds(get("topic_clusters")))),
    ]
    for counter in counters or [primary]:
        specs.append(FigureSpec(
            f"token_histogram_{parse_counter(counter).column}",
            f"Tokens per prompt and per response ({counter}, log2 bins); the paper's means were counted with "
            f"the {paper.PAPER_TOKENIZER} tokenizer.",
            lambda counter=counter: figures.token_histogram_figure(_frame(get("token_histogram")),
                                                                   _frame(get("token_quantiles")), counter)))
    specs.append(FigureSpec("response_length_by_model", f"Tokens per response by model ({primary}).",
                            lambda: figures.response_length_figure(_frame(get("response_length_by_model")), primary)))
    return specs


def token_counters(tables: dict[str, pd.DataFrame], config: Config) -> list[str]:
    """The counters the gold tables hold, in the configured order (the primary first); the
    configured primary when the tables hold none."""
    found: set[str] = set()
    for name in ("basic_stats", "token_histogram", "token_quantiles"):
        df = tables.get(name)
        if df is not None and "counter" in df.columns:
            found |= {str(c) for c in df["counter"].dropna()}
    configured = list(config.text.token_counters)
    ordered = [c for c in configured if c in found] + sorted(found - set(configured))
    return ordered or configured[:1]


def _frame(df: pd.DataFrame | None) -> pd.DataFrame:
    return pd.DataFrame() if df is None else df


def draw_figures(out: Path, specs: list[FigureSpec]) -> dict[str, str]:
    """Draw and save every figure; returns the figures that failed, with their error.

    A failing figure is replaced by one that says so, and the report notes it: one bad table
    should not cost the whole report.
    """
    errors = {}
    with matplotlib.rc_context(figures.STYLE):
        for spec in specs:
            try:
                figures.save_figure(spec.draw(), out / FIGURES_DIR, spec.name)
            except Exception as exc:  # noqa: BLE001 - reported in the run log and in the report
                log.warning("report: figure %s failed: %s", spec.name, exc, exc_info=True)
                errors[spec.name] = f"{type(exc).__name__}: {exc}"
                message = f"the figure could not be drawn ({type(exc).__name__})"
                figures.save_figure(figures.no_data_figure(spec.name, message), out / FIGURES_DIR, spec.name)
    return errors


# --- the document -------------------------------------------------------------------------------


def _figure(spec: FigureSpec, errors: dict[str, str]) -> list[Block]:
    blocks: list[Block] = [Figure(f"{FIGURES_DIR}/{spec.name}.png", spec.caption, f"fig-{spec.name}",
                                  f"{FIGURES_DIR}/{spec.name}.svg")]
    if spec.name in errors:
        blocks.append(Paragraph(f"This figure could not be drawn: {errors[spec.name]}", "note"))
    return blocks


def _comparison(frame: pd.DataFrame, caption: str, table_id: str) -> Table:
    return Table(frame, caption, {"paper", "ours"}, table_id, markup=True)


def document(
    tables: dict[str, pd.DataFrame],
    versions: dict[str, int | None],
    missing: list[str],
    specs: list[FigureSpec],
    errors: dict[str, str],
    runs: pd.DataFrame,
    run: RunInfo,
    config: Config,
    stale: dict[str, str] | None = None,
) -> list[Block]:
    """Every block of the report, in order."""
    specs_by_name = {s.name: s for s in specs}
    basic = tables.get("basic_stats")
    conversations = None if basic is None or basic.empty else int(basic["conversations"].iloc[0])
    counters = [] if basic is None or basic.empty else [str(c) for c in basic["counter"]]
    llama = [c for c in counters if "llama" in c.lower()]
    blocks: list[Block] = [
        Heading("Overview", 2, "overview"),
        Paragraph(
            f"The statistics of the paper {paper.CITATION}, recomputed from the gold tables of this run. "
            f"Paper values are the published numbers for the full release of {paper.CONVERSATIONS:,} "
            "conversations; ours come from the data that was ingested, so compare shares and rates "
            "unless the full release was ingested."
        ),
        Bullets([
            f"conversations: {conversations:,}" if conversations is not None
            else "conversations: unknown (no gold/basic_stats)",
            "token counters: " + (", ".join(counters) if counters else "none")
            + f"; the paper counted tokens with the {paper.PAPER_TOKENIZER} tokenizer"
            + (", so compare token averages with care" if not llama else f" ({', '.join(llama)} may be it)"),
            f"gold tables read: {len(tables)}" + (f"; missing: {', '.join(missing)}" if missing else ""),
            f"tables at {config.table_root}",
        ]),
    ]
    if errors:
        blocks.append(Paragraph(f"Figures that could not be drawn: {', '.join(sorted(errors))}.", "note"))
    for name, run_id in (stale or {}).items():
        blocks.append(Paragraph(f"gold/{name} was left out: an earlier aggregate run ({run_id}) wrote it, not the "
                                "run that wrote the other gold tables. `chatlake aggregate` rewrites it.", "note"))

    blocks += [
        Heading("Basic statistics (paper Table 1)", 2, "table1"),
        _comparison(compare.basic_stats_comparison(basic), "Table 1, LMSYS-Chat-1M row: paper vs ours", "cmp-table1"),
        Paragraph(f"Users: {compare.USERS_NOTE}.", "note"),
        Heading("Conversations per model (paper Figure 1)", 2, "figure1"),
        *_figure(specs_by_name["conversations_per_model"], errors),
        _comparison(compare.models_comparison(tables.get("conversations_per_model")),
                    "Figure 1: the counts the paper gives and its top five", "cmp-figure1"),
        Heading("Languages (paper Figure 2)", 2, "figure2"),
        *_figure(specs_by_name["top_languages"], errors),
        _comparison(compare.languages_comparison(tables.get("top_languages")),
                    "Figure 2: top five languages by the released name", "cmp-figure2"),
        *_figure(specs_by_name["language_agreement"], errors),
        *_figure(specs_by_name["language_by_model"], errors),
        Heading("Moderation (paper Table 2)", 2, "table2"),
        _comparison(compare.moderation_comparison(tables.get("moderation_by_category")),
                    "Table 2: flagged conversations by category, count (share of all conversations)", "cmp-table2"),
        *_figure(specs_by_name["moderation_by_category"], errors),
        *_figure(specs_by_name["moderation_by_model"], errors),
        Heading("Jailbreaks", 2, "jailbreak"),
        _comparison(compare.jailbreak_comparison(tables.get("jailbreak_by_model")),
                    "Jailbreak table: attempts and successes for the paper's three models", "cmp-jailbreak"),
        *_figure(specs_by_name["jailbreak_by_model"], errors),
        Heading("Turns and message lengths", 2, "lengths"),
        *_figure(specs_by_name["turns_distribution"], errors),
    ]
    for spec in specs:
        if spec.name.startswith("token_histogram_"):
            blocks += _figure(spec, errors)
    quantiles = tables.get("token_quantiles")
    if quantiles is not None:
        blocks.append(Table.of(quantiles, "Tokens per prompt and per response (gold/token_quantiles)",
                               table_id="summary-token-quantiles"))
    blocks += _figure(specs_by_name["response_length_by_model"], errors)

    blocks.append(Heading("Redaction", 2, "redaction"))
    redaction = tables.get("redaction")
    if redaction is None or redaction.empty or not redaction["conversations"].iloc[0]:
        blocks.append(Paragraph("No redaction statistics: gold/redaction is missing or counts no conversation.", "note"))
    else:
        row = redaction.iloc[0]
        placeholders = 0 if pd.isna(row["name_placeholders"]) else int(row["name_placeholders"])
        blocks.append(
            Paragraph(f"{format_percent(row['redacted_share'])} of conversations are marked `redacted` (person names "
                      f"replaced by NAME_1, NAME_2, ...); their messages hold {placeholders:,} NAME_k placeholders. "
                      "The paper gives no count to compare with.")
        )
    if redaction is not None:
        blocks.append(Table.of(redaction, "Redaction (gold/redaction)", table_id="summary-redaction"))

    blocks += topic_blocks(tables.get("topic_clusters"), specs_by_name["topic_distribution"], errors, config)
    blocks += [
        Heading("Not reproduced", 2, "not-reproduced"),
        Bullets([
            f"Number of users (paper: {paper.USERS:,}): {compare.USERS_NOTE}.",
            f"Token counts with the {paper.PAPER_TOKENIZER} tokenizer"
            + (f": counter {', '.join(llama)} is configured, check that it is the {paper.PAPER_TOKENIZER} tokenizer.json"
               if llama else ": its tokenizer.json is not shipped by any package; add it to text.token_counters "
               "as hf:/path/to/tokenizer.json."),
        ]),
        Heading("Gold tables", 2, "gold"),
        Paragraph("Every gold table as the report read it; the CSV files hold the raw values."),
    ]
    for name, df in tables.items():
        version = versions.get(name)
        suffix = f", Delta version {version}" if version is not None else ""
        rows = f"{len(df):,} row{'' if len(df) == 1 else 's'}"
        blocks += [Heading(f"gold/{name}", 3, f"gold-{name}-heading"),
                   Paragraph(f"{_description(name)} {rows}{suffix}.")]
        blocks.append(gold_table_block(name, df))
    for name in missing:
        blocks += [Heading(f"gold/{name}", 3, f"gold-{name}-heading"),
                   Paragraph(f"gold/{name} does not exist: run `chatlake aggregate`.", "note")]

    blocks += provenance_blocks(runs, run, config)
    return blocks


def topic_method(config: Config) -> str:
    """How our topic clusters were computed, in a sentence (from the topic settings)."""
    settings = config.topics
    if settings.backend == "sentence-transformers":
        vectors = f"{settings.embedding_model} sentence embeddings"
    else:
        vectors = f"TF-IDF (scikit-learn, English stop words, sublinear tf) reduced to {settings.dimensions} dimensions (LSA)"
    sample = (f"up to {settings.sample_conversations:,} conversations (smallest sha-256 of the id)"
              if settings.sample_conversations > 0 else "every conversation")
    return (f"{vectors}, k-means (k = {settings.clusters}); {sample} whose first prompt fastText labels "
            f"`{settings.language}`, prompts of {settings.min_chars:,}-{settings.max_chars:,} characters; clusters "
            f"named from the TF-IDF terms of the {settings.name_prompts} prompts nearest the centre")


def topic_blocks(topic_clusters: pd.DataFrame | None, spec: FigureSpec, errors: dict[str, str],
                 config: Config) -> list[Block]:
    """The Figure 3 section: what the paper found, our figure and the comparison."""
    blocks: list[Block] = [
        Heading("Topics (paper Figure 3)", 2, "figure3"),
        Paragraph(
            f"The paper clustered the prompts of {paper.TOPIC_CONVERSATIONS:,} English conversations "
            f"({paper.TOPIC_METHOD}): coding and software dominate with {paper.TOPIC_CODING_CLUSTERS} of its "
            f"{paper.TOPIC_CLUSTERS} clusters, and {paper.TOPIC_TEMPLATED_CLUSTERS} clusters are templated, "
            f"script-like prompts. Ours: {topic_method(config)}. The per-prompt clusters are in "
            "gold/topic_assignments."
        ),
    ]
    if topic_clusters is None:
        blocks.append(Paragraph("No topic clusters: gold/topic_clusters is missing (`topics.enabled = false`, or "
                                "`chatlake aggregate` has not run since topics were added).", "note"))
    blocks += _figure(spec, errors)
    blocks.append(_comparison(compare.topics_comparison(topic_clusters, topic_method(config)),
                              "Figure 3: topic clusters, the paper's and ours", "cmp-figure3"))
    return blocks


def gold_table_block(name: str, df: pd.DataFrame) -> Table:
    """A gold table as the report shows it: wide tables of a few rows turned to one row per
    column (basic_stats: one column per counter), long ones cut to their first rows."""
    links = [("CSV", f"{TABLES_DIR}/{name}.csv"), ("Markdown", f"{TABLES_DIR}/{name}.md")]
    table_id = f"gold-{name}"
    if name == "basic_stats" and not df.empty and "counter" in df.columns:
        return Table.transposed(df, f"gold/{name}", label_column="counter", table_id=table_id, links=links)
    if len(df) == 1 and len(df.columns) > 6:
        return Table.transposed(df, f"gold/{name}", table_id=table_id, links=links)
    shown = df.head(REPORT_TABLE_ROWS)
    caption = f"gold/{name}" + (f" (first {REPORT_TABLE_ROWS} of {len(df):,} rows)" if len(df) > REPORT_TABLE_ROWS else "")
    return Table.of(shown, caption, table_id=table_id, collapsed=len(df) > 25, links=links)


def provenance_blocks(runs: pd.DataFrame, run: RunInfo, config: Config) -> list[Block]:
    """The runs that produced the tables (latest ingest, enrich, aggregate), their package versions
    and model checksums, and this report run."""
    blocks: list[Block] = [Heading("Provenance", 2, "provenance")]
    current = package_versions()
    report_row = {
        "job": "report (this run)", "run_id": run.run_id, "status": "running",
        "finished_at": "", "duration_s": None, "engine": config.engine, "engine_version": "",
        "config_hash": config.config_hash()[:16], "input": f"{config.table_root}/{GOLD_LAYER}",
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
    blocks.append(Table.transposed(runs_view, caption, label_column="job", align_right=False, table_id="provenance-runs"))

    packages: dict[str, dict[str, str]] = {}
    for r in ([] if runs.empty else runs.to_dict("records")):
        for package, version in json.loads(r["packages"] or "{}").items():
            packages.setdefault(package, {})[r["job"]] = version
    for package, version in current.items():
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
    blocks.append(Paragraph(f"Report settings: engine {config.engine}, format {config.format}, config hash "
                            f"{config.config_hash()}, chatlake {__version__}."))
    return blocks


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, Any]]:
    """Nested JSON as (dotted key, leaf) pairs: {"files": [{"sha256": x}]} -> ("files.0.sha256", x)."""
    if isinstance(value, dict):
        return [item for k, v in value.items() for item in _flatten(v, f"{prefix}{k}.")]
    if isinstance(value, list):
        return [item for i, v in enumerate(value) for item in _flatten(v, f"{prefix}{i}.")]
    return [(prefix.rstrip("."), value)]


# --- the job ------------------------------------------------------------------------------------


def _description(name: str) -> str:
    table = GOLD_BY_NAME.get(name)
    return table.description if table else "A gold table."


def build_report(storage: Storage, config: Config, run: RunInfo) -> StageResult:
    """Write the report (figures, tables, report.html, report.md) from the gold tables; the
    result's detail names report.html (`output`)."""
    steps = Steps("report")
    out = _prepare_output(config)
    with steps.step("read gold tables") as step:
        tables, versions, missing, stale = read_gold(storage)
        for name, run_id in stale.items():
            log.warning("report: gold/%s is from an earlier aggregate run (%s): left out", name, run_id)
        step.rows = rows_in = sum(len(df) for df in tables.values())
    runs = latest_runs(storage)

    with steps.step("tables: csv, md") as step:
        step.rows = rows_out = write_gold_files(out, tables)

    specs = figure_specs(tables, token_counters(tables, config))
    with steps.step("figures: png, svg") as step:
        started = time.perf_counter()
        errors = draw_figures(out, specs)
        step.rows = len(specs)
        log.info("report: %d figures in %.1f s", len(specs), time.perf_counter() - started)

    with steps.step("report.html, report.md") as step:
        blocks = document(tables, versions, missing, specs, errors, runs, run, config, stale)
        generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
        subtitle = f"Generated {generated} by chatlake {__version__}, report run {run.run_id}."
        _write_text(out / "report.html", render_html(TITLE, subtitle, blocks))
        _write_text(out / "report.md", render_markdown(TITLE, subtitle, blocks))
        step.rows = sum(isinstance(b, Table) for b in blocks)

    log.info("report: %s", out / "report.html")
    return StageResult(
        rows_in=rows_in, rows_out=rows_out, input=storage.path(GOLD_LAYER),
        detail={
            "output": str(out / "report.html"),
            "figures": [s.name for s in specs],
            "figure_errors": errors,
            "gold_tables": {name: {"rows": len(df), "version": versions.get(name)} for name, df in tables.items()},
            "gold_missing": missing,
            "gold_stale": stale,
            "provenance_runs": [] if runs.empty else list(runs["run_id"]),
        },
        steps=steps.records(),
    )
