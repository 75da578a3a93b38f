"""One validation of a submission: the shapes under a profile, the fastest engine that is exact, the findings that are the submitter's.

- The shapes (the project's, or ``--shapes`` of one's own) are read under the chosen
  profile (profiles.py).
- They are compiled for pyoxigraph (compiled.py) when every feature they use is
  supported, else checked by plain pyshacl over the same union graph; the outcome says
  which engine ran.
- Findings are kept for resources the submission describes (a subject in one of its
  files): the reference (ontology, vocabularies, published sources) is not the
  submitter's to fix.
- What the CSV template found itself joins the findings, under a source "shape" named
  for the column (``shapes:CaseRecordTemplate-act``), so every output lists it.
"""

from __future__ import annotations

import functools
import time
from dataclasses import dataclass

import rdflib
from pyoxigraph import Store
from rdflib.namespace import SH

from ..loading import to_rdflib
from ..namespaces import SHAPES
from ..shacl import Result, load_shapes, order, render_path, run_pyshacl
from .compiled import CompiledShapes, Progress, Unsupported, run_compiled
from .profiles import PROFILES, Profile
from .reading import Submission


@dataclass(frozen=True)
class Outcome:
    results: tuple[Result, ...]
    profile: Profile
    engine: str
    seconds: float
    shapes: rdflib.Graph

    def count(self, severity: str) -> int:
        return sum(1 for r in self.results if r.severity == severity)

    @property
    def conforms(self) -> bool:
        return self.count("Violation") == 0


@functools.lru_cache(maxsize=4)
def project_shapes(profile: str) -> tuple[rdflib.Graph, CompiledShapes]:
    """The project's shapes under a profile, loaded and compiled once per process."""
    shapes = PROFILES[profile].apply(load_shapes())
    return shapes, CompiledShapes(shapes)


def validate_submission(submission: Submission, *, profile: str = "repository",
                        shapes: rdflib.Graph | None = None, progress: Progress | None = None) -> Outcome:
    started = time.perf_counter()
    chosen = PROFILES[profile]
    if shapes is None:
        shapes, compiled = project_shapes(profile)
    else:
        shapes = chosen.apply(shapes)
        try:
            compiled = CompiledShapes(shapes)
        except Unsupported:
            compiled = None
    if compiled is not None:
        results = compiled_results(compiled, submission.store, progress)
    else:
        results, _ = run_pyshacl(submission.store, shapes)
    results = [r for r in results if _submitted(submission, r.focus)] + template_results(submission) \
        + reading_results(submission)
    return Outcome(results=tuple(sorted(set(results), key=order)), profile=chosen,
                   engine="compiled" if compiled is not None else "pyshacl",
                   seconds=time.perf_counter() - started, shapes=shapes)


def compiled_results(compiled: CompiledShapes, store: Store, progress: Progress | None = None) -> list[Result]:
    results = []
    for f in run_compiled(compiled, store, progress):
        path = None if f.path is None else (
            render_path(compiled.graph, f.path) if isinstance(f.path, rdflib.term.Node) else f.path.value)
        results.append(Result(focus=to_rdflib(f.focus), path=path, severity=f.shape.severity.removeprefix(str(SH)),
                              message=f.message or "", shape=f.shape.node,
                              value=None if f.value is None else to_rdflib(f.value), component=f.component))
    return results


def _submitted(submission: Submission, focus: rdflib.term.Node) -> bool:
    if not isinstance(focus, rdflib.URIRef):
        return True  # a blank node is always the submission's own: the reference has none
    return submission.describes(str(focus))


TEMPLATE_COMPONENT = rdflib.URIRef(SHAPES + "CaseRecordTemplate")
UNKNOWN_TERM = rdflib.URIRef(SHAPES + "RecordReading-unknownTerm")


def template_results(submission: Submission) -> list[Result]:
    results = []
    for record, finding in submission.template_findings:
        claim = next(iri for line, _, iri in record.mapped.records if line == finding.line)
        results.append(Result(focus=rdflib.URIRef(claim), path=None, severity="Violation", message=finding.message,
                              shape=rdflib.URIRef(f"{SHAPES}CaseRecordTemplate-{finding.column}"),
                              value=rdflib.Literal(finding.value), component=TEMPLATE_COMPONENT))
    return results


def reading_results(submission: Submission) -> list[Result]:
    """The statements naming a class or property the ontology lacks (terms.py), one per subject, term and value."""
    results = []
    for _, finding in submission.reading_findings:
        focus = rdflib.URIRef(finding.focus) if finding.focus else rdflib.BNode()
        results.append(Result(focus=focus, path=finding.path, severity="Violation", message=finding.message,
                              shape=UNKNOWN_TERM, value=rdflib.URIRef(finding.value) if finding.value.startswith(
                                  ("http://", "https://")) else rdflib.Literal(finding.value),
                              component=UNKNOWN_TERM))
    return results
