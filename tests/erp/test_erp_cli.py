"""`takt erp configure | import | status | post --dry-run | reconcile` as a person runs them."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import PermissionDenied, ValidationError
from app.events import log
from app.events.envelope import GENESIS_HASH, Event
from app.events.payloads import OperationConfirmed
from app.model import ErpPosting, EventRecord
from app.model.types import PostingKind, PostingStatus
from app.projections.execution import posting_id
from app.queries_erp import PostingSummary, postings
from app.services.erp import ErpPostingService
from app.store import Store
from sync.erp import commands
from sync.erp.base import ErpAuthError, ErpUnavailable, Posted
from sync.erp.writer import ErpWriter
from tests.erp.erpnext_server import FakeErpNext
from tests.erp.scripted_erp import ScriptedErp
from tests.erp.test_erpnext import COMPANY, STORES, WIP, seed
from tests.postings import (
    OPERATOR,
    SUPERVISOR,
    confirm_operation,
    erp_acknowledges,
    failed_posting,
)
from tests.test_cli import _keyring, takt


@pytest.fixture
def erp() -> Iterator[FakeErpNext]:
    server = FakeErpNext()
    yield server
    server.close()


def test_configure_import_status_and_dry_run(erp: FakeErpNext, tmp_path: Path) -> None:
    plant = seed(erp)
    env = _keyring(tmp_path) | {
        "TAKT_SECRET_ERP_API_KEY": erp.api_key,
        "TAKT_SECRET_ERP_API_SECRET": erp.api_secret,
    }
    database = str(tmp_path / "server.sqlite3")
    configured = takt(
        "erp", "configure", "--kind", "erpnext", "--url", erp.url,
        "--set", f"company={COMPANY}", "--set", f"source_warehouse={STORES}",
        "--set", f"target_warehouse={STORES}", "--set", f"scrap_warehouse={WIP}",
        "--set", "default_operator=HR-EMP-00001", "--set", "timeout_s=5",
        home=tmp_path, env=env,
    )  # fmt: skip
    assert configured.returncode == 0, configured.stderr
    assert "erp.toml" in configured.stdout
    # From here on the key comes from the keyring, not the environment.
    env = _keyring(tmp_path)
    imported = takt("erp", "import", "--database", database, home=tmp_path, env=env)
    assert imported.returncode == 0, imported.stderr
    assert "imported everything" in imported.stdout
    assert "work order" in imported.stdout
    again = takt("erp", "import", "--database", database, home=tmp_path, env=env)
    assert "imported: nothing new" in again.stdout
    status = takt("erp", "status", "--database", database, home=tmp_path, env=env)
    assert status.returncode == 0, status.stderr
    assert "last import:" in status.stdout
    assert "never" not in status.stdout
    dry = takt("erp", "post", "--dry-run", "--database", database, home=tmp_path, env=env)
    assert dry.returncode == 0, dry.stderr
    assert "would post 0" in dry.stdout
    assert plant["wo_bracket"]


def test_a_bad_option_is_refused_naming_it(erp: FakeErpNext, tmp_path: Path) -> None:
    result = takt(
        "erp", "configure", "--kind", "erpnext", "--url", erp.url, "--set", "colour=blue",
        home=tmp_path, env=_keyring(tmp_path),
    )  # fmt: skip
    assert result.returncode == 2
    assert "options.colour" in result.stderr
    assert "Traceback" not in result.stderr
    missing = takt("erp", "status", home=tmp_path, env=_keyring(tmp_path))
    assert missing.returncode == 2
    assert "takt erp configure" in missing.stderr


def test_status_shows_the_postings_screens_figures(plant: Store, clock: FixedClock) -> None:
    assert commands.status(plant, clock) == [
        "postings (30 days for posted and cancelled): none",
        "last import: never",
    ]
    posted = confirm_operation(plant, clock, good=3)
    clock.advance(timedelta(seconds=4))
    erp_acknowledges(plant, clock, posted, "MAT-STE-1")
    failed = failed_posting(plant, clock, "Work Order is closed")
    lines = commands.status(plant, clock)
    summary = posting_summary_of(plant, clock)
    # The refused confirmation's scrap is a goods movement of its own, still pending.
    assert lines[0] == "postings (30 days for posted and cancelled): 1 pending, 1 posted, 1 failed"
    assert lines[1] == "oldest waiting: 0 s"  # made just now
    assert lines[2] == (
        f"posting lag (30 days, 1 postings): median {summary.lag_median_s:.1f} s, "
        f"95th {summary.lag_p95_s:.1f} s"
    )
    assert lines[3].startswith(f"needs attention: {failed} (confirmation, ")
    assert lines[3].endswith("Work Order is closed")
    # The refused confirmation's scrap movement waits behind it (same work order).
    assert lines[4] == "waiting: 1 held behind a refused posting"
    assert lines[5].startswith("waits: ")
    assert f"held behind refused posting {failed}" in lines[5]
    assert lines[6] == "last import: never"


def posting_summary_of(store: Store, clock: FixedClock) -> PostingSummary:
    with store.read() as session:
        return postings(session, clock.now()).summary


# -- issue 11: post drains, configure honours the environment, status says why -------


def test_post_drains_everything_due_not_one_per_work_order(plant: Store, clock: FixedClock) -> None:
    erp = ScriptedErp()
    # Three confirmations of one work order (each op's final frees the next), and more.
    made = [confirm_operation(plant, clock, good=1) for _ in range(4)]
    lines = commands.post(plant, erp, clock, dry_run=False)
    assert lines[0] == f"posted {len(made)}"
    assert set(made) <= set(erp.posted)
    with plant.read() as session:
        assert {p.status for p in session.scalars(select(ErpPosting))} == {PostingStatus.POSTED}
    # Exactly once: a second run has nothing to send.
    assert commands.post(plant, erp, clock, dry_run=False)[0] == "posted 0"
    assert len(erp.posted) == len(set(erp.posted))


def test_status_says_why_postings_wait(plant: Store, clock: FixedClock) -> None:
    erp = ScriptedErp()
    first = confirm_operation(plant, clock, good=1)
    erp.refusing = 1
    commands.post(plant, erp, clock, dry_run=False)
    behind = confirm_operation(plant, clock, good=1)  # same work order: held behind it
    lines = commands.status(plant, clock)
    assert any(
        line.startswith(f"waits: {behind} (") and f"held behind refused posting {first}" in line
        for line in lines
    ), lines
    assert any("1 held behind a refused posting" in line for line in lines), lines

    # The ERP refuses Takt's key: the writer pauses, and status names it.
    ErpPostingService(plant, clock).cancel(SUPERVISOR, first, "booked by hand in the ERP")
    erp.key_refused = True
    assert commands.post(plant, erp, clock, dry_run=False)[0] == "posted 0"
    lines = commands.status(plant, clock)
    assert any("paused: credentials refused" in line for line in lines), lines
    waits = [line for line in lines if line.startswith(f"waits: {behind} (")]
    assert waits, lines
    assert "the ERP refuses Takt's credentials" in waits[0]
    assert "takt erp configure" in waits[0]

    # Later the ERP is back but the key is still wrong until someone stores the new one;
    # once the pause is over the posting is due again.
    clock.advance(timedelta(minutes=10))
    lines = commands.status(plant, clock)
    assert any(line.startswith(f"waits: {behind} (") and "due now" in line for line in lines)


def test_a_failing_import_is_recorded_shown_and_retried(plant: Store, clock: FixedClock) -> None:
    erp = ScriptedErp()
    erp.key_refused = True
    for _ in range(2):  # a long outage is one record, not one per run
        with pytest.raises(ErpAuthError):
            commands.run_import(plant, erp, clock)
        clock.advance(timedelta(minutes=15))
    with plant.read() as session:
        failures = session.scalars(
            select(EventRecord).where(EventRecord.kind == "erp.import_failed")
        ).all()
        state = postings(session, clock.now()).imports
    assert len(failures) == 1
    assert state.failing
    assert state.failure_reason == "credentials"
    line = next(li for li in commands.status(plant, clock) if li.startswith("import failing"))
    assert "the ERP refuses Takt's credentials" in line
    assert "Invalid API key or secret" in line  # the ERP's own words
    assert "tried again at the next scheduled run" in line
    # The key is fixed; the next scheduled run goes through and the failure is history.
    erp.key_refused = False
    commands.run_import(plant, erp, clock)
    with plant.read() as session:
        assert not postings(session, clock.now()).imports.failing
    assert any(li.startswith("last import:") for li in commands.status(plant, clock))


def test_configure_without_a_keyring_takes_the_environment_and_writes_nothing_on_failure(
    erp: FakeErpNext, tmp_path: Path
) -> None:
    no_keyring = {"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}
    args = ("erp", "configure", "--kind", "erpnext", "--url", erp.url)
    toml = tmp_path / "config" / "takt" / "erp.toml"
    # Only the key is set: nothing asked (no keyring to keep an answer), nothing written.
    missing = takt(*args, home=tmp_path, env=no_keyring | {"TAKT_SECRET_ERP_API_KEY": erp.api_key})
    assert missing.returncode == 2, missing.stderr
    assert "TAKT_SECRET_ERP_API_SECRET" in missing.stderr
    assert "nothing written" in missing.stderr
    assert not list(tmp_path.rglob("erp.toml"))
    env = no_keyring | {
        "TAKT_SECRET_ERP_API_KEY": erp.api_key,
        "TAKT_SECRET_ERP_API_SECRET": erp.api_secret,
    }
    done = takt(*args, home=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert "TAKT_SECRET_ERP_API_KEY" in done.stdout
    assert "no keyring" in done.stdout
    written = list(tmp_path.rglob("erp.toml"))
    assert len(written) == 1, written
    assert toml.name == written[0].name
    # And the server's commands read the same variables.
    status = takt(
        "erp", "status", "--database", str(tmp_path / "s.sqlite3"), home=tmp_path, env=env
    )
    assert status.returncode == 0, status.stderr


def test_reconcile_records_what_the_erp_holds_of_postings_a_restored_server_lost(
    plant: Store, clock: FixedClock
) -> None:
    """A server restored from a backup no longer knows what the ERP acknowledged since.
    A posting held back behind a refused one of its work order is never looked up by the
    writer (it only looks up what it last sent), so it waited for a person although the
    ERP had it. `takt erp reconcile` looks every posting not known as posted up, records
    those found as acknowledged, and posts nothing."""
    erp = ScriptedErp()
    failed = failed_posting(plant, clock, "Work Order is closed")
    writer = ErpWriter(plant, erp, clock)
    with plant.read() as session:
        (held,) = session.scalars(
            select(ErpPosting).where(ErpPosting.status == PostingStatus.PENDING)
        ).all()
        reference = writer.to_erp(held).reference  # type: ignore[union-attr]
    erp.documents[reference] = Posted("DOC-00042")  # booked before the backup came back
    assert writer.drain() == 0  # held behind the refused one: not even looked up
    lines = commands.reconcile(plant, erp, clock)
    assert lines[0] == "found in the ERP 1"
    with plant.read() as session:
        assert session.get(ErpPosting, held.id).status is PostingStatus.POSTED
        assert session.get(ErpPosting, held.id).erp_document == "DOC-00042"
        assert session.get(ErpPosting, failed).status is PostingStatus.FAILED
    assert erp.posted == []  # nothing was posted, only looked up
    assert commands.reconcile(plant, erp, clock)[0] == "found in the ERP 0"
    erp.away = True
    with pytest.raises(ErpUnavailable):
        commands.reconcile(plant, erp, clock)


def refused_final_confirmation(store: Store, clock: FixedClock, operation_id: str) -> str:
    """Another terminal's final confirmation of an operation the server holds completed:
    what a server restored from a backup does to one it had taken before. Its id."""
    event = Event.sealed(
        id=str(uuid.uuid4()),
        terminal_id="kiosk-after-restore",
        terminal_seq=1,
        kind=OperationConfirmed.KIND,
        payload=OperationConfirmed(operation_id=operation_id, good=5, final=True).as_json(),
        actor=SUPERVISOR,
        occurred_at=clock.now(),
        prev_hash=GENESIS_HASH,
    )
    with store.write() as session:
        log.ingest(session, event)
    with store.read() as session:
        record = session.scalar(select(EventRecord).where(EventRecord.id == event.id))
        assert record is not None
        assert record.outcome == "rejected", record.reason
    return event.id


def orphan_in_erp(plant: Store, clock: FixedClock) -> tuple[ScriptedErp, str, str]:
    """A refused final confirmation whose posting the ERP booked (before a restore)."""
    first = confirm_operation(plant, clock)
    with plant.read() as session:
        event_id = session.get(ErpPosting, first).event_id  # type: ignore[union-attr]
        record = session.scalar(select(EventRecord).where(EventRecord.id == event_id))
        assert record is not None
    refused = refused_final_confirmation(plant, clock, record.payload["operation_id"])
    erp = ScriptedErp()
    orphan = posting_id(refused, PostingKind.CONFIRMATION)
    erp.documents[orphan] = Posted("DOC-00077")
    return erp, refused, orphan


def test_reconcile_records_the_erps_document_of_a_refused_event_to_reverse_there(
    plant: Store, clock: FixedClock
) -> None:
    """A server restored from a backup refused an event it had taken before ("already
    completed"), whose posting the ERP had booked: no posting of it was left, but the ERP
    kept the document. Reconcile looks up what refused events would have posted and
    records each the ERP holds as orphaned, with the document and what to do; nothing is
    posted or undone in the ERP. An ERP that is away stops it, recording nothing."""
    erp, refused, orphan = orphan_in_erp(plant, clock)
    erp.away = True
    with pytest.raises(ErpUnavailable):
        commands.reconcile(plant, erp, clock)
    with plant.read() as session:
        assert session.get(ErpPosting, orphan) is None
    erp.away = False
    lines = commands.reconcile(plant, erp, clock)
    assert lines[1].startswith("in the ERP for events Takt refused: 1")
    with plant.read() as session:
        row = session.get(ErpPosting, orphan)
        assert row is not None
        assert (row.status, row.erp_document, row.event_id) == (
            PostingStatus.ORPHANED,
            "DOC-00077",
            refused,
        )
        assert row.payload["final"] is True
        assert row.payload["good"] == 5
        assert "already completed" in (row.last_error or "")
        assert "reverse it in the ERP" in (row.last_error or "")
        shown = postings(session, clock.now())
        assert [r.id for r in shown.attention] == [orphan]
    assert any(line.startswith(f"needs attention: {orphan}") for line in lines)
    assert "1 orphaned" in lines[2]
    assert erp.posted == []  # looked up, never posted
    # Not sent by the writer, not looked up again, not an acknowledgement.
    writer = ErpWriter(plant, erp, clock)
    assert orphan not in {r.id for r in writer.due()}
    assert writer.reconcile().orphaned == 0
    with plant.read() as session:
        assert session.get(ErpPosting, orphan).status is PostingStatus.ORPHANED  # type: ignore[union-attr]


def test_a_refused_event_the_erp_never_booked_is_not_recorded(
    plant: Store, clock: FixedClock
) -> None:
    erp, _, orphan = orphan_in_erp(plant, clock)
    del erp.documents[orphan]
    assert commands.reconcile(plant, erp, clock)[0] == "found in the ERP 0"
    with plant.read() as session:
        assert session.get(ErpPosting, orphan) is None


def test_a_lead_records_an_orphaned_document_as_reversed_in_the_erp(
    plant: Store, clock: FixedClock
) -> None:
    """Only that: retried, edited or cancelled it would be sent or hidden while the ERP
    holds it; a person reverses it in the ERP and says so, in their name, with a reason."""
    erp, _, orphan = orphan_in_erp(plant, clock)
    commands.reconcile(plant, erp, clock)
    service = ErpPostingService(plant, clock)
    with pytest.raises(ValidationError, match="for an event Takt refused"):
        service.retry(SUPERVISOR, orphan, "try again")
    with pytest.raises(ValidationError, match="for an event Takt refused"):
        service.cancel(SUPERVISOR, orphan, "not needed")
    with pytest.raises(PermissionDenied):
        service.record_reversal(OPERATOR, orphan, "cancelled in the ERP")
    with pytest.raises(ValidationError):
        service.record_reversal(SUPERVISOR, orphan, "")
    lines = commands.record_reversal(
        plant, clock, orphan, SUPERVISOR, "Stock Entry cancelled in ERPNext"
    )
    assert lines == [f"recorded {orphan} as reversed in the ERP"]
    with plant.read() as session:
        assert session.get(ErpPosting, orphan).status is PostingStatus.REVERSED  # type: ignore[union-attr]
        assert postings(session, clock.now()).attention == ()
    with pytest.raises(ValidationError, match="is reversed"):
        service.record_reversal(SUPERVISOR, orphan, "again")
    with pytest.raises(ValidationError, match="unknown posting"):
        service.record_reversal(SUPERVISOR, "no-such-posting", "cancelled in the ERP")


def test_takt_erp_reversed_records_it_without_an_erp_configured(
    plant: Store, clock: FixedClock, tmp_path: Path
) -> None:
    erp, _, orphan = orphan_in_erp(plant, clock)
    commands.reconcile(plant, erp, clock)
    database = str(plant.path)
    plant.close()
    args = ("erp", "reversed", orphan, "--database", database)
    refused = takt(*args, "--by", OPERATOR, "--reason", "done", home=tmp_path)
    assert refused.returncode == 2
    assert "Traceback" not in refused.stderr
    done = takt(*args, "--by", SUPERVISOR, "--reason", "cancelled in ERPNext", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert f"recorded {orphan} as reversed in the ERP" in done.stdout
