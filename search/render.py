"""HTML for the app's result cards. Every piece of document text is escaped here."""

from __future__ import annotations

import html

from search.engine import Hit
from search.snippets import mark_html

DOC_TYPE_LABELS = {
    "article": "Artikel",
    "meeting_notes": "Minnesanteckningar",
    "report": "Rapport",
    "policy": "Strategi/policy",
    "decision": "Beslut",
    "memo": "PM",
}


def result_card(hit: Hit) -> str:
    e = html.escape
    meta = [hit.organisation or "Okänd organisation", hit.date or "odaterad", DOC_TYPE_LABELS.get(hit.doc_type, hit.doc_type)]
    if hit.page:
        meta.append(f"sida {hit.page}")
    heading = " › ".join(h for h in hit.heading_path if h != hit.title)
    source = f'<a href="{e(hit.url)}" rel="noopener noreferrer">{e(hit.path)}</a>' if hit.url and hit.url.startswith(("http://", "https://")) else e(hit.path)
    passage = mark_html(hit.text, hit.highlights).replace("\n", "<br>")
    return (
        '<div class="kb-card">'
        f'<div class="kb-title">{hit.rank}. {e(hit.title)}</div>'
        f'<div class="kb-meta">{" · ".join(e(m) for m in meta)}</div>'
        + (f'<div class="kb-heading">{e(heading)}</div>' if heading else "")
        + f'<div class="kb-text">{passage}</div>'
        f'<div class="kb-source">Källa: {source}</div>'
        "</div>"
    )


CARD_CSS = """
<style>
.kb-card {border: 1px solid #dde3ea; border-radius: 8px; padding: 0.8rem 1rem; margin-bottom: 0.8rem;}
.kb-title {font-weight: 600; font-size: 1.05rem;}
.kb-meta {color: #5b6570; font-size: 0.85rem; margin: 0.1rem 0 0.4rem 0;}
.kb-heading {color: #34495e; font-size: 0.85rem; font-style: italic;}
.kb-text {line-height: 1.5;}
.kb-text mark {background: #fff1a8; padding: 0 1px;}
.kb-source {color: #5b6570; font-size: 0.8rem; margin-top: 0.4rem;}
</style>
"""
