"""Search, lists by kind (filters, sorting, CSV and JSON), the pages for /sparql and the VoID, the
descriptions machines read (a named graph about itself, a claim with its quote) and the words
pages use for dates and claims."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from publishing_support import BASE, BROWSER_ACCEPT, HR
from rightsgraph.publishing.dates import codes_in_words, edtf_in_words
from rightsgraph.publishing.graph import sentence

RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@pytest.mark.parametrize(("code", "words"), [
    ("2019-10-30", "30 October 2019"),
    ("2019-11", "November 2019"),
    ("../2019-10-23~", "on or before 23 October 2019 (approximately)"),
    ("2017/..", "from 2017 onwards"),
    ("2019-08/2019-11", "between August 2019 and November 2019"),
    ("not a date", "not a date"),
])
def test_edtf_codes_read_as_words(code, words):
    assert edtf_in_words(code) == words


def test_a_year_the_page_marks_apart_is_left_out_of_the_words():
    assert edtf_in_words("../2019-10-30", year=False) == "on or before 30 October"


def test_codes_in_a_note_are_put_in_words_and_plain_years_kept():
    note = "Encoded as on or before 30 October (EDTF ../2019-10-30); in 2017; planned for 9 November 2019?"
    assert codes_in_words(note) == ("Encoded as on or before 30 October (on or before 30 October 2019); in 2017; "
                                     "planned for 9 November 2019?")


def test_claim_labels_written_as_slots_read_as_sentences():
    assert sentence("I03: Sam Bopha — died — —") == "I03: Sam Bopha died"
    assert sentence("Sam Bopha died —") == "Sam Bopha died"
    assert sentence("Hun Yap, former CNRP commune councillor") == "Hun Yap, former CNRP commune councillor"


def test_search_finds_names_claims_and_quotes_without_javascript(client, store):
    body = client.get("/search?q=police+motorbike").get_data(as_text=True)
    claims = {r["c"].value for r in store.query(
        f'SELECT ?c {{ ?c <{HR}evidence>/<{HR}exactText> ?t FILTER(CONTAINS(LCASE(?t), "police motorbike")) }}',
        use_default_graph_as_union=True)}
    assert claims and all(f'href="/{c[len(BASE):]}"' in body for c in claims)
    assert "<mark>police motorbike</mark>" in body
    assert 'href="/id/person/sam-bopha"' in client.get("/search?q=sam+BOPHA").get_data(as_text=True)


def test_search_refuses_a_very_long_phrase_with_a_message(client):
    response = client.get("/search?q=" + "a" * 500)
    assert response.status_code == 400
    assert "at most 200 characters" in response.get_data(as_text=True)


def test_every_page_has_the_search_box(client):
    for path in ("/", "/timeline", "/id/person/sam-bopha", "/validate"):
        body = client.get(path, headers={"Accept": "text/html"}, follow_redirects=True).get_data(as_text=True)
        assert 'action="/search"' in body, path


def test_event_list_filters_and_sorts_by_query_parameters(client, store):
    occurred = {r["e"].value for r in store.query(
        f"SELECT ?e {{ ?e <{HR}eventStatus> <{BASE}vocab/event-status/occurred> }}", use_default_graph_as_union=True)}
    records = json.loads(client.get("/id/event/?status=occurred&sort=date&format=json").get_data(as_text=True))
    assert {r["iri"] for r in records} == {e for e in occurred if e.startswith(BASE + "id/event/")}
    dated = [r["earliest"] or r["latest"] for r in records if r["earliest"] or r["latest"]]
    assert dated == sorted(dated) and dated
    reversed_names = [r["name"] for r in json.loads(client.get("/id/event/?sort=-name&format=json").data)]
    assert reversed_names == sorted(reversed_names, key=str.lower, reverse=True)


def test_list_offers_csv_and_json_of_what_it_shows(client):
    body = client.get("/id/person/?q=sam").get_data(as_text=True)
    assert 'href="/id/person/?q=sam&amp;format=csv"' in body and 'href="/id/person/?q=sam&amp;format=json"' in body
    rows = list(csv.DictReader(io.StringIO(client.get("/id/person/?q=sam&format=csv").get_data(as_text=True))))
    assert {r["name"] for r in rows} == {"Sam Bopha", "Sam Rainsy"}


def test_list_shows_date_status_and_place_in_words(client):
    body = client.get("/id/event/?q=killing+of+sam").get_data(as_text=True)
    assert "30 October" in body and "Svay Rieng province" in body and "occurred" in body
    assert "2019-10-30" not in body.split('<ol class="list">')[1]


def test_list_refuses_an_unknown_sort_with_the_choices(client):
    response = client.get("/id/event/?sort=colour")
    assert response.status_code == 400
    assert "name, date, kind, status, place" in response.get_data(as_text=True)


def test_sparql_and_void_give_a_browser_a_page_and_everyone_else_rdf(client):
    for path in ("/sparql", "/.well-known/void"):
        assert client.get(path, headers={"Accept": BROWSER_ACCEPT}).mimetype == "text/html"
        for accept in ("*/*", None, "text/turtle"):
            headers = {"Accept": accept} if accept else {}
            assert client.get(path, headers=headers).mimetype == "text/turtle", (path, accept)
    assert client.get("/sparql?query=ASK{}", headers={"Accept": BROWSER_ACCEPT}).mimetype != "text/html"


def test_void_page_lists_the_graphs_and_downloads(client, store):
    body = client.get("/.well-known/void", headers={"Accept": "text/html"}).get_data(as_text=True)
    graphs = {q.graph_name.value for q in store if isinstance(q.graph_name, ox.NamedNode)}
    assert graphs and all(g in body for g in graphs)
    assert "rightsgraph.trig" in body


def test_named_graph_describes_itself(client, store):
    name = BASE + "graph/amnesty-cambodia-2019-inferences"
    triples = list(ox.parse(client.get("/data/graph/amnesty-cambodia-2019-inferences.nt").data,
                            format=ox.RdfFormat.N_TRIPLES))
    about = {(t.predicate.value, t.object.value) for t in triples if t.subject.value == name}
    count = sum(1 for _ in store.quads_for_pattern(None, None, None, ox.NamedNode(name)))
    assert ("http://rdfs.org/ns/void#triples", str(count)) in about
    assert ("http://purl.org/dc/terms/source", BASE + "id/document/amnesty-cambodia-2019") in about
    assert ("http://www.w3.org/ns/prov#wasDerivedFrom", BASE + "id/document/amnesty-cambodia-2019") in about
    assert any(p == "http://purl.org/dc/terms/license" for p, _ in about)


def test_claim_description_includes_its_quote_and_offsets(client, store):
    row = next(iter(store.query(f"""SELECT ?q ?start ?text WHERE {{
        <{BASE}id/claim/amnesty-cambodia-2019-f24> <{HR}evidence> ?q . ?q <{HR}rawStart> ?start ; <{HR}exactText> ?text }}""",
        use_default_graph_as_union=True)))
    triples = list(ox.parse(client.get("/data/id/claim/amnesty-cambodia-2019-f24.nt").data, format=ox.RdfFormat.N_TRIPLES))
    quote = {t.predicate.value[len(HR):]: t.object.value for t in triples if t.subject == row["q"]}
    assert quote["exactText"] == row["text"].value and quote["rawStart"] == row["start"].value
    assert {"rawEnd", "normalizedStart", "normalizedEnd"} <= set(quote)


def test_inverse_labels_come_from_the_ontology(client, store):
    inverse = next(iter(store.query(
        f'SELECT ?l {{ <{HR}fatherInLawOf> <{HR}inverseLabel> ?l }}', use_default_graph_as_union=True)))["l"].value
    body = client.get("/page/id/person/sam-bopha").get_data(as_text=True)
    assert f"<dt>{inverse}</dt>" in body


def test_home_page_tells_what_happened_before_any_count(client):
    body = client.get("/").get_data(as_text=True)
    happened = body.index('id="happened"')
    assert happened < body.index('class="count"')
    section = body[happened:body.index("</section>", happened)]
    assert section.count('href="/id/claim/') >= 5
    assert "Sam Bopha" in section


def test_validate_page_sits_in_the_site_layout(client):
    body = client.get("/validate").get_data(as_text=True)
    assert '<a class="skip" href="#content">' in body and '<nav aria-label="Site">' in body
    assert 'href="/docs/records.md"' in body and 'rel="icon" href="data:,"' in body
    assert client.get("/docs/records.md").status_code == 200
    assert client.get("/docs/..%2Fpyproject.md").status_code == 404


def test_a_missing_page_is_a_page_for_a_browser_and_problem_json_for_programs(client):
    page = client.get("/no/such/page", headers={"Accept": BROWSER_ACCEPT})
    assert page.status_code == 404 and page.mimetype == "text/html"
    assert 'action="/search"' in page.get_data(as_text=True)
    for accept in ("*/*", "application/json", None):
        response = client.get("/no/such/page", headers={"Accept": accept} if accept else {})
        assert response.status_code == 404 and response.mimetype == "application/problem+json"
