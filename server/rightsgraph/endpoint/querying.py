"""Screen, then run on the pool: the one way a query from outside reaches a worker.

``/sparql`` and the query editor's no-JavaScript form both come here, so a query meets the
same screening and the same bounds whichever door it came in by.
"""

from __future__ import annotations

from typing import Any, Mapping

from ..config import allowed_hosts
from . import get_pool, screening
from .engine import Job
from .results import Answer


def run_screened(
    query: str,
    settings: Mapping[str, Any],
    *,
    accept: str | None,
    base_iri: str | None = None,
    max_rows: int | None = None,
    default_graphs: tuple[str, ...] = (),
    named_graphs: tuple[str, ...] = (),
) -> Answer:
    """The answer to ``query`` within the settings' bounds; raises the endpoint's errors."""
    screened = screening.screen(
        query, max_depth=settings["max_query_depth"], allowed_hosts=allowed_hosts(settings), base_iri=base_iri or ""
    )
    return get_pool().run(
        Job(
            query=query,
            accept=accept,
            max_rows=settings["max_rows"] if max_rows is None else min(max_rows, settings["max_rows"]),
            max_bytes=settings["max_answer_bytes"],
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            union=not screened.has_dataset_clause,
            base_iri=base_iri,
        )
    )
