"""Reindex benchmark: what an operator's nightly job costs when little has changed.

For each corpus, in a fresh data folder (empty embedding cache), with the
indexer command as cron runs it (`python -m indexer --json`, a new process
each time, so model loading counts):

  full index          the first run: every file read, every passage embedded
  no-op reindex       nothing changed
  one file changed    one sentence appended to one document
  one file moved      another document moved to a new folder, name and content unchanged
  one file renamed    that document given a new file name, content unchanged

Times are wall-clock seconds of the whole command; ratios are to the full
index. Aim: no-op <= 5 % of full, one changed file <= 10 %. The job's own
report gives the split (discover, compare, read, embed, write; model loaded
or not).

Corpora: the demo corpus (corpus/), and SweQUAD-MC's training contexts (one
document per distinct context, from ../shared/data/swequad-mc/training.json;
skipped with a message when absent). With --pdfs (default on when
../shared/data/pdfs is there), every PDF there goes through the reader
workers and the outcome of each is listed.

usage:
  python bench/bench_reindex.py                 # both corpora; writes bench/RESULTS.md (reindex
                                                # section) and bench/results/reindex.json
  python bench/bench_reindex.py --corpora demo  # one corpus
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
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from results_md import write_section

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work" / "reindex"
RESULTS_MD = BENCH / "RESULTS.md"
RESULTS_JSON = BENCH / "results" / "reindex.json"
STEPS = ("full", "noop", "one_changed", "one_moved", "one_renamed")
STEP_LABELS = {
    "full": "full index",
    "noop": "no-op reindex",
    "one_changed": "one file changed",
    "one_moved": "one file moved",
    "one_renamed": "one file renamed",
}
AIMS = {"noop": 0.05, "one_changed": 0.10}


def _shared(arg: str | None) -> Path:
    return Path(arg).resolve() if arg else REPO.parent / "shared"


def _env() -> dict[str, str]:
    env = {**os.environ}
    for name in ("KB_CORPUS", "KB_DATA", "KB_CONFIG", "KB_TEST_PAUSE_AT"):
        env.pop(name, None)
    return env


def prepare_demo(corpus: Path) -> str:
    shutil.copytree(REPO / "corpus", corpus)
    return "the demo corpus (corpus/)"


def prepare_swequad(corpus: Path, shared: Path) -> str | None:
    path = shared / "data" / "swequad-mc" / "training.json"
    if not path.exists():
        return None
    items = json.loads(path.read_text(encoding="utf-8"))["data"]
    contexts = list(dict.fromkeys(item["context"] for item in items))
    corpus.mkdir(parents=True)
    for i, context in enumerate(contexts, start=1):
        (corpus / f"ctx_{i:04d}.txt").write_text(context, encoding="utf-8")
    return f"SweQUAD-MC training contexts ({len(contexts)} documents, {path})"


def run_indexer(corpus: Path, data: Path) -> tuple[dict[str, Any], float]:
    cmd = [sys.executable, "-m", "indexer", "--corpus", str(corpus), "--data", str(data), "--json"]
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=REPO, env=_env(), capture_output=True, text=True)
    seconds = time.monotonic() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"error: indexer exited {proc.returncode}:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout), seconds


def _documents(corpus: Path) -> list[Path]:
    """Text documents by size, the same order every run."""
    texts = sorted(p for p in corpus.rglob("*") if p.suffix in (".txt", ".md") and p.name != "SOURCES.md")
    return sorted(texts, key=lambda p: p.stat().st_size)


def bench_corpus(name: str, corpus: Path, data: Path) -> dict[str, Any]:
    steps: dict[str, dict[str, Any]] = {}

    def step(key: str) -> None:
        report, seconds = run_indexer(corpus, data)
        steps[key] = {
            "seconds": round(seconds, 3),
            "job_seconds": report["seconds"],
            "model_loaded": report.get("model_loaded"),
            "passages_embedded": report["passages_embedded"],
            "passages_reused": report["passages_reused"],
            "files": {k: report[k] for k in ("files_seen", "new", "changed", "unchanged", "removed")}
            | {"renamed": len(report.get("renamed", [])), "failed": len(report["failed"])},
            "timings": report.get("timings", {}),
            "notes": report.get("notes", []),
        }
        model = "loaded" if report.get("model_loaded") else "not loaded"
        print(
            f"  {STEP_LABELS[key]:<18} {seconds:7.2f} s  (job {report['seconds']:.2f} s, "
            f"{report['passages_embedded']} embedded, model {model})",
            flush=True,
        )

    print(f"{name}:", flush=True)
    step("full")
    step("noop")
    documents = _documents(corpus)
    target, other = documents[len(documents) // 2], documents[len(documents) // 2 + 1]
    with open(target, "a", encoding="utf-8") as f:
        f.write("\nTillägg: regionen följer upp kompetensförsörjningen varje år.\n")
    step("one_changed")
    (corpus / "flyttat").mkdir()
    moved = other.rename(corpus / "flyttat" / other.name)
    step("one_moved")
    moved.rename(moved.with_name("omdopt-" + moved.name))
    step("one_renamed")
    full = steps["full"]["seconds"]
    for values in steps.values():
        values["ratio"] = round(values["seconds"] / full, 4)
    return {
        "documents": steps["full"]["files"]["files_seen"],
        "passages": steps["full"]["passages_embedded"] + steps["full"]["passages_reused"],
        "changed_file": target.relative_to(corpus).as_posix(),
        "moved_file": other.relative_to(corpus).as_posix(),
        "steps": steps,
    }


def bench_pdfs(folder: Path) -> dict[str, Any]:
    """Every PDF through the reader workers, as the job reads them: text or a reason."""
    sys.path.insert(0, str(REPO))
    from indexer.discover import FoundFile
    from indexer.read import DocumentRead
    from indexer.workers import ReaderPool, ReadLimits, ReadTask

    paths = sorted(folder.rglob("*.pdf"))
    tasks = [
        ReadTask(
            FoundFile(p, p.relative_to(folder).as_posix(), p.stat().st_size, p.stat().st_mtime), "", "default", None
        )
        for p in paths
    ]
    files: dict[str, str] = {}
    started = time.monotonic()
    with ReaderPool(ReadLimits(timeout=30, memory_mb=1024, workers=2)) as pool:
        for task, outcome in pool.read(tasks):
            if isinstance(outcome, DocumentRead):
                files[task.found.rel] = f"text: {sum(len(b.text) for b in outcome.blocks)} characters"
            else:
                files[task.found.rel] = outcome
    return {
        "folder": str(folder),
        "seconds": round(time.monotonic() - started, 2),
        "files": dict(sorted(files.items())),
    }


def outcome_kind(outcome: str) -> str:
    for prefix, kind in (
        ("text: ", "text extracted"),
        ("encrypted", "encrypted (password needed)"),
        ("no text layer", "no text layer (scanned)"),
        ("damaged", "damaged"),
        ("too large", "too large"),
        ("timed out", "timed out"),
    ):
        if outcome.startswith(prefix):
            return kind
    return "other: " + outcome


def render(results: dict[str, Any]) -> str:
    lines = [
        "## Reindex jobs",
        "",
        f"`python bench/bench_reindex.py`, {results['date']}, {results['machine']}, 1-minute load average "
        f"{results['load_average'][0]:.1f} at the start and {results['load_average'][1]:.1f} at the end. "
        "Each step is the",
        "indexer command as cron runs it (a new process: Python start, imports and, when needed, the",
        "model load count), wall-clock seconds, in a fresh data folder with an empty embedding cache;",
        "ratios are to the full index. Aim: no-op ≤ 5 %, one changed file ≤ 10 %.",
        "",
    ]
    corpora = results["corpora"]
    names = list(corpora)
    header = "| step | " + " | ".join(f"{n}: seconds | {n}: ratio" for n in names) + " |"
    lines += [header, "|---|" + "---:|---:|" * len(names)]
    for key in STEPS:
        cells = []
        for n in names:
            s = corpora[n]["steps"][key]
            cells += [f"{s['seconds']:.2f}", "1" if key == "full" else f"{100 * s['ratio']:.1f} %"]
        lines.append(f"| {STEP_LABELS[key]} | " + " | ".join(cells) + " |")
    lines.append("")
    for n in names:
        c = corpora[n]
        steps = c["steps"]
        verdicts = [
            f"{STEP_LABELS[k]} {100 * steps[k]['ratio']:.1f} % "
            f"({'meets' if steps[k]['ratio'] <= aim else 'misses'} ≤ {100 * aim:.0f} %)"
            for k, aim in AIMS.items()
        ]
        changed = steps["one_changed"]
        lines.append(
            f"- **{n}**: {c['description']}; {c['documents']} files, {c['passages']} passages. "
            + "; ".join(verdicts)
            + ". "
            f"One changed file: {changed['passages_embedded']} passage(s) embedded; the job itself took "
            f"{changed['job_seconds']:.1f} s, of which {changed['timings'].get('model_load', 0):.1f} s loading the "
            "model (stages: "
            + ", ".join(f"{k} {v:.2f} s" for k, v in changed["timings"].items() if k != "model_load")
            + "), the rest of the wall time is starting Python and importing. "
            + _moves(steps)
        )
        for key in STEPS:
            for note in c["steps"][key]["notes"]:
                lines.append(f"  - note in {STEP_LABELS[key]}: {note}")
    for name, reason in results.get("skipped", {}).items():
        lines.append(f"- **{name}**: skipped: {reason}")
    pdfs = results.get("pdfs")
    if pdfs:
        counts = Counter(outcome_kind(o) for o in pdfs["files"].values())
        lines += [
            "",
            f"Every PDF in `../shared/data/pdfs` ({len(pdfs['files'])} files) through the reader workers "
            f"(30 s and 1024 MB per file), {pdfs['seconds']:.1f} s in all; each file's outcome is in "
            "`bench/results/reindex.json`:",
            "",
            "| outcome | files |",
            "|---|---:|",
        ]
        lines += [f"| {kind} | {n} |" for kind, n in counts.most_common()]
    return "\n".join(lines)


def _moves(steps: dict[str, dict[str, Any]]) -> str:
    """What the move and the rename cost, in words."""
    moved, renamed = steps["one_moved"], steps["one_renamed"]
    text = (
        f"Moved: {moved['passages_embedded']} passage(s) embedded, model "
        f"{'loaded' if moved['model_loaded'] else 'not loaded'}. Renamed: {renamed['passages_embedded']} "
        f"embedded, model {'loaded' if renamed['model_loaded'] else 'not loaded'}"
    )
    if renamed["passages_embedded"]:
        text += (
            " (this corpus's documents have no title of their own, so the title comes from the file name; "
            "the title is part of what the model reads, so a new name is new text to embed)"
        )
    return text + "."


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpora", nargs="+", default=["demo", "swequad-train"], choices=["demo", "swequad-train"])
    parser.add_argument("--shared", help="the shared folder (default: ../shared beside the project)")
    parser.add_argument("--no-pdfs", action="store_true", help="skip the PDF robustness listing")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md and the JSON alone")
    args = parser.parse_args()
    shared = _shared(args.shared)

    results: dict[str, Any] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}",
        "corpora": {},
        "skipped": {},
        "load_average": [os.getloadavg()[0]],
    }
    for name in args.corpora:
        folder = WORK / name
        if folder.exists():
            shutil.rmtree(folder)
        corpus, data = folder / "corpus", folder / "data"
        description = prepare_demo(corpus) if name == "demo" else prepare_swequad(corpus, shared)
        if description is None:
            reason = f"{shared / 'data' / 'swequad-mc' / 'training.json'} not found"
            print(f"{name}: skipped: {reason}")
            results["skipped"][name] = reason
            continue
        results["corpora"][name] = {"description": description, **bench_corpus(name, corpus, data)}
    pdf_folder = shared / "data" / "pdfs"
    if not args.no_pdfs and pdf_folder.is_dir():
        results["pdfs"] = bench_pdfs(pdf_folder)
        for path, outcome in results["pdfs"]["files"].items():
            print(f"  {path}: {outcome}")

    results["load_average"].append(os.getloadavg()[0])
    section = render(results)
    print("\n" + section)
    if not args.no_write and results["corpora"]:
        RESULTS_JSON.parent.mkdir(parents=True, exist_ok=True)
        RESULTS_JSON.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        # Re-read right before writing: other benchmarks write their own sections of this file.
        write_section("reindex", section)
        print(f"\nwrote {RESULTS_MD.relative_to(REPO)} (reindex section) and {RESULTS_JSON.relative_to(REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
