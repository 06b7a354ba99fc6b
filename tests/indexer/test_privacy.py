"""The right to erasure: --forget removes a person from the live index at once and from later runs."""

from __future__ import annotations

import json
from pathlib import Path

from indexer.job.run import run_job
from indexer.settings import resolve_settings
from search.engine import Searcher
from tests.fakes import FAKE_MODEL_ID, FakeEmbedder
from tests.helpers import run_cli


def people_names(data: Path) -> list[str]:
    done = run_cli("search", "--data", str(data), "--people", "--json")
    assert done.returncode == 0, done.stderr
    return [json.loads(line)["name"] for line in done.stdout.splitlines()]


def test_forget_takes_effect_now_and_in_every_later_run(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "gr.txt").write_text(
        "Kompetensplattform i Göteborgsregionen\n\nGöteborgsregionen samordnar arbetet med kompetensplattformen "
        "tillsammans med kommunerna.\n\n"
        "Kontakt: Linda Karlsson, kontaktperson för kompetensplattformen, Göteborgsregionen\n",
        encoding="utf-8",
    )
    (corpus / "fyrbodal.txt").write_text(
        "Teknikcollege Fyrbodal\n\nOla Bergquist är regional samordnare för Teknikcollege Fyrbodal.\n", encoding="utf-8"
    )
    settings = resolve_settings(corpus=corpus, data=tmp_path / "data", model=FAKE_MODEL_ID)
    run_job(settings, lambda: fake_embedder)
    live = Searcher(settings.data, fake_embedder)
    assert live.search("kontaktperson kompetensplattformen Göteborgsregionen").contacts[0]["name"] == "Linda Karlsson"
    assert people_names(settings.data) == ["Linda Karlsson", "Ola Bergquist"]

    done = run_cli("indexer", "--data", str(settings.data), "--forget", "Linda Karlsson")
    assert done.returncode == 0, done.stderr
    assert "suppressed" in done.stdout
    # A running app notices the new generation and stops showing her.
    assert live.refresh()
    names = [c["name"] for c in live.search("kontaktperson kompetensplattformen Göteborgsregionen").contacts]
    assert "Linda Karlsson" not in names
    assert people_names(settings.data) == ["Ola Bergquist"]

    # A later full reindex keeps her out.
    run_job(settings, lambda: fake_embedder, full=True)
    assert people_names(settings.data) == ["Ola Bergquist"]
