"""The name lexicon: first names and surnames, derived once from maintained name data.

The `names-dataset` package holds first names and surnames with their rank
in each of 105 countries, in tables too large to load per run (about a
gigabyte in memory). At set-up (`make install`, or the first job) a compact
lexicon is derived from it into the model cache: the names common somewhere
people working in Swedish regions come from, folded to lower case without
diacritics ("Åsa" and "Asa" are one entry). Reading it afterwards takes a
few milliseconds.

The package ships its tables as gzipped pickles. They are read with an
unpickler that refuses every global: plain dicts, lists, strings and numbers
load, anything that could run code is refused.

Frequent Swedish words (jusText's Swedish stop list) are taken out of the
first names ("Stora", "Bara" are names somewhere, but not here), unless the
name is a common one in the Nordic countries ("Per") or anywhere ("Martin").

    python -m indexer.people     # derive it now (make install does)
"""

from __future__ import annotations

import gzip
import importlib.metadata
import importlib.resources
import logging
import os
import pickle
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

from indexer.errors import KBError
from indexer.text import fold

log = logging.getLogger(__name__)

# Bump when the selection below changes, so cached lexicons are derived again.
_RECIPE = 2
NORDIC = ("SE", "NO", "DK", "FI", "IS")
# A name belongs in the lexicon when it ranks this high in a Nordic country, or anywhere else.
FIRST_NAME_RANK = {"nordic": 3000, "elsewhere": 1500}
SURNAME_RANK = {"nordic": 5000, "elsewhere": 2000}
# A stop word stays a first name when it is this common in the Nordic countries ("Per", "Dag"),
# or, with four letters or more, this common anywhere ("Martin", "Anna"). The dataset lists each
# name's ten strongest countries only, so a common Nordic name may carry no Nordic rank.
NORDIC_NAME_OVER_STOPWORD = 300
ANY_NAME_OVER_STOPWORD = 50
ENV_VAR = "KB_NAME_LEXICON"


class LexiconError(KBError):
    """The name lexicon could not be derived or read."""


class _PlainDataUnpickler(pickle.Unpickler):
    """Loads only built-in containers and scalars; any class or function is refused."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"refused to load {module}.{name} from the name tables")


def _dataset_version() -> str:
    try:
        return importlib.metadata.version("names-dataset")
    except importlib.metadata.PackageNotFoundError as exc:
        raise LexiconError("the names-dataset package is not installed; run `make install`") from exc


def lexicon_folder(cache_dir: Path) -> Path:
    return cache_dir / f"name-lexicon-{_dataset_version()}-r{_RECIPE}"


def _load_table(kind: str) -> dict[str, Any]:
    table = importlib.resources.files("names_dataset").joinpath("v3", f"{kind}_names.pkl.gz")
    with table.open("rb") as raw, gzip.open(raw) as unzipped:
        data = _PlainDataUnpickler(unzipped).load()
    if not isinstance(data, dict):
        raise LexiconError(f"names-dataset's {kind} name table is not a mapping")
    return data


def _select(table: dict[str, Any], limits: dict[str, int]) -> dict[str, tuple[int, int]]:
    """Folded name -> (its best Nordic rank or 0, its best rank anywhere)."""
    chosen: dict[str, tuple[int, int]] = {}
    for name, info in table.items():
        if not isinstance(name, str) or " " in name or len(name) < 2:
            continue
        if not all(ch.isalpha() or ch in "-'" for ch in name):
            continue
        ranks = {c: r for c, r in (info.get("rank") or {}).items() if r}
        nordic = min((r for c, r in ranks.items() if c in NORDIC), default=None)
        other = min((r for c, r in ranks.items() if c not in NORDIC), default=None)
        if (nordic and nordic <= limits["nordic"]) or (other and other <= limits["elsewhere"]):
            key = fold(name)
            best_nordic = nordic if nordic and nordic <= limits["nordic"] else 0
            best_any = min(ranks.values())
            old_nordic, old_any = chosen.get(key, (0, best_any))
            if old_nordic and (not best_nordic or old_nordic < best_nordic):
                best_nordic = old_nordic
            chosen[key] = (best_nordic, min(best_any, old_any))
    return chosen


def _keep_despite_stop_word(name: str, ranks: tuple[int, int]) -> bool:
    nordic, anywhere = ranks
    return bool(nordic and nordic <= NORDIC_NAME_OVER_STOPWORD) or (
        len(name) >= 4 and anywhere <= ANY_NAME_OVER_STOPWORD
    )


def _swedish_stop_words() -> set[str]:
    import justext

    return {fold(w) for w in justext.get_stoplist("Swedish")}


def derive_lexicon() -> tuple[list[str], list[str]]:
    """(first names, surnames), folded and sorted, from names-dataset's tables."""
    stop = _swedish_stop_words()
    first = _select(_load_table("first"), FIRST_NAME_RANK)
    first_names = sorted(
        name for name, ranks in first.items() if name not in stop or _keep_despite_stop_word(name, ranks)
    )
    surnames = sorted(name for name in _select(_load_table("last"), SURNAME_RANK) if name not in stop)
    return first_names, surnames


def prepare_lexicon(cache_dir: Path) -> Path:
    """Derive the lexicon into `cache_dir` unless it is there; return its folder."""
    folder = lexicon_folder(cache_dir)
    if (folder / "surnames.txt").is_file():
        return folder
    log.info("deriving the name lexicon from names-dataset %s (once)", _dataset_version())
    first_names, surnames = derive_lexicon()
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = Path(tempfile.mkdtemp(prefix=".partial-lexicon-", dir=cache_dir))
        os.chmod(partial, 0o755)
        (partial / "first_names.txt").write_text("\n".join(first_names) + "\n", encoding="utf-8")
        (partial / "surnames.txt").write_text("\n".join(surnames) + "\n", encoding="utf-8")
        try:
            partial.rename(folder)
        except OSError:
            if not (folder / "surnames.txt").is_file():  # another process won the race: fine
                raise
    except OSError as exc:
        raise LexiconError(f"cannot write the name lexicon into {cache_dir}: {exc}") from exc
    return folder


def _default_cache() -> Path:
    from indexer.settings import resolve_settings

    return resolve_settings().model_cache


@cache
def name_lexicon() -> tuple[frozenset[str], frozenset[str]]:
    """(first names, surnames), folded: from KB_NAME_LEXICON, else the model cache (derived when missing)."""
    given = os.environ.get(ENV_VAR, "").strip()
    folder = Path(given) if given else prepare_lexicon(_default_cache())
    try:
        first = (folder / "first_names.txt").read_text(encoding="utf-8").split()
        last = (folder / "surnames.txt").read_text(encoding="utf-8").split()
    except OSError as exc:
        raise LexiconError(f"cannot read the name lexicon in {folder}: {exc}") from exc
    return frozenset(first), frozenset(last)


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    folder = prepare_lexicon(_default_cache())
    first, last = (len((folder / f).read_text(encoding="utf-8").split()) for f in ("first_names.txt", "surnames.txt"))
    print(f"name lexicon: {first} first names, {last} surnames in {folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
