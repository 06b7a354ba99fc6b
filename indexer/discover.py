"""Discovery: the files of a corpus folder, with size, mtime and content hash.

Never follows a link out of the corpus, and never loops: directory links are
not followed, and a file link counts only if it resolves inside the corpus.
Whatever is passed over is listed with the reason: links out or in circles,
empty files, pipes and devices, names that are not UTF-8, unlistable folders.
"""

from __future__ import annotations

import fnmatch
import hashlib
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from indexer.extract import SUPPORTED_SUFFIXES


@dataclass
class FoundFile:
    path: Path  # absolute
    rel: str  # relative to the corpus, forward slashes
    size: int
    mtime: float


@dataclass
class Discovery:
    files: list[FoundFile]
    skipped: list[tuple[str, str]]  # (relative path, reason)


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


IGNORE_FILE = ".kbignore"


def ignore_patterns(root: Path) -> list[str]:
    """Patterns from the corpus's .kbignore: one glob per line, matched on relative paths."""
    try:
        text = (root / IGNORE_FILE).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _ignored(rel: str, patterns: list[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def discover(corpus: Path, include: Callable[[str], bool] | None = None) -> Discovery:
    root = corpus.resolve()
    patterns = ignore_patterns(root)
    files: list[FoundFile] = []
    skipped: list[tuple[str, str]] = []

    def unlistable(exc: OSError) -> None:
        where = Path(exc.filename or root)
        rel = where.relative_to(root).as_posix() if where.is_relative_to(root) else str(where)
        skipped.append((rel or ".", f"cannot list folder: {exc.strerror or exc}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=unlistable, followlinks=False):
        here = Path(dirpath)
        # Hidden folders hold editor and VCS state, never documents.
        for name in list(dirnames):
            if name.startswith("."):
                dirnames.remove(name)
            elif (here / name).is_symlink():
                dirnames.remove(name)
                skipped.append(((here / name).relative_to(root).as_posix(), "link to a folder not followed"))
        dirnames.sort()
        for name in sorted(filenames):
            path = here / name
            rel = path.relative_to(root).as_posix()
            if name.startswith(".") or path.suffix.lower() not in SUPPORTED_SUFFIXES:
                continue
            try:
                rel.encode("utf-8")
            except UnicodeEncodeError:
                printable = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
                skipped.append((printable, "file name is not valid UTF-8: rename the file"))
                continue
            if _ignored(rel, patterns) or (include is not None and not include(rel)):
                continue
            if path.is_symlink():
                try:
                    target = path.resolve(strict=True)
                except (OSError, RuntimeError):
                    skipped.append((rel, "broken or looping link"))
                    continue
                if not target.is_relative_to(root):
                    skipped.append((rel, "link points outside the corpus"))
                    continue
                # Read the checked target, not the link: a link changed later cannot lead out.
                path = target
            try:
                st = path.stat()
            except OSError as exc:
                skipped.append((rel, f"cannot stat: {exc.strerror}"))
                continue
            if not stat.S_ISREG(st.st_mode):
                skipped.append((rel, "not a regular file (a pipe, socket or device)"))
                continue
            if st.st_size == 0:
                skipped.append((rel, "empty file (0 bytes)"))
                continue
            files.append(FoundFile(path, rel, st.st_size, st.st_mtime))
    return Discovery(files, skipped)
