"""The layering rule of README's "Where the code lives", read from the imports themselves.

- `search` imports from `indexer` only the shared surface (the index format,
  text and name keys, organisations, the model, settings and errors);
- nothing in `indexer` imports `search`;
- the shared surface imports nothing else of `indexer` (no readers,
  cleaning, extraction, job code);
- `app.py` imports nothing from `indexer`: the app asks `search` only.

Every import counts, including those inside functions and under TYPE_CHECKING.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = (
    "indexer.compounds",
    "indexer.errors",
    "indexer.model",
    "indexer.organisations",
    "indexer.resources",
    "indexer.settings",
    "indexer.sources",
    "indexer.store",
    "indexer.text",
    "indexer.wordforms",
)


def module_name(path: Path) -> str:
    rel = path.relative_to(REPO).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports_of(source: str, module: str) -> set[str]:
    """Every module `source` (the text of `module`) imports, relative imports resolved."""
    found: set[str] = set()
    package = module.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            # `from indexer import text` imports the module indexer.text.
            found.update(f"{base}.{a.name}" for a in node.names if is_module(f"{base}.{a.name}"))
    return found


def is_module(name: str) -> bool:
    path = REPO / Path(*name.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def is_shared(name: str) -> bool:
    return any(name == s or name.startswith(s + ".") for s in SHARED)


def violations(module: str, imported: set[str]) -> list[str]:
    """The forbidden edges from `module`, as "a -> b" strings."""
    own = {n for n in imported if n.split(".")[0] in ("indexer", "search")}
    bad: set[str] = set()
    if module == "app":
        bad = {n for n in own if n.split(".")[0] == "indexer"}
    elif module.startswith("search"):
        bad = {n for n in own if n.split(".")[0] == "indexer" and n != "indexer" and not is_shared(n)}
    elif module.startswith("indexer"):
        bad = {n for n in own if n.split(".")[0] == "search"}
        if is_shared(module):
            # "from indexer.store import catalog" also names the package; only modules count.
            bad |= {n for n in own if n.split(".")[0] == "indexer" and n != "indexer" and not is_shared(n)}
    return sorted(f"{module} -> {n}" for n in bad)


def product_modules() -> list[Path]:
    files = [REPO / "app.py", *sorted((REPO / "indexer").rglob("*.py")), *sorted((REPO / "search").rglob("*.py"))]
    return [f for f in files if f.is_file()]


def test_the_code_keeps_the_layering_rule() -> None:
    found = []
    for path in product_modules():
        module = module_name(path)
        found += violations(module, imports_of(path.read_text(encoding="utf-8"), module))
    assert found == [], "forbidden imports:\n" + "\n".join(found)


def test_every_shared_module_exists() -> None:
    for name in SHARED:
        assert is_module(name), name


@pytest.mark.parametrize(
    ("module", "source", "edge"),
    [
        ("search.contacts", "from indexer.people import extract_people", "search.contacts -> indexer.people"),
        ("search.engine", "def f():\n    from indexer.job import run\n", "search.engine -> indexer.job.run"),
        ("search.engine", "import indexer.workers", "search.engine -> indexer.workers"),
        ("indexer.job.run", "from search.engine import Searcher", "indexer.job.run -> search.engine"),
        ("indexer.store.catalog", "from ..people import PersonMention", "indexer.store.catalog -> indexer.people"),
        ("indexer.store.catalog", "from indexer import meetings", "indexer.store.catalog -> indexer.meetings"),
        ("app", "from indexer.settings import resolve_settings", "app -> indexer.settings"),
    ],
)
def test_the_checker_sees_each_kind_of_forbidden_edge(module: str, source: str, edge: str) -> None:
    assert edge in violations(module, imports_of(source, module))


@pytest.mark.parametrize(
    ("module", "source"),
    [
        ("search.engine", "from indexer.store.layout import Layout"),
        ("search.contacts", "from indexer.text import fold"),
        ("indexer.job.run", "from indexer.people import extract_people"),
        ("indexer.store.catalog", "from indexer.store.records import Document"),
        ("app", "from search.ui import main"),
    ],
)
def test_the_checker_allows_the_declared_edges(module: str, source: str) -> None:
    assert violations(module, imports_of(source, module)) == []
