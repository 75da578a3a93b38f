"""The compiled engine finds exactly what plain pyshacl finds, and hands shapes it cannot compile to pyshacl."""

from __future__ import annotations

from pathlib import Path

import rdflib
from records_support import validate_files
from rightsgraph.records.engine import (
    compiled_results,
    project_shapes,
)
from rightsgraph.records.reading import read_records
from rightsgraph.shacl import run_pyshacl

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "shapes"


def keys(results) -> set:
    return {(str(r.focus), r.path, str(r.shape), r.severity, str(r.value), r.message) for r in results}


def test_compiled_findings_equal_pyshacl_on_every_shape_fixture_at_once():
    files = sorted(FIXTURES.glob("*.ttl"))
    assert len(files) > 50
    submission = read_records([(f.name, f.read_bytes(), "") for f in files], max_bytes=10_000_000)
    shapes, compiled = project_shapes("repository")
    compiled_found = keys(compiled_results(compiled, submission.store))
    plain_found = keys(run_pyshacl(submission.store, shapes)[0])
    assert len(plain_found) > 50
    assert compiled_found == plain_found


def test_compiled_findings_equal_pyshacl_under_the_exchange_profile():
    submission = read_records([("doc.ttl", (FIXTURES / "IsadgRecordShape-date-invalid.ttl").read_bytes(), "")],
                              max_bytes=1_000_000)
    shapes, compiled = project_shapes("exchange")
    found = keys(compiled_results(compiled, submission.store))
    assert found == keys(run_pyshacl(submission.store, shapes)[0])
    assert any(severity == "Violation" and shape.endswith("IsadgRecordShape-date") for _, _, shape, severity, *_ in found)


def test_shapes_the_compiler_does_not_know_run_on_pyshacl(tmp_path):
    shapes = rdflib.Graph().parse(data="""
        @prefix sh: <http://www.w3.org/ns/shacl#> . @prefix ex: <http://example.org/> .
        ex:XoneShape a sh:NodeShape ; sh:targetClass ex:Thing ;
            sh:xone ( [ sh:property [ sh:path ex:a ; sh:minCount 1 ] ] [ sh:property [ sh:path ex:b ; sh:minCount 1 ] ] ) .
        """, format="turtle")
    record = tmp_path / "thing.ttl"
    record.write_text("<http://example.org/t> a <http://example.org/Thing> .\n")
    outcome, _ = validate_files(record, shapes=shapes)
    assert outcome.engine == "pyshacl"
    assert [str(r.focus) for r in outcome.results] == ["http://example.org/t"]
