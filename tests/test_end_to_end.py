"""End to end on the embedded engine: a generated dataset (with planted bad records) through
ingest, enrich and aggregate; every table is checked against the statistics the generator planted.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from deltalake import DeltaTable

from chatlake.cli import main
from chatlake.schema import CATEGORIES
from conftest import read_delta

ROWS = 3000
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pipeline(tmp_path_factory) -> dict:
    """Generate with --dirty, then ingest, enrich and aggregate; returns paths and planted stats."""
    root = tmp_path_factory.mktemp("e2e")
    assert main(["generate", "--rows", str(ROWS), "--seed", "11", "--out", str(root / "data"),
                 "--format", "jsonl", "--gzip", "--dirty"]) == 0
    tables = root / "tables"
    settings = ["--set", f"table_root={tables}", "--set", f"output_dir={root / 'out'}"]
    # The generator writes LMSYS-Chat-1M's layout; its planted bad ids count on that dataset's checks.
    lmsys = ["--config", str(Path(__file__).resolve().parents[1] / "conf" / "lmsys.toml")]
    # Near-duplicates are off by default (README: Repetition); on here, to check them on planted pairs.
    near = ["--set", "repetition.near_duplicates=true"]
    for job in (["ingest", "--source", str(root / "data" / "data"), *lmsys], ["enrich"], ["aggregate", *near]):
        assert main([*job, *settings]) == 0
    planted = json.loads((root / "data" / "planted_stats.json").read_text())
    return {"root": root, "tables": tables, "settings": settings, "planted": planted, "lmsys": lmsys}


def table(pipeline, name):
    return read_delta(pipeline["tables"] / name).to_pandas()


def test_ingest_accepts_the_clean_rows_and_quarantines_exactly_the_planted_bad_ones(pipeline):
    planted = pipeline["planted"]
    bronze = table(pipeline, "bronze/conversations")
    assert len(bronze) == planted["rows"] and bronze["conversation_id"].is_unique
    quarantine = table(pipeline, "bronze/quarantine")
    assert quarantine["reason"].value_counts().to_dict() == planted["dirty"]["quarantine"]
    run = table(pipeline, "ops/runs").query("job == 'ingest'").iloc[0]
    assert run["rows_in"] == planted["dirty"]["records_total"]
    assert (run["rows_out"], run["rows_quarantined"], run["rows_duplicate"]) == (
        planted["rows"], sum(planted["dirty"]["quarantine"].values()), planted["dirty"]["duplicates"]
    )
    assert run["rows_in"] == run["rows_out"] + run["rows_quarantined"] + run["rows_duplicate"]


def test_a_second_ingest_changes_nothing(pipeline):
    tables = pipeline["tables"]
    names = ("bronze/conversations", "bronze/quarantine")
    before = {name: DeltaTable(str(tables / name)).version() for name in names}
    source = str(pipeline["root"] / "data" / "data")
    assert main(["ingest", "--source", source, *pipeline["lmsys"], *pipeline["settings"]]) == 0
    assert before == {name: DeltaTable(str(tables / name)).version() for name in names}


def test_silver_token_sums_equal_the_planted_sums_exactly(pipeline):
    planted = pipeline["planted"]["per_role"]
    messages = table(pipeline, "silver/messages")
    for role in ("user", "assistant"):
        of_role = messages[messages["role"] == role]
        assert len(of_role) == planted[role]["messages"]
        assert int(of_role["tokens_cl100k_base"].sum()) == planted[role]["tokens_sum"]
        assert int((of_role["tokens_cl100k_base"].astype("int64") ** 2).sum()) == planted[role]["tokens_sumsq"]
        assert int(of_role["chars"].sum()) == planted[role]["chars_sum"]
    conversations = table(pipeline, "silver/conversations")
    assert len(conversations) == pipeline["planted"]["rows"]
    assert int(conversations["prompt_tokens_cl100k_base"].sum()) == planted["user"]["tokens_sum"]
    assert int(conversations["response_tokens_cl100k_base"].sum()) == planted["assistant"]["tokens_sum"]


def test_first_prompt_language_matches_the_planted_language(pipeline):
    conversations = table(pipeline, "silver/conversations")
    long_known = conversations[
        (conversations["first_user_chars"] >= 50) & (conversations["language_name"] != "unknown")
    ]
    agreement = long_known["language_agrees"].mean()
    print(f"fastText agreement on first prompts of >= 50 characters: {agreement:.4f} over {len(long_known)}")
    assert agreement >= 0.97


def test_gold_tables_equal_the_planted_statistics(pipeline):
    planted = pipeline["planted"]
    per_model = table(pipeline, "gold/conversations_per_model").set_index("model")["conversations"].to_dict()
    assert per_model == {m: v["conversations"] for m, v in planted["per_model"].items()}

    basic = table(pipeline, "gold/basic_stats").iloc[0]
    assert (basic["conversations"], basic["models"], basic["users"]) == (
        planted["rows"], planted["models"], "not in the data"
    )
    assert basic["avg_turns"] == pytest.approx(planted["turns_sum"] / planted["rows"])
    for role, prefix in (("user", "prompt"), ("assistant", "response")):
        stats = planted["per_role"][role]
        n, total, squares = stats["messages"], stats["tokens_sum"], stats["tokens_sumsq"]
        assert basic[f"avg_{prefix}_tokens"] == pytest.approx(total / n)
        assert basic[f"std_{prefix}_tokens"] == pytest.approx(((squares - total * total / n) / (n - 1)) ** 0.5)

    turns = table(pipeline, "gold/turns_distribution").set_index("turns")["conversations"].to_dict()
    assert {str(k): v for k, v in turns.items()} == planted["turn_histogram"]

    released = table(pipeline, "gold/top_languages").dropna(subset=["released_language"])
    top_planted = sorted(planted["per_language"].items(), key=lambda kv: (-kv[1], kv[0]))[: len(released)]
    assert list(zip(released["released_language"], released["released_conversations"], strict=True)) == top_planted

    moderation = table(pipeline, "gold/moderation_by_category").set_index("model").loc["(all)"]
    assert moderation["flagged"] == planted["flagged_conversations"]
    for category in CATEGORIES:
        assert moderation[category.replace("-", "_")] == planted["per_category"][category], category

    jailbreak = table(pipeline, "gold/jailbreak_by_model").set_index("model")
    for model, expected in planted["per_model"].items():
        assert (jailbreak.loc[model, "attempts"], jailbreak.loc[model, "successes"]) == (
            expected["attempts"], expected["successes"]
        ), model

    redaction = table(pipeline, "gold/redaction").iloc[0]
    assert redaction["redacted"] == planted["redacted"]


def test_repetition_tables_equal_the_planted_repetition(pipeline):
    planted = pipeline["planted"]["repetition"]
    by_model = table(pipeline, "gold/prompt_repetition_by_model").set_index("model")
    assert by_model.loc["(all)", "repeated"] == planted["repeated_conversations"]
    repeated = by_model.drop(index="(all)")["repeated"]
    assert repeated[repeated > 0].to_dict() == planted["repeated_per_model"]
    top = table(pipeline, "gold/repeated_prompts").sort_values("rank")
    assert top["conversations"].tolist() == planted["top_repeated_counts"]


def test_near_duplicates_find_the_planted_pairs(pipeline):
    """gold/near_duplicate_pairs names each prompt by the smallest conversation opening with it;
    every planted near-duplicate prompt opens one conversation only."""
    planted = pipeline["planted"]["repetition"]
    groups = json.loads((pipeline["root"] / "data" / "planted_repetition.json").read_text())["near_groups"]
    planted_pairs = {tuple(sorted((a, b))) for g in groups for i, a in enumerate(g) for b in g[i + 1:]}
    assert len(planted_pairs) == planted["planted_near_pairs"] > 0
    pairs = table(pipeline, "gold/near_duplicate_pairs")
    found = set(zip(pairs["conversation_id_a"], pairs["conversation_id_b"], strict=True))
    members = {c for g in groups for c in g}
    touching = {p for p in found if p[0] in members or p[1] in members}
    recall = len(found & planted_pairs) / len(planted_pairs)
    precision = len(touching & planted_pairs) / len(touching)
    print(f"near-duplicates: {len(found)} pairs found, recall {recall:.3f} and precision {precision:.3f} "
          f"on {len(planted_pairs)} planted pairs")
    assert recall >= 0.9 and precision >= 0.95
    summary = table(pipeline, "gold/near_duplicates").iloc[0]
    assert summary["near_duplicate_pairs"] == len(found)


def test_topic_clusters_recover_the_planted_topics(pipeline):
    """Every English conversation carries one of 20 planted topics (a function of its id, see
    chatlake.generate.topics); the clusters of gold/topic_assignments must find them again."""
    from sklearn.metrics import adjusted_rand_score

    from chatlake.generate import planted_topic
    from chatlake.generate.topics import CODING_TOPICS, TEMPLATED_TOPICS
    from chatlake.report.compare import topic_kinds

    planted = pipeline["planted"]
    assert sum(planted["topics"].values()) == planted["per_language"]["English"]
    silver = table(pipeline, "silver/conversations").set_index("conversation_id")
    languages = silver["language_name"]
    assignments = table(pipeline, "gold/topic_assignments")
    # Sampled (all, at this size): every prompt of 32-1536 characters of the conversations whose first
    # prompt fastText calls English, counted here from bronze without Spark.
    bronze = table(pipeline, "bronze/conversations")
    expected = sorted(
        (cid, i) for cid, conversation in zip(bronze["conversation_id"], bronze["conversation"], strict=True)
        if silver.loc[cid, "first_user_lang"] == "en"
        for i, m in enumerate(conversation) if m["role"] == "user" and 32 <= len(m["content"] or "") <= 1536
    )
    assert sorted(zip(assignments["conversation_id"], assignments["message_index"], strict=True)) == expected
    assignments["topic"] = [planted_topic(c, languages[c]) for c in assignments["conversation_id"]]
    with_topic = assignments.dropna(subset=["topic"])
    assert len(with_topic) >= 0.97 * len(assignments)  # fastText's English is nearly all planted English

    # A conversation's cluster: that of most of its prompts (ties: the lower cluster).
    per_conversation = (
        with_topic.groupby(["conversation_id", "topic"])["cluster"]
        .agg(lambda s: s.value_counts().sort_index().idxmax()).reset_index()
    )
    purity, home = {}, {}
    for topic, group in per_conversation.groupby("topic"):
        counts = group["cluster"].value_counts()
        home[topic], purity[topic] = int(counts.index[0]), counts.iloc[0] / len(group)
    ari = adjusted_rand_score(with_topic["topic"], with_topic["cluster"])
    worst = min(purity, key=purity.get)
    print(f"topic clusters vs planted topics: adjusted Rand index {ari:.3f} over {len(with_topic)} prompts; "
          f"conversation purity per topic: min {purity[worst]:.3f} ({worst}), "
          f"mean {sum(purity.values()) / len(purity):.3f}")
    assert len(purity) == 20
    assert all(p >= 0.85 for p in purity.values()), purity
    assert len(set(home.values())) == 20, home  # every topic has a cluster of its own
    assert ari >= 0.85

    clusters = table(pipeline, "gold/topic_clusters").set_index("cluster")
    assert clusters["prompts"].to_dict() == assignments["cluster"].value_counts().to_dict()
    assert clusters["prompts"].is_monotonic_decreasing  # numbered by size
    # The report's kinds: templated from the prompts' openings, coding from the share of prompts
    # that show code (chatlake.text.code), neither from the generator's keywords.
    kinds = topic_kinds(clusters.reset_index())
    topic_of = {cluster: topic for topic, cluster in home.items()}
    print("code share per cluster: " + ", ".join(f"{c} {topic_of[c]} {clusters.loc[c, 'code_share']:.3f}"
                                                 for c in clusters.index))
    assert {c for c, k in kinds.items() if k == "templated"} == {home[t] for t in TEMPLATED_TOPICS}
    assert {c for c, k in kinds.items() if k == "coding"} == {home[t] for t in CODING_TOPICS}
