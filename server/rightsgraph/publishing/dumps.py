"""Dumps of the whole dataset, with SHA-256 checksums: ``rightsgraph export`` and ``/dumps/``.

TriG, N-Quads and JSON-LD keep the named graphs; Turtle, which has none, holds
the union of all graphs (the endpoint's default graph), each triple once. A
``SHA256SUMS`` file in ``sha256sum`` format lists the checksums. ``rightsgraph export``
makes them from the dataset files; the server makes them from what it serves (an
archive's newest snapshot, when ``rightsgraph.dataset_store`` names one), at the first
request after start or after a write (the archive calls :func:`forget_dumps`).
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
import threading
import weakref
from dataclasses import dataclass
from pathlib import Path

import click
from flask import Flask
from pyoxigraph import RdfFormat, Store, serialize

from ..loading import load_store
from .documents import PREFIXES

NAME = "rightsgraph"
FORMATS: tuple[tuple[str, RdfFormat], ...] = (
    ("trig", RdfFormat.TRIG),
    ("nq", RdfFormat.N_QUADS),
    ("ttl", RdfFormat.TURTLE),
    ("jsonld", RdfFormat.JSON_LD),
)
SUMS = "SHA256SUMS"


@dataclass(frozen=True)
class Dump:
    name: str
    format: RdfFormat
    size: int
    sha256: str


def export(directory: Path, store: Store | None = None) -> list[Dump]:
    """Write every dump of ``store`` (the dataset files by default) and ``SHA256SUMS`` into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    store = store if store is not None else load_store()
    quads = sorted(store, key=str)
    triples = sorted({quad.triple for quad in quads}, key=str)
    dumps = []
    for extension, fmt in FORMATS:
        items = quads if fmt.supports_datasets else triples
        prefixes = PREFIXES if fmt in (RdfFormat.TRIG, RdfFormat.TURTLE) else None
        body = serialize(items, format=fmt, prefixes=prefixes) if prefixes else serialize(items, format=fmt)
        path = directory / f"{NAME}.{extension}"
        path.write_bytes(body)
        dumps.append(Dump(path.name, fmt, len(body), hashlib.sha256(body).hexdigest()))
    (directory / SUMS).write_text("".join(f"{d.sha256}  {d.name}\n" for d in dumps), encoding="utf-8")
    return dumps


_lock = threading.Lock()


def served_dumps(app: Flask) -> tuple[Path, list[Dump]]:
    """The app's dumps, exported into a temporary directory (removed with the app) at the first request that needs them."""
    with _lock:
        if "rightsgraph.dumps" not in app.extensions:
            directory = Path(tempfile.mkdtemp(prefix="rightsgraph-dumps-"))
            weakref.finalize(app, shutil.rmtree, directory, True)
            source = app.extensions.get("rightsgraph.dataset_store")
            app.extensions["rightsgraph.dumps"] = (directory, export(directory, source() if source else None))
        return app.extensions["rightsgraph.dumps"]


def forget_dumps(app: Flask) -> None:
    """Drop the app's dumps (the data changed): the next request that needs them exports anew."""
    with _lock:
        made = app.extensions.pop("rightsgraph.dumps", None)
    if made is not None:
        shutil.rmtree(made[0], ignore_errors=True)


@click.command("export")
@click.option("--out", "out", default="dumps", show_default=True, type=click.Path(file_okay=False, path_type=Path),
              help="Directory to write the dumps and SHA256SUMS into.")
def export_command(out: Path) -> None:
    """Write dumps of the whole dataset (TriG, N-Quads, Turtle, JSON-LD) with SHA-256 checksums."""
    for dump in export(out):
        click.echo(f"{dump.sha256}  {out / dump.name}  ({dump.size} bytes)")
    click.echo(f"checksums in {out / SUMS}")
