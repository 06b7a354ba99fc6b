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
