"""Untrusted records: each hostile or broken file is refused with its reason, and nothing is fetched."""

from __future__ import annotations

import pytest
from records_support import Listener, hostile
from rightsgraph.errors import EndpointError, PayloadTooLarge
from rightsgraph.records.reading import read_records


@pytest.fixture()
def listener():
    listener = Listener()
    yield listener
    listener.close()


@pytest.mark.parametrize("kind", sorted(hostile("http://127.0.0.1:9/")))
def test_read_hostile_record_refused_with_reason_and_no_request(kind, listener):
    name, data, reason = hostile(listener.url)[kind]
    with pytest.raises(EndpointError) as refused:
        read_records([(name, data, "")], max_bytes=1_000_000)
    assert 400 <= refused.value.status < 500
    assert reason in refused.value.detail
    assert listener.connections == 0


def test_read_owl_imports_not_followed_and_noted(listener):
    record = f"<http://example.org/r> <http://www.w3.org/2002/07/owl#imports> <{listener.url}> .\n".encode()
    submission = read_records([("imports.nt", record, "")], max_bytes=1_000_000)
    assert listener.connections == 0
    assert submission.notices == [f"imports.nt: owl:imports <{listener.url}> was not followed; validate that "
                                  "file alongside if it belongs to the record."]


def test_read_record_over_the_cap_refused_before_parsing():
    with pytest.raises(PayloadTooLarge, match="larger than 100 bytes"):
        read_records([("big.ttl", b"#" * 101, "")], max_bytes=100)


def test_read_malformed_turtle_names_line_and_column():
    with pytest.raises(EndpointError, match=r"broken\.ttl is not valid Turtle: Parser error at line 3"):
        read_records([hostile("")["malformed-turtle"][:2] + ("",)], max_bytes=1000)
