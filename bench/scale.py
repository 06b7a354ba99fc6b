"""Search at scale: synthetic generations of 100,000 and 1,000,000 passages made from a real index.

The demo index's documents are copied as many times as it takes (each copy
its own document ids and paths, the same passages, mentions and meetings),
each passage vector with seeded noise added (then normalised again), and
written through the indexer's own writers (`write_vectors`, `build_bm25`,
`write_catalog`, `RowArrays`, `write_meeting_arrays`, `write_person_vectors`, `publish`), so the
manifest and the arrays are the real ones. For each size and index type a
fresh process loads the model and the generation and answers the paraphrase
questions one at a time; it reports p50/p95/p99 of whole queries and of each
stage, recall@10 of the dense search against exact search, the generation's
load time, RSS after load and at peak, and the size on disk.

    python bench/scale.py --source DATA --sizes 100000            # DATA: a demo index (built if missing)
    python bench/scale.py --source DATA --sizes 100000,1000000 --types flat,ivf_sq8,ivf_pq

Generations are kept in bench/work/scale/ (built once per size); the table
goes to bench/RESULTS.md, section "scale".
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
from results_md import write_section

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work" / "scale"
NOISE = 0.02  # per dimension: copies of one passage land at cosine ≈ 0.93 of each other
STAGES = ("embed", "filters", "dense", "lexical", "fusion", "catalogue", "contacts")


def build(source: Path, n: int, target: Path, index_type: str) -> None:
    """Write a generation of about `n` passages into the data folder `target` (once)."""
    sys.path.insert(0, str(REPO))
    from indexer.store.bm25 import BM25_DIR, build_bm25
    from indexer.store.catalog import CATALOG_FILE, Catalog, write_catalog
    from indexer.store.layout import (
        Layout,
        current_generation_dir,
        new_generation_id,
        publish,
        read_manifest,
        staging_dir,
    )
    from indexer.store.meeting_groups import write_meeting_arrays
    from indexer.store.person_vectors import read_person_vectors, write_person_vectors
    from indexer.store.records import IndexedDocument
    from indexer.store.rows import RowArrays
    from indexer.store.vectors import VectorIndex, choose_index, write_vectors
    from indexer.text import text_hash

    if (target / "CURRENT").is_file():
        return
    folder = current_generation_dir(Layout(source))
    manifest = read_manifest(folder)
    catalog = Catalog(folder / CATALOG_FILE)
    items = sorted(catalog.indexed_documents().values(), key=lambda i: i.document.doc_id)
    people = catalog.people()
    # The source's mention ids per document, in the order a copy writes them.
    ids_of_doc: dict[str, list[int]] = {}
    for m, mention_id in zip(catalog.mentions(), catalog.mention_ids(), strict=True):
        ids_of_doc.setdefault(m.doc_id, []).append(mention_id)
    mention_ids = [i for item in items for i in ids_of_doc.get(item.document.doc_id, [])]
    catalog.close()
    base = VectorIndex(folder, manifest.get("index"), manifest["dimension"])
    base_vectors = np.asarray(base.exact, dtype=np.float32).copy()
    person_vectors = read_person_vectors(folder, manifest["dimension"])
    per_copy = sum(len(i.passages) for i in items)
    copies = -(-n // per_copy)
    rng = np.random.default_rng(11)
    docs: list[IndexedDocument] = []
    person_of: dict[tuple[str, int], str] = {}
    vectors = np.empty((copies * per_copy, manifest["dimension"]), np.float32)
    row = 0
    for c in range(copies):
        for item in items:
            d = item.document
            doc_id = f"{d.doc_id}-{c}"
            doc = replace(d, doc_id=doc_id, path=f"copy{c:04d}/{d.path}")
            passages = [replace(p, doc_id=doc_id, passage_id=f"{p.passage_id}-{c}") for p in item.passages]
            mentions = [replace(m, doc_id=doc_id) for m in item.mentions]
            meetings = [replace(m, doc_id=doc_id) for m in item.meetings]
            docs.append(IndexedDocument(doc, passages, mentions, meetings))
            for i, m in enumerate(item.mentions):
                person_of[(doc_id, i)] = m.person_id
            for p in item.passages:
                assert p.row is not None
                vectors[row] = base_vectors[p.row]
                row += 1
    vectors += rng.normal(0.0, NOISE, vectors.shape).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    texts = [p.text for item in docs for p in item.passages]
    layout = Layout(target)
    layout.generations.mkdir(parents=True, exist_ok=True)
    gen_id = new_generation_id()
    staging = staging_dir(layout, gen_id)
    t = time.perf_counter()
    spec = _spec(index_type, len(vectors), manifest, choose_index)
    spec = write_vectors(staging, vectors, manifest["dimension"], spec)
    print(f"  vectors ({spec['type']}) {time.perf_counter() - t:.0f} s", flush=True)
    t = time.perf_counter()
    build_bm25(texts, staging / BM25_DIR)
    print(f"  bm25 {time.perf_counter() - t:.0f} s", flush=True)
    t = time.perf_counter()
    write_catalog(staging / CATALOG_FILE, docs, [text_hash(x) for x in texts], [], list(people.values()), person_of)
    RowArrays.from_catalog(staging / CATALOG_FILE).write(staging)
    write_meeting_arrays(staging)
    print(f"  catalogue and arrays {time.perf_counter() - t:.0f} s", flush=True)
    t = time.perf_counter()
    if person_vectors is not None:
        ids, pv = person_vectors
        of_id = {int(i): r for r, i in enumerate(ids)}
        source_rows = [of_id[i] for i in mention_ids]
        new_ids = Catalog(staging / CATALOG_FILE).mention_ids()
        noisy = np.tile(pv[source_rows], (copies, 1))
        noisy += rng.normal(0.0, NOISE, noisy.shape).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        manifest["mention_index"] = write_person_vectors(staging, new_ids, noisy)
        print(f"  person vectors ({manifest['mention_index']['type']}) {time.perf_counter() - t:.0f} s", flush=True)
    else:
        manifest.pop("mention_index", None)
    counts = {"documents": len(docs), "passages": len(texts), "failed": 0, "people": len(people)}
    counts["meetings"] = sum(len(i.meetings) for i in docs)
    manifest.update(generation=gen_id, counts=counts, index=spec, synthetic_from=manifest["generation"])
    publish(layout, staging, gen_id, manifest)


def _spec(index_type: str, n: int, manifest: dict, choose: Callable[..., dict]) -> dict:
    """The index of `index_type` for `n` vectors: "flat", or the approximate one as if `n` were above the limit."""
    return {"type": "flat"} if index_type == "flat" else choose(n, manifest["dimension"], index_type)


def with_index(data: Path, index_type: str, target: Path) -> None:
    """A copy of the generation in `data` (hard links) with another vector index."""
    sys.path.insert(0, str(REPO))
    from indexer.store.layout import (
        FILES_KEY,
        Layout,
        current_generation_dir,
        read_manifest,
        write_atomic,
        write_manifest,
    )
    from indexer.store.vectors import VectorIndex, choose_index, write_vectors

    if (target / "CURRENT").is_file():
        return
    folder = current_generation_dir(Layout(data))
    manifest = read_manifest(folder)
    new = Layout(target).generation(folder.name)
    new.parent.mkdir(parents=True, exist_ok=True)
    shutil.copytree(folder, new, copy_function=os.link, ignore=shutil.ignore_patterns("vectors.*", "manifest.json"))
    # A copy: a flat index's `exact` is a view of the index's own storage, freed with the index.
    source = VectorIndex(folder, manifest.get("index"), manifest["dimension"])
    vectors = np.array(source.exact, dtype=np.float32)
    del source
    t = time.perf_counter()
    spec = write_vectors(new, vectors, manifest["dimension"], _spec(index_type, len(vectors), manifest, choose_index))
    print(f"  vectors ({spec['type']}) {time.perf_counter() - t:.0f} s", flush=True)
    manifest["index"] = spec
    manifest.pop(FILES_KEY, None)
    write_manifest(new, manifest)  # sealed again: the vector files differ
    write_atomic(Layout(target).pointer, folder.name + "\n")


# Runs in a fresh process: the model, then the generation, then the questions.
_MEASURE = r"""
import json, resource, sys, time
import numpy as np
from pathlib import Path
from indexer.settings import resolve_settings
from indexer.model.embedder import Embedder
from search.engine import Searcher, SearchOptions

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

data, queries = Path(sys.argv[1]), json.loads(sys.stdin.read())
settings = resolve_settings()
embedder = Embedder.load(settings.model, settings.model_cache)
embedder.embed_queries(["uppvärmning"])
t = time.perf_counter()
searcher = Searcher(data, embedder)
load_s = time.perf_counter() - t
rss_load = rss_mb()
gen = searcher.generation
for q in queries[:5]:
    searcher.search(q)
searcher._vector_cache.clear()
whole, stages, recall, asked = [], {}, [], []
exact = gen.vectors.exact
for q in queries:
    t = time.perf_counter()
    response = searcher.search(q, SearchOptions())
    whole.append((time.perf_counter() - t) * 1000)
    for name, ms in response.stages.items():
        stages.setdefault(name, []).append(ms)
    asked.append(searcher._vector_cache[response.searched or " "])
    searcher._vector_cache.clear()
# Recall after the timing, not between queries: exact search over every vector is a large BLAS product,
# whose threads stay busy a while after it and would slow the next query's embedding.
for v in asked:
    found = gen.vectors.search(v, 10)
    truth = []
    for start in range(0, len(exact), 200_000):
        block = np.asarray(exact[start:start + 200_000]) @ v
        top = np.argpartition(-block, 10)[:10]
        truth.extend((float(block[i]), start + int(i)) for i in top)
    truth = {row for _, row in sorted(truth, reverse=True)[:10]}
    recall.append(len(truth & set(found.tolist())) / 10)
# The approximate index's knobs: recall@10 against exact and the dense search's time, per setting.
tuning = []
if gen.vectors.spec["type"] != "flat":
    vectors = [embedder.embed_queries([q])[0] for q in queries]
    truths = []
    for v in vectors:
        block = np.asarray(exact, dtype=np.float32) @ v if len(exact) <= 200_000 else None
        if block is None:
            parts = []
            for start in range(0, len(exact), 200_000):
                b = np.asarray(exact[start:start + 200_000]) @ v
                top = np.argpartition(-b, 10)[:10]
                parts.extend((float(b[i]), start + int(i)) for i in top)
            truths.append({row for _, row in sorted(parts, reverse=True)[:10]})
        else:
            truths.append(set(np.argpartition(-block, 10)[:10].tolist()))
    for nprobe, refine in json.loads(sys.argv[2]):
        gen.vectors.spec.update(nprobe=nprobe, refine=refine)
        times, hits = [], []
        for v, truth in zip(vectors, truths):
            t = time.perf_counter()
            found = gen.vectors.search(v, 10)
            times.append((time.perf_counter() - t) * 1000)
            hits.append(len(truth & set(found.tolist())) / 10)
        tuning.append({"nprobe": nprobe, "refine": refine, "recall": float(np.mean(hits)),
                       "p50": float(np.percentile(times, 50)), "p95": float(np.percentile(times, 95))})
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"whole": whole, "stages": stages, "recall": float(np.mean(recall)), "load_s": load_s,
                  "rss_load_mb": rss_load, "peak_mb": peak, "tuning": tuning}))
"""


# (nprobe, refine) settings tried on an approximate index.
PROBES = [(16, 4), (32, 4), (64, 4), (64, 8), (128, 8), (256, 8)]


def measure(data: Path, queries: list[str]) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _MEASURE, str(data), json.dumps(PROBES)], input=json.dumps(queries), cwd=REPO,
        capture_output=True, text=True, env=os.environ.copy(),
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"measuring {data} failed: {done.stderr[-3000:]}")
    result: dict = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def pct(values: list[float], p: float) -> float:
    return float(np.percentile(values, p)) if values else 0.0


def disk_mb(data: Path) -> float:
    gen = data / "generations" / (data / "CURRENT").read_text().strip()
    return sum(f.stat().st_size for f in gen.rglob("*") if f.is_file()) / 1e6


def ensure_source(source: Path) -> None:
    if (source / "CURRENT").is_file():
        return
    done = subprocess.run(
        [sys.executable, "-m", "indexer", "--corpus", str(REPO / "corpus"), "--data", str(source), "--json"],
        cwd=REPO, capture_output=True, text=True,
    )  # fmt: skip
    if done.returncode not in (0, 1):
        sys.exit(f"indexing the demo corpus failed: {done.stderr[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--source", type=Path, default=WORK / "demo", help="a demo index (built here if missing)")
    parser.add_argument("--sizes", default="100000", help="passages per generation, comma-separated")
    parser.add_argument("--types", default="flat,ivf_sq8", help="index types to measure (flat, ivf_sq8, ivf_pq)")
    parser.add_argument("--queries", type=int, default=100, help="how many paraphrase questions to time")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    args = parser.parse_args()
    ensure_source(args.source)
    lines = (BENCH / "gold" / "paraphrase" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    queries = [json.loads(line)["text"] for line in lines if line.strip()][: args.queries]
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        types = args.types.split(",")
        base = WORK / f"{n}-{types[0]}"
        print(f"{n} passages: building {base.name}", flush=True)
        build(args.source, n, base, types[0])
        for index_type in types:
            data = WORK / f"{n}-{index_type}"
            if index_type != types[0]:
                print(f"{n} passages: {index_type} copy", flush=True)
                with_index(base, index_type, data)
            r = measure(data, queries)
            row = {"n": n, "type": index_type, "disk_mb": disk_mb(data), **r}
            rows.append(row)
            print(_table([row]).splitlines()[-1], flush=True)
    body = _report(rows, args)
    print(body)
    if not args.no_write:
        write_section("scale", body)


def _table(rows: list[dict]) -> str:
    head = ["passages", "index", "p50", "p95", "p99"]
    head += [f"{s} p50/p95" for s in STAGES]
    head += ["recall@10", "load s", "RSS load MB", "peak MB", "disk MB"]
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in rows:
        cells = [f"{r['n']:,}", r["type"]] + [f"{pct(r['whole'], p):.1f}" for p in (50, 95, 99)]
        cells += [f"{pct(r['stages'].get(s, []), 50):.1f}/{pct(r['stages'].get(s, []), 95):.1f}" for s in STAGES]
        cells += [f"{r['recall']:.3f}", f"{r['load_s']:.2f}", f"{r['rss_load_mb']:.0f}", f"{r['peak_mb']:.0f}"]
        cells += [f"{r['disk_mb']:.0f}"]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def _report(rows: list[dict], args: argparse.Namespace) -> str:
    load = os.getloadavg()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    return (
        "## Search at scale (bench/scale.py)\n\n"
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, commit {commit.stdout.strip()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the end; "
        f"{args.queries} paraphrase questions one at a time after a warm-up, default options, in-process "
        f"`Searcher` in a fresh process per row. Synthetic generations: the demo index's documents copied, "
        f"passage vectors with seeded noise (σ = {NOISE} per dimension). Milliseconds; recall@10 is the dense "
        "search's top 10 against exact search over the same vectors; RSS includes the model.\n\n"
        + _table(rows)
        + "\n"
        + _tuning(rows)
    )


def _tuning(rows: list[dict]) -> str:
    """The approximate indexes' settings: recall@10 against exact and the dense search's time."""
    lines = []
    for r in rows:
        for t in r.get("tuning") or []:
            lines.append(
                f"| {r['n']:,} | {r['type']} | {t['nprobe']} | {t['refine']} | {t['recall']:.3f} "
                f"| {t['p50']:.1f} | {t['p95']:.1f} |"
            )
    if not lines:
        return ""
    head = [
        "| passages | index | nprobe | refine | recall@10 | dense p50 ms | dense p95 ms |",
        "|---|---|---:|---:|---:|---:|---:|",
    ]
    intro = "\nSettings of the approximate index (the chosen ones are in `indexer/store/vectors.py`):\n\n"
    return intro + "\n".join(head + lines) + "\n"


if __name__ == "__main__":
    main()
