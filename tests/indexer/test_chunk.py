from indexer.chunk import ChunkSettings, chunk_document, document_text
from indexer.extract.blocks import Block


def count_words(text: str) -> int:
    """A stand-in tokenizer: one token per word, enough to test the packing rules."""
    return len(text.split())


def blocks() -> list[Block]:
    long_para = " ".join(f"Mening nummer {i} handlar om kompetensförsörjning i regionen." for i in range(40))
    return [
        Block("Rapport", kind="heading", level=1),
        Block("Inledningen är kort."),
        Block("Bakgrund", kind="heading", level=2),
        Block(long_para),
        Block("Slutsatser", kind="heading", level=2),
        Block("Regionerna behöver långsiktiga uppdrag.", page=3),
    ]


def test_passages_respect_token_budget_and_offsets() -> None:
    b = blocks()
    text, _ = document_text(b)
    passages = chunk_document("d", "Rapport", b, count_words, ChunkSettings(max_tokens=60, overlap_tokens=12))
    assert len(passages) > 4
    for p in passages:
        assert count_words(p.text) <= 60
        assert text[p.char_start : p.char_end] == p.text
    assert [p.ordinal for p in passages] == list(range(len(passages)))


def test_passages_follow_headings() -> None:
    passages = chunk_document("d", "Rapport", blocks(), count_words, ChunkSettings(max_tokens=60, overlap_tokens=12))
    assert passages[0].heading_path == ["Rapport"]
    assert passages[0].text == "Inledningen är kort."
    assert passages[1].heading_path == ["Rapport", "Bakgrund"]
    assert passages[-1].heading_path == ["Rapport", "Slutsatser"]
    assert passages[-1].page == 3
    # No passage mixes two sections.
    assert all("Inledningen" not in p.text for p in passages[1:])


def test_consecutive_passages_overlap_by_whole_sentences() -> None:
    passages = chunk_document("d", "Rapport", blocks(), count_words, ChunkSettings(max_tokens=60, overlap_tokens=12))
    body = [p for p in passages if p.heading_path == ["Rapport", "Bakgrund"]]
    for a, b in zip(body, body[1:], strict=False):
        assert b.char_start < a.char_end, "expected overlap"
        assert a.char_end - b.char_start < len(a.text) / 2


def test_overlong_sentence_is_cut_at_words_within_the_window() -> None:
    sentence = " ".join(["ord"] * 700)
    passages = chunk_document("d", "T", [Block(sentence)], count_words, ChunkSettings(max_tokens=256, overlap_tokens=0))
    assert sum(count_words(p.text) for p in passages) == 700
    assert all(count_words(p.text) <= 256 for p in passages)


def test_embed_text_carries_title_and_headings() -> None:
    passages = chunk_document("d", "Rapport", blocks(), count_words, ChunkSettings(max_tokens=60, overlap_tokens=12))
    assert passages[1].embed_text("Rapport").startswith("Rapport / Bakgrund\n")
