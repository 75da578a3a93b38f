"""``rightsgraph query``: a query from the shell, through the endpoint's own engine."""

from __future__ import annotations

import sys

import click

from ..config import load_config
from ..store import StoreSpec, open_backend
from .engine import Job, execute


@click.command()
@click.argument("query")
@click.option("--accept", default=None, help="Media type(s) wanted, as in an Accept header.")
@click.option("--store", "location", default=None, help="On-disk store directory (default: in memory).")
@click.option("--store-url", default=None, help="External SPARQL endpoint to ask instead.")
def query(query: str, accept: str | None, location: str | None, store_url: str | None) -> None:
    """Run QUERY ('-' reads it from stdin) on the dataset and print the answer."""
    settings = load_config({"store": location, "store_url": store_url})
    text = sys.stdin.read() if query == "-" else query
    backend = open_backend(StoreSpec.from_config(settings))
    answer = execute(backend, Job(query=text, accept=accept, max_rows=settings["max_rows"]))
    sys.stdout.buffer.write(answer.body)
    if answer.truncated:
        click.echo(f"(cut at {answer.rows} rows: max_rows)", err=True)
