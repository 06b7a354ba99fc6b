"""`python -m search serve`: the searcher kept resident behind a small HTTP JSON endpoint on 127.0.0.1.

A command line that asks many questions pays for the model and the
generation once. One request at a time (the searcher is not shared between
threads); a new generation published by the reindex job is picked up before
each request.

    GET /search?q=fråga&k=5     one answer, the object `python -m search --json` prints for a query
    GET /health                 {"generation": id}
"""

from __future__ import annotations

import argparse
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlparse

from indexer.errors import KBError, report_bug
from indexer.settings import resolve_settings
from search.cli import response_line

if TYPE_CHECKING:
    from indexer.model.embedder import TextEmbedder
    from search.engine import Searcher

EXAMPLES = """
examples:
  python -m search serve --port 8765 &
  curl 'http://127.0.0.1:8765/search?q=vem+ansvarar+för+validering&k=5'
"""


def make_server(searcher: Searcher, port: int = 8765, host: str = "127.0.0.1") -> HTTPServer:
    """An HTTP server answering with `searcher`; port 0 picks a free port (see `server_address`)."""
    from search.engine import SearchOptions

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            url = urlparse(self.path)
            params = parse_qs(url.query)
            try:
                searcher.refresh(wait=0.25)  # a large new generation warms in the background meanwhile
                if url.path == "/health":
                    self._send(200, {"generation": searcher.generation.id})
                elif url.path == "/search":
                    query = (params.get("q") or [""])[0]
                    k = int((params.get("k") or ["10"])[0])
                    if not query.strip() or not 1 <= k <= 1000:
                        self._send(400, {"error": "give q=QUESTION and k between 1 and 1000"})
                        return
                    response = searcher.search(query, SearchOptions(k=k))
                    qid = params["qid"][0] if params.get("qid") else None
                    self._send(200, response_line(qid, response))
                else:
                    self._send(404, {"error": "use /search?q=... or /health"})
            except ValueError:
                self._send(400, {"error": "k must be a whole number"})
            except KBError as exc:
                self._send(503, {"error": str(exc)})

        def _send(self, status: int, body: dict[str, Any]) -> None:
            data = json.dumps(body, ensure_ascii=False, allow_nan=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
            pass

    return HTTPServer((host, port), Handler)


def main(argv: list[str] | None = None, *, embedder: TextEmbedder | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m search serve",
        description="Keep the searcher resident and answer GET /search?q=... with JSON on 127.0.0.1.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--data", help="index folder (default: KB_DATA or ./data)")
    parser.add_argument("--model", help="model folder or hub id (default: KB_MODEL or bundled e5-small)")
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default 8765)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        from search.engine import open_searcher

        server = make_server(open_searcher(resolve_settings(data=args.data, model=args.model), embedder), args.port)
        print(f"serving on http://127.0.0.1:{server.server_address[1]}/search?q=...", file=sys.stderr, flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
        return 0
    except (KBError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug: show it in full
        report_bug(exc)
        return 2
