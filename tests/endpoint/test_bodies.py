"""Reading request bodies: nothing read without a declared body, never more than the cap plus one."""

from __future__ import annotations

import io

import pytest
from rightsgraph.bodies import PIECE, has_body, read_capped


@pytest.mark.parametrize(
    "environ, expected",
    [
        ({}, False),
        ({"CONTENT_LENGTH": ""}, False),
        ({"CONTENT_LENGTH": "0"}, False),
        ({"CONTENT_LENGTH": "12"}, True),
        ({"HTTP_TRANSFER_ENCODING": "chunked"}, True),
        ({"HTTP_TRANSFER_ENCODING": "gzip, Chunked"}, True),
    ],
)
def test_has_body_from_declared_length_or_chunking(environ, expected):
    assert has_body(environ) is expected


def test_read_capped_reads_a_body_within_the_cap_whole():
    data = bytes(range(256)) * (3 * PIECE // 256 + 7)
    assert read_capped(io.BytesIO(data), len(data)) == data


def test_read_capped_stops_one_byte_past_the_cap():
    stream = io.BytesIO(b"x" * (PIECE * 4))
    assert len(read_capped(stream, PIECE + 10)) == PIECE + 11
    assert stream.tell() == PIECE + 11
