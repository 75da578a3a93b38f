"""Lists by kind (``/id/{kind}/``): every resource with its kind, date, status and place,
sorted and filtered by query parameters (no JavaScript), and the same rows as CSV or JSON.

Query parameters: ``q`` (words in the name), ``kind``, ``status`` and ``place`` (exact
labels, as the page's filter form offers them), ``sort`` (``name``, ``date``,
``kind``, ``status``, ``place``; a leading ``-`` reverses) and ``format``
(``csv`` or ``json``). An unknown ``sort`` or ``format`` is refused with a 400 that names
the choices.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import Literal, NamedNode

from ..errors import BadRequest
from .describe import Page, Value
from .graph import HR, select
from .story import When, times

SORTS = ("name", "date", "kind", "status", "place")
FORMATS = ("html", "csv", "json")
TIME_SPEC = HR + "TimeSpec"


@dataclass
class Row:
    item: Value
    kinds: list[str] = field(default_factory=list)
    when: list[When] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    places: list[Value] = field(default_factory=list)

    @property
    def date_key(self) -> str:
        dates = [w.earliest or w.latest for w in self.when if w.earliest or w.latest]
        return min(dates) if dates else ""

    def key(self, column: str) -> tuple:
        if column == "date":
            return (self.date_key == "", self.date_key, self.item.text.lower())
        if column == "kind":
            return (", ".join(self.kinds).lower(), self.item.text.lower())
        if column == "status":
            return (", ".join(self.statuses).lower() or "~", self.item.text.lower())
        if column == "place":
            return (", ".join(p.text for p in self.places).lower() or "~", self.item.text.lower())
        return (self.item.text.lower(),)


@dataclass
class Listing:
    kind: str
    rows: list[Row]
    total: int
    truncated: bool
    columns: list[str]
    choices: dict[str, list[str]]


QUERY = """SELECT ?s ?type ?time ?status ?place WHERE {{
  ?s a ?type . FILTER(STRSTARTS(STR(?s), {prefix}) && !CONTAINS(STR(?s), "#"))
  OPTIONAL {{ ?s hr:time ?time }}
  OPTIONAL {{ ?s hr:eventStatus|hr:epistemicStatus ?status }}
  OPTIONAL {{ ?s hr:place ?place }}
}}"""


def rows_of(page: Page, kind: str) -> tuple[list[Row], bool]:
    """Every resource whose IRI is under ``id/{kind}/``, one row each."""
    found = select(QUERY.format(prefix=Literal(f"{page.base}id/{kind}/")))
    page.fetch_labels(found, "s", "type", "status", "place")
    gathered: dict[str, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for r in found:
        entry = gathered[r["s"].value]
        entry["type"].add(r["type"].value)
        for name in ("time", "status", "place"):
            if name in r:
                entry[name].add(r[name].value)
        if r["type"].value == TIME_SPEC:
            entry["time"].add(r["s"].value)
    when = times(page, [t for entry in gathered.values() for t in entry["time"]])
    rows = [
        Row(
            item=page.value(NamedNode(value)),
            kinds=sorted({page.labels(t) for t in entry["type"]}),
            when=[when[t] for t in sorted(entry["time"]) if t in when],
            statuses=sorted(page.labels(s) for s in entry["status"]),
            places=sorted((page.value(NamedNode(p)) for p in entry["place"]), key=lambda v: v.text.lower()),
        )
        for value, entry in gathered.items()
    ]
    return rows, found.truncated


def listing(page: Page, kind: str, args) -> Listing:
    """The rows of one kind, filtered and sorted as ``args`` (the request's query parameters) ask."""
    sort = args.get("sort", "name")
    if sort.lstrip("-") not in SORTS:
        raise BadRequest(f"Sort by one of {', '.join(SORTS)} (a leading - reverses), not {sort!r}.")
    rows, truncated = rows_of(page, kind)
    choices = {
        "kind": sorted({k for r in rows for k in r.kinds}),
        "status": sorted({s for r in rows for s in r.statuses}),
        "place": sorted({p.text for r in rows for p in r.places}),
    }
    columns = ["name", "kind"] + [c for c, has in (
        ("date", any(r.when for r in rows)), ("status", choices["status"]), ("place", choices["place"])) if has]
    total = len(rows)
    words = args.get("q", "").strip().lower()
    if words:
        rows = [r for r in rows if words in r.item.text.lower()]
    for name in ("kind", "status"):
        if args.get(name):
            rows = [r for r in rows if args[name] in getattr(r, "kinds" if name == "kind" else "statuses")]
    if args.get("place"):
        rows = [r for r in rows if args["place"] in {p.text for p in r.places}]
    rows.sort(key=lambda r: r.key(sort.lstrip("-")), reverse=sort.startswith("-"))
    return Listing(kind, rows, total, truncated, columns, choices)


def as_records(rows: list[Row]) -> list[dict]:
    """The rows for CSV and JSON: words as the page shows them, and the machine's values beside."""
    return [
        {
            "name": r.item.text,
            "iri": r.item.iri,
            "kind": "; ".join(r.kinds),
            "date": "; ".join(w.words for w in r.when),
            "year_inferred": "; ".join(w.inferred_year for w in r.when if w.inferred_year),
            "earliest": "; ".join(w.earliest for w in r.when if w.earliest),
            "latest": "; ".join(w.latest for w in r.when if w.latest),
            "status": "; ".join(r.statuses),
            "place": "; ".join(p.text for p in r.places),
        }
        for r in rows
    ]


def to_csv(rows: list[Row]) -> str:
    records = as_records(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(records[0]) if records else ["name", "iri"], lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def to_json(rows: list[Row]) -> str:
    return json.dumps(as_records(rows), ensure_ascii=False, indent=1) + "\n"
