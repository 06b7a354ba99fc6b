"""The suppression list (right to erasure) and the one function that scrubs a catalogue.

DATA/suppressed.json lists names that must not appear in any generation.
Every catalogue that is published or served again (a new build, a
`--forget` copy, a rollback target) goes through `scrub_catalog`.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from indexer.errors import KBError
from indexer.store.catalog import CATALOG_FILE
from indexer.store.layout import Layout, write_atomic
from indexer.store.meeting_groups import MEETINGS_DIR, write_meeting_arrays
from indexer.store.person_vectors import keep_person_vectors
from indexer.store.rows import ROWS_DIR, RowArrays
from indexer.text import name_key

SUPPRESSED_FILE = "suppressed.json"


def load_suppressed(layout: Layout) -> set[str]:
    """The name keys of everyone suppressed in this data folder."""
    path = layout.data / SUPPRESSED_FILE
    try:
        names = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return set()
    except ValueError as exc:
        raise KBError(f"{path} is not valid JSON ({exc}): fix or remove it; it lists suppressed names") from exc
    return {name_key(str(n)) for n in names}


def add_suppressed(layout: Layout, name: str) -> None:
    path = layout.data / SUPPRESSED_FILE
    layout.data.mkdir(parents=True, exist_ok=True)
    names = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    if name_key(name) not in {name_key(n) for n in names}:
        names.append(" ".join(name.split()))
    write_atomic(path, json.dumps(names, ensure_ascii=False, indent=2) + "\n")


def scrub_catalog(generation: Path, suppressed: set[str], mention_index: dict[str, Any] | None = None) -> int:
    """Remove suppressed people, their mentions (and those mentions' vectors) and their places in meeting lists.

    Only for a generation that is not being served (being built, or about to
    be switched to). `mention_index` is the manifest's entry for the index of
    the mention vectors, built again as it was. Returns how many person
    records were removed.
    """
    if not suppressed:
        return 0
    db = sqlite3.connect(generation / CATALOG_FILE)
    try:
        gone = [r[0] for r in db.execute("SELECT person_id, name_key FROM persons") if r[1] in suppressed]
        for pid in gone:
            db.execute("DELETE FROM mentions WHERE person_id = ?", (pid,))
            db.execute("DELETE FROM persons WHERE person_id = ?", (pid,))
        for meeting_id, participants in db.execute("SELECT meeting_id, participants FROM meetings").fetchall():
            names = json.loads(participants)
            kept = [n for n in names if name_key(n) not in suppressed]
            if kept != names:
                db.execute(
                    "UPDATE meetings SET participants = ? WHERE meeting_id = ?",
                    (json.dumps(kept, ensure_ascii=False), meeting_id),
                )
        db.commit()
        remaining = {r[0] for r in db.execute("SELECT mention_id FROM mentions")}
    finally:
        db.close()
    # The embeddings of their evidence go too (indexer.store.person_vectors).
    keep_person_vectors(generation, remaining, mention_index)
    # The per-row arrays list mentions too; a generation without them builds its own when opened.
    if (generation / ROWS_DIR).is_dir():
        RowArrays.from_catalog(generation / CATALOG_FILE).write(generation)
        # So does the merge of its meetings: an erased participant may have been what joined two reports.
        if (generation / MEETINGS_DIR).is_dir():
            write_meeting_arrays(generation)
    return len(gone)
