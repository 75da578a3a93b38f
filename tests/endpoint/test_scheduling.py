"""The worker pool's policy on its own: fake workers, a made-up clock, no process anywhere."""

from __future__ import annotations

from dataclasses import dataclass

from rightsgraph.endpoint.scheduling import Schedule, Ticket


@dataclass(eq=False)
class FakeWorker:
    name: str
    started: float = 0.0
    preempted: bool = False


def schedule(size: int = 2, *, max_waiting: int = 2, slice: float = 0.3, now: float = 0.0) -> Schedule:
    plan = Schedule(size=size, max_waiting=max_waiting, slice=slice, now=now)
    plan.idle.extend(FakeWorker(f"w{n}") for n in range(size))
    return plan


def waiting(plan: Schedule, since: float) -> tuple[Ticket, list[str]]:
    woken: list[str] = []
    ticket = Ticket(since, lambda: woken.append("woken"))
    plan.wait(ticket)
    return ticket, woken


def test_idle_worker_taken_at_once_when_nobody_waits():
    plan = schedule()
    worker = plan.take_now(1.0)
    assert worker is not None and worker.started == 1.0 and worker in plan.busy


def test_newcomer_waits_behind_a_waiter_even_with_a_worker_idle():
    plan = schedule()
    plan.waiters.append(Ticket(0.0))
    assert plan.take_now(0.1) is None


def test_freed_worker_goes_to_the_oldest_waiter_while_queries_complete():
    plan = schedule(size=1)
    worker = plan.take_now(0.0)
    first, first_woken = waiting(plan, 0.01)
    second, _ = waiting(plan, 0.02)
    plan.release(worker, 0.1)  # within the slice: the pool is not stuck
    assert first.worker is worker and first_woken == ["woken"]
    assert second.worker is None and plan.waiters == [second]


def test_freed_worker_goes_to_the_newest_waiter_when_the_pool_was_stuck():
    plan = schedule(size=1)
    worker = plan.take_now(0.0)
    first, _ = waiting(plan, 0.01)
    second, _ = waiting(plan, 0.02)
    plan.release(worker, 1.0)  # nothing completed for longer than the slice
    assert second.worker is worker and first.worker is None


def test_oldest_waiters_evicted_past_max_waiting_only_while_stuck():
    plan = schedule(size=1, max_waiting=1)
    plan.take_now(0.0)
    oldest, oldest_woken = waiting(plan, 0.05)
    newer, _ = waiting(plan, 0.1)  # not stuck yet: both keep waiting
    assert plan.waiters == [oldest, newer] and not oldest.evicted
    plan.evict(0.5)
    assert oldest.evicted and oldest_woken == ["woken"] and plan.waiters == [newer]


def test_a_burst_after_an_idle_spell_is_not_shed():
    plan = schedule(size=1, max_waiting=1, now=0.0)
    worker = plan.take_now(5.0)  # taking a worker is progress: an idle pool is not stuck
    tickets = [waiting(plan, 5.0 + n / 100)[0] for n in range(4)]
    assert not any(ticket.evicted for ticket in tickets)
    plan.release(worker, 5.1)
    assert tickets[0].worker is worker


def test_youngest_long_query_beyond_size_minus_one_is_preempted():
    plan = schedule(size=2)
    old = plan.take_now(0.0)
    young = plan.take_now(0.1)
    waiting(plan, 0.2)
    assert plan.to_preempt(0.2) == []  # neither has run a slice yet
    assert plan.to_preempt(0.5) == [young]
    assert young.preempted and not old.preempted
    assert plan.to_preempt(0.6) == []  # once is enough: one worker turns over


def test_nothing_preempted_without_waiters_or_while_a_successor_starts():
    plan = schedule(size=1)
    plan.take_now(0.0)
    assert plan.to_preempt(10.0) == []
    waiting(plan, 9.0)
    plan.spawning = 1
    assert plan.to_preempt(10.0) == []


def test_a_successor_goes_to_the_newest_waiter():
    plan = schedule(size=1)
    worker = plan.take_now(0.0)
    plan.retire(worker)
    assert plan.spawning == 1 and worker not in plan.busy
    first, _ = waiting(plan, 0.1)
    second, _ = waiting(plan, 0.2)
    successor = FakeWorker("successor")
    plan.arrive(successor, 0.3)
    assert plan.spawning == 0 and second.worker is successor and first.worker is None


def test_a_failed_successor_frees_its_slot():
    plan = schedule(size=1)
    plan.retire(plan.take_now(0.0))
    plan.arrive(None, 0.1)
    assert plan.spawning == 0 and plan.idle == []


def test_a_waiter_past_its_deadline_leaves_the_queue():
    plan = schedule(size=1)
    plan.take_now(0.0)
    ticket, _ = waiting(plan, 0.1)
    plan.give_up(ticket)
    assert plan.waiters == []
