"""The record formats we read, and how one is chosen: by media type, by file extension, then by content.

The media type and extension are looked at before the bytes are decoded, so a file of
an unsupported kind is refused as such (415), not as text that is not UTF-8.

The content sniffing only decides between formats whose openings differ (XML, JSON,
the CSV template's header, Turtle-family text); it never guesses a format the
parser would then read differently: Turtle-like text goes to the TriG parser (TriG
is a superset of Turtle) and line-based text to the N-Quads parser (a superset of
N-Triples), so a file is parsed the same way whichever of the pair it is.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import RdfFormat

from ..errors import UnsupportedMediaType


@dataclass(frozen=True)
class RecordFormat:
    """One input format: its name for people, media types, extensions, and pyoxigraph's parser (None for CSV)."""

    name: str
    media_types: tuple[str, ...]
    extensions: tuple[str, ...]
    rdf: RdfFormat | None

    @property
    def is_csv(self) -> bool:
        return self.rdf is None


TURTLE = RecordFormat("Turtle", ("text/turtle", "application/x-turtle"), (".ttl",), RdfFormat.TURTLE)
TRIG = RecordFormat("TriG", ("application/trig",), (".trig",), RdfFormat.TRIG)
N_TRIPLES = RecordFormat("N-Triples", ("application/n-triples",), (".nt",), RdfFormat.N_TRIPLES)
N_QUADS = RecordFormat("N-Quads", ("application/n-quads",), (".nq",), RdfFormat.N_QUADS)
RDF_XML = RecordFormat("RDF/XML", ("application/rdf+xml", "application/xml", "text/xml"), (".rdf", ".owl", ".xml"),
                       RdfFormat.RDF_XML)
JSON_LD = RecordFormat("JSON-LD", ("application/ld+json", "application/json"), (".jsonld", ".json"), RdfFormat.JSON_LD)
#: Browsers on Windows send a .csv upload as application/vnd.ms-excel; a real .xls is refused when decoded.
CSV = RecordFormat("CSV (case-record template)", ("text/csv", "application/csv", "text/x-csv", "application/x-csv",
                                                  "text/comma-separated-values", "text/tab-separated-values",
                                                  "application/vnd.ms-excel"), (".csv", ".tsv"), None)

FORMATS: tuple[RecordFormat, ...] = (TURTLE, TRIG, N_TRIPLES, N_QUADS, RDF_XML, JSON_LD, CSV)

#: Media types that say nothing about the format: the content decides.
GENERIC_TYPES = frozenset({"", "application/octet-stream", "text/plain"})


def by_media_type(media_type: str) -> RecordFormat | None:
    media_type = media_type.split(";")[0].strip().lower()
    return next((fmt for fmt in FORMATS if media_type in fmt.media_types), None)


def by_name(filename: str) -> RecordFormat | None:
    lowered = filename.lower()
    return next((fmt for fmt in FORMATS if lowered.endswith(fmt.extensions)), None)


def sniff(text: str) -> RecordFormat | None:
    """The format the opening of ``text`` shows, or None when it shows none."""
    head = text.lstrip("\ufeff \t\r\n")[:4096]
    first_line = head.split("\n", 1)[0].lower()
    if first_line.startswith("sep="):
        first_line = head.split("\n", 2)[1].lower() if head.count("\n") >= 1 else ""
    if head.startswith("<?xml") or head.startswith("<rdf:RDF") or head.startswith("<!"):
        return RDF_XML
    if head.startswith(("{", "[")):
        return JSON_LD
    if "record_id" in first_line and any(sep in first_line for sep in (",", ";", "\t")):
        return CSV
    lines = [line.strip() for line in head.splitlines() if line.strip() and not line.strip().startswith("#")]
    if lines and all(line.startswith(("<", "_:")) and line.endswith(".") for line in lines[:-1] or lines):
        return N_QUADS
    if lines:
        return TRIG
    return None


def declared(*, filename: str = "", media_type: str = "") -> RecordFormat | None:
    """The format a record's media type (if specific) or else its file extension names; None if neither does.

    Raises UnsupportedMediaType for a specific media type that is not a record format.
    """
    if media_type.split(";")[0].strip().lower() not in GENERIC_TYPES:
        chosen = by_media_type(media_type)
        if chosen is None:
            raise UnsupportedMediaType(f"Records are read as {names()}; not as {media_type}.")
        return chosen
    return by_name(filename)


def from_content(text: str) -> RecordFormat:
    """The format the content shows; raises UnsupportedMediaType naming the formats we read."""
    chosen = sniff(text)
    if chosen is None:
        raise UnsupportedMediaType(f"The record is empty or its format cannot be told; send one of {names()}.")
    return chosen


def names() -> str:
    return ", ".join(fmt.name.split(" ")[0] for fmt in FORMATS)
