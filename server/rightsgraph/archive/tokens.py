"""Write tokens: who may submit and withdraw, stored so that a stolen file grants nothing.

A token is ``rg_`` followed by ``secrets.token_urlsafe(32)``; it is shown once, when
``rightsgraph token add`` creates it, and only its SHA-256 is kept (with its name, its
scopes and when it was made, or revoked). The file is read again on every write, so
adding or revoking a token takes effect without a restart; it is written whole to a
temporary file and renamed, so a reader never sees half of it. Comparison is by hash
with :func:`hmac.compare_digest`. Reads need no token; a token never reaches a log
(the access log records method, path, status and the query's hash, nothing of the
headers).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..errors import OutOfScope, Unauthorized

SCOPES = ("submit", "withdraw")
PREFIX = "rg_"


def default_path() -> Path:
    """Where tokens live unless the ``tokens_file`` setting says otherwise."""
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "rightsgraph" / "tokens.json"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Token:
    name: str
    sha256: str
    scopes: tuple[str, ...]
    created: str
    revoked: str | None = None


class TokenFile:
    """The tokens of one file: add, list, revoke, and check a presented secret."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path) if str(path) else default_path()

    def tokens(self) -> list[Token]:
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        return [Token(**{**item, "scopes": tuple(item["scopes"])}) for item in raw["tokens"]]

    def _write(self, tokens: list[Token]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        body = json.dumps({"tokens": [asdict(t) for t in tokens]}, indent=2) + "\n"
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".tokens-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(body)
        os.chmod(temporary, 0o600)
        os.replace(temporary, self.path)

    def add(self, name: str, scopes: tuple[str, ...] = SCOPES) -> str:
        """A new token's secret (the only time it is seen); ValueError for a taken name or unknown scope."""
        unknown = set(scopes) - set(SCOPES)
        if unknown or not scopes:
            raise ValueError(f"Scopes are {', '.join(SCOPES)}; got {', '.join(sorted(unknown)) or 'none'}.")
        tokens = self.tokens()
        if any(t.name == name and t.revoked is None for t in tokens):
            raise ValueError(f"A token named {name!r} exists; revoke it first or choose another name.")
        secret = PREFIX + secrets.token_urlsafe(32)
        tokens.append(Token(name, digest(secret), tuple(scopes), now()))
        self._write(tokens)
        return secret

    def revoke(self, name: str) -> bool:
        """Mark the live token ``name`` revoked; False when there is none."""
        tokens, found = [], False
        for token in self.tokens():
            if token.name == name and token.revoked is None:
                token, found = Token(**{**asdict(token), "revoked": now()}), True
            tokens.append(token)
        if found:
            self._write(tokens)
        return found

    def authorise(self, authorization: str | None, scope: str) -> Token:
        """The live token a ``Bearer`` header carries, if it has ``scope``.

        Raises Unauthorized (no header, not Bearer, unknown or revoked token) or OutOfScope.
        """
        scheme, _, secret = (authorization or "").partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise Unauthorized("Writing needs a token: send 'Authorization: Bearer <token>' "
                               "(an operator creates one with 'rightsgraph token add NAME').")
        presented = digest(secret.strip())
        match = next((t for t in self.tokens() if hmac.compare_digest(t.sha256, presented)), None)
        if match is None or match.revoked is not None:
            raise Unauthorized("This token is not valid (unknown or revoked).")
        if scope not in match.scopes:
            raise OutOfScope(f"The token {match.name!r} may {', '.join(match.scopes)}, not {scope}.")
        return match
