"""The CSV template's mapping: dates, controlled values and lines, as docs/records.md describes them."""

from __future__ import annotations

import pytest
from rightsgraph.errors import MalformedRecord
from rightsgraph.namespaces import ID, ONTOLOGY, VOCAB
from rightsgraph.records.reference import vocabulary
from rightsgraph.records.template import map_rows

HEADER = "record_id,person,act,event_status,date_as_written,date,date_precision,source_document,quote,quote_start," \
         "quote_end,status,stated_by\n"


def objects(mapped, subject: str, term: str) -> list[str]:
    return [t.object.value for t in mapped.triples
            if t.subject.value == subject and t.predicate.value == ONTOLOGY + term]


@pytest.mark.parametrize("words,value,precision,earliest,latest,inferred", [
    ("3 May 2019", "2019-05-03", "day", "2019-05-03", "2019-05-03", "false"),
    ("February 2020", "2020-02", "month", "2020-02-01", "2020-02-29", "false"),
    ("since August", "2019-08/2019-10", "interval", "2019-08-01", "2019-10-31", "true"),
])
def test_date_value_gives_precision_window_and_whether_the_year_is_printed(words, value, precision, earliest,
                                                                          latest, inferred):
    row = f"C1,Anna,arrest,occurred,{words},{value},,doc,,,,asserted,NGO\n"
    mapped = map_rows(HEADER + row, vocabulary())
    time = ID + "time/doc-c1"
    assert objects(mapped, time, "precision") == [f"{VOCAB}date-precision/{precision}"]
    assert (objects(mapped, time, "earliest"), objects(mapped, time, "latest")) == ([earliest], [latest])
    assert objects(mapped, time, "yearInferred") == [inferred]


def test_controlled_values_by_label_or_short_name_and_the_row_line():
    row = "C7,Anna,Death in custody,Did not occur,,,,doc,,,,reported as information received,NGO\n"
    mapped = map_rows(HEADER + "\n" + row, vocabulary())
    event, claim = ID + "event/doc-c7", ID + "claim/doc-c7"
    assert [t.object.value for t in mapped.triples if t.subject.value == event and t.predicate.value.endswith("#type")] \
        == [ONTOLOGY + "DeathInCustody"]
    assert objects(mapped, event, "eventStatus") == [VOCAB + "event-status/not-occurred"]
    assert objects(mapped, claim, "epistemicStatus") == [VOCAB + "epistemic-status/information-received"]
    assert mapped.origin[claim] == [(3, "claim")] and mapped.records == [(3, "C7", claim)]


def test_empty_cells_give_no_triples():
    mapped = map_rows(HEADER + "C1,,arrest,,,,,doc,,,,,\n", vocabulary())
    predicates = {t.predicate.value.removeprefix(ONTOLOGY) for t in mapped.triples}
    assert not predicates & {"victim", "eventStatus", "time", "epistemicStatus", "statedBy", "evidence"}


def test_header_not_in_the_template_refused_with_the_columns():
    with pytest.raises(MalformedRecord, match=r"missing column\(s\) act.*unknown|unknown column\(s\) actt"):
        map_rows("record_id,person,actt\n", vocabulary())
