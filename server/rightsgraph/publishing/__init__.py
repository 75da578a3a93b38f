"""Linked-data publishing: dereferenceable IRIs, pages a person can read, the ontology's
documentation, VoID and dumps, and a query editor, all from the endpoint's own server.

``init_app(app)`` registers the blueprint, whose pages carry the headers of
:mod:`rightsgraph.page_headers`. Pages read the graph through the endpoint's worker pool
(:mod:`rightsgraph.publishing.graph`), so they see the same store, under the same
query timeout. A 404 anywhere in the app is a page for a browser (problem+json for
everyone else). See docs/publishing.md for the routes and the 303 pattern.
"""

from __future__ import annotations

from flask import Flask

from .views import bp, page_not_found


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.register_error_handler(404, page_not_found)
