"""`takt intake parse --database DB [FILE]`: what Takt understands of messages, in batch.

FILE (or standard input) holds one JSON object a line: `id`, `channel` (email, whatsapp,
teams, slack, phone, chat), `received_at` (ISO 8601 with offset), optional `subject`,
`text`, optional `lang`. Each message gives one line on standard output:
`{"id", "predicted": {"type", "urgency", "work_orders", "items", "lots", "work_centers",
"customer", "quantity": {"value", "unit"} or null, "date": "YYYY-MM-DD" or null}}`, or
with `--drafts` the whole draft (every field with its span and confidence). A line that
cannot be read, or repeats an id, is refused on standard error with its line number and
why; the others go on, and the exit code is then 1.

Only argparse is imported at the top: `takt terminal` builds the same parser.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from sync.server.cli import CommandFailed

if TYPE_CHECKING:
    from sync.intake.reference import ReferenceIndex


def add_intake_arguments(intake: argparse.ArgumentParser) -> None:
    """`takt intake parse --database DB [FILE] [--drafts]`."""
    actions = intake.add_subparsers(dest="intake_command", required=True, metavar="ACTION")
    parse = actions.add_parser(
        "parse",
        help="read messages (one JSON object a line) and print, one line each, the "
        "exception Takt understands in it: type, urgency, orders, items, lots, work "
        "centers, customer, quantity, date",
    )
    parse.add_argument("file", nargs="?", metavar="FILE", help="default: standard input")
    parse.add_argument(
        "--database",
        required=True,
        metavar="PATH_OR_URL",
        help="the Takt database whose plant the messages are read against",
    )
    parse.add_argument(
        "--drafts",
        action="store_true",
        help="print each whole draft (every field with where it was found and how sure)",
    )


def _reference(location: str) -> ReferenceIndex:
    from app.store import open_database
    from sync.intake.reference import load_reference

    if "://" not in location and not Path(location).is_file():
        raise CommandFailed(f"{location}: no such database file")
    store = open_database(location, terminal_name="intake")
    try:
        return load_reference(store)
    finally:
        store.close()


def parse_lines(
    lines: Iterable[str],
    reference: ReferenceIndex,
    out: TextIO,
    errors: TextIO,
    *,
    drafts: bool = False,
) -> tuple[int, int]:
    """Understand each message line; returns (messages written, lines refused)."""
    from sync.intake.draft import Message as IntakeMessage
    from sync.intake.draft import MessageError, understand

    written = refused = 0
    first_line: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            message = IntakeMessage.from_json(json.loads(line))
        except json.JSONDecodeError as error:
            refused += 1
            errors.write(f"line {number}: not a JSON object ({error.msg})\n")
            continue
        except MessageError as error:
            refused += 1
            errors.write(f"line {number}: {error}\n")
            continue
        if message.id in first_line:
            refused += 1
            errors.write(
                f"line {number}: id {message.id!r} again (first on line "
                f"{first_line[message.id]}); left out\n"
            )
            continue
        first_line[message.id] = number
        draft = understand(message, reference)
        result = draft.as_json() if drafts else {"id": message.id, "predicted": draft.prediction()}
        out.write(json.dumps(result, ensure_ascii=False) + "\n")
        written += 1
    return written, refused


def run_intake(args: argparse.Namespace) -> int:
    reference = _reference(args.database)
    if args.file and args.file != "-":
        try:
            source: TextIO = open(args.file, encoding="utf-8")  # noqa: SIM115 - closed below
        except OSError as error:
            raise CommandFailed(f"cannot read {args.file}: {error.strerror or error}") from None
    else:
        source = sys.stdin
    try:
        written, refused = parse_lines(
            source, reference, sys.stdout, sys.stderr, drafts=args.drafts
        )
    except UnicodeDecodeError as error:
        raise CommandFailed(
            f"{args.file or 'standard input'} is not UTF-8 text ({error.reason})"
        ) from None
    finally:
        if source is not sys.stdin:
            source.close()
    sys.stdout.flush()
    if refused:
        sys.stderr.write(f"{written} message(s) read, {refused} line(s) refused\n")
        return 1
    return 0
