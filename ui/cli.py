"""`takt`: the command line of the terminal app and the server.

Qt is imported only by the commands that open a window, so `takt server` runs on a
machine without a display stack.
"""

from __future__ import annotations

import argparse
import logging
import sys
import tempfile
from pathlib import Path

import app
from app.errors import StorageError

log = logging.getLogger("takt")


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

    terminal = commands.add_parser(
        "terminal", help="open the terminal app on this terminal's database"
    )
    _add_terminal_options(terminal)

    server = commands.add_parser("server", help="run the central Takt server")
    server.add_argument("--host", default="127.0.0.1")
    server.add_argument("--port", type=int, default=8765)
    server.add_argument(
        "--database",
        metavar="PATH",
        type=Path,
        help="the server's SQLite file (default: server.sqlite3 in the data folder)",
    )
    server.add_argument("-v", "--verbose", action="store_true")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "demo":
            return _demo(args)
        if args.command == "terminal":
            return _terminal(args)
        return _server(args)
    except StorageError as error:
        message = f"Takt cannot open {error.path}:\n{error.problem}.\n{error.remedy}"
        sys.stderr.write(f"takt: {message}\n")
        if args.command != "server" and not getattr(args, "smoke", False):
            from ui.app import show_startup_error

            show_startup_error(message)
        return 2
    except KeyboardInterrupt:
        return 130


def _configure_logging(verbose: bool) -> None:
    from app.paths import default_log_dir
    from ui.logging_setup import configure

    configure(default_log_dir(), verbose=verbose)


def _demo(args: argparse.Namespace) -> int:
    from app.clock import SystemClock
    from app.demo.seed import demo_operator_badge, ensure_demo_plant
    from app.store import open_store
    from ui.app import TerminalOptions, run_terminal, terminal_database

    _configure_logging(args.verbose)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="takt-demo-"))
    clock = SystemClock()
    store = open_store(terminal_database(data_dir), terminal_name="demo-kiosk", clock=clock)
    try:
        if ensure_demo_plant(store, clock):
            log.info("demo plant created in %s", data_dir)
        options = TerminalOptions(
            theme=args.theme,
            full_screen=args.full_screen,
            smoke_badge=demo_operator_badge() if args.smoke else None,
            work_center=args.work_center,
        )
        return run_terminal(store, options)
    finally:
        store.close()


def _terminal(args: argparse.Namespace) -> int:
    from app.paths import default_data_dir
    from app.store import open_store
    from ui.app import TerminalOptions, run_terminal, terminal_database

    _configure_logging(args.verbose)
    store = open_store(terminal_database(args.data_dir or default_data_dir()))
    try:
        options = TerminalOptions(
            theme=args.theme, full_screen=args.full_screen, work_center=args.work_center
        )
        return run_terminal(store, options)
    finally:
        store.close()


def _server(args: argparse.Namespace) -> int:
    import uvicorn

    from app.paths import default_data_dir
    from app.store import open_store
    from sync.server.app import create_app

    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO)
    store = open_store(
        args.database or default_data_dir() / "server.sqlite3", terminal_name="server"
    )
    try:
        uvicorn.run(create_app(store), host=args.host, port=args.port, log_level="info")
        return 0
    finally:
        store.close()


if __name__ == "__main__":
    sys.exit(main())
