"""Hybrid search over the current generation.

Dense candidates come from FAISS, lexical ones from BM25; every candidate is
scored by both sides, fused, filtered, de-duplicated, capped per document and
cut to k.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from indexer.errors import KBError
from indexer.model.embedder import TextEmbedder
from indexer.settings import Settings
from indexer.store.layout import Layout, current_generation_dir, read_pointer
from search.contacts import contacts_for
from search.filters import Filters, row_mask
from search.fusion import DEFAULT_FUSION, DENSE_WEIGHT, fuse_rankings
from search.index import Generation
from search.meetings import is_meeting_query, rank_meetings
from search.query import QueryRepair, repair_query
from search.snippets import highlight_spans

CANDIDATES = 100
CONTEXT_PASSAGES = 30
QUERY_CACHE_SIZE = 256
MAX_QUERY_CHARS = 2000


class ModelMismatch(KBError):
    """The index was built with another model than the one loaded for queries."""


@dataclass
class Hit:
    rank: int
    score: float
    path: str
    title: str
    organisation: str | None
    date: str | None
    page: int | None
    text: str
    heading_path: list[str]
    doc_type: str
    url: str | None
    passage_id: str
    row: int
    dense_score: float
    lexical_score: float
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The hit as the JSON output gives it (`python -m search --json`)."""
        d = asdict(self)
        del d["row"]
        d["highlights"] = [list(s) for s in self.highlights]
        return d


@dataclass
class SearchResponse:
    query: str
    results: list[Hit]
    generation: str
    took_ms: float
    total_candidates: int
    contacts: list[dict[str, Any]] = field(default_factory=list)
    meetings: list[dict[str, Any]] = field(default_factory=list)
    # The query searched after å/ä/ö were restored and typing errors corrected (see search.query).
    searched: str = ""
    did_you_mean: str | None = None
    corrections: list[tuple[str, str]] = field(default_factory=list)
    # Milliseconds per stage: embed, dense, lexical, fusion, catalogue, contacts (meetings when asked).
    stages: dict[str, float] = field(default_factory=dict)


@dataclass
class SearchOptions:
    k: int = 10
    filters: Filters = field(default_factory=Filters)
    fusion: str = DEFAULT_FUSION
    dense_weight: float = DENSE_WEIGHT
    max_per_doc: int = 2
    candidates: int = CANDIDATES
    contacts: int = 5
    meetings: int = 5
    repair: bool = True  # restore å/ä/ö and correct typing errors from the corpus vocabulary


def clean_query(text: str) -> str:
    """Control characters out, whitespace collapsed, length capped."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def _one_blas_thread() -> None:
    """Keep numpy's and FAISS's BLAS to one thread in a searching process (threadpoolctl).

    A query's BLAS work is small (candidate rescoring, a few mention products), but OpenBLAS's
    idle threads keep spinning for a while after each call, and on a small machine that takes the
    cores the model needs for the next query's embedding. At 100,000 passages on 2 cores, this
    took a query from 118 ms to 44-51 ms p50 (bench/RESULTS.md, "BLAS threads while searching").
    The model's own threads (PyTorch's OpenMP, ONNX Runtime) are not BLAS and keep every core.
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # the search still works, only slower on a busy machine
        return
    threadpool_limits(1, user_api="blas")


class Searcher:
    """Holds the model and the current generation; switches when a new one appears."""

    def __init__(self, data: Path, embedder: TextEmbedder) -> None:
        self.layout = Layout(data)
        self.embedder = embedder
        self.generation = self._open()
        _one_blas_thread()
        self._vector_cache: dict[str, np.ndarray] = {}
        self._unopenable: tuple[str, KBError] | None = None  # a generation that failed to open, and why
        # A newer generation being opened and warmed in the background (`refresh(wait=...)`), and its outcome.
        self._lock = threading.Lock()
        self._preparing: threading.Thread | None = None
        self._prepared: tuple[str, Generation | Exception] | None = None

    def _open(self) -> Generation:
        """The current generation, prepared for queries (`Generation.warm`) before it serves any."""
        gen = Generation.open_current(self.layout.data)
        if gen.manifest["model_id"] != self.embedder.model_id:
            gen.close()
            raise ModelMismatch(
                f"the index was built with model {gen.manifest['model_id']!r} but queries would use "
                f"{self.embedder.model_id!r}: set KB_MODEL to the index's model, or reindex with --full"
            )
        gen.warm()
        return gen

    def refresh(self, wait: float | None = None) -> bool:
        """Switch to a newer generation if the reindex job published one.

        Raises a KBError (GenerationDamaged, ModelMismatch) when the one CURRENT
        names cannot be served; the searcher then keeps the generation it has,
        and for that same generation raises the same error again without
        opening it again (a sealed generation does not change).

        With `wait` (seconds), the newer generation is opened and warmed in a
        background thread while this one keeps serving: the call waits at most
        that long for it, and a later call switches once it is ready. A large
        generation's warm-up (seconds at a million passages) then costs the
        app's page loads no more than `wait`.
        """
        current = read_pointer(self.layout)
        if current is None or current == self.generation.id:
            return False
        if self._unopenable is not None and self._unopenable[0] == current:
            raise self._unopenable[1].with_traceback(None)
        if wait is None:
            try:
                new = self._open()
            except KBError as exc:
                self._unopenable = (current, exc)
                raise
            return self._switch(new)
        with self._lock:
            if self._preparing is None and self._prepared is None:
                self._preparing = threading.Thread(target=self._prepare, args=(current,), daemon=True)
                self._preparing.start()
            preparing = self._preparing
        if preparing is not None:
            preparing.join(wait)
        with self._lock:
            prepared, self._prepared = self._prepared, None
        if prepared is None:
            return False  # still warming: the current generation serves this call
        gen_id, outcome = prepared
        if isinstance(outcome, Exception):
            if isinstance(outcome, KBError):
                self._unopenable = (gen_id, outcome)
            raise outcome.with_traceback(None)
        if gen_id != read_pointer(self.layout):  # an even newer one was published meanwhile
            outcome.close()
            return False
        return self._switch(outcome)

    def _prepare(self, current: str) -> None:
        outcome: Generation | Exception
        try:
            outcome = self._open()
        except Exception as exc:  # noqa: BLE001 - handed to the caller's thread, which raises it
            outcome = exc
        with self._lock:
            self._prepared, self._preparing = (current, outcome), None

    def _switch(self, new: Generation) -> bool:
        old, self.generation = self.generation, new
        old.close()
        return True

    def search(self, query: str, options: SearchOptions | None = None) -> SearchResponse:
        return self.search_many([query], options)[0]

    def search_many(self, queries: list[str], options: SearchOptions | None = None) -> list[SearchResponse]:
        return list(self.iter_search(queries, options))

    def iter_search(self, queries: list[str], options: SearchOptions | None = None) -> Iterator[SearchResponse]:
        """The answers one at a time, each as soon as it is ranked; the queries are embedded together first."""
        opts = options or SearchOptions()
        started = time.perf_counter()
        vocabulary = self.generation.vocabulary
        repairs = [repair_query(q, vocabulary) if opts.repair else QueryRepair(q, q) for q in map(clean_query, queries)]
        cleaned = [r.searched for r in repairs]
        vectors = self._query_vectors([q or " " for q in cleaned])
        embed_ms = (time.perf_counter() - started) * 1000 / max(len(queries), 1)
        for query, vector, repair in zip(cleaned, vectors, repairs, strict=True):
            t0 = time.perf_counter()
            stages = {"embed": embed_ms}
            hits, total, passage_scores = self._rank(query, vector, opts, stages)
            gen = self.generation
            t1 = time.perf_counter()
            contacts = contacts_for(gen, query, passage_scores, vector, opts.contacts) if opts.contacts else []
            t2 = time.perf_counter()
            stages["contacts"] = (t2 - t1) * 1000
            meetings = (
                rank_meetings(
                    query, passage_scores, gen.row_doc, gen.meeting_record, gen.doc_paths, opts.filters, opts.meetings
                )
                if opts.meetings and is_meeting_query(query)
                else []
            )
            if meetings:
                stages["meetings"] = (time.perf_counter() - t2) * 1000
            took = embed_ms + (time.perf_counter() - t0) * 1000
            yield SearchResponse(
                repair.typed, hits, gen.id, round(took, 1), total, contacts, meetings,
                searched=query, did_you_mean=repair.did_you_mean, corrections=repair.corrections,
                stages={name: round(ms, 3) for name, ms in stages.items()},
            )  # fmt: skip

    def _query_vectors(self, queries: list[str]) -> np.ndarray:
        """Query embeddings, remembered for the last few queries (the app asks twice per page)."""
        missing = [q for q in dict.fromkeys(queries) if q not in self._vector_cache]
        if missing:
            for q, v in zip(missing, self.embedder.embed_queries(missing), strict=True):
                self._vector_cache[q] = v
            while len(self._vector_cache) > QUERY_CACHE_SIZE:
                self._vector_cache.pop(next(iter(self._vector_cache)))
        return np.stack([self._vector_cache[q] for q in queries])

    def _candidates(
        self, query: str, vector: np.ndarray, opts: SearchOptions, mask: np.ndarray | None, stages: dict[str, float]
    ) -> tuple[np.ndarray, np.ndarray]:
        gen = self.generation
        n = opts.candidates
        t0 = time.perf_counter()
        dense_rows = gen.vectors.search(vector, n, mask)
        t1 = time.perf_counter()
        lexical = gen.bm25.scores(query) if gen.bm25 is not None else np.zeros(gen.size, np.float32)
        if mask is not None:
            lexical = np.where(mask, lexical, 0.0).astype(np.float32)
        positive = np.flatnonzero(lexical > 0)
        if positive.size > n:
            positive = positive[np.argpartition(-lexical[positive], n)[:n]]
        rows = np.union1d(dense_rows, positive).astype(np.int64)
        stages["dense"], stages["lexical"] = (t1 - t0) * 1000, (time.perf_counter() - t1) * 1000
        return rows, lexical

    def _rank(
        self, query: str, vector: np.ndarray, opts: SearchOptions, stages: dict[str, float]
    ) -> tuple[list[Hit], int, dict[int, float]]:
        gen = self.generation
        if not query or gen.size == 0 or not any(ch.isalnum() for ch in query):
            return [], 0, {}
        t0 = time.perf_counter()
        mask = row_mask(gen, opts.filters)
        stages["filters"] = (time.perf_counter() - t0) * 1000
        rows, lexical_all = self._candidates(query, vector, opts, mask, stages)
        if rows.size == 0:
            return [], 0, {}
        t1 = time.perf_counter()
        dense = gen.vectors.scores(rows, vector)
        lexical = lexical_all[rows]
        fused = fuse_rankings(rows, dense, lexical, opts.fusion, opts.dense_weight)
        order = np.argsort(-fused, kind="stable")
        # The passages that matter for contacts and meetings: the best few, scored on 0..1 (z-scores are
        # not bounded; contacts weigh passages by their share of the best score).
        context = fused
        if opts.fusion == "zscore" and fused.size:
            low, high = float(fused.min()), float(fused.max())
            context = (fused - low) / (high - low) if high - low > 1e-12 else np.ones_like(fused)
        passage_scores = {int(rows[i]): float(context[i]) for i in order[:CONTEXT_PASSAGES] if context[i] > 0}
        t2 = time.perf_counter()
        stages["fusion"] = (t2 - t1) * 1000

        row_doc = np.asarray(gen.arrays.row_doc[rows])
        row_text = np.asarray(gen.arrays.row_text[rows])
        hits: list[Hit] = []
        per_doc: dict[int, int] = {}
        seen_text: set[int] = set()
        for i in order:
            row = int(rows[i])
            doc_number, text_key = int(row_doc[i]), int(row_text[i])
            # The same passage text twice (a page saved twice) is shown once.
            if text_key in seen_text:
                continue
            if opts.max_per_doc and per_doc.get(doc_number, 0) >= opts.max_per_doc:
                continue
            seen_text.add(text_key)
            per_doc[doc_number] = per_doc.get(doc_number, 0) + 1
            p = gen.passage(row)
            doc = gen.document(p.doc_id)
            hits.append(
                Hit(
                    rank=len(hits) + 1, score=round(float(fused[i]), 6), path=doc.path, title=doc.title,
                    organisation=doc.organisation, date=doc.date, page=p.page, text=p.text,
                    heading_path=p.heading_path, doc_type=doc.doc_type, url=doc.url,
                    passage_id=p.passage_id, row=row, dense_score=round(float(dense[i]), 6),
                    lexical_score=round(float(lexical[i]), 6), highlights=highlight_spans(p.text, query),
                )
            )  # fmt: skip
            if len(hits) >= opts.k:
                break
        stages["catalogue"] = (time.perf_counter() - t2) * 1000
        return hits, int(rows.size), passage_scores


def open_searcher(settings: Settings, embedder: TextEmbedder | None = None) -> Searcher:
    """A searcher over the data folder's current generation, with the configured model.

    Raises IndexMissing when there is no index yet, GenerationDamaged when it is
    damaged on disk, ModelMismatch when the index was built with another model,
    ModelError when the model cannot be loaded.
    """
    if embedder is None:
        from indexer.model.embedder import Embedder

        # A missing index or a bad CURRENT is told at once, not after the seconds the model takes to load.
        current_generation_dir(Layout(settings.data))
        embedder = Embedder.load(settings.model, settings.model_cache)
    return Searcher(settings.data, embedder)
