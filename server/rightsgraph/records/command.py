"""``rightsgraph validate FILE...``: records checked against the shapes, a report a person can act on.

Exit status: 0 every statement of every input was read and checked and the records
conform (warnings allowed), 1 at least one violation, 2 an input could not be read
(empty, malformed, refused, too large, unknown format, data its format would drop) or
the command was misused; never a traceback. Several files are validated together, as one submission (a CSV
of case records with a Turtle file describing their source, say).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..errors import EndpointError
from ..shacl import ShapesNotFound, load_shapes
from . import progress as progress_bar
from .engine import validate_submission
from .profiles import DEFAULT_PROFILE, PROFILES
from .reading import read_records
from .report import build, summary_json, text
from .safety import visible
from .shacl_report import report_graph

OUTPUTS = ("text", "turtle", "json-ld", "json")
#: The command line reads files the user chose; the cap only guards against a wrong file.
CLI_MAX_BYTES = 500_000_000


@click.command("validate")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--format", "output", type=click.Choice(OUTPUTS), default="text", show_default=True,
              help="text: the report for people; turtle, json-ld: the standard SHACL report; json: a summary for scripts.")
@click.option("--profile", type=click.Choice(sorted(PROFILES)), default=DEFAULT_PROFILE, show_default=True,
              help="exchange: missing ISAD(G) essentials are violations; repository: they are warnings.")
@click.option("--shapes", "shape_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
              help="Your own SHACL shapes (Turtle) instead of the project's; the ontology still gives the classes.")
@click.option("--progress/--no-progress", "show_progress", default=None,
              help="Draw a progress bar on stderr (default: on a terminal, for inputs of 1 MB or more).")
@click.option("--max-bytes", type=int, default=CLI_MAX_BYTES, show_default=True, help="Largest input accepted.")
def validate_command(files, output, profile, shape_files, show_progress, max_bytes) -> None:
    """Validate records (Turtle, TriG, N-Triples, N-Quads, RDF/XML, JSON-LD or the CSV template).

    Exit status 0: conforms; 1: violations; 2: unreadable input.
    """
    try:
        items = [_read(name) for name in files]
        shapes = load_shapes([Path(p) for p in shape_files]) if shape_files else None
        submission = read_records(items, max_bytes=max_bytes)
        size = sum(len(data) for _, data, _ in items)
        bar = progress_bar.ProgressBar() if progress_bar.wanted(show_progress, size) else None
        outcome = validate_submission(submission, profile=profile, shapes=shapes, progress=bar)
        if output in ("turtle", "json-ld"):
            answer = report_graph(outcome).serialize(format=output)
        else:
            report = build(outcome, submission)
            answer = json.dumps(summary_json(report), indent=2, ensure_ascii=False) + "\n" if output == "json" \
                else text(report)
    except (EndpointError, ShapesNotFound, OSError) as error:
        _fail(error.detail if isinstance(error, EndpointError) else str(error))
    except MemoryError:
        _fail(f"{', '.join(files)}: too large to validate in this machine's memory; split the records into "
              "smaller files.")
    except Exception as error:  # noqa: BLE001 - no traceback reaches an archivist; the reason is said in words
        _fail(f"{', '.join(files)} could not be validated: {type(error).__name__}: {error}. "
              "Please report this with the file.")
    click.echo(answer, nl=False)
    sys.exit(0 if outcome.conforms else 1)


def _fail(detail: str) -> None:
    click.echo(f"rightsgraph validate: {visible(detail)}", err=True)
    sys.exit(2)


def _read(name: str) -> tuple[str, bytes, str]:
    if name == "-":
        return "stdin", sys.stdin.buffer.read(), ""
    return Path(name).name, Path(name).read_bytes(), ""
