"""The application factory: the only place a Flask app is built.

``create_app(config)`` layers the settings (table defaults, ``RIGHTSGRAPH_*``
environment, then ``config``), prepares an on-disk store if one is configured
and still empty, opens the archive's store (which takes submissions: archive/), and
starts the worker pool the views hand queries to, with a cache of complete answers in
front of it when only this server can change the store (it empties the cache on every
write). :func:`close_app` stops the pool and closes the store.
"""

from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

from . import archive, endpoint, errors, http, publishing, records
from .config import load_config
from .store import StoreSpec
from .store.embedded import prepare


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """A ready endpoint app: workers started and their stores loaded."""
    settings = load_config(config)
    app = Flask(__name__)
    app.config["RIGHTSGRAPH"] = settings
    app.config["MAX_CONTENT_LENGTH"] = settings["max_body_bytes"]
    spec = StoreSpec.from_config(settings)
    if spec.kind == "disk":
        prepare(spec.location)
    store = archive.open_store(settings, spec)
    endpoint.init_app(app, settings, archive.reader_spec(store, spec))
    errors.init_app(app)
    http.init_app(app)
    publishing.init_app(app)
    records.init_app(app)
    archive.init_app(app, settings, store)
    return app


def close_app(app: Flask) -> None:
    """Stop the app's worker processes and close the archive's store."""
    endpoint.get_pool(app).close()
    archive.close(app)
