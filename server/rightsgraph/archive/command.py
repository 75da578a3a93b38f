"""``rightsgraph submit``, ``withdraw``, ``history``, ``token``, ``backup`` and ``restore``.

``submit``, ``withdraw`` and ``history`` work on an on-disk store directly (``--store DIR``,
when no server holds it) or through a running server (``--server URL``, with a token from
``--token`` or ``RIGHTSGRAPH_TOKEN``). ``submit`` prints the gate's report as ``validate``
does; exit status 0: accepted, 1: refused by the gate, 2: not read, not allowed, or
already held. ``backup`` copies a store (a RocksDB checkpoint, or N-Quads with ``--nquads``)
even while a server runs on it (then from the server's newest snapshot); ``restore``
makes a new store from either.
"""

from __future__ import annotations

import gc
import getpass
import json
import mimetypes
import os
import secrets
import shutil
import sys
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import Request

import click
from pyoxigraph import RdfFormat, Store

from ..errors import EndpointError, SubmissionRefused
from ..records.report import text
from ..store.embedded import prepare
from ..store.remote import _opener
from .service import Archive
from .stores import EmbeddedArchive
from .tokens import SCOPES, TokenFile

store_option = click.option("--store", "location", type=click.Path(file_okay=False),
                            help="Directory of the on-disk store (no server may hold it).")
server_option = click.option("--server", "server", help="URL of a running rightsgraph server (http://host:port).")
token_option = click.option("--token", envvar="RIGHTSGRAPH_TOKEN", default="", help="Write token for --server. "
                            "[env RIGHTSGRAPH_TOKEN]")


def _fail(message: str) -> None:
    click.echo(f"rightsgraph: {message}", err=True)
    sys.exit(2)


def _one_of(location: str | None, server: str | None) -> None:
    if bool(location) == bool(server):
        raise click.UsageError("Give exactly one of --store DIR or --server URL.")


def _open_archive(location: str) -> Archive:
    prepare(location)
    try:
        store = EmbeddedArchive(location)
    except OSError as error:
        _fail(f"the store at {location} cannot be opened for writing ({error}); if a server runs on it, "
              "use --server URL instead.")
    return Archive(store, max_bytes=500_000_000, timeout=0, queue=0, wait=0, bounded=False)


def _request(server: str, path: str, token: str, body: bytes = b"", content_type: str = "") -> tuple[int, dict | list]:
    headers = {"Accept": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    if content_type:
        headers["Content-Type"] = content_type
    request = Request(server.rstrip("/") + path, data=body or None, headers=headers, method="POST" if body else "GET")
    try:
        with _opener.open(request, timeout=600) as response:
            return response.status, json.loads(response.read())
    except HTTPError as error:
        try:
            return error.code, json.loads(error.read())
        except ValueError:
            return error.code, {"detail": f"{error.code} {error.reason}"}
    except (URLError, OSError) as error:
        _fail(f"the server at {server} could not be reached ({error}).")


def _multipart(files: list[tuple[str, bytes, str]], document: tuple[str, bytes] | None, profile: str) -> tuple[bytes, str]:
    boundary = "rightsgraph-" + secrets.token_hex(12)
    parts = [('name="profile"', "", profile.encode())]
    parts += [(f'name="record"; filename="{name}"', media or "application/octet-stream", data)
              for name, data, media in files]
    if document:
        parts.append((f'name="document"; filename="{document[0]}"', "text/plain", document[1]))
    body = b""
    for disposition, media, data in parts:
        body += f"--{boundary}\r\nContent-Disposition: form-data; {disposition}\r\n".encode()
        body += (f"Content-Type: {media}\r\n" if media else "").encode() + b"\r\n" + data + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def _read(name: str) -> tuple[str, bytes, str]:
    try:
        return Path(name).name, Path(name).read_bytes(), mimetypes.guess_type(name)[0] or ""
    except OSError as error:
        _fail(f"cannot read {name}: {error.strerror}.")


@click.command("submit")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--document", "document", type=click.Path(dir_okay=False),
              help="The text of a new source document (UTF-8); its identifier is the file's name without .txt.")
@click.option("--profile", type=click.Choice(["exchange", "repository"]), default="repository", show_default=True)
@click.option("--as", "who", default="", help="Who submits, for the provenance (with --store; default: your user name).")
@store_option
@server_option
@token_option
def submit_command(files, document, profile, who, location, server, token) -> None:
    """Submit records (and a new source document) through the gate; what passes lands as a graph of its own."""
    _one_of(location, server)
    items = [_read(name) for name in files]
    text_file = (Path(document).name, _read(document)[1]) if document else None
    if server:
        body, content_type = _multipart(items, text_file, profile)
        status, answer = _request(server, "/records", token, body, content_type)
        if "report_text" in answer:
            click.echo(answer["report_text"], nl=False)
        if status == 201:
            click.echo(f"accepted: submission {answer['id']} in <{answer['graph']}> ({answer['triples']} triples)")
            return
        if status == 422 and "report" in answer:
            click.echo(f"refused: {answer['detail']}", err=True)
            sys.exit(1)
        _fail(answer.get("detail", f"the server answered {status}"))
    archive = _open_archive(location)
    try:
        accepted = archive.submit(items, who or getpass.getuser(), document=text_file, profile=profile)
    except SubmissionRefused as error:
        click.echo(text(error.report), nl=False)
        click.echo(f"refused: {error.detail}", err=True)
        sys.exit(1)
    except EndpointError as error:
        _fail(error.detail)
    finally:
        archive.store.close()
    click.echo(text(accepted.report), nl=False)
    click.echo(f"accepted: submission {accepted.id} in <{accepted.graph}> ({accepted.triples} triples)")


@click.command("withdraw")
@click.argument("submission_id")
@click.option("--reason", default="", help="Why, for the record.")
@click.option("--as", "who", default="", help="Who withdraws (with --store; default: your user name).")
@store_option
@server_option
@token_option
def withdraw_command(submission_id, reason, who, location, server, token) -> None:
    """Withdraw a submission: its graph is removed, the record of both acts is kept."""
    _one_of(location, server)
    if server:
        body = urlencode({"reason": reason}).encode()
        status, answer = _request(server, f"/records/{submission_id}/withdraw", token, body,
                                  "application/x-www-form-urlencoded")
        if status != 200:
            _fail(answer.get("detail", f"the server answered {status}"))
    else:
        archive = _open_archive(location)
        try:
            archive.withdraw(submission_id, who or getpass.getuser(), reason)
        except EndpointError as error:
            _fail(error.detail)
        finally:
            archive.store.close()
    click.echo(f"withdrawn: submission {submission_id}")


@click.command("history")
@store_option
@server_option
@click.option("--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True)
def history_command(location, server, output) -> None:
    """List every submission and withdrawal, oldest first."""
    _one_of(location, server)
    if server:
        status, acts = _request(server, "/records/history", "")
        if status != 200:
            _fail(f"the server answered {status}")
    else:
        archive = _open_archive(location)
        try:
            acts = [act.__dict__ for act in archive.history()]
        finally:
            archive.store.close()
    if output == "json":
        click.echo(json.dumps(acts, indent=2))
        return
    for act in acts:
        click.echo(f"{act['at']}  {act['kind']:<10}  {act['id']}  {act['who']}")
    if not acts:
        click.echo("nothing submitted yet")


tokens_option = click.option("--tokens-file", default=lambda: os.environ.get("RIGHTSGRAPH_TOKENS_FILE", ""),
                             help="The tokens file (the server's tokens_file setting). [env RIGHTSGRAPH_TOKENS_FILE]")


@click.group("token")
def token_group() -> None:
    """Write tokens: add, list, revoke."""


@token_group.command("add")
@click.argument("name")
@click.option("--scope", default=",".join(SCOPES), show_default=True, help="Comma-separated: submit, withdraw.")
@tokens_option
def token_add(name, scope, tokens_file) -> None:
    """Make a token; its secret is printed once and stored only hashed."""
    try:
        secret = TokenFile(tokens_file).add(name, tuple(s.strip() for s in scope.split(",") if s.strip()))
    except ValueError as error:
        _fail(str(error))
    click.echo(secret)
    click.echo(f"token {name!r} ({scope}) added; keep the line above, it is not stored", err=True)


@token_group.command("list")
@tokens_option
def token_list(tokens_file) -> None:
    """The tokens: name, scopes, made, revoked (never the secrets, which are not kept)."""
    for token in TokenFile(tokens_file).tokens():
        state = f"revoked {token.revoked}" if token.revoked else "live"
        click.echo(f"{token.name:<20} {','.join(token.scopes):<16} made {token.created}  {state}")


@token_group.command("revoke")
@click.argument("name")
@tokens_option
def token_revoke(name, tokens_file) -> None:
    """Revoke the live token NAME: the next write with it gets 401."""
    if not TokenFile(tokens_file).revoke(name):
        _fail(f"no live token named {name!r}.")
    click.echo(f"token {name!r} revoked")


def _newest_snapshot(location: Path) -> Path | None:
    readers = location.parent / f".{location.name}.readers"
    snapshots = sorted((p for p in readers.iterdir() if p.name.isdigit()), key=lambda p: int(p.name)) \
        if readers.is_dir() else []
    return snapshots[-1] if snapshots else None


@click.command("backup")
@click.argument("target", type=click.Path())
@click.option("--store", "location", required=True, type=click.Path(file_okay=False, exists=True))
@click.option("--nquads", is_flag=True, help="Write N-Quads (for any RDF store) instead of a store directory.")
def backup_command(target, location, nquads) -> None:
    """Copy the store at --store into TARGET (a new directory, or an N-Quads file with --nquads)."""
    if Path(target).exists():
        _fail(f"{target} exists; give a new path.")
    try:
        store = Store(location)
        source = "the store"
    except OSError:
        snapshot = _newest_snapshot(Path(location).resolve())
        if snapshot is None:
            _fail(f"the store at {location} is held by another process and has no snapshot to copy.")
        store, source = Store.read_only(str(snapshot)), "the running server's newest snapshot"
    if nquads:
        store.dump(target, format=RdfFormat.N_QUADS)
    else:
        store.backup(target)
    del store
    gc.collect()
    click.echo(f"backed up {source} of {location} to {target}")


@click.command("restore")
@click.argument("source", type=click.Path(exists=True))
@click.option("--store", "location", required=True, type=click.Path(), help="A new directory for the restored store.")
def restore_command(source, location) -> None:
    """Make a new store at --store from a backup (a directory, or an N-Quads file)."""
    if Path(location).exists() and any(Path(location).iterdir()):
        _fail(f"{location} is not empty; restore into a new directory.")
    if Path(source).is_dir():
        shutil.copytree(source, location, dirs_exist_ok=True)
    else:
        store = Store(location)
        try:
            store.bulk_load(path=source, format=RdfFormat.N_QUADS)
        except SyntaxError as error:
            _fail(f"{source} is not N-Quads: {error}")
        store.flush()
        del store
        gc.collect()
    click.echo(f"restored {source} into {location}")
