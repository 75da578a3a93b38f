"""Check the ontology and data for logical consistency with HermiT (through owlready2).

HermiT accepts only the datatypes of OWL 2's datatype map, and refuses the graph
outright when it meets ``xsd:date``, ``xsd:gYearMonth`` or ``xsd:duration``, which the
data needs for dates as printed. Dropping those triples would hide clashes they take
part in (two values of a functional property), so instead each such literal is
rewritten to an ``xsd:string`` that keeps its datatype in its lexical form
(``"2019-10-30^^http://www.w3.org/2001/XMLSchema#date"``), and every range or
restriction naming such a datatype is rewritten to ``xsd:string`` too. The mapping is
one-to-one, so equal values stay equal and different ones stay different: every
clash of identity, cardinality, disjointness or class membership HermiT could find
in the original it finds in the rewrite. What is lost is checking that a lexical form
is valid for its datatype; the SHACL shapes check that (``sh:datatype``).
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import XSD

# OWL 2's datatype map (OWL 2 Structural Specification, section 4), plus rdf:langString.
OWL2_DATATYPES = {
    str(XSD[name])
    for name in (
        "decimal integer nonNegativeInteger nonPositiveInteger positiveInteger negativeInteger "
        "long int short byte unsignedLong unsignedInt unsignedShort unsignedByte double float "
        "string normalizedString token language Name NCName NMTOKEN boolean hexBinary "
        "base64Binary anyURI dateTime dateTimeStamp"
    ).split()
} | {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#PlainLiteral",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#XMLLiteral",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
    "http://www.w3.org/2002/07/owl#real",
    "http://www.w3.org/2002/07/owl#rational",
}


class JavaMissing(RuntimeError):
    """HermiT runs on Java, and no ``java`` executable is on the PATH."""


@dataclass
class ReasoningOutcome:
    """What HermiT found: consistency, unsatisfiable classes, how many literals were rewritten."""

    consistent: bool
    unsatisfiable_classes: list[str] = field(default_factory=list)
    rewritten_literals: int = 0
    message: str = ""
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.consistent and not self.unsatisfiable_classes


def _is_foreign_datatype(node: rdflib.term.Node) -> bool:
    return isinstance(node, rdflib.URIRef) and str(node).startswith(str(XSD)) and str(node) not in OWL2_DATATYPES


def owl2_compatible(graph: rdflib.Graph) -> tuple[rdflib.Graph, int]:
    """A copy of ``graph`` HermiT accepts, and how many literals were rewritten (see module doc)."""
    out = rdflib.Graph()
    rewritten = 0
    for s, p, o in graph:
        if isinstance(o, rdflib.Literal) and o.datatype is not None and str(o.datatype) not in OWL2_DATATYPES:
            o = rdflib.Literal(f"{o}^^{o.datatype}", datatype=XSD.string)
            rewritten += 1
        elif _is_foreign_datatype(o):
            o = XSD.string
        out.add((s, p, o))
    return out, rewritten


def run_hermit(graph: rdflib.Graph) -> ReasoningOutcome:
    """Run HermiT over ``graph`` (ontology plus data) and report what it found."""
    if shutil.which("java") is None:
        raise JavaMissing(
            "HermiT needs Java (version 8 or later) and no 'java' is on the PATH: "
            "install a JRE (on Debian: apt-get install default-jre-headless) and run again."
        )
    import owlready2  # imported here: it starts a quadstore at import, needed only for reasoning

    started = time.perf_counter()
    compatible, rewritten = owl2_compatible(graph)
    with tempfile.TemporaryDirectory() as workdir:
        path = Path(workdir) / "graph.nt"
        compatible.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            ontology = world.get_ontology(path.as_uri()).load()
            with ontology:
                owlready2.sync_reasoner_hermit(world, infer_property_values=False, debug=0)
            unsatisfiable = sorted(
                cls.iri for cls in world.inconsistent_classes() if cls is not owlready2.Nothing
            )
        except owlready2.OwlReadyInconsistentOntologyError:
            return ReasoningOutcome(
                False, [], rewritten, "HermiT found ontology plus data inconsistent",
                time.perf_counter() - started,
            )
        finally:
            world.close()
    return ReasoningOutcome(True, unsatisfiable, rewritten, "", time.perf_counter() - started)
