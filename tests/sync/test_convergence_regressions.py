"""Divergences the convergence model (issue 17) found, each pinned by the smallest history
that shows it, over a real server on 127.0.0.1."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import Rejected
from app.events import log, replay, replica
from app.events.payloads import (
    ErpPostingCancelled,
    ExceptionRaised,
    MaterialSpec,
    OperationSpec,
    WorkOrderReleased,
)
from app.model import ErpPosting, EventRecord, MaterialRequirement, ShopException
from app.model.types import Channel, ExceptionKind, PostingKind, PostingStatus, Role, Severity
from app.services.exceptions import ExceptionService, NewException
from app.services.execution import ExecutionService
from app.services.plant import ReferenceDataService
from sync.server import feed
from tests.conftest import NOW
from tests.memory_keyring import MemoryKeyring
from tests.sync.convergence_model import KILL_EVERY, Model, Stats
from tests.sync.convergence_world import SkewedClock, SqliteBackend, World
from tests.sync.plant import SNAPSHOT_IGNORE, Plant


def deadlines(store: object) -> list[tuple[object, ...]]:
    with store.read() as session:  # type: ignore[attr-defined]
        return [
            (e.id, e.ack_due, e.resolve_due, e.ladder)
            for e in session.scalars(select(ShopException).order_by(ShopException.id))
        ]


def test_an_exception_keeps_the_servers_deadlines_when_the_clock_offset_changed_before_its_push(
    plant: Plant, clock: FixedClock
) -> None:
    """An own exception is applied with the terminal's clock offset as it then measured it;
    the offset it pushes with (measured by a later pull) may differ. When the server's
    order came back with that later offset the terminal took the receipt for one it had
    applied with, kept deadlines minutes off the server's and never converged (the model:
    a kiosk whose clock was set 5 minutes ahead between raising and pushing)."""
    kiosk_clock = SkewedClock(clock)
    kiosk = plant.terminal("kiosk", kiosk_clock)  # pulled at skew 0: offset 0
    kiosk_clock.skew = timedelta(minutes=5)  # the kiosk's clock is set ahead
    ExceptionService(kiosk.store, kiosk_clock).raise_exception(
        "901", NewException(kind=ExceptionKind.OTHER, summary="Label printer jams")
    )  # applied with the offset it had: 0
    kiosk.engine.pull_pending()  # measures the new offset: -300 s
    kiosk.engine.push_pending()  # the server moves the deadlines by it
    kiosk.engine.pull_pending()  # and its order comes back with that receipt
    assert plant.server_store is not None
    assert deadlines(kiosk.store) == deadlines(plant.server_store)
    with kiosk.store.read() as session:
        mine = replay.snapshot(session, ignore=SNAPSHOT_IGNORE)
    assert mine == plant.server_snapshot()


def test_an_offline_backlog_comes_back_without_applying_any_own_exception_again(
    plant: Plant, clock: FixedClock, monkeypatch: Any
) -> None:
    """The fix above first took every own exception without a receipt as changed, so a
    terminal back from offline applied its backlog a second time, event by event, once
    per exception (a 5,000-event backlog caught up in 90 s instead of 4): the offset an
    event was applied with is kept with it, and only a receipt that moves it counts."""
    kiosk = plant.terminal("kiosk")
    kiosk.engine.pull_pending()  # measures its offset: the one it applies with offline
    service = ExceptionService(kiosk.store, clock)
    for n in range(20):
        service.raise_exception(
            "901", NewException(kind=ExceptionKind.OTHER, summary=f"Label printer {n} jams")
        )
    applied_again: list[str] = []
    original = replica._reapply

    def counted(session: Any, record: EventRecord, ordered: Any) -> None:
        applied_again.append(record.kind)
        original(session, record, ordered)

    monkeypatch.setattr(replica, "_reapply", counted)
    kiosk.engine.push_pending()
    kiosk.engine.pull_pending()
    assert applied_again == []
    assert plant.server_store is not None
    assert deadlines(kiosk.store) == deadlines(plant.server_store)


def test_a_stale_cancel_of_a_posting_someone_sent_again_is_refused(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """Two supervisors see the same refused posting. One sends it again; the ERP books
    it but its answer is lost (the writer will look it up). The other, whose terminal
    has not heard of the retry, cancels it: the server took that cancel, so the posting
    stayed "cancelled" while the ERP held its document. Only a refused posting can be
    decided about (app/services/erp.py); the server, the authority, now says so too."""
    backend = SqliteBackend()
    model = Model(backend, tmp_path, Stats())
    try:
        for op, args in [
            ("setup", {"terminals": 2}),
            ("start", {"t": 0, "who": 0, "n": 1}),
            ("confirm", {"t": 0, "who": 0, "n": 0, "good": 3, "final": False}),
            ("erp", {"what": "refuse"}),
            ("sync", {"t": 0, "call": "sync"}),  # the ERP refuses the confirmation
            ("sync", {"t": 0, "call": "pull"}),
            ("sync", {"t": 1, "call": "pull"}),  # both terminals show it refused
            ("erp_decide", {"t": 0, "who": 1, "n": 0, "cancel": False}),  # 902 retries
            ("erp", {"what": "timeout"}),
            ("sync", {"t": 0, "call": "sync"}),  # booked, the answer lost
        ]:
            model.do(op, **args)
        world = model.world
        posting = _only_posting(world)
        assert list(world.erp.documents) == [posting]  # in the ERP; Takt does not know yet
        assert model.do("erp_decide", t=1, who=6, n=0, cancel=True) == "recorded 1"  # 907
        model.do("sync", t=1, call="sync")
        with world.server.read() as session:
            cancel = session.scalars(
                select(EventRecord).where(EventRecord.kind == ErpPostingCancelled.KIND)
            ).one()
            assert cancel.outcome == "rejected"
            assert "not refused" in (cancel.reason or "")
        assert model.do("heal", final=True) == "converged"  # looked up: one document
        with world.server.read() as session:
            assert session.get(ErpPosting, posting).status is PostingStatus.POSTED
    finally:
        model.close()
        backend.close()


def _only_posting(world: World) -> str:
    with world.server.read() as session:
        return session.scalars(select(ErpPosting.id)).one()


def test_an_issue_fills_an_orders_requirements_in_one_order_on_every_database(
    any_plant: Plant, clock: FixedClock
) -> None:
    """An order may need one item twice: for an operation and for none (an ERP import
    that names no operation keeps the requirement material was issued to and adds one
    for none). An issue at a third operation fills them in turn, ordered by operation:
    SQLite sorts the one without an operation first, PostgreSQL last, so a server on
    PostgreSQL and its SQLite terminals split the same issue differently and never
    converged (the model: an ERP import changing an order the floor had issued to)."""
    server = any_plant.server_store
    assert server is not None
    steps = [
        OperationSpec(
            seq=seq,
            work_center="WC-001",
            description=f"Step {seq}",
            setup_minutes=0,
            run_minutes=10,
        )
        for seq in (10, 20)
    ]
    ReferenceDataService(server, clock).load(
        [
            WorkOrderReleased(
                number="WO-TWICE",
                item="ITEM-00001",
                quantity=10,
                due_at=NOW + timedelta(days=2),
                operations=steps,
                materials=[
                    MaterialSpec(item="RAW-001", quantity=4, operation_seq=10, need_at=NOW),
                    MaterialSpec(item="RAW-001", quantity=4, need_at=NOW),
                ],
            )
        ]
    )
    kiosk = any_plant.terminal("kiosk")  # pulls the order; 901 logged in
    ExecutionService(kiosk.store, clock).issue_material(
        "901", "WO-TWICE/0020", item="RAW-001", qty=5
    )
    kiosk.engine.push_pending()
    kiosk.engine.pull_pending()

    def issued(store: object) -> list[tuple[str, int | None, float]]:
        with store.read() as session:  # type: ignore[attr-defined]
            return [
                (m.id, m.operation_seq, m.issued_qty)
                for m in session.scalars(
                    select(MaterialRequirement)
                    .where(MaterialRequirement.work_order_number == "WO-TWICE")
                    .order_by(MaterialRequirement.id)
                )
            ]

    # The operation's own requirement first, the one for no operation after it.
    assert issued(server) == [("WO-TWICE/M001", 10, 4.0), ("WO-TWICE/M002", None, 1.0)]
    assert issued(kiosk.store) == issued(server)


def _run(
    backend: SqliteBackend, tmp_path: Path, history: list[tuple[str, dict[str, Any]]]
) -> Model:
    model = Model(backend, tmp_path, Stats())
    for op, args in history:
        model.do(op, **args)
    return model


def test_a_server_killed_between_the_erps_commit_and_the_acknowledgement_looks_it_up(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The server's process died after the ERP booked a posting and before its writer
    recorded the answer. The next writer had no note that the posting had gone out and
    posted it again: only the ERP's own one-document-per-reference check kept it from
    being booked twice. The writer now marks a posting before sending it, and the next
    writer looks a marked one up (sync/erp/writer.py)."""
    backend = SqliteBackend()
    model = _run(
        backend,
        tmp_path,
        [
            ("setup", {"terminals": 1}),
            ("start", {"t": 0, "who": 0, "n": 1}),
            ("confirm", {"t": 0, "who": 0, "n": 0, "good": 3, "final": False}),
            ("lose", {"t": 0, "what": "answer", "call": "push"}),  # the server holds it
        ],
    )
    try:
        assert model.do("erp", what="crash") == "the server died after the ERP's commit"
        world = model.world
        (reference,) = world.erp.documents
        assert model.do("heal", final=True) == "converged"  # no "asked ... again"
        assert world.erp.asked[reference] == 1
        assert world.erp.answered_twice == 1  # the lookup found the document
        # A kill at the writer's commits (the mark, then the acknowledgement) is mended
        # the same way.
        model.do("confirm", t=0, who=0, n=0, good=2, final=False)
        model.do("lose", t=0, what="answer", call="push")
        model.killed_at = -KILL_EVERY  # no pause since the last kill here
        assert model.do("kill_server", when="post", nth=2) == "died at commit 2 of post"
        assert model.do("heal", final=True) == "converged"
        assert sorted(world.erp.asked.values()) == [1, 1]
    finally:
        model.close()
        backend.close()


def test_terminals_ahead_of_a_server_restored_from_a_backup_converge_with_it(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The server's database was restored from a backup taken earlier in the history.
    Its own events since (an ERP acknowledgement) are gone for good, and its own chain
    goes on from the backup with other events at those numbers. The terminals kept
    every event they held through the refetch, so the restored server's new event at
    one of those numbers stopped their sync ("fails its check") for good. A refetch now
    keeps the terminal's own events only and takes everything else from the server
    again (app/events/replica.py); both terminals converge and lose nothing they
    recorded."""
    backend = SqliteBackend()
    model = _run(
        backend,
        tmp_path,
        [
            ("setup", {"terminals": 2}),
            ("start", {"t": 0, "who": 0, "n": 1}),
            ("confirm", {"t": 0, "who": 0, "n": 0, "good": 3, "final": False}),
            ("sync", {"t": 0, "call": "sync"}),  # posted: the server's acknowledgement
            ("backup", {}),
            ("raise", {"t": 1, "who": 3, "kind": 0, "n": 2}),
            ("confirm", {"t": 0, "who": 0, "n": 0, "good": 2, "final": False}),
            ("sync", {"t": 0, "call": "sync"}),  # posted after the backup
            ("sync", {"t": 1, "call": "sync"}),  # t2 (a listener) holds all of it
        ],
    )
    try:
        world = model.world
        held = {node.name: len(node.recorded) for node in world.nodes}
        assert model.do("restore") == "restored"
        model.do("confirm", t=0, who=0, n=0, good=1, final=False)
        model.do("sync", t=0, call="sync")  # the restored server acknowledges anew
        assert model.do("heal", final=True) == "converged"
        assert {node.name: len(node.recorded) for node in world.nodes} == {
            name: n + (name == "t1") for name, n in held.items()
        }
        assert world.restores == 1
    finally:
        model.close()
        backend.close()


@pytest.mark.parametrize("first", ["pull", "push", "pull from a server that does not say"])
def test_a_terminal_whose_acknowledged_events_a_restored_server_lost_takes_new_numbers(
    tmp_path: Path, memory_keyring: MemoryKeyring, first: str, monkeypatch: Any
) -> None:
    """A terminal pushed an event and kept the server's number for it, but had not pulled
    that far when the server was restored from an earlier backup. The restored server
    handed that number to another terminal's event, and the first terminal's next page
    put it in its own database beside its event that still had it: "UNIQUE constraint
    failed: events.server_seq", and its sync stopped for good. A push that finds the
    server holding fewer own events than it acknowledged (a push's answer, or a page's
    `own_last_seq`) now takes back the numbers of those it lost; a page that gives a
    number held here by another event (from a server that does not say) refetches."""
    backend = SqliteBackend()
    model = _run(
        backend,
        tmp_path,
        [
            ("setup", {"terminals": 2}),
            ("start", {"t": 0, "who": 0, "n": 1}),
            ("sync", {"t": 0, "call": "sync"}),
            ("sync", {"t": 1, "call": "sync"}),
            ("backup", {}),
            ("confirm", {"t": 0, "who": 0, "n": 0, "good": 3, "final": False}),
            ("sync", {"t": 0, "call": "push"}),  # numbered, not pulled back
        ],
    )
    try:
        assert model.do("restore") == "restored"
        model.do("raise", t=1, who=3, kind=0, n=2)
        model.do("sync", t=1, call="push")  # takes the number t0's confirmation had
        if first == "push":  # a new event goes out first: the server says what it lost
            model.do("confirm", t=0, who=0, n=0, good=1, final=False)
        if first.endswith("does not say"):
            monkeypatch.setattr(feed, "_own_last_seq", lambda *_: None)
        refetched: list[str] = []
        original = replica.refetch
        monkeypatch.setattr(
            replica, "refetch", lambda *a: refetched.append("refetch") or original(*a)
        )
        for call in (first.split()[0], "pull", "push", "pull"):
            outcome = model.do("sync", t=0, call=call)
            assert "UNIQUE" not in outcome, outcome
        # Told, the terminal only renumbers; finding out from a page, it refetches.
        assert refetched == (["refetch"] if first.endswith("does not say") else [])
        assert model.do("heal", final=True) == "converged"
    finally:
        model.close()
        backend.close()


RESTORED_AFTER_A_POSTING: list[tuple[str, dict[str, Any]]] = [
    ("setup", {"terminals": 2}),
    ("start", {"t": 0, "who": 0, "n": 1}),
    ("sync", {"t": 0, "call": "sync"}),
    ("sync", {"t": 1, "call": "sync"}),
    ("backup", {}),
    ("confirm", {"t": 0, "who": 0, "n": 0, "good": 3, "final": False}),
    ("sync", {"t": 0, "call": "push"}),  # the writer books it in the ERP
    ("restore", {}),  # the server no longer holds that confirmation
]


def test_a_terminal_with_nothing_to_push_hears_that_a_restored_server_lost_its_events(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The restored server had lost a confirmation the terminal had pushed (and the ERP
    had booked). With nothing new to push, the terminal never asked the server what it
    held, so it never sent the confirmation again: the server and the other terminals
    never had it, and the ERP held a document of no posting. Every page now says how
    many of the asking terminal's own events the server holds (sync/protocol.py
    `own_last_seq`); fewer than acknowledged, and they go out again."""
    backend = SqliteBackend()
    model = _run(backend, tmp_path, RESTORED_AFTER_A_POSTING)
    try:
        assert model.do("heal", final=True) == "converged"
        with model.world.server.read() as session:
            assert len(session.scalars(select(ErpPosting.id)).all()) == 1
    finally:
        model.close()
        backend.close()


def test_after_a_restore_a_held_back_posting_the_erp_holds_is_found_by_reconcile(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """After the restore another terminal's new confirmation of the same order reached
    the server first and the ERP refused it; the lost one, sent again, queued behind it
    although the ERP had booked it before the restore: the writer never looks up a
    posting it holds back, so it stayed "pending" until a person decided about the
    refused one. `takt erp reconcile`, which the README asks for after a restore, finds
    it (the world runs it at the heal after a restore, once the terminals sent again)."""
    backend = SqliteBackend()
    model = _run(
        backend,
        tmp_path,
        [
            *RESTORED_AFTER_A_POSTING,
            ("erp", {"what": "refuse"}),
            ("confirm", {"t": 1, "who": 0, "n": 0, "good": 1, "final": False}),
            ("sync", {"t": 1, "call": "push"}),  # refused, ahead of the lost one
        ],
    )
    try:
        assert model.do("heal", final=True) == "converged"
        with model.world.server.read() as session:
            statuses = sorted(s.value for s in session.scalars(select(ErpPosting.status)))
        assert statuses == ["failed", "posted"]
    finally:
        model.close()
        backend.close()


def test_a_command_about_something_the_terminal_does_not_hold_is_refused_cleanly(
    plant: Plant, clock: FixedClock
) -> None:
    """The model: a supervisor re-issued a refused exception about a work order that a
    restored server had lost (an ERP import's new order), so the terminal no longer held
    it. The foreign key failed in the flush that records the undo log, which then tried
    to reset its capture on the rolled-back transaction: "Can't operate on closed
    transaction", a crash instead of a refusal. Now the command is refused naming what is
    missing (the raise's reducer checks the rows it names) and nothing is recorded; the
    next command works."""
    kiosk = plant.terminal("kiosk")
    kiosk.engine.pull_pending()
    with kiosk.store.read() as session:
        before = len(session.scalars(select(EventRecord.id)).all())
    raised = ExceptionRaised(
        exception_id="gone-order",
        kind=ExceptionKind.OTHER,
        severity=Severity.MEDIUM,
        channel=Channel.KIOSK,
        summary="Label printer jams",
        work_order="WO-GONE",
        rule="Everything else",
        owner_role=Role.SUPERVISOR,
        ack_due=NOW,
        resolve_due=NOW,
    )
    with (
        pytest.raises(Rejected, match="work order WO-GONE is unknown"),
        kiosk.store.write() as session,
    ):
        log.append(
            session,
            terminal_id=kiosk.store.terminal_id,
            payload=raised,
            actor="902",
            occurred_at=NOW,
        )
    with kiosk.store.read() as session:
        assert len(session.scalars(select(EventRecord.id)).all()) == before
    ExceptionService(kiosk.store, clock).raise_exception(
        "901", NewException(kind=ExceptionKind.OTHER, summary="Label printer jams")
    )


def test_a_posting_the_erp_booked_for_an_event_a_restored_server_refused_is_shown_to_reverse(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """A final confirmation the server took and the ERP booked was lost with a restore
    from an earlier backup. Meanwhile another terminal completed the same operation, so
    the lost one, sent again, was refused ("already completed"): no posting of it was
    left, but the ERP kept its document ("the ERP holds documents of no posting").
    `takt erp reconcile` now also looks up the postings refused events would have made
    and records each one the ERP holds as orphaned, with the document and what to do."""
    backend = SqliteBackend()
    model = _run(
        backend,
        tmp_path,
        [
            ("setup", {"terminals": 2}),
            ("start", {"t": 0, "who": 0, "n": 1}),
            ("sync", {"t": 0, "call": "sync"}),
            ("sync", {"t": 1, "call": "sync"}),
            ("backup", {}),
            ("confirm", {"t": 0, "who": 0, "n": 0, "good": 3, "final": True}),
            ("sync", {"t": 0, "call": "push"}),  # the writer books it in the ERP
            ("restore", {}),  # the server no longer holds that confirmation
            ("confirm", {"t": 1, "who": 0, "n": 0, "good": 2, "final": True}),
            ("sync", {"t": 1, "call": "push"}),  # completes the operation first
        ],
    )
    try:
        assert model.do("heal", final=True) == "converged"
        with model.world.server.read() as session:
            rows = {p.status: p for p in session.scalars(select(ErpPosting))}
            refused = session.scalar(
                select(EventRecord).where(
                    EventRecord.outcome == "rejected", EventRecord.kind == "operation.confirmed"
                )
            )
        assert set(rows) == {PostingStatus.POSTED, PostingStatus.ORPHANED}
        orphan = rows[PostingStatus.ORPHANED]
        assert refused is not None
        assert orphan.event_id == refused.id
        assert orphan.erp_document == model.world.erp.documents[orphan.id].document
        assert "reverse it in the ERP" in (orphan.last_error or "")
        assert "already completed" in (orphan.last_error or "")
    finally:
        model.close()
        backend.close()


def test_a_terminal_past_a_restored_servers_new_events_of_its_own_refetches(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """A posting was due when the server's database was backed up; the ERP booked it after,
    and t1 pulled the acknowledgement and t2's raise behind it. Restored, the server
    recorded the acknowledgement again (another event: the ERP already had it) and took
    t2's raise again at the same number, so t1's cursor still named the event the server
    held there and nothing said its history had changed. The server's next event of its
    own follows the new acknowledgement, not the one t1 held: "does not follow the
    previous event of its terminal", and t1 stopped syncing for good (the model's Halted
    after a restore). A page that contradicts what a terminal holds of another's chain
    now makes it take everything but its own events again (once per contradiction)."""
    backend = SqliteBackend()
    model = _run(
        backend,
        tmp_path,
        [
            ("setup", {"terminals": 2}),
            ("start", {"t": 0, "who": 0, "n": 1}),
            ("confirm", {"t": 0, "who": 0, "n": 0, "good": 3, "final": False}),
            ("lose", {"t": 0, "what": "answer", "call": "push"}),  # due, not posted
            ("backup", {}),
            ("erp", {"what": "post"}),  # the server's acknowledgement
            ("raise", {"t": 1, "who": 0, "kind": 3, "n": 1}),
            ("sync", {"t": 1, "call": "push"}),
            ("sync", {"t": 0, "call": "pull"}),  # t1's cursor: t2's raise
            ("restore", {}),
            ("erp", {"what": "post"}),  # acknowledged again: another event
            ("raise", {"t": 1, "who": 0, "kind": 3, "n": 2}),
            ("sync", {"t": 1, "call": "push"}),  # the lost raise again, at its number
            ("sync", {"t": 0, "call": "pull"}),
            ("confirm", {"t": 0, "who": 0, "n": 0, "good": 2, "final": False}),
            ("sync", {"t": 0, "call": "push"}),  # a new acknowledgement of the server's
        ],
    )
    try:
        assert model.do("sync", t=0, call="pull") == "ok"  # was: Halted
        assert model.do("heal", final=True) == "converged"
    finally:
        model.close()
        backend.close()


def test_the_erps_quality_hold_of_a_raise_a_restored_server_refused_is_shown_to_reverse(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The ERP's import added a step to SWO-2 after the server's backup; a quality hold
    raised on that step was taken, and its hold booked in the ERP. Restored, the server
    no longer had the step and refused the raise sent again, but reconcile looked up only
    confirmations' and issues' postings: the hold's document was left in the ERP with no
    posting ("the ERP holds documents of no posting"). A refused raise's hold is looked
    up too, by the key its release names (its exception's, not its event's)."""
    backend = SqliteBackend()
    model = _run(
        backend,
        tmp_path,
        [
            ("setup", {"terminals": 1}),
            ("backup", {}),
            ("erp_import", {"n": 1, "change": "routing", "amount": 0}),  # SWO-2 gains a step
            ("sync", {"t": 0, "call": "sync"}),
        ],
    )
    try:
        node = model.world.nodes[0]
        ops = [op.id for op in model.operations(node)]
        added = max(i for i, op in enumerate(ops) if op.startswith("SWO-2/"))
        # A quality hold (KINDS[2]) on the step the restored server will not have.
        assert model.do("raise", t=0, who=0, kind=2, n=added) == "recorded 1"
        model.do("sync", t=0, call="push")  # the writer books the hold in the ERP
        assert len(model.world.erp.documents) == 1
        assert model.do("restore") == "restored"
        assert model.do("heal", final=True) == "converged"
        with model.world.server.read() as session:
            (orphan,) = session.scalars(select(ErpPosting))
            refused = session.scalar(
                select(EventRecord).where(EventRecord.kind == "exception.raised")
            )
        assert refused is not None
        assert refused.outcome != "applied"
        assert orphan.status is PostingStatus.ORPHANED
        assert orphan.event_id == refused.id
        assert orphan.erp_document == model.world.erp.documents[orphan.id].document
        assert orphan.payload["erp_kind"] == "quality_hold"
    finally:
        model.close()
        backend.close()


def test_the_erps_documents_of_work_on_an_order_a_restored_server_lost_are_shown_to_reverse(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """The ERP released a new order after the server's backup; work on it was confirmed
    and booked in the ERP. Restored, the server no longer had the order and refused the
    confirmation sent again ("operation ERP-001/0010 is unknown"), and reconcile, which
    said a refused event's postings from the state it names, found nothing to look up:
    the ERP's document stayed with no posting. The postings are now named from the
    event alone when what it names is gone (only their references must be right)."""
    backend = SqliteBackend()
    model = _run(
        backend,
        tmp_path,
        [
            ("setup", {"terminals": 1}),
            ("backup", {}),
            ("erp_import", {"n": 0, "change": "new", "amount": 0}),  # releases ERP-001
            ("sync", {"t": 0, "call": "sync"}),
            ("start", {"t": 0, "who": 0, "n": 0}),  # ERP-001/0010, the first by id
        ],
    )
    try:
        node = model.world.nodes[0]
        running = [op.id for op in model.operations(node) if op.status.value == "running"]
        n = running.index("ERP-001/0010")
        assert model.do("confirm", t=0, who=0, n=n, good=3, final=False) == "recorded 1"
        model.do("sync", t=0, call="push")  # the writer books it in the ERP
        assert model.world.erp.documents
        assert model.do("restore") == "restored"
        assert model.do("heal", final=True) == "converged"
        with model.world.server.read() as session:
            orphans = list(
                session.scalars(
                    select(ErpPosting).where(ErpPosting.status == PostingStatus.ORPHANED)
                )
            )
        assert orphans
        assert {o.id for o in orphans} == set(model.world.erp.documents)
        assert all("is unknown" in (o.last_error or "") for o in orphans)
    finally:
        model.close()
        backend.close()


def test_the_erps_downtime_of_a_resolution_sent_before_its_raise_is_shown_to_reverse(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """A machine's downtime raised on t1 and resolved on t2 was booked in the ERP, then
    lost with a restore. t2 sent its resolution again before t1 its raise: the server
    refused the resolution (its exception unknown) and took the raise after. Reconcile
    did not look up a resolution's postings: the ERP's downtime stayed with no posting.
    A refused resolution's postings are looked up (by its exception's kind, or every
    kind it may have posted when the exception is unknown)."""
    backend = SqliteBackend()
    model = _run(
        backend,
        tmp_path,
        [
            ("setup", {"terminals": 2}),
            ("sync", {"t": 0, "call": "sync"}),
            ("sync", {"t": 1, "call": "sync"}),
            ("backup", {}),
            ("raise", {"t": 0, "who": 0, "kind": 0, "n": 1}),  # a machine's downtime
            ("sync", {"t": 0, "call": "push"}),
            ("sync", {"t": 1, "call": "pull"}),
            ("exception", {"t": 1, "who": 1, "n": 0, "action": "resolve"}),
            ("sync", {"t": 1, "call": "push"}),  # the writer books the downtime
        ],
    )
    try:
        assert len(model.world.erp.documents) == 1
        assert model.do("restore") == "restored"
        model.do("sync", t=1, call="sync")  # the resolution first: refused
        assert model.do("heal", final=True) == "converged"
        with model.world.server.read() as session:
            (orphan,) = session.scalars(select(ErpPosting))
            resolved = session.scalar(
                select(EventRecord).where(EventRecord.kind == "exception.resolved")
            )
        assert resolved is not None
        assert resolved.outcome != "applied"
        assert orphan.status is PostingStatus.ORPHANED
        assert orphan.event_id == resolved.id
        assert orphan.kind is PostingKind.DOWNTIME
    finally:
        model.close()
        backend.close()


def test_a_listening_terminal_with_nothing_to_push_resends_what_a_restored_server_lost(
    tmp_path: Path, memory_keyring: MemoryKeyring
) -> None:
    """As above, but t2 only pushes after the restore (it has nothing to push) and then
    follows the live stream, whose cursor the restored server still recognises once t1
    sent its raise again: the stream sends only new events, so t2 never heard that the
    server had lost its resolution, and the ERP kept a downtime of no event the server
    holds. A terminal now reads one plain page on connecting its stream
    (SyncEngine._live_loop; the model's `take` does the same), and sends it again."""
    backend = SqliteBackend()
    model = _run(
        backend,
        tmp_path,
        [
            ("setup", {"terminals": 2}),
            ("sync", {"t": 0, "call": "sync"}),
            ("sync", {"t": 1, "call": "sync"}),
            ("backup", {}),
            ("raise", {"t": 0, "who": 0, "kind": 0, "n": 1}),
            ("sync", {"t": 0, "call": "push"}),
            ("sync", {"t": 1, "call": "pull"}),
            ("exception", {"t": 1, "who": 1, "n": 0, "action": "resolve"}),
            ("sync", {"t": 1, "call": "push"}),  # the writer books the downtime
        ],
    )
    try:
        assert model.do("restore") == "restored"
        model.do("sync", t=1, call="push")  # nothing to push: it hears nothing
        assert model.do("heal", final=True) == "converged"
        with model.world.server.read() as session:
            resolved = session.scalar(
                select(EventRecord).where(EventRecord.kind == "exception.resolved")
            )
        assert resolved is not None
        assert resolved.outcome == "applied"
    finally:
        model.close()
        backend.close()
