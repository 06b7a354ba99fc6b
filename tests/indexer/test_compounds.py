"""Swedish compounds split into the words a passage would write out, with the real hunspell-sv dictionary."""

from importlib import metadata
from pathlib import Path

import pytest

from indexer import compounds
from indexer.compounds import CompoundLexiconMissing, split_compound
from indexer.errors import KBError


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        # "strategi för kompetensförsörjning": each part a word of its own, the linking s gone.
        ("kompetensförsörjningsstrategi", ["kompetens", "försörjning", "strategi"]),
        ("valideringsfrågor", ["validering", "frågor"]),
        # "yrkesvux" is listed but may not begin a compound, so the lenient split finds it.
        ("yrkesvuxutbildning", ["yrkesvux", "utbildning"]),
        ("kompetensförsörjning", ["kompetens", "försörjning"]),
        # A listed compound is a transparent one too.
        ("kompetensutveckling", ["kompetens", "utveckling"]),
        # The last part keeps its inflection, as it is written on its own.
        ("vuxenutbildningen", ["vuxen", "utbildningen"]),
        # The largest known parts: "arbetsmarknad" is in the dictionary, so it stays one part.
        ("arbetsmarknadsutbildning", ["arbetsmarknad", "utbildning"]),
        ("regionutvecklingsnämnden", ["region", "utveckling", "nämnden"]),
        # "minnes" is listed too, but the split that sees "minne" + linking s gives the word a passage writes.
        ("minnesanteckningar", ["minne", "anteckningar"]),
        # A genitive beginning is given as its word: "styrgrupps" -> "styrgrupp".
        ("styrgruppsmöte", ["styrgrupp", "möte"]),
    ],
)
def test_compounds_split_into_their_parts(word: str, parts: list[str]) -> None:
    assert split_compound(word) == parts


@pytest.mark.parametrize(
    "word",
    [
        # Words of their own.
        "strategi",
        "region",
        "kompetens",
        "samverkan",
        "utbildning",
        "kommunerna",
        # Lexicalised: listed whole, with a part shorter than four letters.
        "storlek",
        "underlag",
        "näringsliv",
        "näringslivet",
        # Names, inflected or not.
        "anna",
        "stockholm",
        "skaraborgs",
        "johansson",
        "lindholmen",
        # Unknown words and junk.
        "discover",
        "qwertyuiop",
        "chatgptanvändning",
    ],
)
def test_simple_words_names_and_unknown_words_stay_whole(word: str) -> None:
    assert split_compound(word) == []


def test_the_linking_s_is_not_a_part() -> None:
    for word in ["kompetensförsörjningsstrategi", "näringsdepartementet", "handlingsplan", "nyhetsbrev"]:
        parts = split_compound(word)
        assert parts, word
        assert all(len(part) >= compounds.MIN_PART for part in parts)
        assert "s" not in parts


def test_linking_forms_become_the_dictionary_word() -> None:
    assert split_compound("handlingsplan") == ["handling", "plan"]
    assert split_compound("nyhetsbrev") == ["nyhet", "brev"]
    assert split_compound("avsiktsförklaringen") == ["avsikt", "förklaringen"]


def test_words_that_are_not_plain_lower_case_letters_are_left_alone() -> None:
    assert split_compound("Kompetensförsörjning") == []
    assert split_compound("kompetens-försörjning") == []
    assert split_compound("2024kompetens") == []
    assert split_compound("") == []


def test_a_caller_changing_the_result_does_not_change_the_next_answer() -> None:
    split_compound("valideringsfrågor").append("junk")
    assert split_compound("valideringsfrågor") == ["validering", "frågor"]


def test_a_missing_dictionary_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    def not_installed(name: str) -> None:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(compounds.metadata, "files", not_installed)
    with pytest.raises(CompoundLexiconMissing, match="pip install hunspell-sv") as caught:
        compounds._dictionary_path()
    assert isinstance(caught.value, KBError)


def test_splits_are_kept_between_runs(tmp_path: Path) -> None:
    from indexer.compounds import SavedSplits

    path = tmp_path / "cache" / "splits.tsv"
    first = SavedSplits(path)
    assert first("valideringsfrågor") == ["validering", "frågor"]
    assert first("strategi") == []
    first.save()
    again = SavedSplits(path)
    assert again.known["valideringsfrågor"] == ("validering", "frågor")
    assert again("strategi") == [] and again.added == 0
    path.write_text("# compound parts: another dictionary\nvalideringsfrågor\tfel\n", encoding="utf-8")
    assert SavedSplits(path).known == {}  # splits made with another dictionary or recipe are not trusted


TEXTS = ["Valideringsfrågor i kompetensförsörjningen.", "Yrkesvuxutbildning och handlingsplan för regionen."]


def test_an_index_of_known_words_never_loads_the_dictionary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from indexer.store.bm25 import SPLITS_FILE, build_bm25

    saved = tmp_path / "cache" / "splits.tsv"
    build_bm25(TEXTS, tmp_path / "first", saved_splits=saved)
    first = (tmp_path / "first" / SPLITS_FILE).read_text(encoding="utf-8")
    assert "valideringsfrågor\tvalidering frågor" in first

    def no_dictionary() -> None:
        raise AssertionError("the dictionary was loaded")

    # Every word this index needs, the corpus's vocabulary included, is in the saved splits.
    monkeypatch.setattr(compounds, "_lexicon", no_dictionary)
    compounds._split.cache_clear()
    build_bm25(TEXTS, tmp_path / "again", saved_splits=saved)
    assert (tmp_path / "again" / SPLITS_FILE).read_text(encoding="utf-8") == first


def test_a_dictionary_that_will_not_load_leaves_an_index_of_whole_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from indexer.store.bm25 import SPLITS_FILE, BM25Index, build_bm25

    def broken() -> None:
        raise OSError("sv_SE.dic: unreadable")

    monkeypatch.setattr(compounds, "_lexicon", broken)
    compounds._split.cache_clear()
    build_bm25(TEXTS, tmp_path / "index", saved_splits=tmp_path / "cache" / "splits.tsv")
    assert "compound splitting is unavailable (sv_SE.dic: unreadable)" in caplog.text
    assert not (tmp_path / "index" / SPLITS_FILE).exists()
    assert not (tmp_path / "cache" / "splits.tsv").exists()  # nothing half-split is kept for the next run
    index = BM25Index(tmp_path / "index")
    assert index.size == 2 and index.scores("valideringsfrågor")[0] > 0
