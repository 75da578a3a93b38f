"""Exit 0 means every statement of every input was read and checked: nothing is dropped without a word.

Each input here used to "conform": a file of nothing, JSON without a context (read as
nothing), a relative @id, a misspelt class or property (never checked), an empty act,
a date the template cannot read.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from records_support import EXAMPLES
from rightsgraph.cli import main
from rightsgraph.errors import MalformedRecord
from rightsgraph.namespaces import SHAPES
from rightsgraph.records.engine import validate_submission
from rightsgraph.records.reading import read_records

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"
HEADER = ("record_id,person,act,event_status,date_as_written,date,source_document,section,quote,quote_start,"
          "quote_end,status,stated_by,summary\n")
ROW = ("C001,Tith Rorn,{act},occurred,{words},{date},amnesty-cambodia-2019,main,he was arbitrarily arrested in April,"
       "2523,2559,asserted,Amnesty International,Tith Rorn was arrested.\n")


def run(*paths: Path):
    return CliRunner().invoke(main, ["validate", "--format", "json", *map(str, paths)])


@pytest.mark.parametrize("name,data,reason", [
    ("empty.ttl", b"", "empty.ttl is empty: nothing to validate"),
    ("blank.nt", b"\n  \n", "blank.nt is empty: nothing to validate"),
    ("prefixes.ttl", b"@prefix hr: <https://w3id.org/rightsgraph/ontology/> .\n", "holds no statement"),
    ("header.csv", HEADER.encode(), "holds no statement: nothing to validate (only the header line)"),
    ("relative.jsonld", (b'{"@context": {"hr": "https://w3id.org/rightsgraph/ontology/"}, "@id": "claim1", '
                         b'"@type": "hr:Claim"}'), 'the @id "claim1" is a relative IRI'),
    ("undefined-prefix.jsonld", b'{"@id": "https://example.org/a", "hr:claimId": "C1"}',
     "uses the prefix hr: which the @context does not define"),
])
def test_input_of_nothing_or_lost_data_exits_2_saying_so(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    result = run(path)
    assert result.exit_code == 2 and reason in result.stderr, result.stderr
    assert "Traceback" not in result.output


def test_json_without_context_names_each_key_it_would_drop():
    with pytest.raises(MalformedRecord) as refused:
        read_records([("cases.json", (FIXTURES / "no-context.json").read_bytes(), "")], max_bytes=100_000)
    assert 'the key "record_id" of the document is not defined by the @context' in refused.value.detail
    assert "and 2 more" in refused.value.detail and "add an @context" in refused.value.detail


def test_misspelt_class_and_property_are_violations_with_the_term_meant():
    result = run(FIXTURES / "misspelt-terms.ttl")
    findings = {f["field"]: f["message"] for f in json.loads(result.output)["findings"]}
    assert result.exit_code == 1
    assert findings["rdf:type"] == ("No such class in the ontology: hr:DeathInCustdy, so nothing about it is "
                                    "checked. Did you mean hr:DeathInCustody?")
    assert "No such property in the ontology: hr:victm" in findings["hr:victm"]
    assert "Did you mean hr:victim?" in findings["hr:victm"]


def test_a_term_far_from_any_says_to_use_the_ontologys(tmp_path):
    path = tmp_path / "odd.nt"
    path.write_text("<https://w3id.org/rightsgraph/id/person/a> <https://w3id.org/rightsgraph/ontology/zzqqxx> "
                    "\"x\" .\n", encoding="utf-8")
    [finding] = [f for f in json.loads(run(path).output)["findings"] if f["field"] == "hr:zzqqxx"]
    assert finding["message"].endswith("Use a term of the ontology (ontology/), or remove the statement.")


@pytest.mark.parametrize("act,words,date,column,message", [
    ("", "April", "", "act", "Fill in act"),
    ("arrest", "30 October 2019", "30/10/2019", "date", "write 2019-10-30 (year-month-day)"),
    ("arrest", "3 October 2019", "03/10/2019", "date", "could be 2019-10-03 (day first) or 2019-03-10 (month first)"),
    ("arrest", "October 2019", "2019-13", "date", "no such date in the calendar"),
    ("arrest", "in 2019", "2019-10/2019-08", "date", "ends before it starts"),
])
def test_cell_the_template_cannot_read_is_a_violation_on_its_row_and_column(tmp_path, act, words, date, column,
                                                                          message):
    path = tmp_path / "cases.csv"
    path.write_text(HEADER + ROW.format(act=act, words=words, date=date), encoding="utf-8")
    result = run(path)
    findings = json.loads(result.output)["findings"]
    assert result.exit_code == 1
    assert any(f["field"] == f"column {column}" and f["line"] == 2 and message in f["message"] for f in findings), \
        findings


def test_the_valid_examples_still_exit_0_having_read_every_statement():
    result = run(*sorted(EXAMPLES.glob("case-record.*")), EXAMPLES / "case-records-template.csv")
    summary = json.loads(result.output)
    assert result.exit_code == 0 and summary["findings"] == [] and summary["records"] > 0


def test_unknown_term_finding_is_in_the_shacl_report_too():
    submission = read_records([("t.ttl", (FIXTURES / "misspelt-terms.ttl").read_bytes(), "")], max_bytes=100_000)
    outcome = validate_submission(submission)
    assert {str(r.shape) for r in outcome.results} == {SHAPES + "RecordReading-unknownTerm"}
    assert not outcome.conforms
