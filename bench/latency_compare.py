"""Query latency of this checkout against an older one, side by side in one run.

Both checkouts index the demo corpus with their own indexer command and then
answer the same questions (the paraphrase set, as written) in-process with
their own `Searcher`, default options, one query at a time, after a warm-up.
The two are run in alternating rounds so that a busy machine affects both alike.

    git worktree add /tmp/before <commit>
    python bench/latency_compare.py --baseline /tmp/before      # prints a table, writes bench/RESULTS.md
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

# Run inside a checkout (cwd): index the demo corpus once, then time the queries given on stdin.
_TIMER = r"""
import json, sys, time, statistics
from pathlib import Path
from indexer.settings import resolve_settings
from indexer.model.embedder import Embedder
from search.engine import Searcher, SearchOptions
data = Path(sys.argv[1])
queries = json.loads(sys.stdin.read())
settings = resolve_settings()
searcher = Searcher(data, Embedder.load(settings.model, settings.model_cache))
for q in queries[:10]:
    searcher.search(q)
searcher._vector_cache.clear()
times = []
for q in queries:
    t = time.perf_counter()
    searcher.search(q, SearchOptions())
    times.append((time.perf_counter() - t) * 1000)
    searcher._vector_cache.clear()
print(json.dumps(times))
"""


def index(checkout: Path, data: Path) -> None:
    if (data / "CURRENT").is_file():
        return
    done = subprocess.run(
        [sys.executable, "-m", "indexer", "--corpus", str(REPO / "corpus"), "--data", str(data), "--json"],
        cwd=checkout, capture_output=True, text=True, env=os.environ.copy(),
    )  # fmt: skip
    if done.returncode not in (0, 1):
        sys.exit(f"indexing in {checkout} failed: {done.stderr[-2000:]}")


def timed(checkout: Path, data: Path, queries: list[str]) -> list[float]:
    done = subprocess.run(
        [sys.executable, "-c", _TIMER, str(data)],
        cwd=checkout, input=json.dumps(queries), capture_output=True, text=True, env=os.environ.copy(),
    )  # fmt: skip
    if done.returncode != 0:
        sys.exit(f"timing in {checkout} failed: {done.stderr[-2000:]}")
    return list(json.loads(done.stdout.strip().splitlines()[-1]))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * (len(ordered) - 1) + 0.5))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--baseline", type=Path, required=True, help="a checkout of the older commit")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("KB_MODEL_CACHE", str(REPO / ".cache" / "models"))
    work = BENCH / "work" / "latency"
    questions = BENCH / "gold" / "paraphrase" / "questions.jsonl"
    queries = [json.loads(line)["text"] for line in questions.read_text(encoding="utf-8").splitlines() if line.strip()]
    sides = {"before": (args.baseline.resolve(), work / "before"), "after": (REPO, work / "after")}
    for checkout, data in sides.values():
        index(checkout, data)
    times: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(args.rounds):
        for name, (checkout, data) in sides.items():
            times[name].extend(timed(checkout, data, queries))
    commit = {
        name: subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=c, capture_output=True, text=True
        ).stdout.strip()
        for name, (c, _) in sides.items()
    }
    rows = {name: (statistics.median(t), pct(t, 0.95)) for name, t in times.items()}
    lines = [
        "## Query latency before and after the query repairs (issue 10)",
        "",
        f"`python bench/latency_compare.py --baseline <checkout of {commit['before']}>`, "
        f"{datetime.now().isoformat(timespec='seconds')}, {os.cpu_count()} cores, load average "
        f"{os.getloadavg()[0]:.2f}. The demo corpus indexed by each checkout; {len(queries)} paraphrase questions, "
        f"in-process search with default options, one query at a time, query-vector cache cleared, "
        f"{args.rounds} alternating rounds.",
        "",
        "| code | p50 ms | p95 ms |",
        "|---|---:|---:|",
    ]
    for name, (p50, p95) in rows.items():
        lines.append(f"| {name} ({commit[name]}) | {p50:.1f} | {p95:.1f} |")
    lines.append(
        f"| after / before | {rows['after'][0] / rows['before'][0]:.2f} | {rows['after'][1] / rows['before'][1]:.2f} |"
    )
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        write_section("query-latency", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
