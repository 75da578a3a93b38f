"""The pages over the whole dataset: the home page's counts, lists by kind, the timeline."""

from __future__ import annotations

from dataclasses import dataclass, field

from pyoxigraph import Literal

from .describe import Page, Value
from .graph import select
from .iris import humanise

#: Event statuses of what happened (or did not); every other status is a prospect.
VOCAB_EVENT_STATUS = "vocab/event-status/"
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


def members(page: Page, kind: str) -> tuple[list[Value], bool]:
    """Every resource of one kind, by label."""
    prefix = Literal(f"{page.base}id/{kind}/")
    rows = select(
        f"""SELECT DISTINCT ?s WHERE {{ ?s a ?type .
          FILTER(STRSTARTS(STR(?s), {prefix}) && !CONTAINS(STR(?s), "#")) }}"""
    )
    page.fetch_labels(rows, "s")
    return sorted((page.value(r["s"]) for r in rows), key=lambda v: v.text.lower()), rows.truncated


@dataclass
class Dated:
    event: Value
    kind: Value
    status: Value
    status_name: str
    when: str
    expressed: str
    edtf: str
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
            edtf=r["edtf"].value if "edtf" in r else "",
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
