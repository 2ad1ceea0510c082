"""Running the central server: `takt server` and `python -m sync.server.main`.

New terminals register with one-time enrollment codes an administrator issues with
`takt server terminals add` (sync.server.terminals); there is no plant-wide key.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path
from typing import Any

import uvicorn

from app.store import open_database
from sync.server.app import create_app
from sync.server.notifier import notify_options

log = logging.getLogger(__name__)


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


def serve(database: str | Path, host: str, port: int) -> int:
    """Serve until interrupted; `database` is a SQLite path or a SQLAlchemy URL."""
    store = open_database(database, terminal_name="server")
    try:
        api = create_app(store, **erp_link_options(), **notify_options())
        uvicorn.run(api, host=host, port=port, log_level="info")
        return 0
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sync.server.main")
    parser.add_argument("--database", required=True, help="SQLite file or SQLAlchemy URL")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    return serve(args.database, args.host, args.port)


if __name__ == "__main__":
    sys.exit(main())
