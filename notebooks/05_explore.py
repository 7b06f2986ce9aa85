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

from chatlake.storage import Storage
from chatlake.tables import BRONZE, CONVERSATIONS, GOLD_TABLES, MESSAGES, QUARANTINE, RUNS

storage = Storage.of(spark, config)
for name in (BRONZE, QUARANTINE, MESSAGES, CONVERSATIONS, RUNS):
    if storage.exists(name):
        print(f"{name:24} {storage.read(name).count():>12,} rows  version {storage.version(name)}")
    else:
        print(f"{name:24} not written yet")

# COMMAND ----------

# MAGIC %md
# MAGIC The run log: one row per job run, with its counts, timings and the models it used.

# COMMAND ----------

(
    storage.read(RUNS)
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
    storage.read(CONVERSATIONS)
    .groupBy("model")
    .agg(F.count(F.lit(1)).alias("conversations"), F.avg("turns").alias("avg_turns"))
    .orderBy(F.desc("conversations"))
    .show(25, truncate=False)
)

# COMMAND ----------

# MAGIC %md
# MAGIC Gold: every statistics table the aggregate job wrote.

# COMMAND ----------

for table in GOLD_TABLES:
    if storage.exists(table.path):
        print(f"{table.path}: {table.description}")
        storage.read(table.path).show(10, truncate=False)
