# Databricks notebook source
# MAGIC %md
# MAGIC # chatlake 1/4: ingest
# MAGIC
# MAGIC Loads conversation files (Parquet or JSON Lines, plain or gzip) in any layout the README's Ingest
# MAGIC section lists (LMSYS-Chat-1M, WildChat, OpenAI chat, ShareGPT, Hugging Face chat, Chatbot Arena)
# MAGIC into `bronze/conversations`, keyed on `conversation_id`; every record that cannot be accepted goes
# MAGIC whole to `bronze/quarantine` with a reason. Running it twice on the same files adds nothing. For the
# MAGIC LMSYS-Chat-1M files themselves, set `config` to `conf/lmsys.toml` (their 32-hex id check). Input that
# MAGIC does not fit fails the cell with one line, after the quarantine is written.
# MAGIC
# MAGIC Widgets: `source` (a file, folder or glob), `config` (a conf/*.toml; empty: built-in defaults),
# MAGIC `table_root`, `output_dir`, `format` (each empty: the config's). On Databricks this uses the cluster's
# MAGIC `spark`; run anywhere else it starts the embedded engine (see `chatlake.notebook`).

# COMMAND ----------

from chatlake.config import load_config
from chatlake.notebook import notebook_config, notebook_session

spark, params = notebook_session(
    globals(), {"source": "chatlake-data/data", "table_root": "", "output_dir": "", "format": ""}
)
config = load_config(params["config"] or None, notebook_config(params))
print(f"engine {config.engine}, tables at {config.table_root} ({config.format})")

# COMMAND ----------

from chatlake.runner import run_job

result = run_job(spark, config, "ingest", source=params["source"])
print(f"{result.rows_in:,} records read = {result.rows_out:,} accepted + {result.rows_quarantined:,} quarantined "
      f"+ {result.rows_duplicate:,} duplicates")

# COMMAND ----------

# MAGIC %md
# MAGIC What was quarantined, by reason (always: records read = accepted + quarantined + duplicates).

# COMMAND ----------

from chatlake.storage import Storage
from chatlake.tables import QUARANTINE

storage = Storage.of(spark, config)
if storage.exists(QUARANTINE):
    storage.read(QUARANTINE).groupBy("reason").count().orderBy("reason").show(truncate=False)
