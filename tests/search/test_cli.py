"""The search command's inputs: a bad option is a usage error that names it; a filter value
no document has gets a hint; the JSON is always JSON."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

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
