"""Fixtures for the publishing tests: the app over the real dataset, one worker."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def app(make_app):
    return make_app({"workers": 1})
