"""The SPARQL 1.1 Service Description served at the endpoint's own URL.

It states what a client may rely on: the endpoint IRI, SPARQL 1.1 Query only
(no update), the result formats offered, the dataset (the default graph is the
union of the named graphs, which are listed), and basic federated query only
when an operator allow-listed SERVICE hosts.
"""

from __future__ import annotations

from pyoxigraph import BlankNode, NamedNode, RdfFormat, Triple

from ..namespaces import RDF
from .protocol import GRAPH_FORMATS, RESULT_FORMATS

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = NamedNode(RDF + "type")
SIMPLE_ENTAILMENT = NamedNode("http://www.w3.org/ns/entailment/Simple")

# pyoxigraph's format IRIs are the W3C's unique ones, except JSON-LD's.
JSON_LD_IRI = "http://www.w3.org/ns/formats/JSON-LD"


def _sd(name: str) -> NamedNode:
    return NamedNode(SD + name)


def describe(endpoint: str, *, federated: bool, named_graphs: tuple[str, ...] = ()) -> list[Triple]:
    """The service description of the endpoint at ``endpoint`` as triples, listing ``named_graphs``."""
    service, dataset, default_graph = BlankNode(), BlankNode(), BlankNode()
    triples = [
        Triple(service, RDF_TYPE, _sd("Service")),
        Triple(service, _sd("endpoint"), NamedNode(endpoint)),
        Triple(service, _sd("supportedLanguage"), _sd("SPARQL11Query")),
        Triple(service, _sd("feature"), _sd("UnionDefaultGraph")),
        Triple(service, _sd("defaultEntailmentRegime"), SIMPLE_ENTAILMENT),
        Triple(service, _sd("defaultDataset"), dataset),
        Triple(dataset, RDF_TYPE, _sd("Dataset")),
        Triple(dataset, _sd("defaultGraph"), default_graph),
        Triple(default_graph, RDF_TYPE, _sd("Graph")),
    ]
    for name in named_graphs:
        named_graph, graph = BlankNode(), BlankNode()
        triples += [
            Triple(dataset, _sd("namedGraph"), named_graph),
            Triple(named_graph, RDF_TYPE, _sd("NamedGraph")),
            Triple(named_graph, _sd("name"), NamedNode(name)),
            Triple(named_graph, _sd("graph"), graph),
            Triple(graph, RDF_TYPE, _sd("Graph")),
        ]
    if federated:
        triples.append(Triple(service, _sd("feature"), _sd("BasicFederatedQuery")))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        iri = JSON_LD_IRI if fmt == RdfFormat.JSON_LD else fmt.iri
        triples.append(Triple(service, _sd("resultFormat"), NamedNode(iri)))
    return triples
