"""``/validate``: a form page for archivists, and ``POST`` for a record as the body or as uploads.

The views only move bytes and pick formats; reading and validating happen in a child
process under the time bound (runner.py). The answer is negotiated from ``Accept``: the
HTML report, the JSON summary, the text report, or the standard SHACL report in RDF.
Without ``Accept`` (or with only ``*/*``) a form upload gets HTML and any other request
JSON. A refusal is the project's problem+json, or the form page with the reason when
HTML was asked for; nothing uploaded is written anywhere.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from typing import Iterator

from flask import Blueprint, Response, current_app, json, render_template, request
from werkzeug.exceptions import HTTPException, RequestEntityTooLarge

from ..bodies import has_body, read_capped
from ..config import settings
from ..errors import (
    BadRequest,
    EndpointError,
    NotAcceptable,
    PayloadTooLarge,
    ServerBusy,
)
from ..page_headers import secure_html
from .profiles import DEFAULT_PROFILE, PROFILES
from .report import summary_json, text
from .runner import validate_bounded
from .safety import in_words

bp = Blueprint("records", __name__, template_folder="templates", static_folder="static",
               static_url_path="/validate/static")
bp.after_request(secure_html)

HTML, JSON, TEXT = "text/html", "application/json", "text/plain"
#: The SHACL report's RDF formats: media type -> rdflib serializer name.
RDF_OUTPUTS = {"text/turtle": "turtle", "application/ld+json": "json-ld", "application/n-triples": "nt"}
OFFERED = (HTML, JSON, *RDF_OUTPUTS, TEXT)
#: The app's semaphore of validations that may run at once (validate_concurrency).
SLOTS = "rightsgraph.validation_slots"


def negotiate(is_form: bool) -> str:
    """The media type to answer with; raises NotAcceptable when none offered fits."""
    accept = request.accept_mimetypes
    if not accept or [value for value, _ in accept] == ["*/*"]:
        return HTML if is_form else JSON
    chosen = accept.best_match(OFFERED)
    if chosen is None:
        raise NotAcceptable(f"The report is offered as {', '.join(OFFERED)}.")
    return chosen


def uploaded_records(limit: int) -> list[tuple[str, bytes, str]]:
    """The records of the request: each uploaded file of a form, or the body itself.

    Raises PayloadTooLarge beyond ``limit`` bytes, BadRequest for a form without a file.
    """
    request.max_content_length = limit + 65536  # room for the form's own parts
    if request.mimetype == "multipart/form-data":
        # Uploads stay in memory (Werkzeug would spool large ones to a temporary file).
        request._get_current_object()._get_file_stream = lambda *args, **kwargs: io.BytesIO()
        try:
            uploads = request.files.getlist("record")
        except RequestEntityTooLarge:
            if request.content_length is not None and request.content_length <= request.max_content_length:
                parts = request.max_form_parts
                raise PayloadTooLarge(f"The form has more than {parts} parts; send at most {parts} files at once.")
            raise
        uploads = [f for f in uploads if f.filename or f.mimetype]
        items = [(f.filename or "record", f.read(limit + 1), f.mimetype or "") for f in uploads]
        if not any(data or f.filename for (_, data, _), f in zip(items, uploads)):
            raise BadRequest("Nothing to validate: choose a record file (form field 'record').")
    else:
        body = read_capped(request.stream, limit) if has_body(request.environ) else b""
        if not body:
            raise BadRequest("Nothing to validate: send the record as the request body (with its Content-Type) or as "
                             "a form upload.")
        items = [(request.args.get("name", "record"), body, request.content_type or "")]
    if sum(len(data) for _, data, _ in items) > limit:
        raise PayloadTooLarge(f"The record is larger than {in_words(limit)} (the limit); split it into smaller files.")
    return items


def chosen_profile() -> str:
    profile = request.values.get("profile", DEFAULT_PROFILE)
    if profile not in PROFILES:
        raise BadRequest(f"Unknown profile {profile!r}: choose one of {', '.join(sorted(PROFILES))}.")
    return profile


@contextmanager
def validation_slot() -> Iterator[None]:
    """Hold one of the app's ``validate_concurrency`` slots; ServerBusy at once when none is free."""
    slots = current_app.extensions[SLOTS]
    if not slots.acquire(blocking=False):
        raise ServerBusy("Other records are being validated just now; try again in a minute.")
    try:
        yield
    finally:
        slots.release()


def page(status: int = 200, **context) -> Response:
    body = render_template("validate.html", profiles=PROFILES, default_profile=DEFAULT_PROFILE,
                           max_bytes=settings()["validate_max_bytes"], **context)
    return Response(body, status=status, mimetype=HTML)


@bp.get("/validate")
def form() -> Response:
    """The form where an archivist chooses a file and a profile."""
    return page()


@bp.post("/validate")
def validate() -> Response:
    """Validate the record(s) sent and answer with the report in the negotiated format."""
    is_form = request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded")
    wanted = negotiate(is_form)
    try:
        with validation_slot():
            items = uploaded_records(settings()["validate_max_bytes"])
            profile = chosen_profile()
            report, graph = validate_bounded(items, profile=profile, max_bytes=settings()["validate_max_bytes"],
                                             timeout=settings()["validate_timeout"],
                                             rdf_format=RDF_OUTPUTS.get(wanted))
    except (EndpointError, HTTPException) as error:
        if wanted != HTML:
            raise
        status = error.status if isinstance(error, EndpointError) else error.code
        detail = error.detail if isinstance(error, EndpointError) else error.description
        return page(status, error=detail)
    if wanted == HTML:
        return page(report=report, profile=profile)
    if wanted == JSON:
        return Response(json.dumps(summary_json(report)) + "\n", mimetype=JSON)
    if wanted == TEXT:
        return Response(text(report), mimetype=TEXT)
    return Response(graph, mimetype=wanted)
