"""The source text cut into what a page shows: paragraphs, a quote in its paragraph,
and every claim's span marked. Pure functions over the text and character offsets
(Unicode code points in the file as shipped, as ``hr:rawStart``/``hr:rawEnd`` count).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each paragraph: runs of text between blank lines, white space trimmed."""
    spans, position = [], 0
    for separator in [*_BLANK_LINE.finditer(text), None]:
        end = separator.start() if separator else len(text)
        chunk = text[position:end]
        if chunk.strip():
            lead = len(chunk) - len(chunk.lstrip())
            spans.append((position + lead, position + len(chunk.rstrip())))
        position = separator.end() if separator else end
    return spans


def context(text: str, start: int, end: int) -> tuple[str, str, str]:
    """The quote at ``start``-``end`` with the rest of its paragraph(s): (before, quote, after)."""
    spans = paragraphs(text)
    lo = max((s for s, e in spans if s <= start), default=0)
    hi = min((e for s, e in spans if e >= end), default=len(text))
    return text[lo:start], text[start:end], text[end:hi]


@dataclass(frozen=True)
class Span:
    """One quoted range and the claims that cite it; ``anchor`` is its RFC 5147 fragment."""

    start: int
    end: int
    claims: tuple[tuple[str, str], ...]  # (claim id, claim IRI)

    @property
    def anchor(self) -> str:
        return f"char={self.start},{self.end}"


@dataclass
class Segment:
    """A run of text under the same spans: ``depth`` of them, linked to the innermost."""

    text: str
    depth: int = 0
    link: str | None = None
    title: str = ""
    opens: list[Span] = field(default_factory=list)


def spans_from(rows: list[tuple[int, int, str, str]]) -> list[Span]:
    """Group (start, end, claim id, claim IRI) rows by range, sorted by start then longest first."""
    grouped: dict[tuple[int, int], list[tuple[str, str]]] = {}
    for start, end, claim_id, claim in rows:
        grouped.setdefault((start, end), []).append((claim_id, claim))
    return [
        Span(start, end, tuple(sorted(set(claims))))
        for (start, end), claims in sorted(grouped.items(), key=lambda item: (item[0][0], -item[0][1]))
    ]


def marked(text: str, spans: list[Span]) -> list[list[Segment]]:
    """The text as paragraphs of segments, each segment covered by the same set of spans."""
    result = []
    for lo, hi in paragraphs(text):
        inside = [span for span in spans if span.start < hi and span.end > lo]
        cuts = sorted({lo, hi, *(max(lo, s.start) for s in inside), *(min(hi, s.end) for s in inside)})
        segments = []
        for a, b in zip(cuts, cuts[1:]):
            covering = [span for span in inside if span.start <= a and span.end >= b]
            innermost = min(covering, key=lambda span: span.end - span.start, default=None)
            segments.append(
                Segment(
                    text=text[a:b],
                    depth=len(covering),
                    link=innermost.claims[0][1] if innermost else None,
                    title=", ".join(cid for span in covering for cid, _ in span.claims),
                    opens=[span for span in inside if span.start == a or (a == lo and span.start < lo)],
                )
            )
        result.append(segments)
    return result
