"""The archive: archivists submit documents and records through a SHACL gate, and may withdraw them.

The parts, one job each::

    tokens.py      write tokens: made, listed, revoked, kept hashed; a request's Bearer token checked
    held.py        what the archive holds, as the gate reads it (snapshot, dataset files, external store)
    gate.py        ``validate``'s reading, shapes and report over held + submitted; a new document's text
    provenance.py  PROV-O records of every submission and withdrawal, in graph/provenance; the history
    stores.py      where writes go: the on-disk store (one transaction, snapshots for the workers) or an
                   external store (Graph Store Protocol, with credentials); in memory, nowhere
    service.py     one write at a time: gate, commit, then tell the app
    views.py       ``GET``/``POST /records``, ``POST /records/<id>/withdraw``, ``GET /records/history``
    command.py     ``rightsgraph submit``, ``withdraw``, ``history``, ``token``, ``backup``, ``restore``

How the query workers see a write (docs/archive.md has the whole design): the server
process holds the on-disk store's only read-write instance; workers read immutable
snapshots (RocksDB checkpoints, hard links). After each commit the archive makes a new
snapshot and calls the pool's ``reopen``: every worker opens it before its next job, so
a query begun after the write's answer sees it. The answer cache is emptied, and the
pages' per-app memory (source texts, dumps) forgotten, on every write.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any, Mapping

from flask import Flask, current_app

from ..endpoint import get_cache, get_pool
from ..publishing.dumps import forget_dumps
from ..store import StoreSpec
from .service import Archive
from .stores import EmbeddedArchive, ReadOnlyArchive, RemoteArchive

ARCHIVE = "rightsgraph.archive"
log = logging.getLogger("rightsgraph.archive")


def open_store(settings: Mapping[str, Any], spec: StoreSpec):
    """The store writes go to, for a server of these settings (the on-disk one opened read-write here).

    An on-disk store another process holds for writing (another server on the same directory)
    is served read-only, as before the archive existed, and takes no submissions: safe only
    while that process writes nothing; give each server its own copy (``rightsgraph backup``).
    """
    if spec.kind == "disk":
        try:
            return EmbeddedArchive(spec.location)
        except OSError as error:
            if "lock" not in str(error).lower():
                raise
            log.warning("the store at %s is held by another process: serving it read-only, without submissions",
                        spec.location)
            return ReadOnlyArchive(f"Another process holds the store at {spec.location} for writing: this server "
                                   "serves it read-only and takes no submissions; submit to that process.")
    if spec.kind == "remote" and settings["store_graph_url"]:
        return RemoteArchive(spec.location, settings["store_graph_url"], settings["store_user"],
                             settings["store_password"], timeout=settings["submit_timeout"])
    return ReadOnlyArchive()


def reader_spec(store, spec: StoreSpec) -> StoreSpec:
    """What the query workers open: an on-disk archive's newest snapshot, else the spec as given."""
    return replace(spec, location=store.snapshot) if isinstance(store, EmbeddedArchive) else spec


def init_app(app: Flask, settings: Mapping[str, Any], store) -> None:
    def written() -> None:
        if isinstance(store, EmbeddedArchive):
            pool = get_pool(app)
            pool.reopen(replace(pool.spec, location=store.snapshot))
            store.forget_snapshots(pool.locations_in_use())
        cache = get_cache(app)
        if cache is not None:
            cache.clear()
        app.extensions.pop("rightsgraph.texts", None)
        forget_dumps(app)

    app.extensions[ARCHIVE] = Archive(store, max_bytes=settings["submit_max_bytes"], timeout=settings["submit_timeout"],
                                      queue=settings["write_queue"], wait=settings["write_wait"], on_write=written)
    if isinstance(store, EmbeddedArchive):
        app.extensions["rightsgraph.dataset_store"] = store.reader_store
    from .views import bp

    app.register_blueprint(bp)


def get_archive(app: Flask | None = None) -> Archive:
    """The app's archive (the current app's by default): the one way to its store and its gate."""
    return (app or current_app).extensions[ARCHIVE]


def write_threads(app: Flask) -> int:
    """HTTP threads the server adds for writes (one written, ``write_queue`` waiting), so that
    writes never take a thread the queries' bounds count on; none when nothing can be written."""
    archive = app.extensions.get(ARCHIVE)
    if archive is None or not archive.store.writable:
        return 0
    return 1 + app.config["RIGHTSGRAPH"]["write_queue"]


def close(app: Flask) -> None:
    get_archive(app).store.close()
