"""The enrich job: incremental runs, version changes, --full; one silver row per bronze row."""

from __future__ import annotations

import pytest

from chatlake.cli import main
from chatlake.generate import generate
from conftest import read_delta


def runs(tables, job):
    return [r for r in read_delta(tables / "ops/runs").to_pylist() if r["job"] == job]


@pytest.fixture
def two_batches(tmp_path):
    """Two generated datasets with disjoint ids (different seeds)."""
    for seed in (1, 2):
        generate(300, seed, tmp_path / f"batch{seed}", "parquet", shards=1, workers=1)
    return tmp_path


def test_incremental_enrich_only_new_or_outdated_conversations(two_batches):
    tables = two_batches / "tables"
    settings = ["--set", f"table_root={tables}"]

    def ingest(batch):
        assert main(["ingest", "--source", str(two_batches / batch / "data"), *settings]) == 0

    ingest("batch1")
    assert main(["enrich", *settings]) == 0
    ingest("batch2")
    assert main(["enrich", *settings]) == 0
    assert main(["enrich", *settings]) == 0  # nothing new
    enrich_runs = sorted(runs(tables, "enrich"), key=lambda r: r["started_at"])
    assert [r["rows_in"] for r in enrich_runs] == [300, 300, 0]

    bronze_ids = set(read_delta(tables / "bronze/conversations")["conversation_id"].to_pylist())
    silver = read_delta(tables / "silver/conversations")
    assert len(bronze_ids) == 600 and sorted(silver["conversation_id"].to_pylist()) == sorted(bronze_ids)
    messages = read_delta(tables / "silver/messages")
    assert messages.num_rows == sum(read_delta(tables / "silver/conversations")["messages"].to_pylist())

    # Other text settings: every conversation is outdated and redone in place (MERGE).
    assert main(["enrich", *settings, "--set", "text.lid_min_chars=5"]) == 0
    silver = read_delta(tables / "silver/conversations")
    assert silver.num_rows == 600 and len(set(silver["pipeline_version"].to_pylist())) == 1
    assert read_delta(tables / "silver/messages").num_rows == messages.num_rows
    last = max(runs(tables, "enrich"), key=lambda r: r["started_at"])
    assert last["rows_in"] == 600 and '"write_mode": "merge"' in last["detail"]

    assert main(["enrich", "--full", *settings]) == 0
    last = max(runs(tables, "enrich"), key=lambda r: r["started_at"])
    assert last["rows_in"] == 600 and '"write_mode": "overwrite"' in last["detail"]
    assert read_delta(tables / "silver/conversations").num_rows == 600


def test_silver_of_an_older_version_gets_the_new_columns(two_batches):
    """Silver written before `first_prompt_key` existed: the next enrich redoes it (MERGE) and the
    column is there, filled, for every conversation."""
    import pyarrow as pa
    from deltalake import write_deltalake

    tables = two_batches / "tables"
    settings = ["--set", f"table_root={tables}"]
    assert main(["ingest", "--source", str(two_batches / "batch1" / "data"), *settings]) == 0
    assert main(["enrich", *settings]) == 0
    silver = read_delta(tables / "silver/conversations")
    old = silver.drop_columns(["first_prompt_key", "pipeline_version"]).append_column(
        "pipeline_version", pa.array(["2-old"] * silver.num_rows))
    write_deltalake(str(tables / "silver/conversations"), old, mode="overwrite", schema_mode="overwrite")
    assert main(["enrich", *settings]) == 0
    last = max(runs(tables, "enrich"), key=lambda r: r["started_at"])
    assert last["rows_in"] == 300 and '"write_mode": "merge"' in last["detail"]
    silver = read_delta(tables / "silver/conversations")
    assert silver.num_rows == 300 and silver["first_prompt_key"].null_count < 30


def test_the_llama2_counter_through_the_worker_pool(two_batches):
    """`llama2` beside cl100k_base, counted in the embedded engine's worker processes by whitespace
    units: every message's count equals its text encoded whole (chatlake.text.llama2.encode), and
    the conversations' sums follow."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from chatlake.text.llama2 import encode

    tables = two_batches / "tables"
    settings = ["--set", f"table_root={tables}", "--set", 'text.token_counters=["cl100k_base", "llama2"]',
                "--set", "text.workers=2"]
    assert main(["ingest", "--source", str(two_batches / "batch1" / "data"), *settings]) == 0
    assert main(["enrich", *settings]) == 0
    bronze = pq.read_table(two_batches / "batch1" / "data", columns=["conversation_id", "conversation"])
    expected = {}
    for conversation_id, conversation in zip(bronze["conversation_id"].to_pylist(),
                                             bronze["conversation"].to_pylist(), strict=True):
        for index, message in enumerate(conversation):
            expected[(conversation_id, index)] = len(encode(message["content"])) if message["content"] else 0
    messages = read_delta(tables / "silver/messages")
    keys = zip(messages["conversation_id"].to_pylist(), messages["message_index"].to_pylist(), strict=True)
    counted = dict(zip(keys, messages["tokens_llama2"].to_pylist(), strict=True))
    assert counted == expected
    conversations = read_delta(tables / "silver/conversations")
    prompts = pc.sum(conversations["prompt_tokens_llama2"]).as_py()
    responses = pc.sum(conversations["response_tokens_llama2"]).as_py()
    assert prompts + responses == sum(expected.values())
    last = max(runs(tables, "enrich"), key=lambda r: r["started_at"])
    assert '"workers": 2' in last["detail"]
