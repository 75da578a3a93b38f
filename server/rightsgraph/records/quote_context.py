"""What the source really holds where a wrong quote points, and where the quoted words really are.

"The quote is not in the source at its offsets" leaves the archivist to count
characters. :func:`describe` adds what they need to correct it: the source's words at
the given offsets, and the offsets of the quoted words if they stand anywhere in it
(white space matched loosely, as the quote check does).
"""

from __future__ import annotations

import re

from pyoxigraph import NamedNode, Store

from ..namespaces import ONTOLOGY

_SHOWN = 120
_FOUND_SHOWN = 3


def _value(store: Store, subject: NamedNode, term: str):
    quad = next(iter(store.quads_for_pattern(subject, NamedNode(ONTOLOGY + term), None)), None)
    return quad.object.value if quad is not None else None


def _short(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= _SHOWN else words[:_SHOWN] + "…"


def describe(store: Store, quote_iri: str) -> str:
    """One or two sentences on the quote's place in its source; "" when the source's text is not known."""
    quote = NamedNode(quote_iri)
    document = _value(store, quote, "inDocument")
    text = _value(store, NamedNode(document), "fullText") if document else None
    words = _value(store, quote, "exactText")
    if text is None:
        return ""
    said = []
    start, end = _value(store, quote, "rawStart"), _value(store, quote, "rawEnd")
    if start is not None and end is not None and start.isdigit() and end.isdigit():
        first, last = int(start), int(end)
        if last > len(text):
            said.append(f"The source has only {len(text)} characters.")
        elif first < last:
            said.append(f"At {first}–{last} the source reads “{_short(text[first:last])}”.")
    if words and words.split():
        pattern = r"\s+".join(re.escape(word) for word in words.split())
        found = [(m.start(), m.end()) for _, m in zip(range(_FOUND_SHOWN + 1), re.finditer(pattern, text))]
        if not found:
            said.append("The quoted words are nowhere in the source.")
        else:
            places = ", ".join(f"{a}–{b}" for a, b in found[:_FOUND_SHOWN])
            more = " (and more)" if len(found) > _FOUND_SHOWN else ""
            said.append(f"The quoted words stand at {places}{more} (start–end, in characters from 0).")
    return " ".join(said)
