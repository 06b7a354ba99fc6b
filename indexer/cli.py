"""`python -m indexer`: index or reindex; `status` and `rollback` for operators.

Exit codes: 0 done; 1 done, but some files failed (listed in the report);
2 nothing changed because of a fatal error (bad arguments, lock held, model
missing).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from indexer.chunk import ChunkSettings
from indexer.errors import KBError, report_bug
from indexer.lock import LockHeld
from indexer.settings import Settings, resolve_settings
from indexer.store.reports import failure_line

if TYPE_CHECKING:
    from indexer.model.embedder import TextEmbedder

EXAMPLES = """
examples:
  python -m indexer                                  # corpus/ -> data/, incremental
  python -m indexer --corpus ~/dokument --data /srv/kb --json
  python -m indexer --full                           # re-read every file (cached vectors still used)
  python -m indexer --full --no-cache                # rebuild from scratch, every passage embedded again
  python -m indexer --config /etc/kb.toml            # several corpus folders, see kb.example.toml
  KB_MODEL=/models/my-e5 python -m indexer           # another model: every passage embedded again
  python -m indexer status --data /srv/kb            # current generation, its age and counts, last job
  python -m indexer rollback --data /srv/kb          # serve the previous generation again

exit codes: 0 done; 1 done, but some files failed (listed); 2 nothing changed
(bad arguments, another reindex running, model missing, disk full, or a bug: then a traceback)

environment: KB_CORPUS, KB_DATA, KB_MODEL, KB_MODEL_CACHE, KB_CONFIG, KB_KEEP_GENERATIONS,
KB_FILE_TIMEOUT, KB_FILE_MEMORY_MB, KB_FILE_SIZE_MB, KB_WORKERS (flags win over these, these over the --config file)
"""

COMMANDS = ("status", "rollback")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m indexer",
        usage=(
            "%(prog)s [options]  |  %(prog)s status [--data DIR] [--json]  |  %(prog)s rollback [--data DIR] [--to GEN]"
        ),
        description="Index a folder of documents into a searchable generation.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--corpus", help="folder of documents (default: KB_CORPUS or ./corpus)")
    parser.add_argument("--data", help="index folder (default: KB_DATA or ./data)")
    parser.add_argument("--config", help="TOML settings file with several corpus folders (default: KB_CONFIG)")
    parser.add_argument("--model", help="model folder or hub id (default: KB_MODEL or bundled e5-small)")
    parser.add_argument("--full", action="store_true", help="re-read every file, not only changed ones")
    parser.add_argument(
        "--no-cache", action="store_true", help="embed every passage again, not from the embedding cache"
    )
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.add_argument("--max-tokens", type=int, default=ChunkSettings.max_tokens, help="passage size in model tokens")
    parser.add_argument(
        "--overlap-tokens",
        type=int,
        default=ChunkSettings.overlap_tokens,
        help="tokens a passage repeats from the one before (whole sentences, at most this many)",
    )
    parser.add_argument(
        "--keep",
        type=int,
        metavar="N",
        help="generations to keep for rollback, at least 2 (default: KB_KEEP_GENERATIONS or 3)",
    )
    parser.add_argument(
        "--file-timeout",
        type=float,
        metavar="S",
        help="seconds one file may take to read (default: KB_FILE_TIMEOUT or 120)",
    )
    parser.add_argument(
        "--file-memory",
        type=int,
        metavar="MB",
        help="memory one file may take to read (default: KB_FILE_MEMORY_MB or 2048)",
    )
    parser.add_argument(
        "--file-size",
        type=int,
        metavar="MB",
        help="largest file read, in MB; larger ones fail with their size (default: KB_FILE_SIZE_MB or 50)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        metavar="N",
        help="reader processes (default: KB_WORKERS or the number of cores, at most 4)",
    )
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors (and --json)")
    parser.add_argument(
        "--forget", metavar="NAME", help="remove a person from the live index now and from every later run"
    )
    return parser


def _command_parser(command: str) -> argparse.ArgumentParser:
    if command == "status":
        parser = argparse.ArgumentParser(
            prog="python -m indexer status",
            description="Show the generation being served (id, age, counts), the generations kept, "
            "whether a job is running, and the last job's report. Every file of the served generation is "
            "checked against the checksums in its manifest. Exit 0 when a sound index is served; 2 when none "
            "is, or it is damaged (the damaged files are named, with the command that repairs them).",
        )
        parser.add_argument("--json", action="store_true", help="print one JSON object")
    else:
        parser = argparse.ArgumentParser(
            prog="python -m indexer rollback",
            description="Serve the previous generation again (the newest one older than the current). "
            "Takes the job lock: exit 2 while a reindex runs. The next reindex builds from the corpus "
            "again, so fix or remove the documents that made the rollback necessary first.",
        )
        parser.add_argument("--to", metavar="GEN", help="a generation id to switch to (see `status`)")
    parser.add_argument("--data", help="index folder (default: KB_DATA or ./data)")
    parser.add_argument("--config", help="TOML settings file (default: KB_CONFIG)")
    return parser


def _parse(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace | int:
    try:
        return parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2


def _forget(data: Path, name: str) -> int:
    from indexer.lock import JobLock
    from indexer.privacy import forget
    from indexer.store.layout import Layout

    layout = Layout(data)
    try:
        with JobLock(layout.lock):
            gen_id, removed = forget(layout, name)
    except LockHeld as exc:
        raise KBError(f"{exc}; try again when it has finished") from None
    if gen_id is None:
        print(f"{name!r} added to the suppression list; there is no index yet")
    else:
        print(f"{name!r} suppressed: {removed} person record(s) removed; now serving generation {gen_id}")
    return 0


def _status(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.status import format_status, job_status
    from indexer.store.layout import Layout

    status = job_status(Layout(settings.data))
    if args.json:
        print(json.dumps(status, ensure_ascii=False, indent=2))
    else:
        print(format_status(status))
    return 0 if status["current"] is not None and "error" not in status["current"] else 2


def _rollback(args: argparse.Namespace, settings: Settings) -> int:
    from indexer.lock import JobLock
    from indexer.rollback import rollback
    from indexer.store.layout import Layout

    layout = Layout(settings.data)
    try:
        with JobLock(layout.lock):
            before, now = rollback(layout, args.to)
    except LockHeld as exc:
        raise KBError(f"{exc}; try again when it has finished") from None
    print(f"rolled back: now serving generation {now} (was {before or 'none: CURRENT was damaged or missing'})")
    return 0


def _run_command(command: str, argv: list[str]) -> int:
    args = _parse(_command_parser(command), argv)
    if isinstance(args, int):
        return args
    settings = resolve_settings(data=args.data, config=args.config)
    return _status(args, settings) if command == "status" else _rollback(args, settings)


def _reindex(
    args: argparse.Namespace,
    embedder_factory: Callable[[], TextEmbedder] | None,
    on_stage: Callable[[str], None] | None,
) -> int:
    # The job's own lines at INFO; libraries (faiss, transformers) only when they warn.
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s", stream=sys.stderr)
    logging.getLogger("indexer").setLevel(logging.WARNING if args.quiet or args.json else logging.INFO)
    settings = resolve_settings(
        corpus=args.corpus, data=args.data, model=args.model, config=args.config,
        keep_generations=args.keep, file_timeout=args.file_timeout,
        file_memory_mb=args.file_memory, file_size_mb=args.file_size, workers=args.workers,
    )  # fmt: skip
    if args.max_tokens < 32 or args.max_tokens > 500:
        raise KBError("--max-tokens must be between 32 and 500")
    if not 0 <= args.overlap_tokens < args.max_tokens // 2:
        raise KBError("--overlap-tokens must be at least 0 and less than half of --max-tokens")
    if args.forget:
        return _forget(settings.data, args.forget)
    for source in settings.corpus_sources():
        if not source.path.is_dir():
            raise KBError(f"corpus folder not found: {source.path}")

    from indexer.job.run import run_job
    from indexer.progress import progress_for

    def load_embedder() -> TextEmbedder:
        # Imported only when the job loads the model: numpy and torch cost a job where nothing changed seconds.
        from indexer.model.embedder import Embedder

        return Embedder.load(settings.model, settings.model_cache)

    report = run_job(
        settings,
        embedder_factory or load_embedder,
        full=args.full,
        chunking=ChunkSettings(max_tokens=args.max_tokens, overlap_tokens=args.overlap_tokens),
        progress=progress_for(sys.stderr, quiet=args.quiet),
        no_cache=args.no_cache,
        on_stage=on_stage,
    )
    if args.json:
        print(report.to_json())
    elif not args.quiet:
        print(report.summary())
    for failure in report.failed:
        print(failure_line(failure), file=sys.stderr)
    return 1 if report.failed else 0


def main(
    argv: list[str] | None = None,
    *,
    embedder_factory: Callable[[], TextEmbedder] | None = None,
    on_stage: Callable[[str], None] | None = None,
) -> int:
    """Run the command line; returns the exit code.

    `embedder_factory` replaces the configured model (for example a small
    fake one in tests); `on_stage` is told each stage a reindex job reaches
    (see `indexer.job.run.STAGES`).
    """
    argv = sys.argv[1:] if argv is None else argv
    try:
        if argv and argv[0] in COMMANDS:
            return _run_command(argv[0], argv[1:])
        args = _parse(build_parser(), argv)
        if isinstance(args, int):
            return args
        return _reindex(args, embedder_factory, on_stage)
    except (KBError, OSError) as exc:
        # A setting, the lock, the disk: something the operator can fix; nothing changed.
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug: show it in full, and the job could not finish
        report_bug(exc)
        return 2
