"""One person across documents: mentions grouped by name and compatible organisation.

The same full name in several documents is one person when the
organisations agree (or one side names none). Two people who merely share a
surname are never merged: the key is the whole name. The same name with two
different organisations stays two people.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass

from indexer.store.records import Person, PersonMention
from indexer.text import name_key


@dataclass
class MentionRef:
    """A mention with what resolution needs from its document."""

    doc_id: str
    index: int  # position in the document's mention list
    mention: PersonMention
    date: str | None


def _person_id(key: str, organisation: str | None) -> str:
    return hashlib.sha1(f"{key}\0{organisation or ''}".encode()).hexdigest()[:16]


def _group_by_organisation(refs: list[MentionRef]) -> list[list[MentionRef]]:
    """Split one name's mentions into people by organisation; unplaced mentions join the largest."""
    by_org: dict[str, list[MentionRef]] = {}
    loose: list[MentionRef] = []
    for ref in refs:
        org = ref.mention.organisation
        if org:
            by_org.setdefault(org, []).append(ref)
        else:
            loose.append(ref)
    if not by_org:
        return [loose]
    groups = sorted(by_org.values(), key=len, reverse=True)
    # Mentions without an organisation in a document that also places the person go with that group.
    for ref in loose:
        home = next((g for g in groups if any(r.doc_id == ref.doc_id for r in g)), groups[0])
        home.append(ref)
    return groups


def resolve_persons(
    refs: list[MentionRef], suppressed: set[str] | None = None
) -> tuple[list[Person], dict[tuple[str, int], str]]:
    """People from mentions, and the person each (doc_id, mention index) belongs to."""
    suppressed = suppressed or set()
    by_name: dict[str, list[MentionRef]] = {}
    for ref in refs:
        key = name_key(ref.mention.name)
        if key not in suppressed:
            by_name.setdefault(key, []).append(ref)
    persons: list[Person] = []
    person_of: dict[tuple[str, int], str] = {}
    for key, group in sorted(by_name.items()):
        for members in _group_by_organisation(group):
            orgs = Counter(r.mention.organisation for r in members if r.mention.organisation)
            main_org = orgs.most_common(1)[0][0] if orgs else None
            pid = _person_id(key, main_org)
            newest_first = sorted(members, key=lambda r: r.date or "", reverse=True)
            spelled = Counter(r.mention.name for r in members).most_common(1)[0][0]
            person = Person(
                person_id=pid,
                name=spelled,
                name_key=key,
                roles=list(dict.fromkeys(r.mention.role for r in newest_first if r.mention.role)),
                organisations=[o for o, _ in orgs.most_common()],
                email=next((r.mention.email for r in newest_first if r.mention.email), None),
                phone=next((r.mention.phone for r in newest_first if r.mention.phone), None),
                n_mentions=len(members),
                n_documents=len({r.doc_id for r in members}),
                newest_date=max((r.date for r in members if r.date), default=None),
            )
            persons.append(person)
            for r in members:
                person_of[(r.doc_id, r.index)] = pid
    return persons, person_of
