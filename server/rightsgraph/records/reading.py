"""Reading the files an archivist sends into one store, safely, remembering where everything came from.

:func:`read_records` takes (name, bytes, media type) for each file, screens each one
(safety.py), chooses its format (formats.py), and loads it into the default graph
of a fresh in-memory pyoxigraph store with the reference (ontology, vocabularies,
published sources): the shapes see the union, each statement once however many
files give it (an RDF merge: blank nodes of different files are kept apart). What
each file describes is remembered beside the store, for the report. CSV files go
through the case-record template (template.py) after the RDF files, so a quote can
be checked against a source document described alongside.

Nothing read is dropped silently: an empty file, a file of no statements, JSON-LD
whose keys, ids or types its context does not define (jsonld_terms.py) are refused;
a class or property the ontology lacks is a finding (terms.py).

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
from typing import Iterable

from pyoxigraph import BlankNode, NamedNode, Quad, Store, Triple, parse

from ..errors import MalformedRecord
from ..namespaces import BASE, OWL, RDF
from . import formats, safety
from .jsonld_terms import dropped
from .locating import Locator
from .reference import full_texts, reference_triples, vocabulary
from .safety import in_words, visible
from .template import MappedRows, Registry, TemplateFinding, map_rows
from .terms import unknown_term

OWL_IMPORTS = OWL + "imports"
RDF_TYPE = RDF + "type"
ONTOLOGY_FULL_TEXT = BASE + "ontology/fullText"
_PREFIX = re.compile(r"^\s*@?prefix\s+([\w.-]*):\s*<([^>]*)>", re.IGNORECASE | re.MULTILINE)


@dataclass(frozen=True)
class ReadingFinding:
    """A statement read but naming a term the ontology lacks: the subject, the term's place, what to do."""

    focus: str
    path: str | None
    message: str
    value: str


@dataclass
class RecordFile:
    """One file as read: its name, format, text, what it describes, and how to find a resource's line in it."""

    name: str
    format: formats.RecordFormat
    text: str
    number: int
    mapped: MappedRows | None = None
    subjects: set[str] = field(default_factory=set)
    typed: set[str] = field(default_factory=set)
    imports: list[str] = field(default_factory=list)
    findings: list[ReadingFinding] = field(default_factory=list)
    statements: int = 0
    #: The file's statements as read (blank nodes as merged): what the archive writes when it accepts them.
    triples: list[Triple] = field(default_factory=list)
    _locator: Locator | None = None

    def line_of(self, iri: str) -> int | None:
        if self.mapped is not None:
            origin = self.mapped.origin.get(iri)
            return origin[0][0] if origin else None
        if self._locator is None:
            self._locator = Locator(self.text, _prefixes(self.text, self.format))
        return self._locator.line(iri)

    def note(self, quad_or_triple) -> None:
        """Remember what a statement of this file describes (for reports) and any term the ontology lacks."""
        self.statements += 1
        self.triples.append(Triple(quad_or_triple.subject, quad_or_triple.predicate, quad_or_triple.object))
        subject, predicate, obj = quad_or_triple.subject, quad_or_triple.predicate.value, quad_or_triple.object
        if isinstance(subject, NamedNode):
            self.subjects.add(subject.value)
        message = unknown_term(predicate, "property")
        if predicate == RDF_TYPE:
            if isinstance(subject, NamedNode):
                self.typed.add(subject.value)
            message = unknown_term(obj.value, "class") if isinstance(obj, NamedNode) else None
        elif predicate == OWL_IMPORTS and isinstance(obj, NamedNode):
            self.imports.append(obj.value)
        if message:
            self.findings.append(ReadingFinding(str(subject.value) if isinstance(subject, NamedNode) else "",
                                                predicate, message, obj.value))


@dataclass
class Submission:
    """Everything sent for one validation: the store (the union of the files and the reference) and the files."""

    store: Store
    files: list[RecordFile]
    notices: list[str] = field(default_factory=list)

    @property
    def template_findings(self) -> list[tuple[RecordFile, TemplateFinding]]:
        return [(f, finding) for f in self.files if f.mapped for finding in f.mapped.findings]

    @property
    def reading_findings(self) -> list[tuple[RecordFile, ReadingFinding]]:
        return [(f, finding) for f in self.files for finding in f.findings]

    def describes(self, iri: str) -> bool:
        return any(iri in f.subjects for f in self.files)

    def home(self, iri: str) -> RecordFile | None:
        """The first file that describes ``iri`` as a subject."""
        return next((f for f in self.files if iri in f.subjects), None)


def read_records(items: list[tuple[str, bytes, str]], *, max_bytes: int,
                 reference: Iterable[Triple] | None = None) -> Submission:
    """Read (name, data, media type) items into one Submission; raises the errors of safety.py and MalformedRecord.

    Every statement goes into the store's default graph, so the shapes see the union
    of the files (a statement given in two files is one statement, as in an RDF merge);
    what each file describes is kept beside the store, for the report. ``reference``
    replaces the published reference (the archive's gate passes everything it holds).
    """
    if not items:
        raise MalformedRecord("Nothing to validate: send at least one record file.")
    safety.check_size(sum(len(data) for _, data, _ in items), max_bytes)
    store = Store()
    reference = reference_triples() if reference is None else reference
    store.extend(Quad(t.subject, t.predicate, t.object) for t in reference)
    files, csvs = [], []
    for number, (name, data, media_type) in enumerate(items):
        fmt = formats.declared(filename=name, media_type=media_type)
        text = safety.decode(data, name)
        if not text.strip():
            raise MalformedRecord(f"{name} is empty: nothing to validate.")
        fmt = fmt or formats.from_content(text)
        safety.screen(data, text, fmt)
        record = RecordFile(name, fmt, text, number)
        files.append(record)
        if fmt.is_csv:
            csvs.append(record)
        else:
            _load_rdf(store, record)
    texts = full_texts(q.triple for q in store.quads_for_pattern(None, NamedNode(ONTOLOGY_FULL_TEXT), None))
    registry = Registry()
    for record in csvs:
        record.mapped = map_rows(record.text, vocabulary(texts), registry, name=record.name)
        for triple in record.mapped.triples:
            record.note(triple)
        store.extend(Quad(t.subject, t.predicate, t.object) for t in record.mapped.triples)
    for record in files:
        if record.statements == 0:
            raise MalformedRecord(f"{record.name} holds no statement: nothing to validate"
                                  f"{' (only the header line)' if record.format.is_csv else ''}.")
    notices = [f"{record.name}: owl:imports <{iri}> was not followed; validate that file alongside "
               "if it belongs to the record." for record in files for iri in record.imports]
    return Submission(store=store, files=files, notices=notices)


def _load_rdf(store: Store, record: RecordFile) -> None:
    """The file's statements into the union; blank nodes kept apart from other files' (an RDF merge)."""
    if record.format is formats.JSON_LD:
        lost = dropped(record.text)
        if lost:
            more = f"; and {len(lost) - 8} more" if len(lost) > 8 else ""
            raise MalformedRecord(f"{record.name}: JSON-LD keeps only what its @context maps to IRIs, and "
                                  f"{'; '.join(lost[:8])}{more}. Nothing would be checked of it: add an @context "
                                  "that maps each key to an IRI of the model (see examples/records/case-record.jsonld) "
                                  "and give absolute IRIs as @id.")
    try:
        store.extend(_noted(record))
    except SyntaxError as error:
        raise MalformedRecord(_syntax_message(record, error)) from None
    except MemoryError as error:
        limit = re.search(r"size of (\d+)", str(error))
        size = f" (more than {in_words(int(limit.group(1)))})" if limit else ""
        raise MalformedRecord(f"{record.name} holds a value or a line too long to read{size}: a record's text is far "
                              "shorter. Check that the file is the record you meant and that every quoted value "
                              "is closed.") from None


def _noted(record: RecordFile):
    suffix = f"f{record.number}"
    for q in parse(record.text.encode("utf-8"), format=record.format.rdf):
        subject, obj = q.subject, q.object
        if isinstance(subject, BlankNode):
            subject = BlankNode(subject.value + suffix)
        if isinstance(obj, BlankNode):
            obj = BlankNode(obj.value + suffix)
        quad = Quad(subject, q.predicate, obj)
        record.note(quad)
        yield quad


def _syntax_message(record: RecordFile, error: SyntaxError) -> str:
    message = str(error.msg if hasattr(error, "msg") else error)
    if error.lineno is None and record.format is formats.RDF_XML:
        position = _xml_position(record.text)
        if position:
            return f"{record.name}: not well-formed XML at line {position[0]}, column {position[1]}: {message}"
    if error.lineno is not None and "line" not in message:
        message = f"line {error.lineno}, column {error.offset}: {message}"
    return f"{record.name} is not valid {record.format.name}: {visible(message)}"


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
