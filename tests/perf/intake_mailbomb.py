"""A mail bomb (issue 16): 10,000 mails sent to the SMTP listener in one session, all
absorbed: every one stored in the inbox before the listener answers 250, then every
one understood and recorded as message.received by the worker. Nothing lost.

`python -m tests.perf.intake_mailbomb [COUNT]` prints one line:
{"benchmark": "intake_mailbomb_10000", "per_s": ..., "lost": 0, ...}: per_s is mails
taken in per second over SMTP; record_per_s the worker's pace; wall_s both together.
(tests/intake/test_smtp.py keeps a 1,000-mail burst in CI.)
"""

from __future__ import annotations

import smtplib
import sys
import tempfile
import time
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

from sqlalchemy import func, select

from app.clock import FixedClock
from app.demo.generator import synthetic_plant
from app.demo.seed import seed_plant
from app.model import IntakeMessage, WorkOrder
from app.store import open_store
from sync.intake.inbox import Inbox, IntakeWorker
from sync.server.app import prepare
from tests.intake.channel_helpers import smtp_listener
from tests.perf.harness import check, emit

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


def run(count: int) -> dict[str, float | int]:
    clock = FixedClock(NOW)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(Path(folder) / "server.sqlite3", terminal_name="server", clock=clock)
        try:
            prepare(store)
            seed_plant(
                store, synthetic_plant(seed=3, work_centers=3, open_operations=12, now=NOW), clock
            )
            with store.read() as session:
                order = session.scalars(select(WorkOrder).order_by(WorkOrder.number)).first()
                check(order is not None, "the plant has no work order")
                assert order is not None
                number, item = order.number, order.item_code
            raw = []
            for n in range(count):
                mail = EmailMessage()
                mail["From"] = f"sender{n % 50}@example.com"
                mail["Subject"] = f"Shortage {n}"
                mail["Message-ID"] = f"<bomb-{n}@example.com>"
                mail.set_content(f"{number} is short {n % 90 + 1} pcs of {item}. Regards")
                raw.append(mail.as_bytes(policy=mail.policy.clone(linesep="\r\n")))
            inbox = Inbox(store, clock)
            started = time.perf_counter()
            with (
                smtp_listener(inbox, max_bytes=1024 * 1024) as listener,
                smtplib.SMTP("127.0.0.1", listener.port, timeout=60) as client,
            ):
                client.ehlo()
                for mail_bytes in raw:
                    client.mail("plant@example.com")
                    client.rcpt("takt@example.com")
                    code, _ = client.data(mail_bytes)
                    check(code == 250, f"a mail was refused: {code}")
            taken = time.perf_counter()
            recorded = IntakeWorker(store, clock, batch=500).process()
            done = time.perf_counter()
            with store.read() as session:
                kept = session.scalar(select(func.count()).select_from(IntakeMessage)) or 0
            status = inbox.status()
        finally:
            store.close()
    check(recorded == count, f"the worker handled {recorded} of {count}")
    return {
        "per_s": round(count / (taken - started), 1),
        "record_per_s": round(count / (done - taken), 1),
        "wall_s": round(done - started, 2),
        "stored": status["stored"],
        "lost": count - kept,
    }


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 10_000
    emit(f"intake_mailbomb_{count}", **run(count))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
