"""``/search?q=…``: words looked for in every name, other name, claim sentence and quote of the graph.

Run on the server (the page works without JavaScript), through the same worker pool
and time bound as every page. A match in a quote leads to the claims that cite it;
a match anywhere else to the resource named. Case is ignored; the words are matched
as one phrase, passed to the engine as a literal (never spliced into the query).
"""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

from ..errors import BadRequest
from .describe import Page, Value
from .graph import select, sentence

MAX_WORDS = 200
MAX_RESULTS = 200

QUERY = """SELECT DISTINCT ?thing ?text ?where ?type WHERE {{
  {{ ?thing rdfs:label|skos:prefLabel|skos:altLabel ?text BIND("name" AS ?where) }}
  UNION {{ ?thing hr:paraphrase ?text BIND("claim" AS ?where) }}
  UNION {{ ?thing hr:evidence ?quote . ?quote hr:exactText ?text BIND("quote" AS ?where) }}
  FILTER(isIRI(?thing) && CONTAINS(LCASE(STR(?text)), LCASE({words})))
  OPTIONAL {{ ?thing a ?type }}
}} LIMIT {limit}"""


@dataclass
class Hit:
    thing: Value
    kind: str
    where: str
    before: str
    match: str
    after: str


def _cut(text: str, words: str) -> tuple[str, str, str]:
    """The text around the first match: (before, match, after), at most ~80 characters either side."""
    at = text.lower().find(words.lower())
    if at < 0:
        return (text if len(text) <= 160 else text[:160].rsplit(" ", 1)[0] + "…"), "", ""
    before, match, after = text[:at], text[at : at + len(words)], text[at + len(words) :]
    if len(before) > 80:
        before = "…" + before[-80:].split(" ", 1)[-1]
    if len(after) > 80:
        after = after[:80].rsplit(" ", 1)[0] + "…"
    return before, match, after


def search(page: Page, words: str) -> tuple[list[Hit], bool]:
    """Resources whose words contain ``words``; names first, then claims, then quotes."""
    words = " ".join(words.split())
    if len(words) > MAX_WORDS:
        raise BadRequest(f"Search for at most {MAX_WORDS} characters.")
    if len(words) < 2:
        return [], False
    rows = select(QUERY.format(words=Literal(words), limit=MAX_RESULTS * 4))
    page.fetch_labels(rows, "thing", "type")
    order = {"name": 0, "claim": 1, "quote": 2}
    hits: dict[str, Hit] = {}
    kinds: dict[str, set[str]] = {}
    for r in sorted(rows, key=lambda r: order[r["where"].value]):
        thing = r["thing"].value
        if "type" in r:
            kinds.setdefault(thing, set()).add(page.labels(r["type"].value))
        if thing not in hits:
            text = sentence(r["text"].value)
            hits[thing] = Hit(page.value(NamedNode(thing)), "", r["where"].value, *_cut(text, words))
    for hit in hits.values():
        hit.kind = ", ".join(sorted(kinds.get(hit.thing.iri, ())))
    found = sorted(hits.values(), key=lambda h: (order[h.where], h.thing.text.lower()))
    return found[:MAX_RESULTS], len(found) > MAX_RESULTS or rows.truncated
