"""How the server and a query worker talk: one pickled object per message, framed by ``send_bytes``.

Both ends are this project's own code over a private socket pair, so pickle carries jobs,
answers and the project's exceptions without a schema of their own.
"""

from __future__ import annotations

import pickle
from multiprocessing.connection import Connection
from typing import Any


def send(conn: Connection, message: Any) -> None:
    conn.send_bytes(pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL))


def receive(conn: Connection) -> Any:
    return pickle.loads(conn.recv_bytes())
