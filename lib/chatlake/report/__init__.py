"""The report: figures, tables and an HTML/Markdown page from the gold tables.

    chatlake report [--config conf/local.toml]

`build_report(storage, config, run)` reads only `gold/*` (and `ops/runs` for provenance) and writes
into `config.output_dir`: `figures/*.png|svg`, `tables/<gold name>.csv|md`, `report.html` and
`report.md`, with the paper's published numbers beside ours. Its parts:

- `read`: the gold tables of one aggregate run, through `Storage`, into a `gold.GoldTables`;
- `page`: the page as a list of sections, tables in, blocks out (no Spark, no files, no config);
- `document`: the blocks and their two renderings, HTML and Markdown, escaped for each;
- `figures` and `compare`: the figures and the paper-versus-ours tables, plain pandas and
  matplotlib;
- `write`: the files.
"""

from chatlake.report.build import build_report

__all__ = ["build_report"]
