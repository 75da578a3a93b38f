"""Serialise query results into a negotiated format, cut at a number of rows.

pyoxigraph serialises a whole result iterator and cannot stop at a row count,
so SELECT solutions are capped here and written as SPARQL JSON (the default and
most asked-for format), which pyoxigraph then converts when another results
format was asked for. Graphs are capped on the triple iterator and serialised by
pyoxigraph directly. Either way the caller learns whether rows were cut.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice
from typing import Any, Iterable, Iterator

from pyoxigraph import (
    BlankNode,
    Literal,
    NamedNode,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    RdfFormat,
    Triple,
    parse_query_results,
    serialize,
)

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


@dataclass(frozen=True)
class Answer:
    """A serialised result: its bytes, media type, how many rows and whether more were cut."""

    body: bytes
    media_type: str
    rows: int
    truncated: bool


def term_json(term: Any) -> dict[str, Any]:
    """One RDF term in SPARQL 1.1 (and 1.2 for triple terms and directions) JSON results."""
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        encoded = {"type": "literal", "value": term.value}
        if term.language:
            encoded["xml:lang"] = term.language
            if term.direction is not None:
                encoded["its:dir"] = str(term.direction)
        elif term.datatype.value != XSD_STRING:
            encoded["datatype"] = term.datatype.value
        return encoded
    if isinstance(term, Triple):
        return {
            "type": "triple",
            "value": {
                "subject": term_json(term.subject),
                "predicate": term_json(term.predicate),
                "object": term_json(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


def solutions(results: QuerySolutions, fmt: QueryResultsFormat, max_rows: int) -> tuple[bytes, int, bool]:
    """SELECT results as ``fmt``, at most ``max_rows`` of them; (body, rows, truncated)."""
    names = [variable.value for variable in results.variables]
    bindings = []
    for solution in islice(results, max_rows):
        bindings.append(
            {name: term_json(solution[name]) for name in names if solution[name] is not None}
        )
    truncated = next(results, None) is not None
    body = json.dumps(
        {"head": {"vars": names}, "results": {"bindings": bindings}},
        ensure_ascii=False,
        separators=(",", ":"),
    ).encode("utf-8")
    if fmt != QueryResultsFormat.JSON:
        body = parse_query_results(body, format=QueryResultsFormat.JSON).serialize(format=fmt)
    return body, len(bindings), truncated


def boolean(result: QueryBoolean, fmt: QueryResultsFormat) -> bytes:
    """An ASK result as ``fmt``."""
    return result.serialize(format=fmt)


class _Counted:
    """Wraps an iterator to count what the serialiser took from it."""

    def __init__(self, items: Iterable[Any]) -> None:
        self.items: Iterator[Any] = iter(items)
        self.count = 0

    def __iter__(self) -> Iterator[Any]:
        for item in self.items:
            self.count += 1
            yield item


def graph(triples: Iterable[Triple], fmt: RdfFormat, max_rows: int) -> tuple[bytes, int, bool]:
    """CONSTRUCT or DESCRIBE triples as ``fmt``, at most ``max_rows`` of them."""
    source = iter(triples)
    counted = _Counted(islice(source, max_rows))
    body = serialize(counted, format=fmt)
    truncated = next(source, None) is not None
    return body, counted.count, truncated
