"""The ontology's own terms, so a misspelt class or property is reported instead of passing unchecked.

A typo'd class (``hr:DeathInCustdy``) is still an IRI: no shape targets it, so the
event it types would never be checked, and a typo'd property is never read by any
shape. Every predicate and every ``rdf:type`` in the ontology's namespace must be a
term the ontology defines; one that is not gets "no such class", with the closest
terms the ontology has.
"""

from __future__ import annotations

import difflib
import functools

from ..namespaces import ONTOLOGY, RDF
from .reference import reference_triples

RDF_TYPE = RDF + "type"


@functools.lru_cache(maxsize=1)
def ontology_terms() -> frozenset[str]:
    """Every IRI of the ontology's namespace the reference describes."""
    return frozenset(t.subject.value for t in reference_triples() if t.subject.value.startswith(ONTOLOGY))


def prefixed(iri: str) -> str:
    if iri == RDF_TYPE:
        return "rdf:type"
    return "hr:" + iri.removeprefix(ONTOLOGY) if iri.startswith(ONTOLOGY) else iri


def unknown_term(iri: str, kind: str) -> str | None:
    """The message for a term of the ontology's namespace the ontology lacks (``kind``: class or property)."""
    if not iri.startswith(ONTOLOGY) or iri in ontology_terms():
        return None
    local = iri.removeprefix(ONTOLOGY)
    wanted_upper = kind == "class"
    candidates = [t.removeprefix(ONTOLOGY) for t in ontology_terms()]
    candidates = [c for c in candidates if c[:1].isupper() == wanted_upper] or candidates
    close = difflib.get_close_matches(local, candidates, n=3, cutoff=0.6)
    close = close or difflib.get_close_matches(local.lower(), candidates, n=3, cutoff=0.6)
    hint = f" Did you mean {' or '.join('hr:' + c for c in close)}?" if close else \
        " Use a term of the ontology (ontology/), or remove the statement."
    return f"No such {kind} in the ontology: {prefixed(iri)}, so nothing about it is checked.{hint}"
