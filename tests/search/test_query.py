"""Queries as people type them: without å/ä/ö, with a typing error, with compounds; exact spellings first."""

from __future__ import annotations

from pathlib import Path

import pytest

from indexer.store.bm25 import BM25Index, build_bm25, read_vocabulary
from indexer.text import index_terms, query_terms
from search.query import Vocabulary, repair_query

VOCABULARY = Vocabulary(
    {"kompetensförsörjning": 12, "örebro": 3, "strategi": 5, "validering": 4, "valdemar": 1, "västra": 7}
)


def test_a_query_without_diacritics_gets_them_back_from_the_corpus() -> None:
    repair = repair_query("kompetensforsorjning i orebro", VOCABULARY)
    assert repair.searched == "kompetensförsörjning i örebro"
    assert repair.did_you_mean is None  # restoring å/ä/ö is no question to ask


def test_a_typing_error_is_corrected_to_the_nearest_frequent_corpus_word() -> None:
    repair = repair_query("valdering strategi", VOCABULARY)
    assert repair.searched == "validering strategi"
    assert repair.corrections == [("valdering", "validering")]
    assert repair.did_you_mean == "validering strategi"


@pytest.mark.parametrize("query", ["Zeynep Arslan", "ab12", "kompetensförsörjning", "orm", "xylofonorkester"])
def test_names_codes_known_and_unknown_words_are_left_alone(query: str) -> None:
    assert repair_query(query, VOCABULARY).searched == query


def test_an_empty_vocabulary_changes_nothing() -> None:
    assert repair_query("valdering", Vocabulary({})).searched == "valdering"


def test_terms_fold_for_queries_and_keep_exact_spellings_apart() -> None:
    assert "~kompetensforsorjning" in index_terms("kompetensförsörjning")
    assert "~strategi" not in index_terms("strategi")  # nothing to fold: no extra term
    assert set(query_terms("kompetensforsorjning")) >= {"~kompetensforsorjning"}


def test_exact_spelling_ranks_above_the_folded_match(tmp_path: Path) -> None:
    texts = [
        "Regionen tar fram en plan för kompetensforsorjning.",  # a page written without å/ä/ö
        "Regionen tar fram en plan för kompetensförsörjning.",
        "Regionen tar fram en plan för kollektivtrafik.",
    ]
    build_bm25(texts, tmp_path)
    index = BM25Index(tmp_path)
    exact = index.scores("kompetensförsörjning")
    assert exact[1] > exact[0] > exact[2] == 0
    folded = index.scores("kompetensforsorjning")
    assert folded[0] > 0 and folded[1] > 0 and folded[2] == 0
    assert read_vocabulary(tmp_path)["kompetensförsörjning"] == 1


def test_compound_parts_meet_the_words_written_apart(tmp_path: Path) -> None:
    texts = ["En strategi för kompetensförsörjning i länet.", "Bussar och kollektivtrafik i länet."]
    build_bm25(texts, tmp_path)
    scores = BM25Index(tmp_path).scores("kompetensförsörjningsstrategi")
    assert scores[0] > 0 and scores[1] == 0


def test_compound_parts_weigh_what_the_index_says_and_whole_words_stay_whole(tmp_path: Path) -> None:
    texts = [
        "Regionens kompetensförsörjningsstrategi antogs i våras.",  # the compound as the query types it
        "En strategi för kompetensförsörjning i länet.",  # its parts, written apart
        "Bussar och kollektivtrafik i länet.",
    ]
    build_bm25(texts, tmp_path)
    index = BM25Index(tmp_path)
    whole, parts = index.term_groups("kompetensförsörjningsstrategi")
    assert whole and parts and not set(whole) & set(parts)
    index.part_weight = 1.0
    full = index.scores("kompetensförsörjningsstrategi")
    index.part_weight = 0.999999  # the weighted sum, by its own path, agrees with bm25s's sum
    assert full == pytest.approx(index.scores("kompetensförsörjningsstrategi"), rel=1e-5)
    index.part_weight = 0.5
    half = index.scores("kompetensförsörjningsstrategi")
    assert half[1] == pytest.approx(full[1] / 2, rel=1e-5)  # only parts matched: half the score
    assert half[0] > half[1] > half[2] == 0  # the whole word still leads, the parts still count
    index.part_weight = 0.0
    assert index.scores("kompetensförsörjningsstrategi")[1] == 0


def test_words_the_corpus_lacks_get_diacritics_from_the_dictionary() -> None:
    repair = repair_query("hur holls motet i Norrkoping", VOCABULARY)
    assert repair.searched == "hur hölls mötet i Norrköping"
    assert repair.did_you_mean is None


def test_a_real_word_the_corpus_lacks_is_not_corrected() -> None:
    # "ansvarade" is one edit from nothing here, but "valideringar" would be two from "validering":
    vocabulary = Vocabulary({"ansvarar": 9, "validering": 4})
    assert repair_query("vem ansvarade för valideringar", vocabulary).searched == "vem ansvarade för valideringar"


def test_a_rare_folded_spelling_gives_way_to_the_common_one() -> None:
    vocabulary = Vocabulary({"för": 500, "for": 2, "kompetens": 9})
    assert repair_query("kompetens for alla", vocabulary).searched == "kompetens för alla"
    assert repair_query("kompetens for alla", Vocabulary({"för": 5, "for": 2})).searched == "kompetens for alla"
