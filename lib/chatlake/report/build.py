"""The report job: gold tables -> figures, CSV/Markdown tables, report.html and report.md.

`build_report` composes the three parts of the report, each in its own module:

    chatlake.report.read    the gold tables of one aggregate run and the latest runs -> GoldTables
    chatlake.report.page    GoldTables -> the page's blocks (pure: no Spark, no files, no config)
    chatlake.report.write   the files, in the local folder `config.output_path()`

and is the one place that knows the config: it hands the page the few settings it shows.
"""

from __future__ import annotations

import logging
import time
from dataclasses import replace

from chatlake import __version__, privacy
from chatlake.config import Config, TopicSettings
from chatlake.report.document import Table
from chatlake.report.page import TITLE, Page, PageSettings, figure_specs, page_blocks, page_subtitle
from chatlake.report.read import read_gold
from chatlake.report.write import draw_figures, prepare_output, write_gold_files, write_pages
from chatlake.results import RunInfo, StageResult, Steps
from chatlake.runlog import package_versions
from chatlake.storage import Storage
from chatlake.tables import GOLD_LAYER

log = logging.getLogger(__name__)


def topic_method(settings: TopicSettings) -> str:
    """How our topic clusters were computed, in a sentence (from the topic settings)."""
    if settings.backend == "sentence-transformers":
        vectors = f"{settings.embedding_model} sentence embeddings"
    else:
        vectors = (
            f"TF-IDF (scikit-learn, English stop words, sublinear tf) reduced to {settings.dimensions} dimensions (LSA)"
        )
    sample = (f"up to {settings.sample_conversations:,} conversations (smallest sha-256 of the id)"
              if settings.sample_conversations > 0 else "every conversation")
    return (f"{vectors}, k-means (k = {settings.clusters}); {sample} whose first prompt fastText labels "
            f"`{settings.language}`, prompts of {settings.min_chars:,}-{settings.max_chars:,} characters; clusters "
            f"named by class-based TF-IDF over the {settings.name_prompts} prompts nearest the centre, and grouped "
            f"into {settings.groups} groups by Ward linkage of the centres")


def page_settings(config: Config) -> PageSettings:
    """The settings the page shows, taken from `config` (and this process's package versions)."""
    return PageSettings(
        token_counters=tuple(config.text.token_counters),
        topic_method=topic_method(config.topics),
        privacy_note=privacy.privacy_note(config.privacy),
        table_root=config.table_root,
        engine=config.engine,
        table_format=config.format,
        config_hash=config.config_hash(),
        chatlake_version=__version__,
        packages=package_versions(),
    )


def build_report(storage: Storage, config: Config, run: RunInfo) -> StageResult:
    """Write the report (figures, tables, report.html, report.md) from the gold tables; the
    result's detail names report.html (`output`)."""
    steps = Steps("report")
    out = prepare_output(config.output_path())
    with steps.step("read gold tables") as step:
        # The privacy floor again, on what was read: tables written without --public quote no
        # more than the floor lets a --public report show.
        gold = read_gold(storage)
        gold = replace(gold, tables=privacy.quotable_tables(gold.tables, config.privacy))
        for name, run_id in gold.stale.items():
            log.warning("report: gold/%s is from an earlier aggregate run (%s): left out", name, run_id)
        step.rows = rows_in = gold.rows

    with steps.step("tables: csv, md") as step:
        step.rows = rows_out = write_gold_files(out, gold.tables)

    settings = page_settings(config)
    specs = figure_specs(gold.tables, settings.token_counters)
    with steps.step("figures: png, svg") as step:
        started = time.perf_counter()
        errors = draw_figures(out, specs)
        step.rows = len(specs)
        log.info("report: %d figures in %.1f s", len(specs), time.perf_counter() - started)

    with steps.step("report.html, report.md") as step:
        page = Page(gold, tuple(specs), errors, settings, run)
        blocks = page_blocks(page)
        output = write_pages(out, TITLE, page_subtitle(page), blocks)
        step.rows = sum(isinstance(b, Table) for b in blocks)

    log.info("report: %s", output)
    return StageResult(
        rows_in=rows_in, rows_out=rows_out, input=storage.path(GOLD_LAYER),
        detail={
            "output": str(output),
            "figures": [s.name for s in specs],
            "figure_errors": errors,
            "gold_tables": {name: {"rows": len(df), "version": gold.versions.get(name)}
                            for name, df in gold.tables.items()},
            "gold_missing": list(gold.missing),
            "gold_stale": gold.stale,
            "provenance_runs": [] if gold.runs.empty else list(gold.runs["run_id"]),
        },
        steps=steps.records(),
    )
