"""Reading the files an archivist sends into one store, safely, remembering where everything came from.

:func:`read_records` takes (name, bytes, media type) for each file, screens each one
(safety.py), chooses its format (formats.py), and loads it into its own named graph
of a fresh in-memory pyoxigraph store; CSV files go through the case-record
template (template.py) after the RDF files, so a quote can be checked against a
source document described alongside. The reference (ontology, vocabularies,
published sources) goes into a graph of its own. Shapes then see the union.

Errors a person can act on, never a traceback: a malformed file raises
``MalformedRecord`` naming the file, the line and the column (pyoxigraph's
``SyntaxError`` carries them; for RDF/XML, which pyoxigraph does not locate, Python's
expat finds the place of an XML error). ``owl:imports`` is never followed; each one is
kept as a notice for the report.
"""

from __future__ import annotations

import re
import xml.parsers.expat
from dataclasses import dataclass, field

from pyoxigraph import NamedNode, Quad, Store, parse

from ..errors import MalformedRecord
from ..namespaces import BASE
from . import formats, safety
from .locating import Locator
from .reference import full_texts, reference_triples, vocabulary
from .template import MappedRows, TemplateFinding, map_rows

REFERENCE_GRAPH = NamedNode(BASE + "validation/reference")
OWL_IMPORTS = "http://www.w3.org/2002/07/owl#imports"
ONTOLOGY_FULL_TEXT = BASE + "ontology/fullText"
_PREFIX = re.compile(r"^\s*@?prefix\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


@dataclass
class RecordFile:
    """One file as read: its name, format, text, graph, and how to find a resource's line in it."""

    name: str
    format: formats.RecordFormat
    text: str
    graph: NamedNode
    mapped: MappedRows | None = None
    _locator: Locator | None = None

    def line_of(self, iri: str) -> int | None:
        if self.mapped is not None:
            origin = self.mapped.origin.get(iri)
            return origin[0] if origin else None
        if self._locator is None:
            self._locator = Locator(self.text, _prefixes(self.text, self.format))
        return self._locator.line(iri)


@dataclass
class Submission:
    """Everything sent for one validation: the store (one graph per file, one for the reference) and the files."""

    store: Store
    files: list[RecordFile]
    notices: list[str] = field(default_factory=list)

    @property
    def template_findings(self) -> list[tuple[RecordFile, TemplateFinding]]:
        return [(f, finding) for f in self.files if f.mapped for finding in f.mapped.findings]


def read_records(items: list[tuple[str, bytes, str]], *, max_bytes: int) -> Submission:
    """Read (name, data, media type) items into one Submission; raises the errors of safety.py and MalformedRecord."""
    safety.check_size(b"".join(data for _, data, _ in items) if len(items) > 1 else items[0][1], max_bytes)
    store = Store()
    store.extend(Quad(t.subject, t.predicate, t.object, REFERENCE_GRAPH) for t in reference_triples())
    files, csvs = [], []
    for number, (name, data, media_type) in enumerate(items):
        fmt = formats.declared(filename=name, media_type=media_type)
        text = safety.decode(data)
        fmt = fmt or formats.from_content(text)
        safety.screen(data, text, fmt)
        record = RecordFile(name, fmt, text, NamedNode(f"{BASE}validation/file/{number}"))
        files.append(record)
        if fmt.is_csv:
            csvs.append(record)
        else:
            _load_rdf(store, record, data)
    texts = full_texts(q.triple for q in store.quads_for_pattern(None, NamedNode(ONTOLOGY_FULL_TEXT), None))
    for record in csvs:
        record.mapped = map_rows(record.text, vocabulary(texts))
        store.extend(Quad(t.subject, t.predicate, t.object, record.graph) for t in record.mapped.triples)
    notices = [f"{record.name}: owl:imports <{quad.object.value}> was not followed; validate that file alongside "
               "if it belongs to the record." for record in files
               for quad in store.quads_for_pattern(None, NamedNode(OWL_IMPORTS), None, record.graph)]
    return Submission(store=store, files=files, notices=notices)


def _load_rdf(store: Store, record: RecordFile, data: bytes) -> None:
    """The file's triples into its own graph: whatever graphs a TriG or N-Quads file names, shapes see the union."""
    try:
        store.extend(Quad(q.subject, q.predicate, q.object, record.graph) for q in parse(data, format=record.format.rdf))
    except SyntaxError as error:
        raise MalformedRecord(_syntax_message(record, error)) from None


def _syntax_message(record: RecordFile, error: SyntaxError) -> str:
    message = str(error.msg if hasattr(error, "msg") else error)
    if error.lineno is None and record.format is formats.RDF_XML:
        position = _xml_position(record.text)
        if position:
            return f"{record.name}: not well-formed XML at line {position[0]}, column {position[1]}: {message}"
    if error.lineno is not None and "line" not in message:
        message = f"line {error.lineno}, column {error.offset}: {message}"
    return f"{record.name} is not valid {record.format.name}: {message}"


def _xml_position(text: str) -> tuple[int, int] | None:
    parser = xml.parsers.expat.ParserCreate()
    try:
        parser.Parse(text, True)
    except xml.parsers.expat.ExpatError as error:
        return error.lineno, error.offset + 1
    return None


def _prefixes(text: str, fmt: formats.RecordFormat) -> dict[str, str]:
    """The prefixes a file declares (Turtle family) or its JSON-LD context maps, for finding names in it."""
    prefixes = {name: iri for name, iri in _PREFIX.findall(text)}
    if fmt is formats.JSON_LD:
        prefixes.update(re.findall(r'"([\w-]+)"\s*:\s*"(https?://[^"]*[/#])"', text))
    return prefixes
