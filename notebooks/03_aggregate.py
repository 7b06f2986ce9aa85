# Databricks notebook source
# MAGIC %md
# MAGIC # chatlake 3/4: statistics
# MAGIC
# MAGIC The silver tables to one small `gold/*` table per statistic of the paper (Table 1's basic statistics,
# MAGIC conversations per model, top languages, moderation by category, jailbreaks by model, length
# MAGIC distributions, the topic clusters of English prompts, ...). The gold tables are overwritten
# MAGIC whole on every run.
# MAGIC
# MAGIC Widgets: `config`, `table_root`, `output_dir`, `format`.

# COMMAND ----------

from chatlake.config import load_config
from chatlake.notebook import notebook_config, notebook_session

spark, params = notebook_session(globals(), {"table_root": "", "output_dir": "", "format": ""})
config = load_config(params["config"] or None, notebook_config(params))
print(f"engine {config.engine}, tables at {config.table_root} ({config.format})")

# COMMAND ----------

from chatlake.runner import run_job

result = run_job(spark, config, "aggregate")
print(result.detail["gold_rows"])

# COMMAND ----------

# MAGIC %md
# MAGIC The paper's Table 1 row, recomputed.

# COMMAND ----------

from chatlake.storage import Storage
from chatlake.tables import gold

Storage.of(spark, config).read(gold("basic_stats")).show(vertical=True, truncate=False)
