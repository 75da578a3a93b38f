"""The shipped examples: every valid one conforms with no finding at all, every invalid one
gives exactly its expected findings (record, field, words of the message), in every format."""

from __future__ import annotations

import pytest
from records_support import EXAMPLES, validate_files
from rightsgraph.namespaces import ID, SHAPES
from rightsgraph.records.report import build
from rightsgraph.records.template import COLUMNS

RDF_SUFFIXES = (".ttl", ".trig", ".nt", ".nq", ".rdf", ".jsonld")

# The invalid case record: (focus, shape, words of the message), the same in every format.
INVALID_RDF = {
    (ID + "claim/example-arrest-of-sam-bopha", "ClaimShape-statedBy", "add hr:statedBy"),
    (ID + "document/amnesty-cambodia-2019#char=1800,1859", "QuoteShape-verbatimInFile", "not in the source file"),
    (ID + "document/amnesty-cambodia-2019#char=1800,1859", "QuoteShape-verbatimInNormalizedText",
     "not in the normalised text"),
    (ID + "event/example-arrest-of-sam-bopha", "EventShape-eventStatus", "event-status vocabulary"),
    (ID + "time/example-backwards", "TimeSpecShape-window", "earliest date is after the latest"),
    (ID + "person/example-sam-bopha", "PersonShape-label", "This person has no name"),
}

# The invalid CSV: (line, column, shape, words of the message), in the template's words. The quote's two
# checks (file and normalised text) are one finding for the row; a repeated record id is reported once
# on each of its rows.
INVALID_CSV = {
    (2, "column act", "CaseRecordTemplate-act", "“arest” is not an act"),
    (3, "column quote", "QuoteShape-verbatimInFile", "The quoted words stand at 2523–2559"),
    (4, "column date", "TimeSpecShape-inferenceBasis", "write the year in date_as_written"),
    (5, "column attributed_to", "ClaimShape-attributedTo", "attributed_to is empty"),
    (5, "column event_status", "ObjectPropertyRangeShape", "Write in event_status one of"),
    (5, "column record_id", "ClaimShape-claimIdUnique", "give each row its own"),
    (6, "column record_id", "ClaimShape-claimIdUnique", "give each row its own"),
    (6, "column stated_by", "ClaimShape-statedBy", "Fill in stated_by"),
}


def shape(result) -> str:
    return str(result.shape).removeprefix(SHAPES)


@pytest.mark.parametrize("name", ["case-record" + s for s in RDF_SUFFIXES] + ["case-records-template.csv"])
def test_valid_example_conforms_with_no_finding(name):
    outcome, _ = validate_files(EXAMPLES / name)
    assert outcome.results == (), [(r.focus, shape(r), r.message) for r in outcome.results]
    assert outcome.conforms and outcome.engine == "compiled"


@pytest.mark.parametrize("suffix", RDF_SUFFIXES)
def test_invalid_example_gives_its_findings_in_every_format(suffix):
    outcome, submission = validate_files(EXAMPLES / f"case-record-invalid{suffix}")
    found = {(str(r.focus), shape(r)) for r in outcome.results}
    assert found == {(focus, name) for focus, name, _ in INVALID_RDF}
    for focus, name, words in INVALID_RDF:
        [message] = [r.message for r in outcome.results if (str(r.focus), shape(r)) == (focus, name)]
        assert words in message
    lines = [f.line for g in build(outcome, submission).groups for f in g.findings]
    assert all(isinstance(line, int) and line > 0 for line in lines), lines


def test_invalid_csv_gives_its_findings_on_their_lines_and_columns():
    outcome, submission = validate_files(EXAMPLES / "case-records-invalid.csv")
    report = build(outcome, submission)
    found = {(f.line, f.field, f.shape.removeprefix(SHAPES)): f.message for g in report.groups for f in g.findings}
    assert set(found) == {expected[:3] for expected in INVALID_CSV}
    for line, field, name, words in INVALID_CSV:
        assert words in found[line, field, name], found[line, field, name]
    assert not outcome.conforms and report.records == 5


def test_source_document_warns_in_the_repository_profile_and_fails_in_exchange():
    repository, _ = validate_files(EXAMPLES / "source-document.ttl", profile="repository")
    exchange, _ = validate_files(EXAMPLES / "source-document.ttl", profile="exchange")
    assert [(shape(r), r.severity) for r in repository.results] == [("IsadgRecordShape-referenceCode", "Warning")]
    assert [(shape(r), r.severity) for r in exchange.results] == [("IsadgRecordShape-referenceCode", "Violation")]
    assert repository.conforms and not exchange.conforms


def test_the_template_has_two_filled_rows_and_every_column():
    lines = (EXAMPLES / "case-records-template.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0].split(",") == [c.name for c in COLUMNS]
    assert len(lines) == 3
