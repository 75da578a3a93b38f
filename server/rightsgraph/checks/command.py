"""``rightsgraph check``: is the knowledge graph sound? One pass over every guarantee.

Steps, each timed: load the dataset (rdflib for SHACL and OWL, pyoxigraph for
queries); reason with HermiT over ontology plus data (consistency, unsatisfiable
classes); validate with the SHACL shapes; verify every quote against the source file;
check that every content triple of a document graph is named by a claim
(provenance); answer the competency questions. Anything that must hold and fails makes
the exit status non-zero; SHACL warnings are reported, not failed. ``--only`` and
``--skip`` choose steps by name (HermiT takes the longest); loading always runs.
The files read are those of ``rightsgraph.dataset.ROOT`` (``RIGHTSGRAPH_HOME``).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import click

from ..loading import load_rdflib_dataset, load_store, union_graph
from . import competency, provenance, quotes, reasoning, validation


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


#: The steps after loading, by the names ``--only`` and ``--skip`` take.
STEP_NAMES = ("reasoning", "shacl", "quotes", "provenance", "questions")


def run_checks(selected: tuple[str, ...] = STEP_NAMES) -> list[Step]:
    """Load the dataset, run the ``selected`` steps and return their outcomes, in order."""
    loaded: dict = {}

    def load():
        loaded["store"] = load_store()
        if {"reasoning", "shacl"} & set(selected):
            loaded["dataset"] = load_rdflib_dataset(loaded["store"])
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

    def named():
        outcome = provenance.check_provenance(loaded["store"])
        details = [f"named by no claim: {' '.join(row)}" for row in outcome.unnamed]
        details += [f"reported content stated as a plain triple ({row[0]}): {' '.join(row[1:])}" for row in outcome.reported_as_fact]
        details += [f"event status not dated (hr:statusAsOf): {row[1]}" for row in outcome.status_without_as_of]
        summary = (
            f"{outcome.content_triples} content triples in document graphs, {len(outcome.unnamed)} named by no claim, "
            f"{len(outcome.reported_as_fact)} reported contents stated as fact, "
            f"{len(outcome.status_without_as_of)} event statuses not dated"
        )
        return outcome.ok, summary, details

    def questions():
        answers = competency.check_all(loaded["store"])
        failed = [a for a in answers if not a.passed]
        ok = bool(answers) and not failed
        return ok, f"{len(answers) - len(failed)}/{len(answers)} answered as expected", [f"{a.question.name}: {a.detail}" for a in failed]

    work_by_name = {
        "reasoning": ("reasoning (HermiT)", reason),
        "shacl": ("SHACL", shacl),
        "quotes": ("quotes", verify),
        "provenance": ("provenance", named),
        "questions": ("competency questions", questions),
    }
    steps = [_timed("load", load)]
    for key in STEP_NAMES:
        if key in selected:
            steps.append(_timed(*work_by_name[key]))
    return steps


@click.command("check")
@click.option("--verbose", "-v", is_flag=True, help="List every SHACL result, not only failures.")
@click.option("--only", "only", multiple=True, type=click.Choice(STEP_NAMES),
              help="Run only this step (repeatable); loading always runs.")
@click.option("--skip", "skip", multiple=True, type=click.Choice(STEP_NAMES),
              help="Leave this step out (repeatable).")
def check_command(verbose: bool, only: tuple[str, ...], skip: tuple[str, ...]) -> None:
    """Check the graph: HermiT, SHACL, quotes against the source, per-triple provenance, competency questions."""
    if only and skip:
        raise click.UsageError("give --only or --skip, not both")
    selected = tuple(name for name in STEP_NAMES if (name in only if only else name not in skip))
    started = time.perf_counter()
    try:
        steps = run_checks(selected)
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
