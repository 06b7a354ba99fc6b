"""Our search side by side with txtai: the same model folder, the same passages, the same questions.

txtai (https://github.com/neuml/txtai) is a general embeddings framework; this
run asks what our own indexer and `Searcher` cost against it on this machine.

The txtai side lives in its own virtual environment, made once by this script:

    bench/work/txtai-venv/bin/python -m pip install -c requirements.lock txtai faiss-cpu torch==2.13.0

txtai's base install only (its dependencies: faiss-cpu, torch, transformers,
huggingface-hub, numpy, msgpack, pyyaml, regex, safetensors, tqdm; no extras,
no sentence-transformers); the project's lock file as constraints, so torch,
transformers, tokenizers, faiss and numpy are the very versions our own venv
runs, and torch stays the CPU build. Nothing is downloaded from a model hub
(HF_HUB_OFFLINE=1, TRANSFORMERS_OFFLINE=1 for every process).

What is compared:

  passages   the demo corpus (corpus/) indexed by our indexer into
             bench/work/txtai/demo; its passages read from the generation's
             catalog.sqlite (read-only) as the text the model embeds (title and
             headings, then the passage: each text checked against the stored
             embed_hash), and given to txtai with the row number as id.
  txtai      dense search, config `txtai_config()`: the same model folder through
             txtai's own transformers pooling (mean pooling, read from the
             folder's 1_Pooling), e5's prompts as txtai "instructions", the
             faiss backend with its defaults (IDMap,Flat up to 5,000 vectors,
             IVF above), content storage off. `Embeddings.index` over the texts,
             saved; a fresh process loads it and calls `embeddings.search(q, 10)`.
  ours       `python -m indexer --full --no-cache` on the demo corpus (the whole
             command: start-up, model load, reading, embedding, BM25, catalogue);
             queries through `Searcher(data, Embedder.load(...)).search(q)` with
             default options (hybrid dense + BM25, contacts and meetings), the
             query-vector cache cleared before each query so the embedding is paid.
  questions  the 206 paraphrase questions (bench/gold/paraphrase/questions.jsonl),
             one at a time in-process after 10 warm-up queries.

Each measurement is a fresh process; the two systems alternate within each
round (and swap which goes first from one round to the next), so a busy
machine weighs on both alike. Reported per system: indexing throughput
(passages per second of the whole indexing process, and of the embedding and
indexing step alone: our job's embed stage less its model load, txtai's
`Embeddings.index`), query latency p50/p95 over all rounds, RSS after load
(VmRSS once the model and the index are open) and after the questions, and
nDCG@10 on the paraphrase set (hits mapped to their documents, each document
counted once at its best rank, as bench/eval_queries.py counts).

At 100k passages (--size, 0 to skip) neither side embeds passages: a
synthetic generation copies the demo documents as often as it takes (each
copy its own ids and paths) and gives every copy of a passage its vector with
seeded gaussian noise (0.02 per dimension, then normalised again), written
with the indexer's own writers (the FAISS index a job chooses for that many
passages, BM25, catalogue, per-row arrays, the meetings' merge, mention
vectors). txtai indexes the very same vectors as external vectors
(`{"method": "external"}`, arrays given to `Embeddings.index`) and, at query
time, is loaded with the model path as a config override, so queries are
embedded by its transformers pooling as at demo size. txtai's default faiss
index at that size is IVF (approximate), as ours is (IVF-SQ8), so it runs
twice: as configured by default and with an exact "IDMap,Flat" index.

    python bench/txtai_compare.py               # 3 rounds at demo size, 1 at 100k; prints the table, writes
                                                # bench/RESULTS.md (section "txtai") and bench/results/txtai.json
    python bench/txtai_compare.py --threads 1   # on a machine busy with other work (see --threads)
    python bench/txtai_compare.py --rounds 1 --size 0 --no-write
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np
from results_md import write_section

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work" / "txtai"
VENV = BENCH / "work" / "txtai-venv"
QUESTIONS = BENCH / "gold" / "paraphrase" / "questions.jsonl"
RESULTS_JSON = BENCH / "results" / "txtai.json"
TXTAI_INSTALL = ["txtai", "faiss-cpu", "torch==2.13.0"]
NOISE = 0.02
SEED = 11
WARMUP = 10
CUTOFF = 10


def txtai_config(model: Path) -> dict[str, Any]:
    """txtai's dense configuration for the model folder (the one used at demo size)."""
    return {
        "path": str(model),
        "method": "transformers",  # txtai's own pooling over transformers (mean, from 1_Pooling)
        "maxlength": 512,  # the folder's max_seq_length
        "instructions": {"query": "query: ", "data": "passage: "},  # e5's prompts
        "backend": "faiss",
    }


# ---- the measuring processes ------------------------------------------------------------------

# Both measuring processes start with these: memory figures and the timing loop.
_COMMON = r"""
import json, resource, sys, time

def rss_mb():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def time_queries(search, queries, warmup):
    for q in queries[:warmup]:
        search(q)
    times, hits = [], []
    for q in queries:
        t = time.perf_counter()
        found = search(q)
        times.append((time.perf_counter() - t) * 1000)
        hits.append(found)
    return times, hits

def time_embedding(embed, queries):
    # The query's embedding alone, the same questions again: how much of a query the model is.
    times = []
    for q in queries:
        t = time.perf_counter()
        embed(q)
        times.append((time.perf_counter() - t) * 1000)
    return times

job = json.loads(sys.stdin.read())
"""

# Ours, in the project's venv from the repository root: load, then the questions.
_OURS_QUERY = (
    _COMMON
    + r"""
from pathlib import Path
from indexer.settings import resolve_settings
from indexer.model.embedder import Embedder
from search.engine import Searcher

t = time.perf_counter()
settings = resolve_settings()
searcher = Searcher(Path(job["data"]), Embedder.load(settings.model, settings.model_cache))
load_s = time.perf_counter() - t
rss_load = rss_mb()

def search(q):
    response = searcher.search(q)
    searcher._vector_cache.clear()
    return [h.path for h in response.results]

times, hits = time_queries(search, job["queries"], job["warmup"])
rss_end = rss_mb()
embed_times = time_embedding(lambda q: searcher.embedder.embed_queries([q]), job["queries"])
print(json.dumps({"load_s": load_s, "rss_load_mb": rss_load, "rss_end_mb": rss_end, "peak_mb": peak_mb(),
                  "times": times, "hits": hits, "embed_times": embed_times}))
"""
)

# txtai, in its own venv: "index" embeds and indexes texts, "index-vectors" indexes given
# vectors; both save the index. "query" loads a saved index and answers the questions.
_TXTAI = (
    _COMMON
    + r"""
from txtai import Embeddings

if job["mode"] == "query":
    t = time.perf_counter()
    embeddings = Embeddings()
    embeddings.load(job["index"], config=job.get("override"))
    load_s = time.perf_counter() - t
    rss_load = rss_mb()
    times, hits = time_queries(
        lambda q: [int(uid) for uid, _ in embeddings.search(q, 10)], job["queries"], job["warmup"]
    )
    rss_end = rss_mb()
    embed_times = time_embedding(lambda q: embeddings.transform(q, "query"), job["queries"])
    print(json.dumps({"load_s": load_s, "rss_load_mb": rss_load, "rss_end_mb": rss_end, "peak_mb": peak_mb(),
                      "times": times, "hits": hits, "embed_times": embed_times}))
else:
    t = time.perf_counter()
    embeddings = Embeddings(job["config"])
    load_s = time.perf_counter() - t
    if job["mode"] == "index":
        with open(job["passages"], encoding="utf-8") as f:
            documents = [(p["id"], p["text"], None) for p in map(json.loads, f)]
    else:
        import numpy as np
        vectors = np.load(job["vectors"], mmap_mode="r")
        documents = [(i, np.asarray(vectors[i]), None) for i in range(len(vectors))]
    t = time.perf_counter()
    embeddings.index(documents)
    index_s = time.perf_counter() - t
    embeddings.save(job["index"])
    print(json.dumps({"model_load_s": load_s, "index_s": index_s, "count": embeddings.count(),
                      "peak_mb": peak_mb()}))
"""
)


def child_env() -> dict[str, str]:
    env = os.environ.copy()
    env.setdefault("KB_MODEL_CACHE", str(REPO / ".cache" / "models"))
    env.update(HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    return env


def run_json(cmd: list[str], job: dict[str, Any] | None = None, cwd: Path = REPO) -> tuple[dict[str, Any], float]:
    """Run a measuring process; the JSON it prints, and its wall-clock seconds."""
    started = time.perf_counter()
    done = subprocess.run(
        cmd, cwd=cwd, input=json.dumps(job or {}), capture_output=True, text=True, env=child_env()
    )  # fmt: skip
    wall = time.perf_counter() - started
    if done.returncode not in (0, 1) or not done.stdout.strip():
        sys.exit(f"{' '.join(cmd[:3])} failed ({done.returncode}): {done.stderr[-3000:]}")
    text = done.stdout.strip()
    try:
        return json.loads(text), wall  # the indexer's report: one indented object
    except json.JSONDecodeError:
        return json.loads(text.splitlines()[-1]), wall  # a measuring process: its last line


# ---- set-up: the venv, the demo index, the passages -------------------------------------------


def venv_python() -> Path:
    return VENV / "bin" / "python"


def ensure_txtai() -> str:
    """Make txtai's venv once; its txtai version."""
    python = venv_python()
    if not python.exists():
        print(f"making {VENV} (once)", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    check = [str(python), "-c", "import txtai, faiss, torch, importlib.metadata as m; print(m.version('txtai'))"]
    probe = subprocess.run(check, capture_output=True, text=True)
    if probe.returncode != 0:
        install = [str(python), "-m", "pip", "install", "--quiet", "-c", str(REPO / "requirements.lock")]
        done = subprocess.run(install + TXTAI_INSTALL, capture_output=True, text=True)
        if done.returncode != 0:
            sys.exit(f"txtai could not be installed: {done.stderr[-3000:]}")
        probe = subprocess.run(check, capture_output=True, text=True, check=True)
    return probe.stdout.split()[0]


def indexer_command(data: Path, *flags: str) -> list[str]:
    return [sys.executable, "-m", "indexer", "--corpus", str(REPO / "corpus"), "--data", str(data), "--json", *flags]


def ensure_demo(data: Path) -> None:
    if not (data / "CURRENT").is_file():
        print(f"indexing the demo corpus into {data} (once)", flush=True)
        run_json(indexer_command(data, "--quiet"))


def generation_dir(data: Path) -> Path:
    sys.path.insert(0, str(REPO))
    from indexer.store.layout import Layout, current_generation_dir

    return current_generation_dir(Layout(data))


def export_passages(data: Path, out: Path) -> list[str]:
    """The generation's passages as the model saw them, one JSON line each ({id, doc, text}); doc per row."""
    db = sqlite3.connect(f"file:{generation_dir(data) / 'catalog.sqlite'}?mode=ro", uri=True)
    try:
        rows = db.execute(
            "SELECT p.row, p.text, p.heading_path, p.embed_hash, d.title, d.path"
            " FROM passages p JOIN documents d USING (doc_id) ORDER BY p.row"
        ).fetchall()
    finally:
        db.close()
    docs = []
    with open(out, "w", encoding="utf-8") as f:
        for row, text, headings, embed_hash, title, path in rows:
            # As indexer.store.records.Passage.embed_text: title and headings, then the passage.
            context = [title] + [h for h in json.loads(headings) if h and h != title]
            embedded = " / ".join(context) + "\n" + text
            if hashlib.sha256(embedded.encode("utf-8")).hexdigest() != embed_hash:
                sys.exit(f"passage row {row}: the exported text is not the text the model embedded")
            f.write(json.dumps({"id": row, "doc": path, "text": embedded}, ensure_ascii=False) + "\n")
            docs.append(path)
    return docs


def build_synthetic(source: Path, n: int, target: Path, vectors_out: Path) -> int:
    """A generation of at least `n` passages copied from the one in `source` (once); its passage count.

    Every copy of a document gets its own id and path; every copy of a passage
    vector gets seeded gaussian noise and is normalised again. The vectors are
    also saved to `vectors_out`, row for row, for txtai.
    """
    sys.path.insert(0, str(REPO))
    import faiss

    from indexer.store.bm25 import BM25_DIR, COMPOUND_SPLITS_FILE, build_bm25
    from indexer.store.catalog import CATALOG_FILE, Catalog, write_catalog
    from indexer.store.layout import VECTORS_FILE, Layout, new_generation_id, publish, read_manifest, staging_dir
    from indexer.store.meeting_groups import write_meeting_arrays
    from indexer.store.person_vectors import read_person_vectors, write_person_vectors
    from indexer.store.records import IndexedDocument
    from indexer.store.rows import RowArrays
    from indexer.store.vectors import write_vectors
    from indexer.text import text_hash

    if (target / "CURRENT").is_file() and vectors_out.is_file():
        return int(read_manifest(generation_dir(target))["counts"]["passages"])
    folder = generation_dir(source)
    manifest = read_manifest(folder)
    catalog = Catalog(folder / CATALOG_FILE)
    items = list(catalog.indexed_documents().values())
    people = list(catalog.people().values())
    mention_ids: dict[str, list[int]] = {}  # per document, in the order its mentions are listed
    for mention, mention_id in zip(catalog.mentions(), catalog.mention_ids(), strict=True):
        mention_ids.setdefault(mention.doc_id, []).append(mention_id)
    catalog.close()
    index = faiss.read_index(str(folder / VECTORS_FILE))
    base = index.reconstruct_n(0, index.ntotal)
    per_copy = sum(len(item.passages) for item in items)
    copies = -(-n // per_copy)
    rng = np.random.default_rng(SEED)

    docs: list[IndexedDocument] = []
    person_of: dict[tuple[str, int], str] = {}
    source_rows: list[int] = []
    source_mentions: list[int] = []
    for c in range(copies):
        for item in items:
            d = item.document
            doc_id = f"{d.doc_id}-copy{c}"
            passages = [replace(p, doc_id=doc_id, passage_id=f"{p.passage_id}-copy{c}") for p in item.passages]
            mentions = [replace(m, doc_id=doc_id) for m in item.mentions]
            meetings = [replace(m, doc_id=doc_id) for m in item.meetings]
            copy = replace(d, doc_id=doc_id, path=f"copy{c:04d}/{d.path}")
            docs.append(IndexedDocument(copy, passages, mentions, meetings))
            person_of.update({(doc_id, i): m.person_id for i, m in enumerate(item.mentions)})
            source_rows.extend(p.row for p in item.passages if p.row is not None)
            source_mentions.extend(mention_ids.get(d.doc_id, []))
    vectors = noisy(base[source_rows], rng)
    texts = [p.embed_text(item.document.title) for item in docs for p in item.passages]

    layout = Layout(target)
    layout.generations.mkdir(parents=True, exist_ok=True)
    layout.cache.mkdir(parents=True, exist_ok=True)
    splits = Layout(source).cache / COMPOUND_SPLITS_FILE
    if splits.is_file():
        (layout.cache / COMPOUND_SPLITS_FILE).write_bytes(splits.read_bytes())
    gen_id = new_generation_id()
    staging = staging_dir(layout, gen_id)
    # The index a job would choose for this many passages (indexer.store.vectors.choose_index).
    manifest["index"] = write_vectors(staging, vectors, vectors.shape[1])
    build_bm25(texts, staging / BM25_DIR, saved_splits=layout.cache / COMPOUND_SPLITS_FILE)
    write_catalog(staging / CATALOG_FILE, docs, [text_hash(t) for t in texts], [], people, person_of)
    RowArrays.from_catalog(staging / CATALOG_FILE).write(staging)
    write_meeting_arrays(staging)
    stored = read_person_vectors(folder, manifest["dimension"])
    if stored is not None:
        ids, person_vectors = stored
        row_of = {int(i): r for r, i in enumerate(ids)}
        new_ids = Catalog(staging / CATALOG_FILE).mention_ids()
        spec = write_person_vectors(staging, new_ids, noisy(person_vectors[[row_of[i] for i in source_mentions]], rng))
        manifest["mention_index"] = spec
    else:
        manifest.pop("mention_index", None)
    counts = dict(manifest["counts"], documents=len(docs), passages=len(texts))
    counts["meetings"] = sum(len(item.meetings) for item in docs)
    manifest.update(generation=gen_id, counts=counts, synthetic_from=manifest["generation"])
    publish(layout, staging, gen_id, manifest)
    np.save(vectors_out, vectors, allow_pickle=False)
    return len(texts)


def noisy(vectors: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    out = vectors.astype(np.float32) + rng.normal(0.0, NOISE, vectors.shape).astype(np.float32)
    out /= np.linalg.norm(out, axis=1, keepdims=True)
    return np.ascontiguousarray(out)


# ---- measuring --------------------------------------------------------------------------------


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * (len(ordered) - 1) + 0.5))]


def ndcg(ranked: list[str], relevant: list[str]) -> float:
    """nDCG@10 over distinct documents (as bench/eval_queries.py)."""
    gains = sum(1 / np.log2(r + 2) for r, d in enumerate(ranked[:CUTOFF]) if d in relevant)
    ideal = sum(1 / np.log2(r + 2) for r in range(min(len(relevant), CUTOFF)))
    return float(gains / ideal) if ideal else 0.0


def distinct(paths: list[str]) -> list[str]:
    return list(dict.fromkeys(paths))


class Side:
    """One system at one size: its measurements gathered over the rounds."""

    def __init__(self, name: str, passages: int, note: str) -> None:
        self.name, self.passages, self.note = name, passages, note
        self.times: list[float] = []
        self.embed_times: list[float] = []  # the query embedding alone
        self.round_p50: list[float] = []
        self.whole: list[float] = []  # passages/s of the whole indexing process
        self.step: list[float] = []  # passages/s of embedding + indexing alone
        self.rss_load: list[float] = []
        self.rss_end: list[float] = []
        self.load_s: list[float] = []
        self.hits: list[list[Any]] = []

    def add_query(self, out: dict[str, Any]) -> None:
        self.times.extend(out["times"])
        self.embed_times.extend(out["embed_times"])
        self.round_p50.append(statistics.median(out["times"]))
        self.rss_load.append(out["rss_load_mb"])
        self.rss_end.append(out["rss_end_mb"])
        self.load_s.append(out["load_s"])
        self.hits = out["hits"]

    def summary(self, ndcg10: float | None = None) -> dict[str, Any]:
        def mean(xs: list[float]) -> float | None:
            return round(statistics.mean(xs), 1) if xs else None

        return {
            "system": self.name,
            "passages": self.passages,
            "index_passages_per_s_whole": mean(self.whole),
            "index_passages_per_s_step": mean(self.step),
            "p50_ms": round(statistics.median(self.times), 1),
            "p95_ms": round(pct(self.times, 0.95), 1),
            "p50_ms_per_round": [round(x, 1) for x in self.round_p50],
            "embed_p50_ms": round(statistics.median(self.embed_times), 1),
            "queries_timed": len(self.times),
            "rss_after_load_mb": mean(self.rss_load),
            "rss_after_queries_mb": mean(self.rss_end),
            "load_s": round(statistics.median(self.load_s), 2),
            "ndcg@10": None if ndcg10 is None else round(ndcg10, 3),
            "note": self.note,
        }


class Bench:
    """The runs of both systems: fresh processes, alternating within each round."""

    def __init__(self, model: Path, rounds: int) -> None:
        self.model, self.rounds = model, rounds
        self.questions = [json.loads(x) for x in QUESTIONS.read_text(encoding="utf-8").splitlines() if x.strip()]
        self.queries = [q["text"] for q in self.questions]
        self.python = str(venv_python())

    def txtai(self, job: dict[str, Any]) -> tuple[dict[str, Any], float]:
        return run_json([self.python, "-c", _TXTAI], job, cwd=WORK)

    def query_ours(self, side: Side, data: Path) -> None:
        job = {"data": str(data), "queries": self.queries, "warmup": WARMUP}
        side.add_query(run_json([sys.executable, "-c", _OURS_QUERY], job)[0])

    def query_txtai(self, side: Side, index: Path, override: dict[str, Any] | None = None) -> None:
        job = {"mode": "query", "index": str(index), "override": override, "queries": self.queries}
        side.add_query(self.txtai(dict(job, warmup=WARMUP))[0])

    def alternate(self, label: str, steps: list[Any], rounds: int) -> None:
        """Each round runs every step once; odd rounds in the reverse order."""
        for r in range(rounds):
            print(f"{label}, round {r + 1} of {rounds}", flush=True)
            for step in steps[::-1] if r % 2 else steps:
                step()

    def mean_ndcg(self, side: Side, doc_of: Any) -> float:
        ranked = [distinct([doc_of(h) for h in hits]) for hits in side.hits]
        return statistics.mean(ndcg(d, q["relevant"]) for d, q in zip(ranked, self.questions, strict=True))

    def demo(self) -> tuple[list[dict[str, Any]], int]:
        """The demo rows: both systems index the demo passages and answer the questions."""
        demo = WORK / "demo"
        ensure_demo(demo)
        passages = WORK / "passages.jsonl"
        doc_of_row = export_passages(demo, passages)
        n = len(doc_of_row)
        ours = Side("ours", n, "hybrid dense + BM25 with contacts and meetings (default options)")
        theirs = Side("txtai", n, "dense only, faiss IDMap,Flat (txtai's default up to 5,000 vectors)")
        ours_index = WORK / "ours-index"  # the timed indexer runs; the demo index above stays as it is
        txtai_index = WORK / "txtai-index"

        def index_ours() -> None:
            report, wall = run_json(indexer_command(ours_index, "--full", "--no-cache", "--quiet"))
            if report["passages"] != n or report["passages_embedded"] != n:
                sys.exit(f"our indexer embedded {report['passages_embedded']} of {report['passages']}, not {n}")
            ours.whole.append(n / wall)
            ours.step.append(n / (report["timings"]["embed"] - report["timings"].get("model_load", 0.0)))

        def index_txtai() -> None:
            job = {"mode": "index", "config": txtai_config(self.model), "passages": str(passages)}
            out, wall = self.txtai(dict(job, index=str(txtai_index)))
            if out["count"] != n:
                sys.exit(f"txtai indexed {out['count']} passages, not {n}")
            theirs.whole.append(n / wall)
            theirs.step.append(n / out["index_s"])

        self.alternate(
            "demo",
            [
                lambda: (index_ours(), self.query_ours(ours, demo)),
                lambda: (index_txtai(), self.query_txtai(theirs, txtai_index)),
            ],
            self.rounds,
        )
        rows = [
            ours.summary(self.mean_ndcg(ours, lambda path: path)),
            theirs.summary(self.mean_ndcg(theirs, lambda row: doc_of_row[row])),
        ]
        return rows, n

    def synthetic(self, size: int, rounds: int) -> tuple[list[dict[str, Any]], float]:
        """The rows at `size`: our synthetic generation; txtai over the same vectors, default (IVF) and exact."""
        data, vectors = WORK / f"synthetic-{size}", WORK / f"synthetic-{size}-vectors.npy"
        t = time.perf_counter()
        n = build_synthetic(WORK / "demo", size, data, vectors)
        print(f"synthetic generation of {n:,} passages ready ({time.perf_counter() - t:.0f} s)", flush=True)
        external: dict[str, Any] = {"method": "external", "backend": "faiss"}
        configs = {"ivf": external, "exact": dict(external, faiss={"components": "IDMap,Flat"})}
        index_s = {}
        for kind, config in configs.items():
            job = {"mode": "index-vectors", "config": config, "vectors": str(vectors)}
            out, _ = self.txtai(dict(job, index=str(WORK / f"txtai-index-{size}-{kind}")))
            index_s[kind] = out["index_s"]
            print(f"txtai {kind} index of the given vectors: {out['index_s']:.1f} s", flush=True)
        from indexer.store.layout import read_manifest

        index = read_manifest(generation_dir(data)).get("index", {"type": "flat"})
        ours = Side(
            "ours", n, f"synthetic generation, our index for this size ({index['type']}); options as at demo size"
        )
        ivf = Side("txtai", n, f"external vectors, faiss IVF (txtai's default here) (built in {index_s['ivf']:.0f} s)")
        exact = Side("txtai (exact)", n, f"external vectors, faiss IDMap,Flat (built in {index_s['exact']:.0f} s)")
        # At query time the model comes in as a config override: queries are embedded as at demo size.
        override = txtai_config(self.model)
        self.alternate(
            f"{n:,} passages",
            [
                lambda: self.query_ours(ours, data),
                lambda: self.query_txtai(ivf, WORK / f"txtai-index-{size}-ivf", override),
                lambda: self.query_txtai(exact, WORK / f"txtai-index-{size}-exact", override),
            ],
            rounds,
        )
        overlap = statistics.mean(len(set(a) & set(b)) / CUTOFF for a, b in zip(ivf.hits, exact.hits, strict=True))
        ivf.note += f"; its top 10 share {overlap:.2f} with the exact index's"
        return [s.summary() for s in (ours, ivf, exact)], round(overlap, 3)


# ---- reporting --------------------------------------------------------------------------------


def cell(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}"


def markdown(report: dict[str, Any]) -> str:
    m = report["machine"]
    lines = [
        "## Our search beside txtai (issue 11)",
        "",
        f"`python bench/txtai_compare.py`, {report['date']}, {m['cores']} cores ({m['cpu']}), load average "
        f"{report['load_before']:.2f} before and {report['load_after']:.2f} after; txtai {report['txtai']}, "
        f"torch {report['torch']}, {report['rounds']} alternating rounds at demo size and {report['size_rounds']} "
        "at the synthetic size, each measurement a fresh process"
        + (f", OMP_NUM_THREADS={report['threads']} on both sides." if report["threads"] else "."),
        "",
        f"The demo corpus's {report['passages']} passages (the text our model embeds, exported from the catalogue) "
        f"and the {report['queries']} paraphrase questions, one at a time after {WARMUP} warm-up queries; the same "
        "model folder on both sides. txtai: dense, "
        f"`{json.dumps({k: v for k, v in report['config'].items() if k != 'path'}, ensure_ascii=False)}` "
        "with the model folder as `path`. Ours: default options (hybrid dense + BM25, contacts, meetings), "
        "query-vector cache cleared before each query.",
        "",
        "| system | passages | index passages/s (whole process) | index passages/s (embed + index) "
        "| p50 ms | p95 ms | query embedding p50 ms | RSS MB after load | RSS MB after queries | nDCG@10 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in report["rows"]:
        cells = [
            r["system"],
            f"{r['passages']:,}",
            cell(r["index_passages_per_s_whole"]),
            cell(r["index_passages_per_s_step"]),
            cell(r["p50_ms"]),
            cell(r["p95_ms"]),
            cell(r["embed_p50_ms"]),
            cell(r["rss_after_load_mb"], 0),
            cell(r["rss_after_queries_mb"], 0),
            cell(r["ndcg@10"], 3),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    ratio = report["p50_ratio_demo"]
    lines += [
        "",
        f"At demo size our p50 is **{ratio:.2f}×** txtai's (target ≤ 0.5×: {'met' if ratio <= 0.5 else 'not met'}).",
        "",
        "Index throughput: whole process = passages / wall time of the indexing process (ours: "
        "`python -m indexer --full --no-cache`, which also reads and parses the files, builds BM25, the "
        "catalogue and the people's mention vectors; txtai: start-up, model load, `Embeddings.index`, save); "
        "embed + index = our job's embed stage less its model load, txtai's `Embeddings.index`. "
        "Query embedding: the same questions embedded once more in the same process, the model alone "
        "(ours: `embed_queries`, txtai: `Embeddings.transform`).",
    ]
    lines += [f"- {r['system']} at {r['passages']:,}: {r['note']}" for r in report["rows"]]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--size", type=int, default=100_000, help="passages of the synthetic run (0: none)")
    parser.add_argument("--size-rounds", type=int, default=1, help="rounds at that size (our queries there are slow)")
    parser.add_argument(
        "--threads",
        type=int,
        help="OMP_NUM_THREADS for every measured process, both sides (default: the libraries' own, all cores); "
        "1 keeps a machine busy with other work from stalling torch's threads",
    )
    parser.add_argument("--no-write", action="store_true", help="print only; bench/RESULTS.md and JSON unchanged")
    args = parser.parse_args()
    if args.threads:
        os.environ["OMP_NUM_THREADS"] = os.environ["MKL_NUM_THREADS"] = str(args.threads)
    os.environ.update(child_env())
    WORK.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(REPO))
    from indexer.model.bundled import prepare_bundled_model
    from indexer.settings import resolve_settings

    model = Path(prepare_bundled_model(resolve_settings().model_cache)).absolute()
    version = ensure_txtai()
    torch_version = subprocess.run(
        [str(venv_python()), "-c", "import torch; print(torch.__version__)"], capture_output=True, text=True
    ).stdout.strip()
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    bench = Bench(model, args.rounds)
    rows, passages = bench.demo()
    overlap = None
    if args.size:
        big, overlap = bench.synthetic(args.size, args.size_rounds)
        rows += big
    cpuinfo = Path("/proc/cpuinfo").read_text(encoding="utf-8")
    cpu = next((x.split(":", 1)[1].strip() for x in cpuinfo.splitlines() if x.startswith("model name")), "?")
    ours, theirs = rows[0], rows[1]
    report = {
        "date": datetime.now().isoformat(timespec="seconds"),
        "machine": {"cores": os.cpu_count(), "cpu": cpu, "arch": platform.machine(), "python": sys.version.split()[0]},
        "load_before": load_before,
        "load_after": os.getloadavg()[0],
        "seconds": round(time.perf_counter() - started),
        "txtai": version,
        "torch": torch_version,
        "install": f"pip install -c requirements.lock {' '.join(TXTAI_INSTALL)}",
        "rounds": args.rounds,
        "size_rounds": args.size_rounds if args.size else 0,
        "threads": args.threads,
        "model": str(model.relative_to(REPO)) if model.is_relative_to(REPO) else str(model),
        "p50_ratio_demo": round(ours["p50_ms"] / theirs["p50_ms"], 2),
        "config": txtai_config(model),
        "passages": passages,
        "queries": len(bench.queries),
        "rows": rows,
        "txtai_ivf_top10_overlap_with_exact": overlap,
    }
    report["config"]["path"] = report["model"]
    text = markdown(report)
    print(text)
    if not args.no_write:
        write_section("txtai", text)
        RESULTS_JSON.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
