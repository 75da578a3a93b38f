"""The SHACL both wings share: shapes loaded, pyshacl run once the project's way, its report read.

``rightsgraph check`` (checks/validation.py) validates the published dataset with it, and
record validation (records/engine.py) falls back to it when its compiled engine cannot
take a shape, and holds that engine to it in the tests. One module, so the two agree on
what a finding is, how it is ordered and which message a person reads.

Why pyshacl runs the way it does:

- **Over one union graph.** Given a ``Dataset``, pyshacl validates each named graph on
  its own; our facts span graphs (a date's words in the document's graph, its inferred
  value and basis in the inferences graph, the concepts in the vocabularies' graph), so
  the shapes must see their union.
- **With ``inference='none'``.** RDFS inference would give resources the types their
  properties' domains and ranges imply, and so hide a missing type instead of reporting
  it (``hr:agent`` has domain ``hr:Event``: a curation with a curator would become an
  event and be asked for an event status). The data states its types; the shapes check
  what is stated. It is also several times faster.
- **With ``advanced=True``.** SHACL-SPARQL targets and constraints carry the checks core
  SHACL cannot say: a quote stands verbatim in its source at its offsets, every object
  property's value is of the ontology's range.
- **Parsing each SPARQL constraint once.** pyshacl hands rdflib a constraint's text for
  every focus node, and rdflib parses it anew each time (about 15 ms: 30 s over the
  statement's dataset). :class:`PreparedQueryGraph` parses each text once; the answers
  are the same. pyshacl works on it in place (``inplace=True``): the graph is built for
  one run, and no shape has rules that would write to it.

An ill-typed literal (``"30/10/2019"^^xsd:date``) is a finding of ``sh:datatype``, not a
log line: rdflib logs a warning with a traceback for each one it fails to convert
(1,777 of them for 100,000 records), so :class:`IllTypedLiteralsAreFindings` drops
those records from rdflib's logger.

A check that found no shapes must not pass: :func:`load_shapes` raises
:class:`ShapesNotFound` when there is no file, or a file holds no shape.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pyshacl
import rdflib
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from .dataset import shape_files
from .loading import union_graph

#: Worst first: the order every report lists findings in.
SEVERITIES = ("Violation", "Warning", "Info")


class IllTypedLiteralsAreFindings(logging.Filter):
    """Drops rdflib's "Failed to convert Literal lexical form" warnings: the shapes report those values."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Failed to convert Literal lexical form")


logging.getLogger("rdflib.term").addFilter(IllTypedLiteralsAreFindings())


class ShapesNotFound(Exception):
    """No shapes to validate with: a missing, empty or shapeless shapes file."""


@dataclass(frozen=True)
class Result:
    """One finding: which resource, which property path, how bad, what to do, and which shape said so.

    ``path`` is the IRI of a simple path, or a SPARQL property path (``^<iri>``,
    ``<a>|<b>``) for a complex one; ``None`` for a node-level result.
    """

    focus: rdflib.term.Node
    path: str | None
    severity: str
    message: str
    shape: rdflib.term.Node
    value: rdflib.term.Node | None
    component: rdflib.term.Node | None = None


def order(result: Result) -> tuple:
    """Sort key: severity (worst first), then shape, focus node, path and value."""
    return (severity_rank(result.severity), str(result.shape), str(result.focus), result.path or "",
            str(result.value or ""))


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else len(SEVERITIES)


def load_shapes(paths: Iterable[Path] | None = None) -> rdflib.Graph:
    """Parse the shape files (all of ``shapes/*.ttl`` by default) into one graph.

    Raises :class:`ShapesNotFound` when there is no file, or a file declares no shape.
    """
    paths = list(shape_files() if paths is None else paths)
    if not paths:
        raise ShapesNotFound("no shape files found under shapes/")
    shapes = rdflib.Graph()
    for path in paths:
        graph = rdflib.Graph().parse(path, format="turtle")
        if not any(graph.subjects(RDF.type, SH.NodeShape)):
            raise ShapesNotFound(f"{path} declares no sh:NodeShape")
        shapes += graph
    return shapes


class PreparedQueryGraph(rdflib.Graph):
    """A graph that parses each SPARQL text once, however often it is asked.

    Only a validation's own graph is of this class, and it lives for one run.
    """

    def __init__(self) -> None:
        super().__init__()
        self._prepared: dict[tuple[str, tuple], Query] = {}

    def query(self, query_object, processor="sparql", result="sparql", initNs=None,  # noqa: N803
              initBindings=None, use_store_provided=True, **kwargs):  # noqa: N803
        if isinstance(query_object, str):
            key = (query_object, tuple(sorted((initNs or {}).items())))
            if key not in self._prepared:
                self._prepared[key] = prepareQuery(query_object, initNs=initNs or {})
            query_object = self._prepared[key]
        return super().query(query_object, processor, result, initNs, initBindings,
                             use_store_provided, **kwargs)


def run_pyshacl(data, shapes: rdflib.Graph) -> tuple[list[Result], rdflib.Graph]:
    """pyshacl over the union of ``data`` (a graph, a dataset or a pyoxigraph store): findings and report."""
    union = union_graph(data, into=PreparedQueryGraph())
    _, report, _ = pyshacl.validate(union, shacl_graph=shapes, inference="none", advanced=True,
                                    allow_warnings=True, inplace=True)
    # Top-level results only: a failed sh:node also carries its inner results as sh:detail.
    nodes = [node for summary in report.subjects(RDF.type, SH.ValidationReport)
             for node in report.objects(summary, SH.result)]
    return sorted((_result(report, node) for node in nodes), key=order), report


def _result(report: rdflib.Graph, node: rdflib.term.Node) -> Result:
    path = report.value(node, SH.resultPath)
    return Result(
        focus=report.value(node, SH.focusNode),
        path=None if path is None else render_path(report, path),
        severity=str(report.value(node, SH.resultSeverity)).removeprefix(str(SH)),
        message=english_first(report.objects(node, SH.resultMessage)),
        shape=report.value(node, SH.sourceShape),
        value=report.value(node, SH.value),
        component=report.value(node, SH.sourceConstraintComponent),
    )


def english_first(messages: Iterable[rdflib.term.Node]) -> str:
    """The message a person reads: the English one, else any, in a stable choice; "" if none."""
    ranked = sorted(messages, key=lambda m: (getattr(m, "language", None) != "en", str(m)))
    return str(ranked[0]) if ranked else ""


def render_path(graph: rdflib.Graph, path: rdflib.term.Node) -> str:
    """A SHACL path as text: the IRI of a predicate, SPARQL syntax for anything else."""
    if isinstance(path, rdflib.URIRef):
        return str(path)
    return _sparql_path(graph, path)


def _sparql_path(graph: rdflib.Graph, path: rdflib.term.Node) -> str:
    if isinstance(path, rdflib.URIRef):
        return f"<{path}>"
    if (inverse := graph.value(path, SH.inversePath)) is not None:
        return "^" + _sparql_path(graph, inverse)
    if (alternatives := graph.value(path, SH.alternativePath)) is not None:
        return "(" + "|".join(_sparql_path(graph, p) for p in rdflib.collection.Collection(graph, alternatives)) + ")"
    for predicate, suffix in ((SH.zeroOrMorePath, "*"), (SH.oneOrMorePath, "+"), (SH.zeroOrOnePath, "?")):
        if (inner := graph.value(path, predicate)) is not None:
            return _sparql_path(graph, inner) + suffix
    if graph.value(path, RDF.first) is not None:
        return "/".join(_sparql_path(graph, p) for p in rdflib.collection.Collection(graph, path))
    return str(path)
