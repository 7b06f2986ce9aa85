"""The `chatlake` command: one subcommand per job (typer), each a thin shell around the package.

Every subcommand takes `--config FILE` (a conf/*.toml; repeatable, later files win), `--engine NAME`
and `--set key=value` (repeatable) and returns exit code 0 on success, 2 on a usage or input error
printed as one line (an ingest that refused its input included, after it wrote the quarantine).
"""

from __future__ import annotations

import functools
import logging
import sys
import warnings
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.logging import RichHandler
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from chatlake import ChatlakeError
from chatlake.config import Config, load_config

log = logging.getLogger("chatlake")

app = typer.Typer(
    name="chatlake",
    help="The LMSYS-Chat-1M paper's statistics, recomputed with PySpark on Delta tables.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ConfigOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--config", "-c",
        help="Settings file (conf/local.toml, ...); repeat it to layer a dataset's (conf/lmsys.toml); "
        "default: built-in.",
    ),
]
EngineOption = Annotated[
    str | None, typer.Option("--engine", "-e", help="embedded (default), local, cluster or connect.")
]
SetOption = Annotated[
    list[str] | None, typer.Option("--set", "-s", help="Override a setting: key=value, e.g. format=parquet.")
]

PublicOption = Annotated[
    bool,
    typer.Option("--public", help="Public output: quote no prompt seen in fewer than privacy.public_min_conversations "
                 "conversations (same as --set privacy.public=true)."),
]


def settings(
    config: list[Path] | None, engine: str | None, overrides: list[str] | None, public: bool = False
) -> Config:
    extra = [f"engine={engine}"] if engine else []
    if public:
        extra.append("privacy.public=true")
    return load_config(config or None, [*(overrides or []), *extra])


@functools.cache
def _console() -> Console:
    """The one stderr console that logs and progress share, so they do not overwrite each other."""
    console = Console(stderr=True)
    if not console.is_terminal:  # rich wraps at 80 columns off a terminal; log lines read better whole
        console = Console(stderr=True, width=200)
    return console


@app.callback()
def _configure_logging(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Debug logging.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Warnings and errors only.")] = False,
) -> None:
    level = logging.DEBUG if verbose else logging.WARNING if quiet else logging.INFO
    handler = RichHandler(console=_console(), show_path=False, markup=False, rich_tracebacks=False)
    logging.basicConfig(level=level, format="%(message)s", datefmt="[%X]", handlers=[handler], force=True)
    # The gold statistics rank small, already aggregated frames with unpartitioned windows on
    # purpose; pyspark warns about every one.
    warnings.filterwarnings("ignore", message=".*No Partition Defined for Window operation.*")
    # py4j and the Connect client are chatty at INFO.
    for noisy in ("py4j", "pyspark", "urllib3"):
        logging.getLogger(noisy).setLevel(max(level, logging.WARNING))


@app.command()
def generate(
    rows: Annotated[int, typer.Option(help="Conversations to generate.", min=1)] = 10_000,
    seed: Annotated[int, typer.Option(help="Random seed; the same seed gives the same bytes.")] = 0,
    out: Annotated[Path, typer.Option(help="Output folder: data/ and planted_stats.json.")] = Path("chatlake-data"),
    format: Annotated[str, typer.Option("--format", help="parquet or jsonl.")] = "parquet",
    gzip: Annotated[bool, typer.Option(help="gzip the JSON Lines files.")] = False,
    dirty: Annotated[bool, typer.Option(help="Add a known number of bad records of each kind.")] = False,
    shards: Annotated[int | None, typer.Option(help="Number of files; default about 100K rows each.")] = None,
    workers: Annotated[int | None, typer.Option(help="Processes; default one per core.")] = None,
) -> None:
    """Write a synthetic dataset in the released LMSYS-Chat-1M layout, and the statistics it planted."""
    from chatlake.generate import generate as generate_dataset

    result = generate_dataset(rows, seed, out, format, dirty=dirty, gzip=gzip, shards=shards, workers=workers)
    log.info("generate: %s", result)


def _run_jobs(cfg: Config, *jobs: tuple[str, dict[str, object]]) -> None:
    """Run jobs (name, arguments) one after another in one session; each gets its own run log row.

    A progress line per job goes to the terminal (rich), over the log.
    """
    from chatlake.runner import run_job
    from chatlake.session import spark_session

    with _progress() as progress, spark_session(cfg) as spark:
        for name, arguments in jobs:
            task = progress.add_task(name, total=1)
            run_job(spark, cfg, name, **arguments)
            progress.update(task, completed=1)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(finished_text="[green]done"),
        TextColumn("{task.description}"),
        TimeElapsedColumn(),
        console=_console(),
        transient=False,
        # Off a terminal (a log file, a pipe, CI) the progress lines would only repeat the log.
        disable=not _console().is_terminal,
    )


@app.command()
def ingest(
    source: Annotated[str, typer.Option("--source", help="A file, folder or glob of .parquet / .jsonl[.gz].")],
    config: ConfigOption = None,
    engine: EngineOption = None,
    set_: SetOption = None,
) -> None:
    """Load conversation files into bronze/conversations; bad records into bronze/quarantine."""
    _run_jobs(settings(config, engine, set_), ("ingest", {"source": source}))


@app.command("inspect")
def inspect_source(
    source: Annotated[str, typer.Option("--source", help="A file, folder or glob of .parquet / .jsonl[.gz].")],
    sample: Annotated[int, typer.Option(help="Records read from each file.", min=1)] = 1000,
    files: Annotated[int, typer.Option(help="Files inspected at most.", min=1)] = 10,
    config: ConfigOption = None,
    engine: EngineOption = None,
    set_: SetOption = None,
) -> None:
    """Show what ingest would make of a sample of SOURCE (layout, mapping, share accepted, reasons); writes nothing."""
    from chatlake.inspection import format_inspection
    from chatlake.inspection import inspect_source as inspect_files
    from chatlake.session import spark_session
    from chatlake.storage import Storage

    cfg = settings(config, engine, set_)
    with spark_session(cfg) as spark:
        inspection = inspect_files(Storage.of(spark, cfg), cfg.ingest, source, sample=sample, max_files=files)
    typer.echo(format_inspection(inspection))


@app.command()
def enrich(
    full: Annotated[bool, typer.Option("--full", help="Rebuild the silver tables from scratch.")] = False,
    config: ConfigOption = None,
    engine: EngineOption = None,
    set_: SetOption = None,
) -> None:
    """Language ID and token counts: bronze -> silver/messages and silver/conversations."""
    _run_jobs(settings(config, engine, set_), ("enrich", {"full": full}))


@app.command()
def aggregate(
    public: PublicOption = False, config: ConfigOption = None, engine: EngineOption = None, set_: SetOption = None
) -> None:
    """The paper's statistics: silver -> one gold/* table per statistic."""
    _run_jobs(settings(config, engine, set_, public), ("aggregate", {}))


@app.command()
def report(
    public: PublicOption = False, config: ConfigOption = None, engine: EngineOption = None, set_: SetOption = None
) -> None:
    """Figures, CSV and Markdown tables, report.html and report.md from the gold tables."""
    _run_jobs(settings(config, engine, set_, public), ("report", {}))


@app.command("export")
def export_selection(
    name: Annotated[str, typer.Argument(help="high_quality, safety_benchmark or moderation_training.")],
    out: Annotated[Path, typer.Option("--out", help="The JSON Lines file to write (gzip when it ends in .gz).")],
    config: ConfigOption = None,
    engine: EngineOption = None,
    set_: SetOption = None,
) -> None:
    """A use-case dataset of the paper (gold/NAME joined with bronze) as JSON Lines in the OpenAI chat layout."""
    from chatlake.export import check_export_name

    check_export_name(name)
    _run_jobs(settings(config, engine, set_), ("export", {"name": name, "out": str(out.expanduser().absolute())}))


@app.command("run-all")
def run_all(
    source: Annotated[
        str | None, typer.Option("--source", help="Your files; default: a generated synthetic sample.")
    ] = None,
    rows: Annotated[int, typer.Option(help="Synthetic conversations, without --source.", min=1)] = 20_000,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic sample.")] = 0,
    data: Annotated[Path, typer.Option(help="Where the synthetic sample is written.")] = Path("chatlake-data"),
    public: PublicOption = False,
    config: ConfigOption = None,
    engine: EngineOption = None,
    set_: SetOption = None,
) -> None:
    """The whole pipeline: generate (or your --source), ingest, enrich, aggregate, report."""
    cfg = settings(config, engine, set_, public)
    if source is None:
        from chatlake.generate import generate as generate_dataset

        with _progress() as progress:
            task = progress.add_task(f"generate {rows:,} synthetic conversations", total=1)
            result = generate_dataset(rows, seed, data, "parquet")
            progress.update(task, completed=1)
        log.info("generate: %s", result)
        source = str(data / "data")
    _run_jobs(cfg, ("ingest", {"source": source}), ("enrich", {}), ("aggregate", {}), ("report", {}))


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; a ChatlakeError becomes one line on stderr and exit code 2."""
    command = typer.main.get_command(app)
    try:
        result = command.main(args=argv, prog_name="chatlake", standalone_mode=False)
    except ChatlakeError as exc:
        print(f"chatlake: error: {exc}", file=sys.stderr)
        return 2
    except typer.TyperException as exc:  # usage errors: a missing or unknown option, ...
        exc.show()
        return exc.exit_code
    except typer.Abort:
        print("chatlake: aborted", file=sys.stderr)
        return 1
    return result if isinstance(result, int) else 0


def job_main(job: str) -> None:
    """Entry point of one job (`chatlake-ingest`, ...): `chatlake JOB ARGS...`.

    Exits with the job's code rather than returning it: a Databricks python_wheel_task ignores
    a return value, and a failed job must fail the task.
    """
    sys.exit(main([job, *sys.argv[1:]]))


ingest_main = functools.partial(job_main, "ingest")
enrich_main = functools.partial(job_main, "enrich")
aggregate_main = functools.partial(job_main, "aggregate")
report_main = functools.partial(job_main, "report")
export_main = functools.partial(job_main, "export")
run_all_main = functools.partial(job_main, "run-all")
generate_main = functools.partial(job_main, "generate")
