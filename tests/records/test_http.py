"""``/validate`` over HTTP: the form page, records as body or upload, negotiated reports, and every
refusal a 4xx with its reason while the server keeps answering (Flask test client, and one real server)."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from records_support import EXAMPLES, Listener, hostile
from rightsgraph.app import close_app, create_app
from rightsgraph.records.views import SLOTS

CSV = (EXAMPLES / "case-records-invalid.csv").read_bytes()
TTL = (EXAMPLES / "case-record-invalid.ttl").read_bytes()
SH = "http://www.w3.org/ns/shacl#"


def test_get_validate_form_page_with_csp_and_a_file_field(client):
    response = client.get("/validate")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
    assert 'type="file"' in page and 'name="profile"' in page and "<script" not in page


def test_post_validate_body_by_content_type_answers_json(client):
    response = client.post("/validate", data=CSV, headers={"Content-Type": "text/csv"})
    body = response.get_json()
    assert response.status_code == 200
    assert body["conforms"] is False and body["counts"]["violation"] == 8 and body["profile"] == "repository"
    assert {f["line"] for f in body["findings"]} == {2, 3, 4, 5, 6}


def test_post_validate_multipart_upload_answers_html_report_escaped(client):
    upload = TTL.replace(b'rdfs:label "arrest of Sam Bopha"', b'rdfs:label "<b>arrest</b> of Sam Bopha"')
    response = client.post("/validate", data={"record": (io.BytesIO(upload), "case.ttl"), "profile": "exchange"},
                           content_type="multipart/form-data", headers={"Accept": "text/html"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert "does not conform" in page and "Profile <strong>exchange</strong>" in page
    assert "&lt;b&gt;arrest&lt;/b&gt; of Sam Bopha" in page and "<b>arrest</b>" not in page


@pytest.mark.parametrize("accept", ["text/turtle", "application/ld+json", "application/n-triples"])
def test_post_validate_accept_rdf_answers_the_shacl_report(client, accept):
    response = client.post("/validate", data=TTL, headers={"Content-Type": "text/turtle", "Accept": accept})
    triples = [q.triple for q in ox.parse(response.get_data(), format=ox.RdfFormat.from_media_type(accept))]
    assert response.status_code == 200 and response.mimetype == accept
    assert [t.object.value for t in triples if t.predicate.value == SH + "conforms"] == ["false"]
    assert len({t.object for t in triples if t.predicate.value == SH + "result"}) == 6


def test_post_validate_accept_text_answers_the_text_report(client):
    response = client.post("/validate", data=TTL, headers={"Content-Type": "text/turtle", "Accept": "text/plain"})
    assert response.status_code == 200 and "does not conform — 6 violations" in response.get_data(as_text=True)


def test_post_validate_accept_nothing_offered_406(client):
    response = client.post("/validate", data=TTL, headers={"Content-Type": "text/turtle", "Accept": "image/png"})
    assert response.status_code == 406 and response.mimetype == "application/problem+json"


@pytest.mark.parametrize("kind", sorted(hostile("http://127.0.0.1:9/")))
def test_post_validate_hostile_record_4xx_with_reason_and_no_request(client, kind):
    listener = Listener()
    try:
        name, data, reason = hostile(listener.url)[kind]
        response = client.post("/validate", data={"record": (io.BytesIO(data), name)},
                               content_type="multipart/form-data", headers={"Accept": "application/json"})
        assert listener.connections == 0
    finally:
        listener.close()
    assert 400 <= response.status_code < 500 and response.mimetype == "application/problem+json"
    assert reason in response.get_json()["detail"]


def test_post_validate_too_large_413(client):
    response = client.post("/validate", data=b"#" * 70_000, headers={"Content-Type": "text/turtle"})
    assert response.status_code == 413 and "larger than 64 kB" in response.get_json()["detail"]


def test_post_validate_unknown_media_type_415(client):
    response = client.post("/validate", data=b"\x89PNG", headers={"Content-Type": "image/png"})
    assert response.status_code == 415 and "Turtle" in response.get_json()["detail"]


def test_post_validate_unknown_profile_400(client):
    response = client.post("/validate?profile=strictest", data=TTL, headers={"Content-Type": "text/turtle"})
    assert response.status_code == 400 and "strictest" in response.get_json()["detail"]


def test_post_validate_form_refusal_shows_the_reason_on_the_page(client):
    name, data, reason = hostile("http://127.0.0.1:9/")["xxe"]
    response = client.post("/validate", data={"record": (io.BytesIO(data), name)},
                           content_type="multipart/form-data", headers={"Accept": "text/html"})
    assert response.status_code == 422 and reason in response.get_data(as_text=True)


def test_post_validate_over_the_time_bound_422(tmp_path):
    from rightsgraph.app import close_app, create_app
    data = tmp_path / "tiny.nt"
    data.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    app = create_app({"validate_timeout": 0.001, "workers": 1, "data": str(data)})
    try:
        response = app.test_client().post("/validate", data=TTL, headers={"Content-Type": "text/turtle"})
    finally:
        close_app(app)
    assert response.status_code == 422 and "stopped after" in response.get_json()["detail"]


def test_live_server_refuses_hostile_records_and_keeps_answering(tmp_path):
    data = tmp_path / "tiny.nt"
    data.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    command = [sys.executable, "-c", "from rightsgraph.cli import main; main()", "serve", "--port", "0", "--workers", "1",
               "--data", str(data), "--validate-max-bytes", "64000"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    listener = Listener()
    try:
        base = server.stdout.readline().split(" at ", 1)[1].strip().removesuffix("/sparql")
        statuses = []
        for name, body, _ in hostile(listener.url).values():
            request = urllib.request.Request(base + "/validate", data=body, method="POST",
                                             headers={"Content-Type": "application/octet-stream"})
            try:
                urllib.request.urlopen(request, timeout=30)
                statuses.append(200)
            except urllib.error.HTTPError as error:
                statuses.append(error.code)
                error.close()
        request = urllib.request.Request(base + "/validate", data=CSV, method="POST",
                                         headers={"Content-Type": "text/csv", "Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as response:
            report = json.load(response)
    finally:
        listener.close()
        server.terminate()
        server.communicate(timeout=10)
    assert all(400 <= status < 500 for status in statuses), statuses
    assert listener.connections == 0
    assert report["counts"]["violation"] == 8


def test_post_validate_beyond_its_concurrency_503_at_once(client):
    """Validations hold an HTTP thread each: past ``validate_concurrency`` the answer is 503 at
    once, so a flood of large records cannot take every thread from the SPARQL endpoint."""
    slots = client.application.extensions[SLOTS]
    assert slots.acquire(blocking=False)  # the one slot (the default) is taken
    try:
        response = client.post("/validate", data=TTL, headers={"Content-Type": "text/turtle", "Accept": "application/json"})
        assert response.status_code == 503
        assert "try again" in response.get_json()["detail"]
    finally:
        slots.release()
    assert client.post("/validate", data=TTL, headers={"Content-Type": "text/turtle"}).status_code == 200


def test_post_validate_upload_of_too_many_parts_413_saying_so(tmp_path):
    """Within the byte cap but past werkzeug's 1,000 form parts: a 413 that says what to change."""
    data = tmp_path / "tiny.nt"
    data.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    app = create_app({"workers": 1, "data": str(data)})
    try:
        files = [(io.BytesIO(b"<a:s> <a:p> <a:o> .\n"), f"r{number}.nt") for number in range(1100)]
        response = app.test_client().post("/validate", data={"record": files}, headers={"Accept": "application/json"})
        assert response.status_code == 413
        assert "files at once" in response.get_json()["detail"]
    finally:
        close_app(app)


SPREADSHEETS = Path(__file__).resolve().parents[1] / "fixtures" / "records"


@pytest.mark.parametrize("name", sorted(p.name for p in SPREADSHEETS.glob("*.csv")))
def test_post_validate_spreadsheet_as_excel_or_libreoffice_writes_it_conforms(client, name):
    response = client.post("/validate", data=(SPREADSHEETS / name).read_bytes(), headers={"Content-Type": "text/csv"})
    body = response.get_json()
    assert response.status_code == 200 and body["conforms"] is True and body["records"] == 2, body


def test_post_validate_the_same_record_as_ttl_and_nt_conforms(client):
    files = [(io.BytesIO((EXAMPLES / name).read_bytes()), name) for name in ("case-record.ttl", "case-record.nt")]
    response = client.post("/validate", data={"record": files}, headers={"Accept": "application/json"})
    body = response.get_json()
    assert response.status_code == 200 and body["conforms"] is True and body["findings"] == []


@pytest.mark.parametrize("name,data,words", [
    ("cases.json", (SPREADSHEETS / "no-context.json").read_bytes(), "is not defined by the @context"),
    ("empty.ttl", b"", "empty.ttl is empty: nothing to validate"),
], ids=["json-without-context", "empty-file"])
def test_post_validate_input_that_would_lose_data_is_refused_with_the_reason(client, name, data, words):
    response = client.post("/validate", data={"record": (io.BytesIO(data), name)},
                           headers={"Accept": "application/json"})
    assert response.status_code == 400 and words in response.get_json()["detail"]


def test_post_validate_seventeen_megabyte_value_is_refused_in_a_sentence(tmp_path):
    data_file = tmp_path / "tiny.nt"
    data_file.write_text("<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n")
    app = create_app({"workers": 1, "data": str(data_file), "validate_max_bytes": 20_000_000})
    body = (b'<https://w3id.org/rightsgraph/id/p/x> <http://www.w3.org/2000/01/rdf-schema#label> "'
            + b"x" * 17_000_000 + b'" .\n')
    try:  # the body as such: the test client would spool a form this large to a temporary file
        response = app.test_client().post("/validate?name=big.ttl", data=body, headers={"Content-Type": "text/turtle"})
    finally:
        close_app(app)
    assert response.status_code == 400 and "big.ttl holds a value or a line too long to read" in \
        response.get_json()["detail"]


def test_post_validate_empty_source_document_next_to_a_section_is_a_finding(client):
    csv = (EXAMPLES / "case-records-template.csv").read_text(encoding="utf-8").replace(
        "amnesty-cambodia-2019,main", ",main", 1)
    response = client.post("/validate", data=csv.encode(), headers={"Content-Type": "text/csv"})
    body = response.get_json()
    assert response.status_code == 200 and body["conforms"] is False
    assert {(f["line"], f["field"]) for f in body["findings"]} == {(2, "column section"), (2, "column source_document")}


def test_post_validate_form_reports_a_misspelt_class_with_the_term_meant(client):
    data = (SPREADSHEETS / "misspelt-terms.ttl").read_bytes()
    response = client.post("/validate", data={"record": (io.BytesIO(data), "case.ttl")},
                           headers={"Accept": "text/html"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Did you mean hr:DeathInCustody?" in page and "does not conform" in page


def test_post_validate_csv_upload_as_a_windows_browser_types_it_is_read(client):
    data = (SPREADSHEETS / "excel-utf8-bom-crlf.csv").read_bytes()
    response = client.post("/validate", data={"record": (io.BytesIO(data), "cases.csv", "application/vnd.ms-excel")},
                           headers={"Accept": "application/json"})
    assert response.status_code == 200 and response.get_json()["conforms"] is True
