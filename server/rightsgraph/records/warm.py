"""Imported by the forkserver the validation children are forked from (``set_forkserver_preload``):
the validator imported and the project's shapes compiled once, there, so that no ``POST /validate``
or submission pays for them again (they were half of a small submission's time)."""

from __future__ import annotations

from .engine import project_shapes
from .profiles import PROFILES
from .reference import reference_triples

for _profile in PROFILES:
    project_shapes(_profile)
reference_triples()
