"""Several corpus folders from a TOML settings file, indexed into one generation."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from indexer.job.changes import JobError
from indexer.job.run import run_job
from indexer.settings import resolve_settings
from indexer.sources import ConfigError, load_config
from indexer.store.layout import Layout, current_generation_id
from search.engine import Searcher, SearchOptions
from search.filters import Filters
from tests.conftest import REPO
from tests.fakes import FAKE_MODEL_ID, FakeEmbedder
from tests.helpers import run_cli, write_corpus


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


TWO_SOURCES = """
data = "data"
keep_generations = 4

[[sources]]
name = "moten"
path = "motesanteckningar"
organisation = "Region Östergötland"
collection = "moten"

[[sources]]
name = "rapporter"
path = "rapporter"
collection = "rapporter"
"""


def test_the_example_settings_file_is_valid() -> None:
    config = load_config(REPO / "kb.example.toml")
    assert [s.name for s in config.sources] == ["tillvaxtverket", "moten", "webb"]
    assert config.values["keep_generations"] == 5


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[sources]]\nname = 'a'\n", "needs a `name` and a `path`"),
        ("[[sources]]\nname = 'a'\npath = 'x'\n[[sources]]\nname = 'a'\npath = 'y'\n", "used twice"),
        ("[[sources]]\nname = 'a/b'\npath = 'x'\n", "may hold only letters"),
        ("[[sources]]\nname = 'a'\npath = 'x'\ncolour = 'red'\n", "unknown key(s) colour"),
        ("corpus = 'x'\n", "unknown setting(s) corpus"),
        ("sources = 'x'\n", "must be a list"),
        ("keep_generations = [\n", "not valid TOML"),
    ],
)
def test_a_wrong_settings_file_names_the_file_and_the_fix(tmp_path: Path, text: str, message: str) -> None:
    path = write_config(tmp_path / "kb.toml", text)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(").replace(")", r"\)")) as caught:
        load_config(path)
    assert str(path) in str(caught.value)


def test_flags_win_over_the_environment_which_wins_over_the_file(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = write_config(tmp_path / "kb.toml", TWO_SOURCES)
    for name in ("KB_DATA", "KB_CORPUS", "KB_KEEP_GENERATIONS", "KB_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    from_file = resolve_settings(config=config)
    assert from_file.data == tmp_path / "data"  # relative to the file's folder
    assert [s.path for s in from_file.sources] == [tmp_path / "motesanteckningar", tmp_path / "rapporter"]
    assert from_file.keep_generations == 4 and from_file.corpus_label() == str(config)
    monkeypatch.setenv("KB_CONFIG", str(config))
    monkeypatch.setenv("KB_KEEP_GENERATIONS", "6")
    assert resolve_settings().keep_generations == 6
    assert resolve_settings(keep_generations=7).keep_generations == 7
    assert resolve_settings().file_size_mb == 50
    write_config(config, TWO_SOURCES.replace("keep_generations = 4", "keep_generations = 4\nfile_size_mb = 20"))
    assert resolve_settings().file_size_mb == 20
    monkeypatch.setenv("KB_FILE_SIZE_MB", "30")
    assert resolve_settings().file_size_mb == 30
    assert resolve_settings(file_size_mb=40).file_size_mb == 40
    monkeypatch.setenv("KB_FILE_SIZE_MB", "0")
    with pytest.raises(ConfigError, match=r"file_size_mb \(--file-size / KB_FILE_SIZE_MB\) must be at least 1"):
        resolve_settings()
    monkeypatch.delenv("KB_FILE_SIZE_MB")
    assert resolve_settings(data=tmp_path / "annan").data == tmp_path / "annan"
    # An explicit corpus folder wins over the file's sources.
    assert resolve_settings(corpus=tmp_path).sources == ()
    missing = run_cli("indexer", "--config", str(tmp_path / "saknas.toml"))
    assert missing.returncode == 2 and "settings file not found" in missing.stderr
    no_folder = run_cli("indexer", "--config", str(config), env_extra={"KB_CONFIG": ""})
    assert no_folder.returncode == 2 and "corpus folder not found" in no_folder.stderr


def test_two_sources_go_into_one_generation_with_their_metadata(tmp_path: Path, fake_embedder: FakeEmbedder) -> None:
    write_corpus(tmp_path / "motesanteckningar", {
        "protokoll.md": "# Protokoll från kompetensrådet\n\nRådet diskuterade validering och yrkesvux i Norrköping.\n",
    })  # fmt: skip
    write_corpus(tmp_path / "rapporter", {
        "protokoll.md": "# Protokoll från styrgruppen\n\n"
        "Tillväxtverket redovisade uppföljningen av kompetensplattformarna.\n",
        "bilaga.txt": "Bilaga\n\nStatistik om kompetensförsörjning i länen.\n",
    })  # fmt: skip
    config = write_config(tmp_path / "kb.toml", TWO_SOURCES)
    settings = resolve_settings(config=config, model=FAKE_MODEL_ID)
    report = run_job(settings, lambda: fake_embedder)
    assert report.failed == [] and report.new == 3
    assert [s["name"] for s in report.sources] == ["moten", "rapporter"]
    layout = Layout(settings.data)
    db = sqlite3.connect(layout.generation(current_generation_id(layout) or "") / "catalog.sqlite")
    rows = db.execute("SELECT path, collection, organisation FROM documents ORDER BY path").fetchall()
    db.close()
    assert rows == [
        ("moten/protokoll.md", "moten", "Region Östergötland"),  # the source's organisation: the text names none
        ("rapporter/bilaga.txt", "rapporter", None),
        ("rapporter/protokoll.md", "rapporter", "Tillväxtverket"),  # named in the text
    ]
    searcher = Searcher(settings.data, fake_embedder)
    only_moten = SearchOptions(filters=Filters(collections=("moten",)))
    assert {h.path for h in searcher.search("protokoll", only_moten).results} == {"moten/protokoll.md"}

    # A source's new metadata reaches its documents at the next run; the other source is untouched.
    write_config(config, TWO_SOURCES.replace('collection = "moten"', 'collection = "protokoll"'))
    again = run_job(resolve_settings(config=config, model=FAKE_MODEL_ID), lambda: fake_embedder)
    assert (again.changed, again.unchanged, again.passages_embedded) == (1, 2, 0)
    assert Searcher(settings.data, fake_embedder).generation.docs
    collections = {d.path: d.collection for d in Searcher(settings.data, fake_embedder).generation.docs.values()}
    assert collections["moten/protokoll.md"] == "protokoll"

    # One source suddenly empty (an unmounted share): nothing changes, the job says why.
    for path in (tmp_path / "rapporter").iterdir():
        path.unlink()
    served = current_generation_id(layout)
    with pytest.raises(JobError, match=r"no documents found in .*rapporter, but the current generation has 2 from it"):
        run_job(resolve_settings(config=config, model=FAKE_MODEL_ID), lambda: fake_embedder)
    assert current_generation_id(layout) == served
