"""The ``rightsgraph`` command line: thin wrappers over the package's functions.

Each command lives in the module that does its work; this file only gathers
them into one group.
"""

from __future__ import annotations

import click

from .archive.command import (
    backup_command,
    history_command,
    restore_command,
    submit_command,
    token_group,
    withdraw_command,
)
from .checks.command import check_command
from .endpoint.command import query
from .publishing.dumps import export_command
from .records.command import validate_command
from .serve import serve
from .store.command import load


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="rightsgraph")
def main() -> None:
    """rightsgraph: a human-rights knowledge graph with a SPARQL endpoint."""


main.add_command(serve)
main.add_command(load)
main.add_command(query)
main.add_command(check_command)
main.add_command(export_command)
main.add_command(validate_command)
main.add_command(submit_command)
main.add_command(withdraw_command)
main.add_command(history_command)
main.add_command(token_group)
main.add_command(backup_command)
main.add_command(restore_command)
