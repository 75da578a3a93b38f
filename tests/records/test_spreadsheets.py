"""The CSV reader reads what spreadsheets write, and nothing in a file makes a traceback.

Excel and LibreOffice write byte-order marks, CRLF, semicolons or tabs, and keep the
line breaks typed or pasted into a cell (Word pastes U+2028, U+2029, vertical tabs).
A row is never split inside a quoted cell, and each such file reads as the same
records as the plain template.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from click.testing import CliRunner
from records_support import EXAMPLES
from rightsgraph.cli import main
from rightsgraph.errors import MalformedRecord
from rightsgraph.records.reading import read_records
from rightsgraph.records.reference import vocabulary
from rightsgraph.records.template import map_rows, read_rows

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "records"
HEADER = ["record_id", "person", "act", "event_status", "source_document", "section", "quote", "quote_start",
          "quote_end", "status", "stated_by", "summary"]
CELLS = ["C001", "Tith Rorn", "arrest", "occurred", "amnesty-cambodia-2019", "main",
         "he was arbitrarily arrested in April", "2523", "2559", "asserted", "Amnesty International",
         "Tith Rorn was arrested."]
#: Every character str.splitlines() splits on.
LINE_BREAKS = ["\n", "\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]


def run(*paths: Path, output: str = "json"):
    return CliRunner().invoke(main, ["validate", "--format", output, *map(str, paths)])


@pytest.mark.parametrize("name", sorted(p.name for p in FIXTURES.glob("*.csv")))
def test_spreadsheet_as_excel_or_libreoffice_writes_it_reads_whole_and_conforms(name):
    result = run(FIXTURES / name)
    summary = json.loads(result.output)
    assert result.exit_code == 0, result.output
    assert summary["records"] == 2 and summary["findings"] == []


@pytest.mark.parametrize("brk", LINE_BREAKS, ids=[f"U+{ord(c[-1]):04X}{'-CRLF' if c == chr(13) + chr(10) else ''}"
                                                 for c in LINE_BREAKS])
def test_line_break_inside_a_quoted_cell_stays_in_its_cell(brk):
    summary = f'"Tith Rorn{brk}was arrested."'
    text = "\ufeff" + ",".join(HEADER) + "\r\n" + ",".join(CELLS[:-1] + [summary]) + "\r\n"
    rows = list(read_rows(text))
    assert len(rows) == 1
    line, row = rows[0]
    assert line == 2 and row["summary"] == "Tith Rorn was arrested." and row["stated_by"] == "Amnesty International"


@pytest.mark.parametrize("separator", [";", "\t"])
def test_semicolon_or_tab_separated_file_reads_the_same_rows(separator):
    text = separator.join(HEADER) + "\r\n" + separator.join(CELLS) + "\r\n"
    assert list(read_rows(text)) == list(read_rows(",".join(HEADER) + "\n" + ",".join(CELLS) + "\n"))


def test_excel_sep_line_is_honoured():
    text = "sep=;\r\n" + ";".join(HEADER) + "\r\n" + ";".join(CELLS) + "\r\n"
    [(line, row)] = list(read_rows(text))
    assert line == 3 and row["record_id"] == "C001"


def test_header_in_one_cell_is_refused_saying_how_to_separate():
    with pytest.raises(MalformedRecord, match="separate the columns with commas, semicolons or tabs"):
        list(read_rows("record_id|person|act\nC1|A|arrest\n"))


def test_row_with_an_unquoted_separator_is_refused_saying_to_quote_it():
    with pytest.raises(MalformedRecord, match=r"Line 2 has 13 cells .* quote cells that hold semicolons"):
        list(read_rows(";".join(HEADER) + "\n" + ";".join(CELLS + ["extra"]) + "\n"))


def test_empty_source_document_next_to_a_section_is_a_finding_not_a_crash():
    cells = dict(zip(HEADER, CELLS), source_document="")
    text = ",".join(HEADER) + "\n" + ",".join(cells.values()) + "\n"
    mapped = map_rows(text, vocabulary())
    assert [(f.line, f.column) for f in mapped.findings] == [(2, "section")]
    assert "source_document is empty" in mapped.findings[0].message


def test_cell_that_is_no_valid_iri_is_a_finding_not_a_crash():
    cells = dict(zip(HEADER, CELLS), person="https://exa mple.org/p")
    mapped = map_rows(",".join(HEADER) + "\n" + ",".join(cells.values()) + "\n", vocabulary())
    assert [(f.column, f.value) for f in mapped.findings] == [("person", "https://exa mple.org/p")]


def test_fifty_megabyte_value_exits_2_with_a_sentence(tmp_path):
    csv_file, turtle = tmp_path / "big.csv", tmp_path / "big.ttl"
    cells = dict(zip(HEADER, CELLS), summary='"' + "x" * 50_000_000 + '"')
    csv_file.write_text(",".join(HEADER) + "\n" + ",".join(cells.values()) + "\n", encoding="utf-8")
    turtle.write_text('<https://w3id.org/rightsgraph/id/person/x> <http://www.w3.org/2000/01/rdf-schema#label> "'
                      + "x" * 50_000_000 + '" .\n', encoding="utf-8")
    for path, words in ((csv_file, "a cell longer than 1 MB"), (turtle, "a value or a line too long to read")):
        result = run(path)
        assert result.exit_code == 2 and words in result.stderr and "Traceback" not in result.output


@pytest.mark.parametrize("name", ["case-record.ttl", "case-record.trig", "case-record.nt", "case-record.nq"])
def test_rdf_starting_with_a_byte_order_mark_is_read(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"\xef\xbb\xbf" + (EXAMPLES / name).read_bytes())
    result = run(path)
    assert result.exit_code == 0 and json.loads(result.output)["findings"] == []


def test_invisible_characters_in_a_message_are_written_visibly():
    with pytest.raises(MalformedRecord) as refused:
        read_records([("odd.ttl", "<http://example.org/a> <http://example.org/b> \u200b .\n".encode(), "")],
                     max_bytes=1000)
    assert "\u200b" not in refused.value.detail and "\\u200b" in refused.value.detail


def test_bad_dates_are_findings_and_rdflib_logs_nothing(tmp_path, caplog):
    path = tmp_path / "dates.ttl"
    path.write_text("@prefix hr: <https://w3id.org/rightsgraph/ontology/> .\n"
                    "@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
                    "<https://w3id.org/rightsgraph/id/time/t> a hr:TimeSpec ; hr:expressedDate \"x\" ;\n"
                    "  hr:earliest \"2019-02-30\"^^xsd:date ; hr:latest \"30/10/2019\"^^xsd:date ;\n"
                    "  hr:precision <https://w3id.org/rightsgraph/vocab/date-precision/day> .\n", encoding="utf-8")
    with caplog.at_level(logging.WARNING):
        result = run(path)
    assert result.exit_code == 1, result.stderr
    fields = {f["field"] for f in json.loads(result.output)["findings"]}
    assert {"earliest date is a date", "latest date is a date"} <= fields
    assert not [r for r in caplog.records if "Failed to convert" in r.getMessage()]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("data,words", [
    (b"PK\x03\x04\x14\x00\x06\x00", "is a workbook (Excel or LibreOffice), not text"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "is a workbook (Excel or LibreOffice), not text"),
    ("record_id,person\n".encode("utf-16"), "UTF-16 text"),
    ("record_id,person\nC1,Tête\n".encode("cp1252"), "not UTF-8 text: byte 0xea at line 2, column 5"),
])
def test_workbook_or_other_encoding_is_refused_saying_to_save_as_csv_utf8(tmp_path, data, words):
    path = tmp_path / "cases.csv"
    path.write_bytes(data)
    result = run(path)
    assert result.exit_code == 2 and words in result.stderr and "UTF-8" in result.stderr


def test_header_names_as_people_retype_them_are_read_and_typos_get_a_suggestion():
    retyped = ",".join(name.replace("_", " ").title() for name in HEADER) + "\n" + ",".join(CELLS) + "\n"
    assert list(read_rows(retyped)) == list(read_rows(",".join(HEADER) + "\n" + ",".join(CELLS) + "\n"))
    with pytest.raises(MalformedRecord, match=r"unknown column\(s\) persn \(did you mean person\?\)"):
        list(read_rows(",".join(HEADER).replace("person", "persn") + "\n"))
