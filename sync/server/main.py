"""Running the central server: `takt server` and `python -m sync.server.main`.

New terminals register with one-time enrollment codes an administrator issues with
`takt server terminals add` (sync.server.terminals); there is no plant-wide key.

`serve` runs one process, or with `workers` > 1 (PostgreSQL only) several uvicorn
worker processes on one port: each serves HTTP and the live stream over the shared
database; the one holding the single-writer lock also runs the deadline timer,
notifier and ERP writer (sync/server/singletons.py).
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from pathlib import Path
from typing import Any

import uvicorn
from fastapi import FastAPI
from sqlalchemy import make_url

from app.store import Store, open_database
from sync.server.app import create_app, prepare, singleton_lock_for
from sync.server.listeners import SpreadWorkers, reuse_port_sockets
from sync.server.notifier import notify_options
from sync.server.runner import settle
from sync.server.singletons import DEFAULT_TAKEOVER_S, describe_process

log = logging.getLogger(__name__)

DEFAULT_DEADLINE_S = 15.0
# How `serve` hands its settings to worker processes, which uvicorn starts afresh
# (spawned, not forked) and which build their app in `worker_app`.
WORKER_DATABASE_ENV = "TAKT_SERVER_WORKER_DATABASE"
WORKER_TAKEOVER_ENV = "TAKT_SERVER_WORKER_TAKEOVER_S"
WORKER_DEADLINE_ENV = "TAKT_SERVER_WORKER_DEADLINE_S"
WORKER_MACHINES_ENV = "TAKT_SERVER_WORKER_MACHINES"
WORKER_INTAKE_ENV = "TAKT_SERVER_WORKER_INTAKE"
WORKER_LOG_LEVEL_ENV = "TAKT_SERVER_WORKER_LOG_LEVEL"


class ServeRefused(Exception):
    """The server cannot start as asked; the message says why and what to do."""


def erp_link_options() -> dict[str, Any]:
    """The ERP adapter and import schedule when `takt erp configure` set one up."""
    from app.errors import TaktError
    from sync.erp.config import load_erp_settings, make_adapter

    try:
        settings = load_erp_settings()
        if settings is None:
            return {}
        adapter = make_adapter(settings)
    except TaktError as error:
        log.error("ERP write-back and import are off: %s", error)
        return {}
    log.info("ERP link: %s at %s", settings.kind, settings.url)
    return {"erp": adapter, "erp_import_interval_s": settings.import_interval_minutes * 60}


def machine_options(mapping_file: str | None) -> dict[str, Any]:
    """create_app's machine mapping, when `--machines FILE` names one; a file with a
    mistake refuses to start the server, naming the line."""
    if not mapping_file:
        return {}
    from app.errors import ValidationError
    from app.machines.mapping import load_mapping
    from app.routing.reasons import load_reasons

    try:
        mapping = load_mapping(Path(mapping_file), reasons=load_reasons())
    except OSError as error:
        raise ServeRefused(f"--machines: cannot read {mapping_file}: {error}") from None
    except ValidationError as error:
        raise ServeRefused(f"--machines: {mapping_file} has mistakes:\n{error}") from None
    log.info(
        "machine signals: %d sources, %d work centers from %s",
        len(mapping.sources),
        len(mapping.work_centers),
        mapping_file,
    )
    return {"machines": mapping}


def intake_options(intake_file: str | None) -> dict[str, Any]:
    """create_app's message intake, when `--intake FILE` names one; a mistake in the file
    or a missing secret refuses to start the server, saying which."""
    if not intake_file:
        return {}
    from sync.intake.channels.config import IntakeConfigError, load_intake

    try:
        settings = load_intake(Path(intake_file))
    except IntakeConfigError as error:
        raise ServeRefused(f"--intake: {intake_file}: {error}") from None
    hooks = [name for name, on in vars(settings.webhooks).items() if on]
    log.info(
        "message intake: smtp %s, imap %s, webhooks %s",
        f"{settings.smtp.host}:{settings.smtp.port}" if settings.smtp else "off",
        settings.imap.host if settings.imap else "off",
        ", ".join(hooks) or "off",
    )
    return {"intake": settings}


def serve(
    database: str | Path,
    host: str,
    port: int,
    *,
    workers: int = 1,
    takeover_s: float = DEFAULT_TAKEOVER_S,
    deadline_interval_s: float = DEFAULT_DEADLINE_S,
    machines: str | None = None,
    intake: str | None = None,
) -> int:
    """Serve until interrupted; `database` is a SQLite path or a SQLAlchemy URL;
    `machines` a machine mapping file whose signals the server records; `intake` the
    message channels' file."""
    machine_options(machines)  # a bad file stops here, before anything starts
    intake_options(intake)
    if machines:
        os.environ[WORKER_MACHINES_ENV] = machines
    if intake:
        os.environ[WORKER_INTAKE_ENV] = intake
    store = open_database(database, terminal_name="server")
    try:
        if store.engine.dialect.name != "postgresql":
            return _serve_sqlite(
                store, host, port, workers, takeover_s, deadline_interval_s, machines, intake
            )
        if workers > 1:
            # The schema, the server's state row and the PIN key are settled here, once,
            # before the workers start: they would otherwise race to make them.
            prepare(store)
            _share_pin_key(store)
            store.close()
            return _serve_workers(
                str(database), host, port, workers, takeover_s, deadline_interval_s
            )
        api = create_app(
            store,
            takeover_s=takeover_s,
            deadline_interval_s=deadline_interval_s,
            **erp_link_options(),
            **notify_options(),
            **machine_options(machines),
            **intake_options(intake),
        )
        _run(api, host, port)
        return 0
    finally:
        store.close()


def _serve_sqlite(
    store: Store,
    host: str,
    port: int,
    workers: int,
    takeover_s: float,
    deadline_interval_s: float,
    machines: str | None,
    intake: str | None = None,
) -> int:
    where = str(store.path or "an in-memory database")
    if workers > 1:
        raise ServeRefused(
            f"--workers {workers} needs PostgreSQL: {where} is a SQLite file, which one "
            "server process serves. Use --workers 1, or move the server to PostgreSQL "
            "(--database postgresql+psycopg://USER@HOST/DATABASE)."
        )
    # Refused here rather than left on standby: two processes writing one SQLite file
    # is not a supported set-up (one waits on the other's write lock at every push).
    lock = singleton_lock_for(store, describe_process("server"))
    if not lock.try_acquire():
        holder = lock.holder() or "another Takt process"
        raise ServeRefused(
            f"{holder} is already serving {where}. Two server processes on one SQLite "
            "file are not supported: stop that one first, or serve several processes "
            "from PostgreSQL (`takt server --workers N --database postgresql+psycopg://...`)."
        )
    try:
        api = create_app(
            store,
            singleton_lock=lock,
            takeover_s=takeover_s,
            deadline_interval_s=deadline_interval_s,
            **erp_link_options(),
            **notify_options(),
            **machine_options(machines),
            **intake_options(intake),
        )
        _run(api, host, port)
        return 0
    finally:
        lock.release()


def _run(api: FastAPI, host: str, port: int) -> None:
    settle()
    uvicorn.run(api, host=host, port=port, log_level="info")


def _share_pin_key(store: Store) -> None:
    """Every worker must hash PINs with the same key: where no keyring keeps it, the
    workers get it in their environment (app.secrets reads it from there first)."""
    from app.pin_key import ensure_pin_key, secret_name
    from app.secrets import env_name

    key = ensure_pin_key(store.terminal_id)
    os.environ[env_name(secret_name(store.terminal_id))] = key.encode()


def _serve_workers(
    database: str, host: str, port: int, workers: int, takeover_s: float, deadline_interval_s: float
) -> int:
    os.environ[WORKER_DATABASE_ENV] = database
    os.environ[WORKER_TAKEOVER_ENV] = str(takeover_s)
    os.environ[WORKER_DEADLINE_ENV] = str(deadline_interval_s)
    os.environ[WORKER_LOG_LEVEL_ENV] = str(logging.getLogger().getEffectiveLevel())
    shown = make_url(database).render_as_string(hide_password=True)
    log.info("starting %d server processes over %s", workers, shown)
    config = uvicorn.Config(
        f"{__name__}:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )
    try:
        sockets = reuse_port_sockets(host, port, workers, config.backlog)
    except OSError as error:
        raise ServeRefused(f"cannot listen on {host}:{port}: {error}") from None
    log.info("listening on http://%s:%d, one socket a worker", host, sockets[0].getsockname()[1])
    try:
        SpreadWorkers(config, sockets).run()
    finally:
        for sock in set(sockets):
            sock.close()
    return 0


def worker_app() -> FastAPI:
    """One worker process of `takt server --workers N` (uvicorn calls it in the worker)."""
    logging.basicConfig(level=int(os.environ.get(WORKER_LOG_LEVEL_ENV, logging.INFO)))
    store = open_database(os.environ[WORKER_DATABASE_ENV], terminal_name="server")
    api = create_app(
        store,
        takeover_s=float(os.environ[WORKER_TAKEOVER_ENV]),
        deadline_interval_s=float(os.environ[WORKER_DEADLINE_ENV]),
        close_store=True,
        **erp_link_options(),
        **notify_options(),
        **machine_options(os.environ.get(WORKER_MACHINES_ENV)),
        **intake_options(os.environ.get(WORKER_INTAKE_ENV)),
    )
    settle()
    return api


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.server.main")
    parser.add_argument("--database", required=True, help="SQLite file or SQLAlchemy URL")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    try:
        return serve(args.database, args.host, args.port, workers=args.workers)
    except ServeRefused as error:
        log.error("%s", error)
        return 2


if __name__ == "__main__":
    sys.exit(main())
