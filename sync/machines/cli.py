"""`takt machines check|run` and `takt simulate machines`: the machine-signal verbs.

Only argparse is imported at the top, as for the server's verbs: `takt terminal` builds
the same parser and need not load paho or asyncua to show its window.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from sync.server.cli import CommandFailed

if TYPE_CHECKING:
    from app.machines.mapping import MachineMapping
    from app.store import Store
    from sync.client.transport import Transport


def add_machines_arguments(machines: argparse.ArgumentParser) -> None:
    """`takt machines check FILE` and `takt machines run FILE --database ...`."""
    actions = machines.add_subparsers(dest="machines_command", required=True, metavar="ACTION")
    check = actions.add_parser("check", help="check a machine mapping file, naming each mistake")
    check.add_argument("mapping", metavar="MAPPING_FILE")
    status = actions.add_parser(
        "status",
        help="what the server's machine host says of every work center, source, edge node "
        "and device (asked as this machine's bridge or terminal)",
    )
    status.add_argument("--server", metavar="URL", required=True)
    status.add_argument(
        "--bridge-database",
        metavar="PATH",
        help="whose credentials to ask with (default: machine-bridge.sqlite3 in the data folder)",
    )
    run = actions.add_parser(
        "run",
        help="read the machines of a mapping file, printing their status: into a database "
        "(a server does this itself with `takt server --machines FILE`), or as a machine "
        "bridge pushing to a server",
    )
    run.add_argument("mapping", metavar="MAPPING_FILE")
    where = run.add_mutually_exclusive_group(required=True)
    where.add_argument("--database", metavar="PATH_OR_URL", help="record into this database")
    where.add_argument(
        "--server",
        metavar="URL",
        help="be a machine bridge of this server: its own database (--bridge-database), "
        "enrolled with a code for its sources (`takt server terminals add --machines "
        "SOURCE`, typed in TAKT_SECRET_ENROLLMENT_CODE the first time)",
    )
    run.add_argument(
        "--bridge-database",
        metavar="PATH",
        help="the bridge's own database (default: machine-bridge.sqlite3 in the data folder)",
    )
    run.add_argument(
        "--sources", metavar="SOURCE[,SOURCE]", help="read only these sources of the file"
    )
    run.add_argument(
        "--status-seconds",
        type=float,
        default=10.0,
        help="how often the status is printed (default: 10)",
    )


def add_simulate_arguments(simulate: argparse.ArgumentParser) -> None:
    """`takt simulate machines [--mapping FILE] [--speed N] [--seed N]`."""
    what = simulate.add_subparsers(dest="simulate_command", required=True, metavar="WHAT")
    machines = what.add_parser(
        "machines",
        help="the demo plant's machines as Sparkplug B edge nodes on the mapping's broker",
    )
    machines.add_argument("--mapping", metavar="MAPPING_FILE", help="default: the demo's")
    machines.add_argument(
        "--speed", type=float, default=1.0, help="simulated seconds per second (default: 1)"
    )
    machines.add_argument("--seed", type=int, default=1)
    machines.add_argument(
        "--seconds", type=float, default=None, help="stop after this many seconds (real time)"
    )


def _mapping(path: str | None) -> MachineMapping:
    from app.errors import ValidationError
    from app.machines.mapping import load_mapping
    from app.routing.reasons import load_reasons

    try:
        return load_mapping(Path(path) if path else None, reasons=load_reasons())
    except OSError as error:
        raise CommandFailed(f"cannot read {path}: {error}") from None
    except ValidationError as error:
        raise CommandFailed(f"{path or 'the demo mapping'} has mistakes:\n{error}") from None


def _until_interrupted(seconds: float | None) -> None:
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    with contextlib.suppress(KeyboardInterrupt):
        done.wait(seconds)


def run_machines(args: argparse.Namespace) -> int:
    if args.machines_command == "status":
        return _server_status(args)
    mapping = _mapping(args.mapping)
    if args.machines_command == "check":
        sys.stdout.write(
            f"{args.mapping}: {len(mapping.sources)} sources, "
            f"{len(mapping.work_centers)} work centers, no mistakes\n"
        )
        return 0
    from app.store import open_database
    from sync.machines.host import MachineHost
    from sync.machines.status import status_lines

    logging.basicConfig(level=logging.INFO)
    only = [s.strip() for s in args.sources.split(",")] if args.sources else None
    if args.server:
        return _run_bridge(args, mapping, only)
    store = open_database(args.database)
    host = MachineHost(store, mapping, only=only)
    try:
        host.start()
        _print_status(lambda: status_lines(host.status()), args.status_seconds)
    finally:
        host.stop()
        store.close()
    return 0


def _print_status(lines: Callable[[], list[str]], every_s: float) -> None:
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with contextlib.suppress(KeyboardInterrupt):
        while not stop.wait(max(1.0, every_s)):
            sys.stdout.write("\n".join(lines()) + "\n")
            sys.stdout.flush()


def _bridge_link(args: argparse.Namespace) -> tuple[Store, Transport]:
    """The bridge's database and a transport to `--server` with its credentials."""
    import os

    from app.paths import default_data_dir
    from app.store import open_store
    from sync.client.credentials import ENROLLMENT_CODE_ENV, NotEnrolled, obtain_token
    from sync.client.transport import SyncError, Transport

    path = Path(args.bridge_database or default_data_dir() / "machine-bridge.sqlite3")
    store = open_store(path, terminal_name="machine-bridge")
    transport = Transport(args.server)
    try:
        credentials = obtain_token(
            transport, store.terminal_id, "machine-bridge", os.environ.get(ENROLLMENT_CODE_ENV)
        )
    except (NotEnrolled, SyncError) as error:
        transport.close()
        store.close()
        raise CommandFailed(f"cannot join {args.server} as a machine bridge: {error}") from None
    credentials.use(transport)
    return store, transport


def _server_status(args: argparse.Namespace) -> int:
    from sync.client.transport import SyncError
    from sync.machines.status import status_lines

    store, transport = _bridge_link(args)
    try:
        status = transport.machine_status()
    except SyncError as error:
        raise CommandFailed(f"{args.server}: {error}") from None
    finally:
        transport.close()
        store.close()
    sys.stdout.write("\n".join(status_lines(status)) + "\n")
    return 0


def _run_bridge(args: argparse.Namespace, mapping: MachineMapping, only: list[str] | None) -> int:
    from sync.machines.bridge import MachineBridge
    from sync.machines.status import status_lines

    store, transport = _bridge_link(args)
    try:
        bridge = MachineBridge(store, transport, mapping, only=only)
        try:
            bridge.start()
            host = bridge.host
            if host is not None:
                _print_status(lambda: status_lines(host.status()), args.status_seconds)
        finally:
            bridge.stop()
    finally:
        store.close()
    return 0


def run_simulate(args: argparse.Namespace) -> int:
    from sync.machines.simulate import MachineSimulator

    logging.basicConfig(level=logging.INFO)
    simulator = MachineSimulator(_mapping(args.mapping), speed=args.speed, seed=args.seed)
    if not simulator.machines:
        raise CommandFailed("the mapping file maps no Sparkplug B device to simulate")
    simulator.start()
    try:
        _until_interrupted(args.seconds)
    finally:
        simulator.stop()
    return 0
