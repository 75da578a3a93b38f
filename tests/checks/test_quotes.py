"""File offsets map to the normalised offsets the fact inventory uses."""

from __future__ import annotations

from rightsgraph.checks.quotes import normalise, normalised_span
from rightsgraph.dataset import DATA_DIR

HR = "https://w3id.org/rightsgraph/ontology/"


def test_normalised_span_of_a_wrapped_span():
    text = "  one\n two  three \n"
    assert normalise(text) == "one two three"
    assert normalised_span(text, text.index("two"), text.index("three") + 5) == (4, 13)


def test_normalised_span_agrees_with_every_quote_of_the_data(store):
    text = (DATA_DIR / "amnesty-cambodia-2019.txt").read_text(encoding="utf-8")
    rows = list(store.query(
        f"SELECT ?a ?b ?c ?d WHERE {{ ?q <{HR}rawStart> ?a ; <{HR}rawEnd> ?b ; "
        f"<{HR}normalizedStart> ?c ; <{HR}normalizedEnd> ?d }}",
        use_default_graph_as_union=True,
    ))
    assert len(rows) == 113
    for row in rows:
        span = normalised_span(text, int(row["a"].value), int(row["b"].value))
        assert span == (int(row["c"].value), int(row["d"].value))
