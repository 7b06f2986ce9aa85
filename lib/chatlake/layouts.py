"""The source layouts ingest reads by name, and how one is recognised: plain Python, no Spark.

A layout says where the released columns are in a source (`chatlake.conform` builds the select
expressions from it). Each file's layout is recognised from the columns of a Parquet file or the
keys of a JSON Lines file's first records (`detect_layout`), in this order:

| layout | recognised by | id | messages (role, text) | model | also read |
| --- | --- | --- | --- | --- | --- |
| `arena` (Chatbot Arena battles) | `conversation_a` and `conversation_b` | `question_id` + `-a` / `-b` | `conversation_a` / `conversation_b` (`role`, `content`) | `model_a` / `model_b` | `turn`, `language`, `openai_moderation` (one result: a list of one), `winner` (bronze `battle`) |
| `wildchat` (WildChat-1M) | `conversation` and `conversation_hash`, no `conversation_id` | `conversation_hash` | `conversation` (`role`, `content`) | `model` | as `lmsys`; underscore moderation keys |
| `lmsys` (LMSYS-Chat-1M) | `conversation` | `conversation_id` (else `conversation_hash`) | `conversation` (`role`, `content`) | `model` | `turn`, `language`, `openai_moderation`, `redacted` |
| `sharegpt` (ShareGPT dumps) | `conversations` | `id` | `conversations` (`from`, `value`) | `model` | roles human, gpt, bing, chatgpt (below) |
| `hf-chat` (Hugging Face chat datasets) | `messages` and `prompt_id` | `prompt_id` | `messages` (`role`, `content`) | `model` | |
| `openai` (OpenAI chat format) | `messages` | `id` | `messages` (`role`, `content`) | `model` | |

A message list whose elements spell the fields the other way (`role`/`content` in a ShareGPT
`conversations`, `from`/`value` in `messages`) is read with the spelling its records use. Every
layout but `arena` can be pointed at other names with `[ingest.columns]`, and every layout takes
role aliases from `[ingest.roles]` on top of its own (`resolve_layout`).
"""  # noqa: E501 - the Markdown table's rows are one line each

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType

from chatlake.config import IngestSettings

# The other spelling of the message fields that some datasets use.
MESSAGE_SPELLINGS = {"role": ("role", "from"), "content": ("content", "value")}
# ShareGPT's speakers: human and gpt, and the names of the bots some dumps were taken from.
SHAREGPT_ROLES = MappingProxyType({"human": "user", "gpt": "assistant", "bing": "assistant", "chatgpt": "assistant"})


@dataclass(frozen=True)
class Side:
    """One conversation of a source record: its messages and model columns, and what its id adds
    to the record's (`-a`; empty for a layout with one conversation per record)."""

    conversation: str
    model: str
    id_suffix: str = ""
    label: str = ""  # `a` / `b` in bronze `battle.side`
    opponent: str = ""  # the other side's model column


@dataclass(frozen=True)
class Layout:
    """Where the released columns are in a source layout: names of source columns and fields."""

    name: str
    title: str
    # Id columns, first non-null wins; none: every id is derived from the record's content.
    id_columns: tuple[str, ...]
    sides: tuple[Side, ...]
    role: str = "role"
    content: str = "content"
    turn: str = "turn"
    language: str = "language"
    openai_moderation: str = "openai_moderation"
    redacted: str = "redacted"
    # Chatbot Arena: the column of the verdict, kept in bronze `battle`.
    winner: str = ""
    role_aliases: Mapping[str, str] = field(default_factory=dict)
    # False: the layout was not recognised and these are the defaults it falls back on.
    recognised: bool = True
    # The settings that changed it (`ingest.columns.id`, ...), for the log and `inspect`.
    overridden: tuple[str, ...] = ()

    @property
    def is_battle(self) -> bool:
        return bool(self.winner)

    @property
    def conversation(self) -> str:
        return self.sides[0].conversation

    @property
    def model(self) -> str:
        return self.sides[0].model

    @property
    def message_columns(self) -> tuple[str, ...]:
        return tuple(side.conversation for side in self.sides)

    def described(self) -> str:
        """`openai (OpenAI chat format)`, with what changed it."""
        if self.recognised:
            text = f"{self.name} ({self.title})"
        elif self.overridden:
            text = f"custom (none recognised; {self.title}'s names where not set)"
        else:
            text = f"none recognised, read with {self.title}'s names"
        return text + (f", with {', '.join(self.overridden)}" if self.overridden else "")


def _single(conversation: str = "conversation", model: str = "model") -> tuple[Side, ...]:
    return (Side(conversation, model),)


LMSYS = Layout("lmsys", "LMSYS-Chat-1M", ("conversation_id", "conversation_hash"), _single())
WILDCHAT = Layout("wildchat", "WildChat-1M", ("conversation_hash",), _single())
OPENAI = Layout("openai", "OpenAI chat format", ("id",), _single("messages"))
HF_CHAT = Layout("hf-chat", "Hugging Face chat dataset", ("prompt_id",), _single("messages"))
SHAREGPT = Layout(
    "sharegpt", "ShareGPT", ("id",), _single("conversations"), role="from", content="value", role_aliases=SHAREGPT_ROLES
)
ARENA = Layout(
    "arena",
    "Chatbot Arena battles",
    ("question_id",),
    (
        Side("conversation_a", "model_a", "-a", "a", "model_b"),
        Side("conversation_b", "model_b", "-b", "b", "model_a"),
    ),
    winner="winner",
)
# In the order `detect_layout` tries them.
LAYOUTS: tuple[Layout, ...] = (ARENA, WILDCHAT, LMSYS, SHAREGPT, HF_CHAT, OPENAI)
LAYOUTS_BY_NAME: dict[str, Layout] = {layout.name: layout for layout in LAYOUTS}


def detect_layout(
    columns: Collection[str], message_fields: Mapping[str, Collection[str]] | None = None
) -> Layout | None:
    """The layout of a source with these top-level `columns` (or JSON keys), None when none fits.

    `message_fields` has the field names seen in the elements of each list column; they decide
    between the `role`/`content` and `from`/`value` spellings.
    """
    names = set(columns)
    if {"conversation_a", "conversation_b"} <= names:
        return ARENA
    if "conversation" in names:
        return WILDCHAT if "conversation_hash" in names and "conversation_id" not in names else LMSYS
    for layout in (SHAREGPT, HF_CHAT if "prompt_id" in names else OPENAI):
        if layout.conversation in names:
            return _with_message_spelling(layout, set((message_fields or {}).get(layout.conversation, ())))
    return None


def _with_message_spelling(layout: Layout, seen: set[str]) -> Layout:
    """`layout` with the message field names its records use, when they use the other spelling."""
    spelled = {}
    for target, spellings in MESSAGE_SPELLINGS.items():
        own = getattr(layout, target)
        if own not in seen:
            other = next((name for name in spellings if name in seen), None)
            if other is not None:
                spelled[target] = other
    return replace(layout, **spelled) if spelled else layout


def resolve_layout(detected: Layout | None, settings: IngestSettings) -> Layout:
    """The layout a file is read with: `ingest.layout` when it names one, else the detected one
    (LMSYS-Chat-1M's names when none was), with `[ingest.columns]` and `[ingest.roles]` applied."""
    if settings.layout != "auto":
        layout = LAYOUTS_BY_NAME[settings.layout]
    else:
        layout = detected or replace(LMSYS, recognised=False)
    columns = settings.columns
    changes: dict[str, object] = {}
    overridden = []
    if columns.id:
        changes["id_columns"] = (columns.id,)
    if not layout.is_battle and (columns.conversation or columns.model):
        changes["sides"] = (Side(columns.conversation or layout.conversation, columns.model or layout.model),)
    for name in ("role", "content", "turn", "language", "openai_moderation", "redacted"):
        if getattr(columns, name):
            changes[name] = getattr(columns, name)
    for name in ("id", "conversation", "role", "content", "model", "turn", "language", "openai_moderation", "redacted"):
        if getattr(columns, name) and not (layout.is_battle and name in ("conversation", "model")):
            overridden.append(f"ingest.columns.{name} = {getattr(columns, name)!r}")
    if settings.roles:
        changes["role_aliases"] = {**layout.role_aliases, **settings.roles}
        overridden.append("ingest.roles")
    if settings.layout != "auto":
        overridden.insert(0, f"ingest.layout = {settings.layout!r}")
    return replace(layout, **changes, overridden=tuple(overridden)) if changes or overridden else layout

