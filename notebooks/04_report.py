# Databricks notebook source
# MAGIC %md
# MAGIC # chatlake 4/4: report
# MAGIC
# MAGIC The figures, the tables (CSV, Markdown) and `report.html` / `report.md`, from the gold tables only,
# MAGIC with the paper's published numbers beside ours, written under `output_dir`.
# MAGIC
# MAGIC Widgets: `config`, `table_root`, `output_dir`, `format`.

# COMMAND ----------

from chatlake.config import load_config
from chatlake.notebook import notebook_config, notebook_session

spark, params = notebook_session(globals(), {"table_root": "", "output_dir": "", "format": ""})
config = load_config(params["config"] or None, notebook_config(params))
print(f"engine {config.engine}, tables at {config.table_root}, output to {config.output_dir}")

# COMMAND ----------

from pathlib import Path

from chatlake.runner import run_job

report_path = Path(run_job(spark, config, "report").detail["output"])
print(f"report: {report_path}")

# COMMAND ----------

# MAGIC %md
# MAGIC The report in Markdown (the HTML version links its figures as files beside it).

# COMMAND ----------

print(report_path.with_name("report.md").read_text()[:5000])
