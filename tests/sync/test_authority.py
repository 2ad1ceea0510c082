"""The server is the authority: every pushed event is judged on its own (issue 10).

A terminal that is modified (or a person at a terminal who is not who they say) can
chain any event it likes; these events are made the way such a terminal would, with
`log.append` straight into its database (no service, no check), then pushed over real
HTTP. Each is rejected with a reason the terminal's rejected list shows, and the
terminal's queue moves on: the good event behind it is applied.
"""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import select, text

from app.clock import FixedClock
from app.errors import PermissionDenied
from app.events import log
from app.events.envelope import GENESIS_HASH, Event
from app.events.payloads import (
    ErpPostingAcknowledged,
    ErpPostingOrphaned,
    ErpPostingReversed,
    ExceptionDeadlinePassed,
    HoldPlaced,
    HoldReleased,
    OverrideSet,
    Payload,
    UserEnrolled,
    UserLoggedIn,
    UserLoggedOut,
)
from app.model import ChainHead, EventRecord, OperationInstance, User
from app.model.types import HoldScope, OverrideKind, PostingKind, Role
from app.projections import registry
from app.services.board import BoardService
from app.services.people import PeopleService
from sync.client.transport import Refused
from tests.conftest import NOW
from tests.sync.plant import Plant, Terminal
from tests.sync.test_sync_protocol import downtime

OPERATOR, SUPERVISOR, QUALITY, ADMIN = "901", "902", "903", "908"


def forge(t: Terminal, payload: Payload | tuple[str, dict[str, Any]], actor: str) -> int:
    """Record an event as a tampered terminal would: chained, unchecked, not even applied
    here (a payload, or any kind and data). Its seq."""
    kind, data = payload if isinstance(payload, tuple) else (payload.KIND, payload.as_json())
    with t.store.write() as session:
        head = session.get(ChainHead, t.store.terminal_id)
        event = Event.sealed(
            id=str(uuid.uuid4()),
            terminal_id=t.store.terminal_id,
            terminal_seq=head.last_seq + 1 if head else 1,
            kind=kind,
            payload=data,
            actor=actor,
            occurred_at=NOW,
            prev_hash=head.last_hash if head else GENESIS_HASH,
        )
        log.store(session, event, head, server_seq=None)
    return event.terminal_seq


def server_verdict(plant: Plant, t: Terminal, seq: int) -> tuple[str, str | None]:
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        row = session.execute(
            select(EventRecord.outcome, EventRecord.reason).where(
                EventRecord.terminal_id == t.store.terminal_id, EventRecord.terminal_seq == seq
            )
        ).one()
    return row[0], row[1]


def an_operation(t: Terminal) -> str:
    with t.store.read() as session:
        return session.scalars(select(OperationInstance.id).order_by(OperationInstance.id)).first()


def pin(t: Terminal, actor: str, operation_id: str | None = None) -> int:
    return forge(
        t,
        OverrideSet(
            override_id=str(uuid.uuid4()),
            operation_id=operation_id or an_operation(t),
            kind=OverrideKind.PIN,
            reason="rush order from the customer",
        ),
        actor,
    )


def then_a_good_event_is_applied(plant: Plant, t: Terminal) -> None:
    good = t.exceptions.raise_exception(OPERATOR, downtime("WC-002"))
    t.engine.sync_once()
    assert t.engine.waiting() == 0
    assert plant.server_snapshot() == t.snapshot()
    assert good


ATTACKS = {
    "a payload that does not parse": (
        lambda t: forge(
            t,
            ("exception.raised", {"exception_id": "x", "kind": "apocalypse", "severity": "high"}),
            OPERATOR,
        ),
        "payload.kind",
    ),
    "an event kind no Takt knows": (
        lambda t: forge(t, ("plant.self_destruct", {}), OPERATOR),
        "unknown event kind",
    ),
    "a confirmation of 1e300 good": (
        lambda t: forge(
            t,
            ("operation.confirmed", {"operation_id": an_operation(t), "good": 1e300}),
            OPERATOR,
        ),
        "payload.good",
    ),
    "operator overrides priority": (
        lambda t: pin(t, OPERATOR),
        "only a supervisor or manager may override priority",
    ),
    "a person who does not exist": (lambda t: pin(t, "ghost-999"), "not an enrolled user"),
    "operator releases a quality hold": (
        lambda t: forge(
            t,
            HoldReleased(
                hold_id=_hold(t),
                note="looks fine to me",
            ),
            OPERATOR,
        ),
        "only a quality may release a hold",
    ),
    "supervisor enrolls a new supervisor with a known PIN": (
        lambda t: forge(
            t,
            UserEnrolled(id="666", name="Mallory", badge_id="EVIL-1", roles=[Role.SUPERVISOR]),
            SUPERVISOR,
        ),
        "only an admin may enroll people",
    ),
    "a supervisor's PIN replaced": (
        lambda t: forge(
            t,
            UserEnrolled(id=SUPERVISOR, name="Supervisor 2", pin_hash="x", roles=[Role.SUPERVISOR]),
            SUPERVISOR,
        ),
        "only an admin may enroll people",
    ),
    "a made-up ERP acknowledgement": (
        lambda t: forge(
            t, ErpPostingAcknowledged(posting_id="p-1", document="MAT-STE-0001"), "erp"
        ),
        "only the server may record an ERP acknowledgement",
    ),
    "the same, in a person's name": (
        lambda t: forge(
            t, ErpPostingAcknowledged(posting_id="p-1", document="MAT-STE-0001"), SUPERVISOR
        ),
        "only the server may record an ERP acknowledgement",
    ),
    "a made-up ERP document of a refused event": (
        lambda t: forge(
            t,
            ErpPostingOrphaned(
                posting_id="p-2",
                event_id="e-2",
                occurred_at=NOW,
                posting_kind=PostingKind.CONFIRMATION,
                details={},
                document="MAT-STE-0002",
                reason="made up",
            ),
            "server",
        ),
        "only the server may record an ERP document of a refused event",
    ),
    "an operator says an ERP document was reversed": (
        lambda t: forge(t, ErpPostingReversed(posting_id="p-2", reason="gone"), OPERATOR),
        "record an ERP document as reversed",
    ),
    "a deadline a terminal says has passed": (
        lambda t: forge(
            t,
            ExceptionDeadlinePassed(
                exception_id=t.exceptions.raise_exception(OPERATOR, downtime()),
                fact="sla:ack",
                due_at=NOW,
            ),
            "server",
        ),
        "only the server may record a passed deadline",
    ),
}


def _hold(t: Terminal) -> str:
    """A hold placed properly by quality, for the operator to try to release."""
    return BoardService(t.store, FixedClock(NOW)).place_hold(
        QUALITY, HoldScope.ITEM, "X", "hardness check"
    )


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_an_event_its_actor_may_not_cause_is_rejected_and_the_queue_moves_on(
    plant: Plant, attack: str
) -> None:
    a = plant.terminal("kiosk-a")
    make, why = ATTACKS[attack]
    seq = make(a)
    a.engine.sync_once()
    outcome, reason = server_verdict(plant, a, seq)
    assert outcome == "rejected"
    assert reason is not None
    assert why in reason
    assert [r.terminal_seq for r in a.engine.rejected()] == [seq]
    then_a_good_event_is_applied(plant, a)


def test_a_person_must_be_logged_in_on_the_terminal_that_sends_their_event(plant: Plant) -> None:
    a = plant.terminal("kiosk-a", people=(SUPERVISOR,))
    b = plant.terminal("kiosk-b", people=())
    b.engine.sync_once()
    # The supervisor is logged in on kiosk A, not on kiosk B.
    seq = pin(b, SUPERVISOR)
    b.engine.sync_once()
    outcome, reason = server_verdict(plant, b, seq)
    assert outcome == "rejected"
    assert reason is not None
    assert "not logged in on terminal" in reason
    # After logging out on A, A cannot act in their name either.
    forge(a, UserLoggedOut(user_id=SUPERVISOR), SUPERVISOR)
    seq = pin(a, SUPERVISOR)
    a.engine.sync_once()
    assert server_verdict(plant, a, seq)[0] == "rejected"
    # Logged in on B, B's next override is taken.
    b.login(SUPERVISOR)
    seq = pin(b, SUPERVISOR)
    b.engine.sync_once()
    assert server_verdict(plant, b, seq) == ("applied", None)


def test_an_admin_enrolls_people_and_the_new_person_may_act_at_once(plant: Plant) -> None:
    a = plant.terminal("kiosk-a", people=(ADMIN,))
    PeopleService(a.store, FixedClock(NOW)).enroll(
        actor=ADMIN, user_id="777", name="New Lead", roles=[Role.SUPERVISOR], badge_id="NEW-1"
    )
    a.login("777")
    seq = pin(a, "777")
    a.engine.sync_once()  # all in one batch: the login sees the enrolment before it
    assert server_verdict(plant, a, seq) == ("applied", None)
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        assert session.get(User, "777") is not None


def test_an_event_the_database_cannot_take_is_rejected_alone(plant: Plant) -> None:
    """An override of an operation the server does not have (the ERP import removed it
    while the supervisor's terminal was offline) used to answer 500 for ever."""
    a = plant.terminal("kiosk-a", people=(SUPERVISOR, OPERATOR))
    before = a.exceptions.raise_exception(OPERATOR, downtime("WC-001"))
    seq = pin(a, SUPERVISOR, operation_id="SWO-GONE/10")
    after = a.exceptions.raise_exception(OPERATOR, downtime("WC-003"))
    a.engine.sync_once()
    outcome, reason = server_verdict(plant, a, seq)
    assert outcome == "rejected"
    assert reason == "operation SWO-GONE/10 is unknown"
    assert server_verdict(plant, a, seq - 1)[0] == "applied"
    assert server_verdict(plant, a, seq + 1)[0] == "applied"
    assert a.engine.waiting() == 0
    assert before
    assert after


def a_raise_naming(t: Terminal, field: str, value: str) -> dict[str, Any]:
    """A raise as the terminal's service records it, made new (its ids) and naming
    `value` as its `field`."""
    t.exceptions.raise_exception(OPERATOR, downtime("WC-001"))
    with t.store.write() as session:
        record = session.scalars(
            select(EventRecord)
            .where(EventRecord.kind == "exception.raised")
            .order_by(EventRecord.terminal_seq.desc())
        ).first()
        data = dict(record.payload)
        session.delete(record)  # not sent: the forged copy stands in its place
        head = session.get(ChainHead, t.store.terminal_id)
        head.last_seq -= 1
        head.last_hash = record.prev_hash
    data["exception_id"] = str(uuid.uuid4())
    data["tasks"] = [{**task, "task_id": str(uuid.uuid4())} for task in data["tasks"]]
    data[field] = value
    return data


# A field of a raise, a value the server does not hold, and the reason it gives.
LACKING = [
    ("work_center", "WC-GONE", "work center WC-GONE is unknown"),
    ("work_order", "SWO-GONE", "work order SWO-GONE is unknown"),
    ("operation_id", "SWO-GONE/10", "operation SWO-GONE/10 is unknown"),
    ("item", "ITEM-GONE", "item ITEM-GONE is unknown"),
    ("owner_user", "ghost-999", "owner ghost-999 is unknown"),
]


def test_a_raise_naming_what_the_server_lacks_is_rejected_naming_it(plant: Plant) -> None:
    """The terminal checked each raise against its own copy, which can know a work
    order the server does not (a restore, an import that ran on one side). The server
    names what is missing, for each raise of the batch; it used to answer with the
    database's foreign-key failure."""
    a = plant.terminal("kiosk-a")
    seqs = [
        forge(a, ("exception.raised", a_raise_naming(a, field, value)), OPERATOR)
        for field, value, _ in LACKING
    ]
    a.engine.sync_once()
    assert [server_verdict(plant, a, seq) for seq in seqs] == [
        ("rejected", reason) for _, _, reason in LACKING
    ]
    assert sorted(r.terminal_seq for r in a.engine.rejected()) == seqs
    then_a_good_event_is_applied(plant, a)


def test_a_login_cannot_be_made_in_another_persons_name(plant: Plant) -> None:
    a = plant.terminal("kiosk-a", people=(OPERATOR,))
    seq = forge(a, UserLoggedIn(user_id=SUPERVISOR, method="badge"), OPERATOR)
    a.engine.sync_once()
    outcome, reason = server_verdict(plant, a, seq)
    assert outcome == "rejected"
    assert reason is not None
    assert "as themself" in reason


def test_the_terminals_own_services_refuse_what_the_server_would(plant: Plant) -> None:
    a = plant.terminal("kiosk-a")
    with pytest.raises(PermissionDenied, match="override priority"):
        BoardService(a.store, FixedClock(NOW)).override(
            OPERATOR, an_operation(a), OverrideKind.PIN, "because I say so"
        )


def test_a_badge_given_twice_is_rejected_with_who_has_it(plant: Plant) -> None:
    a = plant.terminal("kiosk-a", people=(ADMIN,))
    seq = forge(
        a, UserEnrolled(id="778", name="Copycat", badge_id="SYN-901", roles=[Role.OPERATOR]), ADMIN
    )
    a.engine.sync_once()
    assert server_verdict(plant, a, seq) == (
        "rejected",
        "badge SYN-901 is already given to Operator 1",
    )
    then_a_good_event_is_applied(plant, a)


def test_an_event_no_check_foresaw_is_rejected_alone_with_the_databases_words(
    plant: Plant, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last line of defence: a reducer or the database fails on one event in a way no
    check named. The batch is judged again, one savepoint per event; only that event is
    rejected, with the database's words, and the rest of the batch is applied."""
    a = plant.terminal("kiosk-a", people=(QUALITY, OPERATOR))
    held = _hold(a)
    before = a.exceptions.raise_exception(OPERATOR, downtime("WC-001"))
    original = registry._REDUCERS["hold.placed"]

    def breaks_on_the_database(session: Any, p: Any, event: Any) -> None:
        original(session, p, event)
        if p.key == "BROKEN":
            session.execute(text("INSERT INTO users (id) VALUES (NULL)"))  # NOT NULL fails

    monkeypatch.setitem(registry._REDUCERS, "hold.placed", breaks_on_the_database)
    bad = forge(
        a,
        HoldPlaced(hold_id=str(uuid.uuid4()), scope=HoldScope.ITEM, key="BROKEN", reason="x-ray"),
        QUALITY,
    )
    after = a.exceptions.raise_exception(OPERATOR, downtime("WC-003"))
    a.engine.sync_once()
    outcome, reason = server_verdict(plant, a, bad)
    assert outcome == "rejected"
    assert reason is not None
    assert reason.startswith("the server could not apply it: ")
    assert "NOT NULL" in reason
    assert server_verdict(plant, a, bad - 1)[0] == "applied"
    assert server_verdict(plant, a, bad + 1)[0] == "applied"
    assert a.engine.waiting() == 0
    assert held
    assert before
    assert after


def test_a_push_with_an_event_in_another_terminals_name_is_refused_whole(plant: Plant) -> None:
    """A terminal's token pushes only its own chain: a batch holding an event in another
    terminal's name is refused as a whole, naming both, before it waits to be applied
    (alone or with other pushes), and nothing of it is stored; the terminal's own next
    push is applied."""
    a = plant.terminal("kiosk-a")
    b = plant.terminal("kiosk-b")
    own_seq = forge(a, ("plant.self_destruct", {}), OPERATOR)
    with a.store.read() as session:
        own = list(log.read_all(session))[-1]
    assert own.terminal_seq == own_seq
    in_bs_name = Event.sealed(
        id=str(uuid.uuid4()),
        terminal_id=b.store.terminal_id,
        terminal_seq=1_000,
        kind="user.logged_out",
        payload={"user_id": OPERATOR},
        actor=OPERATOR,
        occurred_at=NOW,
        prev_hash=GENESIS_HASH,
    )
    held_before = plant.held_seqs(b)
    with pytest.raises(Refused, match=f"terminal {b.store.terminal_id}'s name"):
        a.engine.transport.push(a.engine.cursor(), [own, in_bs_name])
    assert plant.held_seqs(b) == held_before
    assert own_seq not in plant.held_seqs(a)
    then_a_good_event_is_applied(plant, a)
