"""Every IRI of the dataset dereferences: 303 to a document chosen by Accept, 404 in the asked format."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from publishing_support import BASE, BROWSER_ACCEPT

PERSON = "id/person/sam-bopha"
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
}


def dataset_iris(store: ox.Store) -> list[str]:
    """Every IRI under the base that the data uses as subject, object or graph name (fragments dropped)."""
    found = set()
    for quad in store:
        for term in (quad.subject, quad.object, quad.graph_name):
            if isinstance(term, ox.NamedNode) and term.value.startswith(BASE):
                found.add(term.value.split("#")[0])
    return sorted(found)


def test_get_id_accept_browser_303_to_page(client):
    response = client.get("/" + PERSON, headers={"Accept": BROWSER_ACCEPT})
    assert response.status_code == 303
    assert response.headers["Location"] == f"/page/{PERSON}"
    assert "Accept" in response.headers["Vary"]


@pytest.mark.parametrize("media_type", sorted(RDF_TYPES))
def test_get_id_accept_rdf_303_to_a_parsable_description(client, media_type):
    response = client.get("/" + PERSON, headers={"Accept": media_type})
    assert response.status_code == 303
    document = client.get(response.headers["Location"])
    assert document.status_code == 200
    assert document.mimetype == media_type
    triples = list(ox.parse(document.data, format=RDF_TYPES[media_type]))
    me = ox.NamedNode(BASE + PERSON)
    assert any(t.subject == me for t in triples), "its own triples"
    assert any(t.object == me for t in triples), "the triples pointing to it"
    supports = ox.NamedNode(BASE + "ontology/supports")
    claims = {t.subject for t in triples if t.predicate == supports and t.object == me}
    assert claims and all(any(t.subject == c and t.predicate != supports for t in triples) for c in claims), \
        "the claims that support it, described"


def test_get_id_accept_absent_or_any_gives_turtle(client):
    for headers in ({}, {"Accept": "*/*"}):
        response = client.get("/" + PERSON, headers=headers)
        assert response.headers["Location"].endswith(".ttl")


def test_get_id_link_header_names_every_alternate(client):
    link = client.get("/" + PERSON).headers["Link"]
    for media_type in [*RDF_TYPES, "text/html"]:
        assert f'type="{media_type}"' in link
    assert f'<{BASE}{PERSON}>; rel="describes"' in link


def test_get_id_accept_unavailable_406(client):
    response = client.get("/" + PERSON, headers={"Accept": "image/png"})
    assert response.status_code == 406


@pytest.mark.parametrize("media_type", [*sorted(RDF_TYPES), "text/html"])
def test_get_id_unknown_404_in_asked_format(client, media_type):
    response = client.get("/id/person/nobody-at-all", headers={"Accept": media_type})
    assert response.status_code == 404
    assert response.mimetype == media_type
    if media_type != "text/html":
        assert list(ox.parse(response.data, format=RDF_TYPES[media_type])) == []


def test_get_data_unknown_extension_404(client):
    assert client.get(f"/data/{PERSON}.xlsx").status_code == 404


def test_get_id_malformed_iri_404(client):
    response = client.get("/id/person/a%20b%3Cc%3E", headers={"Accept": "text/turtle"})
    assert response.status_code == 404


def test_get_quote_iri_describes_its_document(client):
    response = client.get("/data/id/document/amnesty-cambodia-2019.nt")
    triples = list(ox.parse(response.data, format=ox.RdfFormat.N_TRIPLES))
    exact = ox.NamedNode(BASE + "ontology/exactText")
    quotes = {t.subject.value for t in triples if t.predicate == exact}
    assert quotes and all(q.startswith(BASE + "id/document/amnesty-cambodia-2019#char=") for q in quotes)


def test_every_dataset_iri_dereferences(client, store):
    iris = dataset_iris(store)
    assert len(iris) > 300
    failures = []
    for value in iris:
        path = "/" + value[len(BASE):]
        if path.startswith(("/ontology", "/shapes")):
            continue
        for accept in ("text/turtle", BROWSER_ACCEPT):
            response = client.get(path, headers={"Accept": accept})
            if response.status_code != 303:
                failures.append((path, accept, response.status_code))
                continue
            document = client.get(response.headers["Location"])
            if document.status_code != 200:
                failures.append((response.headers["Location"], document.status_code))
    assert failures == []
