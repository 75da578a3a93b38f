"""Fixtures for the publishing tests: the app over the real dataset, one worker, its client."""

from __future__ import annotations

import pytest
from rightsgraph.app import close_app, create_app


@pytest.fixture(scope="session")
def app():
    app = create_app({"workers": 1})
    yield app
    close_app(app)


@pytest.fixture()
def client(app):
    return app.test_client()
