"""SHACL over the published dataset: what ``rightsgraph check`` and the shape tests run.

The pyshacl call, the reading of its report and the order of findings are the shared
SHACL module's (``shacl.py``); this adds what a check of the whole dataset needs: the
dataset loaded (ontology, vocabularies and every source document's graphs, whose union
the shapes see), a time, and counts per severity.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import rdflib

from ..loading import load_rdflib_dataset
from ..shacl import Result, load_shapes, run_pyshacl


@dataclass(frozen=True)
class ValidationOutcome:
    """What a validation found. ``conforms`` means no violation: warnings are advice."""

    results: tuple[Result, ...]
    report: rdflib.Graph
    seconds: float

    def count(self, severity: str) -> int:
        return sum(1 for result in self.results if result.severity == severity)

    @property
    def violations(self) -> int:
        return self.count("Violation")

    @property
    def warnings(self) -> int:
        return self.count("Warning")

    @property
    def conforms(self) -> bool:
        return self.violations == 0


def validate_dataset(data=None, *, shapes: rdflib.Graph | None = None) -> ValidationOutcome:
    """Validate the union of ``data`` (a graph or dataset; the published dataset, loaded afresh, by default)."""
    data = load_rdflib_dataset() if data is None else data
    shapes = load_shapes() if shapes is None else shapes
    started = time.perf_counter()
    results, report = run_pyshacl(data, shapes)
    return ValidationOutcome(results=tuple(results), report=report, seconds=time.perf_counter() - started)
