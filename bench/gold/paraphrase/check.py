#!/usr/bin/env python3
"""Validate bench/gold/paraphrase/questions.jsonl against the demo corpus.

Checks: every line is a JSON object with the expected keys; qids are unique and run
p001..pNNN in order; style is one of the five allowed values; text is non-empty;
every question has at least one relevant document, listed once, and every relevant
path exists as a file under corpus/ (and is not SOURCES.md or another ignored file).
Prints counts by style, by half (odd/even qids) and document coverage.

Usage: python bench/gold/paraphrase/check.py   (exit status 1 on any error)
"""

import collections
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
CORPUS = ROOT / "corpus"
QUESTIONS = HERE / "questions.jsonl"
STYLES = {"paraphrase", "faq", "keywords", "factoid", "region-specific"}
KEYS = {"qid", "text", "relevant", "style", "notes"}


def corpus_documents():
    ignored = {"SOURCES.md", ".kbignore"}
    kbignore = CORPUS / ".kbignore"
    if kbignore.exists():
        for line in kbignore.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                ignored.add(line)
    docs = set()
    for p in CORPUS.rglob("*"):
        if p.is_file():
            rel = p.relative_to(CORPUS).as_posix()
            if rel not in ignored:
                docs.add(rel)
    return docs, ignored


def main():
    errors = []
    docs, ignored = corpus_documents()
    seen = set()
    rows = []
    for n, line in enumerate(QUESTIONS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errors.append(f"line {n}: empty line")
            continue
        try:
            o = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"line {n}: bad JSON ({e})")
            continue
        if set(o) != KEYS:
            errors.append(f"line {n}: keys {sorted(o)} != {sorted(KEYS)}")
        qid = o.get("qid")
        if qid in seen:
            errors.append(f"line {n}: duplicate qid {qid}")
        seen.add(qid)
        if qid != f"p{n:03d}":
            errors.append(f"line {n}: qid {qid} out of order (expected p{n:03d})")
        if not str(o.get("text", "")).strip():
            errors.append(f"{qid}: empty text")
        if o.get("style") not in STYLES:
            errors.append(f"{qid}: unknown style {o.get('style')!r}")
        rel = o.get("relevant")
        if not isinstance(rel, list) or not rel:
            errors.append(f"{qid}: no relevant documents")
            rel = []
        if len(set(rel)) != len(rel):
            errors.append(f"{qid}: a relevant path is listed twice")
        for r in rel:
            if "\\" in r or r.startswith("/"):
                errors.append(f"{qid}: path must be relative with forward slashes: {r}")
            elif not (CORPUS / r).is_file():
                errors.append(f"{qid}: missing under corpus/: {r}")
            elif r in ignored:
                errors.append(f"{qid}: not a document (ignored): {r}")
        rows.append(o)

    texts = collections.Counter(o.get("text", "").strip().lower() for o in rows)
    for t, c in texts.items():
        if c > 1:
            errors.append(f"duplicate question text ({c}x): {t}")

    # report
    print(f"questions: {len(rows)}")
    by_style = collections.Counter(o.get("style") for o in rows)
    print("by style:", dict(sorted(by_style.items())))
    for name, par in (("odd (p001, p003, ...)", 1), ("even (p002, p004, ...)", 0)):
        half = [o for i, o in enumerate(rows, 1) if i % 2 == par]
        st = collections.Counter(o.get("style") for o in half)
        print(f"  {name}: {len(half)}", dict(sorted(st.items())))
    first = collections.Counter(o["relevant"][0] for o in rows if o.get("relevant"))
    anyrel = collections.Counter(r for o in rows for r in o.get("relevant", []))
    print(f"documents in corpus: {len(docs)}")
    print(f"documents relevant to at least one question: {len(set(anyrel) & docs)}")
    print(f"documents that are the best answer of at least one question: {len(set(first) & docs)}")
    print(f"documents best answer of >= 2 questions: {sum(1 for d in docs if first[d] >= 2)}")
    multi = sum(1 for o in rows if len(o.get("relevant", [])) > 1)
    print(f"questions with more than one relevant document: {multi}")
    uncovered = sorted(docs - set(anyrel))
    if uncovered:
        print("documents never relevant:", *uncovered, sep="\n  ")

    if errors:
        print(f"\n{len(errors)} error(s):", *errors, sep="\n  ")
        return 1
    print("\nOK")
    return 0


if __name__ == "__main__":
    sys.exit(main())
