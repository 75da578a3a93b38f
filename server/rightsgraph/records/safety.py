"""What an untrusted record is screened for before any parser sees it.

Each check refuses with a reason a person can act on, never silently drops input:

- **Size**: more than the cap is refused (``PayloadTooLarge``) before decoding.
- **Encoding**: records are UTF-8 (the RDF formats say so); other bytes are refused with
  the line and column of the first bad byte, not replaced.
- **RDF/XML DTDs**: pyoxigraph refuses external entities but expands internal ones, so a
  "billion laughs" document would still multiply in memory. No RDF record needs a DTD:
  any ``<!DOCTYPE`` or ``<!ENTITY`` is refused outright.
- **JSON-LD remote contexts**: a context given by URL (or ``@import``) would make the
  server fetch an address the sender chose. pyoxigraph has no document loader set and so
  fails on them, but with a message about callbacks; we refuse first and say what to do
  (inline the context).

``owl:imports`` needs no screening: neither pyoxigraph nor pyshacl (``do_owl_imports``
off) follows it; the report notes each import it did not follow (see reading.py).
"""

from __future__ import annotations

import json
import re
import unicodedata

from ..errors import MalformedRecord, PayloadTooLarge, RecordRefused
from .formats import JSON_LD, RDF_XML, RecordFormat

_DTD = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)


def in_words(size: int) -> str:
    """A size as people say it: 10 MB, 64 kB, 500 bytes (decimal units, as file managers show them)."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("kB", 10**3)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} byte{'s' if size != 1 else ''}"


def check_size(size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise PayloadTooLarge(f"The record is larger than {in_words(max_bytes)} (the limit); split it into "
                              "smaller files or raise the limit.")


def visible(text: str) -> str:
    """``text`` with invisible characters (byte-order marks, control and format characters) written as \\uXXXX."""
    return "".join(c if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp") else f"\\u{ord(c):04x}"
                   for c in text)


def decode(data: bytes, name: str = "The record") -> str:
    """The record as text: strict UTF-8, a leading byte-order mark dropped."""
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise MalformedRecord(f"{name} is a workbook (Excel or LibreOffice), not text: save the sheet as CSV UTF-8 "
                              "and send that file.")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise MalformedRecord(f"{name} is UTF-16 text (Excel's \"Unicode text\"): save it as CSV UTF-8 and send it "
                              "again.")
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        raise MalformedRecord(f"{name} is not UTF-8 text: byte 0x{data[error.start]:02x} at line {line}, "
                              f"column {column}. Save it as UTF-8 (in Excel: CSV UTF-8) and send it again.")


def screen(data: bytes, text: str, fmt: RecordFormat) -> None:
    """Refuse the constructs of ``fmt`` that would make parsing unsafe (see the module docstring)."""
    if fmt is RDF_XML:
        match = _DTD.search(data)
        if match:
            line = data[: match.start()].count(b"\n") + 1
            raise RecordRefused(f"RDF/XML with a document type declaration or entity (<!{match.group(1).decode()}, "
                                f"line {line}) is refused: entities can read files or multiply the document. "
                                "Remove the DOCTYPE and write the values out.")
    elif fmt is JSON_LD:
        for url in remote_contexts(text):
            raise RecordRefused(f"The JSON-LD context {url!r} is remote: the validator fetches nothing. "
                                "Put the context itself in the document (an object under \"@context\").")


class _Members(list):
    """A JSON object as its list of (key, value) members, repeated keys included: ``json.loads``
    keeps only a repeated key's last value, while the JSON-LD parser may read the first."""


def remote_contexts(text: str) -> list[str]:
    """Every context a JSON-LD document gives by reference (a URL string or an ``@import``)."""
    try:
        document = json.loads(text, object_pairs_hook=_Members)
    except RecursionError:
        raise MalformedRecord("The JSON-LD document is nested too deeply to read.")
    except ValueError:
        return []  # the parser reports the syntax error with its position
    found, stack = [], [document]
    while stack:
        node = stack.pop()
        if isinstance(node, _Members):
            for key, value in node:
                if key == "@context":
                    contexts = value if isinstance(value, list) and not isinstance(value, _Members) else [value]
                    found += [c for c in contexts if isinstance(c, str)]
                    found += [v for c in contexts if isinstance(c, _Members) for k, v in c
                              if k == "@import" and isinstance(v, str)]
                stack.append(value)
        elif isinstance(node, list):
            stack.extend(node)
    return found
