"""Person vectors: one embedding per person mention, stored beside the passage vectors.

Who to contact is asked by meaning ("chef för analysenheten", "presskontakt
för rapporten"), and a mention's role, organisation and evidence sentence
say what the person does. The indexer embeds one text per mention
(`mention_text`, with the e5 passage prompt, through the embedding cache)
and writes the vectors into the generation, keyed by the catalogue's
mention ids; the searcher compares them with the query vector it already
has. They are few (a handful per document), so a plain dot product over all
of them is fast enough and no FAISS index is needed.

Two plain numpy files, written with `np.save` and read with
`allow_pickle=False`: `person_vectors.npy` (float32, one row per mention) and
`person_vector_ids.npy` (int64, the mention id of each row). A generation
without them (built before they existed) is still served: contacts are then
ranked by words only.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from indexer.store.records import PersonMention

PERSON_VECTORS_FILE = "person_vectors.npy"
PERSON_VECTOR_IDS_FILE = "person_vector_ids.npy"


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


def write_person_vectors(folder: Path, mention_ids: list[int], vectors: np.ndarray) -> None:
    """Write the mention vectors of a generation being built (before it is published)."""
    if len(mention_ids) != len(vectors):
        raise ValueError(f"{len(mention_ids)} mention ids for {len(vectors)} vectors")
    _save(folder / PERSON_VECTOR_IDS_FILE, np.asarray(mention_ids, dtype=np.int64))
    _save(folder / PERSON_VECTORS_FILE, np.ascontiguousarray(vectors, dtype=np.float32))


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


def keep_person_vectors(folder: Path, mention_ids: set[int]) -> int:
    """Drop the vectors of mentions no longer in the catalogue (a scrubbed name); returns how many.

    The rest are written to new files that replace the old ones by rename.
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
    return int((~keep).sum())
