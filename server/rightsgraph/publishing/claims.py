"""Claims and their source, for the claim page, the source page and the timeline.

A claim page shows the quote inside its paragraph of the source, the claim's
epistemic status in words, the resources it supports and whether the triple it
carries is a plain fact of the graph or lives only in the claim. The source page
shows the whole text with every claim's span marked and linked.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from pyoxigraph import Literal, NamedNode

from . import graph, text
from .describe import Page, Value
from .graph import HR, iri, select
from .iris import href

#: The epistemic status as a phrase, by its ``skos:notation`` in the vocabulary;
#: ``{by}`` is who states the claim, ``{to}`` to whom its content is attributed.
PHRASES = {
    "A": "asserted by {by} in its own voice",
    "A-EVAL": "{by}'s own evaluation, asserted as a judgement",
    "A-HEDGED": "asserted by {by} with a hedge or an approximation",
    "IR": "reported by {by} as information received, not verified",
    "ATTR": "reported by {by} as the words of {to}, not endorsed",
    "ALLEG": "an allegation by {to}, reported by {by} without endorsing it",
    "WIDE": "reported by {by} as widely believed",
    "CALL": "a call to action by {by}",
    "FUT": "reported by {by} as a prospect that had not happened",
    "INF": "inferred by the curators; the document does not state it",
    "META": "a fact about the document itself, given by {by}",
}


def status_in_words(notation: str, label: str, by: list[str], to: list[str]) -> str:
    """``reported by Amnesty International as information received``, or the label when unknown."""
    who = " and ".join(by) or "the source"
    whom = " and ".join(to) or "another party"
    phrase = PHRASES.get(notation)
    return phrase.format(by=who, to=whom) if phrase else f"{label} (stated by {who})"


def full_text(document: str) -> str:
    """The source document's ``hr:fullText``, read once per app (the data does not change while served)."""
    cache = current_app.extensions.setdefault("rightsgraph.texts", {})
    if document not in cache:
        rows = select(f"SELECT ?text WHERE {{ {iri(document)} hr:fullText ?text }} LIMIT 1")
        cache[document] = rows.rows[0]["text"].value if rows.rows else ""
    return cache[document]


@dataclass
class ClaimSummary:
    """A claim in one line: its sentence, how sure the source is in words, its quote."""

    id: str
    href: str
    sentence: str
    status: str
    quote: str = ""


SUMMARY_QUERY = """SELECT ?claim ?id ?statusLabel ?notation ?by ?to ?text WHERE {{
  VALUES ?claim {{ {values} }}
  ?claim hr:claimId ?id .
  OPTIONAL {{ ?claim hr:epistemicStatus ?status . OPTIONAL {{ ?status skos:notation ?notation }}
             OPTIONAL {{ ?status skos:prefLabel ?statusLabel }} }}
  OPTIONAL {{ ?claim hr:statedBy ?by }}
  OPTIONAL {{ ?claim hr:attributedTo ?to }}
  OPTIONAL {{ ?claim hr:evidence/hr:exactText ?text }}
}}"""


def claim_summaries(page: Page, values: list[str]) -> dict[str, ClaimSummary]:
    """Each claim of ``values`` as a :class:`ClaimSummary`, keyed by its IRI."""
    if not values:
        return {}
    rows = select(SUMMARY_QUERY.format(values=" ".join(iri(v) for v in values)))
    page.fetch_labels(rows, "by", "to")
    page.labels.fetch(values)
    gathered: dict[str, dict] = {}
    for r in rows:
        claim = gathered.setdefault(r["claim"].value, {"id": r["id"].value, "by": set(), "to": set(),
                                                       "notation": "", "label": "", "quote": ""})
        for name in ("by", "to"):
            if name in r:
                claim[name].add(page.labels(r[name].value))
        claim["notation"] = claim["notation"] or (r["notation"].value if "notation" in r else "")
        claim["label"] = claim["label"] or (r["statusLabel"].value if "statusLabel" in r else "")
        claim["quote"] = claim["quote"] or (r["text"].value if "text" in r else "")
    return {
        value: ClaimSummary(
            id=c["id"],
            href=href(value, page.base),
            sentence=page.labels(value),
            status=status_in_words(c["notation"], c["label"] or "no status given", sorted(c["by"]), sorted(c["to"])),
            quote=c["quote"],
        )
        for value, c in gathered.items()
    }


def supporting_claims(page: Page, value: str) -> list[ClaimSummary]:
    """The claims that back the resource (``hr:supports``), in the order of their ids."""
    rows = select(f"SELECT DISTINCT ?claim WHERE {{ ?claim hr:supports {iri(value)} }}")
    found = claim_summaries(page, [r["claim"].value for r in rows])
    return sorted(found.values(), key=lambda c: c.id)


@dataclass
class QuoteInContext:
    before: str
    quote: str
    after: str
    start: int
    end: int
    document: Value
    href: str


@dataclass
class ClaimPage:
    id: str
    status_words: str
    status: Value | None
    status_definition: str
    quotes: list[QuoteInContext] = field(default_factory=list)
    supports: list[Value] = field(default_factory=list)
    content: tuple[Value, Value, Value] | None = None
    content_is_fact: bool = False


CLAIM_QUERY = """SELECT ?id ?status ?notation ?definition ?quote ?text ?start ?end ?doc WHERE {{
  {c} hr:claimId ?id .
  OPTIONAL {{ {c} hr:epistemicStatus ?status .
             OPTIONAL {{ ?status skos:notation ?notation }}
             OPTIONAL {{ ?status skos:definition ?definition }} }}
  OPTIONAL {{ {c} hr:evidence ?quote . ?quote hr:rawStart ?start ; hr:rawEnd ?end ; hr:inDocument ?doc .
             OPTIONAL {{ ?quote hr:exactText ?text }} }}
}} ORDER BY ?start"""


def _objects(value: str, predicate: str) -> list:
    rows = select(f"SELECT DISTINCT ?o WHERE {{ {iri(value)} {iri(predicate)} ?o }}")
    return [row["o"] for row in rows]


def claim_page(page: Page, value: str) -> ClaimPage:
    c = iri(value)
    rows = select(CLAIM_QUERY.format(c=c))
    first = rows.rows[0]
    by = _objects(value, HR + "statedBy")
    to = _objects(value, HR + "attributedTo")
    supports = _objects(value, HR + "supports")
    page.labels.fetch(t.value for t in [*by, *to, *supports] if isinstance(t, NamedNode))
    page.fetch_labels(rows, "status", "doc")
    status = page.value(first["status"]) if "status" in first else None
    result = ClaimPage(
        id=first["id"].value,
        status=status,
        status_words=status_in_words(
            first["notation"].value if "notation" in first else "",
            status.text if status else "no status given",
            [page.labels(t.value) for t in by],
            [page.labels(t.value) for t in to],
        ),
        status_definition=first["definition"].value if "definition" in first else "",
        supports=sorted((page.value(t) for t in supports), key=lambda v: v.text.lower()),
    )
    for row in rows:
        if "quote" not in row:
            continue
        start, end = int(row["start"].value), int(row["end"].value)
        source = full_text(row["doc"].value)
        before, quote, after = text.context(source, start, end) if source else ("", row.get("text", Literal("")).value, "")
        result.quotes.append(
            QuoteInContext(before, quote, after, start, end, page.value(row["doc"]), href(row["quote"].value, page.base))
        )
    subject, predicate, obj = (_objects(value, HR + p) for p in ("claimSubject", "claimPredicate", "claimObject"))
    if subject and predicate and obj:
        page.labels.fetch(t.value for t in (subject[0], predicate[0], obj[0]) if isinstance(t, NamedNode))
        result.content = (page.value(subject[0]), page.value(predicate[0]), page.value(obj[0]))
        result.content_is_fact = graph.ask(f"ASK {{ {subject[0]} {predicate[0]} {obj[0]} }}")
    return result


@dataclass
class SourcePage:
    paragraphs: list[list[text.Segment]]
    claims: int
    quotes: int


def source_page(page: Page, document: str) -> SourcePage:
    """The document's full text with every quoted span of every claim marked and linked."""
    rows = select(
        f"""SELECT ?claim ?id ?start ?end WHERE {{
          ?claim hr:evidence ?q ; hr:claimId ?id .
          ?q hr:inDocument {iri(document)} ; hr:rawStart ?start ; hr:rawEnd ?end }}"""
    )
    spans = text.spans_from(
        [
            (int(r["start"].value), int(r["end"].value), r["id"].value, href(r["claim"].value, page.base))
            for r in rows
        ]
    )
    source = full_text(document)
    return SourcePage(text.marked(source, spans), len({r["claim"].value for r in rows}), len(spans))
