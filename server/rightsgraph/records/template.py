"""The CSV template for case records: one row per record, mapped to the project's RDF.

An archivist keeps case records in a spreadsheet: who, what act, when (the words as
written, and the date as a value), where, on what charge, according to which source,
with which quote, and how the source puts it. :data:`COLUMNS` is the template (it
feeds docs/records.md and the header check); :func:`map_rows` turns the rows into the
same triples a curator would write in Turtle, so the same shapes check them and the
report can point back to the row's line and the column to fix.

What the mapping decides, and why:

- **Nothing is filled in.** An empty cell gives no triple, so the shape that needs it
  reports it; the mapper never supplies a default status, date or doer.
- **Controlled values** (act, status, event status) are matched to the ontology's
  classes and the vocabularies' concepts by their label or their short name, ignoring
  case. An unknown status or event status still becomes a concept IRI, and the
  vocabulary shape reports it; an unknown act is reported by the template itself (no
  shape could tell a misspelt class from a real one), and the event is typed
  ``hr:Event`` so it is still checked as an event.
- **Dates** follow data/README.md: ``date_as_written`` is ``hr:expressedDate``; ``date``
  (EDTF: ``2019-10-30``, ``2019-10``, ``2019``, ``2019-08/2019-10``) gives ``hr:edtf``,
  the precision and, for these plain forms, the earliest and latest day. The year
  counts as printed only when the words contain it; otherwise ``hr:yearInferred true``
  is stated, and the shapes ask for the basis of the inference, as they would of a
  curator.
- **Quotes** are located by their offsets in the source file (``quote_start``,
  ``quote_end``), as every quote of the project is; the offsets in the normalised text
  are computed from the source's full text when the validator knows it (a published
  document, or one described in a file validated alongside). When both offsets are
  left empty and the source's text is known, they are computed from the quote (its
  words, white space matched loosely): a quote found nowhere, or found more than once,
  is reported for the row, and the offsets are never guessed.
- **Cells holding an IRI** (``https://…``) point to a resource described elsewhere
  instead of minting one.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Callable, Iterable

from pyoxigraph import Literal, NamedNode, Triple

from ..checks.quotes import normalised_span
from ..errors import MalformedRecord
from ..namespaces import ID, ONTOLOGY, RDF, RDFS, VOCAB, XSD
from .dates import date_problem
from .safety import in_words, visible

RDF_TYPE = NamedNode(RDF + "type")
RDFS_LABEL = NamedNode(RDFS + "label")


@dataclass(frozen=True)
class Column:
    name: str
    required: bool
    help: str
    example: str


COLUMNS: tuple[Column, ...] = (
    Column("record_id", True, "The record's identifier: capital letters then digits, unique per source document.", "C001"),
    Column("person", True, "The person the act was done to, as the source names them (or the IRI of one).", "Sam Bopha"),
    Column("act", True, "What was done: an act or event of the ontology by its label (arrest, detention, "
           "imprisonment, death in custody, killing, charging, prosecution ...).", "arrest"),
    Column("event_status", True, "Whether it happened: occurred, ongoing, planned, ordered, threatened, "
           "requested, potential, not-occurred.", "occurred"),
    Column("date_as_written", False, "The date in the source's own words.", "30 October 2019"),
    Column("date", False, "The date as a value, in EDTF: 2019-10-30, 2019-10, 2019, or a range 2019-08/2019-10. "
           "Leave empty when the source gives none.", "2019-10-30"),
    Column("date_precision", False, "day, month, year or interval: needed when the date has no value "
           "(the words only); otherwise read from the value.", "month"),
    Column("place", False, "Where, as the source names it (or the IRI of a place).", "Svay Rieng province"),
    Column("charge", False, "The charge exactly as printed, quotation marks included.", "“plotting against the state”"),
    Column("source_document", True, "The source: the identifier of a document of the project "
           "(amnesty-cambodia-2019) or described in a file validated alongside, or its IRI.", "amnesty-cambodia-2019"),
    Column("section", False, "Where in the source the words stand: the section's identifier (main, background) "
           "or IRI.", "main"),
    Column("quote", True, "The source's exact words that support the record, white space made single spaces.",
           "Sam Bopha, a CNRP activist"),
    Column("quote_start", True, "Where the quote starts in the source file, in characters from 0; leave it and "
           "quote_end empty to have them found from the quote when the source's text is known.", "1861"),
    Column("quote_end", True, "Where the quote's span ends in the source file (exclusive).", "1887"),
    Column("status", True, "How the source puts it: asserted, author-evaluation, author-hedged, "
           "information-received, attributed, allegation, widely-believed.", "asserted"),
    Column("stated_by", True, "Who makes the statement: usually the source's author.", "Amnesty International"),
    Column("attributed_to", False, "For reported content (information received, attributed, allegation, widely "
           "believed): from whom.", ""),
    Column("summary", False, "The record in one plain sentence.", "Sam Bopha was arrested on 30 October 2019."),
)
BY_NAME = {column.name: column for column in COLUMNS}

#: The column to fix for a finding on a property (the report's "field" for CSV input).
COLUMN_OF_PATH = {
    ONTOLOGY + "claimId": "record_id", ONTOLOGY + "victim": "person", ONTOLOGY + "participant": "person",
    ONTOLOGY + "eventStatus": "event_status", ONTOLOGY + "expressedDate": "date_as_written",
    ONTOLOGY + "edtf": "date", ONTOLOGY + "earliest": "date", ONTOLOGY + "latest": "date",
    ONTOLOGY + "precision": "date_precision", ONTOLOGY + "yearInferred": "date", ONTOLOGY + "inferenceBasis": "date",
    ONTOLOGY + "time": "date", ONTOLOGY + "place": "place", ONTOLOGY + "charge": "charge",
    ONTOLOGY + "wordingAsPrinted": "charge", ONTOLOGY + "quotedFrom": "source_document",
    ONTOLOGY + "inDocument": "source_document", ONTOLOGY + "inSection": "section", ONTOLOGY + "evidence": "quote",
    ONTOLOGY + "exactText": "quote", ONTOLOGY + "rawStart": "quote_start", ONTOLOGY + "rawEnd": "quote_end",
    ONTOLOGY + "normalizedStart": "quote_start", ONTOLOGY + "normalizedEnd": "quote_end",
    ONTOLOGY + "epistemicStatus": "status", ONTOLOGY + "statedBy": "stated_by",
    ONTOLOGY + "attributedTo": "attributed_to", ONTOLOGY + "paraphrase": "summary",
}
#: The column of a resource's own label or type, by the kind of resource the row minted.
COLUMN_OF_KIND = {"claim": "record_id", "event": "act", "person": "person", "place": "place", "charge": "charge",
                  "time": "date_as_written", "quote": "quote", "agent": "stated_by"}


@dataclass(frozen=True)
class TemplateFinding:
    """A problem the template finds itself (no shape could): which line, which column, what to do."""

    line: int
    column: str
    message: str
    value: str


@dataclass
class MappedRows:
    """The triples of the rows; for every minted or cited resource each (line, kind) it came from; the cells."""

    triples: list[Triple] = field(default_factory=list)
    origin: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    records: list[tuple[int, str, str]] = field(default_factory=list)  # (line, record id, claim IRI)
    findings: list[TemplateFinding] = field(default_factory=list)
    cells: dict[int, dict[str, str]] = field(default_factory=dict)  # line -> column -> cell


@dataclass
class Registry:
    """What the rows of every CSV of one submission minted: names by IRI, record ids by source."""

    names: dict[str, str] = field(default_factory=dict)
    ids: dict[tuple[str, str], tuple[str, int, tuple]] = field(default_factory=dict)


@dataclass(frozen=True)
class Vocabulary:
    """What the mapping looks names up in: acts by label, concepts by scheme, and source texts."""

    acts: dict[str, str]
    concepts: dict[str, dict[str, str]]
    full_text: Callable[[str], str | None]


def slug(text: str) -> str:
    """The name as an IRI segment: letters of any script with their marks, digits; the rest a hyphen.

    Combining marks (Khmer, Devanagari, Arabic vowel signs) are kept: names that differ
    only in them are different names.
    """
    text = unicodedata.normalize("NFC", text.strip().lower())
    kept = "".join(c if c.isalnum() or c == "_" or unicodedata.category(c).startswith("M") else "-" for c in text)
    return re.sub(r"-+", "-", kept).strip("-")


def is_iri(text: str) -> bool:
    return text.startswith(("https://", "http://", "urn:"))


#: The longest cell read (a quote or summary is far shorter; a longer one is a wrong file).
MAX_CELL = 1_000_000
#: Separators spreadsheets write: comma, semicolon (European Excel), tab.
SEPARATORS = (",", ";", "\t")
_SEPARATOR_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def separator(first_line: str) -> str:
    """The separator whose header cells are most often the template's column names."""
    def known(sep: str) -> int:
        return sum(1 for name in next(csv.reader([first_line], delimiter=sep), []) if name.strip().lower() in BY_NAME)
    return max(SEPARATORS, key=known)


def _with_suggestion(name: str) -> str:
    close = difflib.get_close_matches(name, BY_NAME, n=1, cutoff=0.6)
    return visible(name) + (f" (did you mean {close[0]}?)" if close else "")


def read_rows(text: str) -> Iterable[tuple[int, dict[str, str]]]:
    """The rows of the CSV with the line each starts on; raises MalformedRecord on a bad header.

    The text is read as a spreadsheet writes it: a line break of any kind inside a quoted
    cell stays in the cell, CRLF or CR ends a row, the separator is a comma, a semicolon
    or a tab (Excel's ``sep=`` line is honoured), each cell's white space is made single spaces.
    """
    stream = io.StringIO(text.removeprefix("\ufeff"), newline="")
    first = stream.readline()
    offset = 0
    sep_line = re.fullmatch(r"sep=(.)\s*", first)
    if sep_line:
        sep, first, offset = sep_line.group(1), stream.readline(), 1
    else:
        sep = separator(first)
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(first + stream.read(), newline=""), delimiter=sep)
    try:
        header = [re.sub(r"[\s-]+", "_", name.strip().lower()) for name in next(reader)]
    except StopIteration:
        raise MalformedRecord("The CSV is empty: it needs the template's header line.")
    except csv.Error as error:
        raise MalformedRecord(f"The CSV header cannot be read (line {1 + offset}): {error}.")
    unknown = [_with_suggestion(name) for name in header if name and name not in BY_NAME]
    missing = [c.name for c in COLUMNS if c.required and c.name not in header]
    if unknown or missing:
        problems = ([f"unknown column(s) {', '.join(unknown)}"] if unknown else []) + (
            [f"missing column(s) {', '.join(missing)}"] if missing else [])
        hint = "" if len(header) > 1 else (" The header has one column: separate the columns with commas, "
                                           "semicolons or tabs.")
        raise MalformedRecord(f"The CSV header (line {1 + offset}) does not follow the case-record template: "
                              f"{'; '.join(problems)}.{hint} See docs/records.md for the columns.")
    repeated = sorted({name for name in header if name and header.count(name) > 1})
    if repeated:
        raise MalformedRecord(f"The CSV header (line {1 + offset}) names the column(s) {', '.join(repeated)} twice: "
                              "keep one of each.")
    line = reader.line_num + 1 + offset
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):
                extra = [cell for i, cell in enumerate(cells) if (i >= len(header) or not header[i]) and cell.strip()]
                if extra:
                    raise MalformedRecord(f"Line {line} has {len(cells)} cells but the header names "
                                          f"{sum(1 for name in header if name)} columns: quote cells that hold "
                                          f"{_SEPARATOR_NAMES.get(sep, repr(sep))} (\"like{sep} this\").")
                yield line, {name: (" ".join(cells[i].split()) if i < len(cells) else "")
                             for i, name in enumerate(header) if name}
            line = reader.line_num + 1 + offset
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise MalformedRecord(f"The CSV has a cell longer than {in_words(MAX_CELL)} of text near line "
                                  f"{reader.line_num + offset}: a quote or a summary is far shorter. Check that "
                                  "the file is the case-record spreadsheet and that every quotation mark is closed.")
        raise MalformedRecord(f"The CSV cannot be read at line {reader.line_num + offset}: {error}.")


def map_rows(text: str, vocabulary: Vocabulary, registry: Registry | None = None, *, name: str = "") -> MappedRows:
    """The triples of every row of a CSV in the template (see the module docstring).

    ``registry`` is shared by the CSVs of one submission, so two files never merge
    different names or different records into one resource.
    """
    mapped, registry = MappedRows(), registry if registry is not None else Registry()
    for line, row in read_rows(text):
        mapped.cells[line] = row
        _map_row(line, row, vocabulary, mapped, registry, name)
    return mapped


class _Row:
    """One row being mapped: mints resources and adds triples, remembering where each came from."""

    def __init__(self, line: int, mapped: MappedRows, registry: Registry) -> None:
        self.line, self.mapped, self.registry = line, mapped, registry

    def cite(self, iri: str, kind: str) -> None:
        places = self.mapped.origin.setdefault(iri, [])
        if (self.line, kind) not in places:
            places.append((self.line, kind))

    def mint(self, kind: str, iri: str, rdf_type: str | None = None, label: str | None = None) -> NamedNode:
        node = NamedNode(iri)
        self.cite(iri, kind)
        if rdf_type:
            self.add(node, RDF_TYPE, NamedNode(rdf_type))
        if label:
            self.add(node, RDFS_LABEL, Literal(label))
        return node

    def iri(self, column: str, value: str) -> NamedNode | None:
        """A cell holding an IRI, or None with a finding when it is no valid IRI."""
        try:
            node = NamedNode(value)
        except ValueError:
            self.finding(column, f"“{visible(value)}” is not a valid IRI: give the name in words, or the IRI "
                                 "without spaces or angle brackets.", value)
            return None
        self.cite(value, column)
        return node

    def entity(self, kind: str, value: str, rdf_type: str, label: str | None = None,
               column: str | None = None) -> NamedNode | None:
        """The resource a cell names: its IRI as given, or one minted and labelled from the words.

        Names that differ (even only in a vowel sign or in case) are never one resource:
        a second name whose segment is taken gets a short hash of its own.
        """
        if not value:
            return None
        if is_iri(value):
            return self.iri(column or kind, value)
        name = unicodedata.normalize("NFC", value)
        segment = slug(name) or "name"
        iri = f"{ID}{kind}/{segment}"
        if self.registry.names.setdefault(iri, name) != name:
            iri = f"{ID}{kind}/{segment}-{hashlib.sha256(name.encode()).hexdigest()[:8]}"
            self.registry.names.setdefault(iri, name)
        return self.mint(kind, iri, rdf_type, label or value)

    def add(self, subject, predicate, obj) -> None:
        if obj is not None:
            self.mapped.triples.append(Triple(subject, predicate, obj))

    def finding(self, column: str, message: str, value: str) -> None:
        self.mapped.findings.append(TemplateFinding(self.line, column, message, value))


def _hr(term: str) -> NamedNode:
    return NamedNode(ONTOLOGY + term)


def _offset(cell: str) -> Literal | None:
    """An offset cell as an integer; anything else kept as written, for the datatype shape to report."""
    if not cell:
        return None
    return Literal(cell, datatype=NamedNode(XSD + "integer")) if re.fullmatch(r"[0-9]+", cell) else Literal(cell)


EMPTY_QUOTE = "Fill in quote: the source's exact words between quote_start and quote_end."


def _map_row(line: int, row: dict[str, str], vocabulary: Vocabulary, mapped: MappedRows, registry: Registry,
             name: str) -> None:
    """One row as a curator would write it: the act as an event, the row as the claim that supports it,
    the quote as the claim's evidence."""
    out = _Row(line, mapped, registry)
    source = _source(out, row.get("source_document", ""))
    record_id = row.get("record_id", "")
    key = _record_key(line, row, record_id, source, registry, name)
    event = _event(out, row, key, vocabulary)
    claim = _claim(out, row, key, record_id, source, vocabulary)
    mapped.records.append((line, record_id, claim.value))
    out.add(claim, _hr("supports"), event)
    out.add(claim, _hr("evidence"), _evidence(out, row, key, source, vocabulary))


@dataclass(frozen=True)
class _Source:
    """The source document a row cites: its node and IRI (None when the cell is empty), and its slug."""

    node: NamedNode | None
    iri: str | None
    slug: str


def _source(out: _Row, document: str) -> _Source:
    node = (out.iri("source_document", document) if is_iri(document)
            else NamedNode(f"{ID}document/{slug(document) or 'name'}") if document else None)
    iri = node.value if node is not None else None
    return _Source(node, iri, slug(iri.removeprefix(ID + "document/")) if iri else "no-document")


def _record_key(line: int, row: dict[str, str], record_id: str, source: _Source, registry: Registry,
                name: str) -> str:
    """The key the row's IRIs are minted from: source and record id, made unique when another row has them."""
    key = f"{source.slug}-{slug(record_id) or f'line-{line}'}"
    cells = tuple(sorted(row.items()))
    first = registry.ids.setdefault((source.slug, record_id or f"line-{line}"), (name, line, cells))
    if first[:2] != (name, line) and not (first[0] != name and first[2] == cells):
        # Another row has this id for this source: its own resources, so the two are reported, never merged.
        # The same row in another file is the same record (the union of the files), as in RDF.
        key += f"-line-{line}" if first[0] == name else f"-{slug(name) or 'file'}-line-{line}"
    return key


def _event(out: _Row, row: dict[str, str], key: str, vocabulary: Vocabulary) -> NamedNode:
    """The act the row records, with its victim, place, charge and time."""
    get = row.get
    person = out.entity("person", get("person", ""), ONTOLOGY + "Person")
    act_words = get("act", "")
    act_class = vocabulary.acts.get(act_words.lower()) or vocabulary.acts.get(slug(act_words))
    if not act_words:
        out.finding("act", "Fill in act: what was done (arrest, detention, imprisonment, death in custody, "
                           "killing, charging ...).", "")
    elif act_class is None:
        out.finding("act", f"“{visible(act_words)}” is not an act or event the model knows: use one of its labels "
                           "(arrest, detention, imprisonment, death in custody, killing, charging ...).", act_words)
    event_label = f"{act_words or 'event'} of {get('person', '')}".strip().removesuffix(" of")
    event = out.mint("event", f"{ID}event/{key}", act_class or ONTOLOGY + "Event", event_label)
    out.add(event, _hr("eventStatus"), _concept(vocabulary, "event-status", get("event_status", "")))
    out.add(event, _hr("victim"), person)
    out.add(event, _hr("place"), out.entity("place", get("place", ""), ONTOLOGY + "Place"))
    charge_words = get("charge", "")
    charge = out.entity("charge", charge_words, ONTOLOGY + "Charge", charge_words.strip(" \"'“”‘’"))
    if charge is not None and not is_iri(charge_words):
        out.add(charge, _hr("wordingAsPrinted"), Literal(charge_words))
    out.add(event, _hr("charge"), charge)
    date = get("date", "")
    problem = date_problem(date) if date else None
    if problem:
        out.finding("date", problem, date)
    out.add(event, _hr("time"), _time(out, key, get("date_as_written", ""), "" if problem else date,
                                      _concept(vocabulary, "date-precision", get("date_precision", ""))))
    return event


def _claim(out: _Row, row: dict[str, str], key: str, record_id: str, source: _Source,
           vocabulary: Vocabulary) -> NamedNode:
    """The row as a claim: who states it, to whom it is attributed, how sure, where in the source."""
    get = row.get
    claim = out.mint("claim", f"{ID}claim/{key}", ONTOLOGY + "Claim",
                     f"{record_id or 'record on line ' + str(out.line)}: {get('person', '') or '—'} — "
                     f"{get('act', '') or '—'} — {get('date_as_written', '') or get('date', '') or '—'}")
    out.add(claim, _hr("claimId"), Literal(record_id) if record_id else None)
    out.add(claim, _hr("epistemicStatus"), _concept(vocabulary, "epistemic-status", get("status", "")))
    out.add(claim, _hr("quotedFrom"), source.node)
    out.add(claim, _hr("statedBy"), out.entity("agent", get("stated_by", ""), ONTOLOGY + "Agent", column="stated_by"))
    out.add(claim, _hr("attributedTo"), out.entity("agent", get("attributed_to", ""), ONTOLOGY + "Agent",
                                                   column="attributed_to"))
    out.add(claim, _hr("inSection"), _section(out, get("section", ""), source))
    out.add(claim, _hr("paraphrase"), Literal(get("summary")) if get("summary") else None)
    return claim


def _section(out: _Row, section: str, source: _Source) -> NamedNode | None:
    if not section:
        return None
    if is_iri(section):
        return out.iri("section", section)
    if source.iri is None:
        out.finding("section", f"The section “{visible(section)}” is given but source_document is empty: fill in "
                               "source_document, the source the section belongs to.", section)
        return None
    segment = slug(section)
    return NamedNode(f"{source.iri}-{segment}" if not segment.startswith(source.slug) else f"{ID}document/{segment}")


def _evidence(out: _Row, row: dict[str, str], key: str, source: _Source, vocabulary: Vocabulary) -> NamedNode | None:
    """The quote the claim rests on; its offsets found from the words when the cells leave them out."""
    words, start, end = row.get("quote", ""), row.get("quote_start", ""), row.get("quote_end", "")
    if not words and (start or end):
        out.finding("quote", EMPTY_QUOTE, "")
    text = vocabulary.full_text(source.iri) if source.iri else None
    if words and not start and not end and text is not None:
        start, end = _find_quote(out, words, text)
    return _quote(out, key, source.iri, words, start, end, vocabulary)


def _find_quote(out: _Row, words: str, text: str) -> tuple[str, str]:
    """The file offsets of the one place ``words`` stand in ``text`` (white space matched as any run of it);
    ("", "") and a finding when they stand nowhere or in several places."""
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words.split()))
    found = [match.span() for match in pattern.finditer(text)]
    if len(found) == 1:
        return str(found[0][0]), str(found[0][1])
    if not found:
        out.finding("quote", "The quote is not in the source's text: copy the words exactly as printed.", words)
    else:
        out.finding("quote", f"The quote stands {len(found)} times in the source's text (at "
                              f"{', '.join(str(s) for s, _ in found[:5])}): give quote_start and quote_end, "
                              "or quote more words.", words)
    return "", ""


def _concept(vocabulary: Vocabulary, scheme: str, words: str) -> NamedNode | None:
    """The concept a cell names (by label or short name); an unknown one keeps its name for the shapes to report."""
    if not words:
        return None
    concepts = vocabulary.concepts.get(scheme, {})
    return NamedNode(concepts.get(words.lower()) or concepts.get(slug(words)) or f"{VOCAB}{scheme}/{slug(words)}")


_DIGITS = re.compile(r"[0-9]+")
_IRI_SAFE = re.compile(r"[0-9A-Za-z.\-]*")
_PLAIN_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_MONTH_END = {"02": "28", "04": "30", "06": "30", "09": "30", "11": "30"}


def _bounds(value: str) -> tuple[str, str, str] | None:
    """(precision, earliest, latest) of a plain EDTF date: a day, a month or a year."""
    match = _PLAIN_DATE.fullmatch(value)
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        return "day", value, value
    if month:
        leap = int(year) % 4 == 0 and (int(year) % 100 != 0 or int(year) % 400 == 0)
        last = "29" if month == "02" and leap else _MONTH_END.get(month, "31")
        return "month", f"{value}-01", f"{value}-{last}"
    return "year", f"{year}-01-01", f"{year}-12-31"


def _time(out: _Row, key: str, words: str, value: str, precision_given: NamedNode | None) -> NamedNode | None:
    if not words and not value:
        return None
    time = out.mint("time", f"{ID}time/{key}", ONTOLOGY + "TimeSpec")
    out.add(time, _hr("expressedDate"), Literal(words) if words else None)
    if precision_given is not None:
        out.add(time, _hr("precision"), precision_given)
    if not value:
        return time
    out.add(time, _hr("edtf"), Literal(value))
    start, _, end = value.partition("/")
    first, last = _bounds(start), _bounds(end) if end else _bounds(start)
    precision = ("interval" if end else first[0]) if first and last else ("interval" if end else None)
    if precision and precision_given is None:
        out.add(time, _hr("precision"), NamedNode(f"{VOCAB}date-precision/{precision}"))
    date = NamedNode(XSD + "date")
    if first:
        out.add(time, _hr("earliest"), Literal(first[1], datatype=date))
    if last:
        out.add(time, _hr("latest"), Literal(last[2], datatype=date))
    year = re.match(r"\d{4}", start) or re.match(r"\d{4}", end)
    if year:
        inferred = year.group(0) not in words
        out.add(time, _hr("yearInferred"), Literal("true" if inferred else "false", datatype=NamedNode(XSD + "boolean")))
    return time


def _quote(out: _Row, key: str, doc_iri: str | None, words: str, start: str, end: str,
           vocabulary: Vocabulary) -> NamedNode | None:
    if not (words or start or end):
        return None
    iri = f"{doc_iri}#char={start},{end}" if doc_iri and "#" not in doc_iri and _IRI_SAFE.fullmatch(start + end) \
        else f"{ID}quote/{key}"
    quote = out.mint("quote", iri, ONTOLOGY + "Quote")
    out.add(quote, _hr("inDocument"), NamedNode(doc_iri) if doc_iri else None)
    out.add(quote, _hr("exactText"), Literal(words) if words else None)
    out.add(quote, _hr("rawStart"), _offset(start))
    out.add(quote, _hr("rawEnd"), _offset(end))
    text = vocabulary.full_text(doc_iri) if doc_iri else None
    if text is not None and _DIGITS.fullmatch(start) and _DIGITS.fullmatch(end) and int(start) < int(end) <= len(text):
        normal_start, normal_end = normalised_span(text, int(start), int(end))
        integer = NamedNode(XSD + "integer")
        out.add(quote, _hr("normalizedStart"), Literal(str(normal_start), datatype=integer))
        out.add(quote, _hr("normalizedEnd"), Literal(str(normal_end), datatype=integer))
    return quote
