"""The headers every HTML page carries: a Content-Security-Policy, ``nosniff`` and no referrer.

Registered on each blueprint that renders pages (publishing, records), not on
the whole app: the SPARQL endpoint's answers are never HTML, and an app-wide
``after_request`` hook was a fifth of what a cached answer cost the app.
"""

from __future__ import annotations

from flask import Response, g

#: Pages load nothing from elsewhere: scripts, styles, images and fetches are this host's only.
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: The query editor sets element styles at run time (CodeMirror, YASR's table), so styles may be inline there.
CSP_EDITOR = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")


def secure_html(response: Response) -> Response:
    """Add the page headers to an HTML response (the editor's page sets ``g.editor``)."""
    if response.mimetype == "text/html":
        response.headers["Content-Security-Policy"] = CSP_EDITOR if g.get("editor") else CSP
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "no-referrer"
    return response
