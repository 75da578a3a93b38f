"""How long a cheap query waits while bursts of runaway queries arrive (never collected by pytest).

Starts ``rightsgraph serve`` (extra flags are passed on, e.g. ``--preempt-after 0.5``), sends
bursts of ``--burst`` concurrent runaway queries (a triple cross product, stopped at
``query_timeout``) one after the other, and meanwhile a cheap ``ASK`` with a random comment
(so never from the cache) every 0.2 s; prints the cheap query's statuses and latencies::

    python tests/benchmarks/runaway_burst.py
    python tests/benchmarks/runaway_burst.py --preempt-after 0.5
"""

from __future__ import annotations

import argparse
import http.client
import random
import threading
import time
from urllib.parse import urlencode

from endpoint import Server, free_port, rightsgraph_command

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . FILTER(?a != <x:%d>) }"


def timed(port: int, query: str) -> tuple[int, float]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    started = time.monotonic()
    connection.request("GET", "/sparql?" + urlencode({"query": query}))
    response = connection.getresponse()
    response.read()
    connection.close()
    return response.status, time.monotonic() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--burst", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=12.0)
    args, flags = parser.parse_known_args()
    port = free_port()
    server = Server("rightsgraph", rightsgraph_command(port, *flags), f"http://127.0.0.1:{port}/sparql")
    deadline = time.monotonic() + args.seconds

    def bursts() -> None:
        round_ = 0
        while time.monotonic() < deadline - 5:
            threads = [
                threading.Thread(target=timed, args=(port, RUNAWAY % (round_ * 1000 + index)))
                for index in range(args.burst)
            ]
            round_ += 1
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()

    try:
        load = threading.Thread(target=bursts)
        load.start()
        time.sleep(0.3)
        cheap = []
        while time.monotonic() < deadline:
            cheap.append(timed(port, f"ASK {{ ?s ?p ?o }} # {random.random()}"))
            time.sleep(0.2)
        load.join()
    finally:
        server.stop()
    latencies = sorted(seconds for _, seconds in cheap)
    statuses = {status: sum(1 for got, _ in cheap if got == status) for status in {got for got, _ in cheap}}
    print(f"cheap queries: {len(cheap)}, statuses {statuses}; latency worst {latencies[-1]:.2f} s, "
          f"p90 {latencies[int(len(latencies) * 0.9)]:.2f} s, median {latencies[len(latencies) // 2]:.2f} s, "
          f"over 1 s: {sum(1 for seconds in latencies if seconds > 1)}")


if __name__ == "__main__":
    main()
