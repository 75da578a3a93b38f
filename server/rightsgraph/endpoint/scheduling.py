"""Who gets a query worker next, and when a long query must give its worker up: pure bookkeeping.

The policy, for ``size`` workers and a ``slice`` of seconds:

- while queries complete, waiters are served in arrival order, so a steady load of
  ordinary queries is never shed and nobody starves;
- once no query has completed and no worker was idle for ``slice`` seconds (slow queries
  hold every worker: the pool is *stuck*), the newest waiter is served first, since it has
  the most time left, and past ``max_waiting`` waiting requests the oldest are let go
  (answered 503: their clients are the likeliest to be gone);
- while someone waits and no worker is free, at most ``size - 1`` workers may hold queries
  that have run ``slice`` seconds or more: the youngest such query beyond that is
  preempted. One worker thus always turns over within about ``slice`` plus a worker's
  start, and without contention a query keeps its full ``timeout``.

:class:`Schedule` knows nothing of processes, threads or clocks: the pool calls it under
its lock with the time, and it answers with workers and tickets. Anything with
``started`` and ``preempted`` attributes is a worker here, so the tests drive it with
plain objects and a made-up clock.
"""

from __future__ import annotations

from typing import Callable, Generic, Protocol, TypeVar


class Schedulable(Protocol):
    started: float
    preempted: bool


W = TypeVar("W", bound=Schedulable)


class Ticket(Generic[W]):
    """A request waiting since ``since``: handed a ``worker``, or ``evicted``; ``wake`` tells it either."""

    def __init__(self, since: float, wake: Callable[[], None] = lambda: None) -> None:
        self.since = since
        self.wake = wake
        self.worker: W | None = None
        self.evicted = False


class Schedule(Generic[W]):
    """The idle and busy workers, the waiting tickets, and the workers being started."""

    def __init__(self, *, size: int, max_waiting: int, slice: float, now: float) -> None:
        self.size = size
        self.max_waiting = max(1, max_waiting)
        self.slice = slice
        self.idle: list[W] = []
        self.busy: set[W] = set()
        self.waiters: list[Ticket[W]] = []
        self.spawning = 0
        self.last_progress = now

    def take_now(self, now: float) -> W | None:
        """An idle worker for a request that finds nobody waiting, else None (it must wait)."""
        if self.idle and not self.waiters:
            self.last_progress = now
            return self._take(self.idle.pop(), now)
        return None

    def wait(self, ticket: Ticket[W]) -> None:
        """Queue ``ticket``; the oldest waiters may be let go if the pool is stuck."""
        self.waiters.append(ticket)
        self.evict(ticket.since)

    def give_up(self, ticket: Ticket[W]) -> None:
        """A waiter whose deadline passed leaves the queue."""
        self.waiters.remove(ticket)

    def stuck(self, now: float) -> bool:
        """No query has completed, and no worker was idle, for ``slice`` seconds: slow queries
        hold every worker. (A pool that was merely idle is not stuck: the first burst after a
        quiet spell must not be shed.)"""
        return now - self.last_progress >= self.slice

    def evict(self, now: float) -> None:
        """Past ``max_waiting`` waiters, let go of the oldest, but only while the pool is
        stuck: a queue of ordinary queries that keep completing is left alone."""
        while len(self.waiters) > self.max_waiting and self.stuck(now):
            ticket = self.waiters.pop(0)
            ticket.evicted = True
            ticket.wake()

    def to_preempt(self, now: float) -> list[W]:
        """The youngest long-running queries beyond ``size - 1`` while waiters lack a worker,
        marked preempted: the pool stops them."""
        wanted = len(self.waiters) - len(self.idle) - self.spawning
        long_running = sorted(
            (worker for worker in self.busy if not worker.preempted and now - worker.started >= self.slice),
            key=lambda worker: worker.started,
        )
        excess = min(wanted, len(long_running) - (self.size - 1))
        chosen = long_running[len(long_running) - excess:] if excess > 0 else []
        for worker in chosen:
            worker.preempted = True
        return chosen

    def release(self, worker: W, now: float) -> None:
        """A worker finished its job: it goes to a waiter (the newest if the pool was stuck)."""
        self.busy.discard(worker)
        stuck = self.stuck(now)
        self.last_progress = now
        self._give(worker, now, newest_first=stuck)

    def retire(self, worker: W) -> None:
        """A worker was stopped (timeout, crash, preemption); its successor is being started."""
        self.busy.discard(worker)
        self.spawning += 1

    def arrive(self, worker: W | None, now: float) -> None:
        """A successor is ready (or failed to start: None). It goes to the newest waiter: a query
        was stopped to make room."""
        self.spawning -= 1
        if worker is not None:
            self._give(worker, now, newest_first=True)

    def _take(self, worker: W, now: float) -> W:
        worker.started, worker.preempted = now, False
        self.busy.add(worker)
        return worker

    def _give(self, worker: W, now: float, *, newest_first: bool) -> None:
        if self.waiters:
            ticket = self.waiters.pop() if newest_first else self.waiters.pop(0)
            ticket.worker = self._take(worker, now)
            ticket.wake()
        else:
            self.idle.append(worker)
