"""The gate: a submission validated over the union of what the archive holds and what is sent.

It is ``rightsgraph validate`` (records/: read_records, validate_submission, build) with
the archive's whole content as the reference instead of the published one, so a case
record may cite a document submitted yesterday, and a submission is judged exactly as
a validation of the same files would judge it. Only what passes is returned to be
written: the triples of every file, in one list, and the conflicts (claims or source
documents the archive already holds, which a second submission must not state again).

A new source document's text (``--document``) enters as one more file of the
submission: its IRI minted from the file's name (``id/document/{slug}``), with its
full text, normalised text, character count and SHA-256, so the claims sheet's quotes
are located in it and checked as the published statement's are.

:func:`gate_bounded` runs the gate in a child process killed after the time bound, as
records/runner.py does for ``POST /validate``: the server never parses uploads itself.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import PurePath

from pyoxigraph import Literal, NamedNode, RdfFormat, Triple, serialize

from ..checks.quotes import normalise
from ..errors import RecordRefused
from ..namespaces import ID, ONTOLOGY, RDF, XSD
from ..records.engine import validate_submission
from ..records.reading import read_records
from ..records.report import Report, build
from ..records.runner import run_bounded
from ..records.template import slug
from .held import Held

RDF_TYPE = RDF + "type"
#: Kinds a submission may not state again once held: a claim has one reading, a document one text.
UNIQUE_KINDS = (ONTOLOGY + "Claim", ONTOLOGY + "SourceDocument")



@dataclass(frozen=True)
class Verdict:
    """What the gate decided: the report, the triples to write if it passed, IRIs already held."""

    report: Report
    ntriples: bytes
    conflicts: tuple[str, ...]

    @property
    def conforms(self) -> bool:
        return self.report.conforms


def document_item(name: str, data: bytes) -> tuple[str, bytes, str]:
    """A source text as one more file of the submission: the triples that describe its text.

    Raises RecordRefused when the text is not UTF-8 (offsets count characters of the text).
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordRefused(f"The document {name} is not UTF-8 text; save it as UTF-8.")
    document = NamedNode(f"{ID}document/{slug(PurePath(name).stem)}")
    integer = NamedNode(XSD + "integer")
    triples = [
        Triple(document, NamedNode(ONTOLOGY + "fullText"), Literal(text)),
        Triple(document, NamedNode(ONTOLOGY + "normalizedText"), Literal(normalise(text))),
        Triple(document, NamedNode(ONTOLOGY + "characterCount"), Literal(str(len(text)), datatype=integer)),
        Triple(document, NamedNode(ONTOLOGY + "sha256"), Literal(hashlib.sha256(data).hexdigest())),
    ]
    return name, serialize(triples, format=RdfFormat.N_TRIPLES), "application/n-triples"


def run_gate(items: list[tuple[str, bytes, str]], held: Held, *, profile: str, max_bytes: int) -> Verdict:
    """The gate in this process (the command line's ``submit --store``; the server uses gate_bounded)."""
    reference = held.triples()
    held_unique = {(t.subject, t.object) for t in reference
                   if t.predicate.value == RDF_TYPE and t.object.value in UNIQUE_KINDS}
    submission = read_records(items, max_bytes=max_bytes, reference=reference)
    outcome = validate_submission(submission, profile=profile)
    report = build(outcome, submission)
    submitted = sorted({t for record in submission.files for t in record.triples}, key=str)
    conflicts = sorted({t.subject.value for t in submitted
                        if t.predicate.value == RDF_TYPE and (t.subject, t.object) in held_unique})
    body = serialize(submitted, format=RdfFormat.N_TRIPLES) if outcome.conforms and not conflicts else b""
    return Verdict(report=report, ntriples=body, conflicts=tuple(conflicts))


def gate_bounded(items: list[tuple[str, bytes, str]], held: Held, *, profile: str, max_bytes: int,
                 timeout: float) -> Verdict:
    """run_gate in a child process, as record validation runs (records/runner.py): ValidationTooLong
    after ``timeout`` seconds, the reading errors as raised."""
    return run_bounded(
        _gate, items, held, profile, max_bytes, timeout=timeout,
        stopped=f"The gate was stopped after {timeout:g} s: submit fewer records at a time.",
        crashed="The gate stopped unexpectedly on this submission (it may be too large to hold in memory): "
                "submit fewer records at a time.",
    )


def _gate(items, held, profile, max_bytes) -> Verdict:
    return run_gate(items, held, profile=profile, max_bytes=max_bytes)
