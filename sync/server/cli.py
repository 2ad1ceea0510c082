"""The server's command-line verbs: `takt server` (and `takt server terminals ...`), and
the single-writer lock `takt erp post` takes. ui/cli.py hands these verbs over here.

Only argparse is imported at the top: `takt terminal` builds the same parser and need
not load the server to show its window.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import re
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from datetime import datetime
    from pathlib import Path

    from app.store import Store
    from sync.server import terminals

MAX_TERMINAL_NAME = 120
# A machine source's name, as the mapping file and the actor "machine:<source>" carry it.
SOURCE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,23}")
MAX_WORKERS = 64


class CommandFailed(Exception):
    """The command cannot go on; the message says why and what to do (exit code 2)."""


def _machine_sources(text: str) -> tuple[str, ...]:
    sources = tuple(s.strip() for s in text.split(",") if s.strip())
    for source in sources:
        if not SOURCE_NAME.fullmatch(source):
            raise argparse.ArgumentTypeError(
                f"{source!r} is not a source name: 1 to 24 lower-case letters, digits, "
                "'-' or '_', as in the machine mapping file"
            )
    if not sources:
        raise argparse.ArgumentTypeError("name at least one machine source")
    return sources


def _workers(text: str) -> int:
    count = int(text)
    if not 1 <= count <= MAX_WORKERS:
        raise argparse.ArgumentTypeError(f"choose 1 to {MAX_WORKERS} processes")
    return count


def _seconds(text: str) -> float:
    seconds = float(text)
    if not 0.1 <= seconds <= 3600:
        raise argparse.ArgumentTypeError("choose 0.1 to 3600 seconds")
    return seconds


def add_server_arguments(server: argparse.ArgumentParser) -> None:
    """`takt server`'s options and its `terminals` verbs."""
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument(
        "--machines",
        metavar="MAPPING_FILE",
        help="record machine signals (Sparkplug B, JSON over MQTT, OPC UA) as the mapping "
        "file says (resources/machines/demo.toml shows the format)",
    )
    server.add_argument(
        "--intake",
        metavar="FILE",
        help="take messages in as exception drafts: an SMTP listener, an IMAP poll, chat "
        "webhooks (WhatsApp, Teams, Slack, JSON), as the TOML file says "
        "(sync/intake/channels/config.py shows the format)",
    )
    server.add_argument("--port", type=int, default=8765)
    server.add_argument(
        "--database",
        metavar="PATH_OR_URL",
        help="the server's SQLite file or a SQLAlchemy URL such as postgresql+psycopg://... "
        "(default: server.sqlite3 in the data folder)",
    )
    server.add_argument(
        "--workers",
        type=_workers,
        default=1,
        metavar="N",
        help="serve from N processes on one port (PostgreSQL only; default: 1); one of "
        "them runs the deadline timer, notifier and ERP writer",
    )
    server.add_argument(
        "--takeover-seconds",
        type=_seconds,
        metavar="S",
        # No default here: the server's own (sync.server.singletons) applies, and the
        # parser, which `takt terminal` builds too, imports nothing of the server.
        help="how often a standby server process tries to take over the deadline timer, "
        "notifier and ERP writer when their holder stops (default: 5)",
    )
    server.add_argument(
        "--deadline-check-seconds",
        type=_seconds,
        default=15.0,
        metavar="S",
        help="how often the server looks for passed SLA deadlines (default: 15)",
    )
    server.add_argument("-v", "--verbose", action="store_true")
    _add_terminals_commands(server)


def add_post_arguments(post: argparse.ArgumentParser) -> None:
    """`takt erp post`'s own options."""
    post.add_argument("--dry-run", action="store_true", help="send nothing")
    post.add_argument(
        "--wait",
        action="store_true",
        help="when a running server is the ERP writer, wait until it stops, then post "
        "(without it: refuse and say which server)",
    )


def _valid_hours(text: str) -> float:
    hours = float(text)
    if not 0 < hours <= 24 * 30:
        raise argparse.ArgumentTypeError("choose more than 0 and at most 720 hours")
    return hours


def _add_terminals_commands(server: argparse.ArgumentParser) -> None:
    """`takt server terminals add|list|revoke`: the administrator's side of enrollment."""
    verbs = server.add_subparsers(dest="server_command", metavar="ACTION")
    terminals = verbs.add_parser(
        "terminals", help="issue enrollment codes, list and revoke the server's terminals"
    )
    actions = terminals.add_subparsers(dest="terminals_command", required=True, metavar="ACTION")
    add = actions.add_parser(
        "add", help="print a one-time enrollment code for one new terminal (valid 24 h)"
    )
    add.add_argument("--name", help="the name the terminal will have on this server")
    add.add_argument(
        "--machines",
        type=_machine_sources,
        default=(),
        metavar="SOURCE[,SOURCE]",
        help="the code enrolls a machine bridge (`takt machines`) that speaks for these "
        "sources of the machine mapping file",
    )
    add.add_argument(
        "--valid-hours",
        type=_valid_hours,
        default=24.0,
        metavar="HOURS",
        help="how long the code can be used (default: 24)",
    )
    actions.add_parser("list", help="registered terminals and pending enrollment codes")
    revoke = actions.add_parser("revoke", help="revoke a terminal: its token stops working now")
    revoke.add_argument("terminal_id", metavar="TERMINAL_ID")
    for action in actions.choices.values():
        action.add_argument(
            "--database",
            dest="terminals_database",
            metavar="PATH_OR_URL",
            help="the server's database (default: server.sqlite3 in the data folder)",
        )


def run(args: argparse.Namespace, default_database: str | Path) -> int:
    """`takt server` and `takt server terminals ...`."""
    from sync.server.main import ServeRefused, serve
    from sync.server.singletons import DEFAULT_TAKEOVER_S

    if args.server_command == "terminals":
        return _server_terminals(args, default_database)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO)
    # Terminals register with one-time codes from `takt server terminals add`.
    try:
        return serve(
            str(args.database or default_database),
            args.host,
            args.port,
            workers=args.workers,
            takeover_s=args.takeover_seconds or DEFAULT_TAKEOVER_S,
            deadline_interval_s=args.deadline_check_seconds,
            machines=args.machines,
            intake=args.intake,
        )
    except ServeRefused as error:
        raise CommandFailed(str(error)) from None


@contextlib.contextmanager
def erp_writer_lock(store: Store, *, wait: bool) -> Iterator[None]:
    """Hold the server database's single-writer lock while `takt erp post` posts: a
    running server is the ERP writer, and two writers must not post side by side."""
    from sync.server.app import singleton_lock_for
    from sync.server.singletons import LockHeld, describe_process, holding

    def waiting(holder: str) -> None:
        sys.stderr.write(
            f"takt: {holder} is the ERP writer of this database; waiting until it stops "
            "(Ctrl+C to give up)...\n"
        )

    lock = singleton_lock_for(store, describe_process("erp post"))
    try:
        with holding(lock, wait=wait, on_wait=waiting):
            yield
    except LockHeld as error:
        raise CommandFailed(
            f"{error.holder} is running on {error.where} and is its ERP writer: it posts "
            "what is due by itself (`takt erp status` shows how far it got). Nothing was "
            "posted from here. To post from here instead, stop that server first, or run "
            "`takt erp post --wait` to post as soon as it has stopped."
        ) from None


def _server_terminals(args: argparse.Namespace, default_database: str | Path) -> int:
    """`takt server terminals add|list|revoke`, on the server's database directly."""
    from datetime import timedelta

    from app.clock import SystemClock
    from app.errors import TaktError
    from app.store import open_database
    from sync.server import terminals

    logging.basicConfig(level=logging.WARNING)
    name = args.name.strip() if getattr(args, "name", None) else None
    if name is not None and not 1 <= len(name) <= MAX_TERMINAL_NAME:
        raise CommandFailed(f"--name: give 1 to {MAX_TERMINAL_NAME} characters")
    database = args.terminals_database or args.database or default_database
    now = SystemClock().now()
    try:
        store = open_database(database, terminal_name="server")
        try:
            if args.terminals_command == "add":
                issued = terminals.add(
                    store, now, name, timedelta(hours=args.valid_hours), args.machines
                )
                lines = [
                    "One-time enrollment code"
                    + (f" for {issued.name!r}" if issued.name else "")
                    + f": {issued.code}",
                    f"It registers one terminal, once, until {_when(issued.expires_at)}; "
                    "it is not shown again.",
                    "At the terminal run: takt enroll --server URL (and type the code).",
                ]
            elif args.terminals_command == "revoke":
                row = terminals.revoke(store, args.terminal_id, now)
                lines = [
                    f"Terminal {row.id} ({row.name}) is revoked (since "
                    f"{_when(row.revoked_at)}): its token no longer works.",
                    "To take it back: `takt server terminals add`, then `takt enroll` on it.",
                ]
            else:
                lines = _terminals_listing(
                    terminals.terminals(store), terminals.pending_codes(store, now)
                )
        finally:
            store.close()
    except TaktError as error:
        raise CommandFailed(str(error)) from None
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _when(moment: datetime | None) -> str:
    from app.clock import utc_text

    return utc_text(moment) if moment is not None else "never"


def _terminals_listing(
    rows: list[terminals.TerminalRow], codes: list[terminals.PendingCode]
) -> list[str]:
    table = [("ID", "NAME", "REGISTERED", "LAST SEEN", "STATE")]
    for row in rows:
        state = f"revoked {_when(row.revoked_at)}" if row.revoked_at else "active"
        if not row.signs and not row.revoked_at:
            state += " (unsigned: enroll again)"
        table.append((row.id, row.name, _when(row.registered_at), _when(row.last_seen_at), state))
    widths = [max(len(line[i]) for line in table) for i in range(4)]
    lines = [f"Terminals: {len(rows)}"] if rows else ["Terminals: none registered"]
    if rows:
        lines += [
            "  ".join(
                [*(cell.ljust(width) for cell, width in zip(line, widths, strict=False)), line[4]]
            )
            for line in table
        ]
    lines.append(f"Pending enrollment codes: {len(codes)}")
    lines += [
        f"  {code.name or '(no name)'}: issued {_when(code.created_at)}, "
        f"valid until {_when(code.expires_at)}"
        for code in codes
    ]
    return lines
