"""Where a canonical IRI lives on this server, and back: pure functions over strings.

The data's IRIs share one canonical base (``https://w3id.org/rightsgraph/`` by
default, the ``base_iri`` setting); this server answers for the base at its own
root, so ``BASE + "id/person/sam-bopha"`` is served at ``/id/person/sam-bopha``.
Pages link to the local path, so a copy served anywhere stays navigable.
"""

from __future__ import annotations

import re
from urllib.parse import quote


def local_path(iri: str, base: str) -> str | None:
    """The server path that dereferences ``iri`` (fragment kept), or None when it is not under ``base``."""
    if not iri.startswith(base):
        return None
    return "/" + quote(iri[len(base):], safe="/#=,:;-._~!$&'()*+@")


def canonical(path: str, base: str) -> str:
    """The canonical IRI a request path (already percent-decoded once, by Werkzeug) stands for:
    ``/id/person/x`` -> ``BASE + "id/person/x"``. Never decoded again here."""
    return base + path.lstrip("/")


def href(iri: str, base: str) -> str:
    """Where a link to ``iri`` should point: its local path if it is ours, else the IRI itself."""
    return local_path(iri, base) or iri


def local_name(iri: str) -> str:
    """The last segment of an IRI (after ``#`` or the last ``/``)."""
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def humanise(name: str) -> str:
    """A readable fallback label from an IRI's local name: ``sam-bopha`` -> ``sam bopha``,
    ``eventStatus`` -> ``event status``."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name)
    return re.sub(r"[-_]+", " ", spaced).strip().lower() or name
