"""The source text cut into paragraphs and marked segments (pure functions)."""

from rightsgraph.publishing.text import context, marked, paragraphs, spans_from

TEXT = "Title line\nstill title  \n\nFirst para one.\nFirst para two.\n \nLast."


def test_paragraphs_split_on_blank_lines_and_trim():
    assert [TEXT[a:b] for a, b in paragraphs(TEXT)] == ["Title line\nstill title", "First para one.\nFirst para two.", "Last."]


def test_context_returns_the_quote_with_its_paragraph():
    start = TEXT.index("para two")
    assert context(TEXT, start, start + 8) == ("First para one.\nFirst ", "para two", ".")


def test_overlapping_spans_nest_and_link_the_innermost():
    outer_start = TEXT.index("First para one")
    inner_start = TEXT.index("para one")
    spans = spans_from([(outer_start, outer_start + 15, "F1", "/c/1"), (inner_start, inner_start + 4, "F2", "/c/2")])
    segments = marked(TEXT, spans)[1]
    assert "".join(s.text for s in segments) == "First para one.\nFirst para two."
    inner = next(s for s in segments if s.text == "para")
    assert inner.depth == 2 and inner.link == "/c/2"
    assert [span.claims[0][0] for s in segments for span in s.opens] == ["F1", "F2"]


def test_same_range_claims_share_one_span():
    spans = spans_from([(0, 5, "F2", "/c/2"), (0, 5, "F1", "/c/1")])
    assert len(spans) == 1 and [c for c, _ in spans[0].claims] == ["F1", "F2"] and spans[0].anchor == "char=0,5"
