"""Every row of the fact inventory is a claim, tied to the exact words it comes from,
and the claim's content is a plain fact, or not, according to its epistemic status."""

from __future__ import annotations

import re

import pyoxigraph
import pytest
from rightsgraph.dataset import DATA_DIR

PREFIXES = """
PREFIX hr: <https://w3id.org/rightsgraph/ontology/>
PREFIX status: <https://w3id.org/rightsgraph/vocab/epistemic-status/>
"""
STATEMENT = pyoxigraph.NamedNode("https://w3id.org/rightsgraph/graph/amnesty-cambodia-2019")
INFERENCES = pyoxigraph.NamedNode(
    "https://w3id.org/rightsgraph/graph/amnesty-cambodia-2019-inferences"
)
ROW_COUNTS = {"M": 8, "F": 63, "R": 7, "C": 9, "B": 26, "I": 7}
EXPECTED_IDS = {f"{kind}{n:02d}" for kind, count in ROW_COUNTS.items() for n in range(1, count + 1)}
SOURCE_TEXT = (DATA_DIR / "amnesty-cambodia-2019.txt").read_text(encoding="utf-8")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def select(store: pyoxigraph.Store, query: str) -> list[dict[str, object]]:
    results = store.query(PREFIXES + query, use_default_graph_as_union=True)
    names = [v.value for v in results.variables]
    return [{name: row[name] for name in names} for row in results]


def claims_with_status(store, status: str) -> set[str]:
    rows = select(store, f"SELECT ?id WHERE {{ ?c hr:claimId ?id ; hr:epistemicStatus status:{status} }}")
    return {row["id"].value for row in rows}


def test_every_inventory_row_is_a_claim(store):
    ids = [row["id"].value for row in select(store, "SELECT ?id WHERE { ?c a hr:Claim ; hr:claimId ?id }")]
    assert len(ids) == len(set(ids)) == 120
    assert set(ids) == EXPECTED_IDS


def test_every_quote_is_verbatim_at_its_file_and_normalised_offsets(store):
    rows = select(store, """
        SELECT ?id ?text ?rs ?re ?ns ?ne WHERE {
          ?c hr:claimId ?id ; hr:evidence ?q .
          ?q hr:exactText ?text ; hr:rawStart ?rs ; hr:rawEnd ?re ;
             hr:normalizedStart ?ns ; hr:normalizedEnd ?ne .
        }""")
    assert {row["id"].value for row in rows} == EXPECTED_IDS
    normalised = normalise(SOURCE_TEXT)
    for row in rows:
        text = row["text"].value
        raw = SOURCE_TEXT[int(row["rs"].value) : int(row["re"].value)]
        assert normalise(raw) == text, row["id"].value
        assert raw == raw.strip(), f"{row['id'].value}: the file span starts or ends in white space"
        assert normalised[int(row["ns"].value) : int(row["ne"].value)] == text, row["id"].value


def test_quote_iri_carries_the_file_offsets(store):
    rows = select(store, "SELECT ?q ?rs ?re WHERE { ?q a hr:Quote ; hr:rawStart ?rs ; hr:rawEnd ?re }")
    assert rows
    for row in rows:
        assert row["q"].value.endswith(f"#char={row['rs'].value},{row['re'].value}")


def test_claim_f31_quote_offsets_match_the_design_notes(store):
    rows = select(store, """
        SELECT ?rs ?re ?ns ?ne WHERE {
          ?c hr:claimId "F31" ; hr:evidence [ hr:rawStart ?rs ; hr:rawEnd ?re ;
                                             hr:normalizedStart ?ns ; hr:normalizedEnd ?ne ] }""")
    assert [(int(r["rs"].value), int(r["re"].value), int(r["ns"].value), int(r["ne"].value)) for r in rows] == [
        (2153, 2246, 2123, 2216)
    ]


def test_inferred_claims_live_only_in_the_inferences_graph(store):
    inferred = claims_with_status(store, "inferred")
    assert {"I01", "I06", "M07", "R05", "F47"} <= inferred
    in_statement = {
        q.object.value
        for q in store.quads_for_pattern(None, pyoxigraph.NamedNode("https://w3id.org/rightsgraph/ontology/claimId"), None, STATEMENT)
    }
    assert not inferred & in_statement


def claim_triples(store) -> dict[str, tuple]:
    rows = select(store, """
        SELECT ?id ?s ?p ?o WHERE {
          ?c hr:claimId ?id ; hr:claimSubject ?s ; hr:claimPredicate ?p ; hr:claimObject ?o }""")
    triples: dict[str, list] = {}
    for row in rows:
        triples.setdefault(row["id"].value, []).append((row["s"], row["p"], row["o"]))
    return triples


def test_every_claim_names_the_triple_that_carries_its_content(store):
    missing = EXPECTED_IDS - set(claim_triples(store))
    assert not missing, f"claims without claimSubject/claimPredicate/claimObject: {sorted(missing)}"


def has_triple(store, triple, graph) -> bool:
    s, p, o = triple
    return bool(list(store.quads_for_pattern(s, p, o, graph)))


def test_asserted_claims_are_plain_facts_in_the_statement_graph(store):
    asserted = set()
    for status in ("asserted", "author-evaluation", "author-hedged", "metadata", "call"):
        asserted |= claims_with_status(store, status)
    asserted -= claims_with_status(store, "inferred")
    triples = claim_triples(store)
    absent = [cid for cid in sorted(asserted & set(triples))
              if not any(has_triple(store, t, STATEMENT) for t in triples[cid])]
    assert not absent, f"asserted claims whose triple is not in the statement graph: {absent}"


def test_attributed_content_is_never_a_plain_fact(store):
    reported = set()
    for status in ("information-received", "attributed", "allegation", "widely-believed"):
        reported |= claims_with_status(store, status)
    for status in ("asserted", "author-evaluation", "author-hedged"):
        reported -= claims_with_status(store, status)  # the act of saying is asserted
    assert {"F25", "F26", "F16", "B07", "B08", "B18", "F43", "F09"} <= reported
    triples = claim_triples(store)
    leaked = [cid for cid in sorted(reported & set(triples))
              if any(has_triple(store, t, None) for t in triples[cid])]
    assert not leaked, f"attributed or reported content stated as a plain fact: {leaked}"


def test_inferred_claims_are_plain_facts_in_the_inferences_graph(store):
    inferred = claims_with_status(store, "inferred")
    triples = claim_triples(store)
    absent = [cid for cid in sorted(inferred & set(triples))
              if not any(has_triple(store, t, INFERENCES) for t in triples[cid])]
    assert not absent, f"inferred claims whose triple is not in the inferences graph: {absent}"


@pytest.mark.parametrize("status,attributed_to", [
    ("information-received", "unnamed-informants"),
    ("widely-believed", "unnamed-holders-of-a-wide-view"),
])
def test_reported_claims_name_to_whom_they_are_attributed(store, status, attributed_to):
    rows = select(store, f"""
        SELECT ?id ?who WHERE {{ ?c hr:claimId ?id ; hr:epistemicStatus status:{status} .
                                 OPTIONAL {{ ?c hr:attributedTo ?who }} }}""")
    assert rows
    for row in rows:
        assert row["who"] is not None and row["who"].value.endswith(attributed_to), row["id"].value
