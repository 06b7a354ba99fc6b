"""What a query costs in the app: server time for one search page run, p50/p90 over 20 queries.

Runs app.py in Streamlit's AppTest (the same script the server runs, without
the browser) against an index of the demo corpus, after one warm-up run that
loads the model and the index. Also times the search call alone.

    python bench/bench_app.py [--data DIR]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

from results_md import write_section

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

QUERIES = [
    "möte med statssekreterare i Linköping om kompetensförsörjning",
    "vem ansvarar för vård- och omsorgscollege i Fyrbodal",
    "Teknikcollege Fyrbodal samordnare",
    "Samverkansmodell för kompetensförsörjning i Skaraborg",
    "valideringsstrukturer 2022–2024",
    "Framtid Östergötland konferens AI rekrytering",
    "Ramboll utvärdering 2018–2020",
    "kontaktperson för KP-rådet i Boråsregionen",
    "delregionala kompetensråd avsiktsförklaring",
    "regionfullmäktige handlingsplan kompetensplattform",
    "who is responsible for skills supply in Region Östergötland",
    "kompetensförsörjning i hälso- och sjukvården",
    "Ostlänken En Bättre Matchning",
    "analysmodell Jönköpings län",
    "Richard Widén",
    "vem ar kontakt for validering i vastra gotaland",
    "regionala kompetensplattformar 2013–2017",
    "strukturomvandling automatisering pensionsavgångar",
    "kompetensplanering småföretag Halland",
    "lag om regionalt utvecklingsarbete",
]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", help="an existing index (default: build one from corpus/ under bench/work/app)")
    args = parser.parse_args()
    data = Path(args.data) if args.data else REPO / "bench" / "work" / "app" / "data"
    if not args.data:
        subprocess.run(
            [sys.executable, "-m", "indexer", "--corpus", str(REPO / "corpus"), "--data", str(data), "--quiet"],
            cwd=REPO,
            check=False,
        )
    os.environ["KB_DATA"] = str(data)

    from streamlit import config
    from streamlit.testing.v1 import AppTest

    from indexer.model.embedder import Embedder
    from indexer.settings import resolve_settings
    from search.engine import Searcher

    # The address a server would have, wherever this runs from: without one the app shows nothing.
    config.set_option("server.address", "127.0.0.1")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
    at.query_params["q"] = "uppvärmning"
    at.run()
    page_ms = []
    for q in QUERIES:
        at = AppTest.from_file(str(REPO / "app.py"), default_timeout=300)
        at.query_params["q"] = q
        t0 = time.perf_counter()
        at.run()
        page_ms.append((time.perf_counter() - t0) * 1000)
        assert not at.exception, at.exception

    settings = resolve_settings(data=data)
    searcher = Searcher(settings.data, Embedder.load(settings.model, settings.model_cache))
    searcher.search("uppvärmning")
    search_ms = []
    for q in QUERIES:
        searcher._vector_cache.clear()
        t0 = time.perf_counter()
        searcher.search(q)
        search_ms.append((time.perf_counter() - t0) * 1000)

    rows = {
        "app page run (AppTest, search page incl. facets, contacts, meetings)": page_ms,
        "search call alone (embed query + hybrid + contacts + meetings)": search_ms,
    }
    lines = [
        "## What a query costs in the app",
        "",
        f"Run {date.today().isoformat()} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}; "
        f"`python bench/bench_app.py`; {len(QUERIES)} queries on the demo corpus after one warm-up run.",
        "",
        "| what | p50 ms | p90 ms | mean ms |",
        "|---|---|---|---|",
    ]
    for name, values in rows.items():
        median, p90, mean = statistics.median(values), percentile(values, 0.9), statistics.mean(values)
        lines.append(f"| {name} | {median:.0f} | {p90:.0f} | {mean:.0f} |")
    section = "\n".join(lines)
    print(section)
    write_section("app", section)
    (REPO / "bench" / "results").mkdir(exist_ok=True)
    (REPO / "bench" / "results" / "app.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
