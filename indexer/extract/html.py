"""HTML reader: trafilatura finds the main content, lxml reads its structure."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from indexer.extract import ExtractError
from indexer.extract.blocks import Block, Extracted, RawMetadata, table_text
from indexer.extract.contacts import contact_blocks
from indexer.extract.decode import decode_text
from indexer.extract.lines import element_text

_DATE = re.compile(r"(\d{4}-\d{2}-\d{2})")
_DEPTH = re.compile(r"depth in document: (\d+)")
_HEADING_REND = re.compile(r"h([1-6])")
# Elements whose text is never content, in the fallback reader.
_NON_CONTENT = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template")
_BLOCK_TAGS = {"p", "li", "blockquote", "pre", "dd", "dt", "figcaption", "address"}
# Inside a block, these start a new line (HTML, and trafilatura's XML).
_HTML_BLOCKS = (
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "table",
    "tr",
)
_XML_BLOCKS = ("p", "head", "item", "list", "quote", "table", "row")
# Publisher lines in a page footer: "En webbplats från Region X", "© Region X 2024",
# "Region X, Box 123, 581 91 Linköping".
_PUBLISHER_LINES = [
    re.compile(
        r"^(?:en (?:webbplats|tjänst|sajt) (?:från|av)|webbplatsen (?:ägs|drivs) av|ansvarig utgivare:?)"
        r"\s+(.{3,60}?)\.?$",
        re.I,
    ),
    re.compile(
        r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(.{3,60}?)(?:\s+\d{4})?\.?$", re.I
    ),
    re.compile(r"^(.{3,60}?),\s*(?:box|postadress:?|besöksadress:?)\s+\d+", re.I),
]


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
    publisher = meta("og:site_name", "publisher", "dc.publisher", "DC.publisher", "application-name")
    canonical = tree.xpath('//link[@rel="canonical"]/@href')
    url = str(canonical[0]).strip() if canonical else meta("og:url")
    return RawMetadata(
        title=title,
        published=published,
        updated=updated,
        url=url,
        author=meta("author", "dc.creator", "DC.creator"),
        description=meta("description", "og:description"),
        publisher=publisher or _footer_publisher(tree),
    )


def _footer_publisher(tree: lxml_html.HtmlElement) -> str | None:
    """The publisher a page footer names: "En webbplats från X", "© X 2024", "X, Box 123, ..."."""
    for footer in tree.xpath('//footer | //*[@role="contentinfo"] | //*[contains(@id, "footer")]'):
        for line in element_text(footer, breaks=("br",), blocks=_HTML_BLOCKS, skip=("script", "style")).split("\n"):
            for pattern in _PUBLISHER_LINES:
                m = pattern.match(line.strip())
                if m:
                    return m.group(1).strip()
    return None


def _xml_text(el: etree._Element) -> str:
    return element_text(el, breaks=("lb",), blocks=_XML_BLOCKS).replace("\n\n", "\n")


def _blocks_from_trafilatura_xml(xml: str) -> list[Block]:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.fromstring(xml.encode("utf-8"), parser)
    blocks: list[Block] = []
    for el in root.iter("head", "p", "list", "table", "quote"):
        # Nested elements are read through their container.
        if any(a.tag in ("list", "table", "quote", "item", "cell") for a in el.iterancestors()):
            continue
        if el.tag == "head":
            m = _HEADING_REND.match(el.get("rend", "h2"))
            text = " ".join(_xml_text(el).split())
            if text:
                blocks.append(Block(text, kind="heading", level=int(m.group(1)) if m else 2))
        elif el.tag == "list":
            items = [_xml_text(i) for i in el.iter("item")]
            items = [i for i in items if i]
            if items:
                blocks.append(Block("\n".join(items)))
        elif el.tag == "table":
            text = table_text([[_xml_text(c) for c in row.iter("cell")] for row in el.iter("row")])
            if text:
                blocks.append(Block(text))
        else:
            text = _xml_text(el)
            if text:
                blocks.append(Block(text))
    return blocks


def _html_text(el: lxml_html.HtmlElement) -> str:
    return element_text(el, breaks=("br",), blocks=_HTML_BLOCKS, skip=_NON_CONTENT).replace("\n\n", "\n")


def _blocks_from_dom(tree: lxml_html.HtmlElement) -> list[Block]:
    """Fallback when trafilatura finds no main content: walk the body's blocks."""
    for bad in tree.xpath("|".join(f"//{t}" for t in _NON_CONTENT)):
        bad.drop_tree()
    body = tree.find("body")
    if body is None:
        body = tree
    blocks: list[Block] = []

    def walk(el: lxml_html.HtmlElement) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if re.fullmatch(r"h[1-6]", tag):
            text = " ".join(el.text_content().split())
            if text:
                blocks.append(Block(text, kind="heading", level=int(tag[1])))
        elif tag == "table":
            rows = [[_html_text(c) for c in row.xpath("./th|./td")] for row in el.iter("tr")]
            if text := table_text(rows):
                blocks.append(Block(text))
        elif tag in _BLOCK_TAGS or (tag == "div" and not el.xpath(".//div|.//p|.//table|.//ul|.//ol")):
            if text := _html_text(el):
                blocks.append(Block(text))
        else:
            for child in el:
                walk(child)

    walk(body)
    return blocks


def _parser_limit(parser: lxml_html.HTMLParser) -> str | None:
    """Why libxml2 stopped building the tree early, when it did: what lay beyond its limit is not in the tree.

    Its limits (256 levels of nesting, among others) stay on: lifting them
    (huge_tree) would also lift the protection against hostile files.
    """
    for error in parser.error_log:
        if error.type != etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            continue
        depth = _DEPTH.search(error.message)
        if depth:
            return (
                f"HTML nested deeper than {depth.group(1)} levels (the HTML parser's limit): "
                "the text below that depth cannot be read; save the page as text (.txt) to index it"
            )
        return f"HTML beyond the HTML parser's limits: {error.message}"
    return None


def read_html_file(path: Path) -> Extracted:
    import trafilatura

    text = decode_text(path.read_bytes(), path.name)
    parser = lxml_html.HTMLParser()
    try:
        tree = lxml_html.document_fromstring(text, parser=parser)
        whole = lxml_html.document_fromstring(text)  # the fallback below prunes `tree`
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
        raise ExtractError(_parser_limit(parser) or "no readable text in HTML page")
    blocks += contact_blocks(whole, "\n".join(b.text for b in blocks))
    # The page's <h1> is a better title than a <title> with the site name appended.
    h1 = next((b.text for b in blocks if b.kind == "heading" and b.level == 1), None)
    if h1:
        meta.title = h1
    return Extracted(blocks=blocks, meta=meta)
