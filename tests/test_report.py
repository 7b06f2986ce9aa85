"""The report job on gold tables built from small hand-written silver frames (through the real
`chatlake.aggregate.gold_tables`), on each engine: files, CSVs equal to the gold tables read back
independently, the paper's numbers beside ours, empty and missing tables; (marker `slow`) the
report of a generated dataset against the generator's planted statistics; (marker `browser`) the
page in headless Chromium, driven with its command line only (no Python dependency). The page,
the comparisons, the figures and the escaping on hand-written pandas frames, without Spark, are
in test_report_page.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.dataset as ds
import pytest
from pyspark.sql import functions as F

from chatlake import ChatlakeError
from chatlake.aggregate import gold_tables
from chatlake.config import Config, RepetitionSettings, TopicSettings
from chatlake.repetition import first_prompts, repetition_tables
from chatlake.report import build_report, paper
from chatlake.results import RunInfo, StageResult
from chatlake.runlog import write_run
from chatlake.schema import CATEGORIES
from chatlake.storage import Storage
from chatlake.topics import topic_tables
from chatlake.usecases import safety_benchmark
from conftest import engine_config, keyed_conversations, read_delta

GOLD = [
    "basic_stats", "conversations_per_model", "top_languages", "moderation_by_category", "jailbreak_by_model",
    "turns_distribution", "token_quantiles", "token_histogram", "response_length_by_model", "language_by_model",
    "language_agreement", "redaction", "languages_in_depth", "language_tag_trust", "repeated_prompts",
    "prompt_repetition_by_model", "near_duplicates", "safety_benchmark", "topic_clusters",
]
FIGURES = [
    "conversations_per_model", "top_languages", "language_agreement", "language_by_model", "moderation_by_category",
    "moderation_by_model", "jailbreak_by_model", "turns_distribution", "topic_distribution", "tokenizer_tax",
    "language_tag_trust", "prompt_repetition", "token_histogram_cl100k_base", "response_length_by_model",
]
CATS = [c.replace("-", "_") for c in CATEGORIES]
CONVERSATION_SCHEMA = ", ".join(
    ["conversation_id string", "model string", "turns long", "language_name string", "language_code string",
     "first_user_lang string", "first_user_chars int", "language_agrees boolean", "redacted boolean",
     "name_placeholders long", "user_flagged boolean", "assistant_flagged boolean"]
    + [f"user_flagged_{c} boolean" for c in CATS]
    + [f"assistant_flagged_{c} boolean" for c in CATS]
)
MESSAGE_SCHEMA = "conversation_id string, role string, tokens_cl100k_base long"
SHA = "8f3472cfe8738a7b6099e8e999c3cbfae0dcd15696aac7d7738a8039db603e83"


def conversation(cid, model, turns=1, name="English", code="en", lang="en", chars=60, redacted=False,
                 placeholders=0, user=(), assistant=()):
    """A silver conversation row; `user` / `assistant` are the categories flagged in each role."""
    return (
        cid, model, turns, name, code, lang, chars, code == lang, redacted, placeholders, bool(user), bool(assistant),
        *[c in user for c in CATS], *[c in assistant for c in CATS],
    )


# Nine conversations: vicuna-13b leads, the paper's three jailbreak models are all there, one
# conversation is empty (0 turns, no messages), one is redacted, two languages disagree with fastText.
CONVERSATIONS = [
    conversation("a", "vicuna-13b", user=("sexual",), assistant=("sexual", "violence")),
    conversation("b", "vicuna-13b", turns=3, user=("hate",)),
    conversation("c", "vicuna-13b", name="Portuguese", code="pt", lang="pt", redacted=True, placeholders=3),
    conversation("d", "vicuna-13b", turns=2, name="Portuguese", code="pt", lang="es", chars=20),
    conversation("e", "gpt-4", user=("harassment",)),
    conversation("f", "gpt-4", assistant=("self_harm",)),
    conversation("g", "claude-2", turns=0, name="unknown", code="und", lang="und", chars=0),
    conversation("h", "koala-13b", name="Chinese", code="zh", lang="zh"),
    conversation("i", "koala-13b", turns=2, name="Russian", code="ru", lang="ru"),
]
# (conversation, role, tokens): one prompt and one response per turn; "g" has none.
MESSAGES = [
    ("a", "user", 12), ("a", "assistant", 300),
    ("b", "user", 1), ("b", "assistant", 40), ("b", "user", 0), ("b", "assistant", 2_000), ("b", "user", 70),
    ("b", "assistant", 90),
    ("c", "user", 33), ("c", "assistant", 128),
    ("d", "user", 5), ("d", "assistant", 64), ("d", "user", 9), ("d", "assistant", 700),
    ("e", "user", 45), ("e", "assistant", 17),
    ("f", "user", 3), ("f", "assistant", 250),
    ("h", "user", 20), ("h", "assistant", 510),
    ("i", "user", 8), ("i", "assistant", 99), ("i", "user", 16), ("i", "assistant", 33),
]


# English prompts of the conversations above for the topic clusters: five templated "chemical
# industry" prompts beside coding ones (each showing code) and cooking ones (gold/topic_clusters
# needs text, not silver).
_CHEMICAL = "Write an article about the Safety of {} 2000 words in chemical industry"
PROMPTS = [
    ("a", 0, "How do I sort a python list of dictionaries by a key in python? rows.sort(key=by_age) fails."),
    ("a", 2, "Write a python function that reads a csv file with pandas:\n```python\ndf = pd.read_csv(path)\n```"),
    ("b", 0, "My python script fails with a KeyError on a dictionary, why? print(config['user_name'])"),
    ("b", 2, "What is a good recipe for tomato pasta sauce with garlic?"),
    ("c", 0, "How long should I bake chicken in the oven, and with which spices?"),
    ("e", 0, "Give me a vegetarian dinner recipe with rice, garlic and spices."),
    *[(f"t{i}", 0, _CHEMICAL.format(name))
      for i, name in enumerate(("Acetone", "Benzene", "Toluene", "Phenol", "Xylene"))],
]
TOPICS = TopicSettings(clusters=3, min_df=1)
# The moderated messages of the three jailbreak attempts above (a, b, e), for gold/safety_benchmark:
# (conversation, position, role, flagged, highest score, its category).
SAFETY_MESSAGES = [
    ("a", 0, "user", True, 0.97, "sexual"), ("a", 1, "assistant", True, 0.9, "sexual"),
    ("b", 0, "user", True, 0.8, "hate"), ("b", 1, "assistant", False, 0.1, "hate"),
    ("e", 0, "user", True, 0.7, "harassment"), ("e", 1, "assistant", False, 0.01, "sexual"),
]
SAFETY_SCHEMA = ("conversation_id string, message_index int, role string, is_flagged boolean, max_score double, "
                 "top_category string")


def engine_of(spark) -> str:
    """The conftest engine name of a session: Spark Connect (Sail) is `embedded`, classic is `local`."""
    return "embedded" if type(spark).__module__.startswith("pyspark.sql.connect") else "local"


def write_gold(spark, config: Config, conversation_rows, message_rows) -> dict[str, int]:
    """Silver frames -> every gold table (the real aggregate transforms) -> tables; rows per table
    as read back without Spark."""
    # The columns only the languages-in-depth tables read, made up: this test is about the report.
    conversations_df = spark.createDataFrame(conversation_rows, CONVERSATION_SCHEMA).withColumn(
        "first_user_lang_score", F.lit(0.9))
    messages_df = spark.createDataFrame(message_rows, MESSAGE_SCHEMA).withColumn(
        "chars", (F.col("tokens_cl100k_base") * 4).cast("int"))
    prompts_df = spark.createDataFrame(
        PROMPTS if conversation_rows else [], "conversation_id string, message_index int, content string"
    )
    # Repetition reads bronze: the prompts above as one-message conversations of one model, and
    # the first one again in capitals (one repeated prompt).
    repeated = [("r", 0, PROMPTS[0][2].upper())]
    bronze_df = spark.createDataFrame(
        [(cid, "vicuna-13b", [(content, "user")])
         for cid, _, content in ([*PROMPTS, *repeated] if conversation_rows else [])],
        "conversation_id string, model string, conversation array<struct<content: string, role: string>>",
    )
    tables = (gold_tables(conversations_df, messages_df, ["cl100k_base"]) | topic_tables(prompts_df, TOPICS)[0]
              | repetition_tables(keyed_conversations(bronze_df), first_prompts(bronze_df),
                                  RepetitionSettings(near_duplicates=True)))
    safety_df = spark.createDataFrame(SAFETY_MESSAGES if conversation_rows else [], SAFETY_SCHEMA)
    tables["safety_benchmark"] = safety_benchmark(conversations_df, safety_df, 10, 5)
    storage = Storage.of(spark, config)
    for name, gold_df in tables.items():
        storage.write(gold_df, f"gold/{name}", mode="overwrite")
    return {name: len(read_back(config, f"gold/{name}")) for name in GOLD}


def write_run_log(spark, config: Config) -> dict[str, str]:
    """One ops/runs row per upstream job, the way the jobs write them; returns their run ids."""
    ids = {}
    for job in ("ingest", "enrich", "aggregate"):
        run = RunInfo(job)
        models = {"language_id": {"path": "lid.176.ftz", "sha256": SHA}} if job == "enrich" else {}
        result = StageResult(rows_in=9, rows_out=9, models=models)
        write_run(Storage.of(spark, config), run, result, "succeeded", config)
        ids[job] = run.run_id
    return ids


def run_report(spark, config: Config) -> tuple[Path, StageResult, RunInfo]:
    """The report job's stage on `config`'s tables: (report.html, its result, its run)."""
    run = RunInfo("report")
    result = build_report(Storage.of(spark, config), config, run)
    return Path(result.detail["output"]), result, run


def read_back(config: Config, name: str) -> pd.DataFrame:
    """A table read with pyarrow (delta-rs for Delta), not with Spark."""
    path = f"{config.table_root}/{name}"
    table = read_delta(path) if config.format == "delta" else ds.dataset(path, format="parquet").to_table()
    return table.to_pandas()


def texts(values) -> list[str | None]:
    return [None if pd.isna(v) else str(v) for v in values]


class _Tables(HTMLParser):
    """Every <table id=...> of a page as rows of cell texts, and every <img src>."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.images: list[str] = []
        self.tags: set[str] = set()
        self._table: str | None = None
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if tag == "table":
            self._table = attrs.get("id", f"anonymous-{len(self.tables)}")
            self.tables[self._table] = []
        elif tag == "tr" and self._table:
            self.tables[self._table].append([])
        elif tag in ("td", "th") and self._table:
            self._cell = []
        elif tag == "img":
            self.images.append(attrs["src"])

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._table and self._cell is not None:
            self.tables[self._table][-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "table":
            self._table = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parse(html: str) -> _Tables:
    parser = _Tables()
    parser.feed(html)
    return parser


def rows_by_statistic(table: list[list[str]]) -> dict[str, dict[str, str]]:
    header, *rows = table
    return {row[0]: dict(zip(header, row, strict=False)) for row in rows}  # "(no rows)" is a single cell


@pytest.fixture(scope="module")
def report(spark, tmp_path_factory):
    """The report of the nine-conversation gold, once per engine."""
    root = tmp_path_factory.mktemp(f"report-{engine_of(spark)}")
    config = engine_config(engine_of(spark), root)
    gold_rows = write_gold(spark, config, CONVERSATIONS, MESSAGES)
    run_ids = write_run_log(spark, config)
    path, result, run = run_report(spark, config)
    return {"config": config, "path": path, "out": Path(config.output_path()), "run": run, "result": result,
            "gold_rows": gold_rows,
            "run_ids": run_ids, "html": path.read_text(), "md": (path.parent / "report.md").read_text()}


def test_every_file_is_written(report):
    out = report["out"]
    assert report["path"] == out / "report.html"
    for name in FIGURES:
        for suffix in ("png", "svg"):
            assert (out / "figures" / f"{name}.{suffix}").stat().st_size > 1000, name
        assert (out / "figures" / f"{name}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    for name in GOLD:
        assert (out / "tables" / f"{name}.csv").is_file() and (out / "tables" / f"{name}.md").is_file()
    assert sorted(p.name for p in (out / "figures").iterdir()) == sorted(
        f"{n}.{s}" for n in FIGURES for s in ("png", "svg")
    )
    assert report["result"].detail["figure_errors"] == {}
    assert report["result"].detail["gold_missing"] == []


def test_every_csv_equals_its_gold_table(report):
    config = report["config"]
    for name in GOLD:
        csv = pd.read_csv(report["out"] / "tables" / f"{name}.csv")
        gold = read_back(config, f"gold/{name}")
        assert list(csv.columns) == list(gold.columns), name
        assert len(csv) == len(gold) == report["gold_rows"][name], name
        columns = list(gold.columns)
        csv = csv.sort_values(columns, na_position="first").reset_index(drop=True)
        gold = gold.sort_values(columns, na_position="first").reset_index(drop=True)
        for column in columns:
            mine, theirs = csv[column], gold[column]
            if pd.api.types.is_integer_dtype(theirs.dtype):
                assert mine.tolist() == theirs.tolist(), (name, column)
            elif pd.api.types.is_numeric_dtype(theirs.dtype):
                # Within an ulp, not exactly: Sail 0.7.2 serves a Delta column whose min equals its max
                # (every single-row gold table) from the log's JSON statistics, parsed 1 ulp off.
                assert np.allclose(mine.to_numpy(dtype=float), theirs.to_numpy(dtype=float), rtol=1e-15, atol=0,
                                   equal_nan=True), (name, column)
            else:
                assert texts(mine) == texts(theirs), (name, column)


def test_the_paper_and_our_numbers_side_by_side(report):
    page = parse(report["html"])
    table1 = rows_by_statistic(page.tables["cmp-table1"])
    assert table1["conversations"]["paper"] == "1,000,000" and table1["conversations"]["ours"] == "9"
    assert table1["models"]["paper"] == "25" and table1["models"]["ours"] == "4"
    assert table1["users"]["paper"] == "210,479" and table1["users"]["ours"] == "not in the data"
    assert "no user id" in table1["users"]["note"]
    assert table1["languages (released names)"]["paper"] == "154"
    assert table1["languages (released names)"]["ours"] == "4"  # English, Portuguese, Chinese, Russian
    assert table1["avg turns per conversation"]["paper"] == "2.0"
    assert table1["avg turns per conversation"]["ours"] == "1.33"  # 12 turns in 9 conversations
    prompt_row = table1["avg tokens per prompt (cl100k_base)"]
    assert prompt_row["paper"] == "69.5 (Llama-2)"
    # 222 tokens in 12 prompts; sample standard deviation 21.0778 (statistics.stdev).
    assert prompt_row["ours"] == "18.50 ± 21.08 (cl100k_base)"
    assert "Llama-2" in prompt_row["note"] and "cl100k_base" in prompt_row["ours"]
    assert table1["avg tokens per response (cl100k_base)"]["paper"] == "214.5 (Llama-2)"

    figure1 = rows_by_statistic(page.tables["cmp-figure1"])
    assert figure1["conversations of vicuna-13b"]["paper"] == "490,712 (49.07%)"
    assert figure1["conversations of vicuna-13b"]["ours"] == "4 (44.44%)"
    assert figure1["conversations of gpt-4"]["paper"].startswith("7,304")
    assert figure1["conversations of claude-2"]["paper"].startswith("2,241")
    assert [figure1[f"model ranked {i}"]["paper"] for i in range(1, 6)] == list(paper.TOP_MODELS)
    assert figure1["model ranked 1"]["ours"] == "vicuna-13b"

    figure2 = rows_by_statistic(page.tables["cmp-figure2"])
    assert [figure2[f"language ranked {i}"]["paper"] for i in range(1, 6)] == list(paper.TOP_LANGUAGES)
    assert figure2["language ranked 1"]["ours"] == "English"
    assert figure2["English share of conversations"]["ours"] == "44.44%"  # 4 of 9

    table2 = rows_by_statistic(page.tables["cmp-table2"])
    assert table2["flagged (any category)"]["paper"] == "54,427 (5.44%)"
    assert table2["flagged (any category)"]["ours"] == "4 (44.44%)"
    assert table2["sexual"]["paper"].startswith("33,968") and table2["sexual"]["ours"].startswith("1 (")
    assert table2["harassment"]["paper"].startswith("21,167") and table2["violence"]["paper"].startswith("9,499")
    assert table2["hate"]["paper"].startswith("3,591") and table2["self-harm"]["paper"].startswith("863 ")
    assert table2["self-harm"]["ours"].startswith("1 (")

    jailbreak = rows_by_statistic(page.tables["cmp-jailbreak"])
    assert jailbreak["vicuna-13b: conversations"]["paper"] == "490,712"
    assert (jailbreak["vicuna-13b: attempts"]["paper"], jailbreak["vicuna-13b: successes"]["paper"]) == (
        "15,925", "13,463"
    )
    assert (jailbreak["vicuna-13b: attempts"]["ours"], jailbreak["vicuna-13b: successes"]["ours"]) == ("2", "1")
    assert (jailbreak["gpt-4: attempts"]["paper"], jailbreak["gpt-4: successes"]["paper"]) == ("368", "109")
    assert (jailbreak["gpt-4: attempts"]["ours"], jailbreak["gpt-4: successes"]["ours"]) == ("1", "0")
    assert (jailbreak["claude-2: attempts"]["paper"], jailbreak["claude-2: successes"]["paper"]) == ("78", "18")
    assert jailbreak["claude-2: success rate"]["ours"] == "–"  # no attempt: no rate
    # 1 success of 2 attempts: Wilson interval [0.0945, 0.9055].
    assert jailbreak["vicuna-13b: success rate"]["ours"] == "50.00% [9.45%, 90.55%]"
    assert jailbreak["vicuna-13b: attempt rate"]["paper"] == "3.25% [3.20%, 3.30%]"  # 15,925 of 490,712

    for text in (report["html"], report["md"]):
        assert "the released rows carry no user id" in text

    figure3 = rows_by_statistic(page.tables["cmp-figure3"])
    assert figure3["clusters"]["paper"] == "20" and figure3["clusters"]["ours"] == "3"
    assert figure3["coding and software clusters"]["paper"].startswith("5 of 20")
    assert figure3["coding and software clusters"]["ours"] == "1 of 3 (27.27% of prompts)"  # 3 of 11 prompts
    assert "python" in figure3["coding and software clusters"]["note"]
    assert figure3["templated, script-like clusters"]["paper"] == "2 of 20"
    assert figure3["templated, script-like clusters"]["ours"] == "1 of 3 (45.45% of prompts)"  # the 5 articles
    assert figure3["sample"]["ours"] == "9 English conversations, 11 prompts"
    not_reproduced = report["md"].split("## Not reproduced")[1].split("## Gold tables")[0]
    assert "Number of users" in not_reproduced and "Figure 3" not in not_reproduced and "topic" not in not_reproduced
    clusters = page.tables["gold-topic_clusters"]
    assert clusters[0][:5] == ["cluster", "name", "top_terms", "prompts", "conversations"]
    assert [row[3] for row in clusters[1:]] == ["5", "3", "3"]


def test_the_report_quotes_prompts_as_the_privacy_floor_allows(spark, report, tmp_path):
    """The nine-conversation gold: the one repeated first prompt occurs in 2 conversations, and no
    topic cluster has 100 conversations. The report shows the repeated prompt, but no topic
    example; with --public (privacy.public) neither, in the page, report.md and the CSV files."""
    repeated = "how do i sort a python list of dictionaries by a key in python"  # normalised PROMPTS[0]
    assert repeated in report["html"] and repeated in (report["out"] / "tables" / "repeated_prompts.csv").read_text()
    clusters = pd.read_csv(report["out"] / "tables" / "topic_clusters.csv")
    assert clusters["examples"].isna().all() and clusters["group"].notna().all()
    public = engine_config(engine_of(spark), Path(report["config"].table_root).parent,
                           "privacy.public=true", f"output_dir={tmp_path / 'public'}")
    path, _, _ = run_report(spark, public)
    for text in (path.read_text(), (path.parent / "report.md").read_text(),
                 (path.parent / "tables" / "repeated_prompts.csv").read_text()):
        assert repeated not in text and "how do i sort" not in text.lower()
    note = "no quoted prompt (topic examples, repeated prompts) occurs in fewer than 5 conversations"
    assert note in path.read_text()


def test_every_gold_table_and_the_provenance_are_in_the_page(report):
    page = parse(report["html"])
    for name in GOLD:
        assert f"gold-{name}" in page.tables, name
    per_model = page.tables["gold-conversations_per_model"]
    assert per_model[0] == ["rank", "model", "conversations", "share"]
    assert per_model[1] == ["1", "vicuna-13b", "4", "44.44%"]
    runs = {row[0]: row[1:] for row in page.tables["provenance-runs"]}
    assert runs["field"] == ["ingest", "enrich", "aggregate", "report (this run)"]
    assert runs["run_id"] == [report["run_ids"][j] for j in ("ingest", "enrich", "aggregate")] + [report["run"].run_id]
    assert runs["engine"][0] == report["config"].engine
    assert SHA in report["html"] and SHA in report["md"]
    assert {"pyspark", "pandas"} <= {row[0] for row in page.tables["provenance-packages"][1:]}
    # Self-contained: no script, no stylesheet link, every image a local file next to the page.
    assert not {"script", "link", "iframe"} & page.tags
    assert len(page.images) == len(FIGURES)
    for src in page.images:
        assert not re.match(r"^[a-z]+:", src) and (report["out"] / src).is_file(), src


def test_the_markdown_says_the_same(report):
    md = report["md"]
    images = re.findall(r"!\[[^\]]*\]\(([^)]+)\)", md)
    assert sorted(images) == sorted(f"figures/{n}.png" for n in FIGURES)
    for name in GOLD:
        assert f"### gold/{name}" in md
    for value in ("1,000,000", "210,479", "69.5 (Llama-2)", "214.5 (Llama-2)", "490,712", "7,304", "2,241",
                  "54,427", "15,925", "13,463", "not in the data", report["run_ids"]["enrich"]):
        assert value in md, value
    assert "| users | 210,479 | not in the data |" in md


def test_run_log_counts_and_stages(report):
    result = report["result"]
    assert result.rows_in == sum(report["gold_rows"].values())
    assert result.rows_out == result.rows_in  # every gold row goes to a CSV
    assert [s["stage"] for s in result.steps] == ["read gold tables", "tables: csv, md", "figures: png, svg",
                                                  "report.html, report.md"]
    assert result.steps[2]["rows"] == len(FIGURES)
    assert result.detail["figures"] == FIGURES


# --- empty, missing, rerun: engine-independent report logic, on the embedded engine only -------

embedded_only = pytest.mark.parametrize("spark", [pytest.param("embedded", id="embedded")], indirect=True)


@embedded_only
def test_a_dataset_without_any_conversation_gives_a_valid_report(spark, tmp_path):
    config = engine_config(engine_of(spark), tmp_path)
    rows = write_gold(spark, config, [], [])
    assert rows["conversations_per_model"] == 0 and rows["token_histogram"] == 0
    path, result, _ = run_report(spark, config)
    assert result.detail["figure_errors"] == {}
    page = parse(path.read_text())
    assert set(page.images) == {f"figures/{n}.png" for n in FIGURES}
    for name in FIGURES:
        assert (tmp_path / "out" / "figures" / f"{name}.png").is_file()
    for name in GOLD:
        assert f"gold-{name}" in page.tables
        assert len(pd.read_csv(tmp_path / "out" / "tables" / f"{name}.csv")) == rows[name]
    table1 = rows_by_statistic(page.tables["cmp-table1"])
    assert table1["conversations"]["ours"] == "0" and table1["users"]["paper"] == "210,479"
    assert rows_by_statistic(page.tables["cmp-figure1"])["conversations of vicuna-13b"]["ours"] == "absent"
    assert "No run log" in path.read_text()


@embedded_only
def test_no_flagged_conversation_and_a_missing_gold_table(spark, tmp_path):
    config = engine_config(engine_of(spark), tmp_path)
    clean = [conversation("a", "vicuna-13b"), conversation("b", "gpt-4", name="German", code="de", lang="de")]
    write_gold(spark, config, clean, [("a", "user", 4), ("a", "assistant", 9), ("b", "user", 7), ("b", "assistant", 1)])
    shutil.rmtree(f"{config.table_root}/gold/language_by_model")
    path, result, _ = run_report(spark, config)
    html = path.read_text()
    assert result.detail["figure_errors"] == {} and result.detail["gold_missing"] == ["language_by_model"]
    assert "gold/language_by_model does not exist" in html
    assert (tmp_path / "out" / "figures" / "language_by_model.png").is_file()  # a "no data" figure
    assert not (tmp_path / "out" / "tables" / "language_by_model.csv").exists()
    table2 = rows_by_statistic(parse(html).tables["cmp-table2"])
    assert table2["flagged (any category)"]["ours"] == "0 (0.00%)"


@embedded_only
def test_no_gold_table_at_all_is_a_one_line_error(spark, tmp_path):
    config = engine_config(engine_of(spark), tmp_path)
    with pytest.raises(ChatlakeError, match="run `chatlake aggregate` first"):
        run_report(spark, config)


@embedded_only
def test_a_rerun_replaces_what_the_last_one_wrote(spark, tmp_path):
    config = engine_config(engine_of(spark), tmp_path)
    write_gold(spark, config, CONVERSATIONS, MESSAGES)
    stale = [tmp_path / "out" / "figures" / "old.png", tmp_path / "out" / "tables" / "dropped_table.csv"]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("stale")
    run_report(spark, config)
    first = {p.name: p.read_bytes() for p in (tmp_path / "out" / "tables").iterdir()}
    svg = (tmp_path / "out" / "figures" / "jailbreak_by_model.svg").read_bytes()
    assert not any(p.exists() for p in stale)
    run_report(spark, config)
    assert first == {p.name: p.read_bytes() for p in (tmp_path / "out" / "tables").iterdir()}
    assert svg == (tmp_path / "out" / "figures" / "jailbreak_by_model.svg").read_bytes()  # same data, same bytes


# --- the real pipeline ---------------------------------------------------------------------------


@pytest.mark.slow
@embedded_only
def test_the_report_of_a_generated_dataset_matches_the_planted_statistics(spark, tmp_path):
    """run-all on a synthetic sample, then the report; its numbers against the generator's
    planted_stats.json (computed in plain Python from the rows it wrote, never with Spark)."""
    from chatlake.cli import main

    settings = ["--set", f"table_root={tmp_path / 'tables'}", "--set", f"output_dir={tmp_path / 'out'}"]
    assert main(["run-all", "--rows", "1500", "--seed", "3", "--data", str(tmp_path / "data"), *settings]) == 0
    planted = json.loads((tmp_path / "data" / "planted_stats.json").read_text())
    config = engine_config("embedded", tmp_path)
    path, result, _ = run_report(spark, config)
    page = parse(path.read_text())
    assert result.detail["figure_errors"] == {} and result.detail["gold_missing"] == []

    table1 = rows_by_statistic(page.tables["cmp-table1"])
    assert table1["conversations"]["ours"] == f"{planted['rows']:,}"
    assert table1["models"]["ours"] == f"{planted['models']:,}"
    assert table1["avg turns per conversation"]["ours"] == f"{planted['turns_sum'] / planted['rows']:.2f}"
    for role, statistic in (("user", "prompt"), ("assistant", "response")):
        mean = planted["per_role"][role]["tokens_sum"] / planted["per_role"][role]["messages"]
        assert table1[f"avg tokens per {statistic} (cl100k_base)"]["ours"].startswith(f"{mean:,.2f} ± ")
    vicuna = planted["per_model"]["vicuna-13b"]
    figure1 = rows_by_statistic(page.tables["cmp-figure1"])
    assert figure1["conversations of vicuna-13b"]["ours"].startswith(f"{vicuna['conversations']:,} (")
    jailbreak = rows_by_statistic(page.tables["cmp-jailbreak"])
    assert jailbreak["vicuna-13b: attempts"]["ours"] == f"{vicuna['attempts']:,}"
    assert jailbreak["vicuna-13b: successes"]["ours"] == f"{vicuna['successes']:,}"
    table2 = rows_by_statistic(page.tables["cmp-table2"])
    assert table2["flagged (any category)"]["ours"].startswith(f"{planted['flagged_conversations']:,} (")
    for category, count in planted["per_category"].items():
        assert table2[category]["ours"].startswith(f"{count:,} ("), category
    top_language = max(planted["per_language"].items(), key=lambda item: (item[1], [-ord(c) for c in item[0]]))[0]
    assert rows_by_statistic(page.tables["cmp-figure2"])["language ranked 1"]["ours"] == top_language
    runs = {row[0]: row[1:] for row in page.tables["provenance-runs"]}
    assert runs["field"][:3] == ["ingest", "enrich", "aggregate"] and runs["status"][:3] == ["succeeded"] * 3


# --- the page in a browser ---------------------------------------------------------------------

_CHECK_SCRIPT = """
<script>
window.addEventListener("load", function () {
  var images = Array.prototype.map.call(document.images, function (img) {
    return {src: img.getAttribute("src"), complete: img.complete, width: img.naturalWidth};
  });
  var tables = Array.prototype.map.call(document.querySelectorAll("table[id]"), function (t) {
    return {id: t.id, rows: t.rows.length};
  });
  var out = document.createElement("pre");
  out.id = "chatlake-check";
  out.textContent = JSON.stringify({images: images, tables: tables});
  document.body.appendChild(out);
});
</script>
"""


def chromium() -> str | None:
    for name in (os.environ.get("CHROMIUM", ""), "chromium", "chromium-browser", "google-chrome",
                 "google-chrome-stable"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def headless(binary: str, profile: Path, *args: str) -> subprocess.CompletedProcess:
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
             f"--user-data-dir={profile}"]
    return subprocess.run([binary, *flags, *args], capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.browser
@embedded_only  # the page does not depend on the engine that wrote the tables
def test_the_page_in_headless_chromium(report, tmp_path):
    binary = chromium()
    if binary is None:
        message = "no Chromium binary (chromium, chromium-browser, google-chrome or $CHROMIUM) on PATH"
        if os.environ.get("CHATLAKE_REQUIRE_BROWSER"):  # set in CI, where a skip would hide a missing browser
            pytest.fail(message)
        pytest.skip(message)
    out = report["out"]
    # A copy of the page with a script that records what the browser loaded; the report itself has none.
    probe = out / "_browser_check.html"
    probe.write_text(report["html"].replace("</body>", _CHECK_SCRIPT + "</body>"))
    try:
        result = headless(binary, tmp_path / "profile", "--virtual-time-budget=10000", "--dump-dom", probe.as_uri())
    finally:
        probe.unlink()
    match = re.search(r'<pre id="chatlake-check">(.*?)</pre>', result.stdout, re.S)
    assert match, f"no check output from Chromium: {result.stderr[-2000:]}"
    check = json.loads(
        match.group(1).replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    )
    assert sorted(i["src"] for i in check["images"]) == sorted(f"figures/{n}.png" for n in FIGURES)
    for image in check["images"]:
        assert image["complete"] and image["width"] > 0, image
    tables = {t["id"]: t["rows"] for t in check["tables"]}
    for table_id in ["cmp-table1", "cmp-figure1", "cmp-figure2", "cmp-table2", "cmp-jailbreak", "cmp-figure3",
                     "provenance-runs", *[f"gold-{name}" for name in GOLD]]:
        assert tables.get(table_id, 0) >= 2, table_id  # a header and at least one row

    shot = tmp_path / "report.png"
    headless(
        binary, tmp_path / "profile-shot", "--window-size=1200,3000", f"--screenshot={shot}", report["path"].as_uri()
    )
    assert shot.is_file() and shot.stat().st_size > 50_000
