"""The right to erasure: people who must not appear in the index.

`python -m indexer --forget "Name"` adds the name to DATA/suppressed.json and
publishes, at once, a copy of the current generation without that person's
mentions, so the live app stops showing them; every later reindex leaves
them out too. Document text itself is not rewritten: the person disappears
from the contact directory, the people pages and meeting participant lists.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import UTC, datetime

from indexer.catalog import CATALOG_FILE
from indexer.generation import (
    Layout,
    current_generation_dir,
    new_generation_id,
    publish,
    read_manifest,
    staging_dir,
    write_atomic,
)
from indexer.people import normalise_name

SUPPRESSED_FILE = "suppressed.json"


def load_suppressed(layout: Layout) -> set[str]:
    try:
        names = json.loads((layout.data / SUPPRESSED_FILE).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return set()
    except ValueError as exc:
        raise ValueError(f"{layout.data / SUPPRESSED_FILE} is not valid JSON: {exc}") from exc
    return {normalise_name(str(n)) for n in names}


def add_suppressed(layout: Layout, name: str) -> None:
    path = layout.data / SUPPRESSED_FILE
    layout.data.mkdir(parents=True, exist_ok=True)
    names = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    if normalise_name(name) not in {normalise_name(n) for n in names}:
        names.append(" ".join(name.split()))
    write_atomic(path, json.dumps(names, ensure_ascii=False, indent=2) + "\n")


def remove_from_catalog(db: sqlite3.Connection, suppressed: set[str]) -> int:
    """Delete suppressed people, their mentions and their places in meeting lists."""
    gone = [r[0] for r in db.execute("SELECT person_id, name_key FROM persons") if r[1] in suppressed]
    for pid in gone:
        db.execute("DELETE FROM mentions WHERE person_id = ?", (pid,))
        db.execute("DELETE FROM persons WHERE person_id = ?", (pid,))
    for meeting_id, participants in db.execute("SELECT meeting_id, participants FROM meetings").fetchall():
        names = json.loads(participants)
        kept = [n for n in names if normalise_name(n) not in suppressed]
        if kept != names:
            db.execute("UPDATE meetings SET participants = ? WHERE meeting_id = ?", (json.dumps(kept, ensure_ascii=False), meeting_id))
    return len(gone)


def forget(layout: Layout, name: str) -> tuple[str | None, int]:
    """Suppress `name` now and in every later run; returns (new generation, people removed).

    Call under the job lock, so no reindex publishes a generation built before the change.
    """
    add_suppressed(layout, name)
    try:
        current = current_generation_dir(layout)
    except Exception:  # noqa: BLE001 - no index yet: the list alone takes effect at the first run
        return None, 0
    manifest = read_manifest(current)
    gen_id = new_generation_id()
    staging = staging_dir(layout, gen_id)
    shutil.copytree(current, staging, dirs_exist_ok=True)
    db = sqlite3.connect(staging / CATALOG_FILE)
    try:
        removed = remove_from_catalog(db, load_suppressed(layout))
        db.commit()
    finally:
        db.close()
    manifest.update(generation=gen_id, created=datetime.now(UTC).isoformat(timespec="seconds"), derived_from=manifest["generation"])
    publish(layout, staging, gen_id, manifest)
    return gen_id, removed
