"""External SPARQL 1.1 stores the archive is tested in front of, started by the tests on free ports:
``oxigraph serve`` (the ``oxigraph`` package) and Virtuoso Open Source (Debian's ``virtuoso-opensource``),
the latter with a virtuoso.ini of its own in a temporary directory and a dba password set through isql."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode

VIRTUOSO = "/usr/bin/virtuoso-t"
ISQL = "/usr/bin/isql-vt"
VAD = "/usr/share/virtuoso-opensource-7/vad"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode}")
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"{url} did not answer in {timeout} s")


@dataclass
class External:
    name: str
    query_url: str
    graph_url: str
    user: str
    password: str
    process: subprocess.Popen

    def graphs(self) -> dict[str, int]:
        """Triples per project graph, asked of the store itself (not through rightsgraph)."""
        query = ('SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } '
                 'FILTER(STRSTARTS(STR(?g), "https://w3id.org/rightsgraph/graph/")) } GROUP BY ?g')
        request = urllib.request.Request(self.query_url, data=urlencode({"query": query}).encode(),
                                         headers={"Accept": "application/sparql-results+json",
                                                  "Content-Type": "application/x-www-form-urlencoded"})
        with urllib.request.urlopen(request, timeout=30) as response:
            rows = json.loads(response.read())["results"]["bindings"]
        return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


def start_oxigraph(directory: Path) -> External:
    port = free_port()
    process = subprocess.Popen([shutil.which("oxigraph"), "serve", "--location", str(directory), "--bind",
                                f"127.0.0.1:{port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/query?query=ASK%7B%7D", process)
    except BaseException:
        process.kill()
        process.wait()
        raise
    return External("oxigraph", base + "/query", base + "/store", "", "", process)


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = {sql_port}
DisableUnixSocket = 1
DirsAllowed = ., {vad}
VADInstallDir = {vad}/
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
CheckpointInterval = 60

[HTTPServer]
ServerPort = {http_port}
ServerRoot = {dir}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 60
MaxQueryCostEstimationTime = 400
DefaultQuery = ASK {{}}
"""


def start_virtuoso(directory: Path, password: str) -> External:
    """Virtuoso on free ports, its database in ``directory``; the dba password changed from the default."""
    if not Path(VIRTUOSO).exists():
        raise RuntimeError("Virtuoso is not installed: apt-get install -y virtuoso-opensource (the README's test command does).")
    sql_port, http_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, sql_port=sql_port, http_port=http_port, vad=VAD))
    process = subprocess.Popen([VIRTUOSO, "+foreground", "+configfile", str(ini)], cwd=directory,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_for(base + "/sparql?query=ASK%7B%7D", process)
        subprocess.run([ISQL, f"127.0.0.1:{sql_port}", "dba", "dba", f"exec=user_set_password('dba', '{password}');"],
                       check=True, stdout=subprocess.DEVNULL, timeout=60)
    except BaseException:
        process.kill()
        process.wait()
        raise
    return External("virtuoso", base + "/sparql", base + "/sparql-graph-crud-auth", "dba", password, process)
