"""Look at a query's tokens before any engine sees it: what it may not do, and how it reads its data.

pyoxigraph performs a ``SERVICE`` call over HTTP by itself and its parser
overflows the stack on deeply nested input, so both are checked here, in the
server process, without parsing: a lexical scan that skips comments, strings
and IRIs exactly as the SPARQL grammar delimits them, once after resolving the
codepoint escapes (``\\u0053ERVICE``) as the grammar does and once with them
left where they stand as the engine reads them. The scan fails closed: a
``SERVICE`` whose target it cannot resolve to an allowed host is refused. It is
a first line only: the worker processes are what really contain a query that
crashes or runs away, and when no host is allow-listed they run without a network.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterator
from urllib.parse import urljoin, urlsplit

from ..errors import QueryTooComplex, QueryTooDeep, ServiceRefused, UpdateAsQuery

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
    | (?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)
    | (?P<open>[{(\[])
    | (?P<close>[})\]])
    | (?P<other>\S)
    """,
    re.VERBOSE | re.DOTALL,
)

#: Characters of operators (``!``, ``&&``, ``+``, ``/``, ``|``...) and clauses that chain: the
#: engine's parser recurses once per link, and overflows an 8 MB stack (killing the process) at
#: about 10,000 chained operators or UNIONs and 5,000 OPTIONALs (measured). A query may have
#: MAX_CHAIN links, OPTIONAL and MINUS counting double: a third of the lowest measured limit.
OPERATOR_CHARS = frozenset("!&|+-*/^=<>")
CLAUSE_WEIGHTS = {"optional": 2, "minus": 2, "union": 1}
MAX_CHAIN = 3000

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


def tokens(text: str) -> Iterator[tuple[str, str]]:
    """(kind, text) for every token of ``text`` but comments."""
    for match in _TOKEN.finditer(text):
        if match.lastgroup != "comment":
            yield match.lastgroup or "other", match.group()


def screen(query: str, *, max_depth: int, allowed_hosts: frozenset[str], base_iri: str = "") -> Screened:
    """Refuse a query that is an update, nests deeper than ``max_depth`` or calls a host not allowed.

    The query is read twice, because a ``\\u`` escape can mean two things: the
    SPARQL grammar resolves escapes before anything else (so ``"\\u0022"`` closes
    a string), while pyoxigraph resolves them inside the token where they stand
    (so the same text is a string holding a quote). A scan that follows only one
    reading can be shown a keyword the other hides: ``SERVICE`` between two
    such strings reached the network. Whatever either reading finds is checked.

    ``base_iri`` is what the engine resolves relative IRIs against before any
    ``BASE``. Raises UpdateAsQuery, QueryTooDeep, QueryTooComplex or ServiceRefused.
    """
    grammar = _scan(list(tokens(unescape(query))), str, max_depth, allowed_hosts, base_iri)
    engine = _scan(list(tokens(query)), unescape, max_depth, allowed_hosts, base_iri)
    return Screened(has_dataset_clause=grammar.has_dataset_clause or engine.has_dataset_clause)


def _scan(
    items: list[tuple[str, str]],
    iri: Callable[[str], str],
    max_depth: int,
    allowed_hosts: frozenset[str],
    base_iri: str,
) -> Screened:
    """One reading of the query's tokens; ``iri`` turns an IRI's text into the IRI it denotes."""
    prefixes: dict[str, tuple[str, str]] = {}
    base = base_iri
    depth = chain = 0
    has_dataset_clause = False
    first_keyword = None
    for index, (kind, text) in enumerate(items):
        following = items[index + 1 : index + 3]
        if kind == "other" and text in OPERATOR_CHARS:
            chain += 1
        elif kind == "open":
            depth += 1
            if depth > max_depth:
                raise QueryTooDeep(f"The query nests more than {max_depth} brackets deep.")
        elif kind == "close":
            depth -= 1
        elif kind == "word":
            keyword = text.lower()
            chain += CLAUSE_WEIGHTS.get(keyword, 0)
            if keyword == "prefix" and [k for k, _ in following] == ["pname", "iri"]:
                prefixes[following[0][1]] = (base, iri(following[1][1][1:-1]))  # resolved if SERVICE uses it
            elif keyword == "base" and following[:1] and following[0][0] == "iri":
                base = urljoin(base, iri(following[0][1][1:-1]))
            elif first_keyword is None:
                first_keyword = keyword
            if keyword == "from":
                has_dataset_clause = True
            elif keyword == "service":
                _check_service(items[index + 1 :], prefixes, base, allowed_hosts, iri)
        if chain > MAX_CHAIN:
            raise QueryTooComplex(
                f"The query chains more than {MAX_CHAIN} operators and clauses (OPTIONAL and MINUS count "
                "double), more than the engine can parse safely: split it, or list values with VALUES."
            )
    if first_keyword in UPDATE_KEYWORDS:
        raise UpdateAsQuery(
            f"This is SPARQL Update ({first_keyword.upper()}), not a query: this endpoint is read-only "
            "and answers queries only."
        )
    return Screened(has_dataset_clause=has_dataset_clause)


def _check_service(
    rest: list[tuple[str, str]],
    prefixes: dict[str, tuple[str, str]],
    base: str,
    allowed: frozenset[str],
    iri: Callable[[str], str],
) -> None:
    """Raise ServiceRefused unless the SERVICE target is an IRI on an allowed host."""
    if rest and rest[0] == ("word", rest[0][1]) and rest[0][1].lower() == "silent":
        rest = rest[1:]
    target = None
    if rest and rest[0][0] == "iri":
        target = urljoin(base, iri(rest[0][1][1:-1]))
    elif rest and rest[0][0] == "pname":
        prefix, _, local = rest[0][1].partition(":")
        if prefix + ":" in prefixes:
            target = urljoin(*prefixes[prefix + ":"]) + local
    host = (urlsplit(target).hostname or "") if target else ""
    if not host or host.lower() not in allowed:
        shown = f"<{target}>" if target else "a target that is not a fixed IRI"
        raise ServiceRefused(
            f"SERVICE to {shown} is refused: this endpoint makes no outbound request "
            "except to hosts its operator allow-lists."
        )
