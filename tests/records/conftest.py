"""Fixtures for record validation: the examples, a validator in-process, the app with lowered limits.

The app's SPARQL workers get a one-triple data file (they are not what is tested here);
the validation limits are lowered (64 kB, 10 s) so the size path runs in every test run.
"""

from __future__ import annotations

import pytest

LIMITS = {"validate_max_bytes": 64_000, "validate_timeout": 10.0, "workers": 1}


@pytest.fixture(scope="session")
def app(make_app, tmp_path_factory):
    data = tmp_path_factory.mktemp("data") / "tiny.nt"
    data.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    return make_app({**LIMITS, "data": str(data)})
