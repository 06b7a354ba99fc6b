from search.snippets import highlight_spans, mark_html


def test_marks_inflected_forms_and_compounds() -> None:
    text = "Kompetensförsörjningsarbetet i regionerna och regionens prognoser."
    marked = [text[s:e] for s, e in highlight_spans(text, "kompetensförsörjning region")]
    assert marked == ["Kompetensförsörjningsarbetet", "regionerna", "regionens"]


def test_stop_words_are_not_marked() -> None:
    assert highlight_spans("och i på för", "och i") == []


def test_mark_html_escapes_document_text() -> None:
    text = "<script>alert(1)</script> validering"
    out = mark_html(text, highlight_spans(text, "validering"))
    assert "<script>" not in out
    assert "&lt;script&gt;" in out
    assert out.endswith("<mark>validering</mark>")
