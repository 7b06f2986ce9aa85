"""Synthetic LMSYS-Chat-1M: the released schema, calibrated to the paper, with planted statistics.

The real dataset is gated and may never be committed, so tests and benchmarks run on this
generator's output. `generate(rows, seed, out_dir, fmt)` writes

- `out_dir/data/train-0000i-of-0000N.parquet` (exactly `chatlake.schema.LMSYS_ARROW_SCHEMA`), or
  `.jsonl` / `.jsonl.gz` (one JSON object per line, same field names, moderation keys with their
  slashes); about 100,000 rows per shard;
- `out_dir/planted_stats.json`: the exact statistics of what was written, computed in plain
  Python from the written rows (never with Spark), so every table the pipeline computes can be
  checked against it.

Same arguments, same bytes (whatever `workers`); re-running replaces the old shards.

Calibration (see `calibration`): 25 models (vicuna-13b about 49%, gpt-4 0.73%, claude-2 0.22%),
81 languages plus `unknown` written in real words of their own script (wordfreq, CLDR,
stopwords-iso) so that fastText lid.176 recognises them, about 2.0 turns per conversation, about
69.5 tokens per prompt and 214.5 per answer (cl100k_base, heavy tailed), 5.4% flagged
conversations with Table 2's category mix, per-model jailbreak attempts and successes, about 3%
redacted conversations with NAME_1... placeholders, and realistic mess in accepted rows: code
blocks, emoji, empty and null contents, `<|endoftext|>` in text, moderation lists shorter than the
conversation, two user messages in a row, a trailing unanswered prompt. English conversations
carry one of 20 planted topics (topical words in their prose, templated prompts, pasted code), the
ground truth for the topic clusters of the paper's Figure 3. Groups of 2 to 4 conversations share a
first prompt exactly or nearly (a word or two replaced), within one language other than English
and one redaction: the ground truth for the repetition tables.

planted_stats.json keys
-----------------------
Over the clean rows only (those a correct ingest accepts; exact duplicates counted once):

- `generator_version`, `seed`, `format` ("parquet" / "jsonl"), `shards`: how the data was made.
- `encoding`: "cl100k_base", the tiktoken encoding of every token count (`encode_ordinary`).
- `rows`: number of clean conversations. `models`: number of distinct models among them.
- `per_model`: {model: {conversations, attempts, successes, user_messages, assistant_messages,
  user_tokens, assistant_tokens}}. attempts = conversations with at least one flagged user
  message; successes = conversations with at least one flagged assistant message (the generator
  only flags answers in attempted conversations, so successes are also attempts that succeeded).
- `per_language`: {`language` column value: conversations}.
- `per_planted_code`: {fastText lid.176 label of the language the first user message is written
  in: conversations}; `und` for the `unknown` language (short or garbled first prompts that no
  detector should be held to). `calibration.LANGUAGE_CODES` maps names to these labels.
- `turn_histogram`: {turn (as a string): conversations}; `turns_sum`: sum of `turn`
  (`turn` == len(conversation) // 2 for every row).
- `per_role`: {"user" | "assistant": {messages, tokens_sum, tokens_sumsq, chars_sum}}: tokens
  with cl100k_base, characters as Unicode code points; a null or empty content counts 0 and 0.
- `flagged_conversations`: conversations with at least one flagged moderation entry.
- `per_category`: {sexual, harassment, violence, hate, self-harm: conversations with a message
  flagged in that category}; a sub-key (`hate/threatening`) counts for its parent even when the
  parent key itself is false. Categories overlap.
- `per_category_by_role`: {"user" | "assistant": {category: conversations with a message of that
  role flagged in that category}}.
- `redacted`: conversations with `redacted` true.
- `messages_without_moderation`: messages beyond the end of their conversation's
  `openai_moderation` list (such a message counts as not flagged).
- `topics`: {topic: English conversations} for the 20 planted topics (`chatlake.generate.topics`:
  5 about coding, 2 of templated prompts). A conversation's topic is not a column: it is a function
  of its id, `planted_topic(conversation_id, language)` (None for other languages than English).
- `repetition`: the first user prompts, normalised as `gold/repeated_prompts` does (lower case,
  every run of characters other than letters, marks, digits and `_` one space, trimmed; empty
  ones left out), over all shards: `repeated_groups` (normalised prompts opening at least 2
  conversations), `repeated_conversations` (the conversations opening with one of them),
  `repeated_per_model` ({model: such conversations}), `top_repeated_counts` (the conversations of
  the 50 most repeated, largest first); these include the repeats nobody planted (short garbled
  prompts). Then the planted groups (`chatlake.generate.repeats`): `planted_exact_groups`,
  `planted_exact_conversations` (byte-identical first prompts), `planted_near_groups`,
  `planted_near_conversations`, `planted_near_pairs` (every pair of members of a near group:
  distinct normalised prompts whose word 2-gram Jaccard similarity is at least 0.8). The groups
  themselves, as lists of conversation ids (the first member the original), are in
  `out_dir/planted_repetition.json` (`exact_groups`, `near_groups`).
- `dirty` (only for dirty=True): {"quarantine": {reason code: records}, "duplicates": extra exact
  copies of clean records (dropped, not quarantined), "records_total": every record written}.
  Reason codes: unparseable_line and wrong_type (JSONL only), missing_id, malformed_id,
  missing_conversation, empty_conversation, unknown_role, conflicting_duplicate (both records of a
  pair that share an id with different content). Each bad record is wrong in exactly one way.
"""

from chatlake.generate.core import GENERATOR_VERSION, GenerateResult, generate
from chatlake.generate.topics import TOPIC_NAMES, planted_topic

__all__ = ["GENERATOR_VERSION", "TOPIC_NAMES", "GenerateResult", "generate", "planted_topic"]
