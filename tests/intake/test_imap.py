"""The IMAP poll (issue 16) against a loopback IMAP4rev1 responder written here (no IMAP
server runs on the test machines): unseen mail is fetched with BODY.PEEK, stored, and
only then marked seen; a mail the server could not store stays unseen and is fetched
again; an unreadable or duplicate mail is marked seen with its refusal counted."""

from __future__ import annotations

import re
import socketserver
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest

from app.clock import FixedClock
from app.model.types import MessageStatus
from app.store import Store
from sync.intake.channels.config import ImapSettings
from sync.intake.channels.imap import ImapPoller
from sync.intake.inbox import Inbound, Inbox
from tests.intake.channel_helpers import first_order, messages, worker

USER, PASSWORD = "takt-intake@example.com", "imap-password"


@dataclass
class Mailbox:
    mails: dict[int, bytes]
    seen: set[int] = field(default_factory=set)
    commands: list[str] = field(default_factory=list)


class _Responder(socketserver.StreamRequestHandler):
    """Just enough IMAP4rev1 for imaplib: CAPABILITY, LOGIN, SELECT, UID SEARCH / FETCH /
    STORE, LOGOUT (RFC 3501's responses, literals for message bodies)."""

    mailbox: Mailbox

    def send(self, line: str | bytes) -> None:
        self.wfile.write(line if isinstance(line, bytes) else line.encode() + b"\r\n")

    def handle(self) -> None:
        box = self.server.mailbox  # type: ignore[attr-defined]
        self.send("* OK [CAPABILITY IMAP4rev1] loopback ready")
        while line := self.rfile.readline():
            tag, _, rest = line.decode().rstrip("\r\n").partition(" ")
            command = rest.upper()
            box.commands.append(command)
            if command.startswith("CAPABILITY"):
                self.send("* CAPABILITY IMAP4rev1")
            elif command.startswith("LOGIN"):
                if rest.split()[1:] != [USER, f'"{PASSWORD}"'] and rest.split()[1:] != [
                    USER,
                    PASSWORD,
                ]:
                    self.send(f"{tag} NO [AUTHENTICATIONFAILED] wrong password")
                    continue
            elif command.startswith("SELECT"):
                self.send(f"* {len(box.mails)} EXISTS")
            elif command.startswith("UID SEARCH"):
                unseen = " ".join(str(uid) for uid in sorted(box.mails) if uid not in box.seen)
                self.send(f"* SEARCH {unseen}".rstrip())
            elif command.startswith("UID FETCH"):
                uid = int(rest.split()[2])
                assert "BODY.PEEK[]" in command  # fetching must not mark it seen
                raw = box.mails[uid]
                self.send(f"* {uid} FETCH (UID {uid} BODY[] {{{len(raw)}}}".encode() + b"\r\n")
                self.send(raw + b")\r\n")
            elif command.startswith("UID STORE"):
                uid = int(rest.split()[2])
                assert re.search(r"\+FLAGS \(\\SEEN\)", command)
                box.seen.add(uid)
                self.send(f"* {uid} FETCH (UID {uid} FLAGS (\\Seen))")
            elif command.startswith("LOGOUT"):
                self.send("* BYE logging out")
                self.send(f"{tag} OK LOGOUT completed")
                return
            else:
                self.send(f"{tag} BAD unknown command")
                continue
            self.send(f"{tag} OK done")


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    box = Mailbox(mails={})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Responder)
    server.daemon_threads = True
    server.mailbox = box  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield box, server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def mail(ident: str, text: str) -> bytes:
    return (
        f"From: stores@example.com\r\nSubject: Stores\r\nMessage-ID: <{ident}@example.com>\r\n"
        f"Content-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
    ).encode()


class _Broken(Inbox):
    """An inbox whose database is away: nothing can be stored."""

    def take(self, inbound: Inbound) -> int:
        raise OSError("database unavailable")


def test_unseen_mail_is_stored_then_marked_seen_and_kept_unseen_if_not_stored(
    plant: Store, clock: FixedClock, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    number, item = first_order(plant)
    box.mails = {
        1: mail("one", f"{number} short of {item}"),
        2: b"\r\n\r\n",  # not an email
        3: mail("three", f"{number} short of {item}, again"),
    }
    box.seen = {3}  # read by someone already: not fetched
    settings = ImapSettings(host="127.0.0.1", user=USER, port=port, ssl=False)

    with pytest.raises(OSError, match="database unavailable"):
        ImapPoller(_Broken(plant, clock), settings, PASSWORD).poll()
    assert box.seen == {3}  # nothing stored, nothing marked seen

    inbox = Inbox(plant, clock)
    assert ImapPoller(inbox, settings, PASSWORD).poll() == 1
    assert box.seen == {1, 2, 3}
    assert not any("BODY[]" in c and "PEEK" not in c for c in box.commands)
    worker(plant, clock).process()
    found = messages(plant)
    assert found["email:one@example.com"].status is MessageStatus.DRAFT
    assert inbox.status()["channels"]["email"] == {"accepted": 1, "malformed": 1, "draft": 1}

    # The same mail again (a copy in another folder, a reset flag): taken once.
    box.mails[4] = mail("one", f"{number} short of {item}")
    assert ImapPoller(inbox, settings, PASSWORD).poll() == 0
    assert 4 in box.seen
    assert inbox.status()["channels"]["email"]["duplicate"] == 1
