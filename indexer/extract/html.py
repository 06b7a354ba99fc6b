"""HTML reader: trafilatura finds the main content, lxml reads its structure."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from indexer.extract import ExtractError
from indexer.extract.blocks import Block, Extracted, RawMetadata
from indexer.extract.decode import decode_text

_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_HEADING_REND = re.compile(r"h([1-6])")
# Elements whose text is never content, in the fallback reader.
_NON_CONTENT = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template")
_BLOCK_TAGS = {"p", "li", "td", "th", "blockquote", "pre", "dd", "dt", "figcaption", "address"}


def _iso(value: str | None) -> str | None:
    m = _DATE.search(value or "")
    return m.group(1) if m else None


def _page_metadata(tree: lxml_html.HtmlElement) -> RawMetadata:
    """Metadata from <title>, <meta>, <time> and the canonical link."""

    def meta(*names: str) -> str | None:
        for name in names:
            for attr in ("property", "name", "itemprop"):
                found = tree.xpath(f'//meta[@{attr}="{name}"]/@content')
                if found and str(found[0]).strip():
                    return str(found[0]).strip()
        return None

    title = meta("og:title", "dc.title", "DC.title")
    if not title:
        found = tree.xpath("//title/text()")
        title = str(found[0]).strip() if found else None
    published = _iso(meta("article:published_time", "dc.date", "DC.date", "datePublished", "date"))
    updated = _iso(meta("article:modified_time", "dc.date.modified", "dateModified", "last-modified"))
    times = [str(t) for t in tree.xpath("//time/@datetime")]
    if not published and times:
        published = _iso(times[0])
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    url = str(canonical[0]).strip() if canonical else meta("og:url")
    return RawMetadata(
        title=title,
        published=published,
        updated=updated,
        url=url,
        author=meta("author", "dc.creator", "DC.creator"),
        description=meta("description", "og:description"),
    )


def _blocks_from_trafilatura_xml(xml: str) -> list[Block]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(xml.encode("utf-8"), parser)
    blocks: list[Block] = []
    for el in root.iter("head", "p", "list", "table", "quote"):
        # Nested elements are read through their container.
        if el.getparent() is not None and el.getparent().tag in ("list", "table", "quote", "item", "cell"):
            continue
        if el.tag == "head":
            m = _HEADING_REND.match(el.get("rend", "h2"))
            text = " ".join("".join(el.itertext()).split())
            if text:
                blocks.append(Block(text, kind="heading", level=int(m.group(1)) if m else 2))
        elif el.tag == "list":
            items = [" ".join("".join(i.itertext()).split()) for i in el.iter("item")]
            items = [i for i in items if i]
            if items:
                blocks.append(Block("\n".join(items)))
        elif el.tag == "table":
            rows = []
            for row in el.iter("row"):
                cells = [" ".join("".join(c.itertext()).split()) for c in row.iter("cell")]
                rows.append(" | ".join(c for c in cells if c))
            if any(rows):
                blocks.append(Block("\n".join(r for r in rows if r)))
        else:
            text = "\n".join(" ".join(line.split()) for line in "".join(el.itertext()).split("\n"))
            text = text.strip()
            if text:
                blocks.append(Block(text))
    return blocks


def _blocks_from_dom(tree: lxml_html.HtmlElement) -> list[Block]:
    """Fallback when trafilatura finds no main content: walk the body's blocks."""
    for bad in tree.xpath("|".join(f"//{t}" for t in _NON_CONTENT)):
        bad.drop_tree()
    body = tree.find("body")
    if body is None:
        body = tree
    blocks: list[Block] = []
    for el in body.iter():
        tag = el.tag if isinstance(el.tag, str) else ""
        if re.fullmatch(r"h[1-6]", tag):
            text = " ".join(el.text_content().split())
            if text:
                blocks.append(Block(text, kind="heading", level=int(tag[1])))
        elif tag in _BLOCK_TAGS:
            text = " ".join(el.text_content().split())
            if text:
                blocks.append(Block(text))
    return blocks


def read_html_file(path: Path) -> Extracted:
    import trafilatura

    text = decode_text(path.read_bytes(), path.name)
    try:
        tree = lxml_html.document_fromstring(text)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractError(f"cannot parse HTML: {exc}") from exc
    meta = _page_metadata(tree)
    xml = trafilatura.extract(
        text,
        output_format="xml",
        include_comments=False,
        include_tables=True,
        favor_recall=True,
        deduplicate=False,
    )
    blocks = _blocks_from_trafilatura_xml(xml) if xml else []
    if not blocks:
        blocks = _blocks_from_dom(tree)
    if not blocks:
        raise ExtractError("no readable text in HTML page")
    # The page's <h1> is a better title than a <title> with the site name appended.
    h1 = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), None)
    if h1:
        meta.title = h1
    return Extracted(blocks=blocks, meta=meta)
