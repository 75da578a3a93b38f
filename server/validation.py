"""SHACL validation: the shapes under ``shapes/`` run over the data, results a person can read.

Two entry points, one engine:

- :func:`validate_dataset` checks the published dataset (ontology, vocabularies and
  every source document's graphs).
- :func:`validate_graph` checks any rdflib ``Graph`` or ``Dataset`` -- a record an
  archivist brings, a test fixture -- against the same shapes, with the ontology and
  vocabularies mixed in as reference data.

Both return a :class:`ValidationOutcome`: counts per severity and one
:class:`ValidationResult` per problem (focus node, path, severity, message, source
shape, value), in a stable order, plus pyshacl's report graph as the machine twin.

Why it runs pyshacl the way it does:

- **Over one union graph.** Given a ``Dataset``, pyshacl validates each named graph on
  its own; our facts span graphs (a date's words in the document's graph, its inferred
  value and basis in the inferences graph, the concepts in the vocabularies' graph),
  so the shapes must see their union.
- **With the ontology in the data graph.** ``sh:targetClass`` and ``sh:class`` follow
  ``rdfs:subClassOf`` in the data graph: the event shape reaches an ``hr:Arrest`` only
  if the class hierarchy is there. The range check reads ``rdfs:range`` from it too.
- **With ``inference='none'``.** RDFS inference would give resources the types their
  properties' domains and ranges imply, and so hide a missing type instead of
  reporting it (``hr:agent`` has domain ``hr:Event``: a curation with a curator would
  become an event and be asked for an event status). The data states its types; the
  shapes check what is stated. It is also several times faster.
- **With ``advanced=True``.** SHACL-SPARQL targets and constraints carry the checks
  core SHACL cannot say: a quote stands verbatim in its source at its offsets, every
  object property's value is of the ontology's range.
- **Parsing each SPARQL constraint once.** pyshacl hands rdflib a constraint's text
  for every focus node, and rdflib parses it anew each time (about 15 ms: 30 s over
  this dataset). The data graph it is given (:class:`_PreparedQueryGraph`) parses each
  text once and reuses it; the answers are the same, the run takes a few seconds.
  pyshacl is told to work on that graph in place (``inplace=True``): it is built for
  this run alone, and no shape has rules that would write to it.

A conformance check that found no shapes must not pass: :func:`load_shapes` raises
:class:`ShapesNotFound` when ``shapes/`` holds no file, or a file holds no shape.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pyshacl
import rdflib
from rdflib.namespace import RDF, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from .dataset import dataset_files, shape_files
from .loading import load_rdflib_dataset
from .namespaces import ONTOLOGY_GRAPH, VOCABULARIES_GRAPH

SEVERITIES = ("Violation", "Warning", "Info")


class ShapesNotFound(Exception):
    """No shapes to validate with: a missing, empty or shapeless shapes file."""


@dataclass(frozen=True)
class ValidationResult:
    """One problem: which resource, which property path, how bad, and what to do.

    ``path`` is the IRI of a simple path, or a SPARQL property path (``^<iri>``,
    ``<a>|<b>``) for a complex one; ``None`` for a node-level result.
    """

    focus_node: rdflib.term.Node
    path: str | None
    severity: str
    message: str
    source_shape: rdflib.term.Node
    value: rdflib.term.Node | None


@dataclass(frozen=True)
class ValidationOutcome:
    """What a validation found. ``conforms`` means no violation: warnings are advice."""

    results: tuple[ValidationResult, ...]
    report: rdflib.Graph
    seconds: float

    def count(self, severity: str) -> int:
        return sum(1 for result in self.results if result.severity == severity)

    @property
    def violations(self) -> int:
        return self.count("Violation")

    @property
    def warnings(self) -> int:
        return self.count("Warning")

    @property
    def conforms(self) -> bool:
        return self.violations == 0


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


def reference_graph() -> rdflib.Graph:
    """The ontology and the controlled vocabularies: what any record is checked against."""
    graph = rdflib.Graph()
    for item in dataset_files():
        if item.graph in (ONTOLOGY_GRAPH, VOCABULARIES_GRAPH):
            graph.parse(item.path, format="turtle")
    return graph


def validate_dataset(
    dataset: rdflib.Dataset | None = None, *, shapes: rdflib.Graph | None = None
) -> ValidationOutcome:
    """Validate the published dataset (loaded afresh unless given) against the shapes."""
    dataset = load_rdflib_dataset() if dataset is None else dataset
    return _validate(_union(dataset), shapes)


def validate_graph(
    data: rdflib.Graph,
    *,
    shapes: rdflib.Graph | None = None,
    reference: rdflib.Graph | None = None,
) -> ValidationOutcome:
    """Validate any graph or dataset, with the ontology and vocabularies mixed in.

    ``reference`` replaces the ontology and vocabularies read from disk (pass one
    loaded once to validate many small graphs quickly).
    """
    union = _union(data)
    union += reference_graph() if reference is None else reference
    return _validate(union, shapes)


class _PreparedQueryGraph(rdflib.Graph):
    """A graph that parses each SPARQL text once, however often it is asked.

    Only the validation's own graph is of this class, and it lives for one run.
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


def _union(data: rdflib.Graph) -> rdflib.Graph:
    """All triples of a graph, or of every graph of a dataset, in one plain graph."""
    union = _PreparedQueryGraph()
    if isinstance(data, rdflib.ConjunctiveGraph | rdflib.Dataset):
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        union += data
    return union


def _validate(data: rdflib.Graph, shapes: rdflib.Graph | None) -> ValidationOutcome:
    shapes = load_shapes() if shapes is None else shapes
    started = time.perf_counter()
    _, report, _ = pyshacl.validate(
        data, shacl_graph=shapes, inference="none", advanced=True, allow_warnings=True, inplace=True
    )
    seconds = time.perf_counter() - started
    # Top-level results only: a failed sh:node also carries its inner results as sh:detail.
    nodes = [node for summary in report.subjects(RDF.type, SH.ValidationReport)
             for node in report.objects(summary, SH.result)]
    results = sorted((_result(report, node) for node in nodes), key=_order)
    return ValidationOutcome(results=tuple(results), report=report, seconds=seconds)


def _result(report: rdflib.Graph, node: rdflib.term.Node) -> ValidationResult:
    severity = report.value(node, SH.resultSeverity)
    path = report.value(node, SH.resultPath)
    messages = sorted(report.objects(node, SH.resultMessage), key=lambda m: (getattr(m, "language", None) != "en", str(m)))
    return ValidationResult(
        focus_node=report.value(node, SH.focusNode),
        path=None if path is None else render_path(report, path),
        severity=str(severity).removeprefix(str(SH)),
        message=str(messages[0]) if messages else "",
        source_shape=report.value(node, SH.sourceShape),
        value=report.value(node, SH.value),
    )


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


def _order(result: ValidationResult) -> tuple:
    return (SEVERITIES.index(result.severity) if result.severity in SEVERITIES else len(SEVERITIES),
            str(result.source_shape), str(result.focus_node), result.path or "", str(result.value or ""))
