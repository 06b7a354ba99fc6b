"""Evaluate people extraction, meeting extraction and who-to-contact ranking.

Whole pipeline: the demo corpus is indexed with `python -m indexer`, the
catalogue is read back, and the contact queries go through
`python -m search --queries ... --json`. Gold data: bench/gold/ (annotated by
hand, see its README).

The contact queries are split by number: odd qids were used while developing
the ranking ("tune"), even qids were not looked at ("held-out"). Both are
reported; extraction figures are on the corpus the patterns were written for.

    python bench/eval_people.py            # prints tables, updates bench/RESULTS.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sqlite3
import subprocess
import sys
import time
import unicodedata
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from results_md import write_section

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "bench" / "gold"
WORK = REPO / "bench" / "work" / "people"
STRENGTH = {"contact": 4, "author": 3, "participant": 2, "mentioned": 1}


def key(name: str) -> str:
    return " ".join(name.replace(" - ", "-").split()).casefold()


def fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def build_index(corpus: Path, data: Path) -> tuple[Path, float]:
    env = {**os.environ, "KB_MODEL_CACHE": os.environ.get("KB_MODEL_CACHE", str(REPO / ".cache" / "models"))}
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "indexer", "--corpus", str(corpus), "--data", str(data), "--full", "--json"],
        capture_output=True, text=True, cwd=REPO, env=env,
    )  # fmt: skip
    if done.returncode not in (0, 1):
        sys.exit(f"indexer failed ({done.returncode}): {done.stderr[-2000:]}")
    report = json.loads(done.stdout)
    return data / "generations" / report["generation"], time.monotonic() - started


def predicted_people(catalog: Path) -> dict[tuple[str, str], dict[str, Any]]:
    """(path, name key) -> strongest kind, roles and organisations seen in that document."""
    db = sqlite3.connect(catalog)
    out: dict[tuple[str, str], dict[str, Any]] = {}
    for path, name, kind, role, org in db.execute(
        "SELECT d.path, m.name, m.kind, m.role, m.organisation FROM mentions m JOIN documents d USING (doc_id)"
    ):
        entry = out.setdefault((path, key(name)), {"kind": kind, "roles": set(), "orgs": set()})
        if STRENGTH[kind] > STRENGTH[entry["kind"]]:
            entry["kind"] = kind
        if role:
            entry["roles"].add(role.casefold())
        if org:
            entry["orgs"].add(org)
    db.close()
    return out


def role_matches(gold_role: str | None, predicted: set[str]) -> bool:
    if not gold_role:
        return True
    parts = [p.strip().casefold() for p in gold_role.split(";") if p.strip()]
    return any(g in p or p in g for g in parts for p in predicted)


def evaluate_people(pred: dict[tuple[str, str], dict[str, Any]]) -> dict[str, Any]:
    gold = {(g["path"], key(g["name"])): g for g in load_jsonl(GOLD / "people.jsonl")}
    tp = set(gold) & set(pred)
    kind_ok = sum(1 for k in tp if pred[k]["kind"] == gold[k]["kind"])
    role_ok = sum(1 for k in tp if role_matches(gold[k]["role"], pred[k]["roles"]))
    with_org = [k for k in tp if gold[k]["organisation"]]
    org_ok = sum(1 for k in with_org if gold[k]["organisation"] in pred[k]["orgs"])
    contacts_gold = {k for k, g in gold.items() if g["kind"] == "contact"}
    contacts_pred = {k for k, p in pred.items() if p["kind"] == "contact"}
    return {
        "gold": len(gold),
        "predicted": len(pred),
        "precision": len(tp) / len(pred) if pred else 0.0,
        "recall": len(tp) / len(gold) if gold else 0.0,
        "kind_accuracy": kind_ok / len(tp) if tp else 0.0,
        "role_accuracy": role_ok / len(tp) if tp else 0.0,
        "organisation_accuracy": org_ok / len(with_org) if with_org else 0.0,
        "contact_precision": len(contacts_gold & contacts_pred) / len(contacts_pred) if contacts_pred else 0.0,
        "contact_recall": len(contacts_gold & contacts_pred) / len(contacts_gold) if contacts_gold else 0.0,
        "missed": sorted(f"{p}: {n}" for p, n in set(gold) - set(pred)),
        "spurious": sorted(f"{p}: {n}" for p, n in set(pred) - set(gold)),
        "wrong_kind": sorted(
            f"{k[0]}: {k[1]} {pred[k]['kind']} (gold {gold[k]['kind']})"
            for k in tp
            if pred[k]["kind"] != gold[k]["kind"]
        ),
    }


def evaluate_meetings(catalog: Path) -> dict[str, Any]:
    gold_by_path: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in load_jsonl(GOLD / "meetings.jsonl"):
        gold_by_path[g["path"]].append(g)
    db = sqlite3.connect(catalog)
    db.row_factory = sqlite3.Row
    pred_by_path: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in db.execute("SELECT m.*, d.path FROM meetings m JOIN documents d USING (doc_id)"):
        pred_by_path[r["path"]].append(dict(r))
    db.close()
    # One record per document is compared: the first meeting the document reports.
    tp_paths = set(gold_by_path) & set(pred_by_path)
    date_ok = place_ok = 0
    part_tp = part_gold = part_pred = 0
    for path in tp_paths:
        g, p = gold_by_path[path][0], pred_by_path[path][0]
        date_ok += g["date"] == p["date"]
        gp, pp = g["place"], p["place"]
        place_ok += (gp is None and pp is None) or bool(gp and pp and (fold(gp) in fold(pp) or fold(pp) in fold(gp)))
        gset = {key(n) for n in g["participants"]}
        pset = {key(n) for n in json.loads(p["participants"])}
        part_tp += len(gset & pset)
        part_gold += len(gset)
        part_pred += len(pset)
    n_pred = len(pred_by_path)
    return {
        "gold_documents": len(gold_by_path),
        "predicted_documents": n_pred,
        "precision": len(tp_paths) / n_pred if n_pred else 0.0,
        "recall": len(tp_paths) / len(gold_by_path) if gold_by_path else 0.0,
        "date_accuracy": date_ok / len(tp_paths) if tp_paths else 0.0,
        "place_accuracy": place_ok / len(tp_paths) if tp_paths else 0.0,
        "participant_precision": part_tp / part_pred if part_pred else 0.0,
        "participant_recall": part_tp / part_gold if part_gold else 0.0,
        "missed": sorted(set(gold_by_path) - set(pred_by_path)),
        "spurious": sorted(set(pred_by_path) - set(gold_by_path)),
    }


def run_queries(data: Path, queries: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    qfile = WORK / "contact_queries.jsonl"
    qfile.write_text(
        "".join(json.dumps({"qid": q["qid"], "text": q["text"]}, ensure_ascii=False) + "\n" for q in queries),
        encoding="utf-8",
    )
    env = {**os.environ, "KB_MODEL_CACHE": os.environ.get("KB_MODEL_CACHE", str(REPO / ".cache" / "models"))}
    done = subprocess.run(
        [sys.executable, "-m", "search", "--data", str(data), "--json", "--queries", str(qfile), "--k", "10"],
        capture_output=True, text=True, cwd=REPO, env=env,
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"search failed: {done.stderr[-2000:]}")
    return {line["qid"]: line for line in map(json.loads, done.stdout.splitlines())}


def evaluate_queries(queries: list[dict[str, Any]], answers: dict[str, dict[str, Any]]) -> dict[str, Any]:
    rows: dict[str, dict[str, Any]] = {}
    failures = []
    for split in ("tune", "held-out", "all"):
        c1 = c3 = cn = m1 = m3 = mn = 0
        for q in queries:
            number = int("".join(ch for ch in q["qid"] if ch.isdigit()) or 0)
            q_split = "tune" if number % 2 else "held-out"
            if split != "all" and q_split != split:
                continue
            answer = answers[q["qid"]]
            if q["type"] in ("contact", "person"):
                names = [key(c["name"]) for c in answer["contacts"]]
                expected = {key(n) for n in q["expected"]}
                cn += 1
                c1 += bool(names[:1] and names[0] in expected)
                c3 += bool(set(names[:3]) & expected)
                if split == "all" and not (names[:1] and names[0] in expected):
                    failures.append(f"{q['qid']} {q['text']!r}: got {names[:3]}, expected {sorted(expected)}")
            else:
                paths = [m["path"] for m in answer["meetings"]]
                expected_paths = set(q["expected_paths"])
                mn += 1
                m1 += bool(paths[:1] and paths[0] in expected_paths)
                m3 += bool(set(paths[:3]) & expected_paths)
                if split == "all" and not (paths[:1] and paths[0] in expected_paths):
                    failures.append(
                        f"{q['qid']} {q['text']!r}: meetings {paths[:3]}, expected {sorted(expected_paths)}"
                    )
        rows[split] = {
            "contact_queries": cn, "contact_top1": c1 / cn if cn else 0.0, "contact_top3": c3 / cn if cn else 0.0,
            "meeting_queries": mn, "meeting_top1": m1 / mn if mn else 0.0, "meeting_top3": m3 / mn if mn else 0.0,
        }  # fmt: skip
    return {"splits": rows, "failures": failures}


def markdown(people: dict[str, Any], meetings: dict[str, Any], queries: dict[str, Any], info: dict[str, Any]) -> str:
    s = queries["splits"]
    lines = [
        "## People, meetings and who to contact",
        "",
        f"Run {info['date']} on {info['machine']}; `python bench/eval_people.py`. Demo corpus "
        f"({info['documents']} documents) indexed in {info['index_seconds']:.1f} s; gold data in `bench/gold/` "
        "annotated by hand from the documents.",
        "",
        "| extraction | precision | recall | other |",
        "|---|---|---|---|",
        f"| person mentions (document, person): {people['gold']} gold, {people['predicted']} found | "
        f"{people['precision']:.3f} | {people['recall']:.3f} | kind {people['kind_accuracy']:.3f}, "
        f"role {people['role_accuracy']:.3f}, organisation {people['organisation_accuracy']:.3f} |",
        f"| explicit contacts | {people['contact_precision']:.3f} | {people['contact_recall']:.3f} | |",
        f"| meetings (document level): {meetings['gold_documents']} gold, {meetings['predicted_documents']} found | "
        f"{meetings['precision']:.3f} | {meetings['recall']:.3f} | date {meetings['date_accuracy']:.3f}, "
        f"place {meetings['place_accuracy']:.3f} |",
        f"| meeting participants | {meetings['participant_precision']:.3f} | {meetings['participant_recall']:.3f} | |",
        "",
        "| queries | contact queries | contact top-1 | contact top-3 "
        "| meeting queries | meeting top-1 | meeting top-3 |",
        "|---|---|---|---|---|---|---|",
    ]
    for split in ("tune", "held-out", "all"):
        r = s[split]
        lines.append(
            f"| {split} | {r['contact_queries']} | {r['contact_top1']:.3f} | {r['contact_top3']:.3f} | "
            f"{r['meeting_queries']} | {r['meeting_top1']:.3f} | {r['meeting_top3']:.3f} |"
        )
    lines += [
        "",
        "Odd-numbered queries were looked at while developing the ranking (tune); even-numbered ones were not "
        "(held-out). The extraction patterns were written against this same corpus, so the extraction figures "
        "are not held-out figures.",
    ]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=str(REPO / "corpus"))
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    parser.add_argument("--verbose", action="store_true", help="list misses and failures")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    data = WORK / "data"
    generation, seconds = build_index(Path(args.corpus), data)
    catalog = generation / "catalog.sqlite"
    people = evaluate_people(predicted_people(catalog))
    meetings = evaluate_meetings(catalog)
    queries = load_jsonl(GOLD / "contact_queries.jsonl")
    scored = evaluate_queries(queries, run_queries(data, queries))
    documents = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))["counts"]["documents"]
    info = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "index_seconds": seconds,
        "documents": documents,
    }
    section = markdown(people, meetings, scored, info)
    print(section)
    if args.verbose:
        for title, items in (
            ("missed people", people["missed"]), ("spurious people", people["spurious"]),
            ("wrong kind", people["wrong_kind"]), ("missed meetings", meetings["missed"]),
            ("spurious meetings", meetings["spurious"]), ("query failures", scored["failures"]),
        ):  # fmt: skip
            print(f"\n{title}:")
            for item in items:
                print("  ", item)
    if not args.no_write:
        write_section("people", section)
        out = REPO / "bench" / "results"
        out.mkdir(exist_ok=True)
        (out / "people.json").write_text(
            json.dumps(
                {"people": people, "meetings": meetings, "queries": scored, "info": info}, ensure_ascii=False, indent=2
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
