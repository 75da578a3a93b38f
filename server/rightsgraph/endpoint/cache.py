"""A bounded LRU cache of complete answers, for a store that cannot change under the server.

The embedded store is read-only while the server runs, so the same request
(method, query string, Content-Type, body, ``Accept`` and the address the
client used, which is the query's base IRI) always has the same answer: it can
be served again without parsing, screening, a worker round-trip or an
evaluation. The key is the request as it arrived, so a hit costs one lookup. Only complete answers enter (each already capped at
``max_rows``, with its truncation noted), so a hit keeps every bound a miss has.

The cache is bounded by the bytes it holds (keys and bodies), so memory stays
flat however many distinct queries arrive; an answer larger than an eighth of
the budget is not kept. With an on-disk store the worker pool clears it whenever
a worker opens the store anew, the one moment another state of it could appear;
an in-memory store is loaded from the same files by every worker, so its cache
outlives a worker's replacement. The archive clears it on every write; an answer
computed before a clear (on the store's older state) is not kept after it: ``put``
takes the ``epoch`` read before the query ran and drops the answer if a clear came between.
An external store can change at any time, so the app builds no cache for one.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Hashable, NamedTuple

from .results import Answer

#: Bytes an entry costs beyond its key's text and its body (objects, headers).
OVERHEAD = 512


class CachedAnswer(NamedTuple):
    """An answer and the hash of the query it answers (for the access log of a hit)."""

    answer: Answer
    query_hash: str


def _size(key: tuple, entry: CachedAnswer) -> int:
    text = sum(len(part) for part in key if isinstance(part, (str, bytes)))
    return OVERHEAD + len(entry.answer.body) + text + len(entry.query_hash)


class AnswerCache:
    """Answers by key, least recently used dropped first, at most ``max_bytes`` in all."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self._entries: OrderedDict[Hashable, tuple[CachedAnswer, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        #: How many times the cache was cleared: an answer begun under another epoch is stale.
        self.epoch = 0

    def get(self, key: tuple) -> CachedAnswer | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: tuple, entry: CachedAnswer, epoch: int | None = None) -> None:
        size = _size(key, entry)
        if size > self.max_bytes // 8:
            return
        with self._lock:
            if epoch is not None and epoch != self.epoch:
                return
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._entries[key] = (entry, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self.epoch += 1
            self._entries.clear()
            self._bytes = 0

    def stats(self) -> dict[str, int]:
        with self._lock:
            return {"entries": len(self._entries), "bytes": self._bytes}
