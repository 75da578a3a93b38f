"""Linked-data publishing: dereferenceable IRIs, pages a person can read, the ontology's
documentation, VoID and dumps, and a query editor, all from the endpoint's own server.

``init_app(app)`` registers the blueprint and the Content-Security-Policy every
HTML page carries. Pages read the graph through the endpoint's worker pool
(:mod:`server.publishing.graph`), so they see the same store, under the same
query timeout. See docs/publishing.md for the routes and the 303 pattern.
"""

from __future__ import annotations

from flask import Flask, Response, g

from .views import bp

#: Pages load nothing from elsewhere: scripts, styles, images and fetches are this host's only.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: The query editor sets element styles at run time (CodeMirror, YASR's table), so styles may be inline there.
CSP_EDITOR = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def _security_headers(response: Response) -> Response:
    if response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = CSP_EDITOR if g.get("editor") else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
    return response


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.after_request(_security_headers)
