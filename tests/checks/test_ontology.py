"""The ontology is documented, well formed, and logically sound.

Quality checks are queries that list offenders, so a failure names what is wrong.
"""

from __future__ import annotations

import pytest
import rdflib
from rightsgraph.checks.reasoning import JavaMissing, owl2_compatible, run_hermit
from rightsgraph.dataset import ONTOLOGY_DIR

HR = "https://w3id.org/rightsgraph/ontology/"


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    graph = rdflib.Graph()
    for path in sorted(ONTOLOGY_DIR.glob("*.ttl")):
        graph.parse(path)
    return graph


def offenders(graph: rdflib.Graph, query: str) -> list[str]:
    return sorted(str(row[0]) for row in graph.query(query))


def test_ontology_declares_terms(ontology):
    terms = offenders(ontology, f"""
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT DISTINCT ?t WHERE {{ ?t a ?kind . FILTER(STRSTARTS(STR(?t), "{HR}"))
          VALUES ?kind {{ owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }} }}""")
    assert len(terms) > 150


@pytest.mark.parametrize("annotation", ["rdfs:label", "skos:definition", "rdfs:isDefinedBy"])
def test_every_term_is_labelled_and_defined(ontology, annotation):
    missing = offenders(ontology, f"""
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT DISTINCT ?t WHERE {{
          ?t a ?kind . FILTER(STRSTARTS(STR(?t), "{HR}"))
          VALUES ?kind {{ owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }}
          FILTER NOT EXISTS {{ ?t {annotation} ?value }} }}""")
    assert not missing, f"terms without {annotation}: {missing}"


def test_every_used_term_is_declared(store):
    rows = store.query(f"""
        PREFIX owl: <http://www.w3.org/2002/07/owl#>
        SELECT DISTINCT ?t WHERE {{
          {{ ?s ?t ?o }} UNION {{ ?s a ?t }}
          FILTER(STRSTARTS(STR(?t), "{HR}"))
          FILTER NOT EXISTS {{ ?t a ?kind
            VALUES ?kind {{ owl:Class owl:ObjectProperty owl:DatatypeProperty owl:AnnotationProperty }} }} }}""",
        use_default_graph_as_union=True)
    undeclared = sorted(row["t"].value for row in rows)
    assert not undeclared, f"terms used in the data but not declared in the ontology: {undeclared}"


def test_header_is_complete(ontology):
    header = rdflib.URIRef("https://w3id.org/rightsgraph/ontology")
    for prop in ("http://purl.org/dc/terms/title", "http://purl.org/dc/terms/description",
                 "http://purl.org/dc/terms/license", "http://purl.org/dc/terms/created",
                 "http://purl.org/dc/terms/modified", "http://www.w3.org/2002/07/owl#versionIRI"):
        assert ontology.value(header, rdflib.URIRef(prop)) is not None, prop


def test_rewrite_for_hermit_is_one_to_one():
    graph = rdflib.Graph()
    ex = rdflib.Namespace("http://example.org/")
    xsd = rdflib.namespace.XSD
    graph.add((ex.a, ex.p, rdflib.Literal("2019-10-30", datatype=xsd.date)))
    graph.add((ex.b, ex.p, rdflib.Literal("2019-10-30T00:00:00", datatype=xsd.dateTime)))
    graph.add((ex.c, ex.p, rdflib.Literal("2019-10", datatype=xsd.gYearMonth)))
    graph.add((ex.p, rdflib.RDFS.range, xsd.date))
    rewritten, count = owl2_compatible(graph)
    values = sorted(str(o) for _, p, o in rewritten if p == ex.p)
    assert count == 2
    assert values == ["2019-10-30T00:00:00", "2019-10-30^^http://www.w3.org/2001/XMLSchema#date",
                      "2019-10^^http://www.w3.org/2001/XMLSchema#gYearMonth"]
    assert (ex.p, rdflib.RDFS.range, xsd.string) in rewritten


@pytest.fixture(scope="module")
def union(rdflib_dataset) -> rdflib.Graph:
    graph = rdflib.Graph()
    for s, p, o, _ in rdflib_dataset.quads((None, None, None, None)):
        graph.add((s, p, o))
    return graph


def test_hermit_finds_ontology_and_data_consistent(union):
    outcome = run_hermit(union)
    assert outcome.consistent, outcome.message
    assert outcome.unsatisfiable_classes == []
    assert outcome.rewritten_literals > 0


def test_hermit_reports_a_clash(union):
    clash = rdflib.Graph()
    for triple in union:
        clash.add(triple)
    sam_bopha = rdflib.URIRef("https://w3id.org/rightsgraph/id/person/sam-bopha")
    clash.add((sam_bopha, rdflib.RDF.type, rdflib.URIRef(HR + "Organization")))
    outcome = run_hermit(clash)
    assert not outcome.consistent


def test_hermit_reports_an_unsatisfiable_class(union):
    broken = rdflib.Graph()
    for triple in union:
        broken.add(triple)
    odd = rdflib.URIRef(HR + "PersonThatIsAnOrganization")
    broken.add((odd, rdflib.RDF.type, rdflib.OWL.Class))
    broken.add((odd, rdflib.RDFS.subClassOf, rdflib.URIRef(HR + "Person")))
    broken.add((odd, rdflib.RDFS.subClassOf, rdflib.URIRef(HR + "Organization")))
    outcome = run_hermit(broken)
    assert outcome.consistent
    assert str(odd) in outcome.unsatisfiable_classes


def test_missing_java_is_a_clear_error(union, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(JavaMissing, match="install a JRE"):
        run_hermit(union)
