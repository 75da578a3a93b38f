"""Look at a query's tokens before any engine sees it: what it may not do, and how it reads its data.

pyoxigraph performs a ``SERVICE`` call over HTTP by itself and its parser
overflows the stack on deeply nested input, so both are checked here, in the
server process, without parsing: a lexical scan that skips comments, strings
and IRIs exactly as the SPARQL grammar delimits them, after the codepoint
escapes (``\\u0053ERVICE``) that SPARQL resolves before parsing. The scan fails
closed: a ``SERVICE`` whose target it cannot resolve to an allowed host is
refused. It is a first line only; the worker processes are what really contain a
query that crashes or runs away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator
from urllib.parse import urljoin, urlsplit

from .errors import QueryTooDeep, ServiceRefused, UpdateRefused

_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n\r]*)
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
                |'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\n\r]|\\.)*"
                |'(?:[^'\\\n\r]|\\.)*')
    | (?P<var>[?$]\w*)
    | (?P<pname>(?:[^\W\d][\w.-]*)?:(?:[\w:%-]|\\.|\.(?=[\w:%-]))*)
    | (?P<word>[^\W\d]\w*)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)

UPDATE_KEYWORDS = frozenset(
    {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}
)


@dataclass(frozen=True)
class Screened:
    """What the scan learned: whether the query names its own dataset (``FROM``)."""

    has_dataset_clause: bool


def unescape(query: str) -> str:
    """Resolve SPARQL's ``\\uXXXX`` and ``\\UXXXXXXXX`` escapes, as the parser does first."""

    def replace(match: re.Match[str]) -> str:
        try:
            return chr(int(match.group(1) or match.group(2), 16))
        except ValueError:
            return match.group(0)

    return _ESCAPE.sub(replace, query)


def tokens(query: str) -> Iterator[tuple[str, str]]:
    """(kind, text) for every token but comments, over the unescaped query."""
    for match in _TOKEN.finditer(unescape(query)):
        if match.lastgroup != "comment":
            yield match.lastgroup or "other", match.group()


def screen(query: str, *, max_depth: int, allowed_hosts: frozenset[str], base_iri: str = "") -> Screened:
    """Refuse a query that is an update, nests deeper than ``max_depth`` or calls a host not allowed.

    ``base_iri`` is what the engine resolves relative IRIs against before any
    ``BASE``. Raises UpdateRefused, QueryTooDeep or ServiceRefused.
    """
    items = list(tokens(query))
    prefixes: dict[str, str] = {}
    base = base_iri
    depth = 0
    has_dataset_clause = False
    first_keyword = None
    for index, (kind, text) in enumerate(items):
        following = items[index + 1 : index + 3]
        if kind == "open":
            depth += 1
            if depth > max_depth:
                raise QueryTooDeep(f"The query nests more than {max_depth} brackets deep.")
        elif kind == "close":
            depth -= 1
        elif kind == "word":
            keyword = text.lower()
            if keyword == "prefix" and [k for k, _ in following] == ["pname", "iri"]:
                prefixes[following[0][1]] = urljoin(base, following[1][1][1:-1])
            elif keyword == "base" and following[:1] and following[0][0] == "iri":
                base = urljoin(base, following[0][1][1:-1])
            elif first_keyword is None:
                first_keyword = keyword
            if keyword == "from":
                has_dataset_clause = True
            elif keyword == "service":
                _check_service(items[index + 1 :], prefixes, base, allowed_hosts)
    if first_keyword in UPDATE_KEYWORDS:
        raise UpdateRefused("This endpoint is read-only: SPARQL Update is not accepted.")
    return Screened(has_dataset_clause=has_dataset_clause)


def _check_service(
    rest: list[tuple[str, str]], prefixes: dict[str, str], base: str, allowed: frozenset[str]
) -> None:
    """Raise ServiceRefused unless the SERVICE target is an IRI on an allowed host."""
    if rest and rest[0] == ("word", rest[0][1]) and rest[0][1].lower() == "silent":
        rest = rest[1:]
    target = None
    if rest and rest[0][0] == "iri":
        target = urljoin(base, rest[0][1][1:-1])
    elif rest and rest[0][0] == "pname":
        prefix, _, local = rest[0][1].partition(":")
        if prefix + ":" in prefixes:
            target = prefixes[prefix + ":"] + local
    host = (urlsplit(target).hostname or "") if target else ""
    if not host or host.lower() not in allowed:
        shown = f"<{target}>" if target else "a target that is not a fixed IRI"
        raise ServiceRefused(
            f"SERVICE to {shown} is refused: this endpoint makes no outbound request "
            "except to hosts its operator allow-lists."
        )
