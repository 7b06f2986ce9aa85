# Databricks notebook source
# MAGIC %md
# MAGIC # chatlake 2/4: enrich
# MAGIC
# MAGIC Bronze conversations to `silver/messages` (one row per message: role, characters, tokens, fastText
# MAGIC language and score, moderation flags) and `silver/conversations` (one row per conversation).
# MAGIC Incremental: only conversations not yet enriched by this pipeline version are processed, unless
# MAGIC `full` is `true`.
# MAGIC
# MAGIC Widgets: `full` (`true` rebuilds both tables), `config`, `table_root`, `output_dir`, `format`.

# COMMAND ----------

from chatlake.config import load_config
from chatlake.notebook import notebook_config, notebook_session

spark, params = notebook_session(globals(), {"full": "false", "table_root": "", "output_dir": "", "format": ""})
config = load_config(params["config"] or None, notebook_config(params))
print(f"engine {config.engine}, tables at {config.table_root} ({config.format})")

# COMMAND ----------

from chatlake.runner import run_job

result = run_job(spark, config, "enrich", full=params["full"].strip().lower() == "true")
print(f"{result.rows_out:,} conversations enriched")

# COMMAND ----------

# MAGIC %md
# MAGIC A look at the result: conversations per detected language of the first user message.

# COMMAND ----------

from chatlake.storage import Storage
from chatlake.tables import CONVERSATIONS

(
    Storage.of(spark, config).read(CONVERSATIONS)
    .groupBy("first_user_lang")
    .count()
    .orderBy("count", ascending=False)
    .show(10)
)
