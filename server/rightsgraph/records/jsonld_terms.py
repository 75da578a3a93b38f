"""What a JSON-LD document says that its ``@context`` does not define, and the parser would silently drop.

JSON-LD keeps only what expands to an absolute IRI: a key the context does not map,
a relative ``@id`` without ``@base``, or a ``@type`` that is no term all vanish
without a word, so a document without a context reads as nothing at all and
"conforms". :func:`dropped` walks the document with rdflib's context processing
(the context is inline: remote ones are refused before, see safety.py) and names
each such key, id and type, so the record is refused with the fix instead.
"""

from __future__ import annotations

import json
import re

from rdflib.plugins.shared.jsonld.context import Context

_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
#: IRI schemes an archivist may use; any other "x:" is a prefix the context does not define.
_SCHEMES = {"http", "https", "urn", "mailto", "tag", "did", "doi", "info", "ark", "file", "ftp", "data"}
_CONTAINERS = ("@graph", "@list", "@set", "@included", "@nest")


def _problem(iri: str | None) -> str | None:
    if not iri:
        return "is not defined by the @context"
    if iri.startswith("_:"):
        return None
    if not _ABSOLUTE.match(iri):
        return "is a relative IRI (no @base is assumed)"
    scheme = iri.split(":", 1)[0]
    if scheme.lower() not in _SCHEMES:
        return f"uses the prefix {scheme}: which the @context does not define"
    return None


def dropped(text: str) -> list[str]:
    """Each key, ``@id`` or ``@type`` of the document that would not become a statement, in words."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError):
        return []  # the parser reports the syntax error with its position
    found: list[str] = []
    stack = [(document, Context(), "the document")]
    while stack:
        node, context, owner = stack.pop()
        if isinstance(node, list):
            stack.extend((item, context, owner) for item in reversed(node))
            continue
        if not isinstance(node, dict) or "@value" in node:
            continue
        if "@context" in node:
            try:
                context = context.subcontext(node["@context"])
            except Exception:  # noqa: BLE001 - a context rdflib cannot read is left to the parser to report
                return found
        name = f'"{node["@id"]}"' if isinstance(node.get("@id"), str) else owner
        for key, value in node.items():
            if key == "@id" and isinstance(value, str):
                problem = _problem(context.resolve(value))
                if problem:
                    found.append(f'the @id "{value}" {problem}')
            elif key == "@type":
                for kind in value if isinstance(value, list) else [value]:
                    problem = _problem(context.expand(kind)) if isinstance(kind, str) else None
                    if problem:
                        found.append(f'the @type "{kind}" of {name} {problem}')
            elif key in _CONTAINERS or key == "@reverse":
                stack.append((value, context, name))
            elif not key.startswith("@"):
                problem = _problem(context.expand(key))
                if problem:
                    found.append(f'the key "{key}" of {name} {problem}')
                    continue
                term = context.terms.get(key)
                if term is not None and term.type == "@id":
                    for item in value if isinstance(value, list) else [value]:
                        problem = _problem(context.resolve(item)) if isinstance(item, str) else None
                        if problem:
                            found.append(f'the value "{item}" of "{key}" of {name} {problem}')
                stack.append((value, context, name))
    return found
