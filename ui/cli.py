"""`takt`: the command line of the terminal app and the server.

Qt is imported only by the commands that open a window, so `takt server` runs on a
machine without a display stack.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import app
from app.errors import StorageError
from app.i18n import LANGUAGES, QT_TR_NOOP, tr

# The server's verbs live with the server (sync/server/cli.py); their failures and this
# module's are one kind, told the same way.
from sync.intake.cli import add_intake_arguments, run_intake
from sync.machines.cli import (
    add_machines_arguments,
    add_simulate_arguments,
    run_machines,
    run_simulate,
)
from sync.server.cli import CommandFailed, add_post_arguments, add_server_arguments
from ui.metrics.audit_cli import add_audit_arguments, run_audit

if TYPE_CHECKING:
    from app.clock import Clock
    from app.machines.mapping import MachineMapping
    from app.store import Store
    from sync.client.engine import SyncEngine
    from sync.client.transport import SyncError
    from sync.server.runner import ServerThread
    from ui.app import TerminalWindow
    from ui.start_screen import StartProgress

log = logging.getLogger("takt")

# A one-time enrollment code (`takt server terminals add`) for `takt enroll` or `takt
# terminal --server` to register with, when not typed. Read from the environment only.
# app.secrets.env_name("enrollment-code"), written out: app.secrets imports the keyring,
# which `takt terminal` need not wait for before its window shows (tests/test_cli.py).
ENROLLMENT_CODE_ENV = "TAKT_SECRET_ENROLLMENT_CODE"
MAX_DEMO_WINDOWS = 8
SERVER_STOP_GRACE_S = 2.0
PROGRESS_EVERY_S = 0.1  # how often the start screen hears how far the seeding is


def _window_count(text: str) -> int:
    count = int(text)
    if not 1 <= count <= MAX_DEMO_WINDOWS:
        raise argparse.ArgumentTypeError(f"choose 1 to {MAX_DEMO_WINDOWS} windows")
    return count


def _add_terminal_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", type=Path, help="folder of the terminal's database and files")
    parser.add_argument(
        "--theme", choices=("kiosk", "desk"), default="kiosk", help="look (default: kiosk)"
    )
    parser.add_argument("--full-screen", action="store_true", help="fill the screen (kiosks)")
    parser.add_argument(
        "--work-center",
        metavar="CODE",
        help="the work center this kiosk serves (default: the first one running a job)",
    )
    parser.add_argument(
        "--language",
        choices=LANGUAGES,
        help="the screens' language until someone with their own logs in (default: the computer's)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log debug detail to stderr")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="takt", description="Takt: the execution layer for plants."
    )
    parser.add_argument("--version", action="version", version=f"takt {app.__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    demo = commands.add_parser("demo", help="open the terminal app on a fresh demo plant")
    _add_terminal_options(demo)
    demo.add_argument(
        "--smoke",
        action="store_true",
        help="offscreen: log the demo operator in, print one line, exit (0 when it worked)",
    )
    demo.add_argument(
        "--windows",
        type=_window_count,
        default=1,
        metavar="N",
        help="open N terminals (each its own database) on the demo's server (default: 1)",
    )

    terminal = commands.add_parser(
        "terminal", help="open the terminal app on this terminal's database"
    )
    _add_terminal_options(terminal)
    terminal.add_argument(
        "--server",
        metavar="URL",
        help="follow this Takt server (default: the one this terminal followed last)",
    )

    enroll = commands.add_parser(
        "enroll",
        help="register this terminal with a Takt server (asks for a one-time enrollment code)",
    )
    enroll.add_argument("--server", metavar="URL", required=True, help="the server's address")
    enroll.add_argument("--data-dir", type=Path, help="folder of the terminal's database")
    enroll.add_argument("-v", "--verbose", action="store_true")
    enroll.add_argument(
        "--new-identity",
        action="store_true",
        help="this database is a copy of another terminal's: make it a new terminal first, "
        "its own unsent events issued again under the new identity",
    )

    server = commands.add_parser(
        "server", help="run the central Takt server (or, with `terminals`, manage its terminals)"
    )
    add_server_arguments(server)

    machines = commands.add_parser(
        "machines", help="machine signals: check a mapping file, read machines into a database"
    )
    add_machines_arguments(machines)
    intake = commands.add_parser(
        "intake", help="messages (mail, chat, phone notes) as exception drafts, in batch"
    )
    add_intake_arguments(intake)
    plant = commands.add_parser("plant", help="the plant's master data and open orders from a file")
    plant_actions = plant.add_subparsers(dest="plant_command", required=True, metavar="ACTION")
    plant_import = plant_actions.add_parser(
        "import",
        help="record a plant file (TOML or JSON, as resources/demo/plant.toml; see the README): "
        "only what is new or changed",
    )
    plant_import.add_argument("file", type=Path, metavar="FILE", help="a .toml or .json plant file")
    plant_import.add_argument(
        "--database",
        metavar="PATH_OR_URL",
        help="the server's database (default: server.sqlite3 in the data folder)",
    )
    plant_import.add_argument("-v", "--verbose", action="store_true")
    audit = commands.add_parser(
        "audit", help="the execution audit of a period: CSV and a printable PDF (no window)"
    )
    add_audit_arguments(audit)
    simulate = commands.add_parser("simulate", help="simulated plant equipment for the demo")
    add_simulate_arguments(simulate)
    erp = commands.add_parser("erp", help="the server's ERP connection: configure, import, post")
    actions = erp.add_subparsers(dest="erp_command", required=True, metavar="ACTION")
    configure = actions.add_parser(
        "configure", help="say which ERP (erp.toml) and store its API key in the keyring"
    )
    configure.add_argument("--kind", choices=("erpnext", "odoo"), required=True)
    configure.add_argument("--url", required=True, help="the ERP's address")
    configure.add_argument("--database", help="Odoo's database name")
    configure.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="OPTION=VALUE",
        help='an adapter option, e.g. company="My Co" or protocol=jsonrpc (repeatable)',
    )
    for name, text in (
        ("import", "bring master data and open work orders over now"),
        ("status", "postings per state, posting lag, what needs attention, last import"),
        ("post", "post what is due now (with --dry-run: only list it)"),
        (
            "reconcile",
            "look every posting not known as posted up in the ERP (after restoring the "
            "server's database from a backup)",
        ),
    ):
        action = actions.add_parser(name, help=text)
        action.add_argument(
            "--database",
            metavar="PATH_OR_URL",
            help="the server's database (default: server.sqlite3 in the data folder)",
        )
        if name == "import":
            action.add_argument("--full", action="store_true", help="everything, not only changes")
        if name == "post":
            add_post_arguments(action)
        if name == "reconcile":
            action.add_argument(
                "--wait",
                action="store_true",
                help="when a running server is the ERP writer, wait until it stops",
            )
    reversed_ = actions.add_parser(
        "reversed",
        help="record that the ERP's document of a refused event (an orphaned posting, "
        "see `takt erp status`) was reversed in the ERP",
    )
    reversed_.add_argument("posting", metavar="POSTING", help="the posting's id")
    reversed_.add_argument(
        "--by", required=True, metavar="PERSON", help="who reversed it: a supervisor or manager"
    )
    reversed_.add_argument("--reason", required=True, help="what was done in the ERP")
    reversed_.add_argument(
        "--database",
        metavar="PATH_OR_URL",
        help="the server's database (default: server.sqlite3 in the data folder)",
    )
    setup = actions.add_parser(
        "setup", help="create (or with --check only check) what the ERP needs for Takt's postings"
    )
    setup.add_argument("--check", action="store_true", help="change nothing; exit 1 if not ready")
    _add_verify_command(commands)
    return parser


def _add_verify_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    verify = commands.add_parser(
        "verify",
        help="check a terminal's or the server's database end to end (exit 1 on a finding)",
    )
    verify.add_argument(
        "--database",
        metavar="FILE_OR_URL",
        help="a database file or a SQLAlchemy URL (default: this terminal's database)",
    )
    verify.add_argument("--data-dir", type=Path, help="folder of the terminal's database")
    verify.add_argument("-v", "--verbose", action="store_true")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "demo":
            return _demo(args)
        if args.command == "terminal":
            return _terminal(args)
        if args.command == "enroll":
            return _enroll(args)
        if args.command == "verify":
            return _verify(args)
        if args.command == "erp":
            return _erp(args)
        if args.command == "machines":
            return run_machines(args)
        if args.command == "simulate":
            return run_simulate(args)
        if args.command == "intake":
            return run_intake(args)
        if args.command == "audit":
            return run_audit(args)
        if args.command == "plant":
            return _plant(args)
        return _server(args)
    except StorageError as error:
        return _fail(
            args,
            tr(
                "Takt cannot open {path}:\n{problem}.\n{remedy}",
                path=str(error.path),
                problem=error.problem,
                remedy=error.remedy,
            ),
        )
    except (_terminal_in_use(), CommandFailed) as error:
        first = error.args[0] if len(error.args) == 1 else None
        return _fail(args, first if isinstance(first, str) else str(error))
    except KeyboardInterrupt:
        return 130


def _terminal_in_use() -> type[Exception]:
    """app.instance.TerminalInUse, imported only when an exception is being matched (an
    except clause's expression is evaluated then): the window need not wait for it."""
    from app.instance import TerminalInUse

    return TerminalInUse


def _fail(args: argparse.Namespace, message: str) -> int:
    """Say why the command cannot go on: on stderr in English, and at a terminal in a
    dialog in its language (`message` may be an app.i18n Message)."""
    sys.stderr.write(f"takt: {message}\n")
    if args.command in ("demo", "terminal") and not getattr(args, "smoke", False):
        from ui.app import show_startup_error

        show_startup_error(message)
    return 2


def _configure_logging(verbose: bool) -> None:
    from app.paths import default_log_dir
    from ui.logging_setup import configure

    configure(default_log_dir(), verbose=verbose)


def _demo(args: argparse.Namespace) -> int:
    """A server on loopback over the demo plant, and terminals that pull it from there.

    The start screen shows at once; the databases, the seeding (first start only), the
    server and the registrations are prepared off the GUI thread, each step in words."""
    import tempfile
    from contextlib import ExitStack

    from ui.app import TerminalOptions, start_terminals

    _configure_logging(args.verbose)
    smoke_badge = None
    if args.smoke:
        from app.demo.seed import demo_operator_badge

        smoke_badge = demo_operator_badge()
    options = TerminalOptions(
        theme=args.theme,
        full_screen=args.full_screen,
        smoke_badge=smoke_badge,
        work_center=args.work_center,
        language=args.language,
    )
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="takt-demo-"))
    with ExitStack() as stack:
        return start_terminals(
            lambda progress: _prepare_demo(data_dir, args.windows, stack, progress), options
        )


def _prepare_demo(
    data_dir: Path, windows: int, stack: contextlib.ExitStack, progress: StartProgress
) -> list[TerminalWindow]:
    """Everything the demo's windows need (off the GUI thread); what it opens is closed
    by `stack`."""
    progress.step(QT_TR_NOOP("Opening the demo's databases…"))
    from app.clock import SystemClock
    from app.instance import TerminalLock
    from app.store import open_store
    from sync.client.credentials import enroll
    from sync.client.engine import SyncEngine
    from sync.client.transport import SyncError, Transport
    from sync.server.app import create_app, prepare
    from sync.server.runner import ServerThread
    from ui.app import TerminalWindow, terminal_database

    clock = SystemClock()
    server_path = data_dir / "server.sqlite3"
    terminal_paths = [terminal_database(data_dir, n) for n in range(1, windows + 1)]
    for path in (server_path, *terminal_paths):
        stack.enter_context(TerminalLock(path))
    # The terminals' files first: a damaged one is reported before the seeding wait.
    stores: list[Store] = []
    for n, path in enumerate(terminal_paths, start=1):
        name = "demo-kiosk" if n == 1 else f"demo-kiosk-{n}"
        stores.append(open_store(path, terminal_name=name, clock=clock))
        stack.callback(stores[-1].close)
    server_store = open_store(server_path, terminal_name="demo-server", clock=clock)
    stack.callback(server_store.close)
    prepare(server_store)  # before seeding: the server numbers every event it stores
    if any(_holds_unsent_plant(store) for store in stores):
        # A demo folder from before the demo had a server: its terminal pushes its
        # plant up, so the server must not get a second plant from the seed.
        log.info("the demo plant comes from the terminal's own database")
    elif _seed_demo_plant(server_store, clock, progress):
        log.info("demo plant created in %s", data_dir)
    progress.step(QT_TR_NOOP("Starting the demo server…"))
    machines = _demo_machines(stack)
    api = create_app(server_store, clock=clock, machines=machines)
    server = ServerThread(api, host="127.0.0.1", port=0).start()
    stack.callback(_stop_server, server)
    terminals: list[TerminalWindow] = []
    for store in stores:
        progress.step(QT_TR_NOOP("Registering the demo terminal {name}…"), name=store.terminal_name)
        transport = Transport(server.url)
        code = _demo_enrollment_code(server_store, store, clock)
        try:
            enroll(transport, store.terminal_id, store.terminal_name, code).use(transport)
        except SyncError as error:
            raise CommandFailed(
                tr("the demo terminal could not register: {error}", error=str(error))
            ) from None
        empty = not _holds_plant(store)
        engine = SyncEngine(store, transport, clock=clock)
        if empty:
            # A new terminal: its people and jobs come from the server before its login
            # screen shows, so the first badge scanned is known.
            progress.step(
                QT_TR_NOOP("Loading the plant into the demo terminal {name}…"),
                name=store.terminal_name,
            )
            try:
                engine.pull_pending()
            except SyncError as error:  # the window's sync engine tries again
                log.warning("the demo terminal could not load the plant yet: %s", error)
        terminals.append(TerminalWindow(store, engine))
    log.info("demo server on %s, %d terminal(s)", server.url, len(terminals))
    _load_screens(progress)
    return terminals


def _seed_demo_plant(server: Store, clock: Clock, progress: StartProgress) -> bool:
    """Seed the demo plant into the server's database on its first start, saying what
    and how far; whether it did."""
    from app import queries
    from app.demo.generator import demo_plant
    from app.demo.seed import ensure_demo_plant
    from app.events.payloads import WorkOrderReleased

    with server.read() as session:
        if queries.plant_name(session) is not None:
            return False
    plant = demo_plant(clock.now())
    orders = plant.of(WorkOrderReleased)
    progress.step(
        QT_TR_NOOP(
            "Preparing the demo plant (first start only): {orders} work orders with "
            "{operations} operations, {people} people…"
        ),
        orders=len(orders),
        operations=sum(len(order.operations) for order in orders),
        people=len(plant.users),
    )
    written = {"records": 0, "said": 0.0}

    def count() -> None:  # after each committed write that recorded events
        written["records"] += 1
        now = time.monotonic()
        if now - written["said"] >= PROGRESS_EVERY_S:
            written["said"] = now
            progress.detail(QT_TR_NOOP("{records} records written"), records=written["records"])

    server.after_commit.append(count)
    try:
        return ensure_demo_plant(server, clock)
    finally:
        server.after_commit.remove(count)


def _load_screens(progress: StartProgress) -> None:
    """Import the screens here, off the GUI thread: the window then only builds them."""
    progress.step(QT_TR_NOOP("Loading the screens…"))
    import ui.main_window  # noqa: F401
    from ui.app import trace

    trace("screens_loaded")


def _holds_plant(store: Store) -> bool:
    from app.queries import plant_name

    with store.read() as session:
        return plant_name(session) is not None


def _demo_enrollment_code(server: Store, terminal: Store, clock: Clock) -> str:
    """A one-time code for one of the demo's terminals, as an administrator would issue.

    The demo keeps its terminals' keys in this process only (never in the keyring), so
    it revokes what an earlier run registered under that id first."""
    from sync.server import terminals
    from sync.server.terminals import UnknownTerminal

    with contextlib.suppress(UnknownTerminal):
        terminals.revoke(server, terminal.terminal_id, clock.now())
    return terminals.add(server, clock.now(), terminal.terminal_name).code


def _holds_unsent_plant(store: Store) -> bool:
    return _holds_plant(store) and _followed_server(store) is None


def _demo_machines(stack: contextlib.ExitStack) -> MachineMapping | None:
    """The demo plant's machines, when an MQTT broker runs on this machine: its simulated
    edge nodes publish there and the demo server reads them, so the board moves by itself.
    Without a broker the demo runs without machine signals (and says so in its log)."""
    import socket

    from app.machines.mapping import SparkplugSource, load_mapping
    from sync.machines.simulate import MachineSimulator

    mapping = load_mapping()
    sparkplug = [s for s in mapping.sources if isinstance(s, SparkplugSource)]
    if not sparkplug:
        return None
    broker = sparkplug[0].broker
    try:
        socket.create_connection((broker.host, broker.port), timeout=0.5).close()
    except OSError:
        log.info("demo: no MQTT broker on %s:%d, so no machine signals", broker.host, broker.port)
        return None
    # The demo reads only the Sparkplug machines the simulator plays.
    mapping = dataclasses.replace(
        mapping,
        sources=tuple(sparkplug),
        work_centers=tuple(
            wc for wc in mapping.work_centers if wc.state.ref.source == sparkplug[0].name
        ),
    )
    simulator = MachineSimulator(mapping)
    simulator.start()
    stack.callback(simulator.stop)
    log.info(
        "demo: %d simulated machines on %s:%d", len(simulator.machines), broker.host, broker.port
    )
    return mapping


def _stop_server(server: ServerThread) -> None:
    """Stop the embedded server, waiting only briefly.

    A terminal's live stream that was just closed can hold the server's shutdown until
    its next keep-alive (seconds); the process is ending, so it need not wait for that.
    """
    import threading

    stopper = threading.Thread(target=server.stop, name="takt-server-stop", daemon=True)
    stopper.start()
    stopper.join(SERVER_STOP_GRACE_S)
    if stopper.is_alive():
        log.info("the demo server was still closing its connections at exit")


def _terminal(args: argparse.Namespace) -> int:
    """This terminal's window on its own database: the start screen at once, the
    database opened (upgraded, its log checked) off the GUI thread."""
    from contextlib import ExitStack

    from app.paths import default_data_dir
    from ui.app import TerminalOptions, start_terminals, terminal_database

    _configure_logging(args.verbose)
    path = terminal_database(args.data_dir or default_data_dir())
    options = TerminalOptions(
        theme=args.theme,
        full_screen=args.full_screen,
        work_center=args.work_center,
        language=args.language,
    )
    with ExitStack() as stack:
        return start_terminals(
            lambda progress: _prepare_terminal(path, args.server, stack, progress), options
        )


def _prepare_terminal(
    path: Path, server: str | None, stack: contextlib.ExitStack, progress: StartProgress
) -> list[TerminalWindow]:
    progress.step(QT_TR_NOOP("Opening this terminal's database…"))
    from app.instance import TerminalLock
    from app.store import open_store
    from ui.app import TerminalWindow, trace

    stack.enter_context(TerminalLock(path))
    store = open_store(path)
    trace("database_open")
    stack.callback(store.close)
    url = server or _followed_server(store)
    engine = None
    if url:
        progress.step(QT_TR_NOOP("Connecting to the Takt server at {url}…"), url=url)
        engine = _connect(store, url)
    _load_screens(progress)
    return [TerminalWindow(store, engine)]


def _followed_server(store: Store) -> str | None:
    """The server this terminal's database follows: its own events must still go there."""
    from app.model import SyncState

    with store.read() as session:
        state = session.get(SyncState, 1)
        return state.server_url if state is not None else None


def _connect(store: Store, url: str) -> SyncEngine:
    """An engine for `url` with this terminal's credentials (registering when given a code)."""
    from sync.client.credentials import NotEnrolled, obtain_token
    from sync.client.engine import SyncEngine
    from sync.client.transport import SyncError, Transport

    transport = Transport(url)
    try:
        credentials = obtain_token(
            transport, store.terminal_id, store.terminal_name, os.environ.get(ENROLLMENT_CODE_ENV)
        )
    except NotEnrolled as error:
        transport.close()
        raise CommandFailed(error.args[0] if len(error.args) == 1 else str(error)) from None
    except SyncError as error:
        transport.close()
        raise CommandFailed(_registration_failed(url, error)) from None
    if credentials.warning:
        log.warning("%s", credentials.warning)
        sys.stderr.write(f"takt: warning: {credentials.warning}\n")
    credentials.use(transport)
    return SyncEngine(store, transport)


def _registration_failed(url: str, error: SyncError) -> str:
    from sync.client.transport import Offline, Refused, ServerBusy, Unauthorized

    if isinstance(error, Offline):
        return tr(
            "cannot reach the Takt server at {url} ({error}). Check the address, the "
            "network, and that the server is running.",
            url=url,
            error=str(error),
        )
    if isinstance(error, Unauthorized):
        return tr(
            "the server at {url} refused the enrollment code ({error}). Check it (or "
            "{variable}), or ask an administrator for a new one "
            "(`takt server terminals add`).",
            url=url,
            error=str(error),
            variable=ENROLLMENT_CODE_ENV,
        )
    if isinstance(error, ServerBusy) and error.retry_after_s is not None:
        return tr(
            "the server at {url} is not taking enrollment codes from here for now: "
            "{error} (wait {seconds} s)",
            url=url,
            error=str(error),
            seconds=f"{error.retry_after_s:.0f}",
        )
    if isinstance(error, Refused):
        return tr(
            "the server at {url} would not register this terminal: {error}",
            url=url,
            error=str(error),
        )
    return tr("registering with the server at {url} failed: {error}", url=url, error=str(error))


def _enroll(args: argparse.Namespace) -> int:
    """Register with a one-time enrollment code; keep the terminal's token and signing key
    in the keyring."""
    import getpass

    from app.instance import TerminalLock
    from app.paths import default_data_dir
    from app.secrets import SecretUnavailable, check_storable
    from app.store import open_store
    from sync.client.credentials import register_and_keep, signing_key_name, token_name
    from sync.client.transport import SyncError, Transport
    from ui.app import terminal_database

    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    url = args.server.rstrip("/")
    path = terminal_database(args.data_dir or default_data_dir())
    with TerminalLock(path):
        store = open_store(path)
        try:
            if args.new_identity:
                _take_new_identity(store)
            secret = token_name(store.terminal_id)
            try:
                # The server registers a terminal id once: find out first that what it
                # hands out can be kept, or the terminal would be locked out.
                check_storable(secret)
                check_storable(signing_key_name(store.terminal_id))
            except SecretUnavailable as error:
                raise CommandFailed(f"cannot enroll this terminal: {error}") from None
            code = os.environ.get(ENROLLMENT_CODE_ENV) or getpass.getpass(
                f"One-time enrollment code for {url} (from `takt server terminals add`): "
            )
            if not code.strip():
                raise CommandFailed(
                    "no enrollment code given. Type it when asked, or set "
                    f"{ENROLLMENT_CODE_ENV}; an administrator issues one with "
                    "`takt server terminals add`."
                )
            transport = Transport(url)
            try:
                kept = register_and_keep(
                    transport, store.terminal_id, store.terminal_name, code.strip()
                )
            except SecretUnavailable as error:
                raise CommandFailed(f"cannot enroll this terminal: {error}") from None
            except SyncError as error:
                raise CommandFailed(_registration_failed(url, error)) from None
            finally:
                transport.close()
            if kept.warning:
                raise CommandFailed(f"registered, but {kept.warning}")
            data_dir = f" --data-dir {args.data_dir}" if args.data_dir else ""
            print(  # noqa: T201 - this command's answer, for the person who typed it
                f"Enrolled terminal {store.terminal_name!r} ({store.terminal_id}) with {url}.\n"
                "Its token and signing key are in this computer's keyring "
                f"(service 'takt', {secret!r}, {signing_key_name(store.terminal_id)!r}).\n"
                f"Start it with: takt terminal --server {url}{data_dir}"
            )
            return 0
        finally:
            store.close()


def _server(args: argparse.Namespace) -> int:
    from app.paths import default_data_dir
    from sync.server import cli

    return cli.run(args, default_data_dir() / "server.sqlite3")


def _erp(args: argparse.Namespace) -> int:
    import getpass
    import os

    from app.clock import SystemClock
    from app.errors import TaktError
    from app.paths import default_data_dir
    from app.secrets import SecretUnavailable, check_storable, env_name, set_secret
    from app.store import open_database
    from sync.erp import commands
    from sync.erp.base import ErpError
    from sync.erp.config import (
        API_KEY,
        API_SECRET,
        load_erp_settings,
        make_adapter,
        save_erp_settings,
        settings_from_dict,
    )
    from sync.server.cli import erp_writer_lock

    logging.basicConfig(level=logging.WARNING)
    clock = SystemClock()
    try:
        if args.erp_command == "configure":
            options = {}
            for item in args.set:
                name, _, value = item.partition("=")
                options[name.strip()] = _option_value(value.strip())
            data = {"kind": args.kind, "url": args.url, "options": options}
            if args.database:
                data["database"] = args.database
            configured = settings_from_dict(data, "command line")
            # Credentials are settled before anything is written: from the documented
            # TAKT_SECRET_ERP_* variables, else asked for (which needs a keyring to keep
            # them). A failure leaves erp.toml and the keyring as they were.
            wanted = [(API_KEY, "API key")]
            if args.kind == "erpnext":
                wanted.append((API_SECRET, "API secret"))
            try:
                check_storable(API_KEY)
                keyring_usable = True
            except SecretUnavailable:
                keyring_usable = False
            values: dict[str, str] = {}
            for secret, label in wanted:
                value = os.environ.get(env_name(secret), "")
                if not value and not keyring_usable:
                    names = " and ".join(env_name(s) for s, _ in wanted)
                    raise CommandFailed(
                        f"this machine has no keyring and {env_name(secret)} is not set: set "
                        f"{names} in the server's environment (or install keyrings.alt); "
                        "nothing written"
                    )
                value = value or getpass.getpass(f"ERP {label}: ")
                if not value:
                    raise CommandFailed(f"no {label} given; nothing written")
                values[secret] = value
            if keyring_usable:
                for secret, value in values.items():
                    set_secret(secret, value)
                where = "credentials stored in the keyring"
            else:
                names = ", ".join(env_name(s) for s in values)
                where = (
                    f"credentials are read from {names} (this machine has no keyring): "
                    "keep them in the environment of the server and of `takt erp`"
                )
            path = save_erp_settings(configured)
            sys.stdout.write(f"ERP settings written to {path}; {where}\n")
            return 0
        # (`setup` takes no --database: it works on the ERP alone.)
        database = getattr(args, "database", None) or default_data_dir() / "server.sqlite3"
        if args.erp_command == "reversed":
            # A person's word, recorded in their name: the ERP is not asked (nor needed).
            store = open_database(database, terminal_name="server")
            try:
                from sync.server.app import prepare

                prepare(store)
                lines = commands.record_reversal(store, clock, args.posting, args.by, args.reason)
            finally:
                store.close()
            sys.stdout.write("\n".join(lines) + "\n")
            return 0
        settings = load_erp_settings()
        if settings is None:
            raise CommandFailed("no ERP configured: run `takt erp configure` first")
        if args.erp_command == "setup":
            from sync.erp.setup import setup

            lines, ready = setup(make_adapter(settings), check_only=args.check)
            sys.stdout.write("\n".join(lines) + "\n")
            return 0 if ready else 1
        store = open_database(database, terminal_name="server")
        try:
            from sync.server.app import prepare

            prepare(store)
            if args.erp_command == "status":
                lines = commands.status(store, clock)
            else:
                adapter = make_adapter(settings)
                if args.erp_command == "import":
                    lines = commands.run_import(store, adapter, clock, full=args.full)
                elif args.erp_command == "reconcile":
                    with erp_writer_lock(store, wait=args.wait):
                        lines = commands.reconcile(store, adapter, clock)
                elif args.dry_run:
                    lines = commands.post(store, adapter, clock, dry_run=True)
                else:
                    # One ERP writer at a time: a running server is it (sync/server/cli.py).
                    with erp_writer_lock(store, wait=args.wait):
                        lines = commands.post(store, adapter, clock, dry_run=False)
        finally:
            store.close()
    except (TaktError, ErpError) as error:
        raise CommandFailed(f"ERP: {error}") from None
    sys.stdout.write("\n".join(lines) + "\n")
    return 0


def _plant(args: argparse.Namespace) -> int:
    """`takt plant import FILE`: the file's plant into the server's database."""
    from app.clock import SystemClock
    from app.errors import TaktError
    from app.paths import default_data_dir
    from app.plant_file import PlantFileError, read_plant_file
    from app.services.plant_import import PlantImportService
    from app.store import open_database
    from sync.server.app import prepare

    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    clock = SystemClock()
    try:
        plant = read_plant_file(args.file, now=clock.now())
    except PlantFileError as error:
        raise CommandFailed(f"{error}\nnothing recorded") from None
    store = open_database(
        args.database or default_data_dir() / "server.sqlite3", terminal_name="server"
    )
    try:
        prepare(store)
        report = PlantImportService(store, clock).import_plant(plant)
    except TaktError as error:
        raise CommandFailed(f"{args.file.name}: {error}; nothing recorded") from None
    finally:
        store.close()
    sys.stdout.write(f"{args.file.name}: " + "\n".join(report.lines()) + "\n")
    return 0


def _option_value(text: str) -> object:
    """`--set name=value`: numbers and true/false as such, anything else as text."""
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text.strip('"')


def _take_new_identity(store: Store) -> None:
    """A copied database becomes a new terminal, its own diverging events issued again."""
    import uuid

    from app.clock import SystemClock
    from app.errors import TaktError
    from app.events import fork

    new_id = str(uuid.uuid4())
    try:
        with store.write() as session:
            taken = fork.take_new_identity(session, new_id, now=SystemClock().now())
    except TaktError as error:
        raise CommandFailed(f"cannot give this database a new identity: {error}") from None
    store.terminal_id = new_id
    print(  # noqa: T201 - this command's answer, for the person who typed it
        f"This database is now terminal {new_id} (it was a copy of {taken.old_terminal_id}); "
        f"{taken.reissued} of its own events wait to be sent under the new identity.\n"
        "If enrolling fails now, run `takt enroll` again (without --new-identity)."
    )


def _verify(args: argparse.Namespace) -> int:
    """Check a database end to end: 0 when sound, 1 with every finding (up to a limit)."""
    from app.events import audit
    from app.paths import default_data_dir
    from app.store import open_database
    from ui.app import terminal_database

    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    location = args.database or str(terminal_database(args.data_dir or default_data_dir()))
    if "://" not in location and not Path(location).is_file():
        raise CommandFailed(f"{location}: no such database file")
    # Opened without the check at start: this reports every break, not the first.
    store = open_database(location, verify_log=False)
    try:
        with store.read() as session:
            report = audit.verify_all(session)
    finally:
        store.close()
    summary = f"{location}: {report.events:,} events of {report.terminals} terminal(s)"
    if report.signed_heads:
        summary += f", {report.signed_heads:,} signed chain heads"
    if report.sound:
        sys.stdout.write(f"{summary}: sound\n")
        return 0
    total = len(report.findings) + report.more
    lines = [f"{summary}: {total} finding(s)", *(f"  {f}" for f in report.findings)]
    if report.more:
        lines.append(f"  ... and {report.more} more")
    sys.stdout.write("\n".join(lines) + "\n")
    return 1


if __name__ == "__main__":
    sys.exit(main())
