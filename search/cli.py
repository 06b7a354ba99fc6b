"""`python -m search`: one query, or many from a JSONL file.

Output with --json: one JSON object per query, one per line:
{"qid", "query", "generation", "took_ms", "searched", "did_you_mean", "results": [...], "contacts": [...]}
("searched" is the query after å/ä/ö were restored and typing errors corrected from the
corpus's own words; "did_you_mean" is set when a typing error was corrected.)
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, BinaryIO

from indexer.errors import KBError, report_bug
from indexer.settings import Settings, resolve_settings
from indexer.store.records import DOC_TYPES
from indexer.store.reports import printable
from search.filters import (
    DATE_FORMATS,
    Filters,
    Unmatched,
    date_period,
    facet_counts,
    range_is_empty,
    unmatched_values,
)
from search.fusion import DEFAULT_FUSION, DENSE_WEIGHT, FUSION_METHODS
from search.query_file import QueryLine, read_query_lines
from search.snippets import mark_plain

if TYPE_CHECKING:
    from indexer.model.embedder import TextEmbedder
    from search.engine import Searcher, SearchOptions, SearchResponse

EXAMPLES = """
examples:
  python -m search "möte med statssekreterare i Linköping"
  python -m search --k 5 --org "Region Östergötland" --from 2023-01-01 "konferens om AI"
  python -m search --json --queries frågor.jsonl > svar.jsonl   # {"qid": ..., "text": ...} per line
  python -m search serve --port 8765     # resident: GET http://127.0.0.1:8765/search?q=...&k=5

exit codes: 0 answered; 1 answered, but some --queries lines were skipped (each named on stderr);
2 bad arguments, no index, or another error (one `error: ...` line)

environment: KB_DATA, KB_MODEL, KB_MODEL_CACHE (flags win over these)
"""
MAX_K = 1000
# Questions from a --queries file embedded together; their answers are still printed one by one.
QUERY_BATCH = 64
# How many of the index's organisations or collections a hint lists.
HINT_VALUES = 10


def _whole_number(lowest: int, highest: int) -> Callable[[str], int]:
    """An argparse type: a whole number from `lowest` to `highest`."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
        if not lowest <= value <= highest:
            raise argparse.ArgumentTypeError(f"must be from {lowest} to {highest}, not {value}")
        return value

    return parse


def _weight(text: str) -> float:
    """An argparse type: a number from 0 to 1 (never NaN: it would make every score NaN)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not 0.0 <= value <= 1.0:  # NaN fails this too
        raise argparse.ArgumentTypeError(f"must be a number from 0 to 1, not {text}")
    return value


def _date(text: str) -> str:
    """An argparse type: a date filter (a day, a month or a year)."""
    if date_period(text) is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date ({DATE_FORMATS})")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m search",
        usage="%(prog)s [options] QUERY  |  %(prog)s --queries FILE.jsonl [options]  |  %(prog)s --people",
        description="Search the current index generation.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("query", nargs="?", help="the question, in Swedish or English")
    parser.add_argument("--data", help="index folder (default: KB_DATA or ./data)")
    parser.add_argument("--model", help="model folder or hub id (default: KB_MODEL or bundled e5-small)")
    parser.add_argument(
        "--k", type=_whole_number(1, MAX_K), default=10, help=f"number of passages, 1 to {MAX_K} (default 10)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON lines")
    parser.add_argument(
        "--queries", metavar="FILE", help='JSONL file of {"qid", "text"} lines, UTF-8; answered one line at a time'
    )
    parser.add_argument(
        "--strict", action="store_true",
        help="with --queries: stop at the first bad line (exit 2) instead of skipping it (exit 1 at the end)",
    )  # fmt: skip
    parser.add_argument(
        "--people", action="store_true", help="list every person in the index (one JSON line each with --json)"
    )
    parser.add_argument("--org", action="append", default=[], help="only documents naming this organisation")
    parser.add_argument(
        "--type", action="append", default=[], dest="doc_type", choices=list(DOC_TYPES), metavar="TYPE",
        help=f"document type ({', '.join(DOC_TYPES)})",
    )  # fmt: skip
    parser.add_argument("--collection", action="append", default=[], help="only this collection")
    parser.add_argument(
        "--from", dest="date_from", type=_date, metavar="DATE", help=f"documents dated on or after ({DATE_FORMATS})"
    )
    parser.add_argument(
        "--to", dest="date_to", type=_date, metavar="DATE", help="documents dated on or before (the same forms)"
    )
    parser.add_argument(
        "--fusion", choices=FUSION_METHODS, default=DEFAULT_FUSION, help="how dense and BM25 are combined"
    )
    parser.add_argument(
        "--dense-weight", type=_weight, default=DENSE_WEIGHT,
        help="weight of the dense side in convex and zscore fusion, from 0 to 1",
    )  # fmt: skip
    parser.add_argument(
        "--max-per-doc", type=_whole_number(0, MAX_K), default=2, help="passages per document in the top k (0: no cap)"
    )
    parser.add_argument(
        "--no-repair", action="store_true", help="search the query as typed (no å/ä/ö restored, no typos corrected)"
    )
    return parser


def response_line(qid: Any, response: SearchResponse) -> dict[str, Any]:
    """One query's answer as `--json` prints it (and `python -m search serve` returns it)."""
    return {
        "qid": qid, "query": response.query, "generation": response.generation,
        "took_ms": response.took_ms, "searched": response.searched, "did_you_mean": response.did_you_mean,
        "results": [h.to_dict() for h in response.results],
        "contacts": response.contacts, "meetings": response.meetings,
    }  # fmt: skip


def _print_text(response: SearchResponse) -> None:
    if response.did_you_mean:
        print(f"Menade du: {response.did_you_mean}")
    if not response.results:
        print("Inga träffar.")
    for c in response.contacts[:3]:
        print(
            f"Kontakt: {c['name']} ({c['role'] or '–'}, {c['organisation'] or '–'})  "
            f"källa: {printable(c['evidence'][0]['path'])}"
        )
    for m in response.meetings[:3]:
        when = m["date"] or m["date_text"] or "odaterat"
        print(f"Möte: {when} {m['place'] or ''}: {m['title']}  ({printable(m['path'])})")
    if response.contacts or response.meetings:
        print()
    for hit in response.results:
        where = f", sida {hit.page}" if hit.page else ""
        print(f"{hit.rank}. {hit.title}  [{hit.organisation or '–'}, {hit.date or 'odaterad'}{where}]")
        print(f"   {printable(hit.path)}   (poäng {hit.score:.3f})")
        print("   " + mark_plain(hit.text, hit.highlights).replace("\n", " ")[:400])
        print()


def _print_people(settings: Settings, as_json: bool) -> int:
    """The people directory; reads the catalogue only, no model needed."""
    from search.index import Generation

    gen = Generation.open_current(settings.data)
    for person in sorted(gen.people.values(), key=lambda p: p.name):
        line = {
            "name": person.name, "roles": person.roles, "organisations": person.organisations,
            "email": person.email, "phone": person.phone, "mentions": person.n_mentions,
            "documents": person.n_documents, "newest_date": person.newest_date,
            "person_id": person.person_id,
        }  # fmt: skip
        if as_json:
            print(json.dumps(line, ensure_ascii=False))
        else:
            role = person.roles[0] if person.roles else "–"
            org = person.organisations[0] if person.organisations else "–"
            print(f"{person.name}  ({role}, {org}; {person.n_mentions} omnämnanden)")
    return 0


def _print_response(response: SearchResponse, qid: Any, as_json: bool) -> None:
    if as_json:
        # allow_nan=False: NaN is not JSON, so a NaN score would be a bug to report, never output.
        print(json.dumps(response_line(qid, response), ensure_ascii=False, allow_nan=False))
    else:
        _print_text(response)
    # A reader at the other end of a pipe gets each answer when it is ready, not a buffer later.
    sys.stdout.flush()


def _open_queries(path: str) -> BinaryIO:
    try:
        return open(path, "rb")
    except OSError as exc:
        raise KBError(f"cannot read {path}: {exc.strerror}") from None


def _answer_file(f: BinaryIO, name: str, searcher: Searcher, options: SearchOptions, args: argparse.Namespace) -> int:
    """Answer every question in a --queries file in order, printing each answer as soon as it is ranked."""
    pending: list[QueryLine] = []
    skipped = 0

    def answer_pending() -> None:
        if pending:
            answers = searcher.iter_search([q.text for q in pending], options)
            for question, response in zip(pending, answers, strict=True):
                _print_response(response, question.qid, args.json)
            pending.clear()

    try:
        for line in read_query_lines(f, name):
            if line.problem is None:
                pending.append(line)
                if len(pending) >= QUERY_BATCH:
                    answer_pending()
                continue
            answer_pending()  # the lines before a bad one are answered before it is reported
            if args.strict:
                raise KBError(f"{name} line {line.number}: {line.problem} (--strict stops at the first bad line)")
            skipped += 1
            print(f"skipped: {name} line {line.number}: {line.problem}", file=sys.stderr, flush=True)
    except KBError:
        answer_pending()  # a file that turns out not to be UTF-8: the lines before are still answered
        raise
    answer_pending()
    return 1 if skipped else 0


def _search(args: argparse.Namespace, embedder: TextEmbedder | None) -> int:
    if args.people:
        return _print_people(resolve_settings(data=args.data), args.json)
    if bool(args.query) == bool(args.queries):
        raise KBError("give either a query, --queries FILE.jsonl or --people")

    from search.engine import SearchOptions, open_searcher

    with contextlib.ExitStack() as stack:
        # The file is opened before the model loads, so that a wrong path fails at once.
        queries = stack.enter_context(_open_queries(args.queries)) if args.queries else None
        searcher = open_searcher(resolve_settings(data=args.data, model=args.model), embedder)
        filters = Filters(
            organisations=tuple(args.org), doc_types=tuple(args.doc_type),
            collections=tuple(args.collection), date_from=args.date_from, date_to=args.date_to,
        )  # fmt: skip
        for unmatched in unmatched_values(filters, facet_counts(searcher.generation)):
            print(f"note: {_hint(unmatched)}", file=sys.stderr)
        options = SearchOptions(
            k=args.k, filters=filters, fusion=args.fusion, dense_weight=args.dense_weight,
            max_per_doc=args.max_per_doc, repair=not args.no_repair,
        )  # fmt: skip
        if queries is None:
            _print_response(searcher.search(args.query, options), None, args.json)
            return 0
        return _answer_file(queries, printable(args.queries), searcher, options, args)


def _hint(unmatched: Unmatched) -> str:
    """Why a filter matched nothing, and the values the index has."""
    option = {"organisations": "--org", "collections": "--collection"}[unmatched.field]
    known = list(unmatched.known.items())
    listed = ", ".join(f"{value} ({n})" for value, n in known[:HINT_VALUES])
    if len(known) > HINT_VALUES:
        listed += f", and {len(known) - HINT_VALUES} more"
    guess = f" Did you mean {' or '.join(map(repr, unmatched.closest))}?" if unmatched.closest else ""
    return (
        f"no document in the index has {option} {unmatched.value!r}.{guess} "
        f"The {unmatched.field} in the index (documents): {listed or 'none'}"
    )


def main(argv: list[str] | None = None, *, embedder: TextEmbedder | None = None) -> int:
    """Run the command line; returns the exit code. `embedder` replaces the configured model."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["serve"]:
        from search.serve import main as serve

        return serve(argv[1:], embedder=embedder)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.strict and not args.queries:
            parser.error("--strict applies to a --queries file only")
        if range_is_empty(args.date_from, args.date_to):
            parser.error(f"--from {args.date_from} is after --to {args.date_to}, so no document can match: swap them")
    except SystemExit as exc:
        return 0 if exc.code == 0 else 2
    try:
        return _search(args, embedder)
    except (KBError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a bug: show it in full
        report_bug(exc)
        return 2
