"""Fixtures for the archive: a server on an on-disk store of its own, with tokens."""

from __future__ import annotations

import pytest
from archive_support import Server, Tokens


@pytest.fixture(scope="module")
def tokens(tmp_path_factory) -> Tokens:
    return Tokens(tmp_path_factory.mktemp("tokens") / "tokens.json")


@pytest.fixture(scope="module")
def server(tmp_path_factory, tokens):
    """A server on a fresh on-disk store (loaded with the dataset at start), stopped after the module."""
    running = Server("--store", str(tmp_path_factory.mktemp("archive") / "store"), tokens=tokens.file.path)
    yield running
    running.stop()
