"""A named graph described as a dataset of its own: what it holds, where it comes from, its licence.

Dereferencing ``/graph/{name}`` gives the graph's triples and, first, these: the
graph as a ``void:Dataset`` in the whole dataset, its triple and subject counts,
the source document it was made from (``dcterms:source``, ``prov:wasDerivedFrom``:
the document whose name the graph bears, ``-inferences`` aside), the activity
that made an inferences graph, and the licence the project declares (the
ontology's ``dcterms:license``). Read from the graph each time, never written down.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Triple

from ..namespaces import ONTOLOGY
from .graph import RDF, ask, iri, select
from .iris import local_name

VOID = "http://rdfs.org/ns/void#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
INFERENCES = "-inferences"


def about_graph(value: str) -> list[Triple]:
    """The description of ``value`` as a named graph, or nothing when no graph has that name."""
    if not ask(f"ASK {{ GRAPH {iri(value)} {{ ?s ?p ?o }} }}"):
        return []
    base = value.rsplit("graph/", 1)[0]
    g, n = NamedNode(value), NamedNode
    counts = select(f"""SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects)
        WHERE {{ GRAPH {iri(value)} {{ ?s ?p ?o }} }}""").rows[0]
    name = local_name(value)
    inferred = name.endswith(INFERENCES)
    document = base + "id/document/" + name.removesuffix(INFERENCES)
    triples = [
        Triple(g, n(RDF + "type"), n(VOID + "Dataset")),
        Triple(g, n(VOID + "inDataset"), n(base + ".well-known/void#dataset")),
        Triple(g, n(VOID + "triples"), Literal(counts["triples"].value, datatype=n(XSD + "integer"))),
        Triple(g, n(VOID + "distinctSubjects"), Literal(counts["subjects"].value, datatype=n(XSD + "integer"))),
    ]
    source = select(f"""SELECT ?label ?activity WHERE {{ {iri(document)} a hr:SourceDocument .
        OPTIONAL {{ {iri(document)} rdfs:label ?label }} OPTIONAL {{ {iri(document)} hr:generatedBy ?activity }} }}""")
    if source.rows:
        row = source.rows[0]
        title = row["label"].value if "label" in row else name
        triples += [
            Triple(g, n(DCTERMS + "source"), n(document)),
            Triple(g, n(PROV + "wasDerivedFrom"), n(document)),
            Triple(g, n(DCTERMS + "title"), Literal(
                f"What the curators inferred from {title}, which the document does not state" if inferred
                else f"What {title} says", language="en")),
        ]
        if "activity" in row:
            triples.append(Triple(g, n(PROV + "wasGeneratedBy"), row["activity"]))
    for r in select(f"SELECT ?licence WHERE {{ {iri(ONTOLOGY.rstrip('/'))} <{DCTERMS}license> ?licence }}"):
        triples.append(Triple(g, n(DCTERMS + "license"), r["licence"]))
    return triples
