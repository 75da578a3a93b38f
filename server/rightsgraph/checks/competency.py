"""Run the competency questions: SPARQL queries with the answers the graph must give.

Each question is ``data/queries/<nn>-<slug>.rq``; its first comment lines state the
question in words. Beside it, ``<nn>-<slug>.expected.json`` holds the expected answer:
``{"ordered": bool, "rows": [{"variable": "lexical value", ...}, ...]}`` for SELECT, or
``{"boolean": true}`` for ASK. Values compare by their lexical form (IRIs as IRIs,
literals without datatype), so the expected files stay readable. Rows compare as a
list when ``ordered`` (the query's ORDER BY is part of the answer), else as a multiset.
The questions run on pyoxigraph, the engine the endpoint uses.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph

from ..dataset import DATA_DIR

QUERIES_DIR = DATA_DIR / "queries"


@dataclass(frozen=True)
class Question:
    path: Path

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def text(self) -> str:
        """The question in words: the query's leading comment lines."""
        lines = []
        for line in self.path.read_text(encoding="utf-8").splitlines():
            if not line.startswith("#"):
                break
            lines.append(line.lstrip("# ").rstrip())
        return " ".join(lines).strip()

    @property
    def query(self) -> str:
        return self.path.read_text(encoding="utf-8")

    @property
    def expected(self) -> dict:
        return json.loads(self.path.with_suffix(".expected.json").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Answer:
    question: Question
    passed: bool
    detail: str = ""


def questions() -> list[Question]:
    """Every competency question, in file order."""
    return [Question(p) for p in sorted(QUERIES_DIR.glob("*.rq"))]


def run_question(store: pyoxigraph.Store, question: Question) -> object:
    """The answer as plain data: a boolean for ASK, a list of {variable: lexical value}."""
    result = store.query(question.query, use_default_graph_as_union=True)
    if isinstance(result, pyoxigraph.QueryBoolean):
        return bool(result)
    names = [v.value for v in result.variables]
    return [{n: row[n].value for n in names if row[n] is not None} for row in result]


def _freeze(row: dict) -> tuple:
    return tuple(sorted(row.items()))


def check_question(store: pyoxigraph.Store, question: Question) -> Answer:
    """Run one question and compare with its expected answer."""
    expected = question.expected
    actual = run_question(store, question)
    if "boolean" in expected:
        ok = actual == expected["boolean"]
        return Answer(question, ok, "" if ok else f"expected {expected['boolean']}, got {actual}")
    rows = expected["rows"]
    if expected.get("ordered"):
        ok = actual == rows
    else:
        ok = Counter(map(_freeze, actual)) == Counter(map(_freeze, rows))
    if ok:
        return Answer(question, True)
    missing = [r for r in rows if r not in actual]
    extra = [r for r in actual if r not in rows]
    return Answer(question, False, f"missing {missing[:3]}; unexpected {extra[:3]}" if (missing or extra) else "rows out of order")


def check_all(store: pyoxigraph.Store) -> list[Answer]:
    return [check_question(store, q) for q in questions()]
