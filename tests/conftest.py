"""Fixtures shared by the tests: the dataset, loaded once per session, read-only."""

from __future__ import annotations

import pyoxigraph
import pytest
from rightsgraph.loading import load_rdflib_dataset, load_store


@pytest.fixture(scope="session")
def store() -> pyoxigraph.Store:
    """The whole dataset in an in-memory pyoxigraph store (the endpoint's engine)."""
    return load_store()


@pytest.fixture(scope="session")
def rdflib_dataset():
    """The same dataset as an rdflib Dataset, for SHACL and graph-level checks."""
    return load_rdflib_dataset()
