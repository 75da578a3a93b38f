"""``/records``: the archive's page, submissions, withdrawals and the history, over HTTP.

Reads are open (the page, ``GET /records/history``). Every write needs a token with
its scope (tokens.py): ``Authorization: Bearer …``, or, from the page's form only, a
``token`` field (a form cannot set headers). The body is capped at ``submit_max_bytes``
before it is parsed; waitress has read it whole before this view runs, so a slow upload
holds a socket, never a thread, and is dropped after its channel timeout.

``POST /records`` takes a multipart form (``record`` files, an optional ``document``
text) or one file as the body (its Content-Type, ``?name=``). It answers 201 with the
submission's id, graph and the gate's report (warnings included); a refusal is
problem+json whose ``report`` member is the summary ``validate --format json`` prints
and ``report_text`` its text report, or the page with the report when HTML was asked.
"""

from __future__ import annotations

import io

from flask import Blueprint, Response, json, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from ..bodies import has_body, read_capped
from ..config import settings
from ..errors import (
    PROBLEM_JSON,
    BadRequest,
    EndpointError,
    PayloadTooLarge,
    SubmissionRefused,
    problem_body,
)
from ..page_headers import secure_html
from ..records.profiles import DEFAULT_PROFILE, PROFILES
from ..records.report import summary_json, text
from . import get_archive
from .tokens import TokenFile

bp = Blueprint("archive", __name__, template_folder="templates")
bp.after_request(secure_html)

HTML, JSON = "text/html", "application/json"


def wants_html() -> bool:
    return request.accept_mimetypes.best_match((JSON, HTML)) == HTML and request.mimetype == "multipart/form-data"


def authorised(scope: str) -> str:
    """The name of the token the request carries, if it may ``scope``; raises Unauthorized or OutOfScope."""
    header = request.headers.get("Authorization")
    if header is None and request.mimetype == "multipart/form-data" and request.form.get("token"):
        header = "Bearer " + request.form["token"]
    return TokenFile(settings()["tokens_file"]).authorise(header, scope).name


def submitted_files(limit: int) -> tuple[list[tuple[str, bytes, str]], tuple[str, bytes] | None]:
    """The records and the optional source text of the request; PayloadTooLarge beyond ``limit`` bytes."""
    request.max_content_length = limit + 65536
    if request.mimetype == "multipart/form-data":
        request._get_current_object()._get_file_stream = lambda *args, **kwargs: io.BytesIO()
        try:
            uploads, texts = request.files.getlist("record"), request.files.getlist("document")
        except RequestEntityTooLarge:
            raise PayloadTooLarge(f"The submission is larger than {limit} bytes; send fewer files at a time.")
        files = [(f.filename or "record", f.read(limit + 1), f.mimetype or "") for f in uploads if f.filename]
        documents = [(f.filename or "document.txt", f.read(limit + 1)) for f in texts if f.filename]
        if len(documents) > 1:
            raise BadRequest("Send one source document per submission (form field 'document').")
        document = documents[0] if documents else None
    else:
        if request.content_length is not None and request.content_length > limit:
            raise PayloadTooLarge(f"The submission is larger than {limit} bytes; send fewer records at a time.")
        body = read_capped(request.stream, limit) if has_body(request.environ) else b""
        files = [(request.args.get("name", "record"), body, request.content_type or "")] if body else []
        document = None
    if not files or not any(data for _, data, _ in files):
        raise BadRequest("Send the records: form field 'record' (and 'document' for a new source's text), "
                         "or one file as the request body with its Content-Type.")
    if sum(len(data) for _, data, _ in files) + (len(document[1]) if document else 0) > limit:
        raise PayloadTooLarge(f"The submission is larger than {limit} bytes; send fewer records at a time.")
    return files, document


def page(status: int = 200, **context) -> Response:
    try:
        acts = get_archive().history()
    except EndpointError:
        acts = []
    body = render_template("archive.html", title="Archive", acts=acts, writable=get_archive().store.writable,
                           profiles=PROFILES, default_profile=DEFAULT_PROFILE,
                           max_bytes=settings()["submit_max_bytes"], **context)
    return Response(body, status=status, mimetype=HTML)


def refusal(error: SubmissionRefused) -> Response:
    report = error.report
    body = json.loads(problem_body(error.status, error.title, error.detail))
    body.update(report=summary_json(report), report_text=text(report))
    return Response(json.dumps(body) + "\n", status=error.status, mimetype=PROBLEM_JSON)


@bp.get("/records")
def form() -> Response:
    """The archive's page: what was submitted and withdrawn, and a form to submit."""
    return page()


@bp.get("/records/history")
def history() -> Response:
    return Response(json.dumps([act.__dict__ for act in get_archive().history()]) + "\n", mimetype=JSON)


@bp.post("/records")
def submit() -> Response:
    html = wants_html()
    try:
        who = authorised("submit")  # every write needs a token, before anything about the store is said
        if not get_archive().store.writable:
            raise get_archive().store.refuse()
        request.max_content_length = settings()["submit_max_bytes"] + 65536
        files, document = submitted_files(settings()["submit_max_bytes"])
        profile = request.values.get("profile", DEFAULT_PROFILE)
        if profile not in PROFILES:
            raise BadRequest(f"Unknown profile {profile!r}: choose one of {', '.join(sorted(PROFILES))}.")
        accepted = get_archive().submit(files, who, document=document, profile=profile)
    except SubmissionRefused as error:
        return page(error.status, error=error.detail, report=error.report) if html else refusal(error)
    except (EndpointError, HTTPException) as error:
        if not html:
            raise
        status = error.status if isinstance(error, EndpointError) else error.code
        return page(status, error=error.detail if isinstance(error, EndpointError) else error.description)
    if html:
        return page(201, accepted=accepted, report=accepted.report)
    body = {"id": accepted.id, "graph": accepted.graph, "triples": accepted.triples,
            "report": summary_json(accepted.report), "report_text": text(accepted.report)}
    return Response(json.dumps(body) + "\n", status=201, mimetype=JSON, headers={"Location": accepted.graph})


@bp.post("/records/<submission_id>/withdraw")
def withdraw(submission_id: str) -> Response:
    who = authorised("withdraw")
    reason = request.form.get("reason", "") if request.mimetype.endswith("form-urlencoded") else ""
    get_archive().withdraw(submission_id, who, reason[:2000])
    return Response(json.dumps({"id": submission_id, "withdrawn": True}) + "\n", mimetype=JSON)
