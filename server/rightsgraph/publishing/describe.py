"""What a page or a data document says about a resource, read from the graph.

``rdf_description`` is the linked-data answer: the resource's own triples, the
triples that point to it, the claims that support it (with their quotes), the
resources under its IRI's fragments (the quotes of a document) and its blank
nodes. The ``*_page`` functions gather the same facts for a person to read:
labels instead of IRIs, values grouped by property, facts only the curators
inferred marked as such.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from pyoxigraph import BlankNode, Literal, NamedNode, Triple

from ..namespaces import RDF, RDFS, SKOS, XSD
from . import graph, graphs
from .dates import codes_in_words, edtf_in_words, iso_date_in_words
from .graph import HR, INVERSE_WORDS, Labels, iri, select, sentence
from .iris import href

#: Literal values shown in words: booleans, dates; EDTF codes by the property that holds them.
BOOLEAN_WORDS = {"true": "yes", "false": "no", "1": "yes", "0": "no"}
EDTF_PROPERTIES = {HR + "edtf"}
#: Literals that may be written as a claim's slots ("Sam Bopha died —"): read as sentences.
SENTENCES = {RDFS + "label", SKOS + "prefLabel", HR + "paraphrase"}

INFERENCES_SUFFIX = "-inferences"


def exists(value: str) -> bool:
    """Whether the graph mentions ``value`` as subject, object or graph name."""
    x = iri(value)
    return graph.ask(
        f"ASK {{ {{ {x} ?p ?o }} UNION {{ ?s ?p {x} }} UNION {{ GRAPH {x} {{ ?a ?b ?c }} }} }}"
    )


def rdf_description(value: str, *, max_rows: int) -> tuple[list[Triple], bool]:
    """The triples that describe ``value`` (see the module docstring), at most ``max_rows``;
    a named graph is described as a dataset too (:mod:`.graphs`)."""
    x = iri(value)
    fragment = value.split("#")[0] + "#"
    triples, truncated = graph.construct(
        f"""CONSTRUCT {{ {x} ?p ?o . ?s ?q {x} . ?c ?cp ?co . ?e ?ep ?eo . ?h ?hp ?ho . ?b ?bp ?bo . ?gs ?gp ?go . ?w ?wp ?wo }}
        WHERE {{
          {{ {x} ?p ?o }}
          UNION {{ ?s ?q {x} }}
          UNION {{ ?c hr:supports {x} ; ?cp ?co }}
          UNION {{ ?c hr:supports {x} ; hr:evidence ?e . ?e ?ep ?eo }}
          UNION {{ {x} hr:evidence ?w . ?w ?wp ?wo }}
          UNION {{ ?h ?hp ?ho FILTER(STRSTARTS(STR(?h), {Literal(fragment)})) }}
          UNION {{ {x} ?bq ?b FILTER(isBLANK(?b)) ?b ?bp ?bo }}
          UNION {{ GRAPH {x} {{ ?gs ?gp ?go }} }}
        }}""",
        max_rows=max_rows,
    )
    return graphs.about_graph(value) + triples, truncated


@dataclass
class Value:
    """One object (or subject) as a page shows it."""

    text: str
    href: str | None = None
    lang: str = ""
    inferred: bool = False
    iri: str = ""


@dataclass
class Property:
    iri: str
    label: str
    values: list[Value] = field(default_factory=list)


class Page:
    """Shared helpers for building a page: labels and value rendering over one base."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.labels = Labels()

    def value(self, term, inferred: bool = False, predicate: str = "") -> Value:
        """``term`` as a reader sees it: a label for an IRI, words for a literal (``predicate``
        says whether a plain string is an EDTF code)."""
        if isinstance(term, NamedNode):
            return Value(self.labels(term.value), href(term.value, self.base), inferred=inferred, iri=term.value)
        if isinstance(term, Literal):
            return Value(literal_in_words(term, predicate), lang=term.language or "", inferred=inferred)
        if isinstance(term, BlankNode):
            return Value("(an unnamed node)", inferred=inferred)
        return Value(str(term), inferred=inferred)

    def fetch_labels(self, rows, *names: str) -> None:
        self.labels.fetch(
            row[name].value for row in rows for name in names if isinstance(row.get(name), NamedNode)
        )


def literal_in_words(term: Literal, predicate: str = "") -> str:
    """A literal's value in words: no datatype, no EDTF code, booleans as yes or no."""
    datatype = term.datatype.value if term.datatype is not None else ""
    if datatype == XSD + "boolean":
        return BOOLEAN_WORDS.get(term.value, term.value)
    if datatype in (XSD + "date", XSD + "dateTime"):
        return iso_date_in_words(term.value[:10])
    if predicate in EDTF_PROPERTIES:
        return edtf_in_words(term.value)
    return sentence(term.value) if predicate in SENTENCES else codes_in_words(term.value)


def _inferred(graphs: set[str]) -> bool:
    return bool(graphs) and all(g.endswith(INFERENCES_SUFFIX) for g in graphs)


ORDER = {RDF + "type": 0, RDFS + "label": 1, SKOS + "prefLabel": 1}


def properties(page: Page, value: str, *, skip: tuple[str, ...] = ()) -> tuple[list[Property], bool]:
    """The resource's own triples grouped by predicate, each value marked when only inferred."""
    rows = select(f"SELECT ?p ?o ?g WHERE {{ GRAPH ?g {{ {iri(value)} ?p ?o }} }}")
    page.fetch_labels(rows, "p", "o")
    graphs: dict[tuple, set[str]] = defaultdict(set)
    for row in rows:
        if row["p"].value not in skip:
            graphs[(row["p"], row["o"])].add(row["g"].value)
    grouped: dict[str, Property] = {}
    for (p, o), where in graphs.items():
        prop = grouped.setdefault(p.value, Property(p.value, page.labels(p.value)))
        prop.values.append(page.value(o, _inferred(where), p.value))
    for prop in grouped.values():
        prop.values.sort(key=lambda v: v.text.lower())
    ordered = sorted(grouped.values(), key=lambda p: (ORDER.get(p.iri, 2), p.label.lower()))
    return ordered, rows.truncated


def as_properties(page: Page, triples: list[Triple]) -> list[Property]:
    """Triples about one subject as a page's property list, by predicate."""
    page.labels.fetch(t.predicate.value for t in triples)
    page.labels.fetch(t.object.value for t in triples if isinstance(t.object, NamedNode))
    grouped: dict[str, Property] = {}
    for t in triples:
        prop = grouped.setdefault(t.predicate.value, Property(t.predicate.value, page.labels(t.predicate.value)))
        prop.values.append(page.value(t.object, predicate=t.predicate.value))
    return sorted(grouped.values(), key=lambda p: (ORDER.get(p.iri, 2), p.label.lower()))


def incoming(page: Page, value: str) -> tuple[list[Property], bool]:
    """What points to the resource, grouped by predicate read backwards (``hr:inverseLabel``:
    "victim in", "has father-in-law"); claims' hr:supports are shown apart."""
    rows = select(
        f"""SELECT DISTINCT ?s ?p ?inverse WHERE {{ ?s ?p {iri(value)} FILTER(?p != hr:supports)
          OPTIONAL {{ ?p hr:inverseLabel ?inverse FILTER(LANGMATCHES(LANG(?inverse), "en")) }} }} ORDER BY ?p ?s"""
    )
    page.fetch_labels(rows, "s", "p")
    grouped: dict[str, Property] = {}
    for row in rows:
        p = row["p"].value
        label = row["inverse"].value if "inverse" in row else inverse_words(page, p)
        grouped.setdefault(p, Property(p, label)).values.append(page.value(row["s"]))
    for prop in grouped.values():
        prop.values.sort(key=lambda v: v.text.lower())
    return sorted(grouped.values(), key=lambda p: p.label.lower()), rows.truncated


def inverse_words(page: Page, predicate: str) -> str:
    """A property read backwards when the ontology gives no ``hr:inverseLabel``: "is … of"."""
    return INVERSE_WORDS.get(predicate) or f"is {page.labels(predicate)} of"


def types(value: str) -> set[str]:
    return {row["t"].value for row in select(f"SELECT ?t WHERE {{ {iri(value)} a ?t }}")}


CLAIM = HR + "Claim"
#: A claim's content, which its page tells as a sentence rather than as three properties.
CLAIM_CONTENT = (HR + "claimSubject", HR + "claimPredicate", HR + "claimObject")
SOURCE_DOCUMENT = HR + "SourceDocument"
