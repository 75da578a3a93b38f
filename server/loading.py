"""Load the dataset into a pyoxigraph store or an rdflib Dataset.

pyoxigraph answers queries (it is the endpoint's engine); rdflib is what
pyshacl and owlready2's bridges need. Both are filled from the same file list
(:func:`server.dataset.dataset_files`) so they never disagree.
"""

from __future__ import annotations

import pyoxigraph
import rdflib

from .dataset import dataset_files


def load_store(store: pyoxigraph.Store | None = None) -> pyoxigraph.Store:
    """Fill ``store`` (a new in-memory one by default) with ontology, vocabularies and data."""
    store = store if store is not None else pyoxigraph.Store()
    for item in dataset_files():
        graph = pyoxigraph.NamedNode(item.graph) if item.graph else None
        fmt = pyoxigraph.RdfFormat.from_media_type(item.media_type)
        if graph is None:
            store.bulk_load(path=item.path, format=fmt)
        else:
            store.bulk_load(path=item.path, format=fmt, to_graph=graph)
    return store


def load_rdflib_dataset() -> rdflib.Dataset:
    """The same dataset as an rdflib ``Dataset`` (default graph = union of the named graphs)."""
    dataset = rdflib.Dataset(default_union=True)
    for item in dataset_files():
        if item.graph:
            dataset.graph(rdflib.URIRef(item.graph)).parse(item.path, format="turtle")
        else:
            dataset.parse(item.path, format="trig")
    return dataset
