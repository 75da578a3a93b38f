"""``rightsgraph validate``: exit status, the report's words and places, every output format, progress."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from records_support import EXAMPLES, hostile
from rightsgraph.cli import main


def run(*args: str):
    return CliRunner().invoke(main, ["validate", *args])


def test_validate_conforming_record_exit_0_and_a_summary_line():
    result = run(str(EXAMPLES / "case-records-template.csv"))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("case-records-template.csv: conforms — 0 violations, 0 warnings; "
                                                     "0 of 2 records with findings; profile repository")


def test_validate_text_report_groups_by_record_with_line_field_value():
    result = run(str(EXAMPLES / "case-records-invalid.csv"))
    assert result.exit_code == 1
    assert "Record C101  (case-records-invalid.csv, line 2)\n  column act — Violation: “arest” is not an act" \
        in result.output
    assert "      value: arest\n" in result.output
    assert "does not conform — 8 violations, 0 warnings; 5 of 5 records with findings" in result.output


def test_validate_rdf_record_names_resources_by_label_and_line():
    result = run(str(EXAMPLES / "case-record-invalid.ttl"))
    assert "arrest of Sam Bopha <https://w3id.org/rightsgraph/id/event/example-arrest-of-sam-bopha>  " \
           "(case-record-invalid.ttl, line 33)\n  event status — Violation:" in result.output


def test_validate_json_summary_for_scripts():
    result = run("--format", "json", str(EXAMPLES / "case-record-invalid.nt"))
    summary = json.loads(result.output)
    assert result.exit_code == 1
    assert summary["counts"] == {"violation": 6, "warning": 0, "info": 0} and summary["engine"] == "compiled"
    assert {f["field"] for f in summary["findings"]} >= {"event status", "person's name"}


@pytest.mark.parametrize("output,fmt", [("turtle", ox.RdfFormat.TURTLE), ("json-ld", ox.RdfFormat.JSON_LD)])
def test_validate_shacl_report_formats(output, fmt):
    result = run("--format", output, str(EXAMPLES / "case-record-invalid.jsonld"))
    triples = [q.triple for q in ox.parse(result.stdout_bytes, format=fmt)]
    shacl = "http://www.w3.org/ns/shacl#"
    assert result.exit_code == 1
    assert len({t.object for t in triples if t.predicate.value == shacl + "result"}) == 6
    assert {t.object.value for t in triples if t.predicate.value == shacl + "resultSeverity"} == {shacl + "Violation"}


def test_validate_profile_exchange_names_itself_and_fails_on_missing_essentials():
    repository = run(str(EXAMPLES / "source-document.ttl"))
    exchange = run("--profile", "exchange", str(EXAMPLES / "source-document.ttl"))
    assert repository.exit_code == 0 and "Profile: repository" in repository.output
    assert exchange.exit_code == 1 and "Profile: exchange" in exchange.output
    assert "ISAD(G) 3.1.1 Reference code — Violation" in exchange.output


def test_validate_unreadable_input_exit_2_with_reason(tmp_path):
    name, data, reason = hostile("http://127.0.0.1:9/")["malformed-turtle"]
    path = tmp_path / name
    path.write_bytes(data)
    result = run(str(path))
    assert result.exit_code == 2 and reason in result.stderr and "Traceback" not in result.output


def test_validate_csv_with_its_source_described_alongside(tmp_path):
    cases = tmp_path / "cases.csv"
    cases.write_text("record_id,person,act,event_status,source_document,quote,quote_start,quote_end,status,"
                     "stated_by,section,summary\nF1,Dara,arrest,occurred,example-field-note,Police arrested Dara,"
                     "13,33,asserted,Example Monitoring Group,,Dara was arrested.\n", encoding="utf-8")
    result = run("--format", "json", str(cases), str(EXAMPLES / "source-document.ttl"))
    findings = {(f["file"], f["shape"].rsplit("/", 1)[-1]) for f in json.loads(result.output)["findings"]}
    assert findings == {("cases.csv", "ClaimShape-inSection"), ("source-document.ttl", "IsadgRecordShape-referenceCode")}
    assert result.exit_code == 0


def test_validate_progress_bar_on_request():
    result = run("--progress", str(EXAMPLES / "case-record.ttl"))
    assert "validating [" in result.stderr and "shapes" in result.stderr and result.exit_code == 0
