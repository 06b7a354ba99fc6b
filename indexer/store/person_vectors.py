"""Person vectors: one embedding per person mention, stored beside the passage vectors.

Who to contact is asked by meaning ("chef för analysenheten", "presskontakt
för rapporten"), and a mention's role, organisation and evidence sentence
say what the person does. The indexer embeds one text per mention
(`mention_text`, with the e5 passage prompt, through the embedding cache)
and writes the vectors into the generation, keyed by the catalogue's
mention ids; the searcher compares them with the query vector it already
has. They are a handful per document, which at a million passages is some
400,000: too many to compare with every query. Their index is chosen by
size as the passage index is (`indexer.store.vectors.choose_index`) and
recorded in the manifest under "mention_index": up to 100,000 mentions it is
exact, and the exact vectors are all it needs (one product with the query,
faster than FAISS's flat search on a busy small machine); above, an inverted
file, `person_vectors.faiss`, finds the mentions closest to a query.

Two plain numpy files, written with `np.save` and read with
`allow_pickle=False`: `person_vectors.npy` (float32, one row per mention) and
`person_vector_ids.npy` (int64, the mention id of each row); the index, where
there is one, row for row with them. A generation without vectors (built
before they existed) is still served: contacts are then ranked by words
only; one without "mention_index" (built before it) is searched exactly.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from indexer.store.records import PersonMention
from indexer.store.vectors import choose_index, write_vectors

PERSON_VECTORS_FILE = "person_vectors.npy"
PERSON_VECTOR_IDS_FILE = "person_vector_ids.npy"
MENTION_INDEX_FILE = "person_vectors.faiss"
# Mentions are compared exactly up to this many (a higher limit than the passages': near-identical
# mentions crowd an inverted file's lists, and its recall of the 64 closest is 0.91 at best).
MENTION_EXACT_LIMIT = 100_000


def mention_text(mention: PersonMention, title: str) -> str:
    """The text the model sees for a mention: role and organisation, the evidence, the document's title.

    The title carries the topic for evidence that does not name it: a contact
    block ("Kontakt\\nRichard Widén") says who, the page's title says about what.
    """
    head = " — ".join(part for part in (mention.role, mention.organisation) if part)
    lines = [head, " ".join(mention.evidence.split()), f"({title})" if title else ""]
    return "\n".join(line for line in lines if line)


def _save(path: Path, array: np.ndarray) -> None:
    with open(path, "wb") as f:
        np.save(f, array, allow_pickle=False)
        f.flush()
        os.fsync(f.fileno())


def write_person_vectors(
    folder: Path, mention_ids: list[int], vectors: np.ndarray, index_spec: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Write the mention vectors of a generation being built (before it is published) and their index.

    Returns the manifest's "mention_index" entry: `index_spec`, or the
    index `indexer.store.vectors.choose_index` chooses for their number.
    """
    if len(mention_ids) != len(vectors):
        raise ValueError(f"{len(mention_ids)} mention ids for {len(vectors)} vectors")
    vectors = np.ascontiguousarray(vectors, dtype=np.float32)
    _save(folder / PERSON_VECTOR_IDS_FILE, np.asarray(mention_ids, dtype=np.int64))
    _save(folder / PERSON_VECTORS_FILE, vectors)
    return _write_index(folder, vectors, index_spec)


def _write_index(folder: Path, vectors: np.ndarray, spec: dict[str, Any] | None) -> dict[str, Any]:
    spec = dict(spec or choose_index(len(vectors), vectors.shape[1], exact_limit=MENTION_EXACT_LIMIT))
    if spec["type"] == "flat":
        (folder / MENTION_INDEX_FILE).unlink(missing_ok=True)
        return spec
    # Written beside, then renamed over: a generation's index is replaced whole or not at all.
    tmp = f".{MENTION_INDEX_FILE}.tmp"
    spec = write_vectors(folder, vectors, vectors.shape[1], spec, index_file=tmp, exact_file=None)
    with open(folder / tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(folder / tmp, folder / MENTION_INDEX_FILE)
    return spec


def read_person_vectors(folder: Path, dimension: int | None = None) -> tuple[np.ndarray, np.ndarray] | None:
    """(mention ids, vectors) of a generation, or None when it has none or they do not fit.

    Never raises for a missing or malformed file: the vectors only refine the
    ranking, and a generation without them is still a good generation.
    """
    try:
        ids = np.load(folder / PERSON_VECTOR_IDS_FILE, allow_pickle=False)
        vectors = np.load(folder / PERSON_VECTORS_FILE, allow_pickle=False)
    except (OSError, ValueError):
        return None
    if ids.ndim != 1 or vectors.ndim != 2 or len(ids) != len(vectors):
        return None
    if dimension is not None and vectors.shape[1] != dimension:
        return None
    return ids.astype(np.int64), vectors.astype(np.float32)


def keep_person_vectors(folder: Path, mention_ids: set[int], index_spec: dict[str, Any] | None = None) -> int:
    """Drop the vectors of mentions no longer in the catalogue (a scrubbed name); returns how many.

    The rest are written to new files that replace the old ones by rename; the
    index is built again with `index_spec`, the one the generation's manifest
    records (so the manifest stays true; None for a generation without one).
    """
    stored = read_person_vectors(folder)
    if stored is None:
        return 0
    ids, vectors = stored
    keep = np.isin(ids, np.fromiter(mention_ids, dtype=np.int64, count=len(mention_ids)))
    if keep.all():
        return 0
    for name, array in ((PERSON_VECTOR_IDS_FILE, ids[keep]), (PERSON_VECTORS_FILE, vectors[keep])):
        tmp = folder / f".{name}.tmp"
        _save(tmp, array)
        os.replace(tmp, folder / name)
    if index_spec is not None:
        _write_index(folder, np.ascontiguousarray(vectors[keep]), index_spec)
    return int((~keep).sum())
