"""Evaluate people extraction, meeting extraction and who-to-contact ranking.

Whole pipeline: a corpus is indexed with `python -m indexer`, the
catalogue is read back, and the contact queries go through
`python -m search --queries ... --json`. Two annotated sets:

- demo: the demo corpus (`corpus/`, gold in bench/gold/), the documents the
  extraction rules were first written against;
- unseen: bench/unseen/ (corpus and gold), written and annotated by someone
  who did not read the extraction code, in layouts the rules had not seen.

`--set mixed` indexes both corpora into one index (each set's documents are
then distractors for the other's questions) and scores both gold sets on it.

The contact queries are split by number: odd qids are the tuning half, even
qids the held-back half; both are reported.

    python bench/eval_people.py                       # demo set, updates bench/RESULTS.md
    python bench/eval_people.py --set unseen          # the unseen set
    python bench/eval_people.py --set mixed           # both in one index
    python bench/eval_people.py --set unseen --label baseline   # a separate, labelled section
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
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
WORK = Path(os.environ.get("KB_EVAL_WORK") or REPO / "bench" / "work" / "people")
SETS = {
    "demo": (REPO / "corpus", REPO / "bench" / "gold"),
    "unseen": (REPO / "bench" / "unseen" / "corpus", REPO / "bench" / "unseen" / "gold"),
}
STRENGTH = {"contact": 4, "author": 3, "participant": 2, "mentioned": 1}


def key(name: str) -> str:
    """Case, spacing and diacritics folded: "Asa Lindstrom" on a page without å/ä/ö is Åsa Lindström."""
    return fold(" ".join(name.replace(" - ", "-").split()))


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


def document_half(path: str) -> str:
    """Documents are split in two by a hash of their path: misses may be read only on the tuning half."""
    return "tune" if hashlib.sha1(path.encode()).digest()[0] % 2 else "held-out"


def evaluate_people(pred: dict[tuple[str, str], dict[str, Any]], gold_dir: Path, prefix: str = "") -> dict[str, Any]:
    result = _evaluate_people(pred, gold_dir, prefix, None)
    result["halves"] = {half: _evaluate_people(pred, gold_dir, prefix, half) for half in ("tune", "held-out")}
    return result


def _evaluate_people(
    pred: dict[tuple[str, str], dict[str, Any]], gold_dir: Path, prefix: str, half: str | None
) -> dict[str, Any]:
    gold = {(prefix + g["path"], key(g["name"])): g for g in load_jsonl(gold_dir / "people.jsonl")}
    pred = {k: v for k, v in pred.items() if k[0].startswith(prefix)}
    if half:
        gold = {k: v for k, v in gold.items() if document_half(k[0][len(prefix) :]) == half}
        pred = {k: v for k, v in pred.items() if document_half(k[0][len(prefix) :]) == half}
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
        "wrong_role": sorted(
            f"{k[0]}: {k[1]} {sorted(pred[k]['roles'])} (gold {gold[k]['role']})"
            for k in tp
            if not role_matches(gold[k]["role"], pred[k]["roles"])
        ),
        "wrong_organisation": sorted(
            f"{k[0]}: {k[1]} {sorted(pred[k]['orgs'])} (gold {gold[k]['organisation']})"
            for k in with_org
            if gold[k]["organisation"] not in pred[k]["orgs"]
        ),
        "wrong_kind": sorted(
            f"{k[0]}: {k[1]} {pred[k]['kind']} (gold {gold[k]['kind']})"
            for k in tp
            if pred[k]["kind"] != gold[k]["kind"]
        ),
    }


def evaluate_meetings(catalog: Path, gold_dir: Path, prefix: str = "") -> dict[str, Any]:
    gold_by_path: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for g in load_jsonl(gold_dir / "meetings.jsonl"):
        gold_by_path[prefix + g["path"]].append(g)
    db = sqlite3.connect(catalog)
    db.row_factory = sqlite3.Row
    pred_by_path: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in db.execute("SELECT m.*, d.path FROM meetings m JOIN documents d USING (doc_id)"):
        if r["path"].startswith(prefix):
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


def evaluate_queries(
    queries: list[dict[str, Any]], answers: dict[str, dict[str, Any]], prefix: str = ""
) -> dict[str, Any]:
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
                if split == "tune" and not (names[:1] and names[0] in expected):
                    failures.append(f"{q['qid']} {q['text']!r}: got {names[:3]}, expected {sorted(expected)}")
            else:
                paths = [m["path"] for m in answer["meetings"]]
                expected_paths = {prefix + p for p in q["expected_paths"]}
                mn += 1
                m1 += bool(paths[:1] and paths[0] in expected_paths)
                m3 += bool(set(paths[:3]) & expected_paths)
                if split == "tune" and not (paths[:1] and paths[0] in expected_paths):
                    failures.append(
                        f"{q['qid']} {q['text']!r}: meetings {paths[:3]}, expected {sorted(expected_paths)}"
                    )
        rows[split] = {
            "contact_queries": cn, "contact_top1": c1 / cn if cn else 0.0, "contact_top3": c3 / cn if cn else 0.0,
            "meeting_queries": mn, "meeting_top1": m1 / mn if mn else 0.0, "meeting_top3": m3 / mn if mn else 0.0,
        }  # fmt: skip
    return {"splits": rows, "failures": failures}


def tables(people: dict[str, Any], meetings: dict[str, Any], queries: dict[str, Any]) -> list[str]:
    s = queries["splits"]
    lines = [
        "| extraction | precision | recall | other |",
        "|---|---|---|---|",
        f"| person mentions (document, person): {people['gold']} gold, {people['predicted']} found | "
        f"{people['precision']:.3f} | {people['recall']:.3f} | kind {people['kind_accuracy']:.3f}, "
        f"role {people['role_accuracy']:.3f}, organisation {people['organisation_accuracy']:.3f} |",
        *(
            f"| person mentions, {half} documents: {h['gold']} gold, {h['predicted']} found | "
            f"{h['precision']:.3f} | {h['recall']:.3f} | kind {h['kind_accuracy']:.3f}, "
            f"role {h['role_accuracy']:.3f}, organisation {h['organisation_accuracy']:.3f} |"
            for half, h in people["halves"].items()
        ),
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
    return lines


SET_NOTES = {
    "demo": "The demo corpus: the extraction rules were first written against these documents, so its extraction "
    "figures are not held-out figures.",
    "unseen": "The unseen set (bench/unseen/): written and annotated by a helper who did not read the extraction "
    "code, in layouts the rules had not seen; see its README.",
}


def markdown(name: str, results: list[tuple[str, dict[str, Any]]], info: dict[str, Any]) -> str:
    label = f" ({info['label']})" if info.get("label") else ""
    lines = [
        f"## People, meetings and who to contact: {name} set{label}",
        "",
        f"Run {info['date']} on {info['machine']}; `{info['command']}`, commit {info['commit']}. "
        f"{info['documents']} documents indexed in {info['index_seconds']:.1f} s.",
    ]
    for gold_name, r in results:
        lines += ["", f"**{gold_name} gold**: {SET_NOTES[gold_name]}", ""]
        lines += tables(r["people"], r["meetings"], r["queries"])
    lines += [
        "",
        "Odd-numbered queries are the tuning half, even-numbered ones the held-back half. Documents are split "
        "in two by a hash of their path (`document_half`); only the tuning half's misses were read while "
        "developing.",
    ]
    if name == "mixed":
        lines.append("Both corpora are in one index, so each set's documents are distractors for the other's queries.")
    return "\n".join(lines)


def commit_id() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=REPO)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, cwd=REPO
    )
    return done.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def mixed_corpus() -> Path:
    """Both corpora side by side in one folder (copies), under demo/ and unseen/."""
    target = WORK / "mixed-corpus"
    if target.exists():
        shutil.rmtree(target)
    for name, (corpus, _) in SETS.items():
        shutil.copytree(corpus, target / name)
    return target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", choices=["demo", "unseen", "mixed"], default="demo")
    parser.add_argument("--label", default="", help="a label for the section, e.g. baseline (its own section)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    parser.add_argument("--verbose", action="store_true", help="list misses and failures")
    args = parser.parse_args()
    WORK.mkdir(parents=True, exist_ok=True)
    data = WORK / f"data-{args.set}"
    if args.set == "mixed":
        corpus = mixed_corpus()
        gold_sets = [(name, gold, f"{name}/") for name, (_, gold) in SETS.items()]
    else:
        corpus, gold = SETS[args.set]
        gold_sets = [(args.set, gold, "")]
    generation, seconds = build_index(corpus, data)
    catalog = generation / "catalog.sqlite"
    predicted = predicted_people(catalog)
    results: list[tuple[str, dict[str, Any]]] = []
    for gold_name, gold_dir, prefix in gold_sets:
        queries = load_jsonl(gold_dir / "contact_queries.jsonl")
        results.append(
            (
                gold_name,
                {
                    "people": evaluate_people(predicted, gold_dir, prefix),
                    "meetings": evaluate_meetings(catalog, gold_dir, prefix),
                    "queries": evaluate_queries(queries, run_queries(data, queries), prefix),
                },
            )
        )
    documents = json.loads((generation / "manifest.json").read_text(encoding="utf-8"))["counts"]["documents"]
    command = "python bench/eval_people.py" + (f" --set {args.set}" if args.set != "demo" else "")
    command += f" --label {args.label}" if args.label else ""
    info = {
        "date": date.today().isoformat(),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "index_seconds": seconds,
        "documents": documents,
        "label": args.label,
        "command": command,
        "commit": commit_id(),
    }
    section = markdown(args.set, results, info)
    print(section)
    if args.verbose:
        for gold_name, r in results:
            people, meetings, scored = r["people"], r["meetings"], r["queries"]
            tune = people["halves"]["tune"]
            for title, items in (
                ("missed people (tuning documents)", tune["missed"]),
                ("spurious people (tuning documents)", tune["spurious"]),
                ("wrong kind (tuning documents)", tune["wrong_kind"]),
                ("wrong role (tuning documents)", tune["wrong_role"]),
                ("wrong organisation (tuning documents)", tune["wrong_organisation"]),
                ("missed meetings", meetings["missed"]),
                ("spurious meetings", meetings["spurious"]), ("query failures", scored["failures"]),
            ):  # fmt: skip
                print(f"\n{gold_name}: {title}:")
                for item in items:
                    print("  ", item)
    if not args.no_write:
        name = "people" if args.set == "demo" else f"people-{args.set}"
        name += f"-{args.label}" if args.label else ""
        write_section(name, section)
        out = REPO / "bench" / "results"
        out.mkdir(exist_ok=True)
        (out / f"{name}.json").write_text(
            json.dumps({"results": dict(results), "info": info}, ensure_ascii=False, indent=2), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
