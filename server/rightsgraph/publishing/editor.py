"""The query editor's answer without JavaScript: a SELECT run as /sparql runs it, as a table."""

from __future__ import annotations

from dataclasses import dataclass

from pyoxigraph import NamedNode, QueryResultsFormat, parse_query_results

from ..endpoint.querying import run_screened
from ..errors import BadRequest
from .describe import Page, Value

SHOWN_ROWS = 500


@dataclass
class Table:
    variables: list[str]
    rows: list[list[Value]]
    truncated: bool


def run(page: Page, query: str, settings: dict) -> Table:
    """Screen and run ``query`` on the worker pool; raises the endpoint's errors."""
    if len(query.encode("utf-8")) > settings["max_body_bytes"]:
        raise BadRequest("The query is too long.")
    answer = run_screened(query, settings, accept="application/sparql-results+json", max_rows=SHOWN_ROWS)
    results = parse_query_results(answer.body, format=QueryResultsFormat.JSON)
    if isinstance(results, bool) or not hasattr(results, "variables"):
        return Table(["answer"], [[Value(str(bool(results)).lower())]], False)
    names = [v.value for v in results.variables]
    rows = [[row[name] for name in names] for row in results]
    page.labels.fetch(t.value for row in rows for t in row if isinstance(t, NamedNode))
    return Table(names, [[page.value(t) if t is not None else Value("") for t in row] for row in rows], answer.truncated)
