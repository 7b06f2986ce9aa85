"""The paper's published numbers beside ours, one comparison table per paper table or figure.

Every function takes gold tables as pandas DataFrames (an empty or None frame is allowed) and
returns a frame of display strings with columns statistic, paper, ours, note. Raw counts of a
sample are not comparable with the paper's 1,000,000 conversations, so counts carry their share.
The cells are prose (`document.Table.markup`): every value from the data in them goes through
`document.literal`.
"""

from __future__ import annotations

import math

import pandas as pd

from chatlake.report import paper
from chatlake.report.document import MISSING, format_float, format_int, format_percent, literal
from chatlake.report.figures import CATEGORY_LABELS
from chatlake.tables import ALL_MODELS

COLUMNS = ["statistic", "paper", "ours", "note"]
USERS_NOTE = (
    "the released rows carry no user id (nor IP address), so the number of users cannot be "
    "recomputed from them; the paper counted users from data it did not release"
)


def _frame(rows: list[tuple[str, str, str, str]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=COLUMNS)


def _row0(df: pd.DataFrame | None) -> pd.Series | None:
    return None if df is None or df.empty else df.iloc[0]


def _count_share(count: object, total: object) -> str:
    if _nan(count) or _nan(total):
        return MISSING
    share = f" ({format_percent(float(count) / float(total))})" if float(total) > 0 else ""
    return f"{format_int(count)}{share}"


def _nan(value: object) -> bool:
    """None, NaN or pd.NA (pandas gives any of them for a missing value, by dtype)."""
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def _rate_interval(rate: object, low: object, high: object) -> str:
    if _nan(rate):
        return MISSING
    interval = "" if _nan(low) else f" [{format_percent(low)}, {format_percent(high)}]"
    return f"{format_percent(rate)}{interval}"


# --- Table 1 ------------------------------------------------------------------------------------


def basic_stats_comparison(basic_stats: pd.DataFrame | None) -> pd.DataFrame:
    """Table 1, row LMSYS-Chat-1M: one row per statistic, token averages once per counter.

    Input: gold/basic_stats (one row per token counter).
    """
    first = _row0(basic_stats)

    def ours(column: str, fmt=format_int) -> str:
        return MISSING if first is None else fmt(first[column])

    users = MISSING if first is None else literal(first["users"])
    rows = [
        ("conversations", format_int(paper.CONVERSATIONS), ours("conversations"), ""),
        ("models", format_int(paper.MODELS), ours("models"), "distinct `model` values"),
        ("users", format_int(paper.USERS), users, "cannot be recomputed: the released rows carry no user id"),
        ("languages (released names)", format_int(paper.LANGUAGES), ours("languages_released"),
         "distinct released `language` names (polyglot/CLD2 on the first user message), `unknown` excluded"),
        ("languages (fastText lid.176)", MISSING, ours("languages_fasttext"),
         "distinct lid.176 codes of the first user message, `und` excluded; the paper has no such count"),
        ("avg turns per conversation", f"{paper.AVG_TURNS:.1f}", ours("avg_turns", format_float),
         f"turns = len(conversation) // 2; the WildChat paper's recomputation: {paper.WILDCHAT_AVG_TURNS}"),
    ]
    counters = [] if basic_stats is None or basic_stats.empty else list(basic_stats.itertuples(index=False))
    for role, paper_mean, wildchat in (
        ("prompt", paper.AVG_PROMPT_TOKENS, paper.WILDCHAT_PROMPT_TOKENS),
        ("response", paper.AVG_RESPONSE_TOKENS, paper.WILDCHAT_RESPONSE_TOKENS),
    ):
        tokenizer_note = (
            f"per message over all {role}s; paper: {paper.PAPER_TOKENIZER} tokenizer, ours: the counter named "
            f"in brackets, so the two differ by tokenizer as well as by data; the WildChat paper's "
            f"recomputation: {wildchat[0]} ± {wildchat[1]}"
        )
        if not counters:
            rows.append((f"avg tokens per {role}", f"{paper_mean} ({paper.PAPER_TOKENIZER})", MISSING, tokenizer_note))
        for row in counters:
            mean, std = getattr(row, f"avg_{role}_tokens"), getattr(row, f"std_{role}_tokens")
            counter = literal(row.counter)
            value = MISSING if _nan(mean) else f"{format_float(mean)} ± {format_float(std)} ({counter})"
            rows.append((f"avg tokens per {role} ({counter})", f"{paper_mean} ({paper.PAPER_TOKENIZER})", value,
                         tokenizer_note))
    if first is not None:
        messages = f"{format_int(first['prompts'])} / {format_int(first['responses'])}"
        rows.append(("prompts / responses (messages)", MISSING, messages,
                     "user / assistant messages the token averages are over"))
    return _frame(rows)


# --- Figures 1 and 2 ----------------------------------------------------------------------------


def models_comparison(per_model: pd.DataFrame | None) -> pd.DataFrame:
    """Figure 1: the counts the paper gives, and the top five models.

    Input: gold/conversations_per_model (rank, model, conversations, share).
    """
    data = pd.DataFrame(columns=["rank", "model", "conversations", "share"]) if per_model is None else per_model
    total = data["conversations"].sum() if not data.empty else None
    by_model = data.set_index("model")
    rows = []
    for model, count in paper.MODEL_CONVERSATIONS.items():
        ours = _count_share(by_model.loc[model, "conversations"], total) if model in by_model.index else "absent"
        rows.append(
            (f"conversations of {model}", _count_share(count, paper.CONVERSATIONS), ours, "count (share of all)")
        )
    # Layouts without a model column (ShareGPT, Hugging Face chat) give conversations of no model.
    ranked = data.sort_values("rank")["model"].fillna("(no model)").astype(str).tolist()
    for i, family in enumerate(paper.TOP_MODELS):
        ours = ranked[i] if i < len(ranked) else MISSING
        note = "same" if ours.lower().startswith(family) else "differs"
        rows.append((f"model ranked {i + 1}", family, literal(ours), note))
    return _frame(rows)


def languages_comparison(top_languages: pd.DataFrame | None) -> pd.DataFrame:
    """Figure 2: the top five languages by released name, and the English share.

    Input: gold/top_languages. The note gives fastText's language at the same rank.
    """
    data = top_languages if top_languages is not None else pd.DataFrame()
    data = data.sort_values("rank") if not data.empty else data
    rows = []
    for i, language in enumerate(paper.TOP_LANGUAGES):
        row = data.iloc[i] if i < len(data) else None
        ours = MISSING if row is None or _nan(row["released_language"]) else str(row["released_language"])
        fasttext = ("" if row is None or _nan(row["fasttext_name"])
                    else f"fastText at this rank: {literal(row['fasttext_name'])}")
        same = "same" if ours == language else "differs"
        rows.append((f"language ranked {i + 1}", language, literal(ours), f"{same}; {fasttext}" if fasttext else same))
    english = MISSING
    fasttext_english = ""
    if not data.empty:
        released = data[data["released_language"] == "English"]
        if not released.empty:
            english = format_percent(released["released_share"].iloc[0])
        detected = data[data["fasttext_language"] == "en"]
        if not detected.empty:
            fasttext_english = f"fastText: {format_percent(detected['fasttext_share'].iloc[0])}"
    rows.append(("English share of conversations", f"about {paper.ENGLISH_SHARE:.0%}", english, fasttext_english))
    return _frame(rows)


# --- Table 2 and the jailbreak table ------------------------------------------------------------


def moderation_comparison(moderation: pd.DataFrame | None) -> pd.DataFrame:
    """Table 2: flagged conversations overall and per category, count (share of all).

    Input: gold/moderation_by_category, row `(all)`.
    """
    overall = None
    if moderation is not None and not moderation.empty:
        overall = _row0(moderation[moderation["model"] == ALL_MODELS])
    rows = []
    for key, count in paper.FLAGGED.items():
        label = "flagged (any category)" if key == "flagged" else CATEGORY_LABELS.get(key, key)
        ours = MISSING if overall is None else _count_share(overall[key], overall["conversations"])
        note = "a conversation is flagged when any of its messages is" if key == "flagged" else "categories overlap"
        rows.append((label, _count_share(count, paper.CONVERSATIONS), ours, note))
    return _frame(rows)


def jailbreak_comparison(jailbreak: pd.DataFrame | None) -> pd.DataFrame:
    """The jailbreak table for the paper's three models: counts, then rates with 95% Wilson
    intervals (the paper's computed from its counts).

    Input: gold/jailbreak_by_model.
    """
    by_model = pd.DataFrame() if jailbreak is None or jailbreak.empty else jailbreak.set_index("model")
    rows = []
    for model, (conversations, attempts, successes) in paper.JAILBREAK.items():
        ours = by_model.loc[model] if model in by_model.index else None
        paper_attempt = paper.wilson(attempts, conversations)
        paper_success = paper.wilson(successes, attempts)

        # Called in this iteration only; `ours` is bound to say so.
        def mine(column: str, ours: pd.Series | None = ours) -> str:
            return "absent" if ours is None else format_int(ours[column])

        def mine_rate(column: str, ours: pd.Series | None = ours) -> str:
            if ours is None:
                return "absent"
            return _rate_interval(ours[column], ours[f"{column}_low"], ours[f"{column}_high"])

        rows += [
            (f"{model}: conversations", format_int(conversations), mine("conversations"), ""),
            (f"{model}: attempts", format_int(attempts), mine("attempts"), "conversations with a flagged user message"),
            (f"{model}: successes", format_int(successes), mine("successes"),
             "attempts with a flagged assistant message as well"),
            (f"{model}: attempt rate", _rate_interval(attempts / conversations, *paper_attempt),
             mine_rate("attempt_rate"),
             "attempts / conversations [95% Wilson interval]; the paper's from its counts"),
            (f"{model}: success rate", _rate_interval(successes / attempts, *paper_success), mine_rate("success_rate"),
             "successes / attempts [95% Wilson interval]; the paper's from its counts"),
        ]
    return _frame(rows)


# --- Figure 3 -----------------------------------------------------------------------------------

# A cluster counts as a coding and software cluster when at least this share of its prompts shows
# program code (gold/topic_clusters `code_share`: a fenced block or code-like marks, see
# chatlake.text.code). Prompts outside programming almost never show code, and most prompts of a
# programming topic ask about code without pasting any, so one prompt in ten is already clear.
CODING_MIN_SHARE = 0.1
# A cluster counts as templated when at least this share of its prompts opens like 5+ others.
TEMPLATED_MIN_SHARE = 0.5


def topic_kinds(topic_clusters: pd.DataFrame | None) -> dict[int, str]:
    """cluster -> "templated" (templated_share >= TEMPLATED_MIN_SHARE), else "coding" (code_share
    >= CODING_MIN_SHARE), else "other".

    The rule looks at the prompts themselves, not at words: the paper named its clusters by
    reading them, and a word list would decide in advance which topics count as programming.
    Input: gold/topic_clusters (cluster, templated_share, code_share); a table written before
    `code_share` existed has no coding cluster.
    """
    if topic_clusters is None or topic_clusters.empty:
        return {}
    kinds = {}
    for row in topic_clusters.to_dict("records"):
        templated, code = row.get("templated_share"), row.get("code_share")
        if not _nan(templated) and templated >= TEMPLATED_MIN_SHARE:
            kinds[int(row["cluster"])] = "templated"
        elif not _nan(code) and code >= CODING_MIN_SHARE:
            kinds[int(row["cluster"])] = "coding"
        else:
            kinds[int(row["cluster"])] = "other"
    return kinds


def topics_comparison(topic_clusters: pd.DataFrame | None, method: str = "") -> pd.DataFrame:
    """Figure 3: number of clusters, coding and templated clusters, the largest cluster, sample.

    Input: gold/topic_clusters; `method`: how ours were computed (from the settings).
    """
    data = pd.DataFrame() if topic_clusters is None else topic_clusters
    if data.empty:
        ours = "none (gold/topic_clusters is empty or missing)"
        return _frame([("clusters", format_int(paper.TOPIC_CLUSTERS), ours, method)])
    kinds = topic_kinds(data)
    k = len(data)
    names = data.set_index("cluster")["name"].astype(str).to_dict()
    shares = data.set_index("cluster")["prompt_share"].to_dict()

    def of_kind(kind: str) -> tuple[str, str]:
        clusters = sorted(c for c, kk in kinds.items() if kk == kind)
        listed = "; ".join(f"{c}: {literal(names[c])}" for c in clusters)
        share = sum(shares[c] for c in clusters)
        return f"{len(clusters)} of {k}" + (f" ({format_percent(share)} of prompts)" if clusters else ""), listed

    coding, coding_names = of_kind("coding")
    if "code_share" not in data.columns:
        coding = "unknown: this gold/topic_clusters has no code_share; `chatlake aggregate` adds it"
    templated, templated_names = of_kind("templated")
    largest = data.sort_values(["prompts", "cluster"], ascending=[False, True]).iloc[0]
    prompts = int(data["prompts"].sum())
    first = data.iloc[0]
    conversations = (
        round(first["conversations"] / first["conversation_share"]) if first["conversation_share"] else 0
    )
    low, high = paper.TOPIC_PROMPT_CHARS
    rows = [
        ("sample", f"{paper.TOPIC_CONVERSATIONS:,} English conversations; prompts of {low:,}-{high:,} characters",
         f"{format_int(conversations)} English conversations, {format_int(prompts)} prompts", method),
        ("clusters", format_int(paper.TOPIC_CLUSTERS), format_int(k), ""),
        ("coding and software clusters", f"{paper.TOPIC_CODING_CLUSTERS} of {paper.TOPIC_CLUSTERS} (the largest group)",
         coding, f"at least {CODING_MIN_SHARE:.0%} of the prompts show code (a fenced block, or code-like "
         f"calls, identifiers, operators, statements, SQL or tags): {coding_names or 'none'}"),
        ("templated, script-like clusters", f"{paper.TOPIC_TEMPLATED_CLUSTERS} of {paper.TOPIC_CLUSTERS}", templated,
         f"at least {TEMPLATED_MIN_SHARE:.0%} of the prompts open like 5 or more others: {templated_names or 'none'}"),
        ("largest cluster", MISSING,
         f"{int(largest['cluster'])}: {literal(largest['name'])} ({format_percent(largest['prompt_share'])})",
         "share of the sampled prompts"),
    ]
    return _frame(rows)
