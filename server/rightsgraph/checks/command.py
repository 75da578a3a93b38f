"""``rightsgraph check``: is the knowledge graph sound? One pass over every guarantee.

Steps, each timed: load the dataset (rdflib for SHACL and OWL, pyoxigraph for
queries); reason with HermiT over ontology plus data (consistency, unsatisfiable
classes); validate with the SHACL shapes; verify every quote against the source file;
answer the competency questions. Anything that must hold and fails makes the exit
status non-zero; SHACL warnings are reported, not failed.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import click

from ..loading import load_rdflib_dataset, load_store, union_graph
from . import competency, quotes, reasoning, validation


@dataclass
class Step:
    name: str
    ok: bool
    summary: str
    seconds: float
    details: list[str] = field(default_factory=list)


def _timed(name: str, work: Callable[[], tuple[bool, str, list[str]]]) -> Step:
    started = time.perf_counter()
    ok, summary, details = work()
    return Step(name, ok, summary, time.perf_counter() - started, details)


def run_checks() -> list[Step]:
    """Run every step and return their outcomes, in order."""
    loaded: dict = {}

    def load():
        loaded["dataset"] = load_rdflib_dataset()
        loaded["store"] = load_store()
        return True, f"{len(loaded['store'])} quads", []

    def reason():
        outcome = reasoning.run_hermit(union_graph(loaded["dataset"]))
        details = [f"unsatisfiable: {iri}" for iri in outcome.unsatisfiable_classes]
        if not outcome.consistent:
            details.append(outcome.message)
        summary = (
            ("consistent" if outcome.consistent else "INCONSISTENT")
            + f", {len(outcome.unsatisfiable_classes)} unsatisfiable classes"
            + f" ({outcome.rewritten_literals} date/duration literals passed as tagged strings)"
        )
        return outcome.ok, summary, details

    def shacl():
        outcome = validation.validate_dataset(loaded["dataset"])
        details = [f"{r.severity}: {r.focus} {r.path or ''}: {r.message}" for r in outcome.results]
        return outcome.violations == 0, f"{outcome.violations} violations, {outcome.warnings} warnings", details

    def verify():
        checked, problems = quotes.verify_quotes(loaded["store"])
        ok = checked > 0 and not problems
        return ok, f"{checked} quotes checked, {len(problems)} not verbatim", [f"{p.quote}: {p.problem}" for p in problems]

    def questions():
        answers = competency.check_all(loaded["store"])
        failed = [a for a in answers if not a.passed]
        ok = bool(answers) and not failed
        return ok, f"{len(answers) - len(failed)}/{len(answers)} answered as expected", [f"{a.question.name}: {a.detail}" for a in failed]

    steps = [_timed("load", load)]
    for name, work in (("reasoning (HermiT)", reason), ("SHACL", shacl), ("quotes", verify), ("competency questions", questions)):
        steps.append(_timed(name, work))
    return steps


@click.command("check")
@click.option("--verbose", "-v", is_flag=True, help="List every SHACL result, not only failures.")
def check_command(verbose: bool) -> None:
    """Check the graph: HermiT, SHACL, quotes against the source, competency questions."""
    started = time.perf_counter()
    try:
        steps = run_checks()
    except reasoning.JavaMissing as error:
        raise click.ClickException(str(error)) from None
    for step in steps:
        mark = "ok  " if step.ok else "FAIL"
        click.echo(f"{mark} {step.name:<22} {step.seconds:6.2f} s  {step.summary}")
        shown = step.details if (verbose or not step.ok) else []
        for line in shown:
            click.echo(f"       {line}")
    failed = [s.name for s in steps if not s.ok]
    total = time.perf_counter() - started
    if failed:
        click.echo(f"FAILED: {', '.join(failed)} ({total:.2f} s)")
        raise SystemExit(1)
    click.echo(f"all checks passed ({total:.2f} s)")
