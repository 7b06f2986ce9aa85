"""Bad records for `--dirty` runs: each is rejected by a correct ingest for exactly one reason.

The parent plans how many records of each kind go to which shard (`plan_dirty`); each shard's
worker builds its own (`make_bad_records`) from a few fresh conversations drawn with a separate
random stream, so the clean rows of a dirty run are identical to those of a clean run with the same
seed. Records destined for another shard ("foreign": the second copy of a cross-shard duplicate or
conflicting pair) are returned to the parent, which inserts them into the last shard.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np

# Reason codes (quarantine). The order is part of the deterministic plan.
UNPARSEABLE_LINE = "unparseable_line"
MISSING_ID = "missing_id"
MALFORMED_ID = "malformed_id"
WRONG_TYPE = "wrong_type"
MISSING_CONVERSATION = "missing_conversation"
EMPTY_CONVERSATION = "empty_conversation"
UNKNOWN_ROLE = "unknown_role"
CONFLICTING_DUPLICATE = "conflicting_duplicate"
DUPLICATE = "duplicate"  # exact copy of a clean record: dropped and counted, not quarantined

PARQUET_KINDS = (
    MISSING_ID, MALFORMED_ID, MISSING_CONVERSATION, EMPTY_CONVERSATION, UNKNOWN_ROLE, CONFLICTING_DUPLICATE
)
JSONL_KINDS = (
    UNPARSEABLE_LINE,
    MISSING_ID,
    MALFORMED_ID,
    WRONG_TYPE,
    MISSING_CONVERSATION,
    EMPTY_CONVERSATION,
    UNKNOWN_ROLE,
    CONFLICTING_DUPLICATE,
)

ABSENT = object()  # a key left out of a JSON object


def per_kind(rows: int) -> int:
    """How many bad records (or pairs, or duplicate copies) of each kind: 3 to 10 with size."""
    return min(10, max(3, rows // 10_000))


@dataclass(frozen=True)
class BadItem:
    """One planned bad record: its kind, which variant of that kind, and whether it (or, for a
    pair / duplicate, its second copy) goes to the last shard."""

    kind: str
    variant: int
    cross: bool


@dataclass
class DirtyPlan:
    per_shard: list[list[BadItem]] = field(default_factory=list)


def plan_dirty(shard_rows: list[int], fmt: str) -> DirtyPlan:
    """Spread `per_kind(rows)` items of every kind (and of exact duplicates) over the shards that
    have clean rows (a duplicate copies one of its shard's rows)."""
    rows = sum(shard_rows)
    n_shards = len(shard_rows)
    kinds = (JSONL_KINDS if fmt == "jsonl" else PARQUET_KINDS) + (DUPLICATE,)
    k = min(per_kind(rows), rows)
    plan = DirtyPlan(per_shard=[[] for _ in range(n_shards)])
    last = n_shards - 1
    filled = [i for i, size in enumerate(shard_rows) if size > 0]
    for ki, kind in enumerate(kinds):
        for j in range(k):
            shard = filled[(j + ki) % len(filled)]
            paired = kind in (CONFLICTING_DUPLICATE, DUPLICATE)
            cross = paired and n_shards > 1 and shard != last and j % 2 == 1
            plan.per_shard[shard].append(BadItem(kind, j, cross))
    return plan


def _fresh_id(rng: np.random.Generator) -> str:
    return rng.bytes(16).hex()


def _malformed_id(variant: int, rng: np.random.Generator) -> str:
    good = _fresh_id(rng)
    forms = (
        "abc",
        good.upper(),
        good[:31],
        good + "0",
        good[:31] + "g",
        f"{good[:8]}-{good[8:12]}-{good[12:16]}-{good[16:20]}-{good[20:]}",
    )
    return forms[variant % len(forms)]


def make_bad_records(
    items: list[BadItem],
    bases: list[dict[str, Any]],
    clean_pick: list[dict[str, Any]],
    fmt: str,
    rng: np.random.Generator,
) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    """Local and foreign bad records as (kind, record) pairs.

    bases: one fresh clean-looking record per item (used by every kind but DUPLICATE);
    clean_pick: one record of this shard's clean rows per DUPLICATE item (copied verbatim).
    A record is a dict (key order of the schema; ABSENT values are dropped when written) or, for
    `unparseable_line`, the raw line.
    """
    local: list[tuple[str, Any]] = []
    foreign: list[tuple[str, Any]] = []
    bi = ci = 0
    for item in items:
        if item.kind == DUPLICATE:
            original = clean_pick[ci]
            ci += 1
            (foreign if item.cross else local).append((DUPLICATE, copy.deepcopy(original)))
            continue
        rec = copy.deepcopy(bases[bi])
        bi += 1
        rec["conversation_id"] = _fresh_id(rng)
        v = item.variant
        if item.kind == UNPARSEABLE_LINE:
            line = json.dumps(rec, ensure_ascii=False, separators=(",", ":"))
            forms = (
                "Traceback (most recent call last): upstream returned 502",
                line[: max(10, len(line) // 2)],
                json.dumps([rec], ensure_ascii=False, separators=(",", ":")),
            )
            local.append((item.kind, forms[v % len(forms)]))
            continue
        if item.kind == MISSING_ID:
            forms = (None, "", ABSENT) if fmt == "jsonl" else (None, "")
            rec["conversation_id"] = forms[v % len(forms)]
        elif item.kind == MALFORMED_ID:
            rec["conversation_id"] = _malformed_id(v, rng)
        elif item.kind == WRONG_TYPE:
            which = v % 4
            if which == 0:
                rec["turn"] = "two"
            elif which == 1:
                rec["model"] = 13
            elif which == 2:
                rec["conversation"] = " ".join(m["content"] or "" for m in rec["conversation"])[:200]
            else:
                rec["redacted"] = "yes"
        elif item.kind == MISSING_CONVERSATION:
            forms = (None, ABSENT) if fmt == "jsonl" else (None,)
            rec["conversation"] = forms[v % len(forms)]
            rec["turn"] = 0
            rec["openai_moderation"] = []
        elif item.kind == EMPTY_CONVERSATION:
            rec["conversation"] = []
            rec["turn"] = 0
            rec["openai_moderation"] = []
        elif item.kind == UNKNOWN_ROLE:
            at = int(rng.integers(len(rec["conversation"])))
            rec["conversation"][at]["role"] = "narrator" if v % 2 == 0 else None
        elif item.kind == CONFLICTING_DUPLICATE:
            other = copy.deepcopy(rec)
            if v % 2 == 0:
                other["model"] = "gpt-4" if rec["model"] != "gpt-4" else "vicuna-13b"
            else:
                first = other["conversation"][0]
                first["content"] = (first["content"] or "") + " (edited)"
            local.append((item.kind, rec))
            (foreign if item.cross else local).append((item.kind, other))
            continue
        else:
            raise ValueError(f"unknown bad-record kind {item.kind!r}")
        local.append((item.kind, rec))
    return local, foreign


def json_line(record: Any) -> str:
    """One JSONL line (without newline) for a record dict, or the raw line itself."""
    if isinstance(record, str):
        return record
    return json.dumps({k: v for k, v in record.items() if v is not ABSENT}, ensure_ascii=False, separators=(",", ":"))
