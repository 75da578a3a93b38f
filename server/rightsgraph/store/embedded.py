"""The embedded pyoxigraph store: in memory, or a directory on disk loaded once and kept.

Each worker process opens its own :class:`EmbeddedStore`: an in-memory one is
loaded from the dataset files (or the files of the ``data`` setting) by every worker, an on-disk one is filled once by
:func:`prepare` in the server process and then opened read-only by the workers,
so they share the operating system's page cache instead of copies.
"""

from __future__ import annotations

import gc
from pathlib import Path

from pyoxigraph import NamedNode, RdfFormat, Store

from ..errors import BadRequest
from ..loading import load_store
from . import Results


def prepare(location: str) -> bool:
    """Load ontology and data into the on-disk store at ``location`` if it is empty; True if loaded.

    The store is closed again before returning, as read-only openers need.
    """
    path = Path(location)
    if path.is_dir() and any(path.iterdir()):
        return False
    path.mkdir(parents=True, exist_ok=True)
    store = Store(str(path))
    load_store(store)
    store.flush()
    store.optimize()
    del store
    gc.collect()
    return True


def replace(location: str) -> None:
    """Empty the on-disk store at ``location`` and load ontology and data again."""
    store = Store(location)
    store.clear()
    load_store(store)
    store.flush()
    store.optimize()
    del store
    gc.collect()


def _graph(iri: str) -> NamedNode:
    """A graph IRI from the protocol's parameters; raises BadRequest when it is not an IRI."""
    try:
        return NamedNode(iri)
    except ValueError as error:
        raise BadRequest(f"Not a graph IRI: {iri!r} ({error}).")


class EmbeddedStore:
    """A pyoxigraph store whose default graph is the union of its named graphs.

    The union is dropped when the query names its dataset (``FROM``) or the
    protocol does (``default-graph-uri``, ``named-graph-uri``), as the
    SPARQL 1.1 Protocol requires.
    """

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def open(cls, location: str | None) -> "EmbeddedStore":
        """The on-disk store at ``location``, read-only; in memory with ontology and data if None."""
        if location is None:
            return cls(load_store())
        return cls(Store.read_only(location))

    @classmethod
    def in_memory(cls, files: str = "") -> "EmbeddedStore":
        """An in-memory store of ontology and data, or of the comma-separated RDF ``files``."""
        if not files:
            return cls(load_store())
        store = Store()
        for path in (item.strip() for item in files.split(",") if item.strip()):
            fmt = RdfFormat.from_extension(Path(path).suffix.lstrip("."))
            if fmt is None:
                raise ValueError(f"Unknown RDF file extension: {path}")
            store.bulk_load(path=path, format=fmt)
        return cls(store)

    def query(
        self,
        text: str,
        *,
        default_graphs: tuple[str, ...],
        named_graphs: tuple[str, ...],
        union: bool,
        base_iri: str | None = None,
    ) -> Results:
        if default_graphs or named_graphs:
            return self.store.query(
                text,
                base_iri=base_iri,
                default_graph=[_graph(iri) for iri in default_graphs],
                named_graphs=[_graph(iri) for iri in named_graphs],
            )
        return self.store.query(text, base_iri=base_iri, use_default_graph_as_union=union)
