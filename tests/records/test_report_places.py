"""Every finding is reported on every record it touches, once per record and field, in the template's words.

A quote span cited by three rows is each row's; an empty quote cell is reported even
when another row gives the span's words; a repeated record id once on each of its
rows. A CSV finding names the row's line and the column to correct, never a term of
the model; a wrong quote says what the source holds there and where its words are.
"""

from __future__ import annotations

import re

import pytest
from rdflib.namespace import SH
from records_support import EXAMPLES, validate_files
from rightsgraph.records.reference import vocabulary
from rightsgraph.records.report import build, text
from rightsgraph.records.safety import in_words
from rightsgraph.records.template import Registry, map_rows, slug
from rightsgraph.shacl import load_shapes

HEADER = ("record_id,person,act,event_status,date_as_written,date,date_precision,source_document,section,quote,"
          "quote_start,quote_end,status,stated_by,attributed_to,summary\n")
ROW = ("{id},{person},arrest,{event_status},April,,month,amnesty-cambodia-2019,main,{quote},{start},{end},{status},"
       "{stated_by},,Tith Rorn was arrested in April.\n")
QUOTE = "he was arbitrarily arrested in April"


def row(**cells) -> str:
    values = {"id": "C001", "person": "Tith Rorn", "event_status": "occurred", "quote": QUOTE, "start": "2523",
              "end": "2559", "status": "asserted", "stated_by": "Amnesty International"}
    return ROW.format(**{**values, **cells})


def report_of(tmp_path, *rows: str, name: str = "cases.csv"):
    path = tmp_path / name
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    outcome, submission = validate_files(path)
    return build(outcome, submission)


def places(report) -> list[tuple[int, str]]:
    return sorted((f.line, f.field) for g in report.groups for f in g.findings)


def test_wrong_quote_span_cited_by_three_rows_is_reported_on_all_three(tmp_path):
    report = report_of(tmp_path, *(row(id=f"C00{n}", start="2524", end="2560") for n in (1, 2, 3)))
    assert places(report) == [(2, "column quote"), (3, "column quote"), (4, "column quote")]


def test_empty_quote_cell_is_reported_even_when_another_row_gives_the_span_words(tmp_path):
    report = report_of(tmp_path, row(id="C001"), row(id="C002", quote=""))
    assert places(report) == [(3, "column quote")]
    [finding] = report.groups[0].findings
    assert finding.message.startswith("Fill in quote")


def test_duplicate_record_id_is_reported_once_on_each_of_its_rows(tmp_path):
    report = report_of(tmp_path, row(), row(person="Sam Bopha"), row(person="Kem Sokha"))
    assert places(report) == [(2, "column record_id"), (3, "column record_id"), (4, "column record_id")]


def test_same_record_id_in_two_files_for_one_source_is_reported_in_both(tmp_path):
    (tmp_path / "a.csv").write_text(HEADER + row(), encoding="utf-8")
    (tmp_path / "b.csv").write_text(HEADER + row(person="Sam Bopha"), encoding="utf-8")
    outcome, submission = validate_files(tmp_path / "a.csv", tmp_path / "b.csv")
    found = sorted((g.file, f.line, f.field) for g in build(outcome, submission).groups for f in g.findings)
    assert found == [("a.csv", 2, "column record_id"), ("b.csv", 2, "column record_id")]


@pytest.mark.parametrize("cells", [
    {"event_status": "happened"}, {"status": "rumour"}, {"stated_by": ""}, {"status": "information-received"},
    {"start": '"2,523"'}, {"end": "x"}, {"start": "2524", "end": "2560"}, {"quote": ""},
])
def test_csv_messages_name_columns_never_terms_of_the_model(tmp_path, cells):
    report = report_of(tmp_path, row(**cells))
    findings = [f for g in report.groups for f in g.findings]
    assert findings and all(f.field.startswith("column ") and f.line == 2 for f in findings)
    for finding in findings:
        assert not re.search(r"\bhr:|xsd:|\^\^|https?://|rdf:|rdfs:", finding.message), finding.message
        assert "but says from whom" not in finding.message


def test_attributed_to_message_is_not_garbled():
    shapes = load_shapes()
    messages = [str(m) for m in shapes.objects(None, SH.message)]
    assert not [m for m in messages if "but says from whom" in m]
    assert any("but does not say from whom" in m for m in messages)


def test_wrong_quote_shows_the_source_words_at_its_offsets_and_where_the_words_are(tmp_path):
    report = report_of(tmp_path, row(start="2524", end="2560"))
    [finding] = report.groups[0].findings
    assert "At 2524–2560 the source reads “e was arbitrarily arrested in April.”" in finding.message
    assert "The quoted words stand at 2523–2559" in finding.message


def test_quote_words_nowhere_in_the_source_say_so(tmp_path):
    report = report_of(tmp_path, row(quote="he was never arrested at all"))
    [finding] = report.groups[0].findings
    assert "The quoted words are nowhere in the source." in finding.message


def test_wrong_quote_in_an_rdf_file_shows_the_source_too():
    outcome, submission = validate_files(EXAMPLES / "case-record-invalid.ttl")
    report = text(build(outcome, submission))
    assert "At 1800–1859 the source reads “" in report


@pytest.mark.parametrize("size,words", [(10_000_000, "10 MB"), (64_000, "64 kB"), (500_000_000, "500 MB"),
                                        (100, "100 bytes"), (1_500_000, "1.5 MB")])
def test_sizes_are_said_in_words(size, words):
    assert in_words(size) == words


def test_names_differing_only_in_vowel_signs_are_two_people():
    khmer = HEADER + row(person="សុខ ចាន់") + row(id="C002", person="សខ ចន") + row(id="C003", person="សុខ ចាន់")
    mapped = map_rows(khmer, vocabulary())
    people = {t.subject.value for t in mapped.triples if "/person/" in t.subject.value}
    assert len(people) == 2
    assert slug("សុខ ចាន់") != slug("សខ ចន")


def test_names_that_share_a_segment_are_never_merged():
    registry = Registry()
    mapped = map_rows(HEADER + row(person="Sam Bopha") + row(id="C002", person="SAM BOPHA"), vocabulary(), registry)
    people = {t.subject.value for t in mapped.triples if "/person/" in t.subject.value}
    assert len(people) == 2 and {"Sam Bopha", "SAM BOPHA"} <= set(registry.names.values())


def test_the_same_row_in_two_files_is_one_record_as_in_rdf(tmp_path):
    for name in ("a.csv", "b.csv"):
        (tmp_path / name).write_text(HEADER + row(), encoding="utf-8")
    outcome, submission = validate_files(tmp_path / "a.csv", tmp_path / "b.csv")
    assert outcome.results == () and build(outcome, submission).groups == []
