"""The SMTP listener (issue 16): real aiosmtpd on 127.0.0.1, mails sent with smtplib.
Multipart, HTML-only, latin-1 quoted-printable mails with attachments become drafts
with the right text and attachments listed; replies quoted below are not read as the
message; a duplicate Message-ID is taken once; an unreadable or oversized mail is
refused with its reason and counted; a burst of a thousand in one session loses none."""

from __future__ import annotations

import smtplib
import subprocess
import sys
from email.message import EmailMessage
from email.mime.application import MIMEApplication
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.utils import formataddr
from pathlib import Path

import requests

from app.clock import FixedClock
from app.model import IntakeMessage
from app.model.types import MessageStatus
from app.store import Store
from sync.intake.channels.config import IntakeSettings, SmtpSettings
from sync.intake.inbox import Inbox
from tests.intake.channel_helpers import (
    first_order,
    free_port,
    intake_plant,
    messages,
    server_template,  # noqa: F401 (a fixture)
    smtp_listener,
    wait_for,
    worker,
)
from tests.server_process import ROOT, ServerProcess, environment


def crlf(mail: EmailMessage | MIMEMultipart) -> bytes:
    return mail.as_bytes(policy=mail.policy.clone(linesep="\r\n"))


def send(port: int, *mails: bytes | EmailMessage | MIMEMultipart) -> list[tuple[int, bytes]]:
    """Send each mail in one session; the server's answer to each DATA."""
    answers = []
    with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
        client.ehlo()
        for mail in mails:
            # On the wire, lines end in CRLF (smtplib leaves bytes as they are).
            raw = mail if isinstance(mail, bytes) else crlf(mail)
            client.mail("plant@example.com")
            client.rcpt("takt@example.com")
            answers.append(client.data(raw))
    return answers


def test_multipart_latin1_mail_with_an_attachment_becomes_a_draft(
    plant: Store, clock: FixedClock
) -> None:
    number, item = first_order(plant)
    mail = MIMEMultipart("mixed")
    mail["From"] = formataddr(("Jürgen Müller", "jm@example.com"), charset="utf-8")
    mail["To"] = "takt@example.com"
    mail["Subject"] = f"Engpass {number}"
    mail["Message-ID"] = "<latin-1@example.com>"
    body = MIMEMultipart("alternative")
    plain = (
        f"Hallo, für {number} fehlen 40 Stück {item}. Bitte prüfen.\n\n"
        "Grüße\nJürgen\n\n"
        "Am Montag schrieb Anna:\n> WO-99999 ist fertig\n"
    )
    body.attach(MIMEText(plain, "plain", "iso-8859-1"))  # quoted-printable
    body.attach(MIMEText(f"<p>Hallo, für <b>{number}</b> fehlen 40 Stück</p>", "html", "utf-8"))
    mail.attach(body)
    attachment = MIMEApplication(b"%PDF-1.4 delivery note", Name="lieferschein.pdf")
    attachment["Content-Disposition"] = 'attachment; filename="lieferschein.pdf"'
    mail.attach(attachment)
    assert "quoted-printable" in mail.as_string()

    inbox = Inbox(plant, clock)
    with smtp_listener(inbox) as listener:
        [(code, answer)] = send(listener.port, mail)
    assert code == 250, answer
    assert worker(plant, clock).process() == 1

    found = messages(plant)["email:latin-1@example.com"]
    assert found.status is MessageStatus.DRAFT
    assert found.subject == f"Engpass {number}"
    assert "für" in found.text
    assert "Stück" in found.text
    assert found.sender == "Jürgen Müller <jm@example.com>"
    assert [f["value"] for f in found.draft["work_orders"]] == [number]  # not the quoted one
    assert found.attachments == [
        {"name": "lieferschein.pdf", "type": "application/octet-stream", "size": 22}
    ]


def test_an_html_only_mail_is_read_as_text_without_its_quote(
    plant: Store, clock: FixedClock
) -> None:
    number, item = first_order(plant)
    mail = EmailMessage()
    mail["From"] = "planner@example.com"
    mail["Subject"] = "Material"
    mail["Message-ID"] = "<html-only@example.com>"
    mail.set_content(
        f"<html><body><div>We are short of {item} for {number}.</div>"
        "<blockquote><p>WO-99999 shipped yesterday</p></blockquote>"
        "<script>ignored()</script></body></html>",
        subtype="html",
    )
    inbox = Inbox(plant, clock)
    with smtp_listener(inbox) as listener:
        [(code, _)] = send(listener.port, mail)
    assert code == 250
    worker(plant, clock).process()
    found = messages(plant)["email:html-only@example.com"]
    assert found.text.splitlines()[0] == f"We are short of {item} for {number}."
    assert "> WO-99999 shipped yesterday" in found.text
    assert "ignored" not in found.text
    assert [f["value"] for f in found.draft["work_orders"]] == [number]


def test_duplicates_malformed_and_oversized_mails_are_refused_and_counted(
    plant: Store, clock: FixedClock
) -> None:
    mail = EmailMessage()
    mail["Subject"] = "Machine WC-001 down"
    mail["Message-ID"] = "<twice@example.com>"
    mail.set_content("The press stopped at 9:00.")
    empty = b"From: a@example.com\r\nMessage-ID: <empty@example.com>\r\n\r\n"
    inbox = Inbox(plant, clock)
    with smtp_listener(inbox, max_bytes=64 * 1024) as listener:
        answers = send(listener.port, mail, mail, empty)
        [(too_big, _)] = send(listener.port, b"Subject: big\r\n\r\n" + (b"x" * 98 + b"\r\n") * 700)
    assert [code for code, _ in answers] == [250, 250, 550]
    assert b"Already taken in" in answers[1][1]
    assert b"neither a subject nor a text" in answers[2][1]
    assert too_big == 552
    counts = inbox.status()
    assert counts["channels"]["email"] == {
        "accepted": 1,
        "duplicate": 1,
        "malformed": 1,
        "oversized": 1,
    }
    assert counts["refusals"]["duplicate"] == 1
    assert counts["stored"] == 1


def test_a_burst_of_a_thousand_mails_in_one_session_loses_none(
    plant: Store, clock: FixedClock
) -> None:
    number, item = first_order(plant)
    mails = []
    for n in range(1000):
        mail = EmailMessage()
        mail["Subject"] = f"Shortage {n}"
        mail["Message-ID"] = f"<bomb-{n}@example.com>"
        mail.set_content(f"{number} is short {n + 1} pcs of {item}")
        mails.append(mail)
    inbox = Inbox(plant, clock)
    with smtp_listener(inbox) as listener:
        answers = send(listener.port, *mails)
    assert {code for code, _ in answers} == {250}
    assert inbox.status()["stored"] == 1000
    assert worker(plant, clock).process() == 1000
    found = messages(plant)
    assert len(found) == 1000
    assert {m.status for m in found.values()} == {MessageStatus.DRAFT}
    assert inbox.status()["channels"]["email"] == {"accepted": 1000, "draft": 1000}
    assert inbox.status()["pending"] == 0


def test_a_mail_to_the_servers_listener_becomes_a_draft_on_a_terminal_after_sync(
    tmp_path: Path,
    server_template: Path,  # noqa: F811 (the fixture)
    clock: FixedClock,
) -> None:
    settings = IntakeSettings(smtp=SmtpSettings(host="127.0.0.1", port=free_port()))
    with intake_plant(tmp_path, server_template, clock, settings) as plant:
        line_pc = plant.terminal("line-pc")
        number, item = first_order(line_pc.store)
        mail = EmailMessage()
        mail["From"] = "stores@example.com"
        mail["Subject"] = f"{item} missing"
        mail["Message-ID"] = "<e2e@example.com>"
        mail.set_content(f"{number} cannot start: 25 pcs of {item} missing.")
        [(code, _)] = send(settings.smtp.port, mail)  # type: ignore[union-attr]
        assert code == 250

        def pulled() -> IntakeMessage | None:
            line_pc.engine.pull_pending()
            return messages(line_pc.store).get("email:e2e@example.com")

        draft = wait_for("the draft on the terminal", pulled)
        assert draft.status is MessageStatus.DRAFT
        assert draft.received_by == "server"
        assert [f["value"] for f in draft.draft["items"]] == [item]


def test_takt_server_with_an_intake_file_listens_for_mail(tmp_path: Path) -> None:
    port = free_port()
    intake = tmp_path / "intake.toml"
    intake.write_text(f'[smtp]\nhost = "127.0.0.1"\nport = {port}\n\n[webhooks]\njson = true\n')
    home = tmp_path / "home"
    home.mkdir()
    server = ServerProcess(
        home, str(tmp_path / "server.sqlite3"), "--intake", str(intake), name="intake"
    )
    try:
        server.started()
        mail = EmailMessage()
        mail["Subject"] = "WC-001 down"
        mail["Message-ID"] = "<cli@example.com>"
        mail.set_content("The press stopped.")
        [(code, answer)] = wait_for("the listener", lambda: _try_send(port, mail))
        assert (code, answer) == (250, b"2.0.0 Taken in")
        status = requests.get(f"{server.url}/v1/intake/status", timeout=10)
        assert status.status_code == 401  # there, for a terminal's token
    finally:
        server.stop()

    wrong = tmp_path / "wrong.toml"
    wrong.write_text("[webhooks]\nslack = true\n")
    refused = subprocess.run(
        [
            sys.executable,
            "-m",
            "ui",
            "server",
            "--database",
            str(tmp_path / "other.sqlite3"),
            "--port",
            str(free_port()),
            "--intake",
            str(wrong),
        ],
        cwd=ROOT,
        env=environment(home, str(tmp_path / "other.sqlite3")),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert refused.returncode == 2
    assert "intake-slack-signing-secret" in refused.stderr
    assert "TAKT_SECRET_INTAKE_SLACK_SIGNING_SECRET" in refused.stderr


def _try_send(port: int, mail: EmailMessage) -> list[tuple[int, bytes]] | None:
    try:
        return send(port, mail)
    except OSError:
        return None  # not listening yet: the server takes the jobs a moment after start


def test_a_header_the_mail_policy_cannot_parse_is_left_out_not_a_crash() -> None:
    """`From: <a@[b>` makes the standard library's header parser raise AttributeError:
    the mail is still read (its sender unknown), not an error that stops a listener."""
    from sync.intake.channels.mail import parse_mail

    mail = parse_mail(b"From: <a@[b>\r\nSubject: Press down\r\n\r\nWC-001 stopped at 9:00.\r\n")

    assert mail.subject == "Press down"
    assert "WC-001 stopped" in mail.text
