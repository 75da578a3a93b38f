"""Several files are validated as their union: the compiled engine finds exactly what pyshacl finds on it.

A statement given in two files is one statement (a valid record sent as .ttl and again
as .nt gets no "exactly one" failure); two spreadsheets citing the same quote describe
one quote; blank nodes of different files stay different nodes, as in an RDF merge.
"""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from pyoxigraph import DefaultGraph, NamedNode, Quad
from records_support import EXAMPLES, validate_files
from rightsgraph.namespaces import ONTOLOGY, SHAPES
from rightsgraph.records.engine import (
    compiled_results,
    project_shapes,
    validate_submission,
)
from rightsgraph.records.reading import read_records
from rightsgraph.shacl import run_pyshacl

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"
VALID = sorted(p.name for p in EXAMPLES.glob("case-record.*")) + ["case-records-template.csv"]
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
HEADER = ("record_id,person,act,event_status,source_document,section,quote,quote_start,quote_end,status,"
          "stated_by,summary\n")


def keys(results) -> set:
    return {(str(r.focus), r.path, str(r.shape), r.severity, str(r.value), r.message) for r in results}


def both_engines(items: list[tuple[str, bytes, str]]) -> tuple[set, set]:
    submission = read_records(items, max_bytes=10_000_000)
    shapes, compiled = project_shapes("repository")
    return keys(compiled_results(compiled, submission.store)), keys(run_pyshacl(submission.store, shapes)[0])


def example(name: str) -> tuple[str, bytes, str]:
    return name, (EXAMPLES / name).read_bytes(), ""


@pytest.mark.parametrize("pair", list(combinations(VALID, 2)), ids="+".join)
def test_two_valid_examples_together_conform_with_no_finding(pair):
    outcome, _ = validate_files(*(EXAMPLES / name for name in pair))
    assert outcome.results == (), [(str(r.focus), str(r.shape)) for r in outcome.results]


@pytest.mark.parametrize("names", [
    ("case-record.ttl", "case-record.nt"),
    ("case-record-invalid.ttl", "case-record-invalid.jsonld", "case-record.rdf"),
    ("case-records-invalid.csv", "case-records-template.csv", "case-record-invalid.trig"),
    ("source-document.ttl", "case-record-invalid.nq", "case-record.trig"),
], ids="+".join)
def test_compiled_engine_equals_pyshacl_on_the_union_of_several_files(names):
    compiled, plain = both_engines([example(name) for name in names])
    assert compiled == plain


def test_two_spreadsheets_citing_the_same_quote_describe_one_quote_and_conform(tmp_path):
    row = ("{id},Tith Rorn,arrest,occurred,amnesty-cambodia-2019,main,he was arbitrarily arrested in April,2523,2559,"
           "asserted,Amnesty International,Tith Rorn was arrested in April.\n")
    items = [("a.csv", (HEADER + row.format(id="C001")).encode(), ""),
             ("b.csv", (HEADER + row.format(id="C002")).encode(), "")]
    compiled, plain = both_engines(items)
    assert compiled == plain
    for name, data, _ in items:
        (tmp_path / name).write_bytes(data)
    outcome, _ = validate_files(tmp_path / "a.csv", tmp_path / "b.csv")
    assert outcome.conforms and outcome.results == ()


def test_blank_nodes_of_two_files_stay_two_nodes():
    one = b'_:b a <https://w3id.org/rightsgraph/ontology/Person> ; <http://www.w3.org/2000/01/rdf-schema#label> "A" .\n'
    two = b'_:b a <https://w3id.org/rightsgraph/ontology/Person> .\n'
    items = [("one.ttl", one, ""), ("two.ttl", two, "")]
    store = read_records(items, max_bytes=10_000).store
    assert len(list(store.quads_for_pattern(None, NamedNode(RDF_TYPE), NamedNode(ONTOLOGY + "Person")))) == 2
    compiled, plain = both_engines(items)
    assert compiled == plain
    outcome = validate_submission(read_records(items, max_bytes=10_000))
    assert [str(r.shape).removeprefix(SHAPES) for r in outcome.results] == ["PersonShape-label"]


def test_spreadsheet_fixtures_with_an_rdf_example_equal_pyshacl():
    items = [(p.name, p.read_bytes(), "") for p in sorted(FIXTURES.glob("*.csv"))] + [example("case-record.ttl")]
    compiled, plain = both_engines(items)
    assert compiled == plain



def test_a_triple_in_two_named_graphs_counts_once_as_for_pyshacl():
    submission = read_records([example("case-record.ttl")], max_bytes=1_000_000)
    store = submission.store
    copies = [Quad(q.subject, q.predicate, q.object, NamedNode(f"http://example.org/copy/{n}"))
              for n in (1, 2) for q in store.quads_for_pattern(None, None, None, DefaultGraph())
              if q.subject.value in submission.files[0].subjects]
    store.extend(copies)
    shapes, compiled = project_shapes("repository")
    submitted = {q.subject.value for q in copies}
    assert len(submitted) > 5
    found = {k for k in keys(compiled_results(compiled, store)) if k[0] in submitted}
    assert found == {k for k in keys(run_pyshacl(store, shapes)[0]) if k[0] in submitted} == set()
