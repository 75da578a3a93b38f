"""Read the graph for the pages, through the endpoint's own worker pool.

Pages ask the same engine the SPARQL endpoint answers from (embedded, on-disk
or external store), bounded by the same query timeout: :func:`select` and
:func:`construct` hand a :class:`~rightsgraph.endpoint.engine.Job` to the pool and parse the
serialised answer back into pyoxigraph terms. Errors are the endpoint's
(:class:`~rightsgraph.errors.QueryTimeout`, :class:`~rightsgraph.errors.ServerBusy`...).

:class:`Labels` turns IRIs into words: ``skos:prefLabel``, then ``rdfs:label``,
then a quote's exact text, English or untagged first, else the IRI's local name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from pyoxigraph import (
    Literal,
    NamedNode,
    QueryResultsFormat,
    RdfFormat,
    Triple,
    parse,
    parse_query_results,
)

from ..endpoint import get_pool
from ..endpoint.engine import Job
from ..namespaces import DCTERMS, ONTOLOGY, OWL, RDF, RDFS, SKOS
from .dates import codes_in_words
from .iris import humanise, local_name

HR = ONTOLOGY

#: Words for the few terms of other vocabularies that pages name; the project's own
#: terms are named by the ontology (``rdfs:label``, and ``hr:inverseLabel`` read backwards).
WORDS = {
    RDF + "type": "kind",
    RDFS + "label": "name",
    RDFS + "comment": "comment",
    RDFS + "seeAlso": "see also",
    SKOS + "prefLabel": "name",
    SKOS + "altLabel": "also called",
    SKOS + "editorialNote": "curators' note",
    SKOS + "definition": "meaning",
    SKOS + "scopeNote": "how it is used",
    SKOS + "example": "example",
    SKOS + "notation": "code",
    SKOS + "inScheme": "in the list",
    SKOS + "topConceptOf": "heads the list",
    SKOS + "hasTopConcept": "includes",
    SKOS + "broader": "broader term",
    SKOS + "closeMatch": "close to",
    SKOS + "exactMatch": "same as",
    RDF + "Statement": "statement",
    RDF + "subject": "about",
    RDF + "predicate": "relation",
    RDF + "object": "naming",
    DCTERMS + "license": "licence",
    DCTERMS + "title": "title",
    DCTERMS + "source": "source",
    "http://www.w3.org/ns/prov#wasDerivedFrom": "derived from",
    "http://www.w3.org/ns/prov#wasGeneratedBy": "made by",
    "http://rdfs.org/ns/void#triples": "statements",
    "http://rdfs.org/ns/void#distinctSubjects": "things described",
    "http://rdfs.org/ns/void#inDataset": "part of",
    "http://rdfs.org/ns/void#Dataset": "dataset",
}
INVERSE_WORDS = {
    RDF + "type": "instances",
    RDF + "subject": "statements about it",
    RDF + "object": "statements naming it",
    SKOS + "inScheme": "concepts",
    SKOS + "topConceptOf": "top concepts",
    SKOS + "hasTopConcept": "in the list",
    SKOS + "broader": "narrower terms",
    SKOS + "closeMatch": "close to",
    RDFS + "seeAlso": "referred to by",
}

PREFIXES = f"""PREFIX hr: <{HR}>
PREFIX rdf: <{RDF}>
PREFIX rdfs: <{RDFS}>
PREFIX skos: <{SKOS}>
PREFIX owl: <{OWL}>
"""

#: Most rows a page query reads; pages say so when a list was cut.
PAGE_ROWS = 5000


@dataclass(frozen=True)
class Rows:
    """A SELECT's solutions as dicts of variable -> term (unbound variables absent)."""

    rows: list[dict]
    truncated: bool

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def _run(query: str, accept: str, max_rows: int):
    return get_pool().run(Job(query=PREFIXES + query, accept=accept, max_rows=max_rows))


def select(query: str, *, max_rows: int = PAGE_ROWS) -> Rows:
    """Run a SELECT (prefixes hr, rdf, rdfs, skos, owl given) and return its rows."""
    answer = _run(query, "application/sparql-results+json", max_rows)
    solutions = parse_query_results(answer.body, format=QueryResultsFormat.JSON)
    names = [variable.value for variable in solutions.variables]
    rows = [{name: row[name] for name in names if row[name] is not None} for row in solutions]
    return Rows(rows, answer.truncated)


def ask(query: str) -> bool:
    answer = _run(query, "application/sparql-results+json", 1)
    return bool(parse_query_results(answer.body, format=QueryResultsFormat.JSON))


def construct(query: str, *, max_rows: int = PAGE_ROWS) -> tuple[list[Triple], bool]:
    """Run a CONSTRUCT; returns its triples and whether they were cut at ``max_rows``."""
    answer = _run(query, "application/n-triples", max_rows)
    return list(parse(answer.body, format=RdfFormat.N_TRIPLES)), answer.truncated


def iri(value: str) -> str:
    """An IRI as a SPARQL term (the value is checked by pyoxigraph, so it cannot break out)."""
    return str(NamedNode(value))


def _rank(literal: Literal) -> int:
    return {"en": 0, "": 1}.get((literal.language or "").split("-")[0], 2)


_SLOTS = re.compile(r"^[A-Z]+\d+: .* — ")


def sentence(label: str) -> str:
    """A label written as slots (``I03: Sam Bopha — died — —``) read as a sentence
    (``I03: Sam Bopha died``), its EDTF codes in words; other labels unchanged."""
    if _SLOTS.match(label) or label.endswith(" —"):
        label = " ".join(part.strip() for part in label.split("—") if part.strip())
    return codes_in_words(label)


class Labels:
    """Words for IRIs, fetched in one query per batch and kept for the request."""

    QUERY = """SELECT ?x ?label ?kind WHERE {{
      VALUES ?x {{ {values} }}
      {{ ?x hr:claimId ?id ; hr:paraphrase ?text BIND(CONCAT(?id, ": ", ?text) AS ?label) BIND(-1 AS ?kind) }}
      UNION {{ ?x skos:prefLabel ?label BIND(0 AS ?kind) }}
      UNION {{ ?x rdfs:label ?label BIND(1 AS ?kind) }}
      UNION {{ ?x hr:exactText ?label BIND(2 AS ?kind) }}
    }}"""

    def __init__(self) -> None:
        self.known: dict[str, str] = dict(WORDS)

    def fetch(self, iris: Iterable[str]) -> None:
        wanted = sorted({value for value in iris if value not in self.known})
        for start in range(0, len(wanted), 400):
            batch = wanted[start : start + 400]
            best: dict[str, tuple] = {}
            for row in select(self.QUERY.format(values=" ".join(iri(v) for v in batch))):
                key = (int(row["kind"].value), _rank(row["label"]))
                subject = row["x"].value
                if subject not in best or key < best[subject][0]:
                    best[subject] = (key, row["label"].value)
            unlabelled = [value for value in batch if value not in best]
            best.update(self._statements(unlabelled))
            for value in batch:
                self.known[value] = sentence(best[value][1]) if value in best else humanise(local_name(value))

    STATEMENTS = """SELECT ?x ?id ?s ?p ?o WHERE {{
      VALUES ?x {{ {values} }}
      ?x a rdf:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
      OPTIONAL {{ ?claim hr:namesTriple ?x ; hr:claimId ?id }}
    }}"""

    def _statements(self, values: list[str]) -> dict[str, tuple]:
        """Reified statements (``rdf:Statement``) named in words: "F21 names: Sam Bopha — member — …"."""
        if not values:
            return {}
        rows = select(self.STATEMENTS.format(values=" ".join(iri(v) for v in values)))
        self.fetch(row[name].value for row in rows for name in ("s", "p", "o") if isinstance(row[name], NamedNode))
        named = {}
        for row in rows:
            parts = [self.known[row[n].value] if isinstance(row[n], NamedNode) else row[n].value for n in ("s", "p", "o")]
            who = f"{row['id'].value} names" if "id" in row else "Statement"
            named[row["x"].value] = ((3, 0), f"{who}: {' · '.join(parts)}")
        return named

    def __call__(self, value: str) -> str:
        if value not in self.known:
            self.fetch([value])
        return self.known[value]
