"""What every record is checked against: the ontology, the vocabularies and the published sources.

The ontology gives the class hierarchy and ranges, the vocabularies the concepts a
record may use; both are what :func:`loading.reference_graph` reads. The
*published source documents* (each ``data/<document>/record.trig``, without its claims)
are added so that a case record may cite the project's own sources by identifier and
have its quotes checked against their full text, as the project's claims are. Findings
are only reported on resources the submission itself describes (see engine.py), so the
published record's own warnings (it prints no reference code) never reach an archivist.

Loaded once per process and kept (the files do not change while it runs).
"""

from __future__ import annotations

import functools
import re

from pyoxigraph import NamedNode, RdfFormat, Triple, parse
from rdflib.namespace import RDFS, SKOS

from ..dataset import DATA_DIR, dataset_files
from ..namespaces import ID, ONTOLOGY, ONTOLOGY_GRAPH, VOCAB, VOCABULARIES_GRAPH
from .template import Vocabulary, slug

FULL_TEXT = ONTOLOGY + "fullText"


@functools.lru_cache(maxsize=1)
def reference_triples() -> tuple[Triple, ...]:
    """Ontology, vocabularies and the published documents' descriptions, as pyoxigraph triples."""
    triples: list[Triple] = []
    for item in dataset_files():
        if item.graph in (ONTOLOGY_GRAPH, VOCABULARIES_GRAPH):
            triples += [quad.triple for quad in parse(path=item.path, format=RdfFormat.TURTLE)]
    for path in sorted(DATA_DIR.glob("*/record.trig")):
        triples += [quad.triple for quad in parse(path=path, format=RdfFormat.TRIG)
                    if not quad.subject.value.startswith(ID + "claim/")]
    return tuple(triples)


@functools.lru_cache(maxsize=1)
def _lookups() -> tuple[dict[str, str], dict[str, dict[str, str]], dict[str, str]]:
    """Acts by label and name, concepts by scheme, and full texts by document IRI."""
    subclass: dict[str, set[str]] = {}
    labels: dict[str, list[str]] = {}
    schemes: dict[str, str] = {}
    texts: dict[str, str] = {}
    for triple in reference_triples():
        s, p, o = triple.subject.value, triple.predicate.value, triple.object
        if p == str(RDFS.subClassOf) and isinstance(o, NamedNode):
            subclass.setdefault(o.value, set()).add(s)
        elif p in (str(RDFS.label), str(SKOS.prefLabel)):
            labels.setdefault(s, []).append(o.value)
        elif p == str(SKOS.inScheme):
            schemes[s] = o.value
        elif p == FULL_TEXT:
            texts[s] = o.value
    acts: dict[str, str] = {}
    stack = [ONTOLOGY + "Event"]
    while stack:
        cls = stack.pop()
        acts[cls.removeprefix(ONTOLOGY).lower()] = cls
        acts[slug(re.sub(r"(?<!^)(?=[A-Z])", " ", cls.removeprefix(ONTOLOGY)))] = cls
        acts.update({label.lower(): cls for label in labels.get(cls, [])})
        stack += sorted(subclass.get(cls, ()))
    concepts: dict[str, dict[str, str]] = {}
    for concept, scheme in schemes.items():
        names = concepts.setdefault(scheme.removeprefix(VOCAB), {})
        names[concept.rsplit("/", 1)[-1]] = concept
        names.update({label.lower(): concept for label in labels.get(concept, [])})
    return acts, concepts, texts


def vocabulary(extra_texts: dict[str, str] | None = None) -> Vocabulary:
    """The names the CSV template is read with; ``extra_texts`` adds documents validated alongside."""
    acts, concepts, texts = _lookups()
    known = {**texts, **(extra_texts or {})}
    return Vocabulary(acts=acts, concepts=concepts, full_text=known.get)


def full_texts(triples) -> dict[str, str]:
    """The full text of every document the given triples describe."""
    return {t.subject.value: t.object.value for t in triples if t.predicate.value == FULL_TEXT}
