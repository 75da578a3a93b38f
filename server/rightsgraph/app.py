"""The application factory: the only place a Flask app is built.

``create_app(config)`` layers the settings (table defaults, ``RIGHTSGRAPH_*``
environment, then ``config``), prepares an on-disk store if one is configured
and still empty, and starts the worker pool the views hand queries to, with a
cache of complete answers in front of it when the store cannot change under the
server. The pool is the app's one resource; :func:`close_app` stops it.
"""

from __future__ import annotations

from typing import Any, Mapping

from flask import Flask

from . import errors, http, publishing, records
from .config import load_config
from .endpoint import views
from .endpoint.cache import AnswerCache
from .endpoint.workers import WorkerPool
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
    cache = AnswerCache(settings["cache_bytes"]) if spec.read_only and settings["cache_bytes"] > 0 else None
    if cache is not None:
        app.extensions["rightsgraph.cache"] = cache
    app.extensions["rightsgraph.pool"] = WorkerPool(
        spec,
        size=settings["workers"],
        timeout=settings["query_timeout"],
        slice=settings["preempt_after"],
        # Waiting requests hold HTTP threads, and so do validations: leave one free for
        # cached answers and health.
        max_waiting=settings["threads"] - settings["workers"] - settings["validate_concurrency"] - 1,
        # Only an on-disk store could hold something else when a worker opens it anew; an
        # in-memory one is loaded from the same files, so its answers stay good (and cached
        # answers keep flowing while runaway queries get their workers replaced).
        on_new_worker=cache.clear if cache is not None and spec.kind == "disk" else None,
    )
    errors.init_app(app)
    http.init_app(app)
    app.register_blueprint(views.bp)
    publishing.init_app(app)
    records.init_app(app)
    return app


def close_app(app: Flask) -> None:
    """Stop the app's worker processes."""
    app.extensions["rightsgraph.pool"].close()
