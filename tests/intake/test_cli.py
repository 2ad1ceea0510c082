"""`takt intake parse --database DB [FILE]`, through the parser another verb table uses."""

from __future__ import annotations

import argparse
import io
import json
import shutil
from pathlib import Path

import pytest

from sync.intake import Message, ReferenceIndex, predict
from sync.intake.cli import add_intake_arguments, parse_lines, run_intake
from sync.server.cli import CommandFailed
from tests.intake.scoring import labelled_set


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="takt")
    commands = parser.add_subparsers(dest="command", required=True)
    add_intake_arguments(commands.add_parser("intake"))
    return parser.parse_args(["intake", *argv])


@pytest.fixture
def database(demo_template: Path, tmp_path: Path) -> Path:
    path = tmp_path / "plant.sqlite3"
    shutil.copy(demo_template, path)
    return path


def test_parse_prints_one_line_per_message(
    database: Path,
    demo_reference: ReferenceIndex,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = labelled_set()[:5]
    messages = [
        {k: v for k, v in r.items() if k not in ("expected", "split", "hard")} for r in rows
    ]
    source = tmp_path / "messages.jsonl"
    source.write_text(
        "\n".join(json.dumps(m, ensure_ascii=False) for m in messages) + "\n\n", "utf-8"
    )
    assert run_intake(_args("parse", "--database", str(database), str(source))) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert out == [predict(Message.from_json(m), demo_reference) for m in messages]
    assert [o["id"] for o in out] == [r["id"] for r in rows]


def test_bad_and_repeated_lines_are_refused_and_counted(demo_reference: ReferenceIndex) -> None:
    good = {
        "id": "a",
        "channel": "teams",
        "received_at": "2026-11-23T09:00:00+01:00",
        "text": "LAS-01 down",
    }
    lines = [
        json.dumps(good),
        "not json",
        json.dumps({**good, "id": "b", "channel": "fax"}),
        json.dumps({**good, "text": "again"}),
        json.dumps({**good, "id": "c", "received_at": "2026-11-23T09:00:00"}),
    ]
    out, errors = io.StringIO(), io.StringIO()
    written, refused = parse_lines(lines, demo_reference, out, errors)
    assert (written, refused) == (1, 4)
    assert errors.getvalue().splitlines() == [
        "line 2: not a JSON object (Expecting value)",
        "line 3: channel: one of email, whatsapp, teams, slack, phone, chat, not 'fax'",
        "line 4: id 'a' again (first on line 1); left out",
        "line 5: received_at: '2026-11-23T09:00:00' has no offset (e.g. +01:00 or Z)",
    ]
    assert json.loads(out.getvalue())["predicted"]["work_centers"] == ["LAS-01"]


def test_drafts_carry_spans(demo_reference: ReferenceIndex) -> None:
    line = json.dumps(
        {
            "id": "a",
            "channel": "phone",
            "received_at": "2026-11-23T09:00:00+01:00",
            "text": "MIL-02 steht",
        }
    )
    out = io.StringIO()
    parse_lines([line], demo_reference, out, io.StringIO(), drafts=True)
    draft = json.loads(out.getvalue())
    assert draft["type"] == "downtime"
    assert draft["work_centers"][0]["span"]["text"] == "MIL-02"
    assert draft["message"]["text"] == "MIL-02 steht"


def test_a_missing_database_or_file_is_said_plainly(database: Path, tmp_path: Path) -> None:
    with pytest.raises(CommandFailed, match="no such database file"):
        run_intake(_args("parse", "--database", str(tmp_path / "nope.sqlite3")))
    with pytest.raises(CommandFailed, match="cannot read"):
        run_intake(_args("parse", "--database", str(database), str(tmp_path / "nope.jsonl")))
