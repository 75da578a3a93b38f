"""A named graph described as a dataset of its own: what it holds, where it comes from, its licence.

Dereferencing ``/graph/{name}`` gives the graph's triples and, first, these: the
graph as a ``void:Dataset`` in the whole dataset, its triple and subject counts,
the source document it was made from (``dcterms:source``, ``prov:wasDerivedFrom``:
the document whose name the graph bears or begins with: ``-inferences``, ``-curation``),
the activity that made it, and the licence the project declares (the
ontology's ``dcterms:license``). Read from the graph each time, never written down.
"""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Triple

from ..namespaces import DCTERMS, ONTOLOGY, PROV, RDF, VOID, XSD
from .graph import ask, iri, select
from .iris import local_name

INFERENCES = "inferences"


def about_graph(value: str) -> list[Triple]:
    """The description of ``value`` as a named graph, or nothing when no graph has that name."""
    if not ask(f"ASK {{ GRAPH {iri(value)} {{ ?s ?p ?o }} }}"):
        return []
    base = value.rsplit("graph/", 1)[0]
    g, n = NamedNode(value), NamedNode
    counts = select(f"""SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects)
        WHERE {{ GRAPH {iri(value)} {{ ?s ?p ?o }} }}""").rows[0]
    name = local_name(value)
    triples = [
        Triple(g, n(RDF + "type"), n(VOID + "Dataset")),
        Triple(g, n(VOID + "inDataset"), n(base + ".well-known/void#dataset")),
        Triple(g, n(VOID + "triples"), Literal(counts["triples"].value, datatype=n(XSD + "integer"))),
        Triple(g, n(VOID + "distinctSubjects"), Literal(counts["subjects"].value, datatype=n(XSD + "integer"))),
    ]
    for row in select("""SELECT ?doc ?label ?activity WHERE { ?doc a hr:SourceDocument .
        OPTIONAL { ?doc rdfs:label ?label } OPTIONAL { ?doc hr:generatedBy ?activity } }
        ORDER BY DESC(STRLEN(STR(?doc)))"""):
        document = local_name(row["doc"].value)
        if name != document and not name.startswith(document + "-"):
            continue
        title = row["label"].value if "label" in row else document
        part = name[len(document) + 1:]
        words = {"": f"What {title} says",
                 INFERENCES: f"What the curators inferred from {title}, which the document does not state"}
        triples += [
            Triple(g, n(DCTERMS + "source"), row["doc"]),
            Triple(g, n(PROV + "wasDerivedFrom"), row["doc"]),
            Triple(g, n(DCTERMS + "title"), Literal(words.get(part, f"{part.capitalize()} of {title}"), language="en")),
        ]
        if "activity" in row:
            triples.append(Triple(g, n(PROV + "wasGeneratedBy"), row["activity"]))
        break
    for r in select(f"SELECT ?licence WHERE {{ {iri(ONTOLOGY.rstrip('/'))} <{DCTERMS}license> ?licence }}"):
        triples.append(Triple(g, n(DCTERMS + "license"), r["licence"]))
    return triples
