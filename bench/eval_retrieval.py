"""Whole-pipeline retrieval evaluation: files in, the search command out.

For each evaluation set the documents are written as files into a corpus
folder under bench/work/, indexed with `python -m indexer` (a subprocess),
and queried in batch with `python -m search --queries ... --json` (another
subprocess). Results are passages; each is mapped to its document path and
only a document's best rank counts. Metrics for one relevant document per
query: nDCG@10, MRR@10, recall@1, recall@10.

Sets (read from ../shared/data, or --shared):
  swequad-train  SweQUAD-MC training.json: every distinct context is a document
  swequad-dev    SweQUAD-MC dev.json, the held-out split (never tuned on)
  squad-sv       SQuAD-v2-sv dev: a fixed-seed sample of paragraphs, answerable
                 questions on them (capped, fixed seed)

usage:
  python bench/eval_retrieval.py --tune   # sweep the convex dense weight on swequad-train only
  python bench/eval_retrieval.py          # all sets x methods; writes bench/RESULTS.md and
                                          # bench/results/retrieval.json
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import math
import os
import platform
import random
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from results_md import write_section

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work"
RESULTS_MD = BENCH / "RESULTS.md"
RESULTS_JSON = BENCH / "results" / "retrieval.json"

CUTOFF = 10
SEED = 20240611
ALL_SETS = ("swequad-train", "swequad-dev", "squad-sv")
TUNE_SET = "swequad-train"
TUNE_WEIGHTS = [round(0.30 + 0.05 * i, 2) for i in range(11)]  # 0.30 .. 0.80


@dataclass(frozen=True)
class Method:
    """One way of calling the search command."""

    name: str
    fusion: str
    dense_weight: float | None = None

    def flags(self) -> list[str]:
        out = ["--fusion", self.fusion]
        if self.dense_weight is not None:
            out += ["--dense-weight", f"{self.dense_weight:g}"]
        return out


METHODS = (
    Method("bm25", "bm25"),
    Method("dense", "dense"),
    Method("hybrid-convex", "convex"),
    Method("hybrid-rrf", "rrf"),
)


@dataclass
class Query:
    qid: str
    text: str
    relevant: str  # document path relative to the corpus folder


@dataclass
class EvalSet:
    """Documents (file name -> text) and queries with their one relevant file."""

    name: str
    source: str
    docs: dict[str, str]
    queries: list[Query]
    notes: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------- datasets


def _doc_name(i: int) -> str:
    return f"ctx_{i:04d}.txt"


def load_swequad(path: Path, name: str) -> EvalSet:
    """Every distinct context a document; every question a query on it."""
    items = json.loads(path.read_text(encoding="utf-8"))["data"]
    docs: dict[str, str] = {}
    by_text: dict[str, str] = {}
    queries: list[Query] = []
    for n, item in enumerate(items):
        context = item["context"]
        if context not in by_text:
            by_text[context] = _doc_name(len(by_text) + 1)
            docs[by_text[context]] = context
        queries.append(Query(f"{name}-{n:04d}", item["question"].strip(), by_text[context]))
    return EvalSet(name, str(path), docs, queries)


def load_squad_sv(path: Path, paragraphs: int, max_queries: int, seed: int) -> EvalSet:
    """A fixed-seed sample of paragraphs, and the answerable questions on them."""
    with gzip.open(path, "rt", encoding="utf-8") as f:
        articles = json.load(f)["data"]
    distinct: dict[str, list[str]] = {}
    for article in articles:
        for para in article["paragraphs"]:
            qs = [qa["question"].strip() for qa in para["qas"] if not qa.get("is_impossible")]
            distinct.setdefault(para["context"], []).extend(q for q in qs if q)
    contexts = list(distinct)
    rng = random.Random(seed)
    sample = sorted(rng.sample(range(len(contexts)), min(paragraphs, len(contexts))))
    docs: dict[str, str] = {}
    queries: list[Query] = []
    for i, idx in enumerate(sample, start=1):
        docs[_doc_name(i)] = contexts[idx]
        for j, q in enumerate(distinct[contexts[idx]]):
            queries.append(Query(f"squad-sv-{i:04d}-{j:02d}", q, _doc_name(i)))
    total = len(queries)
    if len(queries) > max_queries:
        keep = set(random.Random(seed + 1).sample(range(len(queries)), max_queries))
        queries = [q for n, q in enumerate(queries) if n in keep]
    notes = [
        f"{len(docs)} of {len(contexts)} distinct paragraphs sampled (seed {seed}); "
        f"{len(queries)} of {total} answerable questions on them"
        + (f" (capped at {max_queries}, seed {seed + 1})" if total > max_queries else "")
    ]
    return EvalSet("squad-sv", str(path), docs, queries, notes)


def load_set(name: str, shared: Path, args: argparse.Namespace) -> EvalSet:
    data = shared / "data"
    if name == "swequad-train":
        return load_swequad(data / "swequad-mc" / "training.json", name)
    if name == "swequad-dev":
        return load_swequad(data / "swequad-mc" / "dev.json", name)
    if name == "squad-sv":
        return load_squad_sv(
            data / "squad-v2-sv" / "squad_dev_v2_sv.json.gz",
            args.squad_paragraphs,
            args.squad_max_queries,
            args.seed,
        )
    raise ValueError(f"unknown set {name!r}")


def check_shared(shared: Path, names: list[str]) -> None:
    """Exit with a clear message when the evaluation data is not there."""
    needed = {
        "swequad-train": shared / "data" / "swequad-mc" / "training.json",
        "swequad-dev": shared / "data" / "swequad-mc" / "dev.json",
        "squad-sv": shared / "data" / "squad-v2-sv" / "squad_dev_v2_sv.json.gz",
    }
    missing = [str(needed[n]) for n in names if not needed[n].is_file()]
    if missing:
        sys.exit(
            "error: evaluation data not found:\n  "
            + "\n  ".join(missing)
            + "\nThe benchmark reads ../shared/data (see ../shared/data/README.md); "
            "pass --shared PATH to point at another copy."
        )


# --------------------------------------------------------------------------- pipeline


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.setdefault("KB_MODEL_CACHE", str(REPO / ".cache" / "models"))
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    return env


def _fingerprint(eval_set: EvalSet, max_tokens: int | None, overlap_tokens: int | None = None) -> str:
    h = hashlib.sha256(f"max_tokens={max_tokens}\n".encode())
    if overlap_tokens is not None:
        h.update(f"overlap_tokens={overlap_tokens}\n".encode())
    for name in sorted(eval_set.docs):
        h.update(name.encode() + b"\0" + eval_set.docs[name].encode("utf-8") + b"\0")
    return h.hexdigest()


def write_corpus(eval_set: EvalSet, corpus: Path) -> None:
    """One UTF-8 file per document, in a fresh folder."""
    if corpus.exists():
        shutil.rmtree(corpus)
    corpus.mkdir(parents=True)
    for name, text in eval_set.docs.items():
        (corpus / name).write_text(text, encoding="utf-8")


def run_indexer(
    corpus: Path, data: Path, max_tokens: int | None, overlap_tokens: int | None = None
) -> tuple[dict[str, Any], float]:
    """A fresh full index; returns the indexer's JSON report and wall seconds."""
    cmd = [
        sys.executable,
        "-m",
        "indexer",
        "--corpus",
        str(corpus),
        "--data",
        str(data),
        "--full",
        "--json",
    ]
    if max_tokens:
        cmd += ["--max-tokens", str(max_tokens)]
    if overlap_tokens is not None:
        cmd += ["--overlap-tokens", str(overlap_tokens)]
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, env=_env(), capture_output=True, text=True)
    seconds = time.monotonic() - started
    if proc.returncode != 0:
        sys.exit(f"error: indexer exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout), seconds


def read_manifest(data: Path) -> dict[str, Any]:
    gen = (data / "CURRENT").read_text(encoding="utf-8").strip()
    return json.loads((data / "generations" / gen / "manifest.json").read_text(encoding="utf-8"))


def prepare_index(
    eval_set: EvalSet, work: Path, max_tokens: int | None, reuse: bool, overlap_tokens: int | None = None
) -> dict[str, Any]:
    """Index the set once (or reuse an index of the same documents); return its facts."""
    folder = work / eval_set.name
    meta_path = folder / "index.json"
    fingerprint = _fingerprint(eval_set, max_tokens, overlap_tokens)
    if reuse and meta_path.is_file():
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if meta.get("fingerprint") == fingerprint and (folder / "data" / "CURRENT").is_file():
            print(f"[{eval_set.name}] reusing index built {meta['built']}", file=sys.stderr)
            return meta
    write_corpus(eval_set, folder / "corpus")
    if (folder / "data").exists():
        shutil.rmtree(folder / "data")  # no vector cache: the time is a cold build
    print(f"[{eval_set.name}] indexing {len(eval_set.docs)} documents ...", file=sys.stderr)
    load_before = round(os.getloadavg()[0], 2)
    report, seconds = run_indexer(folder / "corpus", folder / "data", max_tokens, overlap_tokens)
    manifest = read_manifest(folder / "data")
    meta = {
        "fingerprint": fingerprint,
        "built": datetime.now().isoformat(timespec="seconds"),
        "index_seconds": round(seconds, 1),
        "load_before": load_before,
        "indexer_seconds": report.get("seconds"),
        "documents": manifest["counts"]["documents"],
        "passages": manifest["counts"]["passages"],
        "failed": manifest["counts"]["failed"],
        "model_id": manifest["model_id"],
        "chunking": manifest.get("chunking"),
    }
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    print(
        f"[{eval_set.name}] indexed in {seconds:.1f} s: {meta['passages']} passages",
        file=sys.stderr,
    )
    return meta


def run_search(eval_set: EvalSet, folder: Path, method: Method, k_passages: int) -> list[list[str]]:
    """Batch search; per query the ranked distinct document paths (best passage rank)."""
    queries_file = folder / "queries.jsonl"
    with queries_file.open("w", encoding="utf-8") as f:
        for q in eval_set.queries:
            f.write(json.dumps({"qid": q.qid, "text": q.text}, ensure_ascii=False) + "\n")
    out_file = folder / "runs" / f"{method.name}.jsonl"
    out_file.parent.mkdir(exist_ok=True)
    cmd = [
        sys.executable,
        "-m",
        "search",
        "--data",
        str(folder / "data"),
        "--queries",
        str(queries_file),
        "--json",
        "--k",
        str(k_passages),
        "--max-per-doc",
        "0",
        *method.flags(),
    ]
    with out_file.open("w", encoding="utf-8") as out:
        proc = subprocess.run(cmd, cwd=REPO, env=_env(), stdout=out, stderr=subprocess.PIPE, text=True)
    if proc.returncode != 0:
        sys.exit(f"error: search exited {proc.returncode} ({method.name}):\n{proc.stderr[-3000:]}")
    ranked: dict[str, list[str]] = {}
    with out_file.open(encoding="utf-8") as f:
        for line in f:
            item = json.loads(line)
            ranked[item["qid"]] = distinct_docs([r["path"] for r in item["results"]])
    return [ranked[q.qid] for q in eval_set.queries]


def distinct_docs(paths: list[str]) -> list[str]:
    """Passage paths (best first) to document paths, each at its first rank."""
    seen: dict[str, None] = {}
    for p in paths:
        seen.setdefault(p.replace(os.sep, "/"), None)
    return list(seen)


# --------------------------------------------------------------------------- metrics


def rank_of(relevant: str, docs: list[str]) -> int | None:
    """1-based rank of the relevant document within the cutoff, else None."""
    for i, d in enumerate(docs[:CUTOFF], start=1):
        if d == relevant:
            return i
    return None


def metrics(ranks: list[int | None]) -> dict[str, float]:
    """nDCG@10, MRR@10, recall@1, recall@10 for one relevant document per query."""
    n = max(len(ranks), 1)
    hit = [r for r in ranks if r is not None]
    return {
        "ndcg@10": sum(1.0 / math.log2(r + 1) for r in hit) / n,
        "mrr@10": sum(1.0 / r for r in hit) / n,
        "recall@1": sum(1 for r in hit if r == 1) / n,
        "recall@10": len(hit) / n,
    }


def ndcg_one(rank: int | None) -> float:
    return 0.0 if rank is None else 1.0 / math.log2(rank + 1)


def paired_test(a: list[int | None], b: list[int | None], rounds: int = 10000, seed: int = SEED) -> dict[str, float]:
    """nDCG@10 difference a - b, with a paired sign-flip randomisation p-value (two-sided)."""
    diffs = [ndcg_one(x) - ndcg_one(y) for x, y in zip(a, b, strict=True)]
    observed = sum(diffs) / len(diffs)
    rng = random.Random(seed)
    extreme = 0
    for _ in range(rounds):
        s = sum(d if rng.random() < 0.5 else -d for d in diffs) / len(diffs)
        extreme += abs(s) >= abs(observed) - 1e-12
    return {"diff": observed, "p": (extreme + 1) / (rounds + 1)}


def evaluate(eval_set: EvalSet, folder: Path, method: Method, k_passages: int) -> dict[str, Any]:
    """Run one method on one set; metrics plus per-query ranks."""
    started = time.monotonic()
    ranked = run_search(eval_set, folder, method, k_passages)
    seconds = time.monotonic() - started
    ranks = [rank_of(q.relevant, docs) for q, docs in zip(eval_set.queries, ranked, strict=True)]
    short = sum(1 for docs in ranked if len(docs) < CUTOFF)
    result = {
        "method": method.name,
        "fusion": method.fusion,
        "dense_weight": method.dense_weight,
        **metrics(ranks),
        "queries": len(ranks),
        "short_lists": short,
        "search_seconds": round(seconds, 1),
        "ranks": ranks,
    }
    print(f"[{eval_set.name}] {method.name:<16} " + _fmt_row(result), file=sys.stderr)
    return result


# --------------------------------------------------------------------------- output


COLUMNS = ("ndcg@10", "mrr@10", "recall@1", "recall@10")


def _fmt_row(r: dict[str, Any]) -> str:
    return "  ".join(f"{c}={r[c]:.3f}" for c in COLUMNS)


def machine_info() -> dict[str, Any]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "arch": platform.machine(),
        "cores": os.cpu_count(),
        "cpu": cpu,
        "python": platform.python_version(),
    }


def markdown_table(rows: list[dict[str, Any]]) -> list[str]:
    lines = ["| method | nDCG@10 | MRR@10 | recall@1 | recall@10 |", "|---|---:|---:|---:|---:|"]
    best = {c: max(r[c] for r in rows) for c in COLUMNS}
    for r in rows:
        cells = [f"**{r[c]:.3f}**" if r[c] == best[c] else f"{r[c]:.3f}" for c in COLUMNS]
        lines.append(f"| {_method_label(r)} | " + " | ".join(cells) + " |")
    return lines


def _method_label(r: dict[str, Any]) -> str:
    if r["fusion"] == "convex":
        tuned = ", tuned" if r["method"].endswith("-tuned") else ", default"
        return f"hybrid convex (w={r['dense_weight_used']:g}{tuned})"
    if r["fusion"] == "rrf":
        return "hybrid RRF"
    return {"bm25": "BM25 alone", "dense": "dense (e5-small) alone"}[r["fusion"]]


def print_table(title: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n{title}")
    print(f"  {'method':<34}" + "".join(f"{c:>11}" for c in COLUMNS))
    for r in rows:
        print(f"  {_method_label(r):<34}" + "".join(f"{r[c]:>11.3f}" for c in COLUMNS))


def load_results_json() -> dict[str, Any]:
    if RESULTS_JSON.is_file():
        try:
            return json.loads(RESULTS_JSON.read_text(encoding="utf-8"))
        except ValueError:
            pass
    return {}


def save_results_json(data: dict[str, Any]) -> None:
    RESULTS_JSON.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_JSON.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _public(r: dict[str, Any]) -> dict[str, Any]:
    """A result without per-query ranks (those stay under bench/work/)."""
    return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in r.items() if k != "ranks"}


def tuning_md(tuning: dict[str, Any] | None) -> list[str]:
    if not tuning:
        return ["Tuning: not run (`python bench/eval_retrieval.py --tune`)."]
    lines = [
        f"Convex dense weight tuned on **{tuning['set']} only** ({tuning['queries']} queries, "
        f"{tuning['date']}); best nDCG@10 at weight **{tuning['best_weight']:g}**. "
        "Held-out sets were not looked at while tuning.",
        "",
        "| dense weight | " + " | ".join(f"{s['dense_weight']:g}" for s in tuning["sweep"]) + " |",
        "|---|" + "---:|" * len(tuning["sweep"]),
        "| nDCG@10 | " + " | ".join(f"{s['ndcg@10']:.3f}" for s in tuning["sweep"]) + " |",
        "| MRR@10 | " + " | ".join(f"{s['mrr@10']:.3f}" for s in tuning["sweep"]) + " |",
    ]
    return lines


def results_md(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        "## Retrieval",
        "",
        f"Written by `python bench/eval_retrieval.py` on {report['date']}. Whole pipeline: "
        "documents written as files, `python -m indexer --full` and `python -m search --queries "
        f"... --json --k {report['k_passages']} --max-per-doc 0` run as subprocesses; passages "
        "mapped to their document, each document counted once at its best rank; one relevant "
        "document per query.",
        "",
        f"- Machine: {m['arch']}, {m['cores']} cores, {m['cpu']}, Python {m['python']}, CPU only",
        f"- Model: `{report['model_id']}`",
        f"- Default convex dense weight (`search.fusion.DENSE_WEIGHT`): {report['default_dense_weight']:g}",
        "",
        "Index time: wall seconds of the indexer subprocess on a fresh data folder (no vector "
        "cache), model load included. The machine is shared (the 1-minute load average when the "
        "build started is shown), so times are noisy.",
        "",
        "| set | documents | passages | queries | index time (s) | load avg at start |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for name, s in report["sets"].items():
        counts = f"{s['documents']} | {s['passages']} | {s['queries']}"
        load = "–" if s.get("load_before") is None else f"{s['load_before']:.2f}"
        lines.append(f"| {name} | {counts} | {s['index_seconds']:.1f} | {load} |")
    for name, s in report["sets"].items():
        lines += ["", f"### {name}", "", f"Source: `{s['source']}`."]
        lines += [f"{n}." for n in s.get("notes", [])]
        short = max(r["short_lists"] for r in s["methods"])
        lines.append(f"Queries whose passages named fewer than {CUTOFF} documents: at most {short}.")
        lines += [""] + markdown_table(s["methods"])
        c = s["comparison"]
        lines += [
            "",
            f"Hybrid (convex) vs best single method ({c['best_single']}): nDCG@10 "
            f"{c['diff']:+.3f}, paired randomisation p = {c['p']:.3f}; "
            f"beats both single methods: {'yes' if c['beats_both'] else 'no'}; " + _others_text(c) + ".",
        ]
    lines += ["", "### Tuning", ""] + tuning_md(report.get("tuning"))
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- modes


def default_dense_weight() -> float:
    from search.fusion import DENSE_WEIGHT

    return float(DENSE_WEIGHT)


def run_tune(args: argparse.Namespace) -> None:
    """Sweep the convex dense weight on the training set only; print and store the best."""
    eval_set = load_set(TUNE_SET, args.shared, args)
    meta = prepare_index(eval_set, args.work, args.max_tokens, args.reuse_index)
    folder = args.work / eval_set.name
    sweep = []
    for w in TUNE_WEIGHTS:
        r = evaluate(eval_set, folder, Method(f"convex-{w:.2f}", "convex", w), args.k_passages)
        sweep.append({k: r[k] for k in ("dense_weight", *COLUMNS)})
    best = max(sweep, key=lambda s: (s["ndcg@10"], s["mrr@10"]))
    print(f"\nTuning on {TUNE_SET} ({len(eval_set.queries)} queries, {meta['passages']} passages):")
    print(f"  {'weight':>8}" + "".join(f"{c:>11}" for c in COLUMNS))
    for s in sweep:
        mark = "  <- best" if s is best else ""
        print(f"  {s['dense_weight']:>8.2f}" + "".join(f"{s[c]:>11.3f}" for c in COLUMNS) + mark)
    print(f"best dense weight: {best['dense_weight']:g} (current default {default_dense_weight():g})")
    data = load_results_json()
    data["tuning"] = {
        "set": TUNE_SET,
        "date": datetime.now().isoformat(timespec="seconds"),
        "queries": len(eval_set.queries),
        "metric": "ndcg@10",
        "best_weight": best["dense_weight"],
        "max_tokens": args.max_tokens,
        "sweep": [{k: (round(v, 4) if isinstance(v, float) else v) for k, v in s.items()} for s in sweep],
    }
    if not args.no_write:
        save_results_json(data)


def compare(results: list[dict[str, Any]]) -> dict[str, Any]:
    """Does the convex hybrid beat both single methods on nDCG@10?"""
    by = {r["method"]: r for r in results}
    hybrid = by["hybrid-convex"]
    singles = [by["bm25"], by["dense"]]
    best = max(singles, key=lambda r: r["ndcg@10"])
    test = paired_test(hybrid["ranks"], best["ranks"])
    beats = all(hybrid["ndcg@10"] > s["ndcg@10"] for s in singles)
    out = {
        "best_single": best["method"],
        "diff": round(test["diff"], 4),
        "p": round(test["p"], 4),
        "beats_both": beats,
    }
    for other in ("hybrid-rrf", "hybrid-convex-tuned"):
        if other in by:
            out[f"{other}_beats_both"] = all(by[other]["ndcg@10"] > s["ndcg@10"] for s in singles)
    return out


def run_eval(args: argparse.Namespace) -> None:
    """All chosen sets x methods; print, and write RESULTS.md and retrieval.json."""
    weight = default_dense_weight()
    report: dict[str, Any] = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": machine_info(),
        "k_passages": args.k_passages,
        "cutoff": CUTOFF,
        "default_dense_weight": weight,
        "max_tokens": args.max_tokens,
        "sets": {},
    }
    tuning = load_results_json().get("tuning")
    methods = list(METHODS)
    if tuning and tuning["best_weight"] != weight:
        methods.append(Method("hybrid-convex-tuned", "convex", tuning["best_weight"]))
    for name in args.sets:
        eval_set = load_set(name, args.shared, args)
        meta = prepare_index(eval_set, args.work, args.max_tokens, args.reuse_index)
        report["model_id"] = meta["model_id"]
        folder = args.work / name
        results = [evaluate(eval_set, folder, m, args.k_passages) for m in methods]
        for r in results:
            if r["fusion"] == "convex":
                r["dense_weight_used"] = r["dense_weight"] if r["dense_weight"] is not None else weight
        (folder / "ranks.json").write_text(json.dumps({r["method"]: r["ranks"] for r in results}), encoding="utf-8")
        report["sets"][name] = {
            "source": eval_set.source,
            "notes": eval_set.notes,
            "documents": meta["documents"],
            "passages": meta["passages"],
            "queries": len(eval_set.queries),
            "index_seconds": meta["index_seconds"],
            "load_before": meta.get("load_before"),
            "chunking": meta.get("chunking"),
            "comparison": compare(results),
            "methods": [_public(r) for r in results],
        }
        print_table(
            f"{name}: {meta['documents']} documents, {meta['passages']} passages, "
            f"{len(eval_set.queries)} queries, indexed in {meta['index_seconds']:.1f} s",
            report["sets"][name]["methods"],
        )
    data = load_results_json()
    report["tuning"] = data.get("tuning")
    summary(report)
    if not args.no_write:
        data.update({k: v for k, v in report.items() if k != "tuning"})
        save_results_json(data)
        write_section("retrieval", results_md(report))
        print(f"\nwrote {RESULTS_MD.relative_to(REPO)} and {RESULTS_JSON.relative_to(REPO)}")


def _others_text(c: dict[str, Any]) -> str:
    """'hybrid-rrf beats both: no; ...' for the other hybrids in a comparison."""
    return "; ".join(
        f"{k.removesuffix('_beats_both')} beats both: {'yes' if v else 'no'}"
        for k, v in c.items()
        if k.endswith("_beats_both") and k != "beats_both"
    )


def summary(report: dict[str, Any]) -> None:
    print()
    for name, s in report["sets"].items():
        c = s["comparison"]
        verdict = "yes" if c["beats_both"] else "no"
        print(
            f"{name}: hybrid convex beats both single methods: {verdict} "
            f"(vs {c['best_single']}: {c['diff']:+.3f} nDCG@10, p={c['p']:.3f}); " + _others_text(c)
        )
    dev = report["sets"].get("swequad-dev")
    if dev:
        ndcg = next(r["ndcg@10"] for r in dev["methods"] if r["method"] == "hybrid-convex")
        print(f"swequad-dev hybrid convex nDCG@10 = {ndcg:.3f} ({'>=' if ndcg >= 0.88 else '<'} 0.88)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument(
        "--shared",
        type=Path,
        default=REPO.parent / "shared",
        help="folder holding data/ (default ../shared)",
    )
    p.add_argument("--sets", nargs="+", choices=ALL_SETS, default=list(ALL_SETS), help="sets to evaluate")
    p.add_argument("--tune", action="store_true", help=f"sweep the convex dense weight on {TUNE_SET} only")
    p.add_argument("--k-passages", type=int, default=50, help="passages asked for per query (default 50)")
    p.add_argument("--max-tokens", type=int, default=None, help="passage size passed to the indexer")
    p.add_argument(
        "--squad-paragraphs",
        type=int,
        default=400,
        help="SQuAD-sv paragraphs sampled (default 400)",
    )
    p.add_argument("--squad-max-queries", type=int, default=1000, help="cap on SQuAD-sv queries (default 1000)")
    p.add_argument("--seed", type=int, default=SEED, help="sampling seed")
    p.add_argument("--work", type=Path, default=WORK, help="work folder (default bench/work)")
    p.add_argument("--reuse-index", action="store_true", help="reuse an index of the same documents in --work")
    p.add_argument(
        "--no-write",
        action="store_true",
        help="print only; leave RESULTS.md and retrieval.json alone",
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    args.shared = args.shared.resolve()
    check_shared(args.shared, [TUNE_SET] if args.tune else args.sets)
    args.work.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(REPO))
    if args.tune:
        run_tune(args)
    else:
        run_eval(args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
