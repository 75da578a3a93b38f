"""SHACL validation compiled to whole-graph queries on pyoxigraph: the same findings as pyshacl, much sooner.

pyshacl checks one focus node at a time and runs every SPARQL constraint once per
focus node on rdflib (about 89% of its time on the project's shapes). Here each shape
is compiled once and answered for all focus nodes together:

- **Targets** (``sh:targetClass`` through ``rdfs:subClassOf*`` in the data graph, as
  pyshacl does; ``sh:targetSubjectsOf``/``ObjectsOf``, ``sh:targetNode``, SPARQL
  targets) become one query each.
- **SPARQL constraints** run once over the whole graph, with the shape's targets
  joined in front of the constraint's own pattern: that is what pre-binding ``$this``
  means, for all focus nodes at once. ``$PATH`` is replaced by the path in SPARQL
  syntax, prefixes come from ``sh:prefixes``.
- **Core constraints** (counts, datatypes, patterns, values, pairs, ``sh:node``,
  ``sh:or`` ...) read each path's (subject, value) pairs with one query and are
  checked in Python with rdflib's literal semantics (well-formedness, comparison).

The data graph is the store's union graph as a *set* of triples, as pyshacl's is: a
triple held in two named graphs is one value, never two (each path's pairs are
DISTINCT; record validation also loads every file into one graph, see reading.py).
Identical results (same focus, path, value, shape and message) are reported once.
:class:`Unsupported` is raised at compile time for any SHACL feature this module does
not implement; :func:`validate` then falls back to plain pyshacl, so a user's own
shapes are never checked wrongly, only more slowly. The tests and the benchmark
compare both engines' findings on the project's shapes.
"""

from __future__ import annotations

import functools
import re
import warnings
from dataclasses import dataclass, field
from typing import Callable, Iterable

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, Store
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from ..loading import to_rdflib
from ..shacl import render_path

Progress = Callable[[int, int], None]

#: The SHACL terms a shape may use that this engine understands; any other sh: term means Unsupported.
DESCRIPTIVE = {SH.name, SH.description, SH.message, SH.order, SH.group, SH.severity, SH.deactivated,
               SH.declare, SH.prefixes}
TARGETS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target}
CORE = {SH.minCount, SH.maxCount, SH.datatype, SH.pattern, SH.flags, SH.minLength, SH.maxLength, SH.nodeKind,
        SH.hasValue, SH["in"], SH["class"], SH.node, SH["or"], SH.minInclusive, SH.maxInclusive,
        SH.minExclusive, SH.maxExclusive, SH.lessThan, SH.lessThanOrEquals, SH.uniqueLang}
STRUCTURE = {SH.path, SH.property, SH.sparql}


class Unsupported(Exception):
    """The shapes use a SHACL feature this engine does not implement."""


@dataclass
class Shape:
    node: rdflib.term.Node
    path: rdflib.term.Node | None
    path_sparql: str | None
    severity: rdflib.URIRef
    message: str | None
    constraints: list[tuple[rdflib.URIRef, object]] = field(default_factory=list)
    sparql: list[tuple[str, str | None]] = field(default_factory=list)  # (query, message)
    properties: list["Shape"] = field(default_factory=list)
    target: str | None = None  # a SPARQL group pattern binding ?this


@dataclass(frozen=True)
class Finding:
    focus: object
    path: object
    value: object
    shape: "Shape"
    component: rdflib.URIRef
    message: str | None


class CompiledShapes:
    """A shapes graph compiled for whole-graph evaluation; raises Unsupported for what it cannot compile."""

    def __init__(self, shapes: rdflib.Graph) -> None:
        self.graph = shapes
        self.prefixes = self._prefixes()
        self._cache: dict[rdflib.term.Node, Shape] = {}
        roots = {s for p in TARGETS for s in shapes.subjects(p, None)}
        self.roots = [self.shape(node) for node in sorted(roots, key=str)
                      if not self._deactivated(node)]

    def _prefixes(self) -> str:
        declared: dict[str, str] = {}
        for declaration in self.graph.objects(None, SH.declare):
            prefix = str(self.graph.value(declaration, SH.prefix))
            namespace = str(self.graph.value(declaration, SH.namespace))
            if declared.setdefault(prefix, namespace) != namespace:
                raise Unsupported(f"prefix {prefix} declared with two namespaces")
        return "".join(f"PREFIX {p}: <{n}>\n" for p, n in sorted(declared.items()))

    def _deactivated(self, node) -> bool:
        return self.graph.value(node, SH.deactivated) == rdflib.Literal(True)

    def shape(self, node) -> Shape:
        if node in self._cache:
            return self._cache[node]
        g = self.graph
        for predicate in set(g.predicates(node, None)):
            if str(predicate).startswith(str(SH)) and predicate not in DESCRIPTIVE | TARGETS | CORE | STRUCTURE:
                raise Unsupported(f"{predicate} on {node}")
        if (None, SH.property, node) in g and (node, SH.property, None) in g:
            raise Unsupported(f"nested property shapes on {node}")
        if {rdflib.RDFS.Class, rdflib.OWL.Class} & set(g.objects(node, RDF.type)):
            raise Unsupported(f"implicit class target of {node}")
        path = g.value(node, SH.path)
        messages = sorted(g.objects(node, SH.message), key=lambda m: (getattr(m, "language", None) != "en", str(m)))
        shape = Shape(node=node, path=path, path_sparql=None if path is None else self._path(path),
                      severity=g.value(node, SH.severity) or SH.Violation,
                      message=str(messages[0]) if messages else None)
        self._cache[node] = shape
        shape.target = self._target(node)
        for predicate in CORE - {SH.flags}:
            for value in g.objects(node, predicate):
                shape.constraints.append((predicate, self._parameter(node, predicate, value)))
        for constraint in g.objects(node, SH.sparql):
            shape.sparql.append(self._sparql(constraint, shape))
        shape.properties = [self.shape(p) for p in sorted(g.objects(node, SH.property), key=str)
                            if not self._deactivated(p)]
        return shape

    def _parameter(self, node, predicate, value):
        if predicate in (SH.node,):
            return self.shape(value)
        if predicate == SH["or"]:
            return [self.shape(member) for member in Collection(self.graph, value)]
        if predicate == SH["in"]:
            return {_ox(member) for member in Collection(self.graph, value)}
        if predicate == SH.pattern:
            flags = str(self.graph.value(node, SH.flags) or "")
            return re.compile(str(value), (re.IGNORECASE if "i" in flags else 0) | (re.MULTILINE if "m" in flags else 0)
                              | (re.DOTALL if "s" in flags else 0) | (re.VERBOSE if "x" in flags else 0))
        if predicate in (SH.lessThan, SH.lessThanOrEquals):
            return self._path(value)
        return value

    def _path(self, path) -> str:
        g = self.graph
        if isinstance(path, rdflib.URIRef):
            return f"<{path}>"
        text = render_path(g, path)
        if any(g.value(path, p) is not None for p in (SH.zeroOrMorePath, SH.zeroOrOnePath, SH.oneOrMorePath)):
            raise Unsupported(f"path {text}")
        return text

    def _target(self, node) -> str | None:
        g, parts = self.graph, []
        for cls in g.objects(node, SH.targetClass):
            parts.append(f"?this <{RDF.type}>/<{rdflib.RDFS.subClassOf}>* <{cls}> .")
        for p in g.objects(node, SH.targetSubjectsOf):
            parts.append(f"?this <{p}> ?target_object .")
        for p in g.objects(node, SH.targetObjectsOf):
            parts.append(f"?target_subject <{p}> ?this .")
        for n in g.objects(node, SH.targetNode):
            parts.append(f"VALUES ?this {{ {_sparql_term(n)} }}")
        for target in g.objects(node, SH.target):
            select = g.value(target, SH.select)
            if select is None or set(g.predicates(target, None)) - {RDF.type, SH.select, SH.prefixes}:
                raise Unsupported(f"target {target}")
            parts.append("{ " + _variables(str(select)) + " }")
        if not parts:
            return None
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join("{ " + p + " }" for p in parts) + " } }"

    def _sparql(self, constraint, shape: Shape) -> tuple[str, str | None]:
        g = self.graph
        select = g.value(constraint, SH.select)
        if select is None or set(g.predicates(constraint, None)) - {RDF.type, SH.select, SH.prefixes, SH.message,
                                                                   SH.deactivated}:
            raise Unsupported(f"SPARQL constraint {constraint}")
        text = str(select)
        if shape.path_sparql is not None:
            text = text.replace("$PATH", shape.path_sparql)
        if re.search(r"\$(?!this\b)\w+", text):
            raise Unsupported(f"pre-bound variables other than $this in {constraint}")
        messages = sorted(g.objects(constraint, SH.message), key=lambda m: (getattr(m, "language", None) != "en", str(m)))
        return _variables(text), str(messages[0]) if messages else None


def _variables(text: str) -> str:
    return text.replace("$this", "?this")


def _sparql_term(node) -> str:
    return f"<{node}>" if isinstance(node, rdflib.URIRef) else node.n3()


def _ox(node):
    """The pyoxigraph term of an rdflib term (for comparing shape parameters with data)."""
    if isinstance(node, rdflib.URIRef):
        return NamedNode(str(node))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return Literal(str(node), language=node.language)
        return Literal(str(node), datatype=NamedNode(str(node.datatype or XSD.string)))
    return BlankNode(str(node))


def _inject(query: str, pattern: str) -> str:
    """``pattern`` joined in front of the query's WHERE group: the focus nodes pre-bound, all at once."""
    where = re.search(r"\bWHERE\s*\{", query, re.IGNORECASE) or re.search(r"\{", query)
    return query[: where.end()] + "\n" + pattern + "\n" + query[where.end():]


class Run:
    """One validation of one store: caches each path's pairs and each class's instances."""

    def __init__(self, compiled: CompiledShapes, store: Store) -> None:
        self.compiled, self.store = compiled, store
        self._pairs: dict[str, dict] = {}
        self._instances: dict[str, set] = {}

    def query(self, text: str):
        return self.store.query(self.compiled.prefixes + text, use_default_graph_as_union=True)

    def focus(self, shape: Shape) -> set:
        return {row["this"] for row in self.query(f"SELECT DISTINCT ?this WHERE {{ {shape.target} }}")}

    def pairs(self, path: str) -> dict:
        if path not in self._pairs:
            found: dict = {}
            for row in self.query(f"SELECT DISTINCT ?s ?o WHERE {{ ?s {path} ?o }}"):
                found.setdefault(row["s"], []).append(row["o"])
            self._pairs[path] = found
        return self._pairs[path]

    def instances(self, cls) -> set:
        key = str(cls)
        if key not in self._instances:
            self._instances[key] = {row["this"] for row in self.query(
                f"SELECT DISTINCT ?this WHERE {{ ?this <{RDF.type}>/<{rdflib.RDFS.subClassOf}>* <{cls}> }}")}
        return self._instances[key]

    def evaluate(self, shape: Shape, focus: set, pattern: str | None) -> list[Finding]:
        """The findings of ``shape`` on ``focus``; ``pattern`` binds ?this to the same nodes inside SPARQL."""
        if shape.path is None:
            values = {f: [f] for f in focus}
        else:
            pairs = self.pairs(shape.path_sparql)
            values = {f: pairs.get(f, []) for f in focus}
        found = []
        for component, parameter in shape.constraints:
            found += check(self, shape, component, parameter, values)
        for query, message in shape.sparql:
            found += self._sparql(shape, query, message or shape.message, pattern, focus)
        for prop in shape.properties:
            found += self.evaluate(prop, focus, pattern)
        return found

    def _sparql(self, shape: Shape, query: str, message, pattern, focus) -> list[Finding]:
        if pattern is None:
            pattern = "VALUES ?this { " + " ".join(str(f) for f in focus if isinstance(f, NamedNode)) + " }"
        found = []
        solutions = self.query(_inject(query, pattern))
        names = [variable.value for variable in solutions.variables]
        for row in solutions:
            this = row["this"]
            if this not in focus:
                continue
            bindings = {name: row[name] for name in names if row[name] is not None}
            path = shape.path if shape.path is not None else bindings.get("path")
            text = message
            if text:
                text = re.sub(r"\{[?$](\w+)\}", lambda m: bindings[m.group(1)].value if m.group(1) in bindings
                              else m.group(0), text)
            found.append(Finding(this, path, bindings.get("value"), shape, SH.SPARQLConstraintComponent, text))
        return found

    def failing(self, shape: Shape, nodes: Iterable) -> set:
        """The nodes that do not conform to ``shape`` (any finding counts, as for sh:node)."""
        nodes = set(nodes)
        return {finding.focus for finding in self.evaluate(shape, nodes, None)} if nodes else set()


def check(run: Run, shape: Shape, component, parameter, values: dict) -> list[Finding]:
    """The findings of one core constraint over every focus node's value nodes."""
    name = component.removeprefix(str(SH))
    kind = SH[name[0].upper() + name[1:] + "ConstraintComponent"]
    out = []

    def fail(focus, value=None):
        out.append(Finding(focus, shape.path, value, shape, kind, shape.message))

    if component == SH.minCount:
        [fail(f) for f, vs in values.items() if len(vs) < int(parameter)]
    elif component == SH.maxCount:
        [fail(f) for f, vs in values.items() if len(vs) > int(parameter)]
    elif component == SH.hasValue:
        target = _ox(parameter)
        [fail(f) for f, vs in values.items() if target not in vs]
    elif component == SH.uniqueLang:
        if parameter == rdflib.Literal(True):
            for f, vs in values.items():
                langs = [v.language.lower() for v in vs if isinstance(v, Literal) and v.language]
                [fail(f) for lang in sorted(set(langs)) if langs.count(lang) > 1]
    elif component in (SH.node, SH["or"]):
        members = [parameter] if component == SH.node else parameter
        candidates = {v for vs in values.values() for v in vs}
        bad = candidates
        for member in members:
            bad = bad & run.failing(member, bad)
        [fail(f, v) for f, vs in values.items() for v in vs if v in bad]
    elif component in (SH.lessThan, SH.lessThanOrEquals):
        others = run.pairs(parameter)
        strict = component == SH.lessThan
        for f, vs in values.items():
            for v in vs:
                for w in others.get(f, []):
                    if not _ordered(v, w, strict):
                        fail(f, v)
    else:
        test = _value_test(run, component, parameter)
        [fail(f, v) for f, vs in values.items() for v in vs if not test(v)]
    return out


def _value_test(run: Run, component, parameter) -> Callable[[object], bool]:
    """A test of one value node for the constraints that look at each value alone."""
    if component == SH.datatype:
        def datatype(v):
            if not isinstance(v, Literal) or v.datatype.value != str(parameter):
                return False
            return v.language is not None or not _ill_typed(v.value, v.datatype.value)
        return datatype
    if component == SH.pattern:
        return lambda v: not isinstance(v, BlankNode) and parameter.search(v.value) is not None
    if component == SH.minLength:
        return lambda v: not isinstance(v, BlankNode) and len(v.value) >= int(parameter)
    if component == SH.maxLength:
        return lambda v: not isinstance(v, BlankNode) and len(v.value) <= int(parameter)
    if component == SH["in"]:
        return lambda v: v in parameter
    if component == SH["class"]:
        members = run.instances(parameter)
        return lambda v: v in members
    if component == SH.nodeKind:
        kinds = {SH.IRI: (NamedNode,), SH.Literal: (Literal,), SH.BlankNode: (BlankNode,),
                 SH.BlankNodeOrIRI: (BlankNode, NamedNode), SH.BlankNodeOrLiteral: (BlankNode, Literal),
                 SH.IRIOrLiteral: (NamedNode, Literal)}[parameter]
        return lambda v: isinstance(v, kinds)
    bound = {SH.minInclusive: lambda a, b: a >= b, SH.maxInclusive: lambda a, b: a <= b,
             SH.minExclusive: lambda a, b: a > b, SH.maxExclusive: lambda a, b: a < b}[component]

    def ranged(v):
        if not isinstance(v, Literal):
            return False
        try:
            return bool(bound(to_rdflib(v).toPython(), parameter.toPython()))
        except TypeError:
            return False
    return ranged


@functools.lru_cache(maxsize=65536)
def _ill_typed(lexical: str, datatype: str) -> bool:
    """Whether rdflib finds the lexical form invalid for its datatype (as pyshacl's sh:datatype does)."""
    return bool(getattr(rdflib.Literal(lexical, datatype=datatype), "ill_typed", False))


def _ordered(v, w, strict: bool) -> bool:
    if not (isinstance(v, Literal) and isinstance(w, Literal)):
        return False
    a, b = to_rdflib(v).toPython(), to_rdflib(w).toPython()
    if isinstance(a, str) != isinstance(b, str):
        return False
    try:
        if isinstance(a, rdflib.Literal) or isinstance(b, rdflib.Literal):
            # An ill-typed literal stays a Literal; rdflib compares it as pyshacl sees it, warning of
            # its own deprecated truth test of NotImplemented, which is not the archivist's to read.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                return bool(a < b if strict else a <= b)
        return bool(a < b if strict else a <= b)
    except TypeError:
        return False


def run_compiled(compiled: CompiledShapes, store: Store, progress: Progress | None = None) -> list[Finding]:
    run, found = Run(compiled, store), []
    for number, shape in enumerate(compiled.roots, start=1):
        focus = run.focus(shape)
        if focus:
            found += run.evaluate(shape, focus, shape.target)
        if progress:
            progress(number, len(compiled.roots))
    return found
