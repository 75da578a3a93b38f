"""``rightsgraph load``: the dataset into an external store or an on-disk store."""

from __future__ import annotations

import click

from .embedded import replace
from .remote import load_into


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
