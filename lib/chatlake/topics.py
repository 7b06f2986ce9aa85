"""Topic clusters of English user prompts: the paper's Figure 3.

The paper took 100K random English conversations, every user prompt (first and follow-up turns)
of 32 to 1,536 characters, embedded them with a sentence-transformer (all-mpnet-base-v2), ran
k-means with 20 clusters and named each cluster from the 100 prompts nearest its centre.

chatlake does the same with a light default backend:

1. Spark (`select_topic_prompts`): the user prompts of `min_chars`..`max_chars` characters of
   conversations whose first user message fastText labels `language` (silver
   `first_user_lang`), from a deterministic sample of `sample_conversations` of those
   conversations: the ones with the smallest sha-256 of their id. sha-256 and a total order make
   the sample, and so the clusters, identical on every engine.
2. The driver (`cluster_prompts`, plain Python, no Spark): scikit-learn's TfidfVectorizer
   (English stop words, sublinear tf, `min_df`; fenced code blocks reduced to their language
   tag) -> TruncatedSVD to `dimensions` (LSA; fewer for small samples) -> rows
   scaled to unit length -> KMeans(`clusters`, `n_init`, `random_state`). With
   `backend = "minilm"` the unit-length all-MiniLM-L6-v2 sentence embeddings of
   `chatlake.text.embed` (offline, onnxruntime, the `minilm` extra) replace the LSA vectors, and
   with `backend = "sentence-transformers"` those of `embedding_model` (the paper's method; needs
   the sentence-transformers package and the model).
   Clusters are numbered by size (0 is the largest).
3. Names (`term_counts`, `class_tfidf`, `top_class_terms`): class-based TF-IDF as in BERTopic,
   over word counts of the prompts (English stop words, letters-only tokens, code blocks by their
   tag), so the same for either backend. Each cluster is a class made of its `name_prompts`
   prompts nearest the centre (the paper named its clusters from the 100 nearest); a term's
   weight in class c is tf(t, c) * log(1 + A / f(t)), tf the term's count in c over all of c's
   words, A the mean number of words per class, f(t) the term's count over all classes. The
   highest weights name the class.
4. The coarser level (`group_clusters`): the cluster centres, scaled to unit length, grouped into
   `groups` groups by Ward agglomerative clustering (scikit-learn), numbered by prompts (0 is the
   largest) and named by class-based TF-IDF over all the prompts of each group.

Why TF-IDF + LSA by default: it needs nothing beyond scikit-learn (no torch, no model download),
clusters the 130K prompts of 100K generated conversations in about 15 s on one core (the whole
topic step, selection included, took 20 s on the embedded engine), and recovers topics that show
in the words used, which is what the paper's cluster names describe. Embeddings group
paraphrases that share no words better, but `backend = "minilm"` (all-MiniLM-L6-v2, offline)
found the planted topics less well on generated data (adjusted Rand index 0.81 against 0.955 on
5,000 sampled conversations, bench/topics_ari.py) and took 180 s there against 1.3 s: a
transformer's cost grows with the tokens, about 40 minutes for the 100K sample on two cores.
KMeans rather than MiniBatchKMeans: on those prompts it
took 2.7 s against 0.5 s and found the 20 planted topics far better (adjusted Rand index 0.96
against 0.90; worst topic 94% against 59% in one cluster).

Collecting the sample to the driver is deliberate: k-means over 100K short texts is a
single-machine job, and the selection in Spark keeps what is collected to a bounded size.

Gold tables (`topic_gold_tables`):

- `topic_clusters`: cluster, name, top_terms, prompts, conversations, prompt_share,
  conversation_share, templated_share, code_share, examples, group, group_name,
  examples_min_conversations. A conversation counts in every cluster that holds one of its
  prompts, so conversation shares may add up to more than 1.
  `templated_share`: share of the cluster's prompts whose first 32 characters open at least 5
  sampled prompts (the paper's "templated, script-like prompts"). `code_share`: share of the
  cluster's prompts that show program code (a fenced block or code-like marks,
  `chatlake.text.code.shows_code`), from which the report counts coding clusters. `examples`:
  up to 3 distinct prompts (by normalised form) nearest the centre that the privacy floor lets through
  (`chatlake.privacy`: none for a cluster of fewer than `min_cluster_conversations`
  conversations; with `--public` only prompts seen in at least `public_min_conversations`
  sampled conversations), null when none is; `examples_min_conversations`: the fewest sampled
  conversations any of them occurs in (null without examples), which the report checks again.
- `topic_assignments`: conversation_id, message_index, cluster, for every sampled prompt.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from pyspark.sql import DataFrame
from pyspark.sql import functions as F

from chatlake import ChatlakeError, privacy
from chatlake.config import PrivacySettings, TopicSettings
from chatlake.results import RunInfo, StageResult, Steps
from chatlake.sampling import sample_conversations
from chatlake.storage import Storage
from chatlake.tables import BRONZE, CONVERSATIONS, TOPIC_ASSIGNMENTS, TOPIC_CLUSTERS, gold
from chatlake.text.code import shows_code
from chatlake.text.prompts import normalise

log = logging.getLogger(__name__)


CLUSTERS_SCHEMA = (
    "cluster int, name string, top_terms string, prompts long, conversations long, prompt_share double, "
    "conversation_share double, templated_share double, code_share double, examples string, group int, "
    "group_name string, examples_min_conversations long"
)
ASSIGNMENTS_SCHEMA = "conversation_id string, message_index int, cluster int"

TOP_TERMS = 10
NAME_TERMS = 3
EXAMPLES = 3
EXAMPLE_CHARS = 100
EXAMPLE_SEPARATOR = " | "
TEMPLATE_PREFIX_CHARS = 32
TEMPLATE_MIN_REPEATS = 5
# Letters-only tokens of two or more: numbers and code punctuation name no topic.
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{2,}\b"
# Terms in more than this share of the prompts carry no topic.
MAX_DF = 0.5
MAX_FEATURES = 50_000
NO_TERMS = "(no terms)"
# A fenced code block (to its closing fence, or to the end of an unclosed one) and its language tag.
CODE_BLOCK = re.compile(r"```([^\n`]*)(?:\n.*?(?:```|\Z)|```)", re.S)


# --- Spark: selection and sampling --------------------------------------------------------------


def user_prompts(bronze_df: DataFrame, min_chars: int, max_chars: int) -> DataFrame:
    """User messages whose text has min_chars..max_chars characters (both included).

    Input columns: `conversation_id`, `conversation` (array of struct content, role).
    Output columns: conversation_id, message_index (0-based position in `conversation`, as in
    silver/messages), content.
    """
    messages_df = bronze_df.select("conversation_id", F.posexplode("conversation").alias("message_index", "message"))
    chars = F.length(F.col("message.content"))
    return messages_df.filter(
        (F.col("message.role") == "user") & chars.between(min_chars, max_chars)
    ).select("conversation_id", F.col("message_index").cast("int").alias("message_index"),
             F.col("message.content").alias("content"))


def select_topic_prompts(conversations_df: DataFrame, bronze_df: DataFrame, settings: TopicSettings) -> DataFrame:
    """The prompts to cluster, sorted by conversation_id and message_index.

    Input: silver conversations (`conversation_id`, `first_user_lang`) and bronze conversations
    (`conversation_id`, `conversation`). Conversations are sampled among those in `language`
    with at least one prompt of the right length. Output columns: conversation_id,
    message_index, content.

    The sample is chosen on ids alone (a prompt's text is dropped once its length is known), and
    only the sampled conversations' prompts keep their text: memory stays that of the sample and
    of the ids, whatever the input's size (joining the prompts of every conversation before
    sampling took 6 GiB at 4M conversations).
    """
    in_language_df = conversations_df.filter(F.col("first_user_lang") == settings.language).select("conversation_id")
    # Candidates by exploding, not by a higher-order function over `conversation`: Sail 0.7.2
    # cannot resolve one on a Delta scan.
    candidates_df = (
        user_prompts(bronze_df, settings.min_chars, settings.max_chars)
        .select("conversation_id")
        .distinct()
        .join(in_language_df, on="conversation_id", how="left_semi")
    )
    sampled_df = sample_conversations(candidates_df, settings.sample_conversations)
    chosen_df = bronze_df.join(sampled_df, on="conversation_id", how="left_semi")
    return (
        user_prompts(chosen_df, settings.min_chars, settings.max_chars)
        .orderBy("conversation_id", "message_index")
    )


# --- plain Python: the model --------------------------------------------------------------------


@dataclass
class TopicClusters:
    """What `cluster_prompts` found.

    labels: cluster of each prompt (clusters numbered 0.. by size, largest first); top_terms,
    nearest: per cluster, its naming terms and the indices of its prompts nearest the centre
    (nearest first); groups: per cluster, its group (numbered 0.. by prompts, largest first);
    group_terms: per group, its naming terms; info: what was fitted, for the run log.
    """

    labels: np.ndarray
    top_terms: list[list[str]]
    nearest: list[list[int]]
    groups: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    group_terms: list[list[str]] = field(default_factory=list)
    info: dict[str, object] = field(default_factory=dict)

    @property
    def clusters(self) -> int:
        return len(self.top_terms)

    def name(self, cluster: int) -> str:
        return _name(self.top_terms[cluster])

    def group_name(self, group: int) -> str:
        return _name(self.group_terms[group])


def _name(terms: list[str]) -> str:
    return ", ".join(terms[:NAME_TERMS]) if terms else NO_TERMS


def _min_df(settings: TopicSettings, n: int) -> int:
    """`min_df`, lowered for small samples (at most one prompt in 50) so that they keep terms."""
    return max(1, min(settings.min_df, n // 50))


def without_code(text: str) -> str:
    """`text` with each fenced code block replaced by its language tag (```python ... ``` ->
    python): the tokens of pasted code (def, return, self, i) are common to every programming
    topic and would make a cluster of "prompts with code" rather than a topic."""
    return CODE_BLOCK.sub(lambda m: f" {m.group(1).strip()} ", text)


def _tfidf(texts: Sequence[str], settings: TopicSettings):
    """The TF-IDF matrix (rows of unit length) of the texts without their code blocks, and its
    terms; None when no term is left."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(
        stop_words="english", sublinear_tf=True, min_df=_min_df(settings, len(texts)),
        max_df=MAX_DF if len(texts) >= 10 else 1.0, max_features=MAX_FEATURES, token_pattern=TOKEN_PATTERN,
        dtype=np.float64,
    )
    try:
        matrix = vectorizer.fit_transform([without_code(t) for t in texts])
    except ValueError:  # "empty vocabulary": every word is a stop word or too rare
        return None, np.array([], dtype=object)
    return matrix, vectorizer.get_feature_names_out()


def lsa_dimensions(settings: TopicSettings, prompts: int, terms: int) -> int:
    """`dimensions`, but at most one per 10 prompts (at least `clusters`) and fewer than the terms:
    a small sample reduced to nearly as many dimensions as it has prompts keeps every prompt
    orthogonal to the others, and k-means then splits it at random."""
    return min(settings.dimensions, max(settings.clusters, prompts // 10), terms - 1, prompts - 1)


def _lsa(matrix, settings: TopicSettings) -> np.ndarray:
    """TF-IDF rows reduced by TruncatedSVD (`lsa_dimensions`), scaled to unit length."""
    from sklearn.decomposition import TruncatedSVD
    from sklearn.preprocessing import normalize

    dimensions = lsa_dimensions(settings, matrix.shape[0], matrix.shape[1])
    if dimensions < 2:
        return normalize(matrix.toarray())
    reduced = TruncatedSVD(n_components=dimensions, random_state=settings.random_state).fit_transform(matrix)
    return normalize(reduced)


def _sentence_embeddings(texts: Sequence[str], model_name: str) -> np.ndarray:
    """Unit-length sentence embeddings (the paper's method), from the sentence-transformers package."""
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:
        raise ChatlakeError(
            'topics.backend = "sentence-transformers" needs the sentence-transformers package (and torch); '
            'install it or use topics.backend = "tfidf"'
        ) from None
    model = SentenceTransformer(model_name)
    return np.asarray(model.encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False))


def _kmeans(vectors: np.ndarray, k: int, settings: TopicSettings) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.cluster import KMeans

    model = KMeans(n_clusters=k, n_init=settings.n_init, random_state=settings.random_state)
    labels = model.fit_predict(vectors)
    return labels, model.cluster_centers_


def cluster_prompts(texts: Sequence[str], settings: TopicSettings, min_term_prompts: int = 1) -> TopicClusters:
    """Cluster `texts` into at most `settings.clusters` topics (fewer when there are fewer
    distinct texts), group the clusters and name both. Deterministic: the same texts in the same
    order give the same clusters. `min_term_prompts`: naming terms occur in at least this many
    prompts (`chatlake.privacy.min_term_prompts`).

    Runs single-threaded (BLAS and OpenMP), so that the result does not depend on thread
    scheduling: the embedded and the JVM engine's runs must write identical gold tables.
    """
    from threadpoolctl import threadpool_limits

    started = time.perf_counter()
    n = len(texts)
    if n == 0:
        return TopicClusters(np.zeros(0, dtype=np.int64), [], [], info={"prompts": 0})
    with threadpool_limits(limits=1):
        if settings.backend == "minilm":
            # onnxruntime's own thread pool (one thread per core): its output does not depend on
            # scheduling, only on the thread count (chatlake.text.embed).
            from chatlake.text.embed import embed

            vectors, terms = embed(texts), 0
        elif settings.backend == "sentence-transformers":
            vectors, terms = _sentence_embeddings(texts, settings.embedding_model), 0
        else:
            matrix, vocabulary = _tfidf(texts, settings)
            vectors = np.zeros((n, 1)) if matrix is None else _lsa(matrix, settings)
            terms = len(vocabulary)
        distinct = len({row.tobytes() for row in np.round(vectors, 12)})
        k = max(1, min(settings.clusters, distinct))
        if k == 1:
            labels, centres = np.zeros(n, dtype=np.int64), vectors.mean(axis=0, keepdims=True)
        else:
            labels, centres = _kmeans(vectors, k, settings)
        # Number the clusters by size, largest first (ties: the lower k-means label).
        sizes = np.bincount(labels, minlength=len(centres))
        order = [c for c in sorted(range(len(centres)), key=lambda c: (-sizes[c], c)) if sizes[c] > 0]
        renumber = np.full(len(centres), -1, dtype=np.int64)
        renumber[order] = np.arange(len(order))
        labels = renumber[labels]
        centres = centres[order]
        # Centres scaled to unit length (the prompts' vectors are): a loose cluster's mean is
        # shorter, and Ward on the raw means put the loose clusters together near the origin (on
        # the end-to-end test's 3,000 conversations, 16 of 20 clusters in one group; scaled,
        # four of the five coding clusters fall in two groups, math and science in a third).
        groups = group_clusters(_unit_rows(centres), np.bincount(labels, minlength=len(centres)), settings.groups)

    nearest = []
    for cluster, centre in enumerate(centres):
        members = np.flatnonzero(labels == cluster)
        similarity = vectors[members] @ centre
        # Most similar first; ties by position, so the order is total.
        nearest.append(members[np.lexsort((members, -similarity))][: settings.name_prompts].tolist())
    counts, vocabulary = term_counts(texts, min_df=max(_min_df(settings, n), min_term_prompts))
    top_terms = _class_terms(counts, vocabulary, [np.asarray(rows, dtype=np.int64) for rows in nearest])
    group_of_prompt = groups[labels]
    group_terms = _class_terms(counts, vocabulary,
                               [np.flatnonzero(group_of_prompt == g) for g in range(int(groups.max()) + 1)])
    info = {
        "backend": settings.backend, "prompts": n, "clusters": len(centres), "groups": int(groups.max()) + 1,
        "terms": terms, "naming_terms": len(vocabulary), "dimensions": int(vectors.shape[1]),
        "seconds": round(time.perf_counter() - started, 3),
    }
    return TopicClusters(labels, top_terms, nearest, groups, group_terms, info)


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """Rows scaled to unit length (a zero row stays zero)."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors, dtype=np.float64), where=norms > 0)


# --- names: class-based TF-IDF ------------------------------------------------------------------


def term_counts(texts: Sequence[str], labels: Sequence[int] | None = None, min_df: int = 1):
    """Word counts: per prompt (labels None) or summed per class (`labels[i]`: prompt i's class,
    classes 0..max), with their terms in alphabetical order.

    Words: letters-only tokens of two or more, lower case, English stop words dropped, code blocks
    by their language tag (`without_code`), in at least `min_df` prompts. Returns (a
    scipy.sparse matrix, prompts or classes x terms; the terms as an array); no term left: a
    matrix with no column.
    """
    from scipy import sparse
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(stop_words="english", token_pattern=TOKEN_PATTERN, min_df=min_df,
                                 max_features=MAX_FEATURES, dtype=np.int64)
    try:
        matrix = vectorizer.fit_transform([without_code(t) for t in texts])
        terms = vectorizer.get_feature_names_out()
    except ValueError:  # "empty vocabulary": every word is a stop word or too rare
        matrix, terms = sparse.csr_matrix((len(texts), 0), dtype=np.int64), np.array([], dtype=object)
    if labels is None:
        return matrix, terms
    labels = np.asarray(labels, dtype=np.int64)
    return _sum_by_class(matrix, np.arange(len(labels)), labels), terms


def _sum_by_class(matrix, rows: np.ndarray, labels: np.ndarray, classes: int | None = None):
    """The rows `rows` of a prompts x terms matrix summed per class (`labels[i]`: the class of
    row `rows[i]`; classes 0..`classes` - 1, by default 0..max): a classes x terms sparse matrix."""
    from scipy import sparse

    classes = (int(labels.max()) + 1 if len(labels) else 0) if classes is None else classes
    membership = sparse.csr_matrix((np.ones(len(rows), dtype=np.int64), (labels, rows)),
                                   shape=(classes, matrix.shape[0]))
    return membership @ matrix


def class_tfidf(counts) -> np.ndarray:
    """Class-based TF-IDF (BERTopic's c-TF-IDF) of a classes x terms count matrix (dense or sparse).

    weight(t, c) = tf(t, c) * log(1 + A / f(t)): tf(t, c) the count of t in c over all words of c,
    A the mean number of words per class, f(t) the count of t over all classes. A class without
    words, and a term that occurs nowhere, weigh 0.
    """
    counts = np.asarray(counts.todense() if hasattr(counts, "todense") else counts, dtype=np.float64)
    if counts.size == 0:
        return counts
    words = counts.sum(axis=1, keepdims=True)
    tf = np.divide(counts, words, out=np.zeros_like(counts), where=words > 0)
    frequency = counts.sum(axis=0)
    mean_words = counts.sum() / counts.shape[0]
    idf = np.log1p(np.divide(mean_words, frequency, out=np.zeros_like(frequency), where=frequency > 0))
    return tf * idf


def top_class_terms(weights: np.ndarray, terms: Sequence[str], n: int = TOP_TERMS) -> list[list[str]]:
    """Per class (row of `weights`), its `n` terms of highest weight, highest first (ties
    alphabetical); terms of weight 0 never."""
    terms = np.asarray(terms, dtype=object)
    top = []
    for row in np.asarray(weights, dtype=np.float64):
        ranked = np.lexsort((terms, -row)) if len(terms) else np.array([], dtype=np.int64)
        top.append([str(terms[i]) for i in ranked[:n] if row[i] > 0])
    return top


def _class_terms(counts, terms: np.ndarray, classes: list[np.ndarray]) -> list[list[str]]:
    """`top_class_terms` of the classes made of the given rows (prompt indices) of `counts`."""
    if not classes:
        return []
    labels = np.concatenate([np.full(len(rows), c, dtype=np.int64) for c, rows in enumerate(classes)])
    rows = np.concatenate(classes).astype(np.int64)
    return top_class_terms(class_tfidf(_sum_by_class(counts, rows, labels, len(classes))), terms)


# --- the coarser level --------------------------------------------------------------------------


def group_clusters(centres: np.ndarray, prompts: Sequence[int], groups: int) -> np.ndarray:
    """The group of each cluster: Ward agglomerative clustering of the cluster centres into
    `groups` groups (each cluster a group of its own when there are no more clusters than groups).

    `prompts`: each cluster's prompts; groups are numbered by their prompts, largest first (ties:
    the group holding the lower cluster).
    """
    from sklearn.cluster import AgglomerativeClustering

    k = len(centres)
    if k == 0:
        return np.zeros(0, dtype=np.int64)
    if k <= groups:
        raw = np.arange(k)
    elif groups == 1:
        raw = np.zeros(k, dtype=np.int64)
    else:
        raw = AgglomerativeClustering(n_clusters=groups, linkage="ward").fit_predict(np.asarray(centres))
    prompts = np.asarray(prompts, dtype=np.int64)
    labels = sorted(set(raw.tolist()))
    size = {g: int(prompts[raw == g].sum()) for g in labels}
    first = {g: int(np.flatnonzero(raw == g)[0]) for g in labels}
    order = sorted(labels, key=lambda g: (-size[g], first[g]))
    renumber = {g: i for i, g in enumerate(order)}
    return np.array([renumber[g] for g in raw.tolist()], dtype=np.int64)


def _example(text: str) -> str:
    flat = re.sub(r"\s+", " ", text).strip()
    return flat if len(flat) <= EXAMPLE_CHARS else flat[: EXAMPLE_CHARS - 1].rstrip() + "…"


def _distinct(indices: Sequence[int], texts: Sequence[str]) -> list[int]:
    """`indices` without the prompts whose normalised form an earlier one has (so that the
    examples are different prompts)."""
    seen: set[str] = set()
    kept = []
    for i in indices:
        key = normalise(texts[i])
        if key not in seen:
            seen.add(key)
            kept.append(i)
    return kept


def _templated(texts: Sequence[str]) -> np.ndarray:
    """Whether each prompt opens like at least TEMPLATE_MIN_REPEATS sampled prompts (its first
    TEMPLATE_PREFIX_CHARS characters, case and spacing ignored)."""
    prefixes = [re.sub(r"\s+", " ", t).strip().lower()[:TEMPLATE_PREFIX_CHARS] for t in texts]
    counts = Counter(prefixes)
    return np.array([counts[p] >= TEMPLATE_MIN_REPEATS for p in prefixes], dtype=bool)


def topic_frames(
    prompts: pd.DataFrame, settings: TopicSettings, privacy_settings: PrivacySettings | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, dict]:
    """The two gold tables as pandas, from the selected prompts (plain Python, no Spark).

    Input columns: conversation_id, message_index, content (in a fixed order: the result depends
    on it). Returns (topic_clusters, topic_assignments, info); see the module docstring. The
    examples follow `privacy_settings` (default: `PrivacySettings()`).
    """
    privacy_settings = privacy_settings or PrivacySettings()
    texts = prompts["content"].astype(str).tolist()
    result = cluster_prompts(texts, settings, privacy.min_term_prompts(privacy_settings))
    assignments = pd.DataFrame({
        "conversation_id": prompts["conversation_id"].astype(str).to_numpy(),
        "message_index": prompts["message_index"].astype("int32").to_numpy(),
        "cluster": result.labels.astype("int32"),
    })
    total_prompts = len(assignments)
    total_conversations = assignments["conversation_id"].nunique()
    templated = _templated(texts) if texts else np.zeros(0, dtype=bool)
    code = np.array([shows_code(t) for t in texts], dtype=bool)
    seen_in = privacy.conversations_per_prompt(texts, assignments["conversation_id"].tolist())
    rows = []
    for cluster in range(result.clusters):
        members = result.labels == cluster
        prompts_in = int(members.sum())
        conversations_in = int(assignments.loc[members, "conversation_id"].nunique())
        examples = privacy.allowed_examples(_distinct(result.nearest[cluster], texts), seen_in, conversations_in,
                                            privacy_settings, EXAMPLES)
        group = int(result.groups[cluster])
        rows.append({
            "cluster": cluster,
            "name": result.name(cluster),
            "top_terms": ", ".join(result.top_terms[cluster]),
            "prompts": prompts_in,
            "conversations": conversations_in,
            "prompt_share": prompts_in / total_prompts,
            "conversation_share": conversations_in / total_conversations,
            "templated_share": float(templated[members].mean()),
            "code_share": float(code[members].mean()),
            "examples": EXAMPLE_SEPARATOR.join(_example(texts[i]) for i in examples) if examples else None,
            "group": group,
            "group_name": result.group_name(group),
            "examples_min_conversations": int(min(seen_in[i] for i in examples)) if examples else None,
        })
    clusters = pd.DataFrame(rows, columns=[c.split()[0] for c in CLUSTERS_SCHEMA.split(", ")])
    # Nullable: a cluster without examples has no count (a float NaN would not fit a long column).
    clusters["examples_min_conversations"] = clusters["examples_min_conversations"].astype("Int64")
    info = {**result.info, "conversations": int(total_conversations)}
    return clusters, assignments, info


# --- Spark again: the gold tables ---------------------------------------------------------------


def topic_tables(
    prompts_df: DataFrame, settings: TopicSettings, privacy_settings: PrivacySettings | None = None
) -> tuple[dict[str, DataFrame], dict]:
    """`topic_clusters` and `topic_assignments` as DataFrames of the session of `prompts_df`,
    from the prompts `select_topic_prompts` chose; and what was fitted (for the run log).

    Input columns: conversation_id, message_index, content. Collects them to the driver.
    """
    spark = prompts_df.sparkSession
    prompts = prompts_df.select("conversation_id", "message_index", "content").toPandas()
    # Sorted again here: the result depends on the order, which a collect does not promise.
    prompts = prompts.sort_values(["conversation_id", "message_index"], kind="stable").reset_index(drop=True)
    clusters, assignments, info = topic_frames(prompts, settings, privacy_settings)
    log.info("topics: %s prompts of %s conversations in %s clusters (%.1f s)", f"{info['prompts']:,}",
             f"{info.get('conversations', 0):,}", info.get("clusters", 0), info.get("seconds", 0.0))
    tables = {
        TOPIC_CLUSTERS: _frame(spark, clusters, CLUSTERS_SCHEMA),
        TOPIC_ASSIGNMENTS: _frame(spark, assignments, ASSIGNMENTS_SCHEMA),
    }
    return tables, info


def _frame(spark, df: pd.DataFrame, schema: str) -> DataFrame:
    """A pandas frame as a DataFrame of `schema`; an empty frame gives an empty DataFrame."""
    rows = [tuple(_python(v) for v in row) for row in df.itertuples(index=False, name=None)]
    return spark.createDataFrame(rows, schema)


def _python(value: object) -> object:
    """numpy scalars as Python ones (the classic engine's createDataFrame takes no numpy types),
    pandas' missing value as None."""
    if value is pd.NA:
        return None
    return value.item() if isinstance(value, np.generic) else value


def topic_gold_tables(
    conversations_df: DataFrame, bronze_df: DataFrame, settings: TopicSettings,
    privacy_settings: PrivacySettings | None = None,
) -> tuple[dict[str, DataFrame], dict]:
    """Both topic gold tables from silver and bronze conversations (see `select_topic_prompts`)."""
    return topic_tables(select_topic_prompts(conversations_df, bronze_df, settings), settings, privacy_settings)


def _model_info(settings: TopicSettings) -> dict[str, object]:
    """The topic model as the run log records it: backend, its settings and library version."""
    import sklearn

    info: dict[str, object] = {"backend": settings.backend, "scikit-learn": sklearn.__version__,
                               "clusters": settings.clusters, "groups": settings.groups,
                               "random_state": settings.random_state, "naming": "class-based TF-IDF"}
    if settings.backend == "minilm":
        from chatlake.text.embed import model_info

        info.update(model_info())
    elif settings.backend == "sentence-transformers":
        info["embedding_model"] = settings.embedding_model
    else:
        info["dimensions"] = settings.dimensions
    return info


def cluster_topics(
    storage: Storage, settings: TopicSettings, run: RunInfo, privacy_settings: PrivacySettings | None = None
) -> StageResult:
    """Overwrite both topic gold tables from silver conversations and bronze text (examples as
    `privacy_settings` allow).

    rows_in = prompts clustered, rows_out = gold rows written; detail holds the clustering's
    figures (`topics`) and the rows per gold table.
    """
    steps = Steps("aggregate")
    with steps.step("topics: select, cluster") as step:
        tables, info = topic_gold_tables(storage.read(CONVERSATIONS), storage.read(BRONZE), settings,
                                         privacy_settings)
        step.rows = info["prompts"]
    rows = {}
    for name, gold_df in tables.items():
        with steps.step(gold(name)) as step:
            step.rows = rows[name] = storage.overwrite_gold(gold_df, gold(name), run.run_id)
    return StageResult(
        rows_in=info["prompts"], rows_out=sum(rows.values()), input=storage.path(CONVERSATIONS),
        models={"topics": _model_info(settings)}, detail={"topics": info, "gold_rows": rows}, steps=steps.records(),
    )
