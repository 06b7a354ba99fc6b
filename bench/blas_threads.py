"""Query latency with BLAS kept to one thread while searching, against the libraries' default, side by side.

`Searcher` limits numpy's and FAISS's BLAS (OpenBLAS) to one thread
(`search.engine._one_blas_thread`): OpenBLAS's idle threads spin after each
call and take the cores the model needs for the next query. Each arm runs in a
fresh process (the model, the generation, a warm-up, then the paraphrase
questions one at a time with the query-vector cache cleared); the "library
default" arm replaces the limit with nothing. Arms alternate, rounds repeat.

    python bench/blas_threads.py                       # the demo index and the 100k synthetic one (bench/scale.py)
    python bench/blas_threads.py --data DIR --rounds 3
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from results_md import write_section

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent

_TIMER = r"""
import json, sys, time
from pathlib import Path
import search.engine
if sys.argv[2] == "default":
    search.engine._one_blas_thread = lambda: None
from indexer.settings import resolve_settings
from indexer.model.embedder import Embedder
from search.engine import Searcher, SearchOptions
queries = json.loads(sys.stdin.read())
settings = resolve_settings()
searcher = Searcher(Path(sys.argv[1]), Embedder.load(settings.model, settings.model_cache))
for q in queries[:10]:
    searcher.search(q)
whole, embed = [], []
for q in queries:
    searcher._vector_cache.clear()
    t = time.perf_counter()
    response = searcher.search(q, SearchOptions())
    whole.append((time.perf_counter() - t) * 1000)
    embed.append(response.stages.get("embed", 0.0))
print(json.dumps({"whole": whole, "embed": embed}))
"""


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, nargs="+", help="data folders (default: the scale bench's demo and 100k)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--queries", type=int, default=120)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    scale = BENCH / "work" / "scale"
    folders = args.data or [p for p in (scale / "demo", scale / "100000-ivf_sq8") if (p / "CURRENT").is_file()]
    if not folders:
        sys.exit("no data folder: run bench/scale.py first, or give --data")
    lines = (BENCH / "gold" / "paraphrase" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    queries = [json.loads(line)["text"] for line in lines if line.strip()][: args.queries]
    load_before = os.getloadavg()[0]
    rows = []
    for data in folders:
        got: dict[str, dict[str, list[float]]] = {
            "default": {"whole": [], "embed": []},
            "one": {"whole": [], "embed": []},
        }
        for _ in range(args.rounds):
            for arm in ("default", "one"):
                out = subprocess.run(
                    [sys.executable, "-c", _TIMER, str(data), arm], input=json.dumps(queries), cwd=REPO,
                    capture_output=True, text=True, check=True,
                )  # fmt: skip
                figures = json.loads(out.stdout.strip().splitlines()[-1])
                for key in ("whole", "embed"):
                    got[arm][key] += figures[key]
        row = {"data": data.name}
        for arm in ("default", "one"):
            for key in ("whole", "embed"):
                row[f"{arm} {key} p50"] = round(statistics.median(got[arm][key]), 1)
                row[f"{arm} {key} p95"] = round(pct(got[arm][key], 0.95), 1)
        rows.append(row)
        print(row, file=sys.stderr)
    text = "\n".join(
        [
            "## BLAS threads while searching (issue 11)",
            "",
            f"`python bench/blas_threads.py`, {datetime.now().isoformat(timespec='seconds')}, {os.cpu_count()} cores, "
            f"load average {load_before:.2f} before and {os.getloadavg()[0]:.2f} after. {len(queries)} paraphrase "
            f"questions, one at a time, query-vector cache cleared, {args.rounds} alternating rounds, each arm in a "
            "fresh process. 'library default': OpenBLAS with a thread per core; 'one thread': what `Searcher` now "
            "sets. Embed is the stage that turns the question into a vector (the model's own threads either way).",
            "",
            "| data | BLAS threads | whole p50 ms | whole p95 ms | embed p50 ms | embed p95 ms |",
            "|---|---|---:|---:|---:|---:|",
        ]
        + [
            f"| {r['data']} | {label} | {r[f'{arm} whole p50']} | {r[f'{arm} whole p95']} | "
            f"{r[f'{arm} embed p50']} | {r[f'{arm} embed p95']} |"
            for r in rows
            for arm, label in (("default", "library default"), ("one", "one thread"))
        ]
    )
    print(text)
    if not args.no_write:
        write_section("blas-threads", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
