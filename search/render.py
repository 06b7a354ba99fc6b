"""HTML for the app's cards. Every piece of document text is escaped here.

The app passes these strings to `st.markdown(..., unsafe_allow_html=True)`,
so nothing from a document may reach them unescaped: text goes through
`html.escape`, query-term marks are added to already escaped text, and links
are only ever http(s) URLs, escaped as attributes.
"""

from __future__ import annotations

import html
from typing import Any
from urllib.parse import quote

from indexer.store.records import DOC_TYPES, MENTION_KINDS, Passage
from search.engine import Hit
from search.snippets import highlight_spans, mark_html

e = html.escape


def safe_link(url: str | None, label: str) -> str:
    """A link only for http(s) URLs; anything else is shown as text."""
    if url and url.lower().startswith(("http://", "https://")):
        return f'<a href="{e(url, quote=True)}" target="_blank" rel="noopener noreferrer">{e(label)}</a>'
    return e(label)


def _passage_html(text: str, spans: list[tuple[int, int]]) -> str:
    return mark_html(text, spans).replace("\n", "<br>")


def result_card(hit: Hit) -> str:
    meta = [hit.organisation or "Okänd organisation", hit.date or "odaterad", DOC_TYPES.get(hit.doc_type, hit.doc_type)]
    if hit.page:
        meta.append(f"sida {hit.page}")
    heading = " › ".join(h for h in hit.heading_path if h != hit.title)
    source = e(hit.path) + (" · " + safe_link(hit.url, "webbsida") if hit.url else "")
    return (
        '<div class="kb-card">'
        f'<div class="kb-title">{hit.rank}. {e(hit.title)}</div>'
        f'<div class="kb-meta">{" · ".join(e(m) for m in meta)}</div>'
        + (f'<div class="kb-heading">{e(heading)}</div>' if heading else "")
        + f'<div class="kb-text">{_passage_html(hit.text, hit.highlights)}</div>'
        f'<div class="kb-source">Källa: {source}</div>'
        "</div>"
    )


def context_html(passages: list[Passage], current_row: int, query: str) -> str:
    """Neighbouring passages, the hit itself marked out."""
    parts = []
    for p in passages:
        body = _passage_html(p.text, highlight_spans(p.text, query))
        cls = "kb-context kb-context-hit" if p.row == current_row else "kb-context"
        parts.append(f'<div class="{cls}">{body}</div>')
    return "".join(parts)


def why_text(hit: Hit, fusion: str) -> str:
    """A short, plain explanation of the two contributions to a hit's score."""
    lexical = "inga av frågans ord" if hit.lexical_score <= 0 else f"frågans ord matchar (BM25 {hit.lexical_score:.2f})"
    return (
        f"Betydelse: likhet {hit.dense_score:.2f} med frågan · Ord: {lexical} · Sammanvägt ({fusion}): {hit.score:.3f}"
    )


def contact_card(contact: dict[str, Any]) -> str:
    lines = [f'<div class="kb-person-name">{e(contact["name"])}</div>']
    role_org = ", ".join(x for x in (contact.get("role"), contact.get("organisation")) if x)
    if role_org:
        lines.append(f'<div class="kb-meta">{e(role_org)}</div>')
    details = []
    if contact.get("email"):
        details.append(f'<a href="mailto:{quote(contact["email"], safe="@.")}">{e(contact["email"])}</a>')
    if contact.get("phone"):
        details.append(e(contact["phone"]))
    if details:
        lines.append(f'<div class="kb-meta">{" · ".join(details)}</div>')
    evidence = contact["evidence"][0] if contact.get("evidence") else None
    if evidence:
        lines.append(f'<div class="kb-evidence">”{e(evidence["text"][:300])}”</div>')
        lines.append(
            f'<div class="kb-source">{e(MENTION_KINDS.get(evidence.get("kind", ""), ""))} i {e(evidence["path"])}</div>'
        )
    seen = f"{contact.get('documents', 1)} dokument"
    if contact.get("newest_date"):
        seen += f", senast {contact['newest_date']}"
    lines.append(f'<div class="kb-source">{e(seen)}</div>')
    return '<div class="kb-person">' + "".join(lines) + "</div>"


def meeting_card(meeting: dict[str, Any]) -> str:
    when = meeting.get("date") or meeting.get("date_text") or "datum okänt"
    if meeting.get("date_end"):
        when += f" – {meeting['date_end']}"
    where = meeting.get("place") or "plats okänd"
    participants = ", ".join(meeting.get("participants") or []) or "–"
    organisations = ", ".join(meeting.get("organisations") or []) or "–"
    sources = meeting.get("sources") or [meeting["path"]]
    more = max(0, int(meeting.get("sources_total") or 0) - len(sources))
    return (
        '<div class="kb-card">'
        f'<div class="kb-title">{e(meeting["title"])}</div>'
        f'<div class="kb-meta">{e(when)} · {e(where)}</div>'
        f'<div class="kb-text"><b>Deltagare:</b> {e(participants)}<br><b>Organisationer:</b> {e(organisations)}</div>'
        f'<div class="kb-evidence">”{e((meeting.get("evidence") or "")[:400])}”</div>'
        f'<div class="kb-source">{"Källor" if len(sources) + more > 1 else "Källa"}: {e(", ".join(sources))}'
        f"{f' och {more} till' if more else ''}</div>"
        "</div>"
    )


def mention_row(mention: dict[str, Any]) -> str:
    role = ", ".join(x for x in (mention.get("role"), mention.get("organisation")) if x) or "–"
    kind = MENTION_KINDS.get(mention["kind"], mention["kind"])
    return (
        '<div class="kb-card">'
        f'<div class="kb-meta">{e(mention.get("date") or "odaterad")} · {e(kind)} · {e(role)}</div>'
        f'<div class="kb-evidence">”{e(mention["evidence"][:400])}”</div>'
        f'<div class="kb-source">{e(mention["title"])} — {e(mention["path"])}</div>'
        "</div>"
    )


CARD_CSS = """
<style>
.kb-card {border: 1px solid #dde3ea; border-radius: 8px; padding: 0.8rem 1rem; margin-bottom: 0.6rem;}
.kb-title {font-weight: 600; font-size: 1.05rem;}
.kb-meta {color: #5b6570; font-size: 0.85rem; margin: 0.1rem 0 0.3rem 0;}
.kb-heading {color: #34495e; font-size: 0.85rem; font-style: italic;}
.kb-text {line-height: 1.5;}
.kb-text mark, .kb-context mark {background: #fff1a8; padding: 0 1px;}
.kb-source {color: #5b6570; font-size: 0.8rem; margin-top: 0.3rem;}
.kb-person {border-left: 4px solid #2c7be5; background: #f6f9fc; padding: 0.6rem 0.8rem;
            margin-bottom: 0.6rem; border-radius: 4px;}
.kb-person-name {font-weight: 600;}
.kb-evidence {font-size: 0.85rem; color: #34495e; margin-top: 0.3rem;}
.kb-context {font-size: 0.9rem; color: #5b6570; padding: 0.3rem 0;}
.kb-context-hit {color: #1f2d3d; border-left: 3px solid #f5c518; padding-left: 0.5rem;}
</style>
"""
