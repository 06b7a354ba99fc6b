"""Damage benchmark: a data folder damaged on disk, case by case, as an operator meets it.

Builds a fresh index of a corpus (the demo corpus by default) with two
generations, so there is one to roll back to. Then, for each case of issue
12, on a copy of that data folder: the damage is done (`tests/damage.py`:
bytes overwritten in place, files truncated, emptied or deleted, the BM25
folder removed, garbage in the manifest, a non-UTF-8 CURRENT, a corrupt
embedding cache, a full disk while the catalogue is written, a newer
generation damaged while the app serves the older one), and the commands are
run as an operator runs them:

  open     `python -m search --data D "..."`: does it refuse, with what line?
  status   `python -m indexer status --data D`: exit 2, naming the file?
  job      `python -m indexer --corpus C --data D`: does it notice and rebuild?
  app      the Streamlit app (AppTest) holding the older generation: banner, still answering?

and the repair (the command in the table) is checked by asking the same
questions as before the damage: "data lost" compares every answer (path and
passage text of the top 10) and the counts of the served generation
(documents, passages, people, meetings) with the undamaged index.

The commands run in this process (`tests.helpers.run_cli`), with the fake
embedding model of the tests by default (`tests/fakes.py`: deterministic
vectors from words, no torch, seconds for the whole table); `--real-model`
uses the configured model instead (the bundled multilingual-e5-small).
Nothing here depends on which: damage and repair are about files.

usage:
  python bench/damage.py                 # prints the table, writes bench/RESULTS.md (damage section)
  python bench/damage.py --no-write      # prints it only
  python bench/damage.py --corpus DIR    # another corpus
"""

from __future__ import annotations

import argparse
import contextlib
import errno
import json
import os
import platform
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from unittest import mock

from results_md import write_section

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
WORK = BENCH / "work" / "damage"
sys.path.insert(0, str(REPO))

from indexer.model.embedder import TextEmbedder  # noqa: E402
from indexer.store.layout import (  # noqa: E402
    Layout,
    list_generations,
    previous_generation,
    read_manifest,
    read_pointer,
)
from search.engine import Searcher  # noqa: E402
from tests.damage import GENERATION_DAMAGE, Damage, blamed_path, corrupt_cache, current_folder, truncate  # noqa: E402
from tests.fakes import FakeEmbedder  # noqa: E402
from tests.helpers import CliRun, run_cli  # noqa: E402

QUERIES = [
    "möte med statssekreterare i Linköping om kompetensförsörjning",
    "vem ansvarar för vård- och omsorgscollege i Fyrbodal",
    "Teknikcollege Fyrbodal samordnare",
    "Samverkansmodell för kompetensförsörjning i Skaraborg",
    "valideringsstrukturer",
    "Framtid Östergötland konferens AI rekrytering",
    "kontaktperson för KP-rådet i Boråsregionen",
    "regionfullmäktige handlingsplan kompetensplattform",
    "kompetensförsörjning i hälso- och sjukvården",
    "Tillväxtverket rapport",
]
GEN_ID = re.compile(r"\d{8}T\d{12}Z-[0-9a-f]{6}")


@dataclass
class Index:
    corpus: Path
    data: Path


@dataclass
class Snapshot:
    """What the served index answers and holds."""

    answers: list[list[tuple[str, str]]]
    counts: dict[str, int]


@dataclass
class Row:
    case: str
    detected: str
    message: str
    repaired_by: str
    data_lost: str


class Bench:
    def __init__(self, embedder: TextEmbedder, work: Path) -> None:
        self.embedder = embedder
        self.work = work

    # --- commands, as an operator runs them ----------------------------------------

    def cli(self, module: str, *args: str) -> CliRun:
        return run_cli(module, *args, embedder=self.embedder)

    def search(self, index: Index) -> CliRun:
        return self.cli("search", "--data", str(index.data), "--json", QUERIES[0])

    def status(self, index: Index) -> CliRun:
        return self.cli("indexer", "status", "--data", str(index.data))

    def job(self, index: Index, *extra: str) -> tuple[CliRun, dict[str, Any]]:
        done = self.cli("indexer", "--corpus", str(index.corpus), "--data", str(index.data), "--json", *extra)
        return done, (json.loads(done.stdout) if done.stdout.strip() else {})

    def snapshot(self, index: Index) -> Snapshot:
        searcher = Searcher(index.data, self.embedder)
        try:
            found = searcher.search_many(QUERIES)
            counts = dict(searcher.generation.manifest["counts"])
        finally:
            searcher.generation.close()
        return Snapshot([[(h.path, h.text) for h in r.results] for r in found], counts)

    # --- the index and its copies --------------------------------------------------

    def build(self, corpus: Path) -> Index:
        index = Index(Path(shutil.copytree(corpus, self.work / "base" / "corpus")), self.work / "base" / "data")
        for extra in ((), ("--full",)):  # two generations: one to roll back to
            done, _report = self.job(index, *extra)
            if done.returncode not in (0, 1):
                raise SystemExit(f"could not build the index: {done.stderr}")
        return index

    def copy(self, base: Index, name: str) -> Index:
        folder = self.work / re.sub(r"\W+", "-", name).strip("-")
        return Index(
            Path(shutil.copytree(base.corpus, folder / "corpus")), Path(shutil.copytree(base.data, folder / "data"))
        )

    # --- the table's cells ---------------------------------------------------------

    def short(self, text: str, index: Index) -> str:
        """A message as the table shows it: the scratch folder as DATA, generations as G1, G2, ... oldest first."""
        text = text.replace(str(index.data), "DATA").replace(str(index.corpus), "CORPUS")
        names = sorted(set(GEN_ID.findall(text)) | set(list_generations(Layout(index.data))))
        text = GEN_ID.sub(lambda m: f"G{names.index(m.group(0)) + 1}", text)
        return re.sub(r"\.damaged-\d{8}T\d{6}Z", ".damaged-<time>", text)

    def lost(self, before: Snapshot, index: Index) -> str:
        try:
            after = self.snapshot(index)
        except Exception as exc:  # noqa: BLE001 - the table says what is wrong, it does not stop
            return f"**index does not answer**: {exc}"
        differ = sum(a != b for a, b in zip(before.answers, after.answers, strict=True))
        counts = ", ".join(f"{after.counts.get(k, 0)} {k}" for k in ("documents", "passages", "people", "meetings"))
        if differ == 0 and after.counts == before.counts:
            return f"none: {len(QUERIES)} questions answered as before; {counts}"
        return f"**{differ} of {len(QUERIES)} answers differ**; {counts} (before: {before.counts})"


def error_line(run: CliRun) -> str:
    lines = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    if "Traceback" in run.stderr or len(lines) != 1:
        return f"**not one line**: {run.stderr.strip()[-300:]!r}"
    return lines[0].removeprefix("error: ")


def generation_case(bench: Bench, base: Index, before: Snapshot, damage: Damage) -> Row:
    index = bench.copy(base, damage.case)
    blamed = str(blamed_path(damage, index.data, current_folder(index.data)))
    damage.apply(index.data)
    searched, status = bench.search(index), bench.status(index)
    job, report = bench.job(index)
    detected = [
        f"open (exit {searched.returncode})" if blamed in searched.stderr else "**open: not detected**",
        f"status (exit {status.returncode})" if blamed in status.stdout else "**status: not detected**",
        "job (rebuilt)" if any(blamed in note for note in report.get("notes", [])) else "**job: not detected**",
    ]
    repaired = job.returncode == 0 and report.get("switched") and bench.status(index).returncode == 0
    how = "every file read again" if any("every file is read again" in n for n in report["notes"]) else "catalogue kept"
    return Row(
        damage.case,
        ", ".join(detected),
        bench.short(error_line(searched), index),
        f"`python -m indexer` (incremental; {how}, {report.get('passages_embedded')} passages embedded)"
        if repaired
        else f"**not repaired**: {job.stderr.strip()[-200:]}",
        bench.lost(before, index),
    )


def cache_case(bench: Bench, base: Index, before: Snapshot) -> Row:
    index = bench.copy(base, "cache")
    cache = corrupt_cache(index.data)
    job, report = bench.job(index, "--full")
    notes = [n for n in report.get("notes", []) if "embedding cache" in n]
    again, second = bench.job(index, "--full")
    sound = again.returncode == 0 and second.get("passages_embedded") == 0 and not second.get("notes")
    return Row(
        "embedding cache corrupt (first 4 KB overwritten)",
        "job (the next run that embeds; exit 0)" if notes and job.returncode == 0 else "**job: not detected**",
        bench.short(notes[0], index).replace(str(cache.parent), "DATA/cache") if notes else error_line(job),
        f"the same job: cache set aside and rebuilt, {report.get('passages_embedded')} passages embedded again"
        + ("; the next run takes all from it" if sound else "; **the next run does not find them**"),
        bench.lost(before, index),
    )


def disk_full_case(bench: Bench, base: Index, before: Snapshot) -> Row:
    index = bench.copy(base, "disk-full")
    served = read_pointer(Layout(index.data))

    def no_space(path: Path, *args: object, **kwargs: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    with mock.patch("indexer.job.build.write_catalog", no_space):
        job, _report = bench.job(index, "--full")
    intact = read_pointer(Layout(index.data)) == served
    again, _ = bench.job(index, "--full")
    return Row(
        "disk full while the catalogue is written (ENOSPC)",
        f"job (exit {job.returncode})",
        bench.short(error_line(job), index),
        ("nothing to repair: the live index was not touched" if intact else "**CURRENT changed**")
        + f"; with space again `python -m indexer --full` exits {again.returncode}",
        bench.lost(before, index),
    )


def rollback_case(bench: Bench, base: Index, before: Snapshot) -> Row:
    index = bench.copy(base, "rollback")
    layout = Layout(index.data)
    previous = previous_generation(layout)
    truncate(current_folder(index.data) / "catalog.sqlite", 0.5)
    searched, status = bench.search(index), bench.status(index)
    message = bench.short(error_line(searched), index)
    back = bench.cli("indexer", "rollback", "--data", str(index.data))
    ok = back.returncode == 0 and read_pointer(layout) == previous and bench.status(index).returncode == 0
    return Row(
        "current generation damaged (catalogue truncated), then rollback",
        f"open (exit {searched.returncode}), status (exit {status.returncode})",
        message,
        f"`python -m indexer rollback` (exit 0): {bench.short(back.stdout.strip(), index)}"
        if ok
        else f"**rollback failed**: {error_line(back)}",
        bench.lost(before, index),
    )


@contextlib.contextmanager
def app_with(embedder: TextEmbedder, data: Path) -> Iterator[Callable[[], Any]]:
    """The app on `data` with `embedder` as its model, run by AppTest; yields a function that runs a page."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from indexer.model.embedder import Embedder

    st.cache_resource.clear()
    saved = os.environ.get("KB_DATA")
    os.environ["KB_DATA"] = str(data)
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    app.query_params["q"] = QUERIES[0]
    try:
        with mock.patch.object(Embedder, "load", lambda *args, **kwargs: embedder):
            yield app.run
    finally:
        st.cache_resource.clear()
        if saved is None:
            os.environ.pop("KB_DATA", None)
        else:
            os.environ["KB_DATA"] = saved


def cards(page: Any) -> list[str]:
    """The result cards an app page shows."""
    return [m.value for m in page.markdown if 'class="kb-card"' in m.value]


def app_case(bench: Bench, base: Index, before: Snapshot) -> Row:
    index = bench.copy(base, "app")
    with app_with(bench.embedder, index.data) as run_page:
        first = run_page()
        shown = cards(first)
        bench.job(index, "--full")  # a newer generation, published while the app runs ...
        truncate(current_folder(index.data) / "vectors.faiss", 0.5)  # ... and damaged
        page = run_page()
        banners = [bench.short(w.value, index) for w in page.warning]  # named before more generations come
        still = cards(page) == shown and not page.exception
        bench.job(index)
        repaired = run_page()
        switched = (
            not repaired.warning
            and not repaired.exception
            and any('class="kb-card"' in m.value for m in repaired.markdown)
        )
    return Row(
        "a newer generation cannot be opened while the app serves (its vectors truncated)",
        "app: warning banner, " + ("keeps answering from the loaded generation" if still else "**stops answering**"),
        banners[0] if banners else "**no banner**",
        "`python -m indexer`; the app switches at the next page load" if switched else "**the app did not switch**",
        bench.lost(before, index),
    )


def table(rows: list[Row]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| case | detected | message | repaired by | data lost |", "|---|---|---|---|---|"]
    lines += [
        f"| {cell(r.case)} | {cell(r.detected)} | {cell(r.message)} | {cell(r.repaired_by)} | {cell(r.data_lost)} |"
        for r in rows
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus", help="the corpus to index (default: corpus/)")
    parser.add_argument("--real-model", action="store_true", help="the configured model instead of the fake one")
    parser.add_argument("--no-write", action="store_true", help="print the table only, leave bench/RESULTS.md")
    args = parser.parse_args(argv)

    embedder: TextEmbedder
    if args.real_model:
        from indexer.model.embedder import Embedder
        from indexer.settings import resolve_settings

        settings = resolve_settings()
        embedder = Embedder.load(settings.model, settings.model_cache)
    else:
        embedder = FakeEmbedder()
    shutil.rmtree(WORK, ignore_errors=True)
    bench = Bench(embedder, WORK)
    started = time.monotonic()
    base = bench.build(args.corpus.resolve())
    before = bench.snapshot(base)
    rows = [generation_case(bench, base, before, damage) for damage in GENERATION_DAMAGE]
    rows += [
        cache_case(bench, base, before),
        disk_full_case(bench, base, before),
        rollback_case(bench, base, before),
        app_case(bench, base, before),
    ]
    seconds = time.monotonic() - started
    manifest = read_manifest(current_folder(base.data))
    body = "\n".join(
        [
            "## Damage to the data folder",
            "",
            f"`python bench/damage.py`, {date.today().isoformat()}, {platform.machine()}, {os.cpu_count()} cores, "
            f"Python {platform.python_version()}, {time.strftime('%H:%M')} ({seconds:.0f} s for the table). "
            f"Index: {args.corpus.name}/ ({manifest['counts']['documents']} documents, "
            f"{manifest['counts']['passages']} passages), two generations, model `{embedder.model_id}` "
            + ("(the configured model)." if args.real_model else "(the tests' fake model, `tests/fakes.py`)."),
            "Each case damages a fresh copy of the data folder (`tests/damage.py`). *Detected*: `open` is "
            "`python -m search` refusing with one line (exit 2), `status` is `python -m indexer status` "
            "(exit 2, naming the file), `job` is an incremental `python -m indexer` noticing it (its report's "
            "notes) and rebuilding. *Data lost* asks the same "
            f"{len(QUERIES)} questions as before the damage (top 10: path and passage text) and compares the "
            "served generation's counts. DATA is the data folder; G1, G2, … are its generations, oldest first.",
            "",
            table(rows),
        ]
    )
    print(body)
    if not args.no_write:
        write_section("damage", body)
    failed = [r.case for r in rows if "**" in r.detected + r.message + r.repaired_by + r.data_lost]
    if failed:
        print(f"\nnot detected, repaired or refused clearly: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
