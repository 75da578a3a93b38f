"""Helpers shared by the record-validation tests: where the examples are, and an in-process validation."""

from __future__ import annotations

from pathlib import Path

from rightsgraph.records.engine import validate_submission
from rightsgraph.records.reading import read_records

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "records"


def validate_files(*paths: Path, profile: str = "repository", **kwargs):
    """Read and validate files in-process: (outcome, submission)."""
    submission = read_records([(p.name, p.read_bytes(), "") for p in paths], max_bytes=10_000_000)
    return validate_submission(submission, profile=profile, **kwargs), submission


class Listener:
    """A loopback TCP port that records every connection made to it: proof that nothing was fetched."""

    def __init__(self) -> None:
        import socket
        import threading
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen()
        self.socket.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/context.jsonld"
        self.connections = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join()
        self.socket.close()


def hostile(listener_url: str) -> dict[str, tuple[str, bytes, str]]:
    """Hostile records by name: (file name, bytes, what the refusal must say)."""
    laughs = "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    return {
        "xxe": ("xxe.rdf", (
            '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
            '<rdf:Description rdf:about="http://example.org/a"><ex:p>&xxe;</ex:p></rdf:Description></rdf:RDF>'
        ).encode(), "DOCTYPE"),
        "xxe-remote": ("remote.rdf", (
            f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY r SYSTEM "{listener_url}">]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>').encode(), "DOCTYPE"),
        "billion-laughs": ("laughs.rdf", (
            f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [<!ENTITY l0 "ha">{laughs}]>\n'
            '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">'
            '<rdf:Description rdf:about="http://example.org/a"><ex:p>&l9;</ex:p></rdf:Description></rdf:RDF>'
        ).encode(), "entities can read files or multiply"),
        "remote-context": ("context.jsonld", (
            f'{{"@context": "{listener_url}", "@id": "http://example.org/a", "name": "x"}}').encode(),
            "the validator fetches nothing"),
        "remote-context-repeated-key": ("repeated.jsonld", (  # json.loads keeps the last, the parser the first
            f'{{"@context": "{listener_url}", "@context": {{}}, "@id": "http://example.org/a"}}').encode(),
            "the validator fetches nothing"),
        "remote-import": ("import.jsonld", (
            f'{{"@context": {{"@import": "{listener_url}"}}, "@id": "http://example.org/a"}}').encode(),
            "the validator fetches nothing"),
        "malformed-turtle": ("broken.ttl", b"@prefix ex: <http://example.org/> .\nex:a ex:b\n  ex:c ex:d \"open .\n",
                             "line 3"),
        "malformed-xml": ("broken.rdf", b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
                          b'<rdf:Description rdf:about="http://example.org/a">\n</rdf:RDF>\n', "line 3, column"),
        "not-utf8": ("latin1.ttl", "<http://example.org/a> <http://example.org/b> \"Tête\" .\n".encode("latin-1"),
                     "line 1, column"),
        "bad-csv-header": ("cases.csv", b"record_id,persn,act\nC1,Anna,arrest\n", "unknown column(s) persn"),
    }
