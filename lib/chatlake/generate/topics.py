"""The planted topics of English conversations (the ground truth for the paper's Figure 3).

Twenty topics modelled on the paper's clusters: five about coding and software, two made of
templated, script-like prompts, and thirteen others. Every conversation whose `language` is
English has exactly one topic; conversations in other languages (and `unknown`) have none.

The topic is a function of the conversation id (`planted_topic`): its first 13 hex digits, read
as a fraction of 16**13, pick a topic by the cumulative `TOPIC_WEIGHTS`. The generator draws ids
uniformly, so the shares follow the weights, and a test can recover every conversation's topic
from the released columns alone (`conversation_id`, `language`) without any extra column in the
data or re-running the generator.

How a topic shows in the text (see `text.render_prose` and `rows.build_rows`): a share of the
words of the conversation's English prose is replaced by words drawn from the topic's keyword
list (`USER_KEYWORD_SHARE` of prompt words, `ASSISTANT_KEYWORD_SHARE` of answer words); every user
prompt of a templated topic is one of that topic's templates; user prompts of a coding topic
sometimes paste code in the topic's languages. Keyword lists are disjoint, lowercase ASCII
letters only (so the summed token counts stay exact), and plain English (so fastText still says
`en`).
"""

from __future__ import annotations

import numpy as np

ENGLISH = "English"

# Shares of the words of English prose replaced by a keyword of the conversation's topic.
USER_KEYWORD_SHARE = 0.30
ASSISTANT_KEYWORD_SHARE = 0.15


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


TOPICS: dict[str, tuple[str, ...]] = {
    # --- coding and software (5) ---
    "python": _words(
        "python pandas numpy dataframe dictionary tuple lambda pip django flask jupyter indentation "
        "decorator iterator generator virtualenv matplotlib pythonic docstring listcomp args kwargs "
        "pytest notebook interpreter"
    ),
    "web_development": _words(
        "javascript html css react website browser frontend backend nodejs component webpage "
        "typescript angular vue navbar stylesheet responsive dom jquery bootstrap wordpress npm "
        "webpack tailwind"
    ),
    "sql_and_data": _words(
        "sql query postgres mysql sqlite schema join rows columns primary foreign spreadsheet excel "
        "csv pivot warehouse etl mongodb nosql groupby indexes normalization transactions tables "
        "dashboard"
    ),
    "machine_learning": _words(
        "neural training dataset accuracy tensorflow pytorch layers gradient regression "
        "classification embeddings transformer epochs overfitting prediction classifier clustering "
        "hyperparameters backpropagation convolutional finetuning keras sklearn inference"
    ),
    "debugging": _words(
        "error exception bug crash traceback stacktrace warning compiler undefined null segfault "
        "debugger breakpoint timeout leak dependency deprecated syntax runtime failing stderr "
        "workaround patch fix"
    ),
    # --- templated, script-like prompts (2); the keywords go into the answers ---
    "chemical_industry_template": _words(
        "chemical compound synthesis manufacturer industrial solvent reagent purity catalyst polymer "
        "toxicity hazardous storage upstream downstream intermediates pharmaceutical pesticide "
        "derivatives feedstock"
    ),
    "text_completion_template": _words(
        "completion descriptive outputs snippet illustrate demonstrate explanation walkthrough "
        "sample printed terminal formatted stepwise instructions tutorial"
    ),
    # --- everything else (13) ---
    "creative_writing": _words(
        "story poem chapter novel narrator plot villain hero dragon princess adventure magic poetry "
        "verse rhyme fairy tale fantasy wizard sorcerer haiku fable protagonist castle"
    ),
    "role_play": _words(
        "roleplay pretend persona scenario immersive stay roleplaying act waifu companion flirt "
        "girlfriend boyfriend tease blush giggle smirk whisper hug cuddle kiss"
    ),
    "business_marketing": _words(
        "marketing business customers brand sales startup revenue strategy campaign advertising "
        "audience investors pricing competitors profit newsletter entrepreneur ecommerce branding "
        "seo slogan linkedin"
    ),
    "ai_and_chatbots": _words(
        "chatbot openai gpt chatgpt vicuna llama llm alignment sentient consciousness agi "
        "superintelligence anthropic claude bard hallucination jailbreak robots singularity"
    ),
    "travel": _words(
        "travel trip hotel flight itinerary beach tourist passport luggage airport destination "
        "vacation resort sightseeing museum visa cruise backpacking hostel tour landmarks"
    ),
    "cooking": _words(
        "recipe cook bake ingredients oven chicken pasta sauce soup garlic onion flour butter "
        "dessert vegetarian spices grill dinner cheese tomato salad"
    ),
    "health": _words(
        "symptoms doctor diet exercise medication disease treatment vitamin sleep anxiety therapy "
        "blood calories nutrition fitness injury headache diabetes cholesterol workout"
    ),
    "math": _words(
        "equation solve integral derivative probability matrix fraction algebra geometry theorem "
        "proof calculus polynomial triangle angle logarithm arithmetic vector radius integer"
    ),
    "history": _words(
        "history war empire ancient dynasty revolution medieval century pharaoh emperor colonial "
        "civilization battle treaty archaeology roman napoleon monarchy crusades"
    ),
    "science": _words(
        "physics quantum atom electron molecule gravity energy planet galaxy telescope "
        "photosynthesis biology evolution species experiment hypothesis universe relativity neutron"
    ),
    "education_career": _words(
        "resume interview job career cover university student essay exam homework teacher "
        "scholarship internship degree professor thesis curriculum recruiter"
    ),
    "relationships": _words(
        "relationship friend dating marriage breakup advice feelings family wedding partner trust "
        "husband wife divorce crush lonely apologize parents"
    ),
    "games_entertainment": _words(
        "game movie film music song anime minecraft gaming console netflix episode album guitar "
        "football soccer basketball pokemon fortnite playlist"
    ),
}

TOPIC_NAMES: tuple[str, ...] = tuple(TOPICS)
TEMPLATED_TOPICS: tuple[str, ...] = ("chemical_industry_template", "text_completion_template")

# Topic mix of English conversations: coding and software lead (32%), as in the paper's Figure 3.
TOPIC_WEIGHTS: dict[str, float] = {
    "python": 0.09,
    "web_development": 0.06,
    "sql_and_data": 0.05,
    "machine_learning": 0.05,
    "debugging": 0.07,
    "chemical_industry_template": 0.04,
    "text_completion_template": 0.03,
    "creative_writing": 0.09,
    "role_play": 0.07,
    "business_marketing": 0.06,
    "ai_and_chatbots": 0.05,
    "travel": 0.04,
    "cooking": 0.035,
    "health": 0.04,
    "math": 0.04,
    "history": 0.035,
    "science": 0.04,
    "education_career": 0.04,
    "relationships": 0.035,
    "games_entertainment": 0.035,
}

# Languages of the code blocks pasted into a coding topic's messages (`text.code_block`).
CODE_LANGUAGES: dict[str, tuple[str, ...]] = {
    "python": ("python",),
    "web_development": ("javascript",),
    "sql_and_data": ("sql",),
    "machine_learning": ("python",),
    "debugging": ("python", "java", "cpp", "bash", "javascript"),
}
CODING_TOPICS: tuple[str, ...] = tuple(CODE_LANGUAGES)

_CUMULATIVE = np.cumsum([TOPIC_WEIGHTS[t] for t in TOPIC_NAMES]) / sum(TOPIC_WEIGHTS.values())
_ID_DIGITS = 13  # 52 bits: exact in a float64

NO_TOPIC = -1


def topic_indices(conversation_ids: list[str]) -> np.ndarray:
    """Index into TOPIC_NAMES of each conversation id's topic (whatever its language)."""
    if not conversation_ids:
        return np.zeros(0, dtype=np.int64)
    fraction = np.array([int(cid[:_ID_DIGITS], 16) for cid in conversation_ids], dtype=np.float64) / 16.0**_ID_DIGITS
    return np.minimum(np.searchsorted(_CUMULATIVE, fraction, side="right"), len(TOPIC_NAMES) - 1).astype(np.int64)


def planted_topic(conversation_id: str, language: str) -> str | None:
    """The topic the generator planted in a conversation, from its released columns: the topic
    name for an English conversation, None for any other language."""
    if language != ENGLISH:
        return None
    return TOPIC_NAMES[int(topic_indices([conversation_id])[0])]


assert set(TOPIC_WEIGHTS) == set(TOPICS) and len(TOPICS) == 20
assert abs(sum(TOPIC_WEIGHTS.values()) - 1.0) < 1e-9
assert set(CODING_TOPICS) | set(TEMPLATED_TOPICS) <= set(TOPICS)
assert all(w.isascii() and w.isalpha() and w.islower() for words in TOPICS.values() for w in words)
_ALL = [w for words in TOPICS.values() for w in words]
assert len(_ALL) == len(set(_ALL)), sorted({w for w in _ALL if _ALL.count(w) > 1})
