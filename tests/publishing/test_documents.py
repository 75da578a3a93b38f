"""The ontology and shapes documents, VoID, the dumps and ``rightsgraph export``."""

from __future__ import annotations

import hashlib

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from publishing_support import BASE, HR
from rightsgraph.cli import main

VOID = "http://rdfs.org/ns/void#"


def download(client, path: str) -> bytes:
    """A file's bytes, the response closed (files are streamed)."""
    with client.get(path) as response:
        assert response.status_code == 200
        return response.data


@pytest.mark.parametrize("path", ["/ontology.ttl", "/ontology.nt", "/ontology.rdf", "/ontology.jsonld"])
def test_get_ontology_every_format_holds_every_term(client, store, path):
    response = client.get(path)
    fmt = ox.RdfFormat.from_extension(path.rsplit(".", 1)[1])
    subjects = {t.subject.value for t in ox.parse(response.data, format=fmt)}
    terms = {q.subject.value for q in store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#isDefinedBy"), ox.NamedNode(HR.rstrip("/")))}
    assert terms and terms <= subjects


def test_get_ontology_html_has_a_section_per_term(client, store):
    body = client.get("/ontology", headers={"Accept": "text/html"}).get_data(as_text=True)
    terms = {q.subject.value[len(HR):] for q in store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#isDefinedBy"), ox.NamedNode(HR.rstrip("/")))}
    missing = [t for t in terms if f'id="{t}"' not in body]
    assert terms and missing == []


def test_get_ontology_term_303_to_its_section_or_the_rdf(client):
    assert client.get("/ontology/Claim", headers={"Accept": "text/html"}).headers["Location"] == "/ontology#Claim"
    assert client.get("/ontology/victim", headers={"Accept": "text/turtle"}).headers["Location"] == "/ontology.ttl"
    assert client.get("/ontology/NoSuchTerm", headers={"Accept": "text/turtle"}).status_code == 404


def test_get_shapes_turtle_and_html(client):
    triples = list(ox.parse(client.get("/shapes.ttl").data, format=ox.RdfFormat.TURTLE))
    assert any(t.subject.value == BASE + "shapes/ClaimShape" for t in triples)
    assert 'id="ClaimShape"' in client.get("/shapes", headers={"Accept": "text/html"}).get_data(as_text=True)


def test_get_void_counts_endpoint_and_dumps_with_checksums(client, store):
    response = client.get("/.well-known/void", headers={"Accept": "text/turtle"})
    triples = list(ox.parse(response.data, format=ox.RdfFormat.TURTLE))
    objects = lambda p: [t.object for t in triples if t.predicate.value == VOID + p]
    assert objects("sparqlEndpoint")[0].value.endswith("/sparql")
    assert int(objects("triples")[0].value) > 1000
    dumps = [o.value for o in objects("dataDump")]
    assert {d.rsplit(".", 1)[1] for d in dumps} == {"trig", "nq", "ttl", "jsonld"}
    sums = {t.object.value for t in triples if t.predicate.value == "http://spdx.org/rdf/terms#checksumValue"}
    for url in dumps:
        body = download(client, "/" + url.split("/", 3)[3])
        assert hashlib.sha256(body).hexdigest() in sums


def test_dump_reloads_into_another_store_with_the_same_answers(client, store):
    copy = ox.Store()
    copy.load(download(client, "/dumps/rightsgraph.nq"), format=ox.RdfFormat.N_QUADS)
    assert len(copy) == len(store)
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?c a <{HR}Claim> }}"
    count = lambda s: next(iter(s.query(query, use_default_graph_as_union=True)))["n"].value
    assert count(copy) == count(store)


def test_export_writes_dumps_and_checksums(tmp_path):
    result = CliRunner().invoke(main, ["export", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    lines = (tmp_path / "SHA256SUMS").read_text().splitlines()
    assert len(lines) == 4
    for line in lines:
        digest, name = line.split("  ")
        assert hashlib.sha256((tmp_path / name).read_bytes()).hexdigest() == digest
