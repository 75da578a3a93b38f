"""``rightsgraph serve``: the endpoint on waitress, with every setting as a flag.

waitress reads each request completely on its asynchronous I/O thread before a
worker thread sees it, so clients that send half a request and stall hold no
thread; the threads in turn only wait on the query worker processes. The body
cap given to waitress is a backstop well above ``max_body_bytes`` so that the
app, not waitress, answers an oversized body in the endpoint's error shape.
"""

from __future__ import annotations

import logging
import signal
import sys
from typing import Any

import click
import waitress

from .app import close_app, create_app
from .config import SETTINGS


def setting_options(command: Any) -> Any:
    """Decorate ``command`` with one option per setting of the table, defaulting to unset."""
    for setting in reversed(SETTINGS):
        command = click.option(
            setting.flag,
            setting.name,
            type=setting.type,
            default=None,
            help=f"{setting.help} [env {setting.env_var}; default {setting.default!r}]",
        )(command)
    return command


def _stop(signum: int, frame: Any) -> None:
    raise SystemExit(0)


@click.command()
@setting_options
def serve(**options: Any) -> None:
    """Serve the SPARQL endpoint, loaded with ontology and data, until interrupted."""
    logging.basicConfig(level=logging.INFO, stream=sys.stderr, format="%(message)s")
    # The access log prints the message only: skip finding the caller and naming the
    # thread and process for every record (the logging HOWTO's "Optimization").
    logging._srcfile = None
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    app = create_app(options)
    settings = app.config["RIGHTSGRAPH"]
    server = waitress.create_server(
        app,
        host=settings["host"],
        port=settings["port"],
        threads=settings["threads"],
        max_request_body_size=2 * settings["max_body_bytes"] + 65536,
        ident="rightsgraph",
    )
    signal.signal(signal.SIGTERM, _stop)
    click.echo(f"rightsgraph: SPARQL endpoint at http://{settings['host']}:{server.effective_port}/sparql")
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()
        close_app(app)
