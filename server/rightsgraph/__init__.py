"""rightsgraph: a human-rights knowledge graph with a SPARQL endpoint.

The Flask application is built only by :func:`rightsgraph.app.create_app`; nothing
here holds global state.
"""
