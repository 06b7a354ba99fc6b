"""Who to contact: people ranked for a query, with the evidence.

A person scores through the passages that match the query: each mention
counts by its kind (an explicit contact above an author, above a quoted or
mentioned official, above a name in a participant list), by how well the
matching passage ranks, and by how well the mention's own evidence and role
match the query, by words and by meaning. A contact block at the end of a
matching document counts too, a little less than a mention inside the
matching passage. A mention whose evidence matches the query strongly by
meaning makes its person a candidate even when no matching passage names
them. People of an organisation, or of a place, that the query names weigh
more; newer documents weigh a little more. A query that names a person puts
that person first.

Meaning is the cosine between the query vector and each mention's vector
(written by the indexer, `indexer.store.person_vectors`), taken relative to
the best mention for the query: exp((cos - best cos) / MEANING_TEMPERATURE),
1 for the best, falling fast below it, so the model's narrow band of cosines
becomes a clear preference.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import numpy as np

from indexer.organisations import find_organisations, organisation_list
from indexer.resources import resource_rows
from indexer.store.records import Person, StoredMention
from indexer.store.vectors import exact_scores
from indexer.text import fold, name_key, tokenize

if TYPE_CHECKING:
    from search.index import Generation

KIND_WEIGHT = {"contact": 1.0, "author": 0.75, "mentioned": 0.6, "participant": 0.4}
# How much a mention elsewhere in a matching document counts: a page's contact
# block is the contact for the whole page; a name in passing is not.
SAME_DOCUMENT = {"contact": 1.0, "author": 0.9, "mentioned": 0.5, "participant": 0.5}
ROLE_IN_QUERY = 2.0
# Words too common in titles and organisation names to say which title is asked for.
_GENERIC_WORDS = "region regional regionen regionala kommun kommunal kommunen västra götaland"
# Words that ask for a kind of person rather than a topic.
_AUTHOR_QUERY = re.compile(
    r"\b(?:skrev|skrivit|författa\w*|godkände|godkänt|godkant|godkande|wrote|written|author\w*|approved)\b",
    re.IGNORECASE,
)
_LEADER_QUERY = re.compile(r"\b(?:leder|ledde|ledare|chair\w*|head\w*|leads?)\b", re.IGNORECASE)
_LEADER_ROLE = re.compile(r"ordförande|chef|direktör|ledare|generaldirektör", re.IGNORECASE)
NAME_IN_QUERY = 10.0
ORGANISATION_IN_QUERY = 1.3
PLACE_IN_QUERY = 1.2
# Areas too large to say whose work a question is about.
_NOT_A_PLACE_FOR_PEOPLE = {"sverige", "norden", "skandinavien", "europa", "eu"}
MAX_EVIDENCE = 3
# How a mention's evidence and role count: a floor, by words, by meaning (weights sum to 1).
EVIDENCE_FLOOR, EVIDENCE_WORDS, EVIDENCE_MEANING = 0.25, 0.3, 0.45
# Cosines of e5 vectors lie in a narrow band: a mention this far below the best keeps 1/e of its weight.
MEANING_TEMPERATURE = 0.015
# A mention this close to the best by meaning is a candidate without a matching passage,
# counting like a passage of this relative score times its meaning.
MEANING_CANDIDATE = 0.5
# At most this many mentions join the candidates by meaning alone (the closest): a big archive holds many
# near-identical mentions (a contact block on every page of a site), and scoring them all gains nothing.
MEANING_CANDIDATES = 64
MEANING_ALONE = 0.45
# A person's best match by meaning is taken over at most this many of their mentions beside the query's
# candidates (evenly spaced through them): a contact block on every page of a big site gives one person
# thousands of near-identical mentions, and reading them all for every query costs more than it tells.
PERSON_MENTIONS_COMPARED = 128


# Mentions' evidence is the same text query after query: its stems are made once.
@lru_cache(maxsize=65_536)
def _folded_stems(text: str) -> frozenset[str]:
    return frozenset(fold(t) for t in tokenize(text))


def _shares_stem(q: str, w: str) -> bool:
    """Equal stems, one a prefix of the other, or Swedish compounds with the same first part
    ("infrastrukturfrågor" and "infrastrukturstrateg")."""
    if q == w:
        return True
    shorter = min(len(q), len(w))
    if shorter < 5:
        return False
    common = 0
    for a, b in zip(q, w, strict=False):
        if a != b:
            break
        common += 1
    return common == shorter or common >= max(7, int(0.6 * shorter))


# Two different stems can share a stem (`_shares_stem`) only when both have at least this many
# letters and these are the same: a text's words are looked up by their first letters.
_STEM_PREFIX = 5


@lru_cache(maxsize=65_536)
def _stems_by_prefix(text: str) -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    words = _folded_stems(text)
    by_prefix: dict[str, list[str]] = {}
    for w in words:
        if len(w) >= _STEM_PREFIX:
            by_prefix.setdefault(w[:_STEM_PREFIX], []).append(w)
    return words, {prefix: tuple(ws) for prefix, ws in by_prefix.items()}


def _match_fraction(query_stems: frozenset[str], text: str) -> float:
    """The share of the query's stems that share a stem with a word of `text`."""
    if not query_stems:
        return 0.0
    words, by_prefix = _stems_by_prefix(text)
    hits = sum(
        1 for q in query_stems if q in words or any(_shares_stem(q, w) for w in by_prefix.get(q[:_STEM_PREFIX], ()))
    )
    return hits / len(query_stems)


def mention_meaning(query_vector: np.ndarray | None, mention_vectors: np.ndarray | None) -> np.ndarray | None:
    """Per mention, how well it matches the query by meaning, relative to the best mention: (0, 1]."""
    if query_vector is None or mention_vectors is None or len(mention_vectors) == 0:
        return None
    cosines = mention_vectors @ np.asarray(query_vector, dtype=np.float32)
    return relative_meaning(cosines, cosines.max())


def relative_meaning(cosines: np.ndarray, best: float) -> np.ndarray:
    """How well mentions match the query by meaning, from their cosines and the best mention's: (0, 1]."""
    return np.exp((cosines - best) / MEANING_TEMPERATURE)


def places_in_query(query: str) -> set[str]:
    """Folded names of the areas (resources/regions.txt) a query names: "i fyrbodal", "Östergötlands"."""
    folded = " " + " ".join(re.findall(r"\w+", fold(query))) + " "
    found = set()
    for pattern, key, county in _place_patterns():
        if pattern.search(folded):
            found.add(key)
            if county:
                found.add(county)
    return found


@lru_cache(maxsize=1)
def _place_patterns() -> list[tuple[re.Pattern[str], str, str | None]]:
    """Per name of an area: its pattern in a folded query, its folded key, and for a county its area's key."""
    patterns = []
    for row in resource_rows("regions.txt"):
        canonical = fold(row[0])
        # "Hallands län" is about Halland.
        county = canonical.removesuffix(" lan").removesuffix("s") if canonical.endswith(" lan") else None
        for name in row:
            key = " ".join(re.findall(r"\w+", fold(name)))
            if key not in _NOT_A_PLACE_FOR_PEOPLE:
                patterns.append((re.compile(rf" {re.escape(key)}s? "), key, county))
    return patterns


def _names_place(text: str, places: set[str]) -> bool:
    folded = fold(text)
    return any(re.search(rf"\b{re.escape(place)}", folded) for place in places)


def name_keys(people: Mapping[str, Person]) -> dict[str, set[str]]:
    """Folded name key -> the ids of the people with that key (for `names_in_query`)."""
    keys: dict[str, set[str]] = {}
    for pid, person in people.items():
        keys.setdefault(fold(name_key(person.name)), set()).add(pid)
    return keys


def names_in_query(query: str, people: Mapping[str, Person], keys: dict[str, set[str]] | None = None) -> set[str]:
    """Person ids whose full name (or a distinctive surname) the query contains.

    `keys` (from `name_keys`, kept per generation) spares a pass over every person.
    """
    keys = name_keys(people) if keys is None else keys
    q = re.findall(r"\w+(?:-\w+)*", fold(query))
    found: set[str] = set()
    for start in range(len(q)):
        for end in range(start + 1, len(q) + 1):
            found |= keys.get(" ".join(q[start:end]), set())
    return found


@lru_cache(maxsize=1)
def _aliases_longest_first() -> list[str]:
    return [fold(alias) for alias in sorted(organisation_list().aliases, key=len, reverse=True)]


@lru_cache(maxsize=1)
def _alias_patterns() -> list[tuple[re.Pattern[str], str]]:
    """Each organisation alias of two letters or more as a folded word (plural "s" allowed), with its name."""
    return [
        (re.compile(rf"\b{re.escape(fold(alias))}s?\b"), name)
        for alias, name in organisation_list().aliases.items()
        if len(alias) >= 2
    ]


def rank_contacts(
    query: str,
    passage_scores: dict[int, float],
    row_doc: Sequence[str],
    mentions: list[StoredMention],
    people: Mapping[str, Person],
    doc_dates: Mapping[str, str | None],
    doc_paths: Mapping[str, str],
    limit: int = 5,
    query_vector: np.ndarray | None = None,
    mention_vectors: np.ndarray | None = None,
) -> list[dict[str, Any]]:
    """People for a query; `passage_scores` maps matching passage rows to scores (higher is better).

    `mention_vectors` (one row per mention, None for an index without them)
    and the `query_vector` add the match by meaning. This form takes every
    mention; the searcher gives `score_contacts` only a query's candidates.
    """
    named = names_in_query(query, people)
    meaning = mention_meaning(query_vector, mention_vectors) if passage_scores else None
    if not passage_scores and not named:
        return []
    person_meaning: dict[str, float] | None = None
    if meaning is not None:
        person_meaning = {}
        for m, value in zip(mentions, meaning, strict=True):
            person_meaning[m.person_id] = max(person_meaning.get(m.person_id, 0.0), float(value))
    dates = sorted(d for d in doc_dates.values() if d)
    return score_contacts(
        query, passage_scores, row_doc, mentions, None if meaning is None else meaning.tolist(), person_meaning,
        people, named, (dates[0], dates[-1]) if dates else ("", ""), doc_dates, doc_paths, limit,
    )  # fmt: skip


def score_contacts(
    query: str,
    passage_scores: dict[int, float],
    row_doc: Sequence[str],
    mentions: list[StoredMention],
    meaning: list[float] | None,
    person_meaning: dict[str, float] | None,
    people: Mapping[str, Person],
    named: set[str],
    date_range: tuple[str, str],
    doc_dates: Mapping[str, str | None],
    doc_paths: Mapping[str, str],
    limit: int,
) -> list[dict[str, Any]]:
    """Score `mentions` (all, or the query's candidates) and rank their people.

    `meaning` is per mention, `person_meaning` per person (their best
    mention's, over all their mentions); both None without vectors.
    `date_range` is the oldest and newest document date of the generation.
    """
    if not passage_scores and not named:
        return []
    top = max(passage_scores.values(), default=1.0) or 1.0
    rel_row = {row: s / top for row, s in passage_scores.items()}
    rel_doc: dict[str, float] = {}
    for row, rel in rel_row.items():
        doc = row_doc[row]
        rel_doc[doc] = max(rel_doc.get(doc, 0.0), rel)
    oldest, newest = date_range
    query_stems = _folded_stems(query)
    # The part of the query that can name a title: organisation names and generic words removed.
    title_query = fold(query)
    for alias in _aliases_longest_first():
        if alias in title_query:
            title_query = re.sub(rf"\b{re.escape(alias)}s?\b", " ", title_query)
    title_stems = _folded_stems(title_query) - _folded_stems(_GENERIC_WORDS)
    wants_author = bool(_AUTHOR_QUERY.search(query))
    wants_leader = bool(_LEADER_QUERY.search(query))
    # "vem på Tillväxtverket ...": people of an organisation the query names come first.
    # Queries are typed in lower case and without å/ä/ö ("presskontakt vgr"): aliases are matched as folded words.
    folded_query = fold(query)
    query_orgs = {name for name, _, _ in find_organisations(query)} | {
        name for pattern, name in _alias_patterns() if pattern.search(folded_query)
    }
    query_places = places_in_query(query)

    best: dict[str, list[tuple[float, StoredMention]]] = {}
    # A contact block repeated on many pages is one evidence text: matched against the query once; so are
    # a text naming a place, a person's roles and a date.
    evidence_matches: dict[str, float] = {}
    place_matches: dict[str, bool] = {}
    role_matches: dict[str, float] = {}
    positions: dict[str, float] = {}
    for i, m in enumerate(mentions):
        in_passage = rel_row.get(m.passage_row, 0.0) if m.passage_row is not None else 0.0
        relevance = max(in_passage, SAME_DOCUMENT.get(m.kind, 0.5) * rel_doc.get(m.doc_id, 0.0))
        if meaning is not None and meaning[i] >= MEANING_CANDIDATE:
            relevance = max(relevance, MEANING_ALONE * meaning[i])
        if relevance <= 0 and m.person_id not in named:
            continue
        evidence = f"{m.evidence} {m.role or ''}"
        evidence_match = evidence_matches.get(evidence)
        if evidence_match is None:
            evidence_match = evidence_matches[evidence] = _match_fraction(query_stems, evidence)
        if person_meaning is None:
            match = (EVIDENCE_FLOOR + EVIDENCE_WORDS * evidence_match) / (EVIDENCE_FLOOR + EVIDENCE_WORDS)
        else:
            match = EVIDENCE_FLOOR + EVIDENCE_WORDS * evidence_match + EVIDENCE_MEANING * person_meaning[m.person_id]
        score = relevance * KIND_WEIGHT.get(m.kind, 0.5) * match
        person = people.get(m.person_id)
        if query_orgs and (m.organisation in query_orgs or (person and query_orgs & set(person.organisations))):
            score *= ORGANISATION_IN_QUERY
        elif query_places:
            text = f"{m.evidence} {m.role or ''} {m.organisation or ''}"
            names_place = place_matches.get(text)
            if names_place is None:
                names_place = place_matches[text] = _names_place(text, query_places)
            if names_place:
                score *= PLACE_IN_QUERY
        roles = " ".join(people[m.person_id].roles) if m.person_id in people else (m.role or "")
        if roles and title_stems:
            # The query names the person's title or its field ("infrastruktur", "vd"):
            # the more of the query's title words the person's roles hold, the stronger.
            role_match = role_matches.get(roles)
            if role_match is None:
                role_match = role_matches[roles] = _match_fraction(title_stems, roles)
            score *= 1.0 + (ROLE_IN_QUERY - 1.0) * role_match
        if wants_author and m.kind == "author":
            score *= 2.0
        if wants_leader and _LEADER_ROLE.search(roles):
            score *= ROLE_IN_QUERY
        date = doc_dates.get(m.doc_id)
        if date and newest > oldest:
            # Up to 10 % for the newest documents: people change roles.
            position = positions.get(date)
            if position is None:
                position = positions[date] = _position(date, oldest, newest)
            score *= 1.0 + 0.1 * position
        best.setdefault(m.person_id, []).append((score, m))

    ranked = []
    for pid, scored in best.items():
        scored.sort(key=lambda t: t[0], reverse=True)
        top_score = scored[0][0]
        # More evidence helps a little; one strong mention matters most.
        score = top_score + 0.1 * sum(s for s, _ in scored[1:4])
        if pid in named:
            score += NAME_IN_QUERY
        ranked.append((score, pid, scored))
    ranked.sort(key=lambda t: t[0], reverse=True)

    out = []
    for score, pid, scored in ranked[:limit]:
        person = people[pid]
        out.append(
            {
                "name": person.name,
                "role": person.roles[0] if person.roles else None,
                "organisation": person.organisations[0] if person.organisations else None,
                "email": person.email,
                "phone": person.phone,
                "score": round(score, 4),
                "kind": scored[0][1].kind,
                "evidence": [
                    {"path": doc_paths[m.doc_id], "text": m.evidence, "kind": m.kind} for _, m in scored[:MAX_EVIDENCE]
                ],
                "documents": person.n_documents,
                "newest_date": person.newest_date,
                "person_id": pid,
            }
        )
    return out


def _position(date: str, oldest: str, newest: str) -> float:
    def days(d: str) -> int:
        y, m, dd = (int(x) for x in (d + "-01-01")[:10].split("-"))
        return y * 372 + m * 31 + dd

    span = days(newest) - days(oldest)
    return (days(date) - days(oldest)) / span if span > 0 else 0.0


def contacts_for(
    gen: Generation, query: str, passage_scores: dict[int, float], query_vector: np.ndarray | None, limit: int = 5
) -> list[dict[str, Any]]:
    """`rank_contacts` over a generation, touching only the query's candidate mentions.

    Candidates: the mentions inside the matching passages and in their
    documents (postings in `gen.arrays`), those closest to the query by
    meaning (`closest_mentions`), and the first few of a person the query
    names (their others score nothing). Only they are read from the
    catalogue, and only their people's mention vectors are compared with the
    query (`best_cosines`): the work follows the query's matches, not the
    size of the archive.
    """
    arrays = gen.arrays
    named = names_in_query(query, gen.people, gen.name_keys)
    if not passage_scores and not named:
        return []
    rows = np.fromiter(passage_scores, np.int64, len(passage_scores))
    picked = [arrays.mentions_at_rows(rows), arrays.mentions_in_docs(np.asarray(arrays.row_doc[rows]))]
    vectors = gen.mention_vectors
    by_meaning = bool(passage_scores) and query_vector is not None and vectors is not None and len(vectors) > 0
    vector = np.asarray(query_vector, dtype=np.float32)
    best = 0.0
    if by_meaning:
        close, close_cosines = closest_mentions(gen, vector, MEANING_CANDIDATES)
        best = float(close_cosines[0])
        picked.append(close[relative_meaning(close_cosines, best) >= MEANING_CANDIDATE])
    if named:
        # A named person's mentions outside the candidates score nothing; the first few stand as evidence.
        numbers = np.searchsorted(arrays.person_ids, sorted(named))
        picked.extend(own[:MAX_EVIDENCE] for own in _mentions_of(gen, numbers))
    candidates = np.unique(np.concatenate(picked)).astype(np.int64)
    ids = np.asarray(arrays.mention_ids[candidates]).tolist()
    by_id = gen.catalog.mentions_by_id(ids)
    mentions = [by_id[i] for i in ids]
    meaning: list[float] | None = None
    person_meaning: dict[str, float] | None = None
    if by_meaning:
        assert vectors is not None
        cosines = exact_scores(vectors, candidates, vector)
        of_candidate = np.asarray(arrays.mention_person[candidates])
        known = of_candidate >= 0
        persons = np.unique(of_candidate[known])
        person_cosines = best_cosines(gen, persons, vector)
        # A person's candidates count too: for one with more mentions than are compared, they may be the best.
        np.maximum.at(person_cosines, np.searchsorted(persons, of_candidate[known]), cosines[known])
        best = max(best, float(person_cosines.max(initial=best)))
        meaning = relative_meaning(cosines, best).tolist()
        person_meaning = dict(
            zip(arrays.person_ids[persons].tolist(), relative_meaning(person_cosines, best).tolist(), strict=True)
        )
        for m, value, number in zip(mentions, meaning, of_candidate.tolist(), strict=True):
            if number < 0:  # a mention without a person record (not expected): its best known is its own
                person_meaning[m.person_id] = max(person_meaning.get(m.person_id, 0.0), value)
    # Their documents' dates from the arrays, not the catalogue.
    docs = np.unique(np.asarray(arrays.mention_doc[candidates]))
    doc_dates = dict(zip(arrays.doc_ids[docs].tolist(), arrays.doc_dates[docs].tolist(), strict=True))
    return score_contacts(
        query, passage_scores, gen.row_doc, mentions, meaning, person_meaning,
        gen.people, named, gen.date_range, doc_dates, gen.doc_paths, limit,
    )  # fmt: skip


def closest_mentions(gen: Generation, vector: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """The `n` mentions closest to the query by meaning and their cosines, best first.

    From the mention index: an inverted file above 100,000 mentions
    (`indexer.store.person_vectors`), a half-precision scan of them all below
    (`indexer.store.vectors.HalfPrecisionScan`), its rows rescored exactly.
    Without one (a generation from before the inverted file, with more
    mentions than that), one product with every mention vector.
    """
    assert gen.mention_vectors is not None
    if gen.mention_index is not None:
        found = gen.mention_index.search(vector, n)
        return found, exact_scores(gen.mention_vectors, found, vector)
    cosines = gen.mention_vectors @ vector
    top = np.argpartition(-cosines, n - 1)[:n] if cosines.size > n else np.arange(cosines.size)
    top = top[np.argsort(-cosines[top], kind="stable")]
    return top.astype(np.int64), cosines[top]


def best_cosines(gen: Generation, persons: np.ndarray, vector: np.ndarray) -> np.ndarray:
    """Per person number (sorted, each with mentions), the best cosine of their mention vectors with the query.

    Over at most `PERSON_MENTIONS_COMPARED` of each person's mentions, evenly
    spaced: for a person with more, a lower bound (the caller adds the
    query's candidates among theirs).
    """
    assert gen.mention_vectors is not None
    if persons.size == 0:
        return np.zeros(0, np.float32)
    rows = [
        own[np.linspace(0, own.size - 1, PERSON_MENTIONS_COMPARED).round().astype(np.int64)]
        if own.size > PERSON_MENTIONS_COMPARED
        else own
        for own in _mentions_of(gen, persons)
    ]
    cosines = exact_scores(gen.mention_vectors, np.concatenate(rows), vector)
    return np.maximum.reduceat(cosines, np.cumsum([0] + [r.size for r in rows[:-1]]))


def _mentions_of(gen: Generation, persons: np.ndarray) -> list[np.ndarray]:
    """Per person number, the numbers of their mentions in order (none for a person without any)."""
    order, starts, grouped = gen.mentions_by_person
    ends = np.r_[starts[1:], order.size]
    at = np.searchsorted(grouped, persons)
    return [
        order[starts[g] : ends[g]] if g < grouped.size and grouped[g] == p else order[:0]
        for g, p in zip(at.tolist(), np.asarray(persons).tolist(), strict=True)
    ]
