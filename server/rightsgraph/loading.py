"""Load the dataset into a pyoxigraph store or an rdflib Dataset.

pyoxigraph answers queries (it is the endpoint's engine); rdflib is what pyshacl
and owlready2's bridges need. Both are filled from the same file list
(:func:`dataset.dataset_files`) so they never disagree: the files are parsed
once, by pyoxigraph, and the rdflib Dataset is built from its quads (rdflib's own
TriG parser is slower and goes through its deprecated ConjunctiveGraph).
"""

from __future__ import annotations

import pyoxigraph
import rdflib

from .dataset import dataset_files
from .namespaces import ONTOLOGY_GRAPH, VOCABULARIES_GRAPH


def load_store(store: pyoxigraph.Store | None = None) -> pyoxigraph.Store:
    """Fill ``store`` (a new in-memory one by default) with ontology, vocabularies and data."""
    store = store if store is not None else pyoxigraph.Store()
    for item in dataset_files():
        fmt = pyoxigraph.RdfFormat.from_media_type(item.media_type)
        if item.graph is None:
            store.bulk_load(path=item.path, format=fmt)
        else:
            store.bulk_load(path=item.path, format=fmt, to_graph=pyoxigraph.NamedNode(item.graph))
    return store


def to_rdflib(term) -> rdflib.term.Node:
    """The rdflib term for a pyoxigraph term."""
    if isinstance(term, pyoxigraph.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, pyoxigraph.BlankNode):
        return rdflib.BNode(term.value)
    if isinstance(term, pyoxigraph.Literal):
        if term.language:
            return rdflib.Literal(term.value, lang=term.language)
        return rdflib.Literal(term.value, datatype=rdflib.URIRef(term.datatype.value))
    raise TypeError(f"no rdflib term for {term!r}")


def load_rdflib_dataset(store: pyoxigraph.Store | None = None) -> rdflib.Dataset:
    """The dataset as an rdflib ``Dataset`` whose default graph is the union of the named graphs."""
    store = store if store is not None else load_store()
    dataset = rdflib.Dataset(default_union=True)
    for quad in store:
        graph = dataset.graph(rdflib.URIRef(quad.graph_name.value))
        graph.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    return dataset


def union_graph(data, *, into: rdflib.Graph | None = None) -> rdflib.Graph:
    """Every triple of a graph, of every graph of a dataset, or of a pyoxigraph store, in one graph.

    What the reasoner and SHACL read: the facts of a document span its named graphs.
    """
    union = rdflib.Graph() if into is None else into
    if isinstance(data, pyoxigraph.Store):
        for quad in data:
            union.add((to_rdflib(quad.subject), to_rdflib(quad.predicate), to_rdflib(quad.object)))
    elif isinstance(data, rdflib.Dataset):
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        union += data
    return union


def reference_graph() -> rdflib.Graph:
    """The ontology and the controlled vocabularies: what any record is checked against."""
    graph = rdflib.Graph()
    for item in dataset_files():
        if item.graph in (ONTOLOGY_GRAPH, VOCABULARIES_GRAPH):
            graph.parse(item.path, format="turtle")
    return graph
