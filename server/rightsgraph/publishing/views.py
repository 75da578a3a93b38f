"""The linked-data views: IRIs answered with 303 See Other, and the documents they point to.

``GET /id/…``, ``/vocab/…`` and ``/graph/…`` are the dataset's IRIs on this host.
They name things (people, events, claims), not documents, so each answers
``303 See Other`` to a document chosen by ``Accept``: ``/page/…`` (HTML) or
``/data/….ttl|.nt|.rdf|.jsonld``. An IRI the graph does not mention answers 404
in the asked format, at once. Documents can be asked for directly too.
"""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path
from urllib.parse import urlencode

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    g,
    redirect,
    render_template,
    request,
    send_from_directory,
)
from pyoxigraph import NamedNode
from werkzeug.exceptions import NotFound

from ..config import settings
from ..errors import EndpointError, problem
from ..page_headers import secure_html
from . import (
    claims,
    describe,
    editor,
    graph,
    graphs,
    lists,
    ontology,
    overview,
    search,
    service,
    story,
    void,
)
from .describe import Page
from .documents import alternates, media_type, rdf_body
from .dumps import SUMS, served_dumps
from .examples import examples
from .iris import canonical
from .negotiation import EXTENSIONS, HTML, RDF_FORMATS, choose, wants_html

bp = Blueprint("publishing", __name__, template_folder="templates", static_folder="static", static_url_path="/assets")
bp.after_request(secure_html)


@bp.app_template_filter("capitalize_first")
def capitalize_first(text: str) -> str:
    """Upper-case the first letter only (Jinja's ``capitalize`` lowers the rest, names included)."""
    return text[:1].upper() + text[1:]


@bp.app_template_filter("with_code")
def with_code(text: str) -> list[tuple[str, bool]]:
    """A shape's message as prose and code: the literals it shows how to write are code."""
    return ontology.with_code(text)


@bp.app_context_processor
def version() -> dict:
    return {"version": metadata.version("rightsgraph")}


def base_iri() -> str:
    return settings()["base_iri"]


def known(value: str) -> bool:
    """Whether ``value`` is an IRI the graph mentions (a malformed one is simply unknown)."""
    try:
        NamedNode(value)
    except ValueError:
        return False
    return describe.exists(value)


def not_found(value: str, fmt) -> Response:
    """404 in the asked format: an HTML page, or an empty graph with a comment saying why."""
    if fmt == HTML:
        return Response(render_template("not_found.html", iri=value), 404, content_type=media_type(HTML))
    body = rdf_body([], fmt, comment=f"rightsgraph has no description of <{value}>.")
    return Response(body, 404, content_type=media_type(fmt))


def page_not_found(error: NotFound) -> Response:
    """Any 404 of the app: a page with a way on for a browser, the project's problem+json for everyone else."""
    if not wants_html(request.headers.get("Accept")):
        return problem(404, error.name, error.description or error.name)
    return secure_html(not_found(request.path, HTML))


@bp.get("/id/<path:rest>")
@bp.get("/vocab/<path:rest>")
@bp.get("/graph/<path:rest>")
def resource(rest: str) -> Response:
    """An IRI of the dataset: 303 to its page or data document, or 404 in the asked format."""
    path = request.path.lstrip("/")
    if path.startswith("id/") and path.endswith("/") and path.count("/") == 2:
        return kind_list(path.split("/")[1])
    value = canonical(path, base_iri())
    fmt = choose(request.headers.get("Accept"))
    if not known(value):
        return not_found(value, fmt)
    target = f"/page/{path}" if fmt == HTML else f"/data/{path}.{fmt.file_extension}"
    response = redirect(target, 303)
    response.headers["Link"] = alternates(f"/page/{path}", f"/data/{path}", value)
    return response


@bp.get("/data/<path:rest>")
def data(rest: str) -> Response:
    """The description of one IRI in the RDF format its extension names."""
    stem, _, extension = rest.rpartition(".")
    if extension not in EXTENSIONS or not stem:
        abort(404)
    fmt = EXTENSIONS[extension]
    value = canonical(stem, base_iri())
    if not known(value):
        return not_found(value, fmt)
    triples, truncated = describe.rdf_description(value, max_rows=settings()["max_rows"])
    response = Response(rdf_body(triples, fmt), content_type=media_type(fmt))
    response.headers["Link"] = alternates(f"/page/{stem}", f"/data/{stem}", value)
    if truncated:
        response.headers["Rightsgraph-Truncated"] = str(len(triples))
    return response


@bp.get("/page/<path:rest>")
def page(rest: str) -> Response:
    """The HTML page of one IRI: a claim, the source document, a named graph or any other resource."""
    value = canonical(rest, base_iri())
    if not known(value):
        return not_found(value, HTML)
    view = Page(base_iri())
    types = describe.types(value)
    context = {
        "iri": value,
        "path": rest,
        "types": sorted(view.labels(t) for t in types),
        "title": view.labels(value),
    }
    skip = describe.CLAIM_CONTENT if describe.CLAIM in types else ()
    context["properties"], context["properties_cut"] = describe.properties(view, value, skip=skip)
    context["incoming"], context["incoming_cut"] = describe.incoming(view, value)
    context["claims"] = claims.supporting_claims(view, value)
    context["about_graph"] = describe.as_properties(view, graphs.about_graph(value))
    template = "entity.html"
    if describe.CLAIM not in types and describe.SOURCE_DOCUMENT not in types:
        context["story"] = story.story(view, value)
    if describe.CLAIM in types:
        template, context["claim"] = "claim.html", claims.claim_page(view, value)
    elif describe.SOURCE_DOCUMENT in types:
        template, context["source"] = "source.html", claims.source_page(view, value)
    response = Response(render_template(template, **context), content_type=media_type(HTML))
    response.headers["Link"] = alternates(f"/page/{rest}", f"/data/{rest}", value)
    return response


def kind_list(kind: str) -> Response:
    """Every resource of one kind, filtered and sorted by query parameters; as CSV or JSON on request."""
    view = Page(base_iri())
    fmt = request.args.get("format", "html")
    if fmt not in lists.FORMATS:
        return bad_request(f"Ask for format csv or json (or no format, for this page), not {fmt!r}.")
    try:
        listing = lists.listing(view, kind, request.args)
    except EndpointError as failure:
        return bad_request(failure.detail)
    if not listing.total:
        return not_found(canonical(f"id/{kind}/", base_iri()), HTML)
    if fmt == "csv":
        return Response(lists.to_csv(listing.rows), content_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": f'inline; filename="{kind}.csv"'})
    if fmt == "json":
        return Response(lists.to_json(listing.rows), content_type="application/json")
    others = [(k, v) for k, v in request.args.items(multi=True) if k != "format"]
    return Response(
        render_template(
            "kind.html", listing=listing, heading=f"Every {kind.replace('-', ' ')}", sort=request.args.get("sort", "name"),
            download_csv=request.path + "?" + urlencode([*others, ("format", "csv")]),
            download_json=request.path + "?" + urlencode([*others, ("format", "json")]),
        ),
        content_type=media_type(HTML),
    )


def bad_request(detail: str) -> Response:
    """A 400 as a page that says what to change."""
    return Response(render_template("bad_request.html", detail=detail), 400, content_type=media_type(HTML))


@bp.get("/search")
def search_page() -> Response:
    """Words looked for in names, claims and quotes: a form and its results, no JavaScript needed."""
    words = request.args.get("q", "")
    try:
        hits, cut = search.search(Page(base_iri()), words)
    except EndpointError as failure:
        return Response(render_template("search.html", words=words[:200], hits=[], cut=False, error=failure.detail),
                        400, content_type=media_type(HTML))
    return Response(render_template("search.html", words=" ".join(words.split()), hits=hits, cut=cut, error=""),
                    content_type=media_type(HTML))


@bp.get("/timeline")
def timeline() -> str:
    return render_template("timeline.html", timeline=overview.timeline(Page(base_iri())))


@bp.get("/")
def home() -> str:
    base = base_iri()
    view = Page(base)
    documents = graph.select(
        "SELECT ?doc ?sha WHERE { ?doc a hr:SourceDocument . OPTIONAL { ?doc hr:sha256 ?sha } } ORDER BY ?doc"
    )
    view.fetch_labels(documents, "doc")
    return render_template(
        "home.html",
        kinds=overview.kinds(base),
        documents=[(view.value(r["doc"]), r["sha"].value if "sha" in r else "") for r in documents],
        examples=examples(),
        base=base,
        headlines=overview.headlines(view),
        people=overview.people(view),
    )


DOCS = Path(__file__).resolve().parents[3] / "docs"


@bp.get("/docs/<name>.md")
def documentation(name: str) -> Response:
    """The project's guides (docs/*.md), as the plain text they are written in, when the checkout has them."""
    if not re.fullmatch(r"[a-z][a-z0-9-]*", name) or not (DOCS / f"{name}.md").is_file():
        abort(404)
    return Response((DOCS / f"{name}.md").read_text(encoding="utf-8"), content_type="text/plain; charset=utf-8")


def _document(name: str, extension: str | None, triples_of, html_of) -> Response:
    """``/ontology`` or ``/shapes``: HTML or RDF by ``Accept``, or by the extension asked for."""
    if extension is None:
        fmt = choose(request.headers.get("Accept"))
    elif extension in EXTENSIONS:
        fmt = EXTENSIONS[extension]
    else:
        abort(404)
    if fmt == HTML:
        response = Response(html_of(), content_type=media_type(HTML))
    else:
        triples, truncated = triples_of()
        response = Response(rdf_body(triples, fmt), content_type=media_type(fmt))
        if truncated:
            response.headers["Rightsgraph-Truncated"] = str(len(triples))
    response.headers["Link"] = alternates(f"/{name}", f"/{name}", canonical(name, base_iri()))
    return response


def _term(name: str, term: str, known_terms) -> Response:
    """A term of the ontology or a shape: 303 to its section of the page, or to the whole RDF document."""
    fmt = choose(request.headers.get("Accept"))
    if term not in known_terms():
        return not_found(canonical(f"{name}/{term}", base_iri()), fmt)
    target = f"/{name}#{term}" if fmt == HTML else f"/{name}.{fmt.file_extension}"
    response = redirect(target, 303)
    response.headers["Link"] = alternates(f"/{name}", f"/{name}")
    return response


@bp.get("/ontology")
@bp.get("/ontology.<extension>")
def ontology_document(extension: str | None = None) -> Response:
    return _document(
        "ontology",
        extension,
        lambda: ontology.ontology_triples(max_rows=settings()["max_rows"]),
        lambda: render_template("ontology.html", **ontology.ontology_page(Page(base_iri()))),
    )


@bp.get("/ontology/<path:term>")
def ontology_term(term: str) -> Response:
    return _term("ontology", term, ontology.term_names)


@bp.get("/shapes")
@bp.get("/shapes.<extension>")
def shapes_document(extension: str | None = None) -> Response:
    return _document(
        "shapes",
        extension,
        lambda: (ontology.shapes_triples(), False),
        lambda: render_template("shapes.html", shapes=ontology.shapes_page(Page(base_iri()))),
    )


@bp.get("/shapes/<path:term>")
def shape(term: str) -> Response:
    return _term("shapes", term, ontology.shape_names)


@bp.get("/.well-known/void")
@bp.get("/.well-known/void.<extension>")
def void_description(extension: str | None = None) -> Response:
    """The dataset's VoID description: a page for a browser, else the RDF format asked for
    (Turtle by default), or the one its extension names."""
    if extension is not None and extension not in EXTENSIONS:
        abort(404)
    accept = request.headers.get("Accept")
    _, dumps = served_dumps(current_app._get_current_object())
    triples = void.void_triples(base_iri(), request.host_url, dumps)
    if extension is None and service.wants_page(accept):
        return service.void_page(triples, dumps, base_iri())
    fmt = EXTENSIONS[extension] if extension else choose(accept, RDF_FORMATS)
    return Response(rdf_body(triples, fmt), content_type=media_type(fmt))


@bp.get("/dumps/")
def dump_list() -> str:
    _, dumps = served_dumps(current_app._get_current_object())
    return render_template("dumps.html", dumps=dumps, sums=SUMS)


@bp.get("/dumps/<name>")
def dump_file(name: str) -> Response:
    directory, dumps = served_dumps(current_app._get_current_object())
    if name != SUMS and name not in {d.name for d in dumps}:
        abort(404)
    fmt = next((d.format for d in dumps if d.name == name), None)
    mimetype = fmt.media_type if fmt else "text/plain"
    return send_from_directory(directory, name, mimetype=mimetype, as_attachment=fmt is not None)


@bp.get("/query")
def query_editor() -> str:
    """YASGUI over /sparql; without JavaScript, a form whose answer is rendered here as a table."""
    g.editor = True
    listed = examples()
    found = {e.name: e.query for e in listed}
    starter = next((e.query for e in listed if not e.competency), "")
    text = request.args.get("query") or found.get(request.args.get("example", ""), starter)
    result, error = None, ""
    if "query" in request.args:
        try:
            result = editor.run(Page(base_iri()), text, settings())
        except EndpointError as failure:
            error = f"{failure.title}: {failure.detail}"
    asked = "query" in request.args or "example" in request.args
    return render_template("query.html", examples=listed, example_queries=found, query=text, run=asked,
                           result=result, error=error)
