"""The SPARQL endpoint: the SPARQL 1.1 Protocol at ``/sparql``, answered by a pool of query workers.

Its parts, in the order a query meets them:

- ``views.py``: ``/sparql`` and ``/health``, thin over the rest;
- ``protocol.py``: a request parsed and a format negotiated (pure functions);
- ``cache.py``: complete answers of a store that cannot change, keyed on the request;
- ``querying.py``: screen, then run on the pool: the one way a query from outside reaches a worker;
- ``screening.py``: what must never run (``SERVICE`` off the allow-list, updates, chains too long);
- ``pool.py`` and ``scheduling.py``: the workers' processes and who is served next;
  ``worker_handle.py``, ``worker_process.py`` and ``framing.py``: one worker, both ends;
- ``engine.py`` and ``results.py``: a job run on a backend, its answer written and cut;
- ``service_description.py``; ``command.py`` (``rightsgraph query``).

The pool and the cache are the app's resources, reached only through :func:`get_pool` and
:func:`get_cache`.
"""

from __future__ import annotations

from typing import Any, Mapping

from flask import Flask, current_app

from ..store import StoreSpec
from .cache import AnswerCache
from .pool import WorkerPool

POOL = "rightsgraph.pool"
CACHE = "rightsgraph.cache"


def init_app(app: Flask, settings: Mapping[str, Any], spec: StoreSpec) -> None:
    """Start the worker pool (and the answer cache, for a store that cannot change) and add the views."""
    cache = AnswerCache(settings["cache_bytes"]) if spec.read_only and settings["cache_bytes"] > 0 else None
    app.extensions[CACHE] = cache
    app.extensions[POOL] = WorkerPool(
        spec,
        size=settings["workers"],
        timeout=settings["query_timeout"],
        slice=settings["preempt_after"],
        # Waiting requests hold HTTP threads, and so do validations: leave one free for
        # cached answers and health. (Writes get HTTP threads of their own: archive.write_threads.)
        max_waiting=settings["threads"] - settings["workers"] - settings["validate_concurrency"] - 1,
        # Only an on-disk store could hold something else when a worker opens it anew; an
        # in-memory one is loaded from the same files, so its answers stay good (and cached
        # answers keep flowing while runaway queries get their workers replaced).
        on_new_worker=cache.clear if cache is not None and spec.kind == "disk" else None,
    )
    from .views import (
        bp,  # here, not above: the views reach the pool through this module
    )

    app.register_blueprint(bp)


def get_pool(app: Flask | None = None) -> WorkerPool:
    """The app's worker pool (the current app's by default)."""
    return (app or current_app).extensions[POOL]


def get_cache(app: Flask | None = None) -> AnswerCache | None:
    """The cache of complete answers, or None (external store, or ``cache_bytes`` 0)."""
    return (app or current_app).extensions[CACHE]
