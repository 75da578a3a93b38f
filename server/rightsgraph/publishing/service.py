"""Pages for a browser at the machine addresses: ``/sparql`` without a query and ``/.well-known/void``.

A browser asks for ``text/html`` first; SPARQL clients and ``curl`` ask for results,
RDF or ``*/*`` and keep getting what they always got. :func:`wants_page` is the one
test, over the same negotiation as every linked-data document: HTML is chosen only
when the client names it (``*/*`` alone picks Turtle, listed first).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import Response, render_template

from ..namespaces import DCTERMS, VOID
from ..page_headers import secure_html
from .documents import media_type
from .dumps import Dump
from .iris import href
from .negotiation import HTML, wants_html


def wants_page(accept: str | None) -> bool:
    """Whether a request with this ``Accept`` is a browser's, to be answered with a page."""
    return bool(accept) and wants_html(accept)


def sparql_page(endpoint: str, graphs: tuple[str, ...], base: str) -> Response:
    """What ``/sparql`` is, for someone who opened it in a browser."""
    named = [{"iri": g, "href": href(g, base)} for g in graphs]
    page = Response(render_template("sparql.html", endpoint=endpoint, graphs=named), content_type=media_type(HTML))
    return secure_html(page)


@dataclass
class VoidPage:
    title: str = ""
    description: str = ""
    numbers: list[tuple[str, str]] = field(default_factory=list)
    graphs: list[tuple[str, str, str]] = field(default_factory=list)
    dumps: list[Dump] = field(default_factory=list)
    vocabularies: list[str] = field(default_factory=list)


NUMBERS = (
    ("triples", "statements"),
    ("entities", "things with an identifier of the dataset"),
    ("distinctSubjects", "things described"),
    ("properties", "kinds of relation"),
    ("classes", "kinds of thing"),
)


def void_page(triples, dumps: list[Dump], base: str) -> Response:
    """The VoID description in words: counts, named graphs, downloads; the same triples as the RDF."""
    dataset = next(t.subject for t in triples if t.predicate.value == VOID + "sparqlEndpoint")
    about = {}
    for t in triples:
        about.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)
    mine = about[dataset]
    page = VoidPage(
        title=mine[DCTERMS + "title"][0].value,
        description=mine[DCTERMS + "description"][0].value,
        numbers=[(mine[VOID + name][0].value, words) for name, words in NUMBERS if VOID + name in mine],
        dumps=dumps,
        vocabularies=sorted(v.value for v in mine.get(VOID + "vocabulary", [])),
    )
    for subset in mine.get(VOID + "subset", []):
        facts = about.get(subset, {})
        names = facts.get("http://www.w3.org/ns/sparql-service-description#name", [])
        counts = facts.get(VOID + "triples", [])
        if names:
            page.graphs.append((names[0].value, href(names[0].value, base), counts[0].value if counts else ""))
    page.graphs.sort()
    return Response(render_template("void.html", void=page), content_type=media_type(HTML))
