"""``rightsgraph load`` and ``rightsgraph query``: the dataset into a store, and a query from the shell."""

from __future__ import annotations

import sys

import click

from .config import load_config
from .engine import Job, execute
from .store import StoreSpec, open_backend
from .store.embedded import replace
from .store.remote import load_into


@click.command()
@click.option("--into", "url", help="Graph Store Protocol URL of an external store (each graph is PUT).")
@click.option("--store", "location", help="Directory of an on-disk store to empty and reload.")
def load(url: str | None, location: str | None) -> None:
    """Put ontology and data into an external store or an on-disk store."""
    if bool(url) == bool(location):
        raise click.UsageError("Give exactly one of --into URL or --store DIR.")
    if location:
        replace(location)
        click.echo(f"loaded into {location}")
        return
    for graph, count in load_into(url).items():
        click.echo(f"{count:>8} triples -> {graph or 'default graph'}")


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
