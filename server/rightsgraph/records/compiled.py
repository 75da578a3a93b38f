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
from ..shacl import english_first, render_path

Progress = Callable[[int, int], None]

#: The SHACL terms a shape may use that this engine understands; any other sh: term means Unsupported.
DESCRIPTIVE = {SH.name, SH.description, SH.message, SH.order, SH.group, SH.severity, SH.deactivated,
               SH.declare, SH.prefixes}
TARGETS = {SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target}
#: sh:flags is read with sh:pattern; the core constraints themselves are the keys of CHECKS.
STRUCTURE = {SH.path, SH.property, SH.sparql, SH.flags}


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
        roots = {shape for predicate in TARGETS for shape in shapes.subjects(predicate, None)}
        self.roots = [self.shape(node) for node in sorted(roots, key=str)
                      if not self._deactivated(node)]

    def _prefixes(self) -> str:
        declared: dict[str, str] = {}
        for declaration in self.graph.objects(None, SH.declare):
            prefix = str(self.graph.value(declaration, SH.prefix))
            namespace = str(self.graph.value(declaration, SH.namespace))
            if declared.setdefault(prefix, namespace) != namespace:
                raise Unsupported(f"prefix {prefix} declared with two namespaces")
        return "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in sorted(declared.items()))

    def _deactivated(self, node) -> bool:
        return self.graph.value(node, SH.deactivated) == rdflib.Literal(True)

    def shape(self, node) -> Shape:
        if node in self._cache:
            return self._cache[node]
        graph = self.graph
        for predicate in set(graph.predicates(node, None)):
            if str(predicate).startswith(str(SH)) and predicate not in DESCRIPTIVE | TARGETS | CHECKS.keys() | STRUCTURE:
                raise Unsupported(f"{predicate} on {node}")
        if (None, SH.property, node) in graph and (node, SH.property, None) in graph:
            raise Unsupported(f"nested property shapes on {node}")
        if {rdflib.RDFS.Class, rdflib.OWL.Class} & set(graph.objects(node, RDF.type)):
            raise Unsupported(f"implicit class target of {node}")
        path = graph.value(node, SH.path)
        shape = Shape(node=node, path=path, path_sparql=None if path is None else self._path(path),
                      severity=graph.value(node, SH.severity) or SH.Violation,
                      message=english_first(graph.objects(node, SH.message)) or None)
        self._cache[node] = shape
        shape.target = self._target(node)
        for predicate in CHECKS:
            for value in graph.objects(node, predicate):
                shape.constraints.append((predicate, self._parameter(node, predicate, value)))
        for constraint in graph.objects(node, SH.sparql):
            shape.sparql.append(self._sparql(constraint, shape))
        shape.properties = [self.shape(member) for member in sorted(graph.objects(node, SH.property), key=str)
                            if not self._deactivated(member)]
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
        if isinstance(path, rdflib.URIRef):
            return f"<{path}>"
        text = render_path(self.graph, path)
        repeats = (SH.zeroOrMorePath, SH.zeroOrOnePath, SH.oneOrMorePath)
        if any(self.graph.value(path, repeat) is not None for repeat in repeats):
            raise Unsupported(f"path {text}")
        return text

    def _target(self, node) -> str | None:
        graph, parts = self.graph, []
        for cls in graph.objects(node, SH.targetClass):
            parts.append(f"?this <{RDF.type}>/<{rdflib.RDFS.subClassOf}>* <{cls}> .")
        for predicate in graph.objects(node, SH.targetSubjectsOf):
            parts.append(f"?this <{predicate}> ?target_object .")
        for predicate in graph.objects(node, SH.targetObjectsOf):
            parts.append(f"?target_subject <{predicate}> ?this .")
        for target_node in graph.objects(node, SH.targetNode):
            parts.append(f"VALUES ?this {{ {_sparql_term(target_node)} }}")
        for target in graph.objects(node, SH.target):
            select = graph.value(target, SH.select)
            if select is None or set(graph.predicates(target, None)) - {RDF.type, SH.select, SH.prefixes}:
                raise Unsupported(f"target {target}")
            parts.append("{ " + _variables(str(select)) + " }")
        if not parts:
            return None
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join("{ " + part + " }" for part in parts) + " } }"

    def _sparql(self, constraint, shape: Shape) -> tuple[str, str | None]:
        graph = self.graph
        select = graph.value(constraint, SH.select)
        allowed = {RDF.type, SH.select, SH.prefixes, SH.message, SH.deactivated}
        if select is None or set(graph.predicates(constraint, None)) - allowed:
            raise Unsupported(f"SPARQL constraint {constraint}")
        text = str(select)
        if shape.path_sparql is not None:
            text = text.replace("$PATH", shape.path_sparql)
        if re.search(r"\$(?!this\b)\w+", text):
            raise Unsupported(f"pre-bound variables other than $this in {constraint}")
        return _variables(text), english_first(graph.objects(constraint, SH.message)) or None


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
            values = {node: [node] for node in focus}
        else:
            pairs = self.pairs(shape.path_sparql)
            values = {node: pairs.get(node, []) for node in focus}
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
            pattern = "VALUES ?this { " + " ".join(str(node) for node in focus if isinstance(node, NamedNode)) + " }"
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
                text = re.sub(r"\{[?$](\w+)\}", lambda slot: bindings[slot.group(1)].value
                              if slot.group(1) in bindings else slot.group(0), text)
            found.append(Finding(this, path, bindings.get("value"), shape, SH.SPARQLConstraintComponent, text))
        return found

    def failing(self, shape: Shape, nodes: Iterable) -> set:
        """The nodes that do not conform to ``shape`` (any finding counts, as for sh:node)."""
        nodes = set(nodes)
        return {finding.focus for finding in self.evaluate(shape, nodes, None)} if nodes else set()


#: (focus node, value node) pairs that fail a constraint; the value is None for a constraint on the
#: focus node's values as a whole (a count, a value that must be among them).
Failures = Iterable[tuple[object, object | None]]
#: What a constraint component checks: the run, the shape's parameter, each focus node's values.
Check = Callable[["Run", object, dict], Failures]


def check(run: Run, shape: Shape, component, parameter, values: dict) -> list[Finding]:
    """The findings of one core constraint over every focus node's value nodes."""
    name = component.removeprefix(str(SH))
    kind = SH[name[0].upper() + name[1:] + "ConstraintComponent"]
    return [Finding(focus, shape.path, value, shape, kind, shape.message)
            for focus, value in CHECKS[component](run, parameter, values)]


def _counted(too_few_or_many: Callable[[int, int], bool]) -> Check:
    def failures(run: Run, parameter, values: dict) -> Failures:
        return ((focus, None) for focus, nodes in values.items() if too_few_or_many(len(nodes), int(parameter)))
    return failures


def _has_value(run: Run, parameter, values: dict) -> Failures:
    wanted = _ox(parameter)
    return ((focus, None) for focus, nodes in values.items() if wanted not in nodes)


def _unique_lang(run: Run, parameter, values: dict) -> Failures:
    if parameter != rdflib.Literal(True):
        return
    for focus, nodes in values.items():
        languages = [node.language.lower() for node in nodes if isinstance(node, Literal) and node.language]
        for language in sorted(set(languages)):
            if languages.count(language) > 1:
                yield focus, None


def _conforming(run: Run, parameter, values: dict) -> Failures:
    """sh:node (one shape) and sh:or (a list of them): values that conform to none."""
    members = parameter if isinstance(parameter, list) else [parameter]
    bad = {node for nodes in values.values() for node in nodes}
    for member in members:
        bad &= run.failing(member, bad)
    return ((focus, node) for focus, nodes in values.items() for node in nodes if node in bad)


def _ordered_before(strict: bool) -> Check:
    def failures(run: Run, parameter, values: dict) -> Failures:
        others = run.pairs(parameter)
        for focus, nodes in values.items():
            for node in nodes:
                for other in others.get(focus, []):
                    if not _ordered(node, other, strict):
                        yield focus, node
    return failures


def _each_value(test_for: Callable[["Run", object], Callable[[object], bool]]) -> Check:
    """A constraint that looks at each value alone: ``test_for(run, parameter)`` says which pass."""
    def failures(run: Run, parameter, values: dict) -> Failures:
        test = test_for(run, parameter)
        return ((focus, node) for focus, nodes in values.items() for node in nodes if not test(node))
    return failures


def _datatype(run: Run, parameter) -> Callable[[object], bool]:
    def typed(node) -> bool:
        if not isinstance(node, Literal) or node.datatype.value != str(parameter):
            return False
        return node.language is not None or not _ill_typed(node.value, node.datatype.value)
    return typed


def _in_range(compare: Callable[[object, object], bool]) -> Callable[["Run", object], Callable[[object], bool]]:
    def test_for(run: Run, parameter) -> Callable[[object], bool]:
        def within(node) -> bool:
            if not isinstance(node, Literal):
                return False
            try:
                return bool(compare(to_rdflib(node).toPython(), parameter.toPython()))
            except TypeError:
                return False
        return within
    return test_for


def _node_kind(run: Run, parameter) -> Callable[[object], bool]:
    kinds = {SH.IRI: (NamedNode,), SH.Literal: (Literal,), SH.BlankNode: (BlankNode,),
             SH.BlankNodeOrIRI: (BlankNode, NamedNode), SH.BlankNodeOrLiteral: (BlankNode, Literal),
             SH.IRIOrLiteral: (NamedNode, Literal)}[parameter]
    return lambda node: isinstance(node, kinds)


def _instance_of(run: Run, parameter) -> Callable[[object], bool]:
    members = run.instances(parameter)
    return lambda node: node in members


#: Every core constraint this engine checks, and how: the one dispatch over constraint kinds (any
#: other sh: term in a shape is Unsupported, and the shapes go to pyshacl).
CHECKS: dict[rdflib.URIRef, Check] = {
    SH.minCount: _counted(lambda count, bound: count < bound),
    SH.maxCount: _counted(lambda count, bound: count > bound),
    SH.hasValue: _has_value,
    SH.uniqueLang: _unique_lang,
    SH.node: _conforming,
    SH["or"]: _conforming,
    SH.lessThan: _ordered_before(strict=True),
    SH.lessThanOrEquals: _ordered_before(strict=False),
    SH.datatype: _each_value(_datatype),
    SH.pattern: _each_value(lambda run, pattern: lambda node: not isinstance(node, BlankNode)
                            and pattern.search(node.value) is not None),
    SH.minLength: _each_value(lambda run, bound: lambda node: not isinstance(node, BlankNode)
                              and len(node.value) >= int(bound)),
    SH.maxLength: _each_value(lambda run, bound: lambda node: not isinstance(node, BlankNode)
                              and len(node.value) <= int(bound)),
    SH["in"]: _each_value(lambda run, members: lambda node: node in members),
    SH["class"]: _each_value(_instance_of),
    SH.nodeKind: _each_value(_node_kind),
    SH.minInclusive: _each_value(_in_range(lambda value, bound: value >= bound)),
    SH.maxInclusive: _each_value(_in_range(lambda value, bound: value <= bound)),
    SH.minExclusive: _each_value(_in_range(lambda value, bound: value > bound)),
    SH.maxExclusive: _each_value(_in_range(lambda value, bound: value < bound)),
}


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
