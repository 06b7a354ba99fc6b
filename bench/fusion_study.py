"""Fusion alternatives and passage sizes, compared offline on what the searcher really retrieves (issue 10).

For every question the search pipeline runs once as the product runs it (query repair,
the model's query vector, the dense and the BM25 candidates of `Searcher`, each scored by
both sides), and what it returns is kept: candidate rows, dense and lexical scores, and the
document of each row. The alternatives are then scored on those same candidates without
asking the model again, so a dozen fusions cost what one costs:

  normalisation   min-max ("convex"), z-score, reciprocal rank (RRF), each dense weight
  query-adaptive  the dense weight chosen per query from signals known at query time:
                  how peaked the BM25 scores are (the best candidate's z-score), whether the
                  query names an entity or a code (a capitalised word after the first, a
                  digit), and its length in words; one weight per signal bucket, each bucket's
                  weight chosen on the tuning mix
  aggregation     a document's score from its passages: the best one (today), or the best
                  plus a share of the second, or the mean of the best two

Everything is chosen on the tuning halves (SweQUAD-MC training, the odd SQuAD-sv
paragraphs, the odd paraphrase questions; each set weighs the same) and reported on the
held-back halves (SweQUAD-MC dev, the even SQuAD-sv paragraphs, the even paraphrase
questions).

With --max-tokens/--overlap-tokens the tuning sets are indexed again at that passage size
(in a folder of their own) and only the tuning halves are scored: the passage-size study.

    python bench/fusion_study.py                      # fusion alternatives; writes bench/RESULTS.md
    python bench/fusion_study.py --sizes 128/0,128/32,192/32,256/48,384/48
                                                      # passage sizes (tuning halves), then the table
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import eval_queries as eq
import numpy as np
from results_md import write_section

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

from indexer.model.embedder import Embedder  # noqa: E402
from indexer.settings import resolve_settings  # noqa: E402
from search.engine import Searcher, SearchOptions, clean_query  # noqa: E402
from search.fusion import fuse_rankings  # noqa: E402
from search.query import repair_query  # noqa: E402

WEIGHTS = tuple(round(w, 2) for w in np.arange(0.2, 0.81, 0.1))


@dataclass
class Retrieved:
    """One question's candidates as the searcher found them."""

    relevant: list[str]
    half: str
    docs: list[str]  # per candidate, its document's path
    dense: np.ndarray
    lexical: np.ndarray
    peak: float  # the best BM25 candidate's z-score among candidates BM25 scored at all
    entity: bool  # a capitalised word after the first, or a digit
    words: int


def searched_texts(searcher: Searcher, queries: list[eq.Q]) -> list[str]:
    """The questions as the searcher looks them up: cleaned, with å/ä/ö restored and typing errors corrected."""
    vocabulary = searcher.generation.vocabulary
    return [repair_query(clean_query(q.text), vocabulary).searched or " " for q in queries]


def retrieve(searcher: Searcher, queries: list[eq.Q], vectors: np.ndarray | None = None) -> list[Retrieved]:
    gen = searcher.generation
    paths = {d: doc.path for d, doc in gen.docs.items()}
    doc_of_number = [paths[str(d)] for d in gen.arrays.doc_ids]
    searched = searched_texts(searcher, queries)
    if vectors is None:
        vectors = searcher.embedder.embed_queries(searched)
    opts = SearchOptions(k=50, max_per_doc=0, contacts=0, meetings=0)
    out = []
    for q, text, vector in zip(queries, searched, vectors, strict=True):
        rows, lexical_all = searcher._candidates(text, vector, opts, None, {})
        dense = gen.vectors.scores(rows, vector).astype(np.float64)
        lexical = lexical_all[rows].astype(np.float64)
        positive = lexical[lexical > 0]
        peak = float((positive.max() - positive.mean()) / positive.std()) if positive.size > 1 and positive.std() else 0
        words = text.split()
        entity = any(ch.isdigit() for ch in text) or any(w[:1].isupper() for w in words[1:])
        docs = [doc_of_number[int(n)] for n in np.asarray(gen.arrays.row_doc[rows])]
        out.append(Retrieved(q.relevant, q.half, docs, dense, lexical, peak, entity, len(words)))
    return out


def doc_ranking(r: Retrieved, fused: np.ndarray, aggregate: str) -> list[str]:
    order = np.argsort(-fused, kind="stable")
    if aggregate == "max":
        return list(dict.fromkeys(r.docs[i] for i in order))
    low, high = float(fused.min()), float(fused.max())
    unit = (fused - low) / (high - low) if high - low > 1e-12 else np.ones_like(fused)
    per_doc: dict[str, list[float]] = {}
    for i in order:
        per_doc.setdefault(r.docs[i], []).append(float(unit[i]))
    share = float(aggregate.split(":")[1]) if ":" in aggregate else 0.0

    def score(values: list[float]) -> float:
        second = values[1] if len(values) > 1 else 0.0
        if aggregate.startswith("second"):
            return values[0] + share * second
        return (values[0] + second) / 2  # "mean2"

    return sorted(per_doc, key=lambda d: -score(per_doc[d]))


Fusion = Callable[[Retrieved], np.ndarray]


def fixed(method: str, weight: float) -> Fusion:
    return lambda r: fuse_rankings(np.arange(len(r.dense)), r.dense, r.lexical, method, weight)


def mean_ndcg(items: list[Retrieved], fusion: Fusion, aggregate: str = "max") -> float:
    if not items:
        return float("nan")
    return statistics.mean(eq.ndcg(doc_ranking(r, fusion(r), aggregate), r.relevant) for r in items)


ALL_SIGNALS = (True, True, True)


def buckets(
    r: Retrieved, peak_cut: float, words_cut: int, use: tuple[bool, bool, bool] = ALL_SIGNALS
) -> tuple[bool, bool, bool]:
    signals = (r.peak >= peak_cut, r.entity, r.words <= words_cut)
    return tuple(s and u for s, u in zip(signals, use, strict=True))  # type: ignore[return-value]


def fit_adaptive(
    tune: dict[str, list[Retrieved]], method: str, use: tuple[bool, bool, bool] = ALL_SIGNALS
) -> tuple[dict[Any, float], float, int]:
    """One dense weight per signal bucket, chosen on the tuning mix (each set weighing the same)."""
    everything = [r for items in tune.values() for r in items]
    peak_cut = float(np.median([r.peak for r in everything]))
    words_cut = int(np.median([r.words for r in everything]))
    keys = list(itertools.product((False, True), repeat=3))
    # Per set, per bucket, per weight: the sum of nDCG@10 (so buckets can be chosen one at a time).
    table: dict[Any, dict[float, float]] = {k: dict.fromkeys(WEIGHTS, 0.0) for k in keys}
    for items in tune.values():
        for r in items:
            key = buckets(r, peak_cut, words_cut, use)
            for w in WEIGHTS:
                fused = fuse_rankings(np.arange(len(r.dense)), r.dense, r.lexical, method, w)
                table[key][w] += eq.ndcg(doc_ranking(r, fused, "max"), r.relevant) / len(items)
    weights = {k: max(WEIGHTS, key=lambda w, k=k: table[k][w]) for k in keys}
    return weights, peak_cut, words_cut


def adaptive(
    method: str, weights: dict[Any, float], peak_cut: float, words_cut: int, use: tuple[bool, bool, bool] = ALL_SIGNALS
) -> Fusion:
    def fuse(r: Retrieved) -> np.ndarray:
        w = weights[buckets(r, peak_cut, words_cut, use)]
        return fuse_rankings(np.arange(len(r.dense)), r.dense, r.lexical, method, w)

    return fuse


def load(
    args: argparse.Namespace, work: Path, tuning_only: bool, max_tokens: int | None = None, overlap: int | None = None
) -> list[tuple[str, Path, list[eq.Q]]]:
    names = ("swequad-train", "squad-sv", "paraphrase") if tuning_only else None
    ns = argparse.Namespace(
        shared=args.shared, work=work, squad_paragraphs=args.squad_paragraphs, quick=False, max_queries=100000,
        max_tokens=max_tokens, overlap_tokens=overlap, set_names=names,
    )  # fmt: skip
    work.mkdir(parents=True, exist_ok=True)
    return eq.load_sets(ns)


def halves(sets: dict[str, list[Retrieved]], half: str) -> dict[str, list[Retrieved]]:
    return {
        name: [r for r in items if r.half == half] for name, items in sets.items() if any(r.half == half for r in items)
    }


def fusion_table(retrieved: dict[str, list[Retrieved]]) -> dict[str, Any]:
    tune, held = halves(retrieved, "tune"), halves(retrieved, "held-out")
    rows: dict[str, dict[str, float]] = {}

    fusions: dict[str, Fusion] = {}
    aggregates: dict[str, str] = {}

    def add(name: str, fusion: Fusion, aggregate: str = "max") -> None:
        fusions[name], aggregates[name] = fusion, aggregate
        row = {f"tune|{n}": round(mean_ndcg(items, fusion, aggregate), 4) for n, items in tune.items()}
        row |= {f"held|{n}": round(mean_ndcg(items, fusion, aggregate), 4) for n, items in held.items()}
        row["tune mean"] = round(statistics.mean(v for k, v in row.items() if k.startswith("tune|")), 4)
        rows[name] = row
        print(f"{name:<34} {row}", file=sys.stderr)

    add("bm25", fixed("bm25", 0))
    add("dense", fixed("dense", 1))
    add("rrf", fixed("rrf", 0.5))
    for method, w in itertools.product(("convex", "zscore"), WEIGHTS):
        add(f"{method} w={w:g}", fixed(method, w))
    fitted = {}
    for method in ("convex", "zscore"):
        weights, peak_cut, words_cut = fit_adaptive(tune, method)
        fitted[method] = {
            "peak_cut": round(peak_cut, 3), "words_cut": words_cut,
            "weights": {"/".join(("peaked" if p else "flat", "entity" if e else "plain", "short" if s else "long")): w
                        for (p, e, s), w in weights.items()},
        }  # fmt: skip
        add(f"{method} adaptive", adaptive(method, weights, peak_cut, words_cut))
        use = (True, False, False)
        weights, peak_cut, words_cut = fit_adaptive(tune, method, use)
        fitted[f"{method}, BM25 peak only"] = {
            "peak_cut": round(peak_cut, 3), "words_cut": words_cut,
            "weights": {("peaked" if p else "flat"): weights[(p, False, False)] for p in (False, True)},
        }  # fmt: skip
        add(f"{method} adaptive, BM25 peak only", adaptive(method, weights, peak_cut, words_cut, use))
    best_fixed = max((n for n in rows if " w=" in n), key=lambda n: rows[n]["tune mean"])
    method, w = best_fixed.split(" w=")
    for aggregate in ("second:0.1", "second:0.25", "second:0.5", "mean2"):
        add(f"{best_fixed}, doc {aggregate}", fixed(method, float(w)), aggregate)
    best = max(rows, key=lambda n: rows[n]["tune mean"] if n not in ("bm25", "dense") else -1)
    fusions[best_fixed] = fixed(method, float(w))
    p = paired_p(tune, fusions[best], aggregates.get(best, "max"), fusions[best_fixed])
    cv = cross_validated(tune)
    # The adaptive weight has eight fitted weights where the fixed one has one: it is taken only if it also
    # wins out of fold (fitted on one half of the tuning questions, scored on the other, both ways).
    chosen = best
    if "adaptive" in best and cv["adaptive"] <= cv["fixed"]:
        chosen = best_fixed
    return {
        "rows": rows, "adaptive": fitted, "best_fixed": best_fixed, "best": best, "p_best_vs_fixed": p,
        "cross_validated": cv, "chosen": chosen,
    }  # fmt: skip


def cross_validated(tune: dict[str, list[Retrieved]]) -> dict[str, float]:
    """Two-fold cross-validation on the tuning questions: the best fixed z-score weight against the adaptive one."""
    folds = [{n: items[k::2] for n, items in tune.items()} for k in (0, 1)]
    scores: dict[str, list[float]] = {"fixed": [], "adaptive": []}
    for fit_on, score_on in ((folds[0], folds[1]), (folds[1], folds[0])):
        w = max(WEIGHTS, key=lambda w: statistics.mean(mean_ndcg(i, fixed("zscore", w)) for i in fit_on.values()))
        weights, peak_cut, words_cut = fit_adaptive(fit_on, "zscore")
        fused = adaptive("zscore", weights, peak_cut, words_cut)
        scores["fixed"].append(statistics.mean(mean_ndcg(i, fixed("zscore", w)) for i in score_on.values()))
        scores["adaptive"].append(statistics.mean(mean_ndcg(i, fused) for i in score_on.values()))
    return {k: round(statistics.mean(v), 4) for k, v in scores.items()}


def paired_p(
    sets: dict[str, list[Retrieved]], a: Fusion, aggregate: str, b: Fusion, rounds: int = 10000, seed: int = 7
) -> float:
    """Two-sided paired randomisation test of a against b (sign flips per question), each set weighing the same."""
    diffs, weights = [], []
    for items in sets.values():
        for r in items:
            diffs.append(
                eq.ndcg(doc_ranking(r, a(r), aggregate), r.relevant) - eq.ndcg(doc_ranking(r, b(r), "max"), r.relevant)
            )
            weights.append(1.0 / (len(items) * len(sets)))
    return sign_flip_p(np.asarray(diffs) * np.asarray(weights), rounds, seed)


def sign_flip_p(weighted: np.ndarray, rounds: int = 10000, seed: int = 7) -> float:
    """Two-sided p of a paired randomisation test: each question's weighted difference flips sign at random."""
    observed = abs(float(weighted.sum()))
    signs = np.random.default_rng(seed).choice((-1.0, 1.0), size=(rounds, weighted.size))
    return round(float(((np.abs((signs * weighted).sum(axis=1)) >= observed - 1e-12).sum() + 1) / (rounds + 1)), 4)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", default=str(REPO.parent / "shared"))
    parser.add_argument("--work", type=Path, default=BENCH / "work" / "queries")
    parser.add_argument("--squad-paragraphs", type=int, default=300)
    parser.add_argument("--sizes", help="passage sizes to compare, max/overlap tokens, e.g. 128/0,256/48")
    parser.add_argument(
        "--part-weights", help="with --sizes: compound-part weights to try in BM25 with every size, e.g. 0,0.5,1"
    )
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    settings = resolve_settings()
    embedder = Embedder.load(settings.model, settings.model_cache)
    started = time.time()
    info = {"date": datetime.now().isoformat(timespec="seconds"), "cores": os.cpu_count(),
            "load_before": round(os.getloadavg()[0], 2), "encoder": os.environ.get("KB_ENCODER", "torch")}  # fmt: skip
    if args.sizes and args.part_weights:
        results = joint_study(args, embedder)
        publish(args, "passage-size-parts", joint_markdown, results, info, started)
        return 0
    if args.sizes:
        results = size_study(args, embedder)
        publish(args, "passage-size", size_markdown, results, info, started)
        return 0
    retrieved = {name: retrieve(Searcher(data, embedder), qs) for name, data, qs in load(args, args.work, False)}
    results = fusion_table(retrieved)
    results["queries"] = {
        n: {h: sum(r.half == h for r in items) for h in ("tune", "held-out")} for n, items in retrieved.items()
    }
    publish(args, "fusion-study", fusion_markdown, results, info, started)
    return 0


def publish(
    args: argparse.Namespace,
    section: str,
    markdown: Callable[[dict[str, Any], dict[str, Any]], str],
    results: dict[str, Any],
    info: dict[str, Any],
    started: float,
) -> None:
    """Print the table; unless --no-write, write it to bench/RESULTS.md and the figures to bench/results/."""
    info |= {"load_after": round(os.getloadavg()[0], 2), "seconds": round(time.time() - started)}
    text = markdown(results, info)
    print(text)
    if not args.no_write:
        write_section(section, text)
        path = BENCH / "results" / f"{section.replace('-', '_')}.json"
        path.write_text(json.dumps({"info": info, **results}, indent=2))


def size_study(args: argparse.Namespace, embedder: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"sizes": {}}
    for spec in args.sizes.split(","):
        max_tokens, overlap = (int(x) for x in spec.split("/"))
        work = args.work.parent / f"size-{max_tokens}-{overlap}"
        sets = load(args, work, True, max_tokens, overlap)
        row: dict[str, Any] = {}
        tune_means = []
        for name, data, qs in sets:
            searcher = Searcher(data, embedder)
            items = [r for r in retrieve(searcher, qs) if r.half == "tune"]
            for fusion_name, fusion in (("zscore w=0.5", fixed("zscore", 0.5)), ("dense", fixed("dense", 1)),
                                        ("bm25", fixed("bm25", 0))):  # fmt: skip
                row[f"{name}|{fusion_name}"] = round(mean_ndcg(items, fusion), 4)
            row[f"{name}|passages"] = searcher.generation.size
            tune_means.append(row[f"{name}|zscore w=0.5"])
        row["tune mean"] = round(statistics.mean(tune_means), 4)
        out["sizes"][spec] = row
        print(f"[size {spec}] {row}", file=sys.stderr)
    return out


def fusion_markdown(results: dict[str, Any], info: dict[str, Any]) -> str:
    rows = results["rows"]
    some = next(iter(rows.values()))
    tune_sets = [k.split("|")[1] for k in some if k.startswith("tune|")]
    held_sets = [k.split("|")[1] for k in some if k.startswith("held|")]
    lines = [
        "## Fusion alternatives on the searcher's own candidates (issue 10, point 1)",
        "",
        f"`python bench/fusion_study.py`, {info['date']}, {info['cores']} cores, load average {info['load_before']} "
        f"before and {info['load_after']} after, {info['seconds']} s. Each question searched once as the product "
        "does (repair, query vector, dense and BM25 candidates scored by both sides); every alternative then "
        "ranked those same candidates. nDCG@10 over documents. Questions per set (tuning / held back): "
        + ", ".join(f"{n} {c['tune']}/{c['held-out']}" for n, c in results["queries"].items())
        + ". Chosen by the mean over the tuning halves, each set weighing the same; the adaptive weight (eight "
        "fitted weights where a fixed one has one) only if it also wins out of fold: two-fold cross-validation on "
        "the tuning questions, z-score fusion, each fold's weights fitted on the other fold. "
        f"Best on the tuning mix: {results['best']} (in-sample paired randomisation against "
        f"{results['best_fixed']}: p = {results['p_best_vs_fixed']}); out of fold: adaptive "
        f"{results['cross_validated']['adaptive']:.4f}, fixed weight {results['cross_validated']['fixed']:.4f}. "
        f"Chosen: **{results['chosen']}**.",
        "",
        "| method | "
        + " | ".join(f"{s} (tune)" for s in tune_sets)
        + " | tune mean | "
        + " | ".join(f"{s} (held back)" for s in held_sets)
        + " |",
        "|---|" + "---:|" * (len(tune_sets) + 1 + len(held_sets)),
    ]
    for name, row in rows.items():
        mark = "**" if name == results["chosen"] else ""
        cells = [f"{row[f'tune|{s}']:.3f}" for s in tune_sets] + [f"{mark}{row['tune mean']:.4f}{mark}"]
        cells += [f"{row[f'held|{s}']:.3f}" for s in held_sets]
        lines.append(f"| {mark}{name}{mark} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Adaptive weights fitted on the tuning mix (signal buckets: BM25 peak z-score at or above the "
        "median, the query names an entity or a code, the query has at most the median number of words):",
        "",
    ]
    for method, fit in results["adaptive"].items():
        lines.append(
            f"- {method}: peak cut {fit['peak_cut']}, words cut {fit['words_cut']}; "
            + ", ".join(f"{k} {v:g}" for k, v in fit["weights"].items())
        )
    return "\n".join(lines)


def joint_study(args: argparse.Namespace, embedder: Any) -> dict[str, Any]:
    """Passage size, compound-part weight and z-score weight chosen together on the tuning halves.

    The best combination is set against today's default (the first size, part weight 1, w=0.5) and
    against the best combination of every other size, and each size's best against the default, by a
    paired randomisation test over the tuning questions, so that a size is not taken on a difference
    the questions cannot tell from chance.
    """
    part_weights = [float(x) for x in args.part_weights.split(",")]
    per_combo: dict[tuple[str, float, float], dict[str, list[Retrieved]]] = {}
    passages: dict[str, dict[str, int]] = {}
    for spec in args.sizes.split(","):
        max_tokens, overlap = (int(x) for x in spec.split("/"))
        work = args.work.parent / f"size-{max_tokens}-{overlap}"
        passages[spec] = {}
        for name, data, qs in load(args, work, True, max_tokens, overlap):
            searcher = Searcher(data, embedder)
            assert searcher.generation.bm25 is not None
            qs = [q for q in qs if q.half == "tune"]
            vectors = embedder.embed_queries(searched_texts(searcher, qs))
            passages[spec][name] = searcher.generation.size
            for alpha in part_weights:
                searcher.generation.bm25.part_weight = alpha
                items = retrieve(searcher, qs, vectors)
                for w in WEIGHTS:
                    per_combo.setdefault((spec, alpha, w), {})[name] = items

    def mean_of(combo: tuple[str, float, float]) -> float:
        return statistics.mean(mean_ndcg(items, fixed("zscore", combo[2])) for items in per_combo[combo].values())

    means = {combo: round(mean_of(combo), 4) for combo in per_combo}
    best = max(means, key=lambda c: means[c])
    default = (args.sizes.split(",")[0], 1.0, 0.5)

    def paired(a: tuple[str, float, float], b: tuple[str, float, float]) -> dict[str, Any]:
        diffs, weights = [], []
        for name, items_a in per_combo[a].items():
            items_b = per_combo[b][name]
            for ra, rb in zip(items_a, items_b, strict=True):
                na = eq.ndcg(doc_ranking(ra, fixed("zscore", a[2])(ra), "max"), ra.relevant)
                nb = eq.ndcg(doc_ranking(rb, fixed("zscore", b[2])(rb), "max"), rb.relevant)
                diffs.append(na - nb)
                weights.append(1.0 / (len(items_a) * len(per_combo[a])))
        d = np.asarray(diffs) * np.asarray(weights)
        return {"a": list(a), "b": list(b), "diff": round(float(d.sum()), 4), "p": sign_flip_p(d)}

    size_best = {
        spec: max((c for c in means if c[0] == spec), key=lambda c: means[c]) for spec in args.sizes.split(",")
    }
    tests = [paired(best, default)] + [paired(best, c) for c in size_best.values() if c != best]
    tests += [paired(c, default) for c in size_best.values() if c not in (best, default)]
    per_set = {
        f"{c[0]} parts={c[1]:g} w={c[2]:g}": {
            name: round(mean_ndcg(items, fixed("zscore", c[2])), 4) for name, items in per_combo[c].items()
        }
        for c in {best, default, *size_best.values()}
    }
    for c, m in sorted(means.items(), key=lambda kv: -kv[1])[:15]:
        print(f"{c} {m}", file=sys.stderr)
    return {
        "means": {f"{c[0]} parts={c[1]:g} w={c[2]:g}": m for c, m in means.items()},
        "best": list(best), "default": list(default), "size_best": {k: list(v) for k, v in size_best.items()},
        "tests": tests, "per_set": per_set, "passages": passages, "part_weights": part_weights,
    }  # fmt: skip


def joint_markdown(results: dict[str, Any], info: dict[str, Any]) -> str:
    means = results["means"]
    sizes = list(results["passages"])
    lines = [
        "## Passage size, compound-part weight and fusion weight, chosen together (issue 10)",
        "",
        f"`python bench/fusion_study.py --sizes {','.join(sizes)} --part-weights "
        f"{','.join(f'{a:g}' for a in results['part_weights'])}`, {info['date']}, {info['cores']} cores, load "
        f"average {info['load_before']} before and {info['load_after']} after, {info['seconds']} s, encoder "
        f"{info['encoder']}. Tuning halves only; z-score fusion; the part weight is what a query's compound "
        "parts weigh in BM25 against its words as typed. Best z-score weight per size and part weight "
        "(tune mean of the three sets):",
        "",
        "| size | " + " | ".join(f"parts {a:g}" for a in results["part_weights"]) + " |",
        "|---|" + "---:|" * len(results["part_weights"]),
    ]
    for spec in sizes:
        cells = []
        for a in results["part_weights"]:
            found = {k: v for k, v in means.items() if k.startswith(f"{spec} parts={a:g} ")}
            key = max(found, key=lambda k: found[k])
            cells.append(f"{found[key]:.4f} ({key.split(' ')[-1]})")
        lines.append(f"| {spec} | " + " | ".join(cells) + " |")
    lines += ["", "Per set (tuning halves), with the passages each size makes:", ""]
    names = sorted({n for row in results["per_set"].values() for n in row})
    lines += ["| combination | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
    for combo, row in results["per_set"].items():
        lines.append(f"| {combo} | " + " | ".join(f"{row[n]:.3f}" for n in names) + " |")
    lines.append(
        "| passages | " + " | ".join(" / ".join(str(results["passages"][s][n]) for s in sizes) for n in names) + " |"
    )
    lines += ["", "Paired randomisation tests over the tuning questions (each set weighing the same):", ""]
    for t in results["tests"]:
        a, b = t["a"], t["b"]
        lines.append(
            f"- {a[0]} parts={a[1]:g} w={a[2]:g} against {b[0]} parts={b[1]:g} w={b[2]:g}: "
            f"{t['diff']:+.4f}, p = {t['p']}"
        )
    first = results["tests"][0]
    if first["p"] < 0.05:
        lines += ["", f"Chosen: **{first['a'][0]} parts={first['a'][1]:g} w={first['a'][2]:g}**, better than the "
                  "default beyond chance on the tuning questions."]  # fmt: skip
    else:
        d = results["default"]
        lines += ["", f"Kept: **{d[0]} parts={d[1]:g} w={d[2]:g}**, the default. The best combination is not better "
                  f"beyond chance (p = {first['p']}), and a smaller passage costs more passages to embed, store and "
                  "search for the same documents; where the questions cannot tell two settings apart, the cheaper "
                  "one is kept."]  # fmt: skip
    return "\n".join(lines)


def size_markdown(results: dict[str, Any], info: dict[str, Any]) -> str:
    sizes = results["sizes"]
    names = sorted({k.split("|")[0] for row in sizes.values() for k in row if "|" in k})
    lines = [
        "## Passage size and overlap (issue 10, point 5)",
        "",
        f"`python bench/fusion_study.py --sizes ...`, {info['date']}, {info['cores']} cores, load average "
        f"{info['load_before']} before and {info['load_after']} after, {info['seconds']} s. The tuning sets indexed "
        f"at each size with the indexer command (encoder: {info['encoder']}, for indexing and queries alike); "
        "nDCG@10 on the tuning halves only, z-score fusion w=0.5 (and each "
        "side alone); the model reads at most 512 tokens, so no size here is cut by the model.",
        "",
        "| max/overlap tokens | "
        + " | ".join(f"{n} passages | {n} hybrid | {n} dense | {n} bm25" for n in names)
        + " | tune mean (hybrid) |",
        "|---|" + "---:|" * (4 * len(names) + 1),
    ]
    for spec, row in sizes.items():
        cells = []
        for n in names:
            cells += [str(row[f"{n}|passages"]), f"{row[f'{n}|zscore w=0.5']:.3f}", f"{row[f'{n}|dense']:.3f}",
                      f"{row[f'{n}|bm25']:.3f}"]  # fmt: skip
        lines.append(f"| {spec} | " + " | ".join(cells) + f" | {row['tune mean']:.4f} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
