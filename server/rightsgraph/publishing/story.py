"""What happened to a person, a group or a place, or in an event, told line by line from the graph.

A story line is one event: what (its label and kind), who (its participants, each
with the role read the right way round), when (in words; a year the statement does
not print is marked inferred), where, whether it happened, and how sure the source
is, in words, with a link to every claim the line rests on. What the graph holds
only as a claim (information received, allegations, other parties' words) follows
as "what the statement also says", each with its claim. Nothing here knows today's
triples: events are whatever is typed under ``hr:Event``, roles whatever points to them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import NamedNode

from .claims import ClaimSummary, claim_summaries
from .dates import edtf_in_words
from .describe import Page, Value, inverse_words
from .graph import HR, iri, select

#: Properties that tie an event to its time, place and status: shown as "when", "where", "status".
SETTING = {HR + "time", HR + "place", HR + "eventStatus", HR + "statusAsOf"}
#: Properties of the claim layer: a claim's content is told as the claim's sentence instead.
CLAIM_LAYER = {HR + "claimSubject", HR + "claimObject", HR + "claimPredicate", HR + "supports",
               HR + "inferenceBasis", HR + "evidence"}


@dataclass
class When:
    """A time in words: ``words`` never shows a year the curators inferred; ``inferred_year`` holds it."""

    words: str
    printed: str = ""
    inferred_year: str = ""
    value_inferred: bool = False
    earliest: str = ""
    latest: str = ""


@dataclass
class Role:
    label: str
    who: list[Value] = field(default_factory=list)


@dataclass
class Line:
    event: Value
    kind: str
    role: str = ""
    participants: list[Role] = field(default_factory=list)
    related: list[Role] = field(default_factory=list)
    when: list[When] = field(default_factory=list)
    where: list[Value] = field(default_factory=list)
    status: str = ""
    status_as_of: str = ""
    claims: list[ClaimSummary] = field(default_factory=list)

    @property
    def sort_key(self) -> tuple:
        dates = [w.earliest or w.latest for w in self.when if w.earliest or w.latest]
        return (min(dates) if dates else "9999", self.event.text.lower())


@dataclass
class Story:
    lines: list[Line] = field(default_factory=list)
    also: list[ClaimSummary] = field(default_factory=list)


TIME_QUERY = """SELECT ?time ?label ?printed ?edtf ?earliest ?latest ?yearInferred ?valueInferred WHERE {{
  VALUES ?time {{ {values} }}
  OPTIONAL {{ ?time rdfs:label ?label }}
  OPTIONAL {{ ?time hr:expressedDate ?printed }}
  OPTIONAL {{ ?time hr:edtf ?edtf }}
  OPTIONAL {{ ?time hr:earliest ?earliest }}
  OPTIONAL {{ ?time hr:latest ?latest }}
  OPTIONAL {{ ?time hr:yearInferred ?yearInferred }}
  OPTIONAL {{ ?time hr:valueInferred ?valueInferred }}
}}"""


def times(page: Page, values: list[str]) -> dict[str, When]:
    """Each ``hr:TimeSpec`` in words: its EDTF value when known (without an inferred year), else its label."""
    if not values:
        return {}
    found: dict[str, When] = {}
    for r in select(TIME_QUERY.format(values=" ".join(iri(v) for v in sorted(set(values))))):
        key = r["time"].value
        if key in found:
            continue
        year_inferred = "yearInferred" in r and r["yearInferred"].value == "true"
        if "edtf" in r:
            words = edtf_in_words(r["edtf"].value, year=not year_inferred)
        else:
            words = page.labels(key)
        bound = (r["earliest"].value if "earliest" in r else "") or (r["latest"].value if "latest" in r else "")
        found[key] = When(
            words=words,
            printed=r["printed"].value if "printed" in r else "",
            inferred_year=bound[:4] if year_inferred and bound else "",
            value_inferred="valueInferred" in r and r["valueInferred"].value == "true",
            earliest=r["earliest"].value if "earliest" in r else "",
            latest=r["latest"].value if "latest" in r else "",
        )
    return found


EVENTS_QUERY = """SELECT DISTINCT ?event ?role ?inverse WHERE {{
  {{ BIND({x} AS ?event) ?event a ?type . ?type rdfs:subClassOf* hr:Event }}
  UNION {{ ?event ?role {x} . ?event a ?type . ?type rdfs:subClassOf* hr:Event
          FILTER(?role NOT IN ({excluded}))
          OPTIONAL {{ ?role hr:inverseLabel ?inverse FILTER(LANGMATCHES(LANG(?inverse), "en")) }} }}
}}"""

DETAILS_QUERY = """SELECT ?event ?p ?o ?kind ?who WHERE {{
  VALUES ?event {{ {values} }}
  {{ ?event ?p ?o FILTER(isIRI(?o)) BIND(EXISTS {{ ?p rdfs:subPropertyOf* hr:participant }} AS ?who) }}
  UNION {{ ?event a ?kind . ?kind rdfs:subClassOf* hr:Event FILTER(?kind != hr:Event) }}
}}"""

CLAIMS_QUERY = """SELECT DISTINCT ?claim ?about WHERE {{
  VALUES ?about {{ {values} }}
  {{ ?claim hr:supports ?about }} UNION {{ ?claim hr:claimSubject ?about }} UNION {{ ?claim hr:claimObject ?about }}
}}"""


def _details(page: Page, events: list[str]) -> tuple[dict, dict, set[str]]:
    """Each event's links to resources (by property), its kinds in words, and which properties name participants."""
    rows = select(DETAILS_QUERY.format(values=" ".join(iri(e) for e in events))) if events else []
    page.fetch_labels(rows, "p", "o", "kind")
    page.labels.fetch(events)
    details: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    kinds: dict[str, list[str]] = defaultdict(list)
    participant_roles = set()
    for r in rows:
        if "kind" in r:
            kinds[r["event"].value].append(page.labels(r["kind"].value))
            continue
        details[r["event"].value][r["p"].value].append(r["o"])
        if r["who"].value == "true":
            participant_roles.add(r["p"].value)
    return details, kinds, participant_roles


def story(page: Page, value: str) -> Story:
    """The story of ``value``: its events (or itself, when it is one) and the claims about it."""
    x = iri(value)
    excluded = ", ".join(iri(p) for p in sorted(CLAIM_LAYER))
    roles: dict[str, set[str]] = {}
    for r in select(EVENTS_QUERY.format(x=x, excluded=excluded)):
        said = roles.setdefault(r["event"].value, set())
        if "role" in r:
            said.add(r["inverse"].value if "inverse" in r else inverse_words(page, r["role"].value))
    events = sorted(roles)
    details, kinds, participant_roles = _details(page, events)
    when = times(page, [t.value for e in events for t in details[e].get(HR + "time", [])])
    claim_rows = select(CLAIMS_QUERY.format(values=" ".join(iri(v) for v in [value, *events])))
    summaries = claim_summaries(page, sorted({r["claim"].value for r in claim_rows}))
    by_about: dict[str, list[str]] = defaultdict(list)
    for r in claim_rows:
        by_about[r["about"].value].append(r["claim"].value)
    result, told = Story(), set()
    for event in events:
        props = details[event]
        line = Line(
            event=page.value(NamedNode(event)),
            kind=", ".join(sorted(set(kinds[event]))) or "event",
            role=", ".join(sorted(roles[event])),
            when=[when[t.value] for t in props.get(HR + "time", []) if t.value in when],
            where=sorted((page.value(p) for p in props.get(HR + "place", [])), key=lambda v: v.text.lower()),
            status=", ".join(sorted(page.labels(s.value) for s in props.get(HR + "eventStatus", []))),
            status_as_of=", ".join(sorted(page.labels(t.value) for t in props.get(HR + "statusAsOf", []))),
        )
        for predicate, objects in sorted(props.items(), key=lambda item: page.labels(item[0])):
            if predicate in SETTING or predicate in CLAIM_LAYER or predicate.endswith("#type"):
                continue
            role = Role(page.labels(predicate), sorted((page.value(o) for o in objects), key=lambda v: v.text.lower()))
            (line.participants if predicate in participant_roles else line.related).append(role)
        claims = {c for c in by_about[event] if c in summaries}
        line.claims = sorted((summaries[c] for c in claims), key=lambda c: c.id)
        told.update(claims)
        result.lines.append(line)
    result.lines.sort(key=lambda line: line.sort_key)
    result.also = sorted(
        (summaries[c] for c in set(by_about[value]) - told if c in summaries), key=lambda s: s.id
    )
    return result
