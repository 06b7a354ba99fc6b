"""Cleaning: drop page furniture, normalise text, recover structure.

Saved web pages carry browser notices, cookie banners, skip links, menus and
share buttons around the article; PDFs carry page numbers and hard line
breaks. All of that is removed here, keeping the order of the text and
anything that carries meaning (a contact block at the very end stays).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from indexer.dates import first_date
from indexer.extract.blocks import Block

_BOILERPLATE = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"denna webbplats använder teknik som .*webbläsare.*",
        r".*\b(?:din|en modern) webbläsare\b.*(?:stöds|uppdatera|byt).*",
        r"(?:gå|hoppa) (?:direkt )?till (?:huvud)?innehåll(?:et)?\.?",
        r"(?:till|gå till) (?:startsidan|toppen|sidans topp)\.?",
        r"skip to (?:main )?content\.?",
        r"(?=.*\b(?:kakor|cookies?|cookiepolicy)\b)(?=.*\b(?:godkänn|accepter|använder|inställningar|"
        r"samtycke|läs mer|policy)).{0,400}",
        r"(?:godkänn|acceptera|neka) (?:alla )?(?:kakor|cookies)\.?",
        r"(?:meny|menu|sök|search|logga in|logga ut|stäng|close|lyssna|läs upp|skriv ut|print|"
        r"dela|share|tipsa en vän|e-posta sidan|kontakta oss|till toppen|tillbaka|english|"
        r"in english|lättläst|teckenspråk|ändra textstorlek|visa fler|visa mer|till innehållet|"
        r"ladda upp|sök dokument|kategorier|ok|anpassa|godkänn alla|relaterade sidor|"
        r"dela(?: sidan)?:.*|textstorlek:?.*|följ oss.*|prenumerera.*|acceptera(?: alla)?|neka|"
        r"ladda ner|anmäl dokument|sök på .{1,40}|skriv ut sidan|spara som pdf|kalendarium|"
        r"vidarebefordra till en vän|fler nyheter(?: från .{1,40})?|avsluta prenumeration(?:en)?)",
        r"dela (?:på|via|sidan på) (?:facebook|linkedin|twitter|x|e-post|mejl)\.?",
        r"(?:facebook|linkedin|twitter|instagram|youtube)(?:\s*[|/·]\s*(?:facebook|linkedin|"
        r"twitter|instagram|youtube))*",
        r"(?:sida|page)\s+\d+(?:\s*(?:av|of|/)\s*\d+)?",
        r"\d{1,4}(?:\s*/\s*\d{1,4})?",
        r"(?:publicerad|uppdaterad|senast uppdaterad|sidan (?:senast )?uppdaterad|sidan uppdaterades)\s*:?\s*",
    )
]
_BREADCRUMB = re.compile(r"^[^.!?]{0,120}(?:\s(?:>|›|»)\s[^.!?]{1,60}){2,}$")
_DATE_LINE = re.compile(
    r"^(publicerad|uppdaterad|senast uppdaterad|sidan (?:senast )?uppdaterad|sidan uppdaterades|datum)\s*:?\s*(.*)$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?:;…”\"')]$")
_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w+)")
# After "vård-" these words mean the hyphen is a Swedish ellipsis, not a line break.
_KEEP_HYPHEN_BEFORE = {"och", "eller", "samt", "respektive", "till", "som", "men"}

HEADING_MAX_CHARS = 90


@dataclass
class CleanResult:
    blocks: list[Block]
    published: str | None = None
    updated: str | None = None


def normalise_line(line: str) -> str:
    line = unicodedata.normalize("NFC", line)
    line = line.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    return " ".join(line.split())


def _is_menu(line: str) -> bool:
    """A row of short links: "Om oss | Kontakta oss | Press | Kakor"."""
    items = [i.strip() for i in re.split(r"\s[|·•]\s|\s/\s", line) if i.strip()]
    return len(items) >= 3 and all(len(i.split()) <= 4 for i in items) and not _SENTENCE_END.search(items[-1])


def is_table(lines: list[str]) -> bool:
    """Rows of cells separated by " | " (how every reader writes a table): data, never a menu."""
    rows = [line for line in lines if line.strip()]
    if len(rows) < 2 or not all(" | " in row for row in rows):
        return False
    widths = [row.count(" | ") for row in rows]
    return max(widths.count(w) for w in set(widths)) >= 0.7 * len(rows)


def is_boilerplate(line: str) -> bool:
    if not line:
        return True
    if any(p.fullmatch(line) for p in _BOILERPLATE):
        return True
    return bool(_BREADCRUMB.match(line)) or _is_menu(line)


def _join_hyphenated(text: str) -> str:
    def repl(m: re.Match[str]) -> str:
        if m.group(2).lower() in _KEEP_HYPHEN_BEFORE or not m.group(2)[0].islower():
            return f"{m.group(1)}- {m.group(2)}"
        return f"{m.group(1)}{m.group(2)}"

    return _HYPHEN_BREAK.sub(repl, text)


def _unwrap_page_lines(lines: list[str]) -> list[str]:
    """Join the hard-wrapped lines of PDF text back into paragraphs.

    A new paragraph starts after a line that ends a sentence and is clearly
    shorter than the page's full lines, or at a short heading-like line.
    """
    if len(lines) < 2:
        return lines
    full = max(len(line) for line in lines)
    out: list[str] = [lines[0]]
    for prev, line in zip(lines, lines[1:], strict=False):
        ends_para = bool(_SENTENCE_END.search(prev)) and len(prev) < 0.8 * full
        prev_is_heading = len(prev) < 0.6 * full and not _SENTENCE_END.search(prev)
        starts_upper = line[:1].isupper() or line[:1].isdigit() or line[:1] in "-•–"
        if (ends_para and starts_upper) or (prev_is_heading and starts_upper) or line[:1] in "•▪":
            out.append(line)
        else:
            out[-1] = f"{out[-1]}\n{line}"
    return out


def _looks_like_heading(text: str) -> bool:
    return (
        "\n" not in text
        and len(text) <= HEADING_MAX_CHARS
        and not _SENTENCE_END.search(text)
        and (text[:1].isupper() or text[:1].isdigit())
        and len(text.split()) <= 12
        and not text.startswith(("-", "•", "–"))
    )


def _is_body(text: str) -> bool:
    return len(text) > HEADING_MAX_CHARS or bool(_SENTENCE_END.search(text))


def infer_headings(blocks: list[Block]) -> list[Block]:
    """Mark headings in text that has no markup, and keep short-line runs together.

    A short line is a heading only when body text follows it. Runs of short
    lines with no body after them (a contact block: topic, name, title) are
    kept together as one paragraph, line breaks and all.
    """
    out: list[Block] = []
    i = 0
    while i < len(blocks):
        block = blocks[i]
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        if block.kind == "paragraph" and _looks_like_heading(block.text):
            same_page = nxt is not None and nxt.page == block.page
            if nxt is not None and nxt.kind == "paragraph" and _is_body(nxt.text) and same_page:
                out.append(Block(block.text, kind="heading", level=2, page=block.page))
                i += 1
                continue
            run = [block]
            j = i + 1
            while (
                j < len(blocks)
                and blocks[j].kind == "paragraph"
                and _looks_like_heading(blocks[j].text)
                and blocks[j].page == block.page
                and not (j + 1 < len(blocks) and _is_body(blocks[j + 1].text))
            ):
                run.append(blocks[j])
                j += 1
            out.append(Block("\n".join(b.text for b in run), page=block.page))
            i = j
            continue
        out.append(block)
        i += 1
    return out


def clean_blocks(blocks: list[Block], unwrap: bool = False) -> CleanResult:
    """Remove boilerplate lines, normalise, and recover headings where none are marked.

    `unwrap` joins hard-wrapped lines (PDF text) into paragraphs first.
    Dates found on "Publicerad:"-style lines are returned, since the lines go.
    """
    result = CleanResult(blocks=[])
    # Contact boxes a reader appended (a heading, then "contact" blocks) are kept
    # as they are: they are what people extraction and a search for a name need.
    tail = next((i for i, b in enumerate(blocks) if b.kind == "contact"), len(blocks))
    if 0 < tail < len(blocks) and blocks[tail - 1].kind == "heading":
        tail -= 1
    contact_tail = blocks[tail:]
    blocks = blocks[:tail]
    had_headings = any(b.kind == "heading" for b in blocks)
    for block in blocks:
        text = _join_hyphenated(block.text) if unwrap else block.text
        lines = [normalise_line(line) for line in text.split("\n")]
        if is_table(lines):
            result.blocks.append(Block("\n".join(line for line in lines if line), "table", 0, block.page))
            continue
        kept: list[str] = []
        for line in lines:
            m = _DATE_LINE.match(line)
            if m and len(line) < 80:
                dates = m.group(2)
                label = m.group(1).lower()
                date = first_date(dates)
                if date and label.startswith(("publicerad", "datum")) and not result.published:
                    result.published = date
                elif date and not label.startswith(("publicerad", "datum")):
                    result.updated = result.updated or date
                if date or is_boilerplate(line) or "uppdaterad" in dates.lower():
                    continue
            if is_boilerplate(line):
                continue
            kept.append(line)
        if not kept:
            continue
        # A box of short lines (a PDF footer's contact column: name, title, e-mail) is no wrapped prose.
        is_box = 2 <= len(kept) <= 8 and all(len(line) <= 60 for line in kept)
        pieces = _unwrap_page_lines(kept) if unwrap and not is_box else ["\n".join(kept)]
        for piece in pieces:
            if block.kind == "heading":
                result.blocks.append(Block(piece.replace("\n", " "), "heading", block.level, block.page))
            else:
                result.blocks.append(Block(piece, "paragraph", 0, block.page))
    if unwrap:
        for b in result.blocks:
            if b.kind == "paragraph" and not _looks_like_heading(b.text.split("\n")[0]):
                b.text = " ".join(b.text.split("\n"))
    if not had_headings:
        result.blocks = infer_headings(result.blocks)
    for block in contact_tail:
        lines = [normalise_line(line) for line in block.text.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            result.blocks.append(Block(text, block.kind, block.level, block.page))
    return result
