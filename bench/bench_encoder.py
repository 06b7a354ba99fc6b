"""The encoders side by side in one run: float32 PyTorch, ONNX float32 (the default) and ONNX int8.

On the demo corpus's passages (read and chunked the way the indexer does) and
the paraphrase questions (bench/gold/paraphrase), on this machine:

  passages/s  all passages through `embed_with_cache` without a cache, the
              indexer's own call (batches of 64 sorted by length)
  query ms    one question at a time, as a search embeds it (median)
  cosine      each passage's and question's vector against the PyTorch one
  nDCG@10     documents ranked by their best passage's cosine to the question
              (dense retrieval alone, in numpy)

    python bench/bench_encoder.py           # prints the table, writes its section of bench/RESULTS.md
    python bench/bench_encoder.py --quick   # 150 passages, 40 questions, no nDCG, no RESULTS.md
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np
from eval_queries import ndcg
from results_md import write_section

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(REPO))

from indexer.chunk import TokenCounter, chunk_document  # noqa: E402
from indexer.discover import discover, sha256_file  # noqa: E402
from indexer.embed import embed_with_cache  # noqa: E402
from indexer.extract import ExtractError  # noqa: E402
from indexer.model.bundled import resolve_model  # noqa: E402
from indexer.model.embedder import Embedder, TextEmbedder  # noqa: E402
from indexer.model.onnx_embedder import OnnxEmbedder  # noqa: E402
from indexer.model.onnx_export import (  # noqa: E402
    FLOAT_FILE,
    INT8_FILE,
    prepare_onnx_float,
    prepare_onnx_int8,
    read_measurement,
)
from indexer.read import read_file  # noqa: E402
from indexer.settings import resolve_settings  # noqa: E402

QUESTIONS = BENCH / "gold" / "paraphrase" / "questions.jsonl"


def corpus_passages(corpus: Path, count_tokens: TokenCounter) -> tuple[list[str], list[str]]:
    """(text the model sees, document path) for every passage of the corpus."""
    texts: list[str] = []
    docs: list[str] = []
    for found in discover(corpus).files:
        try:
            read = read_file(found, sha256_file(found.path))
        except ExtractError as exc:
            print(f"skipped {found.rel}: {exc}", file=sys.stderr)
            continue
        for passage in chunk_document(read.document.doc_id, read.document.title, read.blocks, count_tokens):
            texts.append(passage.embed_text(read.document.title))
            docs.append(found.rel)
    return texts, docs


def time_passages(embedder: TextEmbedder, texts: Sequence[str]) -> tuple[np.ndarray, float]:
    embedder.embed_passages(texts[:8])  # warm-up
    started = time.perf_counter()
    vectors, _, _ = embed_with_cache(embedder, None, texts)
    return vectors, len(texts) / (time.perf_counter() - started)


def time_queries(embedder: TextEmbedder, queries: Sequence[str]) -> tuple[np.ndarray, float]:
    embedder.embed_queries(queries[:2])
    rows, times = [], []
    for query in queries:
        started = time.perf_counter()
        rows.append(embedder.embed_queries([query])[0])
        times.append(time.perf_counter() - started)
    return np.stack(rows), 1000 * statistics.median(times)


def rank_documents(query_vectors: np.ndarray, passage_vectors: np.ndarray, docs: list[str]) -> list[list[str]]:
    """Documents per question, best passage first, each document once."""
    names = sorted(set(docs))
    column = {d: i for i, d in enumerate(names)}
    doc_of = np.array([column[d] for d in docs])
    scores = query_vectors @ passage_vectors.T
    best = np.full((len(query_vectors), len(names)), -np.inf, dtype=np.float32)
    for j in range(len(names)):
        best[:, j] = scores[:, doc_of == j].max(axis=1)
    return [[names[j] for j in np.argsort(-row)[:10]] for row in best]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="150 passages, 40 questions, no nDCG, no RESULTS.md")
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus")
    args = parser.parse_args()

    settings = resolve_settings()
    model_id, location = resolve_model(settings.model, settings.model_cache)
    folder = Path(location)
    torch_model = Embedder.load_torch(settings.model, settings.model_cache)
    float_dir = prepare_onnx_float(folder, settings.model_cache)
    int8_dir = prepare_onnx_int8(folder, settings.model_cache)
    questions = [json.loads(line) for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.strip()]
    texts, docs = corpus_passages(args.corpus, torch_model.count_tokens)
    if args.quick:
        texts, docs, questions = texts[:150], docs[:150], questions[:40]
    queries = [q["text"] for q in questions]
    print(f"{len(texts)} passages, {len(queries)} questions, {os.cpu_count()} CPUs", file=sys.stderr)

    load_before = os.getloadavg()[0]
    rows = []
    torch_32 = Embedder(torch_model.model_id, torch_model.model, batch_size=32)
    encoders: list[tuple[str, TextEmbedder]] = [
        ("torch fp32, 32 a batch (the indexer before issue 11)", torch_32),
        (f"torch fp32, {torch_model.batch_size} a batch", torch_model),
        ("ONNX fp32 (the default)", OnnxEmbedder(model_id, folder, float_dir / FLOAT_FILE)),
        ("ONNX int8 (smoothed; first and last layers float32)", OnnxEmbedder(model_id, folder, int8_dir / INT8_FILE)),
    ]
    reference: tuple[np.ndarray, np.ndarray] | None = None
    for name, embedder in encoders:
        print(f"{name} ...", file=sys.stderr)
        passage_vectors, per_s = time_passages(embedder, texts)
        query_vectors, query_ms = time_queries(embedder, queries)
        reference = reference or (passage_vectors, query_vectors)
        cosines = np.concatenate(
            [(passage_vectors * reference[0]).sum(axis=1), (query_vectors * reference[1]).sum(axis=1)]
        )
        row = {
            "encoder": name,
            "passages_per_s": per_s,
            "query_ms": query_ms,
            "mean_cosine": float(cosines.mean()),
            "min_cosine": float(cosines.min()),
        }
        if not args.quick:
            ranked = rank_documents(query_vectors, passage_vectors, docs)
            row["ndcg10"] = statistics.mean(ndcg(r, q["relevant"]) for r, q in zip(ranked, questions, strict=True))
        rows.append(row)

    base = rows[0]
    lines = [
        "| encoder | passages/s | × torch (32 a batch) | query ms (median) | cosine to torch mean / min |"
        + (" nDCG@10 (dense) |" if not args.quick else ""),
        "|---|---:|---:|---:|---|" + ("---:|" if not args.quick else ""),
    ]
    for row in rows:
        line = (
            f"| {row['encoder']} | {row['passages_per_s']:.1f} | {row['passages_per_s'] / base['passages_per_s']:.2f} "
            f"| {row['query_ms']:.1f} | {row['mean_cosine']:.4f} / {row['min_cosine']:.4f} |"
        )
        if "ndcg10" in row:
            line += f" {row['ndcg10']:.4f} |"
        lines.append(line)
    table = "\n".join(lines)
    print(table)
    measured = read_measurement(int8_dir)
    exported = read_measurement(float_dir)
    if args.quick:
        return 0
    body = "\n".join(
        [
            "## Encoders: PyTorch float32, ONNX float32, ONNX int8 (bench/bench_encoder.py)",
            "",
            f"Demo corpus: {len(texts)} passages (the indexer's chunks, with title and headings); "
            f"{len(queries)} paraphrase questions. {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs "
            f"({platform.machine()}), load average {load_before:.2f} before and {os.getloadavg()[0]:.2f} after; "
            "one run, the encoders one after the other. Passages through "
            "`embed_with_cache` (the indexer's call: 64 texts at a time, which each encoder runs in batches "
            f"of {torch_model.batch_size} sorted by length), queries one at a time. "
            "nDCG@10 is dense retrieval alone (documents by best passage), not the fused search.",
            "",
            table,
            "",
            "The exports' own measurements at set-up (48 sample passages, 4 questions one at a time, "
            "best of two rounds against the PyTorch model):",
            "",
            f"- float32: {exported.speedup:.2f}× on passages, a question in {exported.onnx_query_ms:.1f} ms "
            f"against {exported.torch_query_ms:.1f} ms, lowest cosine {exported.min_cosine:.6f} "
            f"({'used' if exported.exact else 'not used'}: the default encoder needs ≥ 0.9999).",
            f"- int8: {measured.speedup:.2f}× on passages, a question in {measured.onnx_query_ms:.1f} ms, "
            f"mean cosine {measured.mean_cosine:.4f}, so `KB_ENCODER=auto` "
            f"{'uses int8' if measured.preferred else 'keeps the float32 export'} on this machine "
            "(int8 needs ≥ 1.8× and mean cosine ≥ 0.99).",
        ]
    )
    write_section("encoders", body)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
