"""Contact boxes read from a web page's whole DOM.

Main-content extraction (trafilatura) rightly drops sidebars, cards and
footers as boilerplate, but that is where pages put their contact person:
`<aside>` "Kontakt", `<div class="contact">`, vCard/h-card markup, a name
beside a mailto: link. This module finds those boxes and returns their lines
as contact blocks: a "Kontakt" heading, then one block per person (name,
title, e-mail, phone on lines of their own), which people extraction reads as
a contact block. A box counts only when it holds a person's name: a site-wide
"Kontakta oss" link, a menu or a cookie banner has none.
"""

from __future__ import annotations

import re

from lxml import html as lxml_html

from indexer.extract.blocks import Block
from indexer.extract.lines import element_text

# Labels a contact box carries in its heading or first line.
_LABEL = re.compile(
    r"^(?:kontakt(?:a oss|person(?:er)?|uppgifter|er)?|presskontakt(?:er)?|frågor(?: och svar)?(?: om .{1,60})?|"
    r"har du frågor.{0,60}|ansvarig(?:a)?(?: för .{1,60})?|mer information(?: om .{1,60})?|"
    r"vill du veta mer.{0,60})\s*[:?]?$",
    re.IGNORECASE,
)
_HEADING_LABEL = re.compile(r"^(?:press)?kontakt(?:person(?:er)?)?$", re.IGNORECASE)
_CONTACT_ATTR = re.compile(r"kontakt|contact|vcard|h-card|person|card|byline|staff|medarbetare", re.IGNORECASE)
_NOT_CONTENT_ATTR = re.compile(r"cookie|consent|samtycke|banner|\bnav|menu|meny|breadcrumb|skip", re.IGNORECASE)
_CONTAINERS = {"section", "aside", "div", "footer", "article", "address", "dl", "details", "li", "ul", "p", "td"}
_NEVER = ("script", "style", "noscript", "template", "nav", "form", "head", "select", "button")
_BREAKS = ("br", "lb")
_BLOCKS = (
    "p", "div", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5", "h6", "section", "aside",
    "article", "address", "table", "tr", "header", "footer", "figure", "figcaption", "blockquote",
)  # fmt: skip
# vCard and microformats-2 properties: each stands on a line of its own.
_VCARD_PROPS = (
    "fn", "n", "title", "role", "org", "email", "tel", "adr", "p-name", "p-job-title", "p-role",
    "p-org", "u-email", "p-tel", "p-adr", "name", "job-title", "phone", "mail",
)  # fmt: skip
_MAX_BOX_CHARS = 2000
_MAX_LINE_CHARS = 200


def is_name_line(line: str) -> bool:
    """A line that is a person's name: "Anna Berg", "Kontaktperson: Anna Berg", "Anna Berg, samordnare".

    The name lexicon decides (first names and surnames from maintained name data), as in people extraction.
    """
    from indexer.people import name_on_line

    label, sep, rest = line.partition(":")
    if sep and len(label.split()) <= 3:
        line = rest
    line = line.split(",")[0].split(" – ")[0].strip()
    return name_on_line(line)


def _text(el: lxml_html.HtmlElement) -> str:
    return element_text(el, breaks=_BREAKS, blocks=_BLOCKS, skip=_NEVER, line_classes=_VCARD_PROPS)


def _attrs(el: lxml_html.HtmlElement) -> str:
    return f"{el.get('class') or ''} {el.get('id') or ''} {el.get('aria-label') or ''}"


def _excluded(el: lxml_html.HtmlElement) -> bool:
    """Inside a menu, form or cookie banner: never a contact box."""
    for node in [el, *el.iterancestors()]:
        tag = node.tag if isinstance(node.tag, str) else ""
        if tag in _NEVER or (tag != "body" and _NOT_CONTENT_ATTR.search(_attrs(node))):
            return True
    return False


def _is_box(el: lxml_html.HtmlElement) -> bool:
    """A small element that holds a name line and something more (a title, an address)."""
    if len(el.text_content()) > 2 * _MAX_BOX_CHARS:
        return False
    text = _text(el)
    if len(text) > _MAX_BOX_CHARS:
        return False
    lines = [line for line in text.split("\n") if line]
    return len(lines) >= 2 and any(is_name_line(line) for line in lines)


def _labelled(el: lxml_html.HtmlElement) -> bool:
    if _CONTACT_ATTR.search(_attrs(el)):
        return True
    if len(el.text_content()) > 2 * _MAX_BOX_CHARS:
        return False
    first = _text(el).split("\n", 1)[0]
    return bool(_LABEL.match(first))


def _candidates(tree: lxml_html.HtmlElement) -> list[lxml_html.HtmlElement]:
    found: list[lxml_html.HtmlElement] = []
    for el in tree.iter(*_CONTAINERS):
        if _labelled(el) and _is_box(el):
            found.append(el)
    # The smallest element around a mailto:/tel: link that holds a name.
    for link in tree.xpath('//a[starts-with(@href, "mailto:") or starts-with(@href, "tel:")]'):
        for node in link.iterancestors():
            if node.tag in ("body", "html") or len(_text(node)) > 600:
                break
            if _is_box(node):
                found.append(node)
                break
    found = [el for el in dict.fromkeys(found) if not _excluded(el)]
    # Keep the outermost box: an <aside> "Kontakt" rather than the vCard inside it.
    ids = {id(el) for el in found}
    return [el for el in found if not any(id(a) in ids for a in el.iterancestors())]


_DETAIL = re.compile(r"@|\d{2,}")


def _fold(text: str) -> str:
    return " ".join(text.split()).casefold()


def contact_blocks(tree: lxml_html.HtmlElement, main_text: str) -> list[Block]:
    """Contact blocks for the page's contact boxes that the main content does not already hold.

    Returned in page order: per box a heading ("Kontakt", or the box's own
    "Presskontakt"/"Kontaktperson"), then one "contact" block per person.
    """
    # Lines, not substrings: a box the main content holds glued into one line is still read.
    seen = {_fold(line) for line in main_text.split("\n")}
    names_done: set[str] = set()
    out: list[Block] = []
    everything = list(tree.iter())  # held, so that each element keeps its one proxy (and id)
    order = {id(el): n for n, el in enumerate(everything)}
    for box in sorted(_candidates(tree), key=lambda el: order.get(id(el), 0)):
        paragraphs = [[ln[:_MAX_LINE_CHARS] for ln in p.split("\n")] for p in _text(box).split("\n\n")]
        heading = "Kontakt"
        while paragraphs and _LABEL.match(paragraphs[0][0]):
            label = paragraphs[0].pop(0).rstrip(":?")
            heading = label if _HEADING_LABEL.match(label) else heading
            paragraphs = [p for p in paragraphs if p]
        # One block per person: a paragraph with a name starts one; what follows it belongs to it.
        # A name-less heading line right before a person's paragraph is that person's topic
        # ("Frågor om prognoser" above the next box), not the tail of the person before.
        people: list[list[str]] = []
        preamble: list[str] = []
        for i, para in enumerate(paragraphs):
            named = any(is_name_line(line) for line in para)
            next_named = i + 1 < len(paragraphs) and any(is_name_line(line) for line in paragraphs[i + 1])
            starts_person = named and (not people or any(map(is_name_line, people[-1])))
            topic_line = bool(people) and next_named and len(para) == 1 and not _DETAIL.search(para[0])
            if starts_person or topic_line:
                people.append(list(para))
            elif people:
                people[-1].extend(para)
            else:
                preamble.extend(para)
        kept = []
        for person in people:
            name = _fold(next(line for line in person if is_name_line(line)))
            if name in names_done or all(_fold(line) in seen for line in person):
                continue
            names_done.add(name)
            kept.append(person)
        if not kept:
            continue
        out.append(Block(heading, kind="heading", level=2))
        if preamble and not all(_fold(line) in seen for line in preamble):
            out.append(Block("\n".join(preamble), kind="contact"))
        out.extend(Block("\n".join(person), kind="contact") for person in kept)
    return out
