"""`python -m search serve`: the resident searcher answers over HTTP with the CLI's JSON."""

from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest

from search.cli import response_line
from search.engine import Searcher
from search.serve import make_server
from tests.fakes import FakeEmbedder


@pytest.fixture()
def server(fake_demo_index: Path) -> Iterator[tuple[str, Searcher]]:
    searcher = Searcher(fake_demo_index, FakeEmbedder())
    httpd = make_server(searcher, port=0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", searcher
    finally:
        httpd.shutdown()
        httpd.server_close()


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, json.loads(r.read().decode("utf-8"))
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read().decode("utf-8"))


def test_serve_answers_with_the_same_object_as_the_json_command_line(server: tuple[str, Searcher]) -> None:
    base, searcher = server
    status, body = _get(f"{base}/search?q={quote('validering i Skaraborg')}&k=3&qid=q1")
    assert status == 200
    expected = response_line("q1", searcher.search("validering i Skaraborg", _options(3)))
    del body["took_ms"], expected["took_ms"]
    assert body == json.loads(json.dumps(expected, ensure_ascii=False))
    assert len(body["results"]) == 3 and body["results"][0]["path"]


def test_serve_refuses_a_request_without_a_question(server: tuple[str, Searcher]) -> None:
    base, searcher = server
    assert _get(f"{base}/search?k=3")[0] == 400
    assert _get(f"{base}/nowhere")[0] == 404
    assert _get(f"{base}/health") == (200, {"generation": searcher.generation.id})


def _options(k: int):  # type: ignore[no-untyped-def]
    from search.engine import SearchOptions

    return SearchOptions(k=k)
