"""Message intake as a domain (issue 16): a message comes in as a draft, for triage or
archived, by what the understanding says; one tap confirms it into a routed exception
on the channel it came by, with any edits over the draft, or discards it, keeping the
message; a decided message is decided; only leads decide; replay rebuilds it all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import get_args

import pytest
from sqlalchemy import select

from app import authz, queries_intake
from app.clock import FixedClock
from app.errors import PermissionDenied, Rejected, ValidationError
from app.events import replay
from app.events.payloads import IntakeType, MessageConfirmed, Urgency
from app.model import EventRecord, IntakeMessage, ShopException, Task, WorkOrder
from app.model.types import Channel, ExceptionKind, MessageChannel, MessageStatus, Severity
from app.services.intake import EXCEPTION_KIND, Incoming, IntakeService, normalized_text
from app.store import Store
from sync.intake import EXCEPTION_TYPES, URGENCIES
from sync.intake.draft import EXCEPTION_KIND as draft_kinds
from sync.intake.understood import Understanding, intake_service

SUPERVISOR = "902"
OPERATOR = "901"
MANAGER = "907"
T0 = datetime(2026, 11, 23, 8, 30, tzinfo=UTC)


def an_order(plant: Store) -> WorkOrder:
    with plant.read() as session:
        order = session.scalars(select(WorkOrder).order_by(WorkOrder.number)).first()
        assert order is not None
        session.expunge(order)
        return order


def row(plant: Store, message_id: str) -> IntakeMessage:
    with plant.read() as session:
        found = session.get(IntakeMessage, message_id)
        assert found is not None
        session.expunge(found)
        return found


def receive(
    plant: Store,
    clock: FixedClock,
    text: str,
    *,
    channel: str = "email",
    ident: str = "m1",
    subject: str | None = None,
) -> str:
    """What the server's worker does with one message a channel took in."""
    service = IntakeService(plant, clock)
    incoming = Incoming(
        message_id=f"{channel}:{ident}",
        channel=MessageChannel(channel),
        received_at=T0,
        text=normalized_text(text),
        subject=subject,
        sender="planner@example.com",
    )
    # A plant without a server decides its own log, as a server does: the system records.
    with service.transaction() as tx:
        understood = Understanding()(tx.session, incoming)
        assert service.record(tx, incoming, understood)
    return incoming.message_id


def test_a_message_becomes_a_draft_triage_or_archived_by_what_it_says(
    plant: Store, clock: FixedClock
) -> None:
    order = an_order(plant)
    linked = receive(
        plant,
        clock,
        f"We are short of {order.item_code} for {order.number}, 40 pcs missing.",
        ident="linked",
    )
    unknown = receive(
        plant,
        clock,
        "Material shortage: order WO-99999 is missing 40 pcs of XYZ-77.",
        ident="unknown",
    )
    chatter = receive(plant, clock, "Thanks for lunch yesterday, see you Friday!", ident="chat")

    draft = row(plant, linked)
    assert draft.status is MessageStatus.DRAFT
    assert draft.channel is MessageChannel.EMAIL
    assert draft.sender == "planner@example.com"
    assert draft.text.startswith("We are short of")
    assert draft.draft["type"] == "shortage"
    assert [f["value"] for f in draft.draft["work_orders"]] == [order.number]
    first = draft.draft["work_orders"][0]
    assert draft.text[first["span"]["start"] : first["span"]["end"]] == order.number
    assert 0 < first["confidence"] <= 1

    assert row(plant, unknown).status is MessageStatus.TRIAGE
    assert "names nothing the plant knows" in (row(plant, unknown).reason or "")
    archived = row(plant, chatter)
    assert archived.status is MessageStatus.ARCHIVED
    assert archived.reason

    with plant.read() as session:
        assert [m.message_id for m in queries_intake.messages(session, "archived")] == [chatter]
        detail = queries_intake.message(session, linked)
    assert detail is not None
    assert detail.text == draft.text
    names = {f.name: f for f in detail.fields}
    assert names["work_order"].value == order.number
    assert names["work_order"].found == order.number
    assert names["quantity"].value == {"value": 40, "unit": "pcs"}


def test_confirming_raises_the_routed_exception_on_the_message_channel(
    plant: Store, clock: FixedClock
) -> None:
    order = an_order(plant)
    message_id = receive(
        plant,
        clock,
        f"Urgent: short of {order.item_code} for {order.number}, 40 pcs missing.",
        ident="confirm",
    )
    exception_id = intake_service(plant, clock).confirm(message_id, actor=SUPERVISOR)

    with plant.read() as session:
        exc = session.get(ShopException, exception_id)
        assert exc is not None
        assert exc.kind is ExceptionKind.MATERIAL_SHORTAGE
        assert exc.channel is Channel.EMAIL
        assert exc.work_order_number == order.number
        assert exc.item_code == order.item_code
        assert exc.quantity == 40
        assert exc.details["message_id"] == message_id
        assert exc.raised_by == SUPERVISOR
        # Routed as any exception: an owner, deadlines, a task per function.
        assert exc.owner_role is not None
        assert exc.ack_due is not None
        tasks = session.scalars(select(Task).where(Task.exception_id == exception_id)).all()
        assert tasks
    confirmed = row(plant, message_id)
    assert confirmed.status is MessageStatus.CONFIRMED
    assert confirmed.exception_id == exception_id
    assert confirmed.decided_by == SUPERVISOR


def test_edits_override_the_draft_and_a_chat_message_raises_on_the_chat_channel(
    plant: Store, clock: FixedClock
) -> None:
    order = an_order(plant)
    message_id = receive(
        plant,
        clock,
        f"{order.number} is short 40 pcs of {order.item_code}",
        channel="whatsapp",
        ident="edit",
    )
    exception_id = intake_service(plant, clock).confirm(
        message_id,
        {
            "quantity": 12,
            "urgency": "critical",
            "note": "called back: 12 missing",
            "date": "2026-11-25",
        },
        actor=MANAGER,
    )
    with plant.read() as session:
        exc = session.get(ShopException, exception_id)
        assert exc is not None
        assert exc.channel is Channel.CHAT
        assert exc.quantity == 12
        assert exc.severity is Severity.CRITICAL
        assert exc.note == "called back: 12 missing"
        assert exc.details["date"] == "2026-11-25"
        event = session.scalars(
            select(EventRecord).where(EventRecord.kind == MessageConfirmed.KIND)
        ).one()
    assert event.payload["edited"] == ["date", "note", "quantity", "urgency"]
    assert event.payload["quantity"] == 12


def test_a_bad_edit_names_its_field_and_records_nothing(plant: Store, clock: FixedClock) -> None:
    order = an_order(plant)
    message_id = receive(plant, clock, f"{order.number} short of {order.item_code}", ident="bad")
    service = intake_service(plant, clock)
    with pytest.raises(ValidationError) as error:
        service.confirm(message_id, {"quantity": "lots", "colour": "red"}, actor=SUPERVISOR)
    assert {p.field for p in error.value.problems} == {"quantity", "colour"}
    with pytest.raises(ValidationError) as error:
        service.confirm(message_id, {"items": ["NO-SUCH-ITEM"]}, actor=SUPERVISOR)
    assert [p.field for p in error.value.problems] == ["item"]
    assert row(plant, message_id).status is MessageStatus.DRAFT


def test_discarding_keeps_the_message_and_a_decided_message_stays_decided(
    plant: Store, clock: FixedClock
) -> None:
    order = an_order(plant)
    service = intake_service(plant, clock)
    kept = receive(plant, clock, f"{order.number} short of {order.item_code}", ident="discard")
    service.discard(kept, "already handled by phone", actor=SUPERVISOR)
    discarded = row(plant, kept)
    assert discarded.status is MessageStatus.DISCARDED
    assert discarded.reason == "already handled by phone"
    assert discarded.text.startswith(order.number)
    with plant.read() as session:
        assert [m.message_id for m in queries_intake.messages(session, "discarded")] == [kept]

    with pytest.raises(ValidationError, match="already discarded"):
        service.confirm(kept, actor=SUPERVISOR)

    once = receive(plant, clock, f"{order.number} short of {order.item_code}", ident="once")
    exception_id = service.confirm(once, actor=SUPERVISOR)
    with pytest.raises(ValidationError, match=f"already confirmed as exception {exception_id}"):
        service.confirm(once, actor=SUPERVISOR)

    archived = receive(plant, clock, "Thanks for lunch yesterday, see you Friday!", ident="arch")
    with pytest.raises(ValidationError, match="archived as not an exception"):
        service.confirm(archived, actor=SUPERVISOR)
    with pytest.raises(ValidationError, match="unknown message"):
        service.confirm("email:nothing", actor=SUPERVISOR)


def test_only_leads_decide_and_the_server_refuses_a_confirm_from_an_operator(
    plant: Store, clock: FixedClock
) -> None:
    order = an_order(plant)
    message_id = receive(plant, clock, f"{order.number} short of {order.item_code}", ident="who")
    with pytest.raises(PermissionDenied, match="confirm a message's draft"):
        intake_service(plant, clock).confirm(message_id, actor=OPERATOR)
    payload = MessageConfirmed(
        message_id=message_id, exception_id="e-1", type="shortage", urgency="normal"
    )
    with plant.write() as session:
        # As the server judges a pushed event: the operator is enrolled, not a lead.
        with pytest.raises(PermissionDenied, match=r"only .* may confirm a message's draft"):
            authz.check(
                session, payload.KIND, payload, OPERATOR, terminal_id="kiosk-1", from_terminal=True
            )
        # A terminal never speaks for the server's channels.
        with pytest.raises(PermissionDenied, match="only the server may record a message"):
            authz.check(
                session,
                "message.received",
                None,
                "server",
                terminal_id="kiosk-1",
                from_terminal=True,
            )


def test_a_lead_pastes_a_call_on_the_phone_channel(plant: Store, clock: FixedClock) -> None:
    order = an_order(plant)
    service = intake_service(plant, clock)
    message_id = service.paste(
        f"Caller from stores: {order.number} is short of {order.item_code}, 5 pcs.\r\n",
        actor=SUPERVISOR,
        subject="Phone call",
    )
    pasted = row(plant, message_id)
    assert message_id.startswith("phone:")
    assert pasted.channel is MessageChannel.PHONE
    assert pasted.status is MessageStatus.DRAFT
    assert pasted.received_by == SUPERVISOR
    assert "\r" not in pasted.text
    exception_id = service.confirm(message_id, actor=SUPERVISOR)
    with plant.read() as session:
        exc = session.get(ShopException, exception_id)
        assert exc is not None
        assert exc.channel is Channel.PHONE
    with pytest.raises(PermissionDenied):
        service.paste("short of everything", actor=OPERATOR)
    with pytest.raises(ValidationError, match="paste or type"):
        service.paste("  \n ", actor=SUPERVISOR)


def test_replay_gives_the_same_tables(plant: Store, clock: FixedClock) -> None:
    order = an_order(plant)
    service = intake_service(plant, clock)
    confirmed = receive(plant, clock, f"{order.number} short of {order.item_code}", ident="r1")
    discarded = receive(plant, clock, f"{order.number} short of {order.item_code}", ident="r2")
    receive(plant, clock, "Thanks for lunch yesterday, see you Friday!", ident="r3")
    receive(plant, clock, "Shortage: WO-99999 is missing XYZ-77", ident="r4")
    clock.advance(timedelta(minutes=5))
    service.confirm(confirmed, {"urgency": "high"}, actor=SUPERVISOR)
    service.discard(discarded, "duplicate of a call", actor=SUPERVISOR)
    service.paste(f"{order.number} needs 3 more {order.item_code}", actor=MANAGER)

    def table() -> list[tuple[object, ...]]:
        with plant.read() as session:
            return [
                (m.message_id, m.status, m.reason, m.exception_id, m.decided_by, m.draft, m.text)
                for m in session.scalars(select(IntakeMessage).order_by(IntakeMessage.message_id))
            ]

    before = table()
    assert len(before) == 5
    with plant.read() as session:
        snapshot = replay.snapshot(session)
    with plant.write() as session:
        replay.rebuild(session)
    assert table() == before
    with plant.read() as session:
        assert replay.snapshot(session) == snapshot


def test_a_message_recorded_twice_is_kept_once(plant: Store, clock: FixedClock) -> None:
    message_id = receive(plant, clock, "Thanks for lunch yesterday!", ident="twice")
    service = IntakeService(plant, clock)
    incoming = Incoming(message_id, MessageChannel.EMAIL, T0, "Thanks for lunch yesterday!")
    with service.transaction() as tx:
        assert not service.record(tx, incoming, Understanding()(tx.session, incoming))
    with plant.read() as session:
        assert len(session.scalars(select(IntakeMessage)).all()) == 1


def test_app_and_the_understanding_agree_on_types_and_kinds() -> None:
    # app/ cannot import sync/intake (it sits below it): the two tables are pinned equal.
    assert {k: v.value for k, v in EXCEPTION_KIND.items()} == draft_kinds
    assert set(get_args(IntakeType)) == set(EXCEPTION_TYPES) - {"not_an_exception"}
    assert set(get_args(Urgency)) == set(URGENCIES)


def test_a_message_in_triage_is_confirmed_only_once_linked(plant: Store, clock: FixedClock) -> None:
    order = an_order(plant)
    message_id = receive(
        plant, clock, "Material shortage: order WO-99999 is missing 40 pcs of XYZ-77.", ident="t"
    )
    assert row(plant, message_id).status is MessageStatus.TRIAGE
    service = intake_service(plant, clock)
    with pytest.raises(ValidationError) as refused:
        service.confirm(message_id, actor=SUPERVISOR)
    assert [p.field for p in refused.value.problems] == ["work_orders"]
    assert row(plant, message_id).status is MessageStatus.TRIAGE  # nothing recorded

    # A terminal that skips the check is refused by the reducer, as the server applies it.
    forged = MessageConfirmed(
        message_id=message_id, exception_id="e-forged", type="shortage", urgency="normal"
    )
    with (
        pytest.raises(Rejected, match="names nothing the plant knows: link it"),
        service.transaction() as tx,
    ):
        tx.emit(forged, SUPERVISOR)

    exception_id = service.confirm(
        message_id, {"work_orders": [order.number], "items": [order.item_code]}, actor=SUPERVISOR
    )
    assert row(plant, message_id).exception_id == exception_id
