"""Fixtures shared by the tests: the dataset, loaded once per session, read-only; the app, built once per wing."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pyoxigraph as ox
import pytest
from flask import Flask
from rightsgraph.app import close_app, create_app
from rightsgraph.loading import load_rdflib_dataset, load_store


@pytest.fixture(scope="session")
def store() -> ox.Store:
    """The whole dataset in an in-memory pyoxigraph store (the endpoint's engine)."""
    return load_store()


@pytest.fixture(scope="session")
def rdflib_dataset():
    """The same dataset as an rdflib Dataset, for SHACL and graph-level checks."""
    return load_rdflib_dataset()


@pytest.fixture(scope="session")
def make_app() -> Iterator[Callable[[dict], Flask]]:
    """Build the app over the given settings; each wing's ``app`` fixture passes its own.

    Every app built is closed (its worker processes stopped) when the session ends.
    """
    apps: list[Flask] = []

    def make(settings: dict) -> Flask:
        app = create_app(settings)
        apps.append(app)
        return app

    yield make
    for app in apps:
        close_app(app)


@pytest.fixture()
def client(app: Flask):
    """The Flask test client of the wing's ``app``."""
    return app.test_client()
