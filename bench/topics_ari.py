"""Time and adjusted Rand index of each topic backend on the topic sample of generated data.

    chatlake generate --rows 150000 --seed 7 --out /tmp/gen150k
    python bench/topics_ari.py /tmp/gen150k --sample 2000 --out bench/results/topics_ari-2000.json
    python bench/topics_ari.py /tmp/gen150k --count-tokens    # the 100K sample's size in model tokens

The sample is `chatlake.topics.select_topic_prompts`'s, rebuilt here from the generator's Parquet
files without Spark: the `sample` English conversations with the smallest sha-256 of their id
among those with a user prompt of `min_chars`..`max_chars` characters, and every such prompt of
them in (conversation_id, message_index) order. English is the generator's planted language, not
fastText's label of the first prompt (they agree on at least 97% of the end-to-end test's
prompts), so no enrich run is needed. Each backend then runs `chatlake.topics.cluster_prompts`
with conf/local.toml's `[topics]` settings (k = 20), as `chatlake aggregate` does; the ARI is
against `chatlake.generate.planted_topic`. Wall and process CPU seconds (all threads) are
printed, and the load average, since the machine may be shared.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import resource
import time
from pathlib import Path
from typing import Annotated

import pyarrow.parquet as pq
import typer
from sklearn.metrics import adjusted_rand_score

import chatlake.text.embed as embed_module
from chatlake.config import TopicSettings, load_config
from chatlake.generate import planted_topic
from chatlake.topics import cluster_prompts


def topic_sample(data: Path, settings: TopicSettings) -> tuple[list[str], list[str]]:
    """(conversation id, prompt) of every prompt of the sample, in select_topic_prompts' order."""
    table = pq.read_table(sorted(str(p) for p in (data / "data").glob("*.parquet")),
                          columns=["conversation_id", "conversation", "language"])
    prompts: dict[str, list[tuple[int, str]]] = {}
    ids, conversations, languages = (
        table.column(c).to_pylist() for c in ("conversation_id", "conversation", "language"))
    for cid, conversation, language in zip(ids, conversations, languages, strict=True):
        if language != "English":
            continue
        kept = [(i, m["content"]) for i, m in enumerate(conversation)
                if m["role"] == "user" and settings.min_chars <= len(m["content"] or "") <= settings.max_chars]
        if kept:
            prompts[cid] = kept
    chosen = sorted(prompts, key=lambda c: (hashlib.sha256(c.encode()).hexdigest(), c))
    if settings.sample_conversations > 0:
        chosen = chosen[: settings.sample_conversations]
    pairs = [(cid, i, text) for cid in chosen for i, text in prompts[cid]]
    pairs.sort(key=lambda p: (p[0], p[1]))
    return [p[0] for p in pairs], [p[2] for p in pairs]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def run_backend(texts: list[str], truth: list[str], settings: TopicSettings) -> dict[str, object]:
    """cluster_prompts with `settings`: its wall and CPU seconds (the embedding's apart) and ARI."""
    spent = {"embed_seconds": 0.0, "embed_cpu_seconds": 0.0}
    original = embed_module.embed

    def timed_embed(*args, **kwargs):
        wall, cpu = time.perf_counter(), _cpu()
        try:
            return original(*args, **kwargs)
        finally:
            spent["embed_seconds"] += time.perf_counter() - wall
            spent["embed_cpu_seconds"] += _cpu() - cpu

    embed_module.embed = timed_embed
    try:
        load, wall, cpu = os.getloadavg()[0], time.perf_counter(), _cpu()
        clusters = cluster_prompts(texts, settings)
        wall, cpu = time.perf_counter() - wall, _cpu() - cpu
    finally:
        embed_module.embed = original
    result: dict[str, object] = {
        "backend": settings.backend, "prompts": len(texts), "clusters": clusters.clusters,
        "ari": round(float(adjusted_rand_score(truth, clusters.labels)), 4),
        "seconds": round(wall, 1), "cpu_seconds": round(cpu, 1), "load_average_before": round(load, 2),
        "names": [clusters.name(c) for c in range(clusters.clusters)],
    }
    if settings.backend == "minilm":
        tokens = sample_tokens(texts)
        result.update({k: round(v, 1) for k, v in spent.items()})
        result.update({"tokens": tokens, "tokens_per_cpu_second": round(tokens / spent["embed_cpu_seconds"])})
    return result


def sample_tokens(texts: list[str]) -> int:
    """Tokens the minilm backend runs through the model ([CLS] and [SEP] included, at most 256 a prompt)."""
    tokenizer, _ = embed_module._load(embed_module.default_threads())
    return sum(len(e.ids) for e in tokenizer.encode_batch(texts))


def main(
    data: Annotated[Path, typer.Argument(help="A `chatlake generate` output folder (data/*.parquet).")],
    backends: Annotated[str, typer.Option(help="Comma-separated topics.backend values.")] = "tfidf,minilm",
    sample: Annotated[int, typer.Option(help="topics.sample_conversations (default: conf/local.toml's).")] = -1,
    out: Annotated[Path | None, typer.Option(help="Write the results here as JSON.")] = None,
    count_tokens: Annotated[bool, typer.Option(help="Only count the sample's minilm tokens (cheap).")] = False,
) -> None:
    settings = load_config(Path(__file__).resolve().parents[1] / "conf" / "local.toml").topics
    if sample >= 0:
        settings = dataclasses.replace(settings, sample_conversations=sample)
    started = time.perf_counter()
    ids, texts = topic_sample(data, settings)
    truth = [planted_topic(cid, "English") for cid in ids]
    print(f"sample: {len(set(ids))} conversations, {len(texts)} prompts "
          f"({time.perf_counter() - started:.1f} s); {os.cpu_count()} cores, load {os.getloadavg()}")
    if count_tokens:
        print(json.dumps({"conversations": len(set(ids)), "prompts": len(texts), "tokens": sample_tokens(texts)}))
        return
    results = []
    for backend in backends.split(","):
        result = run_backend(texts, truth, dataclasses.replace(settings, backend=backend))
        results.append(result)
        print(json.dumps({k: v for k, v in result.items() if k != "names"}))
    if out:
        summary = {"data": str(data), "conversations": len(set(ids)), "results": results}
        out.write_text(json.dumps(summary, indent=1) + "\n")


if __name__ == "__main__":
    typer.run(main)
