"""Check every quote against the source file it cites.

The graph carries each quote twice over (file offsets and normalised offsets), and
the SHACL shapes check them inside the graph against the document's ``hr:fullText``.
This check goes one step further and reads the file on disk, so a graph whose copy
of the text drifted from the shipped file is caught too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph

from ..dataset import DATA_DIR

QUOTES = """
PREFIX hr: <https://w3id.org/rightsgraph/ontology/>
SELECT ?quote ?file ?text ?rawStart ?rawEnd ?normStart ?normEnd WHERE {
  ?quote a hr:Quote ; hr:inDocument ?doc ; hr:exactText ?text ;
         hr:rawStart ?rawStart ; hr:rawEnd ?rawEnd ;
         hr:normalizedStart ?normStart ; hr:normalizedEnd ?normEnd .
  ?doc hr:fileName ?file .
}
"""


def normalise(text: str) -> str:
    """The normalisation rule of the data: white space runs to one space, ends trimmed."""
    return re.sub(r"\s+", " ", text).strip()


def normalised_span(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the file span ``text[start:end]`` lies in ``normalise(text)``."""
    normal_start = len(re.sub(r"\s+", " ", text[:start]).lstrip())
    return normal_start, normal_start + len(normalise(text[start:end]))


@dataclass(frozen=True)
class QuoteProblem:
    quote: str
    problem: str


def verify_quotes(store: pyoxigraph.Store) -> tuple[int, list[QuoteProblem]]:
    """How many quotes were checked, and every one that is not verbatim at its offsets."""
    texts: dict[str, str] = {}
    problems: list[QuoteProblem] = []
    checked = 0
    for row in store.query(QUOTES, use_default_graph_as_union=True):
        checked += 1
        quote, file_name, text = row["quote"].value, row["file"].value, row["text"].value
        path = DATA_DIR / file_name
        if file_name not in texts:
            if not path.is_file() or path.parent != DATA_DIR:
                problems.append(QuoteProblem(quote, f"source file {file_name!r} is not in data/"))
                continue
            texts[file_name] = path.read_text(encoding="utf-8")
        raw = texts[file_name]
        raw_start, raw_end = int(row["rawStart"].value), int(row["rawEnd"].value)
        norm_start, norm_end = int(row["normStart"].value), int(row["normEnd"].value)
        if normalise(raw[raw_start:raw_end]) != text:
            problems.append(QuoteProblem(quote, f"the file holds {raw[raw_start:raw_end]!r} at {raw_start}–{raw_end}, not the quote"))
        if normalise(raw)[norm_start:norm_end] != text:
            problems.append(QuoteProblem(quote, f"the normalised text does not hold the quote at {norm_start}–{norm_end}"))
    return checked, problems
