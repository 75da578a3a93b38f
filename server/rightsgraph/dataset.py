"""Which files make the published dataset, and into which named graph each goes.

The ontology (and its alignments) and the controlled vocabularies are plain
Turtle, each loaded into a named graph of its own. A source document's facts are
TriG files under ``data/<document>/`` that name their graphs themselves (one
graph for what the document says, one for what curators inferred from it), so
adding a document is adding a folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from .namespaces import ONTOLOGY_GRAPH, VOCABULARIES_GRAPH

#: Where ``ontology/``, ``data/`` and ``shapes/`` are found: ``RIGHTSGRAPH_HOME`` when set (a
#: checkout, or a copy of its three folders), else the copy installed with the package. In a
#: checkout ``graph/`` holds symlinks to the top-level folders, so an editable install reads
#: the files being edited and a wheel carries its own copy.
ROOT = Path(os.environ.get("RIGHTSGRAPH_HOME") or Path(__file__).resolve().parent / "graph")
ONTOLOGY_DIR = ROOT / "ontology"
DATA_DIR = ROOT / "data"
SHAPES_DIR = ROOT / "shapes"


@dataclass(frozen=True)
class DatasetFile:
    """One RDF file of the dataset: Turtle with the graph it goes into, or TriG (graph None)."""

    path: Path
    graph: str | None

    @property
    def media_type(self) -> str:
        return "application/trig" if self.path.suffix == ".trig" else "text/turtle"


def dataset_files() -> list[DatasetFile]:
    """All files of the published dataset, in a stable order."""
    files = [DatasetFile(p, ONTOLOGY_GRAPH) for p in sorted(ONTOLOGY_DIR.glob("*.ttl"))]
    files += [
        DatasetFile(p, VOCABULARIES_GRAPH)
        for p in sorted((DATA_DIR / "vocabularies").glob("*.ttl"))
    ]
    files += [DatasetFile(p, None) for p in sorted(DATA_DIR.glob("*/*.trig"))]
    return files


def shape_files() -> list[Path]:
    """The SHACL shapes, every Turtle file under shapes/."""
    return sorted(SHAPES_DIR.glob("*.ttl"))
