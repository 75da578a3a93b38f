"""Profiles rewrite severities without copying shapes; the template's columns and the command are documented."""

from __future__ import annotations

from rdflib.namespace import SH
from records_support import ROOT
from rightsgraph.records.profiles import ISADG_ESSENTIALS, PROFILES
from rightsgraph.records.template import COLUMNS
from rightsgraph.shacl import load_shapes

DOCS = (ROOT / "docs" / "records.md").read_text(encoding="utf-8")


def test_exchange_profile_makes_each_isadg_essential_a_violation_and_leaves_the_rest():
    shapes = load_shapes()
    exchange = PROFILES["exchange"].apply(shapes)
    assert {shapes.value(s, SH.severity) for s in ISADG_ESSENTIALS} == {SH.Violation, SH.Warning}
    assert {exchange.value(s, SH.severity) for s in ISADG_ESSENTIALS} == {SH.Violation}
    assert len(exchange) == len(shapes)
    changed = {s for s, _, o in exchange.triples((None, SH.severity, None)) if shapes.value(s, SH.severity) != o}
    assert changed and changed <= set(ISADG_ESSENTIALS)


def test_repository_profile_is_the_shapes_as_written():
    shapes = load_shapes()
    assert PROFILES["repository"].apply(shapes) is shapes


def test_every_template_column_is_documented():
    missing = [c.name for c in COLUMNS if f"| `{c.name}` |" not in DOCS]
    assert not missing, missing


def test_the_command_profiles_and_exit_codes_are_documented():
    assert "rightsgraph validate" in DOCS and "POST /validate" in DOCS
    assert all(f"`{name}`" in DOCS for name in PROFILES)
    assert all(f"| {code} |" in DOCS for code in (0, 1, 2))
