"""Content negotiation for linked-data documents: HTML beside the RDF formats.

The endpoint's :func:`rightsgraph.endpoint.protocol.negotiate` picks among pyoxigraph format
objects; :data:`HTML` is a small object with the same two members
(``media_type`` and ``from_media_type``), so one negotiation function and one
order of precedence (exact type, then ``type/*``, then ``*/*``, then q-values)
serve the endpoint and the pages alike.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import RdfFormat

from ..endpoint.protocol import negotiate
from ..errors import NotAcceptable


@dataclass(frozen=True)
class HtmlFormat:
    media_type: str = "text/html"
    name: str = "HTML"
    file_extension: str = "html"

    @classmethod
    def from_media_type(cls, media_type: str) -> "HtmlFormat | None":
        return HTML if media_type in ("text/html", "application/xhtml+xml") else None


HTML = HtmlFormat()

#: What an IRI's description is offered as; with no Accept (or ``*/*``), Turtle.
RDF_FORMATS: tuple[RdfFormat, ...] = (
    RdfFormat.TURTLE,
    RdfFormat.N_TRIPLES,
    RdfFormat.RDF_XML,
    RdfFormat.JSON_LD,
)
OFFERED = (RdfFormat.TURTLE, HTML, RdfFormat.N_TRIPLES, RdfFormat.RDF_XML, RdfFormat.JSON_LD)

#: File extensions of the data documents, one per RDF format.
EXTENSIONS: dict[str, RdfFormat] = {
    "ttl": RdfFormat.TURTLE,
    "nt": RdfFormat.N_TRIPLES,
    "rdf": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD,
}
EXTENSION_OF = {fmt: ext for ext, fmt in EXTENSIONS.items()}


def choose(accept: str | None, offered=OFFERED):
    """HTML or an RDF format for ``accept``; raises NotAcceptable when none fits."""
    return negotiate(accept, offered)


def wants_html(accept: str | None) -> bool:
    """Whether an error for this request should be an HTML page (the client prefers HTML)."""
    try:
        return choose(accept) == HTML
    except NotAcceptable:
        return False
