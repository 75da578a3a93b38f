"""The package as a wheel: built from the checkout, installed elsewhere, it serves its own copy of the graph."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COUNT_QUADS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"


def run(*command: str, cwd: Path) -> str:
    # Without PYTHONPATH: a path set for a checkout would put its package before the wheel's.
    env = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "RIGHTSGRAPH_HOME")}
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, env=env)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_wheel_installed_outside_the_checkout_answers_from_its_packaged_graph(tmp_path):
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"),
        str(ROOT), cwd=tmp_path)
    [wheel] = (tmp_path / "dist").glob("rightsgraph-*.whl")
    # The dependencies come from this interpreter's site-packages; the venv's own copy of
    # rightsgraph comes first on its path, before the checkout's editable install.
    venv.create(tmp_path / "venv", system_site_packages=True, with_pip=False)
    python = str(tmp_path / "venv" / "bin" / "python")
    run(sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "-q", str(wheel), cwd=tmp_path)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    where = run(python, "-c", "import rightsgraph.dataset as d; print(d.ROOT)", cwd=elsewhere).strip()
    assert where.startswith(str(tmp_path / "venv")) and not where.startswith(str(ROOT))
    installed = run(python, "-m", "rightsgraph", "query", COUNT_QUADS, "--accept", "text/csv", cwd=elsewhere)
    checkout = run(sys.executable, "-m", "rightsgraph", "query", COUNT_QUADS, "--accept", "text/csv", cwd=ROOT)
    assert installed == checkout and int(installed.split()[1]) > 1000
