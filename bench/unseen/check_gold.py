#!/usr/bin/env python3
"""Validate bench/unseen gold files against the corpus.

Run with a Python that has pypdf and python-docx:
    python bench/unseen/check_gold.py
Exits non-zero on any problem; prints counts on success.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"
GOLD = HERE / "gold"
KINDS = ("contact", "author", "participant", "mentioned")
PARTIES = {"S", "M", "KD", "C", "L", "V", "MP", "SD"}


def load(name):
    with (GOLD / name).open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def extract(path: Path) -> str:
    suf = path.suffix.lower()
    if suf == ".pdf":
        from pypdf import PdfReader

        return "\n".join(p.extract_text() or "" for p in PdfReader(str(path)).pages)
    if suf == ".docx":
        from docx import Document

        d = Document(str(path))
        parts = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                parts.extend(c.text for c in row.cells)
        return "\n".join(parts)
    return path.read_text(encoding="utf-8")  # html (raw file), md, txt


def main() -> int:
    errors: list[str] = []
    people = load("people.jsonl")
    meetings = load("meetings.jsonl")
    queries = load("contact_queries.jsonl")
    corpus_files = {p.relative_to(CORPUS).as_posix() for p in CORPUS.rglob("*") if p.is_file()}
    texts = {rel: extract(CORPUS / rel) for rel in corpus_files}

    by_path: dict[str, set[str]] = {}
    seen = set()
    for r in people:
        key = (r["path"], r["name"])
        if key in seen:
            errors.append(f"duplicate person row {key}")
        seen.add(key)
        if set(r) != {"path", "name", "kind", "role", "organisation", "party"}:
            errors.append(f"bad keys {r}")
        if r["path"] not in corpus_files:
            errors.append(f"people: missing file {r['path']}")
            continue
        if r["kind"] not in KINDS:
            errors.append(f"bad kind {r}")
        if r["party"] is not None and r["party"] not in PARTIES:
            errors.append(f"bad party {r}")
        if r["name"] not in texts[r["path"]]:
            errors.append(f"name not in text: {r['name']!r} in {r['path']}")
        by_path.setdefault(r["path"], set()).add(r["name"])

    for m in meetings:
        if m["path"] not in corpus_files:
            errors.append(f"meetings: missing file {m['path']}")
            continue
        if m["date"] is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", m["date"]):
            errors.append(f"bad date {m['date']}")
        for n in m["participants"]:
            if n not in by_path.get(m["path"], set()):
                errors.append(f"participant {n!r} not in people.jsonl for {m['path']}")
        if not m.get("meeting_id"):
            errors.append(f"no meeting_id {m['path']}")

    meeting_paths: dict[str, set[str]] = {}
    for m in meetings:
        meeting_paths.setdefault(m["meeting_id"], set()).add(m["path"])

    qids = set()
    for q in queries:
        if q["qid"] in qids:
            errors.append(f"duplicate qid {q['qid']}")
        qids.add(q["qid"])
        for p in q["expected_paths"]:
            if p not in corpus_files:
                errors.append(f"{q['qid']}: missing path {p}")
        if q["type"] == "meeting":
            if q["expected"]:
                errors.append(f"{q['qid']}: meeting query must have empty expected")
            if set(q["expected_paths"]) not in [s for s in meeting_paths.values()]:
                errors.append(f"{q['qid']}: expected_paths is not the full set of a meeting's documents")
        else:
            if not q["expected"]:
                errors.append(f"{q['qid']}: no expected people")
            for name in q["expected"]:
                if not any(name in by_path.get(p, set()) for p in q["expected_paths"]):
                    errors.append(f"{q['qid']}: {name!r} not annotated in any expected path")

    if errors:
        print("\n".join(errors))
        print(f"{len(errors)} problem(s)")
        return 1

    def layout(p):
        return p.rsplit(".", 1)[-1]

    print("documents by format:", dict(Counter(layout(p) for p in corpus_files)))
    print("person mentions:", len(people), dict(Counter(r["kind"] for r in people)))
    print("mentions by format:", dict(Counter(layout(r["path"]) for r in people)))
    print("distinct persons (name strings):", len({r["name"] for r in people}))
    print(
        "meeting records:",
        len(meetings),
        "distinct meetings:",
        len(meeting_paths),
        "multi-document:",
        {k: len(v) for k, v in meeting_paths.items() if len(v) > 1},
    )
    qt = Counter(q["type"] for q in queries)
    odd = Counter(q["type"] for q in queries if int(q["qid"][1:]) % 2 == 1)
    print("queries:", len(queries), dict(qt), "odd half:", dict(odd))
    print("queries without å/ä/ö:", sum(1 for q in queries if not re.search("[åäöÅÄÖ]", q["text"])))
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
