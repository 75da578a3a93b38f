"""``rightsgraph load``: the dataset into an external store or an on-disk store."""

from __future__ import annotations

import sys

import click

from ..errors import UpstreamError
from .embedded import replace
from .remote import load_into


@click.command()
@click.option("--into", "url", help="Graph Store Protocol URL of an external store (each graph is PUT); "
              "may carry user:password@.")
@click.option("--store", "location", help="Directory of an on-disk store to empty and reload.")
@click.option("--user", envvar="RIGHTSGRAPH_STORE_USER", default="", help="User for an external store that "
              "asks for credentials (Basic or Digest). [env RIGHTSGRAPH_STORE_USER]")
@click.option("--password", envvar="RIGHTSGRAPH_STORE_PASSWORD", default="",
              help="Its password. [env RIGHTSGRAPH_STORE_PASSWORD]")
def load(url: str | None, location: str | None, user: str, password: str) -> None:
    """Put ontology and data into an external store or an on-disk store."""
    if bool(url) == bool(location):
        raise click.UsageError("Give exactly one of --into URL or --store DIR.")
    if location:
        replace(location)
        click.echo(f"loaded into {location}")
        return
    try:
        sent = load_into(url, user=user, password=password)
    except UpstreamError as error:
        click.echo(f"rightsgraph load: {error.detail}", err=True)
        sys.exit(2)
    for graph, count in sent.items():
        click.echo(f"{count:>8} triples -> {graph or 'default graph'}")
