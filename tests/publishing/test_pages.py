"""The HTML pages: labels not IRIs, the quote in its paragraph, every span marked, the timeline's order."""

from __future__ import annotations

import html
import re

import pyoxigraph as ox
import pytest
from publishing_support import BASE, HR

STATUS = BASE + "vocab/epistemic-status/"
EVENT_STATUS = BASE + "vocab/event-status/"


def first(store, query):
    return next(iter(store.query(query, use_default_graph_as_union=True)))


def page(client, iri):
    response = client.get("/page/" + iri[len(BASE):])
    assert response.status_code == 200
    return response


def test_pages_send_a_content_security_policy(client):
    for path in ("/", "/timeline", "/page/id/person/sam-bopha", "/id/person/"):
        policy = client.get(path).headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy


def test_home_counts_kinds_and_links_examples(client, store):
    body = client.get("/").get_data(as_text=True)
    people = len(list(store.query(f"SELECT DISTINCT ?p {{ ?p a <{HR}Person> }}", use_default_graph_as_union=True)))
    assert re.search(rf'href="/id/person/">Person</a> <span class="count">\({people}\)<', body)
    assert 'href="/query?example=' in body
    assert "How to cite" in body


def test_person_page_shows_labels_not_iris(client, store):
    row = first(store, f"SELECT ?p ?name {{ ?p a <{HR}Person> ; <http://www.w3.org/2000/01/rdf-schema#label> ?name }}")
    body = page(client, row["p"].value).get_data(as_text=True)
    assert f"<h1>{html.escape(row['name'].value)}</h1>" in body
    visible = re.sub(r"<[^>]+>", " ", body.split('<p class="iri">')[0])
    assert BASE not in visible, "no canonical IRI shown as text before the identifier line at the foot"


def test_claim_page_marks_the_quote_inside_its_paragraph(client, store):
    row = first(store, f"""SELECT ?c ?text WHERE {{ ?c <{HR}epistemicStatus> <{STATUS}information-received> ;
        <{HR}evidence>/<{HR}exactText> ?text }} LIMIT 1""")
    body = page(client, row["c"].value).get_data(as_text=True)
    marked = re.search(r'<blockquote><p>(.*?)<mark class="quote"[^>]*>(.*?)</mark>(.*?)</p></blockquote>', body, re.S)
    assert marked, "the quote is marked"
    before, quote, after = (html.unescape(part) for part in marked.groups())
    assert re.sub(r"\s+", " ", quote).strip() == row["text"].value
    assert before.strip() or after.strip(), "the rest of the paragraph is around it"
    assert "reported by amnesty international as information received" in body.lower()


def test_claim_page_says_what_it_supports(client, store):
    row = first(store, f"""SELECT ?c ?label WHERE {{ ?c <{HR}supports> ?r .
        ?r <http://www.w3.org/2000/01/rdf-schema#label> ?label . ?c <{HR}claimId> "F24" }} LIMIT 1""")
    body = page(client, row["c"].value).get_data(as_text=True)
    supports = body.split('id="supports"')[1].split("</section>")[0]
    assert html.escape(row["label"].value) in supports


def test_source_page_marks_and_links_every_claim(client, store):
    claims = {r["id"].value for r in store.query(
        f"SELECT DISTINCT ?id {{ ?c <{HR}claimId> ?id ; <{HR}evidence> ?q }}", use_default_graph_as_union=True)}
    body = page(client, BASE + "id/document/amnesty-cambodia-2019").get_data(as_text=True)
    linked = set()
    for labels in re.findall(r'<a class="claim-ref" id="char=\d+,\d+" href="/id/claim/[^"]+"[^>]*>([^<]+)</a>', body):
        linked.update(labels.split())
    assert claims and claims <= linked


def test_timeline_is_ordered_and_keeps_prospects_apart(client, store):
    body = client.get("/timeline").get_data(as_text=True)
    happened = body.split('id="happened"')[1].split("</section>")[0]
    prospects = body.split('id="prospects"')[1].split("</section>")[0]
    dates = re.findall(r'datetime="([0-9-]+)"', happened)
    assert dates and dates == sorted(dates)
    planned = first(store, f"""SELECT ?e ?label {{ ?e <{HR}eventStatus> <{EVENT_STATUS}planned> ;
        <http://www.w3.org/2000/01/rdf-schema#label> ?label ; <{HR}time>/<{HR}earliest> ?d }} LIMIT 1""")
    assert html.escape(planned["label"].value) in prospects
    assert html.escape(planned["label"].value) not in happened
    assert "year inferred" in body


def test_page_escapes_what_the_request_carries(client):
    response = client.get("/id/person/%3Cscript%3Ealert(1)%3C%2Fscript%3E", headers={"Accept": "text/html"})
    assert response.status_code == 404
    assert b"<script>" not in response.data and b"&lt;script&gt;" in response.data


@pytest.mark.parametrize("kind", ["person", "claim", "event"])
def test_kind_lists_link_every_member(client, store, kind):
    members = {q.subject.value for q in store.quads_for_pattern(None, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), None)
               if q.subject.value.startswith(f"{BASE}id/{kind}/")}
    body = client.get(f"/id/{kind}/").get_data(as_text=True)
    assert members and all(f'href="/{m[len(BASE):]}"' in body for m in members)
