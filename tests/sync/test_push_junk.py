"""A terminal that pushes junk (issue 10): events of random kinds with random payloads
(valid-looking ones naming ids nobody has, huge numbers, control characters, wrong types)
written straight into a terminal's log, as a modified terminal or a damaged database
would, and sent through the real push path to a real server on 127.0.0.1.

Whatever the junk, the server never answers 5xx (nor refuses the batch as a whole), every
event gets its own verdict, and the terminal's queue moves on: the good event after the
junk is applied.
"""

from __future__ import annotations

import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from app.events import log
from app.events.envelope import GENESIS_HASH, Event
from app.events.payloads import PAYLOAD_TYPES
from app.model import ChainHead, EventRecord, Item, OperationInstance, WorkCenter, WorkOrder
from app.model.types import HoldScope
from app.services.board import BoardService
from sync.protocol import PushResponse
from tests.sync.plant import Plant, Terminal

SUPERVISOR = "902"
# Junk comes from people on this terminal, people unknown and ids no person has; not from
# the administrator, whose junk could legitimately take the supervisor's role away. The
# envelope itself (actor and kind of 1-64 printable characters) is what any terminal can
# put on the wire; the payload is anything. (An envelope with a control character is no
# event a Takt terminal can make: the protocol refuses its batch, see test_http_limits.)
ACTORS = ("901", "902", "903", "905", "ghost-999", "x" * 64, "Ana Petrović")

CONTROL = st.sampled_from(["\x00", "\x01", "\x1b", "\x7f", "\x85", "\u2028", "\n", "\r", "\t"])
TEXT = st.one_of(
    st.text(max_size=20),
    st.builds(lambda a, c, b: a + c + b, st.text(max_size=8), CONTROL, st.text(max_size=8)),
    st.integers(0, 6000).map(lambda n: "y" * n),
    st.just(""),
)
NUMBER = st.one_of(
    st.floats(-10, 100, allow_nan=False),
    st.sampled_from([0, -1, 1e300, -1e300, 99999999999999999999, 10**30, 2**63, 1e-300]),
)
WRONG = st.one_of(
    st.none(), st.booleans(), st.lists(st.integers(), max_size=3), st.just({"a": {"b": 1}})
)

# Payloads that look right, for the kinds a terminal sends most.
TEMPLATES: dict[str, dict[str, str]] = {
    "operation.started": {"operation_id": "op"},
    "operation.confirmed": {"operation_id": "op", "good": "num", "scrap": "num", "final": "bool"},
    "priority.override_set": {
        "override_id": "key",
        "operation_id": "op",
        "kind": "override_kind",
        "reason": "text",
    },
    "priority.override_cleared": {"override_id": "key", "reason": "text"},
    "hold.placed": {"hold_id": "key", "scope": "scope", "key": "any_id", "reason": "text"},
    "hold.released": {"hold_id": "key", "note": "text"},
    "material.issued": {"work_order": "order", "item": "item", "qty": "num", "operation_id": "op"},
    "machine.state_changed": {"work_center": "wc", "state": "state", "reason": "text"},
    "exception.acknowledged": {"exception_id": "key"},
    "exception.resolved": {"exception_id": "key", "decision": "text", "root_cause": "text"},
    "task.done": {"task_id": "key", "note": "text"},
    "erp.posting_acknowledged": {"posting_id": "key", "document": "text"},
    "user.logged_in": {"user_id": "actor", "method": "method"},
    "user.enrolled": {"id": "text", "name": "text", "roles": "roles"},
}


def values(ids: dict[str, list[str]]) -> dict[str, st.SearchStrategy[Any]]:
    def known(name: str) -> st.SearchStrategy[Any]:
        return st.one_of(st.sampled_from(ids[name]), st.uuids().map(str), TEXT)

    return {
        "op": known("op"),
        "order": known("order"),
        "item": known("item"),
        "wc": known("wc"),
        "any_id": st.one_of(known("op"), known("item")),
        "key": st.one_of(st.uuids().map(str), TEXT),
        "num": NUMBER,
        "bool": st.booleans(),
        "text": TEXT,
        "override_kind": st.sampled_from(["pin", "hold", "sideways"]),
        "scope": st.sampled_from([s.value for s in HoldScope] + ["planet"]),
        "state": st.sampled_from(["down", "running", "exploded"]),
        "method": st.sampled_from(["badge", "pin", "telepathy"]),
        "actor": st.sampled_from(ACTORS),
        "roles": st.lists(st.sampled_from(["admin", "supervisor", "wizard"]), max_size=3),
    }


@st.composite
def junk_event(draw: st.DrawFn, ids: dict[str, list[str]]) -> tuple[str, dict[str, Any], str]:
    """(kind, payload, actor): mostly plausible, always a little wrong somewhere."""
    kind = draw(
        st.one_of(
            st.sampled_from(sorted(TEMPLATES)),
            st.sampled_from(sorted(PAYLOAD_TYPES)),
            st.text(st.characters(exclude_categories=("Cc", "Cs")), min_size=1, max_size=64),
            st.just("hold.placed "),
        )
    )
    payload: dict[str, Any] = {}
    if kind in TEMPLATES:
        strategies = values(ids)
        payload = {field: draw(strategies[v]) for field, v in TEMPLATES[kind].items()}
        if payload and draw(st.booleans()):  # a field of the wrong type
            field = draw(st.sampled_from(sorted(payload)))
            payload[field] = draw(WRONG)
    if draw(st.integers(0, 4)) == 0:  # a field no payload has
        payload[draw(st.text(max_size=70))] = draw(st.one_of(TEXT, NUMBER, WRONG))
    return kind, payload, draw(st.sampled_from(ACTORS))


def append_raw(terminal: Terminal, kind: str, payload: dict[str, Any], actor: str) -> Event:
    """Write an event into the terminal's log as a modified terminal would: chained and
    numbered like any other, but never checked nor applied here."""
    store = terminal.store
    with store.write() as session:
        head = session.get(ChainHead, store.terminal_id, with_for_update=True)
        event = Event.sealed(
            id=str(uuid.uuid4()),
            terminal_id=store.terminal_id,
            terminal_seq=head.last_seq + 1 if head else 1,
            kind=kind,
            payload=payload,
            actor=actor,
            occurred_at=terminal.exceptions.clock.now(),
            prev_hash=head.last_hash if head else GENESIS_HASH,
        )
        log.store(session, event, head, server_seq=None)
    return event


def recorded_pushes(terminal: Terminal) -> list[PushResponse]:
    """Every push response the terminal's engine gets, kept for the test to read."""
    responses: list[PushResponse] = []
    transport = terminal.engine.transport
    push = transport.push

    def recording(*args: Any, **kwargs: Any) -> PushResponse:
        response = push(*args, **kwargs)
        responses.append(response)
        return response

    transport.push = recording  # type: ignore[method-assign]
    return responses


def plant_ids(terminal: Terminal) -> dict[str, list[str]]:
    with terminal.store.read() as session:
        return {
            "op": list(session.scalars(select(OperationInstance.id).limit(20))),
            "order": list(session.scalars(select(WorkOrder.number).limit(20))),
            "item": list(session.scalars(select(Item.code).limit(20))),
            "wc": list(session.scalars(select(WorkCenter.code))),
        }


def test_junk_never_wedges_a_terminal(any_plant: Plant) -> None:
    kiosk = any_plant.terminal("kiosk")
    pushes = recorded_pushes(kiosk)
    ids = plant_ids(kiosk)
    board = BoardService(kiosk.store, kiosk.exceptions.clock)
    assert any_plant.server_store is not None
    server = any_plant.server_store
    rounds = iter(range(10_000))

    @settings(
        max_examples=60,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(st.lists(junk_event(ids), min_size=1, max_size=4))
    def pushing(junk: list[tuple[str, dict[str, Any], str]]) -> None:
        sent = [append_raw(kiosk, kind, payload, actor) for kind, payload, actor in junk]
        # Then a good event from the terminal's own service, after a fresh login (junk
        # may have logged the supervisor out).
        kiosk.login(SUPERVISOR)
        board.place_hold(SUPERVISOR, HoldScope.ITEM, f"JUNK-{next(rounds)}", "checked after junk")
        with kiosk.store.read() as session:
            good = session.scalars(
                select(EventRecord)
                .where(EventRecord.terminal_id == kiosk.store.terminal_id)
                .order_by(EventRecord.terminal_seq.desc())
            ).first()
        assert good is not None
        assert good.kind == "hold.placed"

        pushes.clear()
        kiosk.engine.push_pending()  # a 5xx or a refused batch raises here

        verdicts = {r.terminal_seq: r for p in pushes for r in p.results}
        for event in sent:
            result = verdicts[event.terminal_seq]
            assert result.status in ("applied", "rejected", "redundant"), result
            assert result.server_seq is not None
        assert verdicts[good.terminal_seq].status == "applied", verdicts[good.terminal_seq]
        assert kiosk.engine.waiting() == 0
        with server.read() as session:
            stored = dict(
                session.execute(
                    select(EventRecord.id, EventRecord.outcome).where(
                        EventRecord.id.in_([e.id for e in sent] + [good.id])
                    )
                ).all()
            )
        assert set(stored) == {e.id for e in sent} | {good.id}
        assert stored[good.id] == "applied"

    pushing()
