"""Validation of untrusted records in a child process, stopped when it overruns its time.

pyoxigraph's queries and pyshacl cannot be interrupted from another thread, so a
request's validation runs in a process of its own (forked from a forkserver that has
the validator imported) and is killed after ``validate_timeout`` seconds; the server
process never parses or validates what was uploaded, so a hostile file can cost at most
one child. Nothing is written to disk: the files travel through a pipe and are gone
with the child.
"""

from __future__ import annotations

import multiprocessing
from typing import Any, Callable, TypeVar

from ..errors import EndpointError, RecordRefused, ValidationTooLong
from .engine import validate_submission
from .reading import read_records
from .report import Report, build
from .safety import visible
from .shacl_report import report_graph

_CONTEXT = multiprocessing.get_context("forkserver")
T = TypeVar("T")


def validate_bounded(items: list[tuple[str, bytes, str]], *, profile: str, max_bytes: int, timeout: float,
                     rdf_format: str | None = None) -> tuple[Report, str | None]:
    """The report of ``items`` (and the SHACL report serialized as ``rdf_format``, if asked).

    Raises the reading errors of the records (MalformedRecord, RecordRefused, ...) as the
    child raised them, ValidationTooLong after ``timeout`` seconds.
    """
    return run_bounded(
        _validate, items, profile, max_bytes, rdf_format, timeout=timeout,
        stopped=f"Validation was stopped after {timeout:g} s: send fewer records at a time.",
        crashed="Validation of this record stopped unexpectedly (its process ran out of memory or crashed): "
                "send fewer records at a time.",
    )


def _validate(items, profile, max_bytes, rdf_format) -> tuple[Report, str | None]:
    submission = read_records(items, max_bytes=max_bytes)
    outcome = validate_submission(submission, profile=profile)
    graph = report_graph(outcome).serialize(format=rdf_format) if rdf_format else None
    return build(outcome, submission), graph


def run_bounded(work: Callable[..., T], *args: Any, timeout: float, stopped: str, crashed: str) -> T:
    """``work(*args)`` in a child process forked from the validators' forkserver: its result, or the
    EndpointError it raised; ValidationTooLong (``stopped``) after ``timeout`` seconds, RecordRefused
    (``crashed``) when the child died. ``work`` must be a module-level function (it is pickled)."""
    receiver, sender = _CONTEXT.Pipe(duplex=False)
    child = _CONTEXT.Process(target=_child, args=(sender, work, args), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise ValidationTooLong(stopped)
        try:
            kind, payload = receiver.recv()
        except EOFError:
            raise RecordRefused(crashed)
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join(5)
    if kind == "error":
        raise payload
    return payload


def _child(sender, work: Callable[..., Any], args: tuple) -> None:
    try:
        sender.send(("result", work(*args)))
    except EndpointError as error:
        sender.send(("error", error))
    except MemoryError:
        sender.send(("error", RecordRefused("The records are too large to validate in the server's memory: send "
                                            "fewer records at a time.")))
    except Exception as error:  # noqa: BLE001 - the reason in words, never a traceback or a misleading guess
        sender.send(("error", RecordRefused(f"The records could not be validated: {type(error).__name__}: "
                                            f"{visible(str(error))}. Please report this with the file.")))
    finally:
        sender.close()
