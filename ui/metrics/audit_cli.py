"""`takt audit`: the execution audit of a database, as CSV and as a printable PDF, with
no window (offscreen).

    takt audit --database DB [--days 30] [--end ISO] [--csv out.csv] [--pdf out.pdf]

Without --end the period ends at the log's last event (as `execution_audit` has it).
The PDF needs a QApplication (its charts are pyqtgraph widgets drawn to images): the
command makes an offscreen one.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import datetime, timedelta
from pathlib import Path

from app.clock import as_utc, parse_iso
from sync.server.cli import CommandFailed

log = logging.getLogger(__name__)


def add_audit_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--database",
        metavar="FILE_OR_URL",
        help="a database file or a SQLAlchemy URL (default: this terminal's database)",
    )
    parser.add_argument("--data-dir", type=Path, help="folder of the terminal's database")
    parser.add_argument(
        "--days", type=float, default=30.0, help="how many days the audit covers (default: 30)"
    )
    parser.add_argument(
        "--end",
        metavar="ISO",
        help="when the period ends, e.g. 2026-11-23T08:00:00+00:00 (default: the last event)",
    )
    parser.add_argument("--csv", type=Path, metavar="FILE", help="write the audit as CSV")
    parser.add_argument("--pdf", type=Path, metavar="FILE", help="write the audit as a PDF")
    parser.add_argument("-v", "--verbose", action="store_true")


def _end(text: str | None) -> datetime | None:
    if text is None:
        return None
    try:
        return as_utc(parse_iso(text))
    except ValueError as error:
        raise CommandFailed(f"--end {text}: not an ISO moment with its zone") from error


def run_audit(args: argparse.Namespace) -> int:
    """Write what was asked for; print one line per file written. 0 when all went well."""
    # Imported here: `takt` starts every other command without the metrics.
    from app.metrics import Period, load_history
    from app.paths import default_data_dir
    from app.store import open_database
    from ui.app import terminal_database

    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.WARNING)
    if args.csv is None and args.pdf is None:
        raise CommandFailed("say what to write: --csv FILE, --pdf FILE or both")
    if args.days <= 0:
        raise CommandFailed("--days must be more than 0")
    location = args.database or str(terminal_database(args.data_dir or default_data_dir()))
    if "://" not in location and not Path(location).is_file():
        raise CommandFailed(f"{location}: no such database file")
    store = open_database(location)
    try:
        from app import queries

        with store.read() as session:
            history = load_history(session)
            plant = queries.plant_name(session)
            people = queries.people_names(session)
    finally:
        store.close()
    end = _end(args.end)
    if end is None:
        if history.last_at is None:
            raise CommandFailed(f"{location}: the log is empty, there is nothing to audit")
        end = history.last_at + timedelta(microseconds=1)
    period = Period.ending(end, args.days)
    from ui.metrics.metrics_data import build_metrics

    data = build_metrics(history, period, plant=plant, people=people)
    assert data.audit is not None
    if args.csv is not None:
        from app.metrics import write_audit_csv

        with args.csv.open("w", encoding="utf-8", newline="") as file:
            count = write_audit_csv(data.audit.rows, file)
        sys.stdout.write(f"{args.csv}: {count} exceptions\n")
    if args.pdf is not None:
        pages = _write_pdf(args.pdf, data)
        sys.stdout.write(f"{args.pdf}: {len(data.audit.rows)} exceptions on {pages} pages\n")
    return 0


def _write_pdf(path: Path, data: object) -> int:
    """The PDF needs a QApplication (the charts are widgets): an offscreen one."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from ui.metrics.audit_report import write_audit_pdf
    from ui.metrics.metrics_data import MetricsData

    assert isinstance(data, MetricsData)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert app is not None
    return write_audit_pdf(path, data, generated_at=datetime.now().astimezone())
