# Databricks notebook source
# MAGIC %md
# MAGIC # chatlake: explore the tables
# MAGIC
# MAGIC Row counts of every table, the run log, and a few looks at the silver and gold tables. Read-only.
# MAGIC
# MAGIC Widgets: `config`, `table_root`, `format`.

# COMMAND ----------

from chatlake.config import load_config
from chatlake.notebook import notebook_config, notebook_session

spark, params = notebook_session(globals(), {"table_root": "", "format": ""})
config = load_config(params["config"] or None, notebook_config(params))
print(f"engine {config.engine}, tables at {config.table_root} ({config.format})")

# COMMAND ----------

from chatlake.enrich import CONVERSATIONS_TABLE, MESSAGES_TABLE
from chatlake.ingest import BRONZE_TABLE, QUARANTINE_TABLE
from chatlake.io import read_table, table_exists, table_version
from chatlake.runlog import RUNS_TABLE

for name in (BRONZE_TABLE, QUARANTINE_TABLE, MESSAGES_TABLE, CONVERSATIONS_TABLE, RUNS_TABLE):
    if table_exists(spark, config, name):
        print(f"{name:24} {read_table(spark, config, name).count():>12,} rows  version {table_version(config, name)}")
    else:
        print(f"{name:24} not written yet")

# COMMAND ----------

# MAGIC %md
# MAGIC The run log: one row per job run, with its counts, timings and the models it used.

# COMMAND ----------

(
    read_table(spark, config, RUNS_TABLE)
    .select("started_at", "job", "status", "engine", "duration_s", "rows_in", "rows_out", "rows_quarantined")
    .orderBy("started_at")
    .show(50, truncate=False)
)

# COMMAND ----------

# MAGIC %md
# MAGIC Silver: models by conversations, turns and prompt tokens.

# COMMAND ----------

from pyspark.sql import functions as F

(
    read_table(spark, config, CONVERSATIONS_TABLE)
    .groupBy("model")
    .agg(F.count(F.lit(1)).alias("conversations"), F.avg("turns").alias("avg_turns"))
    .orderBy(F.desc("conversations"))
    .show(25, truncate=False)
)

# COMMAND ----------

# MAGIC %md
# MAGIC Gold: every statistics table the aggregate job wrote.

# COMMAND ----------

from chatlake.report import GOLD_TABLES

for name in GOLD_TABLES:
    if table_exists(spark, config, f"gold/{name}"):
        print(f"gold/{name}: {GOLD_TABLES[name]}")
        read_table(spark, config, f"gold/{name}").show(10, truncate=False)
