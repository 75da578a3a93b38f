"""Responses for linked-data documents: RDF in a negotiated format, 404s in the asked format,
and the ``Link`` headers naming every alternate."""

from __future__ import annotations

from pyoxigraph import RdfFormat, serialize

from ..endpoint.protocol import content_type
from ..namespaces import OWL, RDF, RDFS, SKOS, XSD
from .graph import HR
from .negotiation import EXTENSION_OF, HTML, RDF_FORMATS

PREFIXES = {
    "hr": HR,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "owl": OWL,
    "xsd": XSD,
    "dcterms": "http://purl.org/dc/terms/",
    "void": "http://rdfs.org/ns/void#",
    "prov": "http://www.w3.org/ns/prov#",
    "sh": "http://www.w3.org/ns/shacl#",
}


def rdf_body(triples, fmt: RdfFormat, *, comment: str = "") -> bytes:
    """``triples`` serialised as ``fmt`` (prefixes where the syntax has them), a comment on top
    for the line-based syntaxes."""
    prefixes = PREFIXES if fmt in (RdfFormat.TURTLE, RdfFormat.RDF_XML, RdfFormat.TRIG) else None
    body = serialize(triples, format=fmt, prefixes=prefixes) if prefixes else serialize(triples, format=fmt)
    if comment and fmt in (RdfFormat.TURTLE, RdfFormat.N_TRIPLES, RdfFormat.TRIG, RdfFormat.N_QUADS):
        body = b"".join(b"# " + line.encode("utf-8") + b"\n" for line in comment.splitlines()) + body
    return body


def media_type(fmt) -> str:
    return "text/html; charset=utf-8" if fmt == HTML else content_type(fmt)


def alternates(html_url: str, data_url: str, described: str | None = None) -> str:
    """A ``Link`` header value: the HTML page and every RDF format of one description."""
    links = [f'<{html_url}>; rel="alternate"; type="text/html"']
    links += [
        f'<{data_url}.{EXTENSION_OF[fmt]}>; rel="alternate"; type="{fmt.media_type}"' for fmt in RDF_FORMATS
    ]
    if described:
        links.append(f'<{described}>; rel="describes"')
    return ", ".join(links)
