"""Where queries are answered: one interface over the embedded store and an external one.

A backend has one method, ``query(text, *, default_graphs, named_graphs,
union, base_iri)``, returning pyoxigraph's ``QuerySolutions`` or ``QueryBoolean``, or an
iterable of ``Triple`` for CONSTRUCT and DESCRIBE. :class:`StoreSpec` says which
backend to open; it is small and picklable because every worker process opens
its own backend from it.

The parts::

    embedded.py   pyoxigraph, in memory (loaded from the graph's files) or on disk
    remote.py     an external SPARQL 1.1 store: queries over the protocol, loading over the Graph Store Protocol
    command.py    ``rightsgraph load``
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Protocol

from pyoxigraph import QueryBoolean, QuerySolutions, Triple

from ..config import allowed_hosts

Results = QuerySolutions | QueryBoolean | Iterable[Triple]


class Backend(Protocol):
    def query(
        self,
        text: str,
        *,
        default_graphs: tuple[str, ...],
        named_graphs: tuple[str, ...],
        union: bool,
        base_iri: str | None = None,
    ) -> Results: ...


@dataclass(frozen=True)
class StoreSpec:
    """Which backend: ``memory`` (loaded at start), ``disk`` (a directory) or ``remote`` (a URL).

    For ``memory`` the location is empty (ontology and data) or comma-separated RDF files.
    """

    kind: str
    location: str = ""
    timeout: float = 5.0
    #: Run the workers without a network: nothing they do needs one (an embedded store, no
    #: SERVICE host allow-listed), so a query that slipped past screening still reaches nobody.
    offline: bool = False

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> "StoreSpec":
        chosen = [name for name in ("store_url", "store", "data") if config.get(name)]
        if len(chosen) > 1:
            raise ValueError(f"Give at most one of the settings {', '.join(chosen)}.")
        if config["store_url"]:
            return cls("remote", config["store_url"], config["query_timeout"])
        offline = not allowed_hosts(config)
        if config["store"]:
            return cls("disk", config["store"], config["query_timeout"], offline)
        return cls("memory", config.get("data", ""), config["query_timeout"], offline)

    @property
    def read_only(self) -> bool:
        """True when nothing but this server's own start can change what the store holds."""
        return self.kind != "remote"


def open_backend(spec: StoreSpec) -> Backend:
    """The backend a spec names, opened in the calling process."""
    if spec.kind == "remote":
        from .remote import RemoteStore

        return RemoteStore(spec.location, timeout=spec.timeout)
    from .embedded import EmbeddedStore

    if spec.kind == "disk":
        return EmbeddedStore.open(spec.location)
    return EmbeddedStore.in_memory(spec.location)
