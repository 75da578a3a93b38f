"""A new source document end to end: a FICTIONAL text (tests/fixtures/archive/, never served as the project's
data), its description and a claims sheet without offsets go through the gate, and its page, timeline entry,
VoID counts and dumps appear without a restart, in the server's answers and in Chromium."""

from __future__ import annotations

import hashlib
import re

import pytest
from archive_support import FIXTURES, Server, Tokens, fixture
from playwright.sync_api import expect, sync_playwright

DOCUMENT = "https://w3id.org/rightsgraph/id/document/harbour-town-2031"
TEXT = (FIXTURES / "harbour-town-2031.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    tokens = Tokens(tmp_path_factory.mktemp("tokens") / "tokens.json")
    server = Server("--store", str(tmp_path_factory.mktemp("document") / "store"), tokens=tokens.file.path)
    try:
        before = {
            "void": void_triples(server),
            "timeline": server.request("GET", "/timeline").body,
            "page": server.request("GET", "/page/id/document/harbour-town-2031").status,
            "dump": server.request("GET", "/dumps/rightsgraph.nq").body,
        }
        reply = server.submit(tokens.archivist, fixture("harbour-town-2031.ttl"),
                              fixture("harbour-town-2031-claims.csv"), document=fixture("harbour-town-2031.txt"))
        assert reply.status == 201, reply.body
        yield server, before, reply.json()
    finally:
        server.stop()


def void_triples(server) -> dict[str, int]:
    """The VoID description's triples per named graph (its subsets)."""
    body = server.request("GET", "/.well-known/void", headers={"Accept": "application/n-triples"}).body.decode()
    names = dict(re.findall(r'(<[^>]*#graph-[^>]*>) <http://www.w3.org/ns/sparql-service-description#name> <([^>]*)>', body))
    counts = dict(re.findall(r'(<[^>]*#graph-[^>]*>) <http://rdfs.org/ns/void#triples> "(\d+)"', body))
    return {names[subset]: int(counts[subset]) for subset in names}


def test_offsets_are_computed_from_the_quotes(archive):
    server, _, _ = archive
    rows = server.select(f"""PREFIX hr: <https://w3id.org/rightsgraph/ontology/>
        SELECT ?id ?text ?start ?end WHERE {{ ?c hr:claimId ?id ; hr:evidence ?q .
        ?q hr:inDocument <{DOCUMENT}> ; hr:exactText ?text ; hr:rawStart ?start ; hr:rawEnd ?end }} ORDER BY ?id""")
    assert [r["id"] for r in rows] == ["H001", "H002", "H003"]
    for row in rows:
        span = TEXT[int(row["start"]):int(row["end"])]
        assert " ".join(span.split()) == row["text"]


def test_the_text_is_held_with_its_checksum(archive):
    server, _, _ = archive
    [row] = server.select(f"""PREFIX hr: <https://w3id.org/rightsgraph/ontology/>
        SELECT ?sha ?n WHERE {{ <{DOCUMENT}> hr:sha256 ?sha ; hr:characterCount ?n }}""")
    assert row["sha"] == hashlib.sha256((FIXTURES / "harbour-town-2031.txt").read_bytes()).hexdigest()
    assert int(row["n"]) == len(TEXT)


def test_page_timeline_void_and_dumps_appear_without_a_restart(archive):
    server, before, accepted = archive
    assert before["page"] == 404
    page = server.request("GET", "/page/id/document/harbour-town-2031")
    assert page.status == 200 and b"FICTIONAL TEST DOCUMENT" in page.body and page.body.count(b"claim-ref") >= 3
    timeline = server.request("GET", "/timeline").body
    assert b"Lio Varga" not in before["timeline"] and b"Lio Varga" in timeline
    void = void_triples(server)
    assert accepted["graph"] not in before["void"] and void[accepted["graph"]] == accepted["triples"]
    dump = server.request("GET", "/dumps/rightsgraph.nq").body
    assert DOCUMENT.encode() not in before["dump"] and DOCUMENT.encode() in dump
    sums = server.request("GET", "/dumps/SHA256SUMS").body.decode()
    assert f"{hashlib.sha256(dump).hexdigest()}  rightsgraph.nq" in sums


def test_the_new_document_in_chromium(archive):
    server, _, _ = archive
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page()
            errors = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(server.base + "/id/document/harbour-town-2031")
            expect(page.locator("h1")).to_contain_text("Harbour Town Monitors")
            refs = page.locator("a.claim-ref")
            assert refs.count() == 3
            refs.first.click()
            expect(page.locator("mark.quote").first).to_contain_text("police arrested Lio Varga")
            page.goto(server.base + "/records")
            expect(page.locator("table")).to_contain_text("archivist")
            assert errors == []
        finally:
            browser.close()
