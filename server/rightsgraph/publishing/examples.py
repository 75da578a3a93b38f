"""Example queries for the home page and the query editor: the competency questions
(``data/queries/*.rq``) first, then a few starter queries shipped with the server.
Each file's leading comment lines are the question in words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..checks.competency import questions

STARTERS = Path(__file__).resolve().parent / "starter-queries"


@dataclass(frozen=True)
class Example:
    name: str
    question: str
    query: str
    competency: bool


def _question(path: Path) -> str:
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("# ").rstrip())
    return " ".join(lines).strip() or path.stem


def examples() -> list[Example]:
    found = [Example(q.name, q.text or q.name, q.query, True) for q in questions()]
    found += [
        Example(path.stem, _question(path), path.read_text(encoding="utf-8"), False)
        for path in sorted(STARTERS.glob("*.rq"))
    ]
    return found
