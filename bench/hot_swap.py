"""What a hot swap costs a live searcher: a new generation published while it serves.

A copy of the data folder's current generation (hard links; its own manifest
with a new id) is published by rewriting CURRENT, and the searcher that
serves the old one is asked to switch: once with `refresh()` (open and warm in
the caller: the app waited this long before) and once with `refresh(wait=...)`
as the app and `search serve` call it (open and warm in the background; each
call waits at most `wait`, and queries are answered from the old generation
in between). Printed: calls, the longest a caller waited, and the time until
the switch. The copies are removed and CURRENT restored afterwards.

    python bench/hot_swap.py bench/work/scale/1000000-ivf_sq8       # a generation from bench/scale.py
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from datetime import datetime
from pathlib import Path

from results_md import write_section

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH.parent))

from indexer.model.embedder import Embedder  # noqa: E402
from indexer.settings import resolve_settings  # noqa: E402
from search.engine import Searcher  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", type=Path)
    parser.add_argument("--wait", type=float, default=0.25, help="what the app waits per page load (seconds)")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    data, gens = args.data, args.data / "generations"
    pointer = data / "CURRENT"
    current = pointer.read_text().strip()
    settings = resolve_settings()
    searcher = Searcher(data, Embedder.load(settings.model, settings.model_cache))
    searcher.search("vem ansvarar för validering")
    rows = []
    try:
        for mode in ("in the caller", "in the background"):
            new = f"{current}-swap{len(rows)}"
            shutil.copytree(
                gens / current, gens / new, copy_function=os.link, ignore=shutil.ignore_patterns("manifest.json")
            )
            manifest = json.loads((gens / current / "manifest.json").read_text())
            (gens / new / "manifest.json").write_text(json.dumps({**manifest, "generation": new}))
            pointer.write_text(new + "\n")
            started, waits, answered = time.perf_counter(), [], 0
            while True:
                t = time.perf_counter()
                switched = searcher.refresh() if mode == "in the caller" else searcher.refresh(wait=args.wait)
                waits.append(time.perf_counter() - t)
                if switched:
                    break
                searcher.search("vem ansvarar för validering")
                answered += 1
            rows.append((mode, len(waits), max(waits), time.perf_counter() - started, answered))
    finally:
        pointer.write_text(current + "\n")
        searcher.refresh()
        for i in range(2):
            shutil.rmtree(gens / f"{current}-swap{i}", ignore_errors=True)
    passages = searcher.generation.size
    text = "\n".join(
        [
            "## Hot swap of a live searcher (bench/hot_swap.py, issue 11)",
            "",
            f"`python bench/hot_swap.py {data}`, {datetime.now().isoformat(timespec='seconds')}, {os.cpu_count()} "
            f"cores, load average {os.getloadavg()[0]:.2f}; {passages:,} passages. 'In the background' is "
            f"`refresh(wait={args.wait:g})`, as the app and `search serve` call it on each request.",
            "",
            "| opened and warmed | calls | longest wait of a call s | until switched s | queries answered meanwhile |",
            "|---|---:|---:|---:|---:|",
        ]
        + [f"| {m} | {c} | {w:.2f} | {u:.2f} | {a} |" for m, c, w, u, a in rows]
    )
    print(text)
    if not args.no_write:
        write_section("hot-swap", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
