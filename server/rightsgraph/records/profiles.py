"""Profiles: the same shapes, read with the severity an exchange or a repository gives them.

ISAD(G) names six elements *essential for international exchange* (3.1.1 reference code,
3.1.2 title, 3.1.3 dates, 3.1.4 level of description, 3.1.5 extent and medium, 3.2.1
name of creator). shapes/record-isadg.ttl states what a repository decides: a record
that prints no reference code or date is reported with a warning, never given one.
An archive sending records to another needs them all: the **exchange** profile makes
every essential element's shape a violation. The **repository** profile is the shapes
as written.

A profile does not copy a shape: it rewrites ``sh:severity`` of the named shapes on a
copy of the loaded shapes graph, so a shape's message, path and query stay in one place.
"""

from __future__ import annotations

from dataclasses import dataclass

import rdflib
from rdflib.namespace import SH

from ..namespaces import SHAPES

ISADG_ESSENTIALS = tuple(rdflib.URIRef(SHAPES + f"IsadgRecordShape-{name}") for name in (
    "referenceCode", "title", "date", "levelOfDescription", "extent", "creator"))


@dataclass(frozen=True)
class Profile:
    name: str
    summary: str
    violations: tuple[rdflib.URIRef, ...] = ()

    def apply(self, shapes: rdflib.Graph) -> rdflib.Graph:
        """The shapes with this profile's severities; raises KeyError if a shape it names is missing."""
        if not self.violations:
            return shapes
        profiled = rdflib.Graph()
        profiled += shapes
        for shape in self.violations:
            if (shape, SH.severity, None) not in profiled:
                raise KeyError(f"profile {self.name}: no shape {shape}")
            profiled.set((shape, SH.severity, SH.Violation))
        return profiled


PROFILES = {
    "repository": Profile("repository", "ISAD(G) essentials a record does not print (reference code, date) "
                          "are warnings: reported, never filled in."),
    "exchange": Profile("exchange", "every ISAD(G) essential element (3.1.1–3.1.5, 3.2.1) is required: "
                        "a missing one is a violation.", ISADG_ESSENTIALS),
}
DEFAULT_PROFILE = "repository"
