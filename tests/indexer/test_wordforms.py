"""The word-form table that answers queries without Hunspell, checked against Hunspell's own answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer import compounds
from indexer.compounds import split_compound
from indexer.store.bm25 import BM25Index, build_bm25
from indexer.wordforms import WordForms, word_forms


@pytest.fixture(scope="module")
def forms() -> WordForms:
    return word_forms()


@pytest.mark.parametrize("word", ["strategi", "ansvarade", "framtida", "hölls", "utvärderarna", "stockholm"])
def test_listed_words_and_their_inflections_are_words(forms: WordForms, word: str) -> None:
    assert word in forms
    assert forms.is_word(word)


@pytest.mark.parametrize("word", ["kompetensförsörjningsstrategi", "valideringsfrågor", "regionutvecklingsnämnd"])
def test_compounds_the_dictionary_allows_are_words(forms: WordForms, word: str) -> None:
    assert word not in forms  # not listed: recognised by its parts
    assert forms.is_word(word)


@pytest.mark.parametrize("word", ["valdering", "kompetensförsörjnig", "utbildnig", "xqzt", "samverkn"])
def test_typing_errors_are_no_words(forms: WordForms, word: str) -> None:
    assert not forms.is_word(word)


@pytest.mark.parametrize(
    "word", ["kompetensförsörjningsstrategi", "valideringsfrågor", "yrkesvuxutbildning", "regionutvecklingsnämnden"]
)
def test_query_words_split_as_the_indexer_splits_them(forms: WordForms, word: str) -> None:
    assert list(forms.split(word)) == split_compound(word)


@pytest.mark.parametrize("word", ["strategi", "kommunerna", "näringslivet", "stockholm", "lindqvist", "klingenstierna"])
def test_words_and_names_stay_whole(forms: WordForms, word: str) -> None:
    assert forms.split(word) == ()


def test_a_query_splits_compounds_without_hunspell(
    tmp_path: Path, forms: WordForms, monkeypatch: pytest.MonkeyPatch
) -> None:
    texts = ["Frågor om validering i länet.", "Bussar och kollektivtrafik i länet."]
    build_bm25(texts, tmp_path)

    def no_hunspell() -> None:
        raise AssertionError("Hunspell was asked while a query waited")

    monkeypatch.setattr(compounds, "_lexicon", no_hunspell)
    compounds._split.cache_clear()
    scores = BM25Index(tmp_path).scores("valideringsfrågor")
    assert scores[0] > 0 and scores[1] == 0
