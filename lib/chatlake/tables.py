"""The one registry of tables and column names, which every stage, the report, the notebooks and
the tests import: layers and table names, keys, the catalogue of gold tables (in report order,
with what each holds), the token and moderation-category column names, and the one parser of
token-counter specs. No Spark in here.

A statistic's name leads in one hop to its function (`chatlake.aggregate.gold_tables` maps each
name to it; the topic tables are `chatlake.topics.topic_tables`) and to its test
(docs/architecture.md lists them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from chatlake import ChatlakeError

# --- tables -------------------------------------------------------------------------------------

BRONZE = "bronze/conversations"
QUARANTINE = "bronze/quarantine"
MESSAGES = "silver/messages"
CONVERSATIONS = "silver/conversations"
RUNS = "ops/runs"
GOLD_LAYER = "gold"
# The `model` of the row of a per-model gold table that covers every model.
ALL_MODELS = "(all)"

# What identifies a row of each table: ingest never writes a bronze id twice, enrich merges on these.
KEYS: dict[str, tuple[str, ...]] = {
    BRONZE: ("conversation_id",),
    QUARANTINE: ("_quarantine_key",),
    MESSAGES: ("conversation_id", "message_index"),
    CONVERSATIONS: ("conversation_id",),
    RUNS: ("run_id",),
}

BRONZE_METADATA_COLUMNS = ("_source_file", "_ingested_at", "_run_id", "_record_sha256")
# Last in bronze: the Chatbot Arena battle a conversation is one side of (`chatlake.schema.BATTLE_TYPE`),
# null for every other layout.
BRONZE_BATTLE = "battle"
# Columns whose value depends on the run (ids, clocks), not on the input.
RUN_COLUMNS = frozenset({"_run_id", "_ingested_at", "_enriched_at"})


@dataclass(frozen=True)
class GoldTable:
    """One statistics table under `gold/`: its name, what it holds, whether the report shows it,
    and whether it is written only when a setting turns it on (`optional`: the report shows it
    when it is there and does not call it missing when it is not)."""

    name: str
    description: str
    reported: bool = True
    optional: bool = False

    @property
    def path(self) -> str:
        return gold(self.name)


def gold(name: str) -> str:
    """`basic_stats` -> `gold/basic_stats`."""
    return f"{GOLD_LAYER}/{name}"


# Every gold table, in report order. `aggregate` writes them all (the topic tables only when
# `topics.enabled`); the report reads the reported ones.
GOLD_TABLES: tuple[GoldTable, ...] = (
    GoldTable("basic_stats", "The paper's Table 1 row, one row per token counter."),
    GoldTable("conversations_per_model", "Conversations per model (Figure 1)."),
    GoldTable("top_languages", "Top languages by released name and by fastText, side by side by rank (Figure 2)."),
    GoldTable("moderation_by_category",
              "Flagged conversations per category, overall (`(all)`) and per model (Table 2)."),
    GoldTable("jailbreak_by_model", "Jailbreak attempts and successes per model, with 95% Wilson intervals."),
    GoldTable("turns_distribution", "Conversations per number of turns."),
    GoldTable("token_quantiles", "Tokens per prompt and per response: mean and quantiles, per counter."),
    GoldTable("token_histogram", "Prompts and responses per token-count bin (log2 bins), per counter."),
    GoldTable("response_length_by_model", "Response tokens per model (primary counter)."),
    GoldTable("language_by_model", "Conversations per model and released language name."),
    GoldTable("language_agreement", "Released language name versus fastText on the first user message."),
    GoldTable("redaction", "Conversations whose person names were replaced by NAME_k placeholders."),
    GoldTable("languages_in_depth", "Top 20 fastText languages: turns, tokens per prompt and response, flagged "
              "and redacted shares, tokens per 1,000 characters, per counter."),
    GoldTable("language_tag_trust", "fastText versus the released name by prompt-length bin and by language, "
              "with the share of unreliable tags."),
    GoldTable("repeated_prompts", "The 50 most repeated normalised first prompts, with their models."),
    GoldTable("prompt_repetition_by_model",
              "Per model: share of conversations whose first prompt repeats, exactly or nearly."),
    # Written only with repetition.near_duplicates on (README: Repetition).
    GoldTable("near_duplicates", "Near-duplicate first prompts (MinHash LSH): how many pairs and prompts, "
              "the settings used.", optional=True),
    GoldTable("near_duplicate_pairs", "Pairs of near-duplicate first prompts with their Jaccard similarity.",
              reported=False),
    # The paper's use-case datasets (section 4): selections of ids; `chatlake export NAME` joins
    # bronze for their messages (chatlake.export). The report shows the 50-row safety benchmark
    # only: the other two hold thousands of ids.
    GoldTable("high_quality", "Conversations of the OpenAI and Anthropic models (the paper's HighQuality "
              "subset): ids and models.", reported=False),
    GoldTable("safety_benchmark", "The top jailbreak attempts of the models with the most attempts, by the "
              "highest user-message moderation score, with each model's rate of flagged responses on them."),
    GoldTable("moderation_training", "The top flagged user messages per moderation category and a sample of "
              "unflagged ones, deduplicated: message ids, categories, score.", reported=False),
    GoldTable(
        "topic_clusters",
        "Topic clusters of a sample of English user prompts (Figure 3): size, name, top terms, share of "
        "templated prompts, group and group name, the prompts nearest the centre that the privacy floor lets through.",
    ),
    GoldTable(
        "topic_assignments",
        "The topic cluster of every sampled prompt (conversation_id, message_index, cluster).",
        reported=False,
    ),
)
GOLD_BY_NAME: dict[str, GoldTable] = {table.name: table for table in GOLD_TABLES}
TOPIC_CLUSTERS, TOPIC_ASSIGNMENTS = "topic_clusters", "topic_assignments"
# The gold selections `chatlake export NAME` turns into JSON Lines (chatlake.usecases, chatlake.export).
EXPORTS: tuple[str, ...] = ("high_quality", "safety_benchmark", "moderation_training")

# --- columns ------------------------------------------------------------------------------------


def category_column(category: str) -> str:
    """`self-harm` -> `self_harm` (snake_case column names)."""
    return category.replace("-", "_")


def flag_column(category: str) -> str:
    """The per-message flag column of a moderation category: `flagged_self_harm`."""
    return f"flagged_{category_column(category)}"


CounterKind = Literal["tiktoken", "hf", "llama2"]
HF_PREFIX = "hf:"
# The paper's counter: Llama-2's SentencePiece tokenizer, BOS included (chatlake.text.llama2).
LLAMA2_SPEC = "llama2"
TIKTOKEN_PREFIX = "tiktoken:"


@dataclass(frozen=True)
class TokenCounter:
    """A token counter as the config names it (`spec`), parsed once.

    `kind` is `tiktoken` (an encoding name) or `hf` (the path of a Hugging Face tokenizer.json);
    `target` is the encoding name or the path; `column` is the suffix of its columns
    (`tokens_<column>`, `prompt_tokens_<column>`, `response_tokens_<column>`).
    """

    spec: str
    kind: CounterKind
    target: str
    column: str

    @property
    def tokens(self) -> str:
        return f"tokens_{self.column}"

    @property
    def prompt_tokens(self) -> str:
        return f"prompt_tokens_{self.column}"

    @property
    def response_tokens(self) -> str:
        return f"response_tokens_{self.column}"


def parse_counter(spec: str) -> TokenCounter:
    """`cl100k_base` or `tiktoken:cl100k_base` -> tiktoken, column `cl100k_base`;
    `hf:/models/llama-2/tokenizer.json` -> hf, column `hf_tokenizer` (the file's stem);
    `llama2` -> llama2 (the paper's Llama-2 count, BOS included), column `llama2`."""
    text = spec.strip()
    if text.startswith(HF_PREFIX):
        path = text[len(HF_PREFIX) :]
        if not path:
            raise ChatlakeError(f"counter spec {spec!r} names no tokenizer.json")
        stem = path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".json")
        return TokenCounter(spec, "hf", path, _column_name(f"hf_{stem}"))
    if text == LLAMA2_SPEC:
        return TokenCounter(spec, "llama2", LLAMA2_SPEC, LLAMA2_SPEC)
    name = text.removeprefix(TIKTOKEN_PREFIX)
    if not name:
        raise ChatlakeError("empty token counter spec")
    return TokenCounter(spec, "tiktoken", name, _column_name(name))


def parse_counters(specs: tuple[str, ...] | list[str]) -> list[TokenCounter]:
    """Every configured counter, primary first; two specs that share a column are an error."""
    counters = [parse_counter(spec) for spec in specs]
    columns = [c.column for c in counters]
    for column in set(columns):
        if columns.count(column) > 1:
            same = [c.spec for c in counters if c.column == column]
            raise ChatlakeError(f"token counters {', '.join(same)} would share the column tokens_{column}")
    return counters


def _column_name(text: str) -> str:
    return re.sub(r"[^0-9a-zA-Z_]", "_", text)
