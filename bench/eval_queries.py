"""Questions as people type them: fusion chosen on a mix, reported on held-back halves, as written,
without å/ä/ö and with a typing error.

Sets (indexes built with the indexer command, `python -m indexer`, and reused when unchanged):
  swequad-train   SweQUAD-MC training (lexical questions)               tuning
  swequad-dev     SweQUAD-MC dev                                         held back
  squad-sv        SQuAD-sv sample, paragraphs split in two halves        tuning half / held-back half
  paraphrase      bench/gold/paraphrase over the demo corpus: questions
                  in everyday words avoiding the documents' wording;
                  odd qids tuning, even qids held back

Every held-back query is asked three ways: as written, folded (å→a, ä→a, ö→o) and with one
typing error (one letter changed, dropped or swapped in one word of five letters or more,
fixed seed). Queries go through `search.engine.Searcher.search_many`, the call the search
command makes, with the real model; methods differ only in their SearchOptions.

    python bench/eval_queries.py            # prints tables, writes bench/RESULTS.md and bench/results/queries.json
    python bench/eval_queries.py --quick    # fewer queries per set (a smoke run)
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import eval_retrieval as er
from results_md import write_section

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

import search.engine  # noqa: E402
from indexer.model.embedder import Embedder  # noqa: E402
from indexer.settings import resolve_settings  # noqa: E402
from search.engine import Searcher, SearchOptions  # noqa: E402

SEED = 20261202
CUTOFF = 10
FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "A", "Ä": "A", "Ö": "O"})


@dataclass
class Q:
    qid: str
    text: str
    relevant: list[str]
    half: str  # "tune" or "held-out"


@dataclass(frozen=True)
class Method:
    name: str
    fusion: str
    dense_weight: float = 0.4
    repair: bool = True

    def options(self) -> SearchOptions:
        return SearchOptions(
            k=50, fusion=self.fusion, dense_weight=self.dense_weight, max_per_doc=0, contacts=0, meetings=0,
            repair=self.repair,
        )  # fmt: skip


WEIGHTS = (0.3, 0.4, 0.5, 0.6, 0.7)
METHODS = [
    Method("bm25", "bm25"),
    Method("dense", "dense"),
    Method("rrf", "rrf"),
    *(Method(f"convex w={w:g}", "convex", w) for w in WEIGHTS),
    *(Method(f"zscore w={w:g}", "zscore", w) for w in WEIGHTS),
]


def typo(text: str, rng: random.Random) -> str:
    """One typing error in one word of five letters or more: a letter changed, dropped or two swapped."""
    words = text.split(" ")
    candidates = [i for i, w in enumerate(words) if sum(ch.isalpha() for ch in w) >= 5]
    if not candidates:
        return text
    i = rng.choice(candidates)
    w = words[i]
    letters = [j for j in range(1, len(w) - 1) if w[j].isalpha()] or [0]
    j = rng.choice(letters)
    kind = rng.choice(("change", "drop", "swap"))
    if kind == "change":
        w = w[:j] + rng.choice("abcdefghijklmnoprstuv") + w[j + 1 :]
    elif kind == "drop":
        w = w[:j] + w[j + 1 :]
    elif j + 1 < len(w):
        w = w[:j] + w[j + 1] + w[j] + w[j + 2 :]
    words[i] = w
    return " ".join(words)


def ndcg(ranked: list[str], relevant: list[str]) -> float:
    gains = sum(1.0 / math.log2(r + 2) for r, d in enumerate(ranked[:CUTOFF]) if d in relevant)
    ideal = sum(1.0 / math.log2(r + 2) for r in range(min(len(relevant), CUTOFF)))
    return gains / ideal if ideal else 0.0


def load_sets(args: argparse.Namespace) -> list[tuple[str, Path, list[Q]]]:
    """(name, data folder, queries) per set; indexes built with the indexer command when needed."""
    shared = Path(args.shared)
    out: list[tuple[str, Path, list[Q]]] = []
    ns = argparse.Namespace(squad_paragraphs=args.squad_paragraphs, squad_max_queries=2000, seed=er.SEED)
    # Passage size (bench/fusion_study.py --sizes): the indexer's defaults unless given.
    max_tokens, overlap = getattr(args, "max_tokens", None), getattr(args, "overlap_tokens", None)
    names = getattr(args, "set_names", None) or ("swequad-train", "swequad-dev", "squad-sv", "paraphrase")
    for name in [n for n in ("swequad-train", "swequad-dev", "squad-sv") if n in names]:
        eval_set = er.load_set(name, shared, ns)
        er.prepare_index(eval_set, args.work, max_tokens, reuse=True, overlap_tokens=overlap)
        queries = []
        for q in eval_set.queries:
            if name == "squad-sv":
                half = "tune" if int(q.relevant[4:8]) % 2 else "held-out"
            else:
                half = "tune" if name == "swequad-train" else "held-out"
            queries.append(Q(q.qid, q.text, [q.relevant], half))
        out.append((name, args.work / name / "data", queries))
    para_data = args.work / "paraphrase" / "data"
    if "paraphrase" in names and not (para_data / "CURRENT").is_file():
        er.run_indexer(REPO / "corpus", para_data, max_tokens, overlap)
    para = []
    for line in (BENCH / "gold" / "paraphrase" / "questions.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            number = int(item["qid"][1:])
            para.append(Q(item["qid"], item["text"], item["relevant"], "tune" if number % 2 else "held-out"))
    if "paraphrase" in names:
        out.append(("paraphrase", para_data, para))
    cap = 120 if args.quick else args.max_queries
    rng = random.Random(SEED)
    return [(n, d, qs if len(qs) <= cap else sorted(rng.sample(qs, cap), key=lambda q: q.qid)) for n, d, qs in out]


def run(searcher: Searcher, queries: list[str], method: Method) -> tuple[list[list[str]], list[float]]:
    """Ranked distinct documents per query, and each query's time in ms (one at a time, as the app asks)."""
    ranked, times = [], []
    for text in queries:
        started = time.perf_counter()
        response = searcher.search_many([text], method.options())[0]
        times.append((time.perf_counter() - started) * 1000)
        ranked.append(list(dict.fromkeys(h.path for h in response.results)))
    return ranked, times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--work", type=Path, default=BENCH / "work" / "queries")
    parser.add_argument("--squad-paragraphs", type=int, default=300)
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--max-queries", type=int, default=600, help="queries per set at most (seeded sample)")
    parser.add_argument("--no-write", action="store_true")
    parser.add_argument("--sets", nargs="+", help="only these sets (swequad-train, swequad-dev, squad-sv, paraphrase)")
    parser.add_argument(
        "--methods", nargs="+", help="only these methods (names as in the tables), e.g. after the choice was made"
    )
    args = parser.parse_args()
    if args.methods:
        METHODS[:] = [m for m in METHODS if m.name in args.methods]
    args.set_names = args.sets
    args.work.mkdir(parents=True, exist_ok=True)
    # Each distinct query text is embedded once for all the methods (the searcher keeps the vectors); query
    # latency is measured on its own by bench/latency_compare.py.
    search.engine.QUERY_CACHE_SIZE = 1_000_000
    sets = load_sets(args)
    settings = resolve_settings()
    embedder = Embedder.load(settings.model, settings.model_cache)
    rng = random.Random(SEED)
    results: dict[str, Any] = {"sets": {}}
    searchers = {name: Searcher(data, embedder) for name, data, _ in sets}
    variants = {
        name: {
            "as written": [q.text for q in queries],
            "folded": [q.text.translate(FOLD) for q in queries],
            "typo": [typo(q.text, rng) for q in queries],
        }
        for name, _, queries in sets
    }

    def score(name: str, queries: list[Q], method: Method, variant: str, row: dict[str, Any]) -> None:
        ranked, times = run(searchers[name], variants[name][variant], method)
        for half in ("tune", "held-out"):
            scores = [ndcg(r, q.relevant) for r, q in zip(ranked, queries, strict=True) if q.half == half]
            if scores:
                row[f"{half}|{variant}"] = round(statistics.mean(scores), 4)
        if variant == "as written":
            row["p50_ms"] = round(statistics.median(times), 1)
            row["p95_ms"] = round(sorted(times)[int(0.95 * (len(times) - 1))], 1)
        print(f"[{name}] {method.name:<22} {variant:<10} {row}", file=sys.stderr)

    # 1. Every method on every set as written; the choice is made on the tuning halves only.
    for name, _, queries in sets:
        per_method: dict[str, Any] = {}
        for method in METHODS:
            per_method[method.name] = {}
            score(name, queries, method, "as written", per_method[method.name])
        results["sets"][name] = {"queries": len(queries), "methods": per_method}
    results["chosen"] = choose(results)
    chosen = next(m for m in METHODS if m.name == results["chosen"]["method"])
    # 2. Folded and mistyped queries for the single methods, the old default and the chosen fusion;
    #    and without the repairs, to show what restoring å/ä/ö and correcting typos is worth.
    # (Those of them that --methods kept.)
    named = {m.name: m for m in METHODS}
    compared = list(dict.fromkeys([named[n] for n in ("bm25", "dense", "convex w=0.4") if n in named] + [chosen]))
    for name, _, queries in sets:
        per_method = results["sets"][name]["methods"]
        for method in compared:
            for variant in ("folded", "typo"):
                score(name, queries, method, variant, per_method[method.name])
        for method in dict.fromkeys([named[n] for n in ("dense",) if n in named] + [chosen]):
            off = Method(f"{method.name}, no repair", method.fusion, method.dense_weight, repair=False)
            per_method[off.name] = {}
            for variant in ("folded", "typo"):
                score(name, queries, off, variant, per_method[off.name])
    results["compounds"] = compound_ablation(args, sets, embedder, rng)
    results["info"] = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": f"{os.cpu_count()} cores",
        "load_average": os.getloadavg()[0],
        "quick": args.quick,
    }
    text = markdown(results)
    print(text)
    if not args.no_write:
        write_section("queries", text)
        (BENCH / "results" / "queries.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


def compound_ablation(
    args: argparse.Namespace, sets: list[tuple[str, Path, list[Q]]], embedder: Embedder, rng: random.Random
) -> dict[str, Any]:
    """The paraphrase set indexed and searched without compound parts (KB_COMPOUNDS=0), against with them."""
    name, data, queries = next(s for s in sets if s[0] == "paraphrase")
    off_data = args.work / "paraphrase-nocompounds" / "data"
    os.environ["KB_COMPOUNDS"] = "0"
    try:
        if not (off_data / "CURRENT").is_file():
            er.run_indexer(REPO / "corpus", off_data, None)
        off = Searcher(off_data, embedder)
    finally:
        del os.environ["KB_COMPOUNDS"]
    on = Searcher(data, embedder)
    out: dict[str, Any] = {}
    texts = [q.text for q in queries]
    for method in (Method("bm25", "bm25"), Method("dense", "dense"), Method("zscore w=0.5", "zscore", 0.5)):
        row = {}
        for label, searcher in (("with parts", on), ("whole words only", off)):
            ranked, _ = run(searcher, texts, method)
            for half in ("tune", "held-out"):
                scores = [ndcg(r, q.relevant) for r, q in zip(ranked, queries, strict=True) if q.half == half]
                row[f"{half}|{label}"] = round(statistics.mean(scores), 4)
        out[method.name] = row
        print(f"[compounds] {method.name:<14} {row}", file=sys.stderr)
    return out


def choose(results: dict[str, Any]) -> dict[str, Any]:
    """The method with the best mean nDCG@10 over the tuning halves (as written), each set weighing the same."""
    tune_sets = [
        (name, s) for name, s in results["sets"].items() if any("tune|as written" in r for r in s["methods"].values())
    ]
    best_name, best = "", -1.0
    for method in METHODS:
        if method.fusion in ("bm25", "dense"):
            continue
        values = [s["methods"][method.name].get("tune|as written") for _, s in tune_sets]
        values = [v for v in values if v is not None]
        if values and statistics.mean(values) > best:
            best_name, best = method.name, statistics.mean(values)
    return {"method": best_name, "tuning_mean_ndcg": round(best, 4), "tuning_sets": [n for n, _ in tune_sets]}


def markdown(results: dict[str, Any]) -> str:
    info = results.get("info", {})
    lines = [
        "## Questions as people type them: fusion, folded and mistyped queries",
        "",
        f"`python bench/eval_queries.py`, {info.get('date', '')}, {info.get('machine', '')}, load average "
        f"{info.get('load_average', 0):.2f}. nDCG@10 per query over its relevant documents (latency is measured on "
        "its own: 'Query latency' below). Chosen on the tuning "
        f"halves ({', '.join(results['chosen']['tuning_sets'])}): **{results['chosen']['method']}** "
        f"(mean tuning nDCG@10 {results['chosen']['tuning_mean_ndcg']:.3f}).",
    ]
    for name, s in results["sets"].items():
        halves = [h for h in ("held-out", "tune") if any(f"{h}|as written" in r for r in s["methods"].values())]
        half = halves[0]
        lines += [
            "",
            f"**{name}** ({s['queries']} queries; {half} half shown)",
            "",
            "| method | as written | folded | typo |",
            "|---|---:|---:|---:|",
        ]
        for method, row in s["methods"].items():
            cells = [row.get(f"{half}|{v}") for v in ("as written", "folded", "typo")]
            shown = [f"{c:.3f}" if c is not None else "" for c in cells]
            lines.append(f"| {method} | " + " | ".join(shown) + " |")
    if results.get("compounds"):
        lines += [
            "",
            "**Compound parts** (paraphrase set, held-back half; the same corpus indexed with KB_COMPOUNDS=0):",
            "",
            "| method | with parts | whole words only |",
            "|---|---:|---:|",
        ]
        for method, row in results["compounds"].items():
            lines.append(f"| {method} | {row['held-out|with parts']:.3f} | {row['held-out|whole words only']:.3f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
