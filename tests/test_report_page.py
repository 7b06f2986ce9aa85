"""The report's pure parts on hand-written pandas gold tables, without Spark: the page's sections
(tables in, blocks out), the comparisons with the paper, the figures, and hostile data (model and
language names, prompts, a table name) escaped in report.html, report.md, the Markdown tables and
the SVG figures. Expected values are written out by hand.
"""

from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from markdown_it import MarkdownIt

from chatlake.report import compare, figures, paper
from chatlake.report.document import (
    Bullets,
    Figure,
    Heading,
    Paragraph,
    Table,
    Tree,
    literal,
    render_html,
    render_markdown,
)
from chatlake.report.gold import GoldTables
from chatlake.report.page import TITLE, Page, PageSettings, figure_specs, page_blocks, page_subtitle
from chatlake.report.write import draw_figures, prepare_output, write_gold_files, write_pages
from chatlake.results import RunInfo

RUN = RunInfo("report", run_id="run-of-the-report", started_at=datetime(2024, 5, 1, 12, 30, tzinfo=UTC))
SETTINGS = PageSettings(
    token_counters=("cl100k_base",), topic_method="TF-IDF and k-means (k = 2)", table_root="/data/tables",
    engine="embedded", table_format="delta", config_hash="ab" * 32, chatlake_version="9.9.9",
    packages={"pandas": "2.2.0"},
)


def hand_gold(models=("vicuna-13b", "gpt-4"), languages=("English", "Portuguese"),
              prompt="How do I sort a list in python? rows.sort(key=len)", **fields) -> GoldTables:
    """Every reported gold table of three conversations, written out: model A has two (one
    flagged, a jailbreak attempt without success), model B one; language A two, B one; two topic
    clusters, the first named after `prompt`. `fields` replace GoldTables' other fields."""
    a, b = models
    first, second = languages
    third, two_thirds = 1 / 3, 2 / 3
    tables = {
        "basic_stats": pd.DataFrame({
            "counter": ["cl100k_base"], "conversations": [3], "models": [2], "users": ["not in the data"],
            "languages_released": [2], "languages_fasttext": [2], "avg_turns": [4 / 3], "prompts": [4],
            "avg_prompt_tokens": [12.5], "std_prompt_tokens": [2.5], "responses": [4], "avg_response_tokens": [100.0],
            "std_response_tokens": [10.0],
        }),
        "conversations_per_model": pd.DataFrame({"rank": [1, 2], "model": [a, b], "conversations": [2, 1],
                                                 "share": [two_thirds, third]}),
        "top_languages": pd.DataFrame({
            "rank": [1, 2], "released_language": [first, second], "released_conversations": [2, 1],
            "released_share": [two_thirds, third], "fasttext_language": ["en", "pt"], "fasttext_name": [first, second],
            "fasttext_conversations": [2, 1], "fasttext_share": [two_thirds, third],
        }),
        "moderation_by_category": pd.DataFrame({
            "model": ["(all)", a, b], "conversations": [3, 2, 1], "flagged": [1, 1, 0],
            "flagged_share": [third, 0.5, 0.0], "sexual": [1, 1, 0], "harassment": [0, 0, 0], "violence": [0, 0, 0],
            "hate": [0, 0, 0], "self_harm": [0, 0, 0],
        }),
        "jailbreak_by_model": pd.DataFrame({
            "model": ["(all)", a, b], "conversations": [3, 2, 1], "attempts": [1, 1, 0], "successes": [0, 0, 0],
            "attempt_rate": [third, 0.5, 0.0], "attempt_rate_low": [0.06, 0.09, 0.0],
            "attempt_rate_high": [0.79, 0.91, 0.79], "success_rate": [0.0, 0.0, math.nan],
            "success_rate_low": [0.0, 0.0, math.nan], "success_rate_high": [0.79, 0.79, math.nan],
        }),
        "turns_distribution": pd.DataFrame({"turns": [1, 2], "conversations": [2, 1], "share": [two_thirds, third],
                                            "cumulative_share": [two_thirds, 1.0]}),
        "token_quantiles": pd.DataFrame({
            "counter": ["cl100k_base"] * 2, "role": ["prompt", "response"], "messages": [4, 4], "mean": [12.5, 100.0],
            "min": [10, 90], "p50": [12.0, 100.0], "p90": [15.0, 110.0], "p99": [15.0, 110.0], "p999": [15.0, 110.0],
            "max": [15, 110],
        }),
        "token_histogram": pd.DataFrame({"counter": ["cl100k_base"] * 2, "role": ["prompt", "response"],
                                         "bin": [4, 7], "tokens_low": [8, 64], "tokens_high": [16, 128],
                                         "messages": [4, 4]}),
        "response_length_by_model": pd.DataFrame({"model": [a, b], "responses": [3, 1], "mean": [100.0, 100.0],
                                                  "p50": [100.0, 100.0], "p90": [110.0, 100.0],
                                                  "p99": [110.0, 100.0]}),
        "language_by_model": pd.DataFrame({"model": [a, a, b], "language": [first, second, first],
                                           "conversations": [1, 1, 1], "share": [0.5, 0.5, 1.0]}),
        "language_agreement": pd.DataFrame({
            "rank": [1, 2], "language_name": [first, second], "language_code": ["en", "pt"], "conversations": [2, 1],
            "agreeing": [2, 1], "agreement_rate": [1.0, 1.0], "conversations_long": [2, 1], "agreeing_long": [2, 1],
            "agreement_rate_long": [1.0, 1.0],
        }),
        "redaction": pd.DataFrame({"conversations": [3], "redacted": [1], "redacted_share": [third],
                                   "name_placeholders": [2]}),
        "topic_clusters": pd.DataFrame({
            "cluster": [0, 1], "name": [prompt, "recipe, garlic, soup"], "top_terms": [prompt, "recipe, garlic, soup"],
            "prompts": [3, 1], "conversations": [2, 1], "prompt_share": [0.75, 0.25],
            "conversation_share": [two_thirds, third], "templated_share": [0.0, 0.0], "code_share": [2 / 3, 0.0],
            "examples": [f"{prompt} | {prompt}", "A soup recipe with garlic, please"],
        }),
    }
    return GoldTables(tables, **{"versions": {name: 1 for name in tables}, **fields})


def page_of(gold: GoldTables, errors: dict[str, str] | None = None, settings: PageSettings = SETTINGS) -> Page:
    return Page(gold, tuple(figure_specs(gold.tables, settings.token_counters)), errors or {}, settings, RUN)


def tables_by_id(blocks) -> dict[str, pd.DataFrame]:
    return {b.table_id: b.frame for b in blocks if isinstance(b, Table)}


def comparison_rows(blocks, table_id: str) -> dict[str, dict[str, str]]:
    return tables_by_id(blocks)[table_id].set_index("statistic").to_dict("index")


def texts_of(blocks, kind: str = "") -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph) and b.kind == kind]


# --- the page: tables in, blocks out ------------------------------------------------------------


def test_the_page_is_its_sections_in_order():
    blocks = page_blocks(page_of(hand_gold()))
    assert [(b.text, b.anchor) for b in blocks if isinstance(b, Heading) and b.level == 2] == [
        ("Overview", "overview"), ("Basic statistics (paper Table 1)", "table1"),
        ("Conversations per model (paper Figure 1)", "figure1"), ("Languages (paper Figure 2)", "figure2"),
        ("Moderation (paper Table 2)", "table2"), ("Jailbreaks", "jailbreak"),
        ("Turns and message lengths", "lengths"),
        ("Languages in depth and trust in the language tags", "languages-depth"), ("Redaction", "redaction"),
        ("Topics (paper Figure 3)", "figure3"), ("Repetition", "repetition"),
        ("Use-case datasets (paper section 4)", "usecases"),
        ("Not reproduced", "not-reproduced"), ("Gold tables", "gold"), ("Provenance", "provenance"),
    ]
    assert [b.path for b in blocks if isinstance(b, Figure)] == [
        "figures/conversations_per_model.png", "figures/top_languages.png", "figures/language_agreement.png",
        "figures/language_by_model.png", "figures/moderation_by_category.png", "figures/moderation_by_model.png",
        "figures/jailbreak_by_model.png", "figures/turns_distribution.png", "figures/token_histogram_cl100k_base.png",
        "figures/response_length_by_model.png", "figures/tokenizer_tax.png", "figures/language_tag_trust.png",
        "figures/topic_distribution.png", "figures/prompt_repetition.png",
    ]
    assert list(tables_by_id(blocks)) == [
        "cmp-table1", "cmp-figure1", "cmp-figure2", "cmp-table2", "cmp-jailbreak", "summary-token-quantiles",
        "summary-redaction", "cmp-figure3", "gold-basic_stats", "gold-conversations_per_model", "gold-top_languages",
        "gold-moderation_by_category", "gold-jailbreak_by_model", "gold-turns_distribution", "gold-token_quantiles",
        "gold-token_histogram", "gold-response_length_by_model", "gold-language_by_model",
        "gold-language_agreement", "gold-redaction", "gold-topic_clusters", "provenance-runs",
        "provenance-packages",
    ]
    assert page_subtitle(page_of(hand_gold())) == (
        "Generated 2024-05-01 12:30 UTC by chatlake 9.9.9, report run run-of-the-report.")


def test_the_safety_benchmark_is_shown_or_noted_missing():
    def usecase_blocks(gold):
        blocks = page_blocks(page_of(gold))
        start = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.anchor == "usecases")
        end = next(i for i, b in enumerate(blocks) if isinstance(b, Heading) and b.anchor == "not-reproduced")
        return blocks[start + 1:end]

    missing = usecase_blocks(hand_gold())
    assert [b.text for b in missing if isinstance(b, Paragraph) and b.kind == "note"] == [
        "No gold/safety_benchmark: `chatlake aggregate` has not run since it was added."]
    benchmark = pd.DataFrame({
        "model_rank": [1, 1], "model": ["vicuna-13b", "vicuna-13b"], "model_attempts": [7, 7], "rank": [1, 2],
        "conversation_id": ["c1", "c2"], "max_user_score": [0.99, 0.9], "top_category": ["sexual", "hate"],
        "responses": [1, 3], "flagged_responses": [1, 1], "model_flagged_response_rate": [0.5, 0.5],
    })
    gold = hand_gold()
    shown = usecase_blocks(GoldTables(**{**gold.__dict__, "tables": {**gold.tables, "safety_benchmark": benchmark}}))
    table = tables_by_id(shown)["summary-safety_benchmark"]
    (block,) = [b for b in shown if isinstance(b, Table)]
    assert list(table["conversation_id"]) == ["c1", "c2"] and "gold/safety_benchmark" in block.caption


def test_the_comparisons_of_hand_written_tables():
    blocks = page_blocks(page_of(hand_gold()))
    table1 = comparison_rows(blocks, "cmp-table1")
    assert (table1["conversations"]["ours"], table1["models"]["ours"]) == ("3", "2")
    assert table1["avg turns per conversation"]["ours"] == "1.33"
    assert table1["avg tokens per prompt (cl100k_base)"]["ours"] == "12.50 ± 2.50 (cl100k_base)"
    figure1 = comparison_rows(blocks, "cmp-figure1")
    assert figure1["conversations of vicuna-13b"]["ours"] == "2 (66.67%)"
    assert figure1["conversations of gpt-4"]["ours"] == "1 (33.33%)"
    assert figure1["conversations of claude-2"]["ours"] == "absent"
    assert (figure1["model ranked 1"]["ours"], figure1["model ranked 1"]["note"]) == ("vicuna-13b", "same")
    assert (figure1["model ranked 2"]["ours"], figure1["model ranked 2"]["note"]) == ("gpt-4", "differs")
    figure2 = comparison_rows(blocks, "cmp-figure2")
    assert figure2["language ranked 2"]["ours"] == "Portuguese" and figure2["language ranked 2"]["note"] == (
        "same; fastText at this rank: Portuguese")
    assert figure2["English share of conversations"]["ours"] == "66.67%"
    assert comparison_rows(blocks, "cmp-table2")["flagged (any category)"]["ours"] == "1 (33.33%)"
    jailbreak = comparison_rows(blocks, "cmp-jailbreak")
    assert jailbreak["vicuna-13b: attempt rate"]["ours"] == "50.00% [9.00%, 91.00%]"
    assert jailbreak["gpt-4: success rate"]["ours"] == "–"
    figure3 = comparison_rows(blocks, "cmp-figure3")
    assert figure3["coding and software clusters"]["ours"] == "1 of 2 (75.00% of prompts)"
    assert figure3["sample"]["ours"] == "3 English conversations, 4 prompts"
    assert figure3["sample"]["note"] == "TF-IDF and k-means (k = 2)"


def test_notes_for_a_missing_table_a_stale_one_and_a_failed_figure():
    gold = hand_gold(missing=("language_by_model",), stale={"redaction": "run-before"})
    del gold.tables["language_by_model"], gold.tables["redaction"]
    blocks = page_blocks(page_of(gold, errors={"top_languages": "ValueError: no axis"}))
    assert texts_of(blocks, "note")[:3] == [
        "Figures that could not be drawn: top_languages.",
        "gold/redaction was left out: an earlier aggregate run (run-before) wrote it, not the run that wrote the "
        "other gold tables. `chatlake aggregate` rewrites it.",
        "Users: the released rows carry no user id (nor IP address), so the number of users cannot be recomputed "
        "from them; the paper counted users from data it did not release.",
    ]
    assert "This figure could not be drawn: ValueError: no axis" in texts_of(blocks, "note")
    assert "No redaction statistics: gold/redaction is missing or counts no conversation." in texts_of(blocks, "note")
    assert "gold/language_by_model does not exist: run `chatlake aggregate`." in texts_of(blocks, "note")
    overview = next(b for b in blocks if isinstance(b, Bullets))
    assert overview.items[2] == "gold tables read: 11; missing: language_by_model"  # 13 less 2
    assert overview.items[3] == "tables at /data/tables"
    assert "gold-language_by_model" not in tables_by_id(blocks)


def test_redaction_is_told_in_a_sentence():
    blocks = page_blocks(page_of(hand_gold()))
    assert ("33.33% of conversations are marked `redacted` (person names replaced by NAME_1, NAME_2, ...); their "
            "messages hold 2 NAME_k placeholders. The paper gives no count to compare with.") in texts_of(blocks)


def test_one_token_histogram_per_counter_the_configured_primary_first():
    gold = hand_gold()
    two = pd.concat([gold.tables["basic_stats"], gold.tables["basic_stats"].assign(counter="o200k_base")])
    gold.tables["basic_stats"] = two
    settings = PageSettings(token_counters=("o200k_base", "cl100k_base"))
    names = [spec.name for spec in figure_specs(gold.tables, settings.token_counters)]
    assert names[-3:] == ["token_histogram_o200k_base", "token_histogram_cl100k_base", "response_length_by_model"]
    blocks = page_blocks(page_of(gold, settings=settings))
    assert [b.path for b in blocks if isinstance(b, Figure) and "token_histogram" in b.path] == [
        "figures/token_histogram_o200k_base.png", "figures/token_histogram_cl100k_base.png"]
    assert "Tokens per response by model (o200k_base)." in [b.caption for b in blocks if isinstance(b, Figure)]


def test_provenance_without_a_run_log():
    blocks = page_blocks(page_of(hand_gold()))
    assert "No run log (ops/runs) found: the tables' origin is not recorded." in texts_of(blocks, "note")
    runs = tables_by_id(blocks)["provenance-runs"].set_index("field")
    assert runs["report (this run)"].to_dict() == {
        "run_id": "run-of-the-report", "status": "running", "finished_at": "", "duration_s": "–",
        "engine": "embedded", "engine_version": "", "config_hash": "abababababababab",
        "input": "/data/tables/gold", "input_table_version": "–", "rows_in": "–", "rows_out": "–",
    }
    assert tables_by_id(blocks)["provenance-packages"].to_dict("records") == [{"package": "pandas", "report": "2.2.0"}]
    assert texts_of(blocks)[-1] == (
        f"Report settings: engine embedded, format delta, config hash {'ab' * 32}, chatlake 9.9.9.")


def test_provenance_of_two_runs_with_different_settings():
    runs = pd.DataFrame({
        "job": ["ingest", "aggregate"], "run_id": ["run-i", "run-a"], "status": ["succeeded", "succeeded"],
        "finished_at": [pd.Timestamp("2024-04-30 08:00:05"), pd.NaT], "duration_s": [5.0, 7.5],
        "engine": ["embedded", "local"], "engine_version": ["sail 0.7.2", "spark 4.1.3"],
        "config_hash": ["1" * 64, "2" * 64], "input": ["data/", "/data/tables/silver/conversations"],
        "input_table_version": [None, 3], "rows_in": [10, 3], "rows_out": [3, 40],
        "packages": [json.dumps({"pandas": "2.1.0"}), json.dumps({"pandas": "2.2.0", "scikit-learn": "1.5.0"})],
        "models": ["{}", json.dumps({"topics": {"backend": "tfidf", "files": [{"sha256": "f00d"}]}})],
    })
    blocks = page_blocks(page_of(hand_gold(runs=runs)))
    notes = texts_of(blocks, "note")
    assert "No run of enrich in ops/runs." in notes
    assert "The jobs ran with different settings (config hashes differ)." in notes
    view = tables_by_id(blocks)["provenance-runs"].set_index("field")
    assert list(view.columns) == ["ingest", "aggregate", "report (this run)"]
    assert view.loc["finished_at"].tolist() == ["2024-04-30 08:00:05 UTC", "", ""]
    assert view.loc["input_table_version"].tolist() == ["–", "3", "–"]
    assert tables_by_id(blocks)["provenance-packages"].to_dict("records") == [
        {"package": "pandas", "ingest": "2.1.0", "aggregate": "2.2.0", "report": "2.2.0"},
        {"package": "scikit-learn", "ingest": "–", "aggregate": "1.5.0", "report": "–"},
    ]
    assert tables_by_id(blocks)["provenance-models"].to_dict("records") == [
        {"job": "aggregate", "model": "topics", "field": "backend", "value": "tfidf"},
        {"job": "aggregate", "model": "topics", "field": "files.0.sha256", "value": "f00d"},
    ]


def test_prose_shows_code_spans_and_data_as_it_is():
    value = "`x` <b>*y*</b> a\\b"
    block = Paragraph(f"ours `chatlake aggregate`, and the data {literal(value)}")
    assert render_html("t", "s", [block]).count(
        "<p>ours <code>chatlake aggregate</code>, and the data `x` &lt;b&gt;*y*&lt;/b&gt; a\\b</p>") == 1
    assert render_markdown("t", "s", [block]).splitlines()[4] == (
        "ours `chatlake aggregate`, and the data \\`x\\` &lt;b&gt;\\*y\\*&lt;/b&gt; a\\\\b")


# --- hostile data -------------------------------------------------------------------------------

MODELS = ('<script>alert("model")</script> | `x` **bold**',
          "<img src=x onerror=alert(1)>\n[click](javascript:alert(2)) _em_ ~~gone~~ $x_1$")
LANGUAGES = ("<svg onload=alert(3)>", "</td></tr></table><b>|Tamil|</b> &lt;i&gt; \\| \\`")
PROMPT = "```html\n<script>alert(4)</script>\n``` <iframe src=javascript:alert(5)> [x](javascript:alert(6))"
EXTRA_TABLE = "extra<b onmouseover=alert(7)>"

# Every tag the page itself uses, in report.html and in report.md rendered by a renderer that
# lets raw HTML through; the data must add none.
PAGE_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "p", "nav", "ol", "ul", "li",
             "a", "figure", "img", "figcaption", "div", "table", "caption", "thead", "tbody", "tr", "th", "td", "code",
             "details", "summary", "strong", "blockquote"}


class _Page(HTMLParser):
    """Every tag with its attributes, the cells of every table (as text) in order, and all text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.tables: list[list[list[str]]] = []
        self.text: list[str] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1][-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        self.text.append(data)
        if self._cell is not None:
            self._cell.append(data)


def parsed(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def assert_no_live_markup_from_the_data(html: str) -> _Page:
    page = parsed(html)
    assert {tag for tag, _ in page.tags} <= PAGE_TAGS
    for tag, attrs in page.tags:
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src"):
            assert not (attrs.get(name) or "").lower().startswith(("javascript:", "data:")), (tag, attrs)
    return page


def table_with_header(page: _Page, header: list[str]) -> list[list[str]]:
    return next(table for table in page.tables if table and table[0] == header)


def markdown_cells(line: str) -> int:
    """The cells of a Markdown table row: its unescaped pipes, less one."""
    pipes, escaped = 0, False
    for char in line:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "|":
            pipes += 1
    return pipes - 1


def assert_markdown_tables_keep_their_columns(markdown: str) -> int:
    """Every row of every table has its header's number of cells; returns the tables seen."""
    tables, columns = 0, None
    for line in markdown.splitlines():
        if not line.startswith("| "):
            columns = None
            continue
        if columns is None:
            columns, tables = markdown_cells(line), tables + 1
        assert markdown_cells(line) == columns, line
    return tables


@pytest.fixture(scope="module")
def hostile_report(tmp_path_factory) -> Path:
    """The report's files from gold tables full of hostile names, written the way the job writes
    them (figures, tables, pages), without reading any table."""
    out = prepare_output(str(tmp_path_factory.mktemp("hostile")))
    gold = hand_gold(models=MODELS, languages=LANGUAGES, prompt=PROMPT)
    gold.tables[EXTRA_TABLE] = pd.DataFrame({"prompt": [PROMPT], "model": [MODELS[1]]})
    specs = figure_specs(gold.tables, SETTINGS.token_counters)
    errors = draw_figures(out, specs)
    assert errors == {}
    write_gold_files(out, gold.tables)
    page = Page(gold, tuple(specs), errors, SETTINGS, RUN)
    write_pages(out, TITLE, page_subtitle(page), page_blocks(page))
    return out


def test_report_html_escapes_every_hostile_value(hostile_report):
    html = (hostile_report / "report.html").read_text()
    for raw in ("<script", "<svg", "<iframe", "<b>", "<b ", "</td></tr></table><b>"):
        assert raw not in html, raw
    page = assert_no_live_markup_from_the_data(html)
    per_model = table_with_header(page, ["rank", "model", "conversations", "share"])
    assert per_model[1:] == [["1", MODELS[0], "2", "66.67%"], ["2", MODELS[1], "1", "33.33%"]]
    languages = table_with_header(page, ["rank", "language_name", "language_code", "conversations", "agreeing",
                                         "agreement_rate", "conversations_long", "agreeing_long",
                                         "agreement_rate_long"])
    assert [row[1] for row in languages[1:]] == list(LANGUAGES)
    # Comparison cells are prose: a value's backticks stay text there too.
    figure1 = {row[0]: row for row in page.tables[1]}  # cmp-table1, cmp-figure1, cmp-figure2
    assert (figure1["model ranked 1"][2], figure1["model ranked 2"][2]) == MODELS
    figure2 = {row[0]: row for row in page.tables[2]}
    assert figure2["language ranked 2"][2] == LANGUAGES[1]
    assert figure2["language ranked 1"][3] == f"differs; fastText at this rank: {LANGUAGES[0]}"
    assert f"gold/{EXTRA_TABLE}" in page.text  # its heading
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert "tables/extra%3Cb%20onmouseover%3Dalert%287%29%3E.csv" in links


def test_report_md_escapes_every_hostile_value(hostile_report):
    markdown = (hostile_report / "report.md").read_text()
    assert not re.search(r"<[A-Za-z/!?]", markdown), re.search(r".{0,40}<[A-Za-z/!?].{0,40}", markdown).group()
    assert assert_markdown_tables_keep_their_columns(markdown) >= 20
    # Rendered by a CommonMark renderer that lets raw HTML through (as many do), nothing is live
    # and every value reads as it was written (line breaks as spaces).
    rendered = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(markdown)
    page = assert_no_live_markup_from_the_data(rendered)
    assert not {"em", "s", "del"} & {tag for tag, _ in page.tags}
    per_model = table_with_header(page, ["rank", "model", "conversations", "share"])
    assert per_model[1:] == [["1", MODELS[0], "2", "66.67%"], ["2", MODELS[1].replace("\n", " "), "1", "33.33%"]]
    clusters = table_with_header(page, ["cluster", "name", "top_terms", "prompts", "conversations", "prompt_share",
                                        "conversation_share", "templated_share", "code_share", "examples"])
    assert clusters[1][1] == PROMPT.replace("\n", " ")
    figure1 = {row[0]: row for row in page.tables[1]}  # cmp-table1, cmp-figure1, cmp-figure2
    assert (figure1["model ranked 1"][2], figure1["model ranked 2"][2]) == (MODELS[0], MODELS[1].replace("\n", " "))
    figure2 = {row[0]: row for row in page.tables[2]}
    assert figure2["language ranked 2"][2] == LANGUAGES[1]
    assert figure2["language ranked 1"][3] == f"differs; fastText at this rank: {LANGUAGES[0]}"
    assert f"gold/{EXTRA_TABLE}" in "".join(page.text)  # its heading
    links = [attrs["href"] for tag, attrs in page.tags if tag == "a"]
    assert "tables/extra%3Cb%20onmouseover%3Dalert%287%29%3E.csv" in links


def test_markdown_tables_files_keep_their_columns(hostile_report):
    for path in sorted((hostile_report / "tables").glob("*.md")):
        text = path.read_text()
        assert not re.search(r"<[A-Za-z/!?]", text), path.name
        assert assert_markdown_tables_keep_their_columns(text) == 1, path.name
    assert (hostile_report / "tables" / f"{EXTRA_TABLE}.csv").is_file()


def test_svg_figures_draw_names_as_text(hostile_report):
    svgs = sorted((hostile_report / "figures").glob("*.svg"))
    assert len(svgs) == 14
    drawn = []  # the text of every <text> element: what the figure shows
    for path in svgs:
        text = path.read_text()
        assert "<script" not in text and "<img" not in text and "<svg onload" not in text, path.name
        for element in ET.fromstring(text).iter():
            tag = element.tag.rsplit("}", 1)[-1]
            assert tag not in ("script", "foreignObject", "iframe"), (path.name, tag)
            assert not [name for name in element.attrib if name.lower().startswith("on")], (path.name, element.attrib)
            if tag == "text":
                drawn.append("".join(element.itertext()))
    assert '<script>alert("model")</script> | `x` **bold**' in drawn  # a tick label, escaped in the file
    # Mathtext is off: `$x_1$` in a model name is drawn as written, not as a subscript.
    assert "[click](javascript:alert(2)) _em_ ~~gone~~ $x_1$" in drawn


# --- comparisons and figures ---------------------------------------------------------------------


def test_figures_of_empty_frames_say_no_data():
    empty = pd.DataFrame()
    for fig in (
        figures.conversations_per_model_figure(empty), figures.top_languages_figure(empty),
        figures.moderation_categories_figure(empty), figures.moderation_by_model_figure(empty),
        figures.jailbreak_figure(empty), figures.turns_figure(empty), figures.token_histogram_figure(empty, empty, "x"),
        figures.response_length_figure(empty, "x"), figures.language_by_model_figure(empty),
        figures.language_agreement_figure(empty), figures.topic_distribution_figure(empty),
        figures.tokenizer_tax_figure(empty), figures.language_tag_trust_figure(empty),
        figures.prompt_repetition_figure(empty),
    ):
        texts = [t.get_text() for ax in fig.axes for t in ax.texts]
        assert any(t.startswith("no data") for t in texts)


def test_the_language_figures_draw_the_table_values():
    depth = pd.DataFrame({
        "counter": ["cl100k_base", "cl100k_base", "llama2", "llama2"], "rank": [1, 2, 1, 2],
        "language": ["en", "zh", "en", "zh"], "conversations": [30, 10, 30, 10],
        "prompt_tokens_per_1k_chars": [250.0, 800.0, 280.0, 1100.0],
    })
    fig = figures.tokenizer_tax_figure(depth)
    (ax,) = fig.axes
    # rank 1 (en) on top: bars are drawn bottom-up, zh then en, per counter
    assert [round(p.get_width(), 1) for p in ax.patches] == [800.0, 250.0, 1100.0, 280.0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Chinese (zh, n=10)", "English (en, n=30)"]
    trust = pd.DataFrame({
        "dimension": ["prompt_length", "prompt_length", "language"], "bin": [1, 0, 1],
        "chars_low": [20, 0, None], "chars_high": [None, 20, None], "conversations": [8, 2, 10],
        "unreliable_share": [0.125, 0.5, 0.1], "agreement_rate": [1.0, 0.0, 0.9],
    })
    (ax,) = figures.language_tag_trust_figure(trust).axes
    assert [round(p.get_height(), 1) for p in ax.patches] == [50.0, 12.5, 0.0, 100.0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["0-19\nn=2", "20+\nn=8"]


REPETITION = pd.DataFrame({
    "model": ["vicuna-13b", "(all)", "gpt-4", "koala-13b"], "conversations": [6, 10, 1, 3],
    "repeated": [3, 4, 0, 1], "repeated_share": [0.5, 0.4, 0.0, 1 / 3],
    "near_duplicate": [4, 6, 1, 1], "near_duplicate_share": [4 / 6, 0.6, 1.0, 1 / 3],
})
NEAR_SUMMARY = pd.DataFrame({
    "conversations": [10], "distinct_prompts": [8], "considered": [7], "near_duplicate_pairs": [2],
    "prompts_with_near_duplicate": [3], "shingle": ["word"], "shingle_size": [2], "bands": [10], "rows": [3],
    "threshold": [0.7],
})


def test_the_repetition_figure_draws_the_shares_per_model():
    (ax,) = figures.prompt_repetition_figure(REPETITION, NEAR_SUMMARY, top=2).axes
    # (all) on top, then the two models with most conversations; bars bottom-up, exact then near.
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "koala-13b (n=3)", "vicuna-13b (n=6)", "(all) (n=10)"]
    assert [round(p.get_width(), 2) for p in ax.patches] == [33.33, 50.0, 40.0, 33.33, 66.67, 60.0]
    assert ax.get_title() == "2 near-duplicate pairs among 7 distinct prompts (word 2-gram Jaccard >= 0.7)"
    (ax,) = figures.prompt_repetition_figure(REPETITION, None).axes
    assert [round(p.get_width(), 2) for p in ax.patches] == [0.0, 33.33, 50.0, 40.0]
    assert ax.get_title() == "near-duplicates not computed (repetition.near_duplicates = false)"


def test_the_repetition_section_shows_the_near_duplicates_when_computed():
    gold = hand_gold()
    with_near = GoldTables({**gold.tables, "prompt_repetition_by_model": REPETITION,
                            "near_duplicates": NEAR_SUMMARY})
    blocks = page_blocks(page_of(with_near))
    ids = list(tables_by_id(blocks))
    assert {"summary-prompt_repetition_by_model", "summary-near_duplicates"} <= set(ids)
    assert any("found by MinHash with LSH banding" in t for t in texts_of(blocks))
    blocks = page_blocks(page_of(GoldTables({**gold.tables, "prompt_repetition_by_model": REPETITION})))
    assert "summary-near_duplicates" not in tables_by_id(blocks)
    assert any("were not computed: repetition.near_duplicates is off" in t for t in texts_of(blocks))


def test_paper_wilson_intervals_match_the_published_counts():
    rates = paper.jailbreak_rates().set_index("model")
    assert rates.loc["gpt-4", "attempts"] == 368 and rates.loc["claude-2", "successes"] == 18
    z = 1.959963984540054
    n, k = 7304, 368
    p = k / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    assert rates.loc["gpt-4", "attempt_rate_low"] == pytest.approx(centre - half)
    assert rates.loc["gpt-4", "attempt_rate_high"] == pytest.approx(centre + half)
    assert math.isnan(paper.wilson(0, 0)[0])


def test_coding_clusters_are_told_by_the_code_in_their_prompts_not_by_their_words():
    """Hand-written clusters: coding when at least 10% of the prompts show code, templated (which
    goes first) when at least half open alike; top terms full of programming words do not count."""
    clusters = pd.DataFrame({
        "cluster": [0, 1, 2, 3, 4],
        "name": ["python, pandas, code", "chemical, article, safety", "recipe, garlic", "sql, query", "java, class"],
        "top_terms": ["python, pandas, code", "chemical, article, safety", "recipe, garlic", "sql, query",
                      "java, class"],
        "prompts": [40, 30, 20, 6, 4],
        "conversations": [30, 30, 15, 5, 4],
        "prompt_share": [0.4, 0.3, 0.2, 0.06, 0.04],
        "conversation_share": [0.375, 0.375, 0.1875, 0.0625, 0.05],
        "templated_share": [0.0, 0.9, 0.0, None, 0.6],
        "code_share": [0.35, 0.0, 0.02, 0.1, 0.5],
    })
    assert compare.topic_kinds(clusters) == {0: "coding", 1: "templated", 2: "other", 3: "coding", 4: "templated"}
    assert set(compare.topic_kinds(clusters.assign(code_share=0.0)).values()) == {"templated", "other"}
    rows = compare.topics_comparison(clusters).set_index("statistic")
    assert rows.loc["coding and software clusters", "ours"] == "2 of 5 (46.00% of prompts)"
    assert rows.loc["coding and software clusters", "note"].endswith(": 0: python, pandas, code; 3: sql, query")
    # A table written before code_share existed: no coding cluster, and the comparison says why.
    older = compare.topics_comparison(clusters.drop(columns=["code_share"])).set_index("statistic")
    assert older.loc["coding and software clusters", "ours"].startswith("unknown: this gold/topic_clusters has no")


def test_a_model_missing_from_our_data_is_absent_not_zero():
    per_model = pd.DataFrame({"rank": [1], "model": ["koala-13b"], "conversations": [3], "share": [1.0]})
    rows = compare.models_comparison(per_model).set_index("statistic")
    assert rows.loc["conversations of gpt-4", "ours"] == "absent"
    assert rows.loc["model ranked 1", "note"] == "differs" and rows.loc["model ranked 2", "ours"] == "–"


def test_conversations_of_no_model_rank_as_such():
    per_model = pd.DataFrame(
        {"rank": [1, 2], "model": [None, "vicuna-13b"], "conversations": [5, 3], "share": [0.6, 0.4]}
    )
    rows = compare.models_comparison(per_model).set_index("statistic")
    assert rows.loc["model ranked 1", "ours"] == "(no model)" and rows.loc["model ranked 2", "ours"] == "vicuna-13b"


def grouped_clusters(group_name: str = "code, python") -> pd.DataFrame:
    """Four hand-written clusters in two groups: 0 and 2 (coding), 1 and 3 (everyday)."""
    return pd.DataFrame({
        "cluster": [0, 1, 2, 3], "name": ["python, pandas", "recipe, soup", "sql, query", "hotel, trip"],
        "top_terms": ["python, pandas", "recipe, soup", "sql, query", "hotel, trip"], "prompts": [40, 30, 20, 10],
        "conversations": [30, 25, 15, 8], "prompt_share": [0.4, 0.3, 0.2, 0.1],
        "conversation_share": [0.4, 0.3, 0.2, 0.1], "templated_share": [0.0] * 4, "code_share": [0.5, 0.0, 0.4, 0.0],
        "examples": [None] * 4, "group": [0, 1, 0, 1], "group_name": [group_name, "recipe, hotel", group_name,
                                                                      "recipe, hotel"],
        "examples_min_conversations": [None] * 4,
    })


def test_the_topics_show_as_a_tree_of_groups_and_their_clusters():
    gold = hand_gold()
    gold.tables["topic_clusters"] = grouped_clusters()
    settings = PageSettings(**{**SETTINGS.__dict__, "privacy_note": "Example prompts are shown only for ..."})
    blocks = page_blocks(page_of(gold, settings=settings))
    tree = next(b for b in blocks if isinstance(b, Tree))
    assert tree.tree_id == "topic-tree"
    assert tree.nodes == [
        ("group 0: code, python (60.00% of prompts, 2 clusters)",
         ["cluster 0: python, pandas (40.00%)", "cluster 2: sql, query (20.00%)"]),
        ("group 1: recipe, hotel (40.00% of prompts, 2 clusters)",
         ["cluster 1: recipe, soup (30.00%)", "cluster 3: hotel, trip (10.00%)"]),
    ]
    topics = blocks[blocks.index(tree) + 1:]
    assert isinstance(topics[0], Paragraph) and topics[0].text == "Example prompts are shown only for ..."
    markdown = render_markdown("t", "s", [tree])
    assert ("- group 0: code, python (60.00% of prompts, 2 clusters)\n"
            "  - cluster 0: python, pandas (40.00%)\n") in markdown
    html = render_html("t", "s", [tree])
    assert ('<ul class="tree" id="topic-tree"><li>group 0: code, python (60.00% of prompts, 2 clusters)<ul>'
            "<li>cluster 0: python, pandas (40.00%)</li>") in html


def test_a_hostile_group_name_stays_text_in_the_tree():
    gold = hand_gold()
    gold.tables["topic_clusters"] = grouped_clusters(group_name="<b>x</b>, `code`")
    tree = next(b for b in page_blocks(page_of(gold)) if isinstance(b, Tree))
    html = render_html("t", "s", [tree])
    assert "<b>" not in html and "&lt;b&gt;x&lt;/b&gt;, `code`" in html


def test_topic_clusters_without_groups_get_a_note_instead_of_a_tree():
    blocks = page_blocks(page_of(hand_gold()))  # hand_gold's clusters were written before groups
    assert not any(isinstance(b, Tree) for b in blocks)
    assert any(isinstance(b, Paragraph) and b.text.startswith("No topic groups") for b in blocks)
