"""The endpoint's settings, as one table of (name, default, help).

The table is the single source for the ``rightsgraph serve`` flags, the
``RIGHTSGRAPH_<NAME>`` environment variables, the app's configuration and the
settings table of docs/endpoint.md (a test fails when one is undocumented).
Every limit has a bounded default: nothing here is infinite unless an operator
says so. Precedence, lowest first: table default, environment, explicit mapping.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Callable, Mapping

from flask import current_app

from .namespaces import BASE

ENV_PREFIX = "RIGHTSGRAPH_"


@dataclass(frozen=True)
class Setting:
    """One setting: its name (lower snake case), default, type and a one-line help."""

    name: str
    default: Any
    help: str

    @property
    def type(self) -> Callable[[str], Any]:
        return type(self.default)

    @property
    def env_var(self) -> str:
        return ENV_PREFIX + self.name.upper()

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")


SETTINGS: tuple[Setting, ...] = (
    Setting("host", "127.0.0.1", "Interface to listen on."),
    Setting("port", 7878, "TCP port to listen on."),
    Setting("threads", 8, "HTTP threads of the WSGI server (waiting on workers costs no CPU)."),
    Setting("workers", 2, "Query worker processes; each holds its own store or connection."),
    Setting("query_timeout", 5.0, "Seconds a query may run before it is stopped (503)."),
    Setting(
        "preempt_after",
        0.3,
        "Seconds after which a query may be stopped (503, try again) to free a worker for others "
        "while every worker is busy.",
    ),
    Setting("max_rows", 10000, "Most solutions or triples returned; more are cut and said so."),
    Setting(
        "max_answer_bytes",
        8_000_000,
        "Most bytes of solutions or triples written (as TSV or N-Triples) for one answer; "
        "rows beyond are cut and said so.",
    ),
    Setting("max_body_bytes", 1_000_000, "Largest request body or query string accepted (413)."),
    Setting(
        "max_header_bytes",
        32_768,
        "Most bytes of header fields a request may carry, its request line apart (431).",
    ),
    Setting("max_headers", 100, "Most header fields a request may carry (431)."),
    Setting("max_query_depth", 200, "Deepest nesting of brackets a query may have (400)."),
    Setting(
        "cache_bytes",
        64_000_000,
        "Bytes of complete answers kept for repeated queries on the embedded store (0: no cache).",
    ),
    Setting(
        "store",
        "",
        "Directory of an on-disk store, loaded with ontology and data once when empty and "
        "kept; empty for an in-memory store loaded at start.",
    ),
    Setting(
        "data",
        "",
        "Comma-separated RDF files (N-Quads, TriG, Turtle...) each worker loads into an "
        "in-memory store instead of ontology and data.",
    ),
    Setting(
        "store_url",
        "",
        "URL of an external SPARQL 1.1 query endpoint to forward queries to, "
        "instead of the embedded store.",
    ),
    Setting(
        "base_iri",
        BASE,
        "Canonical IRI base of the data, served at this server's root so its IRIs dereference here.",
    ),
    Setting("validate_max_bytes", 10_000_000, "Largest record accepted by POST /validate (413)."),
    Setting("validate_timeout", 30.0, "Seconds a validation by POST /validate may run before it is stopped (422)."),
    Setting(
        "validate_concurrency",
        1,
        "Validations by POST /validate run at once (each holds an HTTP thread and a core); more get 503 at once.",
    ),
    Setting(
        "store_graph_url",
        "",
        "Graph Store Protocol URL of the external store (with store_url) that submissions are written to; "
        "empty: the external store takes none.",
    ),
    Setting("store_user", "", "User for an external store that asks for credentials (Basic or Digest)."),
    Setting("store_password", "", "Password of store_user."),
    Setting(
        "tokens_file",
        "",
        "JSON file of write tokens (hashed), made by 'rightsgraph token add'; "
        "empty: $XDG_CONFIG_HOME/rightsgraph/tokens.json.",
    ),
    Setting("submit_max_bytes", 10_000_000, "Largest submission accepted by POST /records, all files together (413)."),
    Setting("submit_timeout", 60.0, "Seconds the gate may take over one submission before it is stopped (422)."),
    Setting("write_queue", 1, "Writes that may wait while one is written; more get 503 at once."),
    Setting("write_wait", 30.0, "Seconds a write may wait for the one before it (503 after)."),
    Setting(
        "allowed_service_hosts",
        "",
        "Comma-separated host names a query's SERVICE may call; empty refuses all (403).",
    ),
)

BY_NAME = {setting.name: setting for setting in SETTINGS}


def _convert(setting: Setting, raw: Any) -> Any:
    """Cast ``raw`` (a string from the environment or a flag) to the setting's type."""
    try:
        return setting.type(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{setting.env_var}: expected {setting.type.__name__}, got {raw!r}")


def load_config(overrides: Mapping[str, Any] | None = None, environ: Mapping[str, str] | None = None) -> dict[str, Any]:
    """The settings: defaults, then ``RIGHTSGRAPH_*`` variables, then ``overrides``.

    Unknown names in ``overrides`` raise ``KeyError`` so a typo never goes unnoticed;
    ``None`` values in ``overrides`` (an unset CLI flag) leave the lower layer in place.
    """
    environ = os.environ if environ is None else environ
    config = {}
    for setting in SETTINGS:
        value = setting.default
        if setting.env_var in environ:
            value = _convert(setting, environ[setting.env_var])
        config[setting.name] = value
    for name, value in (overrides or {}).items():
        if name not in BY_NAME:
            raise KeyError(f"unknown setting {name!r}")
        if value is not None:
            config[name] = _convert(BY_NAME[name], value)
    return config


def allowed_hosts(config: Mapping[str, Any]) -> frozenset[str]:
    """The ``allowed_service_hosts`` setting as a set of lower-case host names."""
    raw = config["allowed_service_hosts"]
    return frozenset(host.strip().lower() for host in raw.split(",") if host.strip())


def settings() -> dict[str, Any]:
    """The settings of the app handling the current request (``create_app`` put them there)."""
    return current_app.config["RIGHTSGRAPH"]
