"""The name lexicon derived from names-dataset: safe to read, compact, and covering names of many origins."""

from __future__ import annotations

import io
import pickle

import pytest

from indexer.people import lexicon
from indexer.people.names import is_first_name, is_surname


def test_the_name_tables_load_without_running_anything() -> None:
    class Boom:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (print, ("this must not run",))

    hostile = pickle.dumps({"Anna": Boom()})
    with pytest.raises(pickle.UnpicklingError, match="refused"):
        lexicon._PlainDataUnpickler(io.BytesIO(hostile)).load()
    plain = pickle.dumps({"Anna": {"rank": {"SE": 1}, "gender": {"F": 1.0}}})
    assert lexicon._PlainDataUnpickler(io.BytesIO(plain)).load()["Anna"]["rank"] == {"SE": 1}


@pytest.mark.parametrize(
    "name",
    ["Tuva", "Signe", "Jasmin", "Mohammed", "Mirja", "Pekka", "Zeynep", "Ahmad", "Leila", "Tarja", "Åsa", "Asa"],
)
def test_first_names_of_many_origins(name: str) -> None:
    assert is_first_name(name)


@pytest.mark.parametrize("word", ["Och", "Stora", "Regionen", "Kontakt", "Januari", "Måndag", "Närvarande"])
def test_words_that_are_not_first_names(word: str) -> None:
    assert not is_first_name(word)


def test_surnames_with_and_without_diacritics() -> None:
    assert is_surname("Lindström") and is_surname("Lindstrom") and is_surname("Nguyen")
    assert not is_surname("Stadshotellet")


def test_the_lexicon_is_compact_and_read_from_the_cache(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    first, last = lexicon.name_lexicon()
    assert 20_000 < len(first) < 200_000 and 20_000 < len(last) < 300_000
    folder = tmp_path / "lexicon"
    folder.mkdir()
    (folder / "first_names.txt").write_text("tuva\n", encoding="utf-8")
    (folder / "surnames.txt").write_text("berg\n", encoding="utf-8")
    monkeypatch.setenv(lexicon.ENV_VAR, str(folder))
    lexicon.name_lexicon.cache_clear()
    try:
        assert lexicon.name_lexicon() == (frozenset({"tuva"}), frozenset({"berg"}))
    finally:
        monkeypatch.delenv(lexicon.ENV_VAR)
        lexicon.name_lexicon.cache_clear()


def test_an_unreadable_lexicon_is_a_clear_error(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(lexicon.ENV_VAR, str(tmp_path / "missing"))
    lexicon.name_lexicon.cache_clear()
    try:
        with pytest.raises(lexicon.LexiconError, match="cannot read the name lexicon"):
            lexicon.name_lexicon()
    finally:
        monkeypatch.delenv(lexicon.ENV_VAR)
        lexicon.name_lexicon.cache_clear()
