"""The record of every act on the archive, in PROV-O, in a graph of its own (``graph/provenance``).

A submission is a ``prov:Activity`` (typed ``rgarchive:Submission``): who did it
(``prov:wasAssociatedWith`` an agent named for the token, or the operator at the command
line), when (``prov:startedAtTime``/``prov:endedAtTime``), from which files
(``prov:used``, each with its name and SHA-256), under which shapes (``prov:used`` the
shapes, with the package version and the SHA-256 of the shape files), and what it made
(``prov:generated`` the submission's named graph). A withdrawal is another activity that
``prov:invalidated`` that graph. The graph only grows: withdrawing removes the
submission's data, never the record of either act. The terms are PROV-O's and Dublin
Core's; the two activity classes are the archive's own, under ``id/archive/``, so the
ontology the statement is checked against is not touched.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from importlib import metadata

from pyoxigraph import Literal, NamedNode, Quad, Triple

from ..dataset import shape_files
from ..namespaces import BASE, DCTERMS, GRAPH, ID, PROV, RDF, RDFS, XSD

RDF_TYPE = NamedNode(RDF + "type")
RDFS_LABEL = NamedNode(RDFS + "label")
ARCHIVE = ID + "archive/"
PROVENANCE_GRAPH = NamedNode(GRAPH + "provenance")
SUBMISSION_CLASS = NamedNode(ARCHIVE + "Submission")
WITHDRAWAL_CLASS = NamedNode(ARCHIVE + "Withdrawal")


def graph_of(submission_id: str) -> NamedNode:
    return NamedNode(f"{GRAPH}submission/{submission_id}")


def activity_of(submission_id: str) -> NamedNode:
    return NamedNode(f"{ARCHIVE}submission/{submission_id}")


def agent(name: str) -> NamedNode:
    return NamedNode(f"{ARCHIVE}agent/{hashlib.sha256(name.encode()).hexdigest()[:16]}")


def shapes_fingerprint() -> tuple[str, str]:
    """(package version, SHA-256 over the shape files in order): the shapes a gate ran under."""
    digest = hashlib.sha256()
    for path in shape_files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return metadata.version("rightsgraph"), digest.hexdigest()


def _p(term: str) -> NamedNode:
    return NamedNode(PROV + term)


def _time(value: str) -> Literal:
    return Literal(value, datatype=NamedNode(XSD + "dateTime"))


def _act(activity: NamedNode, kind: NamedNode, label: str, who: str, started: str, ended: str) -> list[Triple]:
    """What every act of the archive records: what it was, who did it (by token name), and when."""
    person = agent(who)
    return [
        Triple(activity, RDF_TYPE, _p("Activity")), Triple(activity, RDF_TYPE, kind),
        Triple(activity, RDFS_LABEL, Literal(label)),
        Triple(activity, _p("wasAssociatedWith"), person), Triple(person, RDF_TYPE, _p("Agent")),
        Triple(person, RDFS_LABEL, Literal(who)),
        Triple(activity, _p("startedAtTime"), _time(started)), Triple(activity, _p("endedAtTime"), _time(ended)),
    ]


def _in_provenance_graph(triples: list[Triple]) -> list[Quad]:
    return [Quad(t.subject, t.predicate, t.object, PROVENANCE_GRAPH) for t in triples]


@dataclass(frozen=True)
class SubmittedFile:
    name: str
    sha256: str
    size: int


def submission_quads(submission_id: str, who: str, started: str, ended: str,
                     files: list[SubmittedFile], triples: int) -> list[Quad]:
    """The provenance of one submission, as quads of the provenance graph."""
    activity, graph = activity_of(submission_id), graph_of(submission_id)
    version, shapes_hash = shapes_fingerprint()
    shapes = NamedNode(f"{ARCHIVE}shapes/{shapes_hash}")
    out = _act(activity, SUBMISSION_CLASS, f"submission {submission_id}", who, started, ended) + [
        Triple(activity, _p("generated"), graph), Triple(graph, RDF_TYPE, _p("Entity")),
        Triple(graph, _p("wasGeneratedBy"), activity),
        Triple(graph, NamedNode(DCTERMS + "extent"), Literal(f"{triples} triples")),
        Triple(activity, _p("used"), shapes), Triple(shapes, RDF_TYPE, _p("Entity")),
        Triple(shapes, RDFS_LABEL, Literal(f"rightsgraph {version} shapes")),
        Triple(shapes, NamedNode(DCTERMS + "hasVersion"), Literal(version)),
        Triple(shapes, NamedNode(BASE + "ontology/sha256"), Literal(shapes_hash)),
    ]
    for number, item in enumerate(files):
        entity = NamedNode(f"{ARCHIVE}submission/{submission_id}/file/{number}")
        out += [Triple(activity, _p("used"), entity), Triple(entity, RDF_TYPE, _p("Entity")),
                Triple(entity, RDFS_LABEL, Literal(item.name)),
                Triple(entity, NamedNode(BASE + "ontology/sha256"), Literal(item.sha256)),
                Triple(entity, NamedNode(DCTERMS + "extent"), Literal(f"{item.size} bytes")),
                Triple(graph, _p("wasDerivedFrom"), entity)]
    return _in_provenance_graph(out)


def withdrawal_quads(submission_id: str, who: str, at: str, reason: str) -> list[Quad]:
    activity = NamedNode(f"{ARCHIVE}withdrawal/{submission_id}")
    out = _act(activity, WITHDRAWAL_CLASS, f"withdrawal of submission {submission_id}", who, at, at) + [
        Triple(activity, _p("invalidated"), graph_of(submission_id)),
        Triple(graph_of(submission_id), _p("invalidatedAtTime"), _time(at)),
    ]
    if reason:
        out.append(Triple(activity, NamedNode(DCTERMS + "description"), Literal(reason)))
    return _in_provenance_graph(out)


HISTORY = f"""SELECT ?id ?kind ?who ?at ?graph WHERE {{
  GRAPH <{PROVENANCE_GRAPH.value}> {{
    ?act a ?kind ; <{PROV}wasAssociatedWith>/<{RDFS_LABEL.value}> ?who ; <{PROV}startedAtTime> ?at .
    {{ ?act <{PROV}generated> ?graph }} UNION {{ ?act <{PROV}invalidated> ?graph }}
    FILTER(?kind IN (<{SUBMISSION_CLASS.value}>, <{WITHDRAWAL_CLASS.value}>))
    BIND(STRAFTER(STR(?graph), "{GRAPH}submission/") AS ?id)
  }}
}} ORDER BY ?at ?kind"""


@dataclass(frozen=True)
class Act:
    id: str
    kind: str  # "submission" or "withdrawal"
    who: str
    at: str
    graph: str


def history(results) -> list[Act]:
    """The acts, oldest first, from the solutions of :data:`HISTORY`."""
    return [Act(id=row["id"].value, kind="submission" if row["kind"] == SUBMISSION_CLASS else "withdrawal",
                who=row["who"].value, at=row["at"].value, graph=row["graph"].value) for row in results]
