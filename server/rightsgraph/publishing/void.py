"""The VoID description of the dataset (``/.well-known/void``): counts, vocabularies,
the SPARQL endpoint, the dumps with their checksums, one subset per named graph."""

from __future__ import annotations

from pyoxigraph import Literal, NamedNode, Triple

from ..namespaces import DCTERMS, OWL, RDF, RDFS, SKOS, VOID, XSD
from .dumps import Dump
from .graph import HR, select

DCAT = "http://www.w3.org/ns/dcat#"
SPDX = "http://spdx.org/rdf/terms#"

VOCABULARIES = (
    HR,
    SKOS,
    RDFS,
    OWL,
    DCTERMS,
)


def _count(value: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + "integer"))


def void_triples(base: str, host: str, dumps: list[Dump]) -> list[Triple]:
    """The VoID graph; ``host`` is this server's root URL (for the endpoint and the dumps)."""
    dataset = NamedNode(base + ".well-known/void#dataset")
    n = NamedNode
    triples = [
        Triple(dataset, n(RDF + "type"), n(VOID + "Dataset")),
        Triple(dataset, n(DCTERMS + "title"), Literal("rightsgraph", language="en")),
        Triple(dataset, n(DCTERMS + "description"), Literal(
            "A human-rights knowledge graph: Amnesty International's 2019 statement on Cambodia as linked data, "
            "every fact traceable to the words it comes from.", language="en")),
        Triple(dataset, n(VOID + "uriSpace"), Literal(base)),
        Triple(dataset, n(VOID + "sparqlEndpoint"), n(host + "sparql")),
        Triple(dataset, n(VOID + "rootResource"), n(base + "id/document/amnesty-cambodia-2019")),
        Triple(dataset, n(VOID + "exampleResource"), n(base + "id/person/sam-bopha")),
        Triple(dataset, n(VOID + "feature"), n("http://www.w3.org/ns/formats/Turtle")),
        Triple(dataset, n(VOID + "feature"), n("http://www.w3.org/ns/formats/RDF_XML")),
    ]
    triples += [Triple(dataset, n(VOID + "vocabulary"), n(v)) for v in VOCABULARIES]
    totals = select("""SELECT (COUNT(*) AS ?triples) (COUNT(DISTINCT ?s) AS ?subjects)
        (COUNT(DISTINCT ?p) AS ?properties) (COUNT(DISTINCT ?o) AS ?objects) WHERE { ?s ?p ?o }""").rows[0]
    for name, prop in (("triples", "triples"), ("subjects", "distinctSubjects"), ("properties", "properties"), ("objects", "distinctObjects")):
        triples.append(Triple(dataset, n(VOID + prop), _count(totals[name].value)))
    entities = select(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), {Literal(base + 'id/')})) }}").rows[0]
    triples.append(Triple(dataset, n(VOID + "entities"), _count(entities["n"].value)))
    classes = select("SELECT ?c (COUNT(DISTINCT ?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c ORDER BY ?c")
    triples.append(Triple(dataset, n(VOID + "classes"), _count(str(len(classes)))))
    for index, row in enumerate(classes):
        part = NamedNode(f"{base}.well-known/void#class-{index}")
        triples += [
            Triple(dataset, n(VOID + "classPartition"), part),
            Triple(part, n(VOID + "class"), row["c"]),
            Triple(part, n(VOID + "entities"), _count(row["n"].value)),
        ]
    for row in select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g ORDER BY ?g"):
        subset = NamedNode(f"{base}.well-known/void#graph-{row['g'].value.rsplit('/', 1)[-1]}")
        triples += [
            Triple(dataset, n(VOID + "subset"), subset),
            Triple(subset, n(RDF + "type"), n(VOID + "Dataset")),
            Triple(subset, n("http://www.w3.org/ns/sparql-service-description#name"), row["g"]),
            Triple(subset, n(VOID + "triples"), _count(row["n"].value)),
        ]
    for dump in dumps:
        url = n(f"{host}dumps/{dump.name}")
        checksum = NamedNode(f"{base}.well-known/void#sha256-{dump.name}")
        triples += [
            Triple(dataset, n(VOID + "dataDump"), url),
            Triple(url, n(DCAT + "mediaType"), Literal(dump.format.media_type)),
            Triple(url, n(DCAT + "byteSize"), _count(str(dump.size))),
            Triple(url, n(SPDX + "checksum"), checksum),
            Triple(checksum, n(SPDX + "algorithm"), n(SPDX + "checksumAlgorithm_sha256")),
            Triple(checksum, n(SPDX + "checksumValue"), Literal(dump.sha256, datatype=n(XSD + "hexBinary"))),
        ]
    return triples
