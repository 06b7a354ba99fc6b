"""`python -m indexer`: index or reindex a corpus folder.

Exit codes: 0 done; 1 done, but some files failed (listed in the report);
2 nothing changed because of a fatal error (bad arguments, lock held, model
missing).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from indexer.chunk import ChunkSettings
from indexer.lock import LockHeld
from indexer.settings import resolve_settings

EXAMPLES = """
examples:
  python -m indexer                                  # corpus/ -> data/, incremental
  python -m indexer --corpus ~/dokument --data /srv/kb --json
  python -m indexer --full                           # rebuild every passage (cache still used)
  KB_MODEL=/models/my-e5 python -m indexer           # another sentence-transformers model

environment: KB_CORPUS, KB_DATA, KB_MODEL, KB_MODEL_CACHE (flags win over these)
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m indexer",
        description="Index a folder of documents into a searchable generation.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--corpus", help="folder of documents (default: KB_CORPUS or ./corpus)")
    parser.add_argument("--data", help="index folder (default: KB_DATA or ./data)")
    parser.add_argument("--model", help="model folder or hub id (default: KB_MODEL or bundled e5-small)")
    parser.add_argument("--full", action="store_true", help="re-read every file, not only changed ones")
    parser.add_argument("--json", action="store_true", help="print the report as one JSON object")
    parser.add_argument("--max-tokens", type=int, default=ChunkSettings.max_tokens, help="passage size in model tokens")
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors (and --json)")
    parser.add_argument("--forget", metavar="NAME", help="remove a person from the live index now and from every later run")
    return parser


def _forget(data: Path, name: str) -> int:
    from indexer.generation import Layout
    from indexer.lock import JobLock
    from indexer.privacy import forget

    layout = Layout(data)
    try:
        with JobLock(layout.lock):
            gen_id, removed = forget(layout, name)
    except LockHeld as exc:
        print(f"error: {exc}; try again when it has finished", file=sys.stderr)
        return 2
    if gen_id is None:
        print(f"{name!r} added to the suppression list; there is no index yet")
    else:
        print(f"{name!r} suppressed: {removed} person record(s) removed; now serving generation {gen_id}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    logging.basicConfig(
        level=logging.WARNING if args.quiet or args.json else logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    settings = resolve_settings(corpus=args.corpus, data=args.data, model=args.model)
    if not args.forget and not settings.corpus.is_dir():
        print(f"error: corpus folder not found: {settings.corpus}", file=sys.stderr)
        return 2
    if args.max_tokens < 32 or args.max_tokens > 500:
        print("error: --max-tokens must be between 32 and 500", file=sys.stderr)
        return 2

    if args.forget:
        return _forget(settings.data, args.forget)

    from indexer.embed import Embedder
    from indexer.pipeline import run_job

    def load_embedder() -> Embedder:
        return Embedder.load(settings.model, settings.model_cache)

    log = logging.getLogger("indexer")

    def progress(i: int, n: int, path: str) -> None:
        if i % 50 == 0:
            log.info("reading %d/%d %s", i + 1, n, path)

    try:
        report = run_job(
            settings,
            load_embedder,
            full=args.full,
            chunking=ChunkSettings(max_tokens=args.max_tokens),
            progress=progress,
        )
    except LockHeld as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError, ImportError, RuntimeError) as exc:
        print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(report.to_json())
    elif not args.quiet:
        print(report.summary())
    for failure in report.failed:
        print(f"failed: {failure['path']}: {failure['reason']}", file=sys.stderr)
    return 1 if report.failed else 0
