"""A real ``rightsgraph serve`` for the archive's tests, with its own store, tokens and access log."""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlencode, urlsplit

from rightsgraph.archive.tokens import TokenFile

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "records"
FIXTURES = ROOT / "tests" / "fixtures" / "archive"
HR = "https://w3id.org/rightsgraph/ontology/"
SUBMISSIONS = "https://w3id.org/rightsgraph/graph/submission/"


@dataclass
class Reply:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


class Tokens:
    """A tokens file with one token per role: may submit and withdraw, may only withdraw, may only submit."""

    def __init__(self, path: Path) -> None:
        self.file = TokenFile(path)
        self.archivist = self.file.add("archivist")
        self.withdrawer = self.file.add("withdrawer", ("withdraw",))
        self.submitter = self.file.add("submitter", ("submit",))


class Server:
    """``rightsgraph serve --store DIR`` in a subprocess; ``stop`` returns its stderr (the access log)."""

    def __init__(self, *args: str, tokens: Path | None = None) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        if tokens is not None:
            env["RIGHTSGRAPH_TOKENS_FILE"] = str(tokens)
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from rightsgraph.cli import main; main()", "serve", "--port", "0", "--workers", "1",
             *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        line = self.process.stdout.readline()
        if "http://" not in line:
            self.process.kill()
            raise RuntimeError(f"server did not start: {line!r} {self.process.stderr.read()}")
        parts = urlsplit(line.split(" at ", 1)[1].strip())
        self.host, self.port = parts.hostname, parts.port
        self.base = f"http://{self.host}:{self.port}"
        self._log: list[str] = []
        self._drain = threading.Thread(target=lambda: self._log.extend(self.process.stderr), daemon=True)
        self._drain.start()

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict | None = None,
                timeout: float = 60) -> Reply:
        connection = http.client.HTTPConnection(self.host, self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Reply(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            connection.close()

    def submit(self, token: str | None, *files: tuple[str, bytes], document: tuple[str, bytes] | None = None,
               extra: dict | None = None, headers: dict | None = None) -> Reply:
        body, content_type = multipart(files, document, extra or {})
        sent = {"Content-Type": content_type, "Accept": "application/json", **(headers or {})}
        if token:
            sent["Authorization"] = f"Bearer {token}"
        return self.request("POST", "/records", body, sent)

    def withdraw(self, token: str | None, submission_id: str, reason: str = "") -> Reply:
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        if token:
            headers["Authorization"] = f"Bearer {token}"
        return self.request("POST", f"/records/{submission_id}/withdraw", urlencode({"reason": reason}).encode(), headers)

    def select(self, query: str) -> list[dict]:
        reply = self.request("POST", "/sparql", urlencode({"query": query}).encode(),
                             {"Content-Type": "application/x-www-form-urlencoded",
                              "Accept": "application/sparql-results+json"})
        assert reply.status == 200, reply.body
        return [{k: v["value"] for k, v in row.items()} for row in reply.json()["results"]["bindings"]]

    def graphs(self) -> dict[str, int]:
        """Triples per named graph, as the endpoint answers."""
        rows = self.select("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
        return {row["g"]: int(row["n"]) for row in rows}

    def history(self) -> list[dict]:
        return self.request("GET", "/records/history").json()

    def stop(self) -> str:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        return self.log()

    def kill9(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait()

    def log(self) -> str:
        self._drain.join(timeout=10)
        self.process.stdout.close()
        self.process.stderr.close()
        return "".join(self._log)


def multipart(files, document, extra: dict) -> tuple[bytes, str]:
    boundary = "test-" + secrets.token_hex(8)
    parts = [(f'name="{name}"', None, value.encode()) for name, value in extra.items()]
    parts += [(f'name="record"; filename="{name}"', "application/octet-stream", data) for name, data in files]
    if document:
        parts.append((f'name="document"; filename="{document[0]}"', "text/plain", document[1]))
    body = b""
    for disposition, media, data in parts:
        body += f"--{boundary}\r\nContent-Disposition: form-data; {disposition}\r\n".encode()
        body += (f"Content-Type: {media}\r\n" if media else "").encode() + b"\r\n" + data + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def example(name: str) -> tuple[str, bytes]:
    return name, (EXAMPLES / name).read_bytes()


def fixture(name: str) -> tuple[str, bytes]:
    return name, (FIXTURES / name).read_bytes()


def people(prefix: str, count: int) -> tuple[str, bytes]:
    """A valid Turtle file of ``count`` people (about 100 bytes each): a submission of any size."""
    lines = ["@prefix hr: <https://w3id.org/rightsgraph/ontology/> .",
             "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> ."]
    lines += [f"<https://w3id.org/rightsgraph/id/person/{prefix}-{n}> a hr:Person ; rdfs:label \"Person {n} of {prefix}\" ."
              for n in range(count)]
    return f"{prefix}.ttl", ("\n".join(lines) + "\n").encode()

