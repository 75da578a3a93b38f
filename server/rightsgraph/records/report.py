"""The report a person reads: findings grouped by record, then by field, in words, with where to look.

:func:`build` turns an Outcome and the Submission it came from into a :class:`Report`
(the view every output shares): one :class:`Group` per record (a CSV row, or a
resource of an RDF file), each finding with its field (the CSV column, or the
shape's name for the property), severity, message, the offending value by its label,
and the line in the input where it can be known. :func:`text` and :func:`summary_json`
render it; the HTML page renders the same Report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import rdflib
from pyoxigraph import NamedNode
from rdflib.namespace import RDFS, SH, SKOS

from ..namespaces import ONTOLOGY, SHAPES
from ..shacl import SEVERITIES, Result, severity_rank
from . import csv_messages, quote_context
from .engine import UNKNOWN_TERM, Outcome
from .reading import Submission
from .safety import visible
from .template import COLUMN_OF_KIND, COLUMN_OF_PATH
from .terms import prefixed

LABELS = (str(RDFS.label), str(SKOS.prefLabel), ONTOLOGY + "title")


@dataclass(frozen=True)
class Line:
    field: str
    severity: str
    message: str
    value: str | None
    line: int | None
    focus: str
    shape: str


@dataclass
class Group:
    title: str
    file: str
    line: int | None
    findings: list[Line] = field(default_factory=list)

    @property
    def worst(self) -> str:
        return min((f.severity for f in self.findings), key=severity_rank, default="Info")


@dataclass
class Report:
    files: list[str]
    profile: str
    profile_summary: str
    engine: str
    seconds: float
    records: int
    groups: list[Group]
    notices: list[str]
    counts: dict[str, int]

    @property
    def conforms(self) -> bool:
        return self.counts.get("Violation", 0) == 0

    @property
    def verdict(self) -> str:
        if not self.conforms:
            return "does not conform"
        return "conforms with warnings" if self.counts.get("Warning", 0) else "conforms"

    @property
    def summary(self) -> str:
        counts = ", ".join(f"{self.counts.get(s, 0)} {s.lower()}{'' if self.counts.get(s, 0) == 1 else 's'}"
                           for s in SEVERITIES if s != "Info" or self.counts.get(s))
        return (f"{', '.join(self.files)}: {self.verdict} — {counts}; {len(self.groups)} of {self.records} "
                f"record{'s' if self.records != 1 else ''} with findings; profile {self.profile}; "
                f"{self.seconds:.2f} s")


class _Labels:
    """Human labels of resources and shape names, read from the submission and the reference."""

    def __init__(self, submission: Submission, shapes: rdflib.Graph) -> None:
        self.store, self.shapes, self._cache = submission.store, shapes, {}

    def of(self, node) -> str:
        if not isinstance(node, rdflib.URIRef):
            return str(node) if isinstance(node, rdflib.Literal) else "(an unnamed resource)"
        if node not in self._cache:
            label = None
            for predicate in LABELS:
                for quad in self.store.quads_for_pattern(NamedNode(str(node)), NamedNode(predicate), None):
                    label = quad.object.value
                    break
                if label:
                    break
            self._cache[node] = label or str(node)
        return self._cache[node]

    def title(self, node) -> str:
        """A resource as a heading: its label and IRI, or, unlabelled, the label of its kind and its IRI."""
        label = self.of(node)
        if not isinstance(node, rdflib.URIRef):
            return label
        if label == str(node):
            kinds = [self.of(rdflib.URIRef(q.object.value)) for q in self.store.quads_for_pattern(
                NamedNode(str(node)), NamedNode(str(rdflib.RDF.type)), None)]
            return f"{kinds[0] if kinds else 'resource'} <{node}>"
        return f"{label} <{node}>"

    def field(self, result: Result) -> str:
        name = self.shapes.value(result.shape, SH.name)
        if name is not None:
            return str(name)
        if result.path and not result.path.startswith(("<", "^", "(")):
            return self.of(rdflib.URIRef(result.path))
        return str(result.shape).removeprefix(SHAPES)


#: The shape whose finding on a quote is told with what the source file holds (quote_context.py).
QUOTE_SHAPES = {SHAPES + "QuoteShape-verbatimInFile"}
MAX_COUNT = str(SH.MaxCountConstraintComponent)


@dataclass(frozen=True)
class _Place:
    key: tuple
    title: str
    file: str
    line: int | None
    field: str
    message: str
    value: str | None
    row: bool = False  # a row of the CSV template: one finding per row and column


def _csv_places(submission: Submission, result: Result, labels: _Labels, message: str) -> list[_Place]:
    """Every row of every CSV that minted or cited the finding's resource: a shared one is every row's."""
    places = []
    for record in submission.files:
        if record.mapped is None:
            continue
        for line, kind in record.mapped.origin.get(str(result.focus), []):
            row = next((r for r in record.mapped.records if r[0] == line), None)
            default = COLUMN_OF_PATH.get(result.path or "", COLUMN_OF_KIND.get(kind, kind))
            cells = record.mapped.cells.get(line, {})
            column, words = csv_messages.for_row(str(result.shape), result.path, default, message,
                                                 has_source=bool(cells.get("source_document")))
            if str(result.component) == MAX_COUNT and not str(result.shape).endswith("-statedBy"):
                words = (f"Rows citing the same span of the source (same source_document, quote_start and "
                         f"quote_end) or the same resource give it different values for {column}: make them agree.")
            if str(result.shape) in QUOTE_SHAPES:
                words = f"{words} {quote_context.describe(submission.store, str(result.focus))}".strip()
            cell = cells.get(column)
            value = cell or None
            title = f"Record {row[1] or '(no id)'}" if row else labels.of(result.focus)
            places.append(_Place((record.name, line, title), title, record.name, line, f"column {column}", words,
                                 value, row=True))
    return places


def _places(submission: Submission, result: Result, labels: _Labels) -> list[_Place]:
    message = result.message
    places = _csv_places(submission, result, labels, message)
    if places:
        return places
    if str(result.shape) in QUOTE_SHAPES:
        message = f"{message} {quote_context.describe(submission.store, str(result.focus))}".strip()
    home = submission.home(str(result.focus)) if isinstance(result.focus, rdflib.URIRef) else (
        submission.files[0] if len(submission.files) == 1 else None)
    line = home.line_of(str(result.focus)) if home else None
    name = home.name if home else "(input)"
    field_name = prefixed(result.path) if str(result.shape) == str(UNKNOWN_TERM) else labels.field(result)
    value = None if result.value is None else (
        prefixed(str(result.value)) if str(result.shape) == str(UNKNOWN_TERM) else labels.of(result.value))
    return [_Place((name, line or 0, str(result.focus)), labels.title(result.focus), name, line, field_name,
                   message, value)]


def _specificity(result: Result) -> tuple[int, int]:
    """Which of a row's findings on one column to show: the worst, then the one that names the cause.

    The template's own finding (a refused date, an unknown act) and a value of the wrong
    kind come before what follows from them (a quote whose place could not be computed).
    """
    shape = str(result.shape).removeprefix(SHAPES)
    source = 0 if shape.startswith(("CaseRecordTemplate-", "RecordReading-")) else (
        1 if shape.startswith("DatatypesShape-") else 2 if shape == "ObjectPropertyRangeShape" else 3)
    return severity_rank(result.severity), source


def build(outcome: Outcome, submission: Submission) -> Report:
    """The findings placed on every record they touch: once per CSV row and column, once per resource and message."""
    labels = _Labels(submission, outcome.shapes)
    chosen: dict[tuple, tuple] = {}
    for result in outcome.results:
        for place in _places(submission, result, labels):
            ident = (place.key, place.field) if place.row else (place.key, place.field, place.message)
            rank = _specificity(result)
            if ident not in chosen or rank < chosen[ident][0]:
                chosen[ident] = (rank, place, result)
    groups: dict[tuple, Group] = {}
    for _, place, result in chosen.values():
        group = groups.setdefault(place.key, Group(title=place.title, file=place.file, line=place.line))
        group.findings.append(Line(field=place.field, severity=result.severity, message=visible(place.message),
                                   value=None if place.value is None else visible(place.value),
                                   line=place.line, focus=str(result.focus), shape=str(result.shape)))
    ordered = [groups[k] for k in sorted(groups, key=lambda k: (k[0], k[1] or 0, k[2]))]
    for group in ordered:
        group.findings.sort(key=lambda f: (f.field, severity_rank(f.severity), f.message))
    counts = {s: sum(1 for g in ordered for f in g.findings if f.severity == s) for s in SEVERITIES}
    return Report(files=[f.name for f in submission.files], profile=outcome.profile.name,
                  profile_summary=outcome.profile.summary, engine=outcome.engine, seconds=outcome.seconds,
                  records=_record_count(submission), groups=ordered, notices=submission.notices, counts=counts)


def _record_count(submission: Submission) -> int:
    return sum(len(record.mapped.records) if record.mapped is not None else len(record.typed)
               for record in submission.files)


def text(report: Report) -> str:
    """The plain-language report: a headline, then each record and its findings, then the summary line."""
    out = [f"Validation of {', '.join(report.files)} against the rightsgraph shapes",
           f"Profile: {report.profile} — {report.profile_summary}", ""]
    out += [f"Note: {notice}" for notice in report.notices]
    if report.notices:
        out.append("")
    for group in report.groups:
        where = f"{group.file}, line {group.line}" if group.line else group.file
        out.append(f"{group.title}  ({where})")
        for finding in group.findings:
            out.append(f"  {finding.field} — {finding.severity}: {finding.message}")
            if finding.value is not None:
                out.append(f"      value: {finding.value}")
        out.append("")
    if not report.groups:
        out += ["No findings: every record follows the shapes.", ""]
    out.append(report.summary)
    return "\n".join(out) + "\n"


def summary_json(report: Report) -> dict:
    """A summary for scripts: the verdict, the counts and every finding with its place."""
    return {
        "conforms": report.conforms, "verdict": report.verdict, "profile": report.profile,
        "engine": report.engine, "seconds": round(report.seconds, 3), "files": report.files,
        "records": report.records, "records_with_findings": len(report.groups),
        "counts": {s.lower(): n for s, n in report.counts.items()}, "notices": report.notices,
        "findings": [{"file": g.file, "line": f.line, "record": g.title, "field": f.field, "severity": f.severity,
                      "message": f.message, "value": f.value, "focus": f.focus, "shape": f.shape}
                     for g in report.groups for f in g.findings],
    }
