"""The ontology and the SHACL shapes as documents: RDF in every format and one HTML page each.

The ontology is read from its named graph in the store (through the worker pool,
like every page); the shapes are not part of the dataset, so they are parsed
from ``shapes/*.ttl`` once per app. A term's section gathers its label,
definition, example, domain, range, super-terms, alignments (every relation to a
term outside the ``hr:`` namespace) and an example from the data with a count.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox
from flask import current_app

from ..dataset import shape_files
from ..namespaces import ONTOLOGY_GRAPH, OWL, RDF, RDFS, SHAPES, SKOS, XSD
from . import graph
from .dates import EDTF_TOKEN
from .describe import Page, Value
from .graph import HR, iri, select

ONTOLOGY_IRI = HR.rstrip("/")
KINDS = {
    OWL + "Class": "Classes",
    OWL + "ObjectProperty": "Object properties",
    OWL + "DatatypeProperty": "Datatype properties",
    OWL + "AnnotationProperty": "Annotation properties",
}
RELATIONS = {
    RDFS + "domain": "domain",
    RDFS + "range": "range",
    RDFS + "subClassOf": "subclass of",
    RDFS + "subPropertyOf": "subproperty of",
    OWL + "inverseOf": "inverse of",
    OWL + "disjointWith": "disjoint with",
}
SKIP = {RDF + "type", RDFS + "label", SKOS + "definition", SKOS + "example", RDFS + "isDefinedBy"}
#: The kinds of literal value a property takes, in words (its range, when a datatype).
DATATYPE_WORDS = {
    XSD + "string": "text",
    RDF + "PlainLiteral": "text",
    RDF + "langString": "text in a language",
    XSD + "boolean": "yes or no",
    XSD + "date": "a calendar date",
    XSD + "dateTime": "a date and time",
    XSD + "gYear": "a year",
    XSD + "duration": "a length of time",
    XSD + "decimal": "a number",
    XSD + "integer": "a whole number",
    XSD + "nonNegativeInteger": "a whole number, 0 or more",
    XSD + "positiveInteger": "a whole number, 1 or more",
    XSD + "language": "a language tag",
    XSD + "anyURI": "a web address",
    XSD + "hexBinary": "a checksum in hexadecimal",
}
#: Syntax inside documentation, shown as code: a literal as RDF writes it (``"P5Y"^^xsd:duration``),
#: an EDTF code (``2019-10-23~``), as the ontology's definitions and the shapes' messages give them.
SYNTAX = re.compile(rf'("[^"]*"\^\^[\w:]+|"[^"]*"@[a-z-]+|{EDTF_TOKEN})')


def ontology_triples(*, max_rows: int) -> tuple[list[ox.Triple], bool]:
    return graph.construct(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {iri(ONTOLOGY_GRAPH)} {{ ?s ?p ?o }} }}", max_rows=max_rows
    )


def term_names() -> set[str]:
    """The local names of the ontology's terms (for ``/ontology/{Term}``)."""
    rows = select(
        f"SELECT DISTINCT ?s WHERE {{ GRAPH {iri(ONTOLOGY_GRAPH)} {{ {{ ?s ?p ?o }} UNION {{ ?x ?y ?s }} }} "
        f"FILTER(isIRI(?s) && STRSTARTS(STR(?s), {ox.Literal(HR)})) }}"
    )
    return {row["s"].value[len(HR):] for row in rows}


@dataclass
class Term:
    iri: str
    name: str
    label: str = ""
    definition: str = ""
    examples: list[str] = field(default_factory=list)
    relations: list[tuple[str, list[Value]]] = field(default_factory=list)
    alignments: list[tuple[str, Value]] = field(default_factory=list)
    deprecated: bool = False
    used: int = 0
    used_example: Value | None = None


def _english(values: list[ox.Literal]) -> str:
    ranked = sorted(values, key=lambda v: {"en": 0, "": 1}.get(v.language or "", 2))
    return ranked[0].value if ranked else ""


def ontology_page(page: Page) -> dict:
    rows = select(
        f"SELECT ?s ?p ?o WHERE {{ GRAPH {iri(ONTOLOGY_GRAPH)} {{ ?s ?p ?o }} }}"
    )
    page.fetch_labels(rows, "p", "o")
    header: dict[str, list] = defaultdict(list)
    by_term: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for r in rows:
        if r["s"].value == ONTOLOGY_IRI:
            header[r["p"].value].append(r["o"])
        elif isinstance(r["s"], ox.NamedNode) and r["s"].value.startswith(HR):
            by_term[r["s"].value][r["p"].value].append(r["o"])
    usage = _usage()
    sections: dict[str, list[Term]] = {name: [] for name in KINDS.values()}
    for value, props in sorted(by_term.items()):
        kinds = [KINDS[t.value] for t in props.get(RDF + "type", []) if t.value in KINDS]
        if not kinds:
            continue
        term = Term(value, value[len(HR):])
        term.label = _english(props.get(RDFS + "label", []))
        term.definition = _english(props.get(SKOS + "definition", []))
        term.examples = [e.value for e in props.get(SKOS + "example", [])]
        term.deprecated = any(v.value == "true" for v in props.get(OWL + "deprecated", []))
        for predicate, name in RELATIONS.items():
            kinds_of_value = [DATATYPE_WORDS[t.value] for t in props.get(predicate, []) if t.value in DATATYPE_WORDS]
            if kinds_of_value:
                term.relations.append((name, [Value(words) for words in kinds_of_value]))
            targets = [t for t in props.get(predicate, []) if isinstance(t, ox.NamedNode)]
            inside = [page.value(t) for t in targets if t.value.startswith(HR)]
            if inside:
                term.relations.append((name, inside))
        for predicate, objects in props.items():
            if predicate in SKIP:
                continue
            for target in objects:
                if (isinstance(target, ox.NamedNode) and not target.value.startswith((HR, OWL))
                        and not (predicate in RELATIONS and target.value in DATATYPE_WORDS)):
                    term.alignments.append((page.labels(predicate), Value(target.value, target.value, iri=target.value)))
        term.used, example = usage.get(value, (0, None))
        term.used_example = page.value(example) if example is not None else None
        sections[kinds[0]].append(term)
    return {
        "title": _english(header.get("http://purl.org/dc/terms/title", [])) or "rightsgraph ontology",
        "description": _english(header.get("http://purl.org/dc/terms/description", [])),
        "version": _english(header.get(OWL + "versionInfo", [])),
        "version_iri": header[OWL + "versionIRI"][0].value if header.get(OWL + "versionIRI") else "",
        "license": header["http://purl.org/dc/terms/license"][0].value if header.get("http://purl.org/dc/terms/license") else "",
        "sections": sections,
    }


def _usage() -> dict[str, tuple[int, ox.Term]]:
    """How often the data uses each class (instances) and property (triples), with one example."""
    found = {}
    hr = ox.Literal(HR)
    for r in select(f"""SELECT ?c (COUNT(DISTINCT ?x) AS ?n) (SAMPLE(?x) AS ?ex) WHERE {{
          ?x a ?c FILTER(STRSTARTS(STR(?c), {hr})) }} GROUP BY ?c"""):
        found[r["c"].value] = (int(r["n"].value), r["ex"])
    for r in select(f"""SELECT ?p (COUNT(*) AS ?n) (SAMPLE(?s) AS ?ex) WHERE {{
          ?s ?p ?o FILTER(STRSTARTS(STR(?p), {hr})) }} GROUP BY ?p"""):
        found[r["p"].value] = (int(r["n"].value), r["ex"])
    return found


def shapes_triples() -> list[ox.Triple]:
    """The SHACL shapes, parsed from shapes/*.ttl once per app."""
    cache = current_app.extensions.setdefault("rightsgraph.shapes", [])
    if not cache:
        for path in shape_files():
            cache.extend(ox.parse(path=path, format=ox.RdfFormat.TURTLE))
    return cache


def shape_names() -> set[str]:
    return {t.subject.value[len(SHAPES):] for t in shapes_triples() if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(SHAPES)}


def with_code(text: str) -> list[tuple[str, bool]]:
    """Documentation cut into prose and the syntax it shows (see SYNTAX): (piece, is_code)."""
    return [(piece, bool(index % 2)) for index, piece in enumerate(SYNTAX.split(text)) if piece]


@dataclass
class Shape:
    name: str
    label: str
    properties: list[tuple[str, list[Value]]]


def shapes_page(page: Page) -> list[Shape]:
    grouped: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for t in shapes_triples():
        if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(SHAPES):
            grouped[t.subject.value][t.predicate.value].append(t.object)
    page.labels.fetch(t.object.value for t in shapes_triples() if isinstance(t.object, ox.NamedNode) and not t.object.value.startswith(SHAPES))
    shapes = []
    for value, props in sorted(grouped.items()):
        rows = []
        for predicate, objects in sorted(props.items()):
            values = []
            for o in objects:
                if isinstance(o, ox.NamedNode) and o.value.startswith(SHAPES):
                    values.append(Value(o.value[len(SHAPES):], "#" + o.value[len(SHAPES):]))
                elif isinstance(o, ox.BlankNode):
                    continue
                elif isinstance(o, ox.Literal):
                    values.append(Value(o.value, lang=o.language or ""))
                elif o.value in DATATYPE_WORDS:
                    values.append(Value(DATATYPE_WORDS[o.value]))
                else:
                    values.append(page.value(o))
            if values:
                rows.append((page.labels(predicate), values))
        label = next((o.value for p in (RDFS + "label", "http://www.w3.org/ns/shacl#name") for o in props.get(p, [])), "")
        shapes.append(Shape(value[len(SHAPES):], label, rows))
    return shapes
