"""Text of a markup element with its line and paragraph boundaries kept.

`"".join(el.itertext())` glues "Anna Berg<br>Regional samordnare" into one
word; readers use `element_text` instead, which turns line-break elements
into "\n" and block elements into blank lines, and collapses the source's own
whitespace (a newline in HTML source is not a line break).
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree


def _tag(node: etree._Element) -> str:
    return node.tag.lower() if isinstance(node.tag, str) else ""


def element_text(
    el: etree._Element,
    breaks: Iterable[str],
    blocks: Iterable[str],
    skip: Iterable[str] = (),
    line_classes: Iterable[str] = (),
) -> str:
    """The element's text: "\n" at each break element, a blank line around each block element.

    `line_classes`: class names (vCard's fn, title, email, ...) whose elements
    stand on a line of their own. A mailto:/tel: link whose text is not the
    address itself ("Skicka e-post") is read as its address.
    """
    breaks, blocks, skip, line_classes = set(breaks), set(blocks), set(skip), set(line_classes)
    parts: list[str] = []

    def flat(text: str | None) -> str:
        return (text or "").replace("\n", " ").replace("\r", " ").replace("\t", " ")

    def walk(node: etree._Element, is_root: bool) -> None:
        tag = _tag(node)
        if tag and tag not in skip:
            classes = set(str(node.get("class") or "").split())
            sep = "\n\n" if tag in blocks else "\n" if classes & line_classes else ""
            parts.append(sep)
            href = str(node.get("href") or "")
            own = flat(node.text)
            if tag == "a" and href.startswith(("mailto:", "tel:")) and len(node) == 0:
                address = href.split(":", 1)[1].split("?", 1)[0].strip()
                if address and not any(ch.isdigit() or ch == "@" for ch in own):
                    own = address
            parts.append(own)
            for child in node:
                walk(child, False)
            parts.append("\n" if tag in breaks else sep)
        if not is_root:
            parts.append(flat(node.tail))

    walk(el, True)
    paragraphs = []
    for para in "".join(parts).split("\n\n"):
        lines = [" ".join(line.split()) for line in para.split("\n")]
        lines = [line for line in lines if line]
        if lines:
            paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
