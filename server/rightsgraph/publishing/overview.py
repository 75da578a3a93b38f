"""The pages over the whole dataset: the home page's counts, lists by kind, the timeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from .claims import ClaimSummary, claim_summaries
from .dates import edtf_in_words
from .describe import Page, Value
from .graph import select
from .iris import humanise
from .story import When, times

#: Event statuses of what happened (or did not); every other status is a prospect.
HAPPENED = ("occurred", "ongoing")
NOT_OCCURRED = ("not-occurred",)


@dataclass
class Kind:
    name: str
    label: str
    count: int
    href: str


def kinds(base: str) -> list[Kind]:
    """How many resources of each kind (``id/{kind}/…``) the graph holds, quotes apart."""
    prefix = Literal(base + "id/")
    rows = select(
        f"""SELECT ?kind (COUNT(DISTINCT ?s) AS ?n) WHERE {{
          ?s a ?type .
          FILTER(STRSTARTS(STR(?s), {prefix}) && !CONTAINS(STR(?s), "#"))
          BIND(STRBEFORE(STRAFTER(STR(?s), {prefix}), "/") AS ?kind)
        }} GROUP BY ?kind ORDER BY DESC(?n) ?kind"""
    )
    return [
        Kind(r["kind"].value, humanise(r["kind"].value), int(r["n"].value), f"/id/{r['kind'].value}/")
        for r in rows
        if r["kind"].value
    ]


@dataclass
class Dated:
    event: Value
    kind: Value
    status: Value
    status_name: str
    when: str
    expressed: str
    words: str
    earliest: str
    latest: str
    year_inferred: bool
    value_inferred: bool


@dataclass
class Timeline:
    happened: list[Dated] = field(default_factory=list)
    prospects: list[Dated] = field(default_factory=list)
    not_occurred: list[Dated] = field(default_factory=list)
    relative: list[Dated] = field(default_factory=list)


TIMELINE_QUERY = """SELECT ?event ?type ?status ?time ?expressed ?edtf ?earliest ?latest ?yearInferred ?valueInferred WHERE {
  ?event hr:eventStatus ?status ; hr:time ?time .
  OPTIONAL { ?event a ?type . ?type rdfs:subClassOf* hr:Event . FILTER(?type != hr:Event) }
  OPTIONAL { ?time hr:expressedDate ?expressed }
  OPTIONAL { ?time hr:edtf ?edtf }
  OPTIONAL { ?time hr:earliest ?earliest }
  OPTIONAL { ?time hr:latest ?latest }
  OPTIONAL { ?time hr:yearInferred ?yearInferred }
  OPTIONAL { ?time hr:valueInferred ?valueInferred }
}"""


def timeline(page: Page) -> Timeline:
    """Every event with a time: dated ones in order, split by whether they happened."""
    rows = select(TIMELINE_QUERY)
    page.fetch_labels(rows, "event", "type", "status", "time")
    seen: dict[tuple[str, str], Dated] = {}
    for r in rows:
        key = (r["event"].value, r["time"].value)
        if key in seen:
            continue
        seen[key] = Dated(
            event=page.value(r["event"]),
            kind=page.value(r["type"]) if "type" in r else Value("event"),
            status=page.value(r["status"]),
            status_name=r["status"].value.rsplit("/", 1)[-1],
            when=page.labels(r["time"].value),
            expressed=r["expressed"].value if "expressed" in r else "",
            words=edtf_in_words(r["edtf"].value, year=r.get("yearInferred", Literal("false")).value != "true")
            if "edtf" in r else "",
            earliest=r["earliest"].value if "earliest" in r else "",
            latest=r["latest"].value if "latest" in r else "",
            year_inferred="yearInferred" in r and r["yearInferred"].value == "true",
            value_inferred="valueInferred" in r and r["valueInferred"].value == "true",
        )
    result = Timeline()
    for item in sorted(seen.values(), key=lambda d: (d.earliest or d.latest, d.latest, d.event.text)):
        if not (item.earliest or item.latest):
            result.relative.append(item)
        elif item.status_name in HAPPENED:
            result.happened.append(item)
        elif item.status_name in NOT_OCCURRED:
            result.not_occurred.append(item)
        else:
            result.prospects.append(item)
    result.relative.sort(key=lambda d: d.event.text.lower())
    return result


@dataclass
class Headline:
    """One line of the home page's summary: a claim's sentence, linked to the claim."""

    claim: ClaimSummary
    events: list[Value]


@dataclass
class PersonLine:
    person: Value
    events: list[tuple[Value, list[When], list[ClaimSummary]]]


#: Statuses in which the source speaks in its own voice (see claims.PHRASES).
OWN_VOICE = ("A", "A-EVAL", "A-HEDGED")

HEADLINES_QUERY = """SELECT ?claim (MIN(?start) AS ?first) (GROUP_CONCAT(STR(?event); separator=" ") AS ?events) WHERE {{
  ?claim hr:epistemicStatus/skos:notation ?notation ; hr:evidence/hr:rawStart ?start ; hr:supports ?event .
  ?event hr:eventStatus ?status ; a ?type . ?type rdfs:subClassOf* hr:Event .
  FILTER(?notation IN ({voices}) && (STRENDS(STR(?status), "/occurred") || STRENDS(STR(?status), "/ongoing")))
}} GROUP BY ?claim ORDER BY ?first"""

PEOPLE_QUERY = """SELECT DISTINCT ?person ?event ?time ?claim WHERE {
  ?event hr:victim|hr:target ?person ; hr:eventStatus ?status ; a ?type . ?type rdfs:subClassOf* hr:Event .
  ?person a hr:Person .
  FILTER(STRENDS(STR(?status), "/occurred") || STRENDS(STR(?status), "/ongoing"))
  OPTIONAL { ?event hr:time ?time }
  OPTIONAL { ?claim hr:supports ?event ; hr:epistemicStatus/skos:notation ?n FILTER(?n != "INF") }
}"""


def headlines(page: Page, limit: int = 6) -> list[Headline]:
    """What happened, in the statement's order: the first claim in its own voice about each event
    that happened or is going on, for the first ``limit`` events."""
    voices = ", ".join(str(Literal(v)) for v in OWN_VOICE)
    chosen, told = [], set()
    for r in select(HEADLINES_QUERY.format(voices=voices)):
        events = set(r["events"].value.split())
        if events - told and len(chosen) < limit:
            chosen.append((r["claim"].value, sorted(events)))
            told |= events
    summaries = claim_summaries(page, [claim for claim, _ in chosen])
    page.labels.fetch(e for _, events in chosen for e in events)
    return [Headline(summaries[c], [page.value(NamedNode(e)) for e in events]) for c, events in chosen if c in summaries]


def people(page: Page, limit: int = 12) -> list[PersonLine]:
    """The named people harmed or targeted in events that happened, each event with its date and claims."""
    rows = select(PEOPLE_QUERY)
    page.fetch_labels(rows, "person", "event")
    when = times(page, [r["time"].value for r in rows if "time" in r])
    summaries = claim_summaries(page, sorted({r["claim"].value for r in rows if "claim" in r}))
    grouped: dict[str, dict[str, tuple[set, set]]] = {}
    for r in rows:
        events = grouped.setdefault(r["person"].value, {})
        times_of, claims_of = events.setdefault(r["event"].value, (set(), set()))
        if "time" in r:
            times_of.add(r["time"].value)
        if "claim" in r:
            claims_of.add(r["claim"].value)
    lines = []
    for person, events in grouped.items():
        told = []
        for event, (times_of, claims_of) in events.items():
            told.append((page.value(NamedNode(event)), [when[t] for t in sorted(times_of) if t in when],
                         sorted((summaries[c] for c in claims_of if c in summaries), key=lambda c: c.id)))
        told.sort(key=lambda item: (min([w.earliest or w.latest or "9999" for w in item[1]] or ["9999"]), item[0].text))
        lines.append(PersonLine(page.value(NamedNode(person)), told))
    lines.sort(key=lambda line: line.person.text.lower())
    return lines[:limit]
