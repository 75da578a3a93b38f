"""Record validation for archivists: any common format in, a report a person can act on out.

The parts, one job each::

    formats.py       which format a file is (media type, extension, content)
    safety.py        what an untrusted file is refused for (size, encoding, DTDs, remote contexts)
    reading.py       files -> one pyoxigraph store, one graph per file; syntax errors with line and column
    template.py      the CSV template for case records -> the project's RDF, each row remembering its line
    reference.py     ontology, vocabularies and published sources every record is checked against
    locating.py      the line of a resource in an RDF file
    profiles.py      exchange (ISAD(G) essentials required) and repository (the shapes as written)
    compiled.py      SHACL compiled to whole-graph queries on pyoxigraph (pyshacl's findings, faster)
    engine.py        one validation: profile, engine (compiled, else pyshacl), the submitter's findings
    report.py        findings grouped by record and field; text and JSON summaries
    shacl_report.py  the standard SHACL validation report (Turtle, JSON-LD)
    command.py       ``rightsgraph validate``
    runner.py        validation in a child process with a time bound (for the server)
    warm.py          what the children's forkserver loads once (the validator, the compiled shapes)
    views.py         ``GET``/``POST /validate``

Refusals are the project's exceptions (errors.py): MalformedRecord (400),
PayloadTooLarge (413), UnsupportedMediaType (415), RecordRefused and
ValidationTooLong (422), ServerBusy (503) beyond ``validate_concurrency`` validations at once. See docs/records.md.
"""

from __future__ import annotations

import multiprocessing
import threading

from flask import Flask

from .views import SLOTS, bp


def init_app(app: Flask) -> None:
    multiprocessing.get_context("forkserver").set_forkserver_preload(["rightsgraph.records.warm"])
    app.extensions[SLOTS] = threading.BoundedSemaphore(app.config["RIGHTSGRAPH"]["validate_concurrency"])
    app.register_blueprint(bp)
