"""One write at a time through the gate: submit and withdraw, whoever asks (the server or the command line).

:class:`Archive` is the only way anything is written. A write takes the archive's lock
(one at a time, so two submissions of the same record are judged one after the other and
the second sees the first as held); at most ``write_queue`` more wait for it, and none
longer than ``write_wait`` seconds (503 beyond either). A submission runs the gate
(gate.py) under ``submit_timeout``; a violation refuses it whole with the report
``validate`` gives, a claim or source document already held refuses it with 409, and
what passes is committed with its provenance in one step (stores.py). After every
write ``on_write`` runs: the app moves its workers to the new state, empties the answer
cache and forgets what its pages computed from the old one.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Callable, Iterator

from ..errors import BadRequest, Conflict, ServerBusy, SubmissionRefused
from ..records.report import Report
from .gate import Verdict, document_item, gate_bounded, run_gate
from .provenance import SubmittedFile, graph_of, submission_quads, withdrawal_quads


def timestamp() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def new_id() -> str:
    """A submission's identifier: when (UTC, to the second) and six random hex digits."""
    return datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(3)


@dataclass(frozen=True)
class Accepted:
    id: str
    graph: str
    report: Report
    triples: int


class Archive:
    """The gate and the store behind it, one write at a time."""

    def __init__(self, store, *, max_bytes: int, timeout: float, queue: int, wait: float,
                 on_write: Callable[[], None] = lambda: None, bounded: bool = True) -> None:
        self.store, self.max_bytes, self.timeout, self.wait = store, max_bytes, timeout, wait
        self.on_write, self.bounded = on_write, bounded
        self._lock = threading.Lock()
        self._admitted = threading.BoundedSemaphore(queue + 1)

    @contextmanager
    def _turn(self) -> Iterator[None]:
        if not self.store.writable:
            raise self.store.refuse()
        if not self._admitted.acquire(blocking=False):
            raise ServerBusy("Other writes are waiting already; try again in a minute.")
        try:
            if not self._lock.acquire(timeout=self.wait):
                raise ServerBusy(f"Another write held the archive for {self.wait:g} s; try again.")
            try:
                yield
            finally:
                self._lock.release()
        finally:
            self._admitted.release()

    def _gate(self, items, profile: str) -> Verdict:
        if self.bounded:
            return gate_bounded(items, self.store.held(), profile=profile, max_bytes=self.max_bytes,
                                timeout=self.timeout)
        return run_gate(items, self.store.held(), profile=profile, max_bytes=self.max_bytes)

    def submit(self, files: list[tuple[str, bytes, str]], who: str, *, document: tuple[str, bytes] | None = None,
               profile: str = "repository") -> Accepted:
        """Gate ``files`` (and a new source ``document``'s text) and commit them as one new graph.

        Raises SubmissionRefused (with the report), Conflict, ServerBusy and the reading errors of records/.
        """
        items = list(files) + ([document_item(*document)] if document else [])
        originals = list(files) + ([(document[0], document[1], "text/plain")] if document else [])
        with self._turn():
            started = timestamp()
            verdict = self._gate(items, profile)
            if verdict.conflicts:
                raise Conflict("The archive already holds " + ", ".join(f"<{iri}>" for iri in verdict.conflicts[:5])
                               + ("…" if len(verdict.conflicts) > 5 else "")
                               + ": withdraw that submission first, or give the new records their own identifiers.")
            if not verdict.conforms:
                raise SubmissionRefused(f"The submission was refused: {verdict.report.summary}", verdict.report)
            submission_id = new_id()
            triples = verdict.ntriples.count(b"\n")
            provenance = submission_quads(
                submission_id, who, started, timestamp(),
                [SubmittedFile(name, hashlib.sha256(data).hexdigest(), len(data)) for name, data, _ in originals],
                triples)
            self.store.commit(submission_id, verdict.ntriples, provenance)
            self.on_write()
        return Accepted(submission_id, graph_of(submission_id).value, verdict.report, triples)

    def withdraw(self, submission_id: str, who: str, reason: str = "") -> None:
        """Remove a submission's graph, recording who withdrew it and why; Conflict if there is none to withdraw."""
        if not re.fullmatch(r"[0-9A-Za-z-]{1,64}", submission_id):
            raise BadRequest(f"{submission_id[:80]!r} is not a submission identifier (such as 20261206T031500Z-a1b2c3).")
        with self._turn():
            self.store.withdraw(submission_id, withdrawal_quads(submission_id, who, timestamp(), reason))
            self.on_write()

    def history(self):
        return self.store.history()
