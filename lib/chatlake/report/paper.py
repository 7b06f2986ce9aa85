"""The numbers the LMSYS-Chat-1M paper (arXiv 2309.11998) publishes, as the report compares them.

Source: /work/shared/reference/lmsys-chat-1m.md. Only what the paper states is here; rates the
report shows for the paper are computed from these counts and marked as such.
"""

from __future__ import annotations

import math

import pandas as pd

CITATION = "Zheng et al., LMSYS-Chat-1M: A Large-Scale Real-World LLM Conversation Dataset (arXiv 2309.11998)"

# Table 1, row LMSYS-Chat-1M. Tokens were counted with the Llama-2 tokenizer.
CONVERSATIONS = 1_000_000
MODELS = 25
USERS = 210_479
LANGUAGES = 154
AVG_TURNS = 2.0
AVG_PROMPT_TOKENS = 69.5
AVG_RESPONSE_TOKENS = 214.5
PAPER_TOKENIZER = "Llama-2"

# The WildChat paper's recomputation of the same row (mean +/- standard deviation).
WILDCHAT_AVG_TURNS = 2.02
WILDCHAT_PROMPT_TOKENS = (69.83, 143.49)
WILDCHAT_RESPONSE_TOKENS = (215.71, 1858.09)

# Figure 1: the counts the paper gives, and its top five (model families, as the paper names them).
MODEL_CONVERSATIONS = {"vicuna-13b": 490_712, "gpt-4": 7_304, "claude-2": 2_241}
TOP_MODELS = ("vicuna", "koala", "alpaca", "chatglm", "llama")

# Figure 2: top five languages by the released `language` column; English is about three quarters.
TOP_LANGUAGES = ("English", "Portuguese", "Russian", "Chinese", "Spanish")
ENGLISH_SHARE = 0.75

# Figure 3: topic clusters. 100K random English conversations, every user prompt of 32 to 1,536
# characters, all-mpnet-base-v2 sentence embeddings, k-means with 20 clusters, each named from the
# 100 prompts nearest its centre. Coding and software dominate (5 of the 20 clusters); two clusters
# are templated, script-like prompts.
TOPIC_CONVERSATIONS = 100_000
TOPIC_PROMPT_CHARS = (32, 1536)
TOPIC_CLUSTERS = 20
TOPIC_CODING_CLUSTERS = 5
TOPIC_TEMPLATED_CLUSTERS = 2
TOPIC_METHOD = "all-mpnet-base-v2 sentence embeddings, k-means (k = 20), clusters named from the 100 nearest prompts"

# Table 2: flagged conversations (categories overlap); keys are the gold table's column names.
FLAGGED = {
    "flagged": 54_427, "sexual": 33_968, "harassment": 21_167, "violence": 9_499, "hate": 3_591, "self_harm": 863
}

# The jailbreak table: model -> (conversations, attempts, successes).
JAILBREAK = {
    "vicuna-13b": (490_712, 15_925, 13_463),
    "gpt-4": (7_304, 368, 109),
    "claude-2": (2_241, 78, 18),
}


def wilson(successes: int, trials: int, z: float = 1.959963984540054) -> tuple[float, float]:
    """The 95% Wilson score interval of successes/trials (NaNs when trials is 0), as the gold
    tables compute it for our data."""
    if trials <= 0:
        return math.nan, math.nan
    p = successes / trials
    denominator = 1 + z * z / trials
    centre = (p + z * z / (2 * trials)) / denominator
    half = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / denominator
    return centre - half, centre + half


def jailbreak_rates() -> pd.DataFrame:
    """The paper's jailbreak counts as rates with 95% Wilson intervals, in the columns of
    gold/jailbreak_by_model (computed here: the paper gives counts only)."""
    rows = []
    for model, (conversations, attempts, successes) in JAILBREAK.items():
        attempt_low, attempt_high = wilson(attempts, conversations)
        success_low, success_high = wilson(successes, attempts)
        rows.append({"model": model, "conversations": conversations, "attempts": attempts, "successes": successes,
                     "attempt_rate": attempts / conversations, "attempt_rate_low": attempt_low,
                     "attempt_rate_high": attempt_high, "success_rate": successes / attempts,
                     "success_rate_low": success_low, "success_rate_high": success_high})
    return pd.DataFrame(rows)
