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
from operator import attrgetter
from pathlib import Path

from indexer.extract import SUPPORTED_SUFFIXES


@dataclass(slots=True)
class FoundFile:
    location: str | Path  # absolute; see `path`
    rel: str  # relative to the corpus, forward slashes
    size: int
    mtime: float

    @property
    def path(self) -> Path:
        """The file as a Path. Kept as a string until asked for: a Path for each of 100,000 files
        costs a third of a second, and a reindex where nothing changed never needs one."""
        return Path(self.location)


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
    """Every document file under `corpus`, a folder's files before its subfolders, each in name order.

    One `scandir` per folder and one `stat` per file: a reindex where nothing
    changed spends most of its time here, so links and file types come from
    the folder listing rather than from a call per file.
    """
    root = corpus.resolve()
    patterns = ignore_patterns(root)
    files: list[FoundFile] = []
    skipped: list[tuple[str, str]] = []

    def walk(folder: str, prefix: str) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = sorted(listing, key=attrgetter("name"))
        except OSError as exc:
            skipped.append((prefix.rstrip("/") or ".", f"cannot list folder: {exc.strerror or exc}"))
            return
        subfolders: list[os.DirEntry[str]] = []
        for entry in entries:
            name = entry.name
            if _is_dir(entry):
                # Hidden folders hold editor and VCS state, never documents.
                if name.startswith("."):
                    continue
                if entry.is_symlink():
                    skipped.append((prefix + name, "link to a folder not followed"))
                else:
                    subfolders.append(entry)
                continue
            if name.startswith(".") or not name.lower().endswith(SUPPORTED_SUFFIXES):
                continue
            found = _found_file(root, entry, prefix + name, patterns, include, skipped)
            if found is not None:
                files.append(found)
        for entry in subfolders:
            walk(entry.path, prefix + entry.name + "/")

    walk(str(root), "")
    return Discovery(files, skipped)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """A folder, or a link to one (as os.walk counts them); an entry that cannot be checked is not."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _found_file(
    root: Path,
    entry: os.DirEntry[str],
    rel: str,
    patterns: list[str],
    include: Callable[[str], bool] | None,
    skipped: list[tuple[str, str]],
) -> FoundFile | None:
    """The document file at `entry`, or None when it is passed over (and listed in `skipped` if it is not ignored)."""
    try:
        rel.encode("utf-8")
    except UnicodeEncodeError:
        printable = rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        skipped.append((printable, "file name is not valid UTF-8: rename the file"))
        return None
    if (patterns and _ignored(rel, patterns)) or (include is not None and not include(rel)):
        return None
    location = entry.path
    if entry.is_symlink():
        try:
            target = Path(location).resolve(strict=True)
        except (OSError, RuntimeError):
            skipped.append((rel, "broken or looping link"))
            return None
        if not target.is_relative_to(root):
            skipped.append((rel, "link points outside the corpus"))
            return None
        # Read the checked target, not the link: a link changed later cannot lead out.
        location = str(target)
    try:
        st = os.stat(location)
    except OSError as exc:
        skipped.append((rel, f"cannot stat: {exc.strerror}"))
        return None
    if not stat.S_ISREG(st.st_mode):
        skipped.append((rel, "not a regular file (a pipe, socket or device)"))
        return None
    if st.st_size == 0:
        skipped.append((rel, "empty file (0 bytes)"))
        return None
    return FoundFile(location, rel, st.st_size, st.st_mtime)
