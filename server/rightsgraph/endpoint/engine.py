"""Run one query on a backend and serialise its answer: the work a query worker does.

:func:`execute` is free of Flask and of processes so the worker, the ``query``
command and the tests share it. The format is negotiated once the backend says
what kind of result the query gives (solutions, boolean or graph) and before a
single row is pulled, so a 406 costs no evaluation beyond the parse.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from pyoxigraph import QueryBoolean, QueryResultsFormat, QuerySolutions, RdfFormat

from ..config import BY_NAME
from ..errors import (
    AnswerTooLarge,
    BadRequest,
    MalformedQuery,
    NotAcceptable,
    UpstreamError,
)
from ..store import Backend, StoreSpec
from . import results
from .protocol import GRAPH_FORMATS, RESULT_FORMATS, content_type, negotiate

log = logging.getLogger("rightsgraph.engine")

XML_FORMATS = (QueryResultsFormat.XML, RdfFormat.RDF_XML)
#: UTF-8 of what XML 1.0 cannot carry, not even as a character reference: C0 controls
#: other than tab, line feed and carriage return, and U+FFFE and U+FFFF.
NOT_XML = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]|\xef\xbf[\xbe\xbf]")


@dataclass(frozen=True)
class Job:
    """One query to run, with everything the worker needs and nothing it must not see."""

    query: str
    accept: str | None
    max_rows: int
    #: Bytes of the answer in its line format (TSV, N-Triples) beyond which rows are cut.
    max_bytes: int = BY_NAME["max_answer_bytes"].default
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    union: bool = True
    #: What relative IRIs in the query resolve against when it has no BASE: the endpoint's URL.
    base_iri: str | None = None


@dataclass(frozen=True)
class Reopen:
    """Not a query: open the backend ``spec`` names instead of the one held (a newer snapshot of an
    on-disk store, after a write), and answer ``None``."""

    spec: StoreSpec


def execute(backend: Backend, job: Job) -> results.Answer:
    """Run ``job`` on ``backend``; raises MalformedQuery, BadRequest, NotAcceptable or UpstreamError."""
    try:
        answer = backend.query(
            job.query,
            default_graphs=job.default_graphs,
            named_graphs=job.named_graphs,
            union=job.union,
            base_iri=job.base_iri,
        )
        if isinstance(answer, QueryBoolean):
            fmt = negotiate(job.accept, RESULT_FORMATS)
            return results.Answer(results.boolean(answer, fmt), content_type(fmt), 1, False)
        if isinstance(answer, QuerySolutions):
            fmt = negotiate(job.accept, RESULT_FORMATS)
            body, rows, truncated = results.solutions(answer, fmt, job.max_rows, job.max_bytes)
        else:
            fmt = negotiate(job.accept, GRAPH_FORMATS)
            body, rows, truncated = results.graph(answer, fmt, job.max_rows, job.max_bytes)
        if fmt in XML_FORMATS:
            refuse_if_not_xml(body)
        return results.Answer(body, content_type(fmt), rows, truncated)
    except SyntaxError as error:
        raise MalformedQuery(str(error))
    except MemoryError:
        raise AnswerTooLarge("The answer is too large to compute or write here; narrow the query.")
    except RuntimeError as error:  # pyoxigraph's refusal of a valid query, e.g. an unknown function
        raise BadRequest(f"The query cannot be evaluated here: {error}")
    except OSError as error:
        log.warning("query evaluation failed: %s", error)
        raise UpstreamError("The query failed while reading the store or calling a service.")


def refuse_if_not_xml(body: bytes) -> None:
    """Raise NotAcceptable when ``body`` holds a character XML 1.0 cannot carry.

    pyoxigraph writes such a character as it is, which makes a document no XML
    parser accepts: a 200 with it would be a silent failure for the client.
    """
    found = NOT_XML.search(body)
    if found is not None:
        code = ord(found.group().decode("utf-8"))
        raise NotAcceptable(
            f"The answer holds a character XML 1.0 cannot carry (U+{code:04X}); ask for another "
            "format, such as application/sparql-results+json, text/turtle or application/n-triples."
        )
