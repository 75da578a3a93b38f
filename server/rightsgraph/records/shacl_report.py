"""The machine twin: the findings as a standard SHACL validation report (sh:ValidationReport).

Built from the findings rather than taken from a validator, so both engines and the
CSV template give the same shape of report, in a stable order (results are sorted),
and it holds exactly what the text report shows.
"""

from __future__ import annotations

import rdflib
from rdflib.namespace import RDF, SH, XSD

from .engine import Outcome


def report_graph(outcome: Outcome) -> rdflib.Graph:
    graph = rdflib.Graph()
    graph.bind("sh", SH)
    report = rdflib.BNode("report")
    graph.add((report, RDF.type, SH.ValidationReport))
    graph.add((report, SH.conforms, rdflib.Literal(outcome.conforms, datatype=XSD.boolean)))
    for number, result in enumerate(outcome.results):
        node = rdflib.BNode(f"result{number}")
        graph.add((report, SH.result, node))
        graph.add((node, RDF.type, SH.ValidationResult))
        graph.add((node, SH.focusNode, result.focus))
        graph.add((node, SH.resultSeverity, SH[result.severity]))
        graph.add((node, SH.sourceShape, result.shape))
        graph.add((node, SH.sourceConstraintComponent, result.component))
        if result.message:
            graph.add((node, SH.resultMessage, rdflib.Literal(result.message, lang="en")))
        if result.value is not None:
            graph.add((node, SH.value, result.value))
        if result.path is not None:
            graph.add((node, SH.resultPath, _path(outcome.shapes, result, graph)))
    return graph


def _path(shapes: rdflib.Graph, result, graph: rdflib.Graph) -> rdflib.term.Node:
    """A simple path as its IRI; a complex one copied from the shape that declares it."""
    if not result.path.startswith(("<", "^", "(")):
        return rdflib.URIRef(result.path)
    path = shapes.value(result.shape, SH.path)
    for triple in _closure(shapes, path):
        graph.add(triple)
    return path


def _closure(graph: rdflib.Graph, node):
    for s, p, o in graph.triples((node, None, None)):
        yield s, p, o
        if isinstance(o, rdflib.BNode):
            yield from _closure(graph, o)
