"""The report: figures, tables and an HTML/Markdown page from the gold tables.

    chatlake report [--config conf/local.toml]

`build_report(storage, config, run)` reads only `gold/*` (and `ops/runs` for provenance) and writes
into `config.output_dir`: `figures/*.png|svg`, `tables/<gold name>.csv|md`, `report.html` and
`report.md`, with the paper's published numbers beside ours. The figure functions
(`chatlake.report.figures`) and the comparisons (`chatlake.report.compare`) are plain pandas and
matplotlib, usable without Spark.
"""

from chatlake.report.build import build_report

__all__ = ["build_report"]
