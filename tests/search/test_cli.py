"""The search command's inputs: a bad option is a usage error that names it; a filter value
no document has gets a hint; the JSON is always JSON; a --queries file is answered line by
line, its bad lines reported with their numbers."""

from __future__ import annotations

import io
import json
import math
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from search.query_file import EXAMPLE
from tests.fakes import FakeEmbedder
from tests.helpers import run_cli


def _no_constants(name: str) -> float:
    raise AssertionError(f"{name} is not JSON")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "2023-13-45"], "argument --from: '2023-13-45' is not a date (YYYY-MM-DD"),
        (["--from", "igår"], "argument --from: 'igår' is not a date"),
        (["--to", "2023-02-29"], "argument --to: '2023-02-29' is not a date"),
        (["--from", "2024-01-01", "--to", "2023-06-30"], "--from 2024-01-01 is after --to 2023-06-30"),
        (["--type", "xyz"], "argument --type: invalid choice: 'xyz' (choose from 'article'"),
        (["--max-per-doc", "-3"], "argument --max-per-doc: must be from 0 to 1000, not -3"),
        (["--dense-weight", "nan"], "argument --dense-weight: must be a number from 0 to 1, not nan"),
        (["--dense-weight", "5"], "argument --dense-weight: must be a number from 0 to 1, not 5"),
        (["--k", "0"], "argument --k: must be from 1 to 1000, not 0"),
    ],
)
def test_a_bad_option_is_a_usage_error_that_names_it(fake_demo_index: Path, args: list[str], message: str) -> None:
    done = run_cli("search", "--data", str(fake_demo_index), "--json", *args, "kompetensförsörjning")
    assert done.returncode == 2
    assert done.stdout == ""
    assert message in done.stderr.strip().splitlines()[-1]


def test_an_organisation_no_document_has_gets_a_hint_with_the_ones_there(fake_demo_index: Path) -> None:
    done = run_cli("search", "--data", str(fake_demo_index), "--json", "--org", "Region Östergotland", "kompetens")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["results"] == []
    hint = done.stderr.strip()
    assert hint.startswith("note: no document in the index has --org 'Region Östergotland'. ")
    assert "Did you mean 'Region Östergötland'?" in hint
    assert "The organisations in the index (documents): Tillväxtverket (" in hint
    spelled_right = run_cli("search", "--data", str(fake_demo_index), "--org", "Region Östergötland", "kompetens")
    assert spelled_right.returncode == 0 and spelled_right.stderr == ""


@pytest.mark.parametrize("weighting", [["--dense-weight", "0"], ["--fusion", "convex", "--dense-weight", "1"]])
def test_scores_are_always_json_numbers(fake_demo_index: Path, weighting: list[str]) -> None:
    done = run_cli("search", "--data", str(fake_demo_index), "--json", *weighting, "kompetensplattform")
    assert done.returncode == 0, done.stderr
    line = json.loads(done.stdout, parse_constant=_no_constants)
    assert line["results"] and all(math.isfinite(hit["score"]) for hit in line["results"])


# --- a --queries file --------------------------------------------------------------


def write_queries(path: Path, lines: list[str], encoding: str = "utf-8") -> Path:
    path.write_bytes("".join(line + "\n" for line in lines).encode(encoding))
    return path


def test_bad_lines_are_reported_with_their_number_and_the_rest_answered(fake_demo_index: Path, tmp_path: Path) -> None:
    queries = write_queries(
        tmp_path / "q.jsonl",
        [
            '{"qid": 1, "text": "kompetensplattform Boråsregionen"}',
            '{"qid": 2, "text": null}',
            "",
            "inte json",
            '{"qid": 5}',
            '{"qid": 6, "text": "Ramboll utvärdering"}',
        ],
    )
    done = run_cli("search", "--data", str(fake_demo_index), "--json", "--queries", str(queries))
    assert done.returncode == 1
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    assert [a["qid"] for a in answers] == [1, 6]
    assert all(a["results"] for a in answers)
    assert done.stderr.splitlines() == [
        f'skipped: {queries} line 2: "text" is null: the question must be a string, as in {EXAMPLE}',
        f"skipped: {queries} line 4: not JSON (Expecting value at column 1); write {EXAMPLE}",
        f'skipped: {queries} line 5: no "text": the question must be a string, as in {EXAMPLE}',
    ]


def test_strict_stops_at_the_first_bad_line(fake_demo_index: Path, tmp_path: Path) -> None:
    queries = write_queries(
        tmp_path / "q.jsonl",
        ['{"qid": 1, "text": "kompetensplattform"}', '{"qid": 2, "text": null}', '{"qid": 3, "text": "Ramboll"}'],
    )
    done = run_cli("search", "--data", str(fake_demo_index), "--json", "--strict", "--queries", str(queries))
    assert done.returncode == 2
    assert [json.loads(line)["qid"] for line in done.stdout.splitlines()] == [1]
    assert done.stderr.startswith(f'error: {queries} line 2: "text" is null')
    assert done.stderr.rstrip().endswith("(--strict stops at the first bad line)")


def test_a_latin1_file_is_refused_with_the_fix(fake_demo_index: Path, tmp_path: Path) -> None:
    queries = write_queries(tmp_path / "q.jsonl", ['{"qid": 1, "text": "kompetensförsörjning"}'], encoding="latin-1")
    done = run_cli("search", "--data", str(fake_demo_index), "--json", "--queries", str(queries))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == f"error: {queries} is not UTF-8 text (line 1, byte 0xf6): save it as UTF-8 and run again\n"


def test_a_byte_order_mark_is_not_part_of_the_first_line(fake_demo_index: Path, tmp_path: Path) -> None:
    queries = write_queries(tmp_path / "q.jsonl", ['\ufeff{"qid": "a", "text": "kompetensplattform"}'])
    done = run_cli("search", "--data", str(fake_demo_index), "--json", "--queries", str(queries))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["qid"] == "a"


class WatchingEmbedder(FakeEmbedder):
    """Notes how many answers were already printed each time a batch of questions is embedded."""

    def __init__(self) -> None:
        super().__init__()
        self.printed_before: list[int] = []

    def embed_queries(self, texts: Sequence[str]) -> np.ndarray:
        out = sys.stdout
        assert isinstance(out, io.StringIO)  # run_cli's
        self.printed_before.append(out.getvalue().count("\n"))
        return super().embed_queries(texts)


def test_answers_are_printed_as_they_are_computed(
    fake_demo_index: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("search.cli.QUERY_BATCH", 2)
    words = ["kompetensplattform", "Ramboll", "validering", "Skaraborg", "yrkesvux"]
    queries = write_queries(tmp_path / "q.jsonl", [json.dumps({"qid": i, "text": w}) for i, w in enumerate(words)])
    embedder = WatchingEmbedder()
    done = run_cli("search", "--data", str(fake_demo_index), "--json", "--queries", str(queries), embedder=embedder)
    assert done.returncode == 0, done.stderr
    # Each batch of two is embedded only once the answers before it are out.
    assert embedder.printed_before == [0, 2, 4]
    assert [json.loads(line)["qid"] for line in done.stdout.splitlines()] == [0, 1, 2, 3, 4]


def test_no_index_is_told_before_the_model_is_loaded(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from indexer.model import embedder as embedder_module
    from indexer.settings import resolve_settings
    from indexer.store.layout import IndexMissing
    from search.engine import open_searcher

    def must_not_load(*_args: object) -> None:
        raise AssertionError("the model was loaded for a data folder without an index")

    monkeypatch.setattr(embedder_module.Embedder, "load", classmethod(must_not_load))
    with pytest.raises(IndexMissing, match="no index in"):
        open_searcher(resolve_settings(data=tmp_path / "data"))
