"""The privacy floor (`chatlake.privacy`): which prompts the gold tables and the report quote.

Hand-written prompts and tables with the expected counts written out; the Spark side (gold/
repeated_prompts) on each engine; the `--public` flag of the jobs without running them.
"""

from __future__ import annotations

import pandas as pd
import pytest

from chatlake import privacy
from chatlake.config import PrivacySettings, RepetitionSettings, TopicSettings
from chatlake.repetition import first_prompts, repetition_tables
from chatlake.text.prompts import normalise
from chatlake.topics import topic_frames
from conftest import keyed_conversations

PUBLIC = PrivacySettings(public=True)
# Clusters of any size show examples: the rule under test is the public one.
PUBLIC_ANY_CLUSTER = PrivacySettings(public=True, min_cluster_conversations=1)
PRIVATE_ANY_CLUSTER = PrivacySettings(min_cluster_conversations=1)


def test_the_defaults_are_the_issues_floor():
    settings = PrivacySettings()
    assert (settings.min_cluster_conversations, settings.public_min_conversations, settings.public) == (100, 5, False)


def test_conversations_per_prompt_counts_distinct_conversations_of_one_normalised_form():
    texts = ["Hi there", "hi, THERE!", "something else", "Hi there", "!!", "Hi there"]
    ids = ["a", "b", "c", "a", "d", "e"]
    # "hi there": conversations a, b, e (a twice) -> 3; "something else": c -> 1; "!!": empty -> 0.
    assert privacy.conversations_per_prompt(texts, ids).tolist() == [3, 3, 1, 3, 0, 3]


def test_small_clusters_show_no_examples_public_or_not():
    seen = [50, 50, 50]
    for settings in (PrivacySettings(), PUBLIC):
        assert privacy.allowed_examples([0, 1, 2], seen, 99, settings, 3) == []
        assert privacy.allowed_examples([0, 1, 2], seen, 100, settings, 3) == [0, 1, 2]


def test_public_output_quotes_a_prompt_seen_in_5_conversations_never_one_seen_in_4():
    seen = [4, 5, 1, 7, 6]
    assert not privacy.may_quote(4, PUBLIC) and privacy.may_quote(5, PUBLIC)
    assert privacy.may_quote(1, PrivacySettings())
    assert privacy.allowed_examples([0, 1, 2, 3, 4], seen, 500, PUBLIC, 2) == [1, 3]
    assert privacy.allowed_examples([0, 1, 2, 3, 4], seen, 500, PrivacySettings(), 2) == [0, 1]
    assert privacy.min_repeated_conversations(PUBLIC) == 5
    assert privacy.min_repeated_conversations(PrivacySettings()) == 2
    assert privacy.min_repeated_conversations(PrivacySettings(public=True, public_min_conversations=1)) == 2


BREAD = "How do I bake sourdough bread at home with a starter?"
RYE = "How do I bake rye bread at home without a starter?"


def bread_prompts() -> pd.DataFrame:
    """BREAD in 5 conversations (once twice in one), RYE in 4, three bread prompts in one each."""
    rows = [(f"s{i}", 0, BREAD) for i in range(5)] + [("s0", 2, BREAD.upper())]
    rows += [(f"r{i}", 0, RYE) for i in range(4)]
    rows += [(f"u{i}", 0, f"How do I bake {kind} bread at home?") for i, kind in enumerate(("spelt", "oat", "corn"))]
    return pd.DataFrame(rows, columns=["conversation_id", "message_index", "content"]).sort_values(
        ["conversation_id", "message_index"]).reset_index(drop=True)


def test_topic_examples_under_public_output_are_prompts_of_5_or_more_sampled_conversations():
    one_topic = TopicSettings(clusters=1, min_df=1)
    clusters, _, _ = topic_frames(bread_prompts(), one_topic, PUBLIC_ANY_CLUSTER)
    assert clusters["examples"].tolist() == [BREAD]  # RYE (4 conversations) and the single ones are not
    assert clusters["examples_min_conversations"].tolist() == [5]
    private, _, _ = topic_frames(bread_prompts(), one_topic, PRIVATE_ANY_CLUSTER)
    examples = private["examples"].iloc[0].split(" | ")
    assert len(examples) == 3 and len({normalise(e) for e in examples}) == 3  # three different prompts
    assert private["examples_min_conversations"].iloc[0] < 5
    # 12 conversations: under the default floor of 100 the cluster shows none, public or not.
    for settings in (PrivacySettings(), PUBLIC):
        hidden, _, _ = topic_frames(bread_prompts(), one_topic, settings)
        assert hidden["examples"].isna().all() and hidden["examples_min_conversations"].isna().all()


def test_public_naming_terms_occur_in_5_or_more_prompts():
    one_topic = TopicSettings(clusters=1, min_df=1)
    public, _, _ = topic_frames(bread_prompts(), one_topic, PUBLIC_ANY_CLUSTER)
    terms = public["top_terms"].iloc[0].split(", ")
    # In 5+ prompts: bake, bread, home (13 prompts each), sourdough (6), starter (10), rye (4: out).
    assert set(terms) == {"bake", "bread", "home", "sourdough", "starter"}
    private, _, _ = topic_frames(bread_prompts(), one_topic, PRIVATE_ANY_CLUSTER)
    assert {"rye", "spelt", "oat", "corn"} <= set(private["top_terms"].iloc[0].split(", "))


def topic_clusters_table(examples_min_conversations=(7, 4, 9)) -> pd.DataFrame:
    return pd.DataFrame({
        "cluster": [0, 1, 2], "name": ["a", "b", "c"], "conversations": [150, 120, 99],
        "examples": ["p | q", "r", "s"], "examples_min_conversations": list(examples_min_conversations),
    })


REPEATED = pd.DataFrame({"rank": [1, 2, 3], "normalised": ["x", "y", "z"], "conversations": [9, 5, 4],
                         "example": ["X", "Y", "Z"]})


def test_the_report_hides_what_the_floor_does_not_let_through():
    tables = {"topic_clusters": topic_clusters_table(), "repeated_prompts": REPEATED, "other": REPEATED}
    private = privacy.quotable_tables(tables, PrivacySettings())
    # Cluster 2 has 99 conversations: no examples; the others keep theirs; repeated prompts all stay.
    assert private["topic_clusters"]["examples"].tolist() == ["p | q", "r", None]
    assert private["repeated_prompts"]["normalised"].tolist() == ["x", "y", "z"]
    public = privacy.quotable_tables(tables, PUBLIC)
    # Cluster 1's examples include one seen in 4 conversations: hidden; prompt z (4) is not listed.
    assert public["topic_clusters"]["examples"].tolist() == ["p | q", None, None]
    assert public["repeated_prompts"]["normalised"].tolist() == ["x", "y"]
    assert public["other"] is REPEATED  # no quoted text in it is known: as it was
    assert tables["topic_clusters"]["examples"].tolist() == ["p | q", "r", "s"]  # the input is left alone
    # A table written before examples_min_conversations existed shows no example in public output.
    older = {"topic_clusters": topic_clusters_table().drop(columns=["examples_min_conversations"])}
    assert privacy.quotable_tables(older, PUBLIC)["topic_clusters"]["examples"].isna().all()
    assert privacy.quotable_tables(older, PrivacySettings())["topic_clusters"]["examples"].tolist() == [
        "p | q", "r", None]


def test_the_privacy_note_says_which_floor_applies():
    assert "at least 100 conversations" in privacy.privacy_note(PrivacySettings())
    assert "Not public output" in privacy.privacy_note(PrivacySettings())
    assert "fewer than 5 conversations" in privacy.privacy_note(PUBLIC)


# --- gold/repeated_prompts, on each engine -----------------------------------------------------

BRONZE_SCHEMA = "conversation_id string, model string, conversation array<struct<content: string, role: string>>"


def test_repeated_prompts_under_public_output_list_only_prompts_of_5_or_more_conversations(spark):
    five = "Tell me a joke about cats"
    four = "Tell me a joke about dogs"
    two = "Translate good morning into French"
    bronze = ([(f"f{i}", "vicuna-13b", [(five if i % 2 else five.upper() + "!", "user")]) for i in range(5)]
              + [(f"d{i}", "gpt-4", [(four, "user")]) for i in range(4)]
              + [(f"t{i}", "gpt-4", [(two, "user")]) for i in range(2)])
    bronze_df = spark.createDataFrame(bronze, BRONZE_SCHEMA)
    conversations_df, prompts_df = keyed_conversations(bronze_df), first_prompts(bronze_df)

    def listed(settings: PrivacySettings) -> list[tuple[str, int]]:
        table_df = repetition_tables(conversations_df, prompts_df, RepetitionSettings(), settings)["repeated_prompts"]
        return [(r["normalised"], r["conversations"]) for r in table_df.orderBy("rank").collect()]

    assert listed(PUBLIC) == [("tell me a joke about cats", 5)]
    assert listed(PrivacySettings()) == [("tell me a joke about cats", 5), ("tell me a joke about dogs", 4),
                                         ("translate good morning into french", 2)]


# --- the --public flag --------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["aggregate"], ["report"], ["run-all", "--source", "nowhere"]])
def test_public_flag_of_aggregate_report_and_run_all_sets_privacy_public(monkeypatch, argv):
    import chatlake.cli as cli

    seen = []
    monkeypatch.setattr(cli, "_run_jobs", lambda cfg, *jobs: seen.append((cfg.privacy.public, [j for j, _ in jobs])))
    assert cli.main([*argv, "--public"]) == 0
    assert cli.main(argv) == 0
    assert cli.main([*argv, "--set", "privacy.public=true"]) == 0
    assert [public for public, _ in seen] == [True, False, True]
    jobs = {"aggregate": ["aggregate"], "report": ["report"], "run-all": ["ingest", "enrich", "aggregate", "report"]}
    assert seen[0][1] == jobs[argv[0]]


def test_bad_privacy_settings_are_one_line_errors():
    from chatlake import ChatlakeError
    from chatlake.config import load_config

    with pytest.raises(ChatlakeError, match=r"privacy\.public_min_conversations"):
        load_config(None, ["privacy.public_min_conversations=0"])
    with pytest.raises(ChatlakeError, match=r"privacy\.min_cluster"):
        load_config(None, ["privacy.min_cluster=3"])
