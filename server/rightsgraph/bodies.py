"""Reading a request body with a cap on the bytes actually read, in modest pieces.

``stream.read(limit + 1)`` on werkzeug's input stream allocates (and zeroes) a
buffer of ``limit + 1`` bytes before reading a single one: with the endpoint's
1 MB cap that was about half a millisecond on every request, body or not,
more than everything else a cached answer costs. So a request that declares no
body (no ``Content-Length``, not chunked) is not read at all, and a body is
read in pieces no larger than what may still arrive.
"""

from __future__ import annotations

from typing import Any, BinaryIO

#: Largest single read from the input stream.
PIECE = 64 * 1024


def has_body(environ: dict[str, Any]) -> bool:
    """True when the request declares a body: a Content-Length above 0, or chunked transfer coding."""
    length = environ.get("CONTENT_LENGTH")
    if length and length.strip() not in ("", "0"):
        return True
    return "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower()


def read_capped(stream: BinaryIO, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``stream``: a result longer than ``limit`` means too large."""
    pieces, total = [], 0
    while total <= limit:
        piece = stream.read(min(PIECE, limit + 1 - total))
        if not piece:
            break
        pieces.append(piece)
        total += len(piece)
    return b"".join(pieces)
