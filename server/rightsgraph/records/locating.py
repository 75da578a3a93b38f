"""Where a resource sits in the file it came from: the line a person should open.

For CSV the template remembers each row's line. For RDF, the line is found by
looking for the resource's name as the file spells it: ``<full IRI>``, a prefixed
name (``person:anna``) under the file's prefixes, or the IRI in quotes (RDF/XML's
``rdf:about``, JSON-LD's ``@id``). A line that *starts* with the name (where Turtle
describes a subject) beats one that only mentions it. One pass over the text builds
the index, so looking up many findings costs nothing more. Blank nodes and names
the file never spells (JSON-LD compacted through a context) have no line.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r'<([^<>\s"]+)>|"([^"\s]+)"|(?<![\w<"])([A-Za-z][\w.-]*)?:((?:[\w%-]|\\.|\.(?=[\w%\\-]))+)')


class Locator:
    """Line numbers (from 1) of the resources a text names."""

    def __init__(self, text: str, prefixes: dict[str, str] | None = None) -> None:
        self.prefixes = prefixes or {}
        self.first: dict[str, int] = {}
        self.subject: dict[str, int] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.lstrip()
            for match in _TOKEN.finditer(line):
                iri = self._iri(match)
                if iri is None:
                    continue
                self.first.setdefault(iri, number)
                if match.start() == len(line) - len(stripped):
                    self.subject.setdefault(iri, number)

    def _iri(self, match: re.Match) -> str | None:
        full, quoted, prefix, local = match.groups()
        if full or quoted:
            return full or quoted
        namespace = self.prefixes.get(prefix or "")
        return namespace + re.sub(r"\\(.)", r"\1", local) if namespace is not None else None

    def line(self, iri: str) -> int | None:
        return self.subject.get(iri) or self.first.get(iri)
