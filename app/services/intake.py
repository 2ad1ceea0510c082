"""Messages become exceptions: received (understood against the plant's data), then one
tap confirms, edits or discards the draft.

The server's channels record what mail and chat brought in (`record`, as the system
actor); a lead at a terminal writes a call down or pastes a text (`paste`, channel
phone). Understanding a text is sync/intake's: the service is given an `understand`
(app/ sits below sync/), and `sync.intake.understood.intake_service` makes one wired to it.
Confirming raises the exception through the ordinary raise (routing, owner, tasks per
function), on the channel the message came by, in the same transaction as
message.confirmed: both are recorded, or neither.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from sqlalchemy.orm import Session

from app.authz import LEADS, require_role
from app.clock import Clock
from app.errors import FieldProblem, ValidationError
from app.events.payloads import (
    AttachmentSpec,
    MessageConfirmed,
    MessageDiscarded,
    MessageReceived,
    printable,
)
from app.i18n import tr
from app.model import IntakeMessage
from app.model.intake import MESSAGE_TEXT_LEN
from app.model.types import Channel, ExceptionKind, MessageChannel, MessageStatus, Severity
from app.projections.intake import OPEN, closed_reason
from app.projections.registry import find
from app.services.base import Service, Tx
from app.services.exceptions import ExceptionService, NewException
from app.store import Store

# A message's type as understood (sync/intake) -> the exception kind it raises.
EXCEPTION_KIND = {
    "shortage": ExceptionKind.MATERIAL_SHORTAGE,
    "downtime": ExceptionKind.MACHINE_DOWNTIME,
    "quality_hold": ExceptionKind.QUALITY_HOLD,
    "order_change_qty": ExceptionKind.ORDER_CHANGE,
    "order_change_date": ExceptionKind.ORDER_CHANGE,
    "order_change_spec": ExceptionKind.ORDER_CHANGE,
    "priority_shift": ExceptionKind.PRIORITY_SHIFT,
    "substitute_material": ExceptionKind.SUBSTITUTE_MATERIAL,
    "other": ExceptionKind.OTHER,
}

# The exception's channel says where it came from: mail, a chat of any kind, a call.
EXCEPTION_CHANNEL = {
    MessageChannel.EMAIL: Channel.EMAIL,
    MessageChannel.WHATSAPP: Channel.CHAT,
    MessageChannel.TEAMS: Channel.CHAT,
    MessageChannel.SLACK: Channel.CHAT,
    MessageChannel.CHAT: Channel.CHAT,
    MessageChannel.PHONE: Channel.PHONE,
}
SEVERITY = {
    "low": Severity.LOW,
    "normal": Severity.MEDIUM,
    "high": Severity.HIGH,
    "critical": Severity.CRITICAL,
}
# What a person may change before confirming (the draft's names, and a few the raise
# needs for some kinds: a downtime's reason, a substitute's material).
EDITABLE = frozenset(
    {
        "type",
        "work_orders",
        "items",
        "work_center",
        "lot",
        "quantity",
        "unit",
        "date",
        "urgency",
        "note",
        "summary",
        "reason_code",
        "substitute",
    }
)
_BLANKS = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def normalized_text(text: str) -> str:
    """A message's text as it is stored and understood: line breaks made \\n, control
    characters made spaces (one for one, so the draft's spans point into it)."""
    return _CONTROL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


@dataclass(frozen=True)
class Incoming:
    """A message as it came in, before it is understood."""

    message_id: str  # "email:<Message-ID>", "phone:<uuid>"
    channel: MessageChannel
    received_at: datetime
    text: str  # normalized_text
    subject: str | None = None
    sender: str | None = None
    attachments: tuple[AttachmentSpec, ...] = ()


@dataclass(frozen=True)
class Understood:
    """What understanding a message made of it: where it goes, why, and the draft's
    fields with their spans and confidences (sync/intake's Draft.as_json)."""

    status: MessageStatus  # draft, triage or archived
    reason: str | None
    draft: dict[str, Any]


Understand = Callable[[Session, Incoming], Understood]
_RECEIVED: dict[MessageStatus, Literal["draft", "triage", "archived"]] = {
    MessageStatus.DRAFT: "draft",
    MessageStatus.TRIAGE: "triage",
    MessageStatus.ARCHIVED: "archived",
}


def received_payload(incoming: Incoming, understood: Understood) -> MessageReceived:
    """The message.received a message and its understanding make."""
    if len(incoming.text) > MESSAGE_TEXT_LEN:
        raise ValidationError.one(
            "text", tr("longer than {limit} characters", limit=f"{MESSAGE_TEXT_LEN:,}")
        )
    status = _RECEIVED.get(understood.status)
    if status is None:
        raise ValidationError.one(
            "status", tr("a message comes in as a draft, for triage or archived")
        )
    draft = {k: v for k, v in understood.draft.items() if k != "message"}
    return MessageReceived(
        message_id=incoming.message_id,
        channel=incoming.channel,
        received_at=incoming.received_at,
        sender=printable(incoming.sender, 200) if incoming.sender else None,
        subject=printable(incoming.subject, 300) if incoming.subject else None,
        text=incoming.text,
        status=status,
        reason=printable(understood.reason, 500) if understood.reason else None,
        draft=draft,
        attachments=list(incoming.attachments),
    )


def _texts(name: str, value: object) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
        raise ValidationError.one(name, tr("give a list of codes"))
    return [v.strip() for v in value if v.strip()]


def _one(name: str, value: object) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValidationError.one(name, tr("give it as text"))
    return value.strip() or None


def _codes(draft: Mapping[str, Any], name: str) -> list[str]:
    return [str(f["value"]) for f in draft.get(name) or []]


def _day(value: object) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise ValidationError.one("date", tr("give a date as YYYY-MM-DD"))


def _quantity(value: object) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValidationError.one("quantity", tr("give a number"))
    try:
        number = float(value)
    except ValueError:
        raise ValidationError.one("quantity", tr("give a number")) from None
    if not number >= 0:
        raise ValidationError.one("quantity", tr("cannot be negative"))
    return number


def final_fields(message: IntakeMessage, edits: Mapping[str, object] | None) -> dict[str, Any]:
    """The draft's fields with a person's edits over them, checked field by field."""
    draft = message.draft
    edits = dict(edits or {})
    quantity = draft.get("quantity") or {}
    fields: dict[str, Any] = {
        "type": draft.get("type"),
        "urgency": draft.get("urgency") or "normal",
        "work_orders": _codes(draft, "work_orders"),
        "items": _codes(draft, "items"),
        "work_center": next(iter(_codes(draft, "work_centers")), None),
        "lot": next(iter(_codes(draft, "lots")), None),
        "quantity": (quantity.get("value") or {}).get("value"),
        "unit": (quantity.get("value") or {}).get("unit"),
        "date": (draft.get("date") or {}).get("value"),
        "note": None,
        "summary": None,
        "reason_code": None,
        "substitute": None,
        "customer": (draft.get("customer") or {}).get("value"),
    }
    problems: list[FieldProblem] = []
    for name, value in edits.items():
        if name not in EDITABLE:
            problems.append(FieldProblem(name, tr("cannot be edited here")))
            continue
        try:
            if name in ("work_orders", "items"):
                fields[name] = _texts(name, value)
            elif name == "quantity":
                fields[name] = _quantity(value)
            elif name == "date":
                fields[name] = _day(value)
            else:
                fields[name] = _one(name, value)
        except ValidationError as error:
            problems += error.problems
    if "date" not in edits:
        fields["date"] = _day(fields["date"])
    if fields["type"] not in EXCEPTION_KIND:
        problems.append(FieldProblem("type", tr("pick the kind of exception")))
    if fields["urgency"] not in SEVERITY:
        problems.append(FieldProblem("urgency", tr("one of low, normal, high, critical")))
    if problems:
        raise ValidationError(problems)
    fields["edited"] = sorted(edits)
    return fields


def _summary(message: IntakeMessage, fields: Mapping[str, Any]) -> str:
    given = fields.get("summary") or message.subject
    if not given:
        given = next((line for line in message.text.splitlines() if line.strip()), "")
    text = _BLANKS.sub(" ", given).strip() or message.message_id
    return printable(text, 200)


def new_exception(message: IntakeMessage, fields: Mapping[str, Any]) -> NewException:
    """The exception a confirmed message raises, on the channel it came by."""
    kind = ExceptionKind(EXCEPTION_KIND[fields["type"]])
    details: dict[str, Any] = {
        "message_id": message.message_id,
        "message_type": fields["type"],
        "urgency": fields["urgency"],
    }
    optional = {
        "date": fields["date"].isoformat() if fields["date"] else None,
        "unit": fields["unit"],
        "customer": fields["customer"],
        "reason_code": fields["reason_code"],
        "substitute": fields["substitute"],
        # The first order and item are the exception's own; the others are named here.
        "work_orders": ", ".join(fields["work_orders"]) if len(fields["work_orders"]) > 1 else None,
        "items": ", ".join(fields["items"]) if len(fields["items"]) > 1 else None,
    }
    details.update(
        {key: printable(str(value), 500) for key, value in optional.items() if value is not None}
    )
    return NewException(
        kind=kind,
        summary=_summary(message, fields),
        channel=EXCEPTION_CHANNEL[message.channel],
        severity=SEVERITY[fields["urgency"]],
        work_center=fields["work_center"],
        work_order=next(iter(fields["work_orders"]), None),
        item=next(iter(fields["items"]), None),
        lot_no=fields["lot"],
        quantity=fields["quantity"],
        note=fields["note"] or printable(message.text, 2000, multiline=True) or None,
        details=details,
    )


class IntakeService(Service):
    """Record messages, and confirm or discard their drafts.

    `understand`: reads a pasted text against the plant's data in this database (in
    the command's transaction); needed by `paste` only."""

    def __init__(
        self,
        store: Store,
        clock: Clock | None = None,
        *,
        understand: Understand | None = None,
        exceptions: ExceptionService | None = None,
    ) -> None:
        super().__init__(store, clock)
        self.exceptions = exceptions or ExceptionService(store, self.clock)
        self._understand = understand

    # --- received ---------------------------------------------------------------------

    def paste(self, text: str, *, actor: str, subject: str | None = None) -> str:
        """A lead writes down a call or pastes a text: understood here against this
        terminal's own data, recorded on the phone channel; returns the message id."""
        text = normalized_text(text)
        if not text.strip():
            raise ValidationError.one("text", tr("missing: paste or type the message"))
        with self.transaction() as tx:
            require_role(tx.session, actor, *LEADS, action=tr("record a message"))
            if self._understand is None:
                raise RuntimeError("IntakeService.paste needs `understand` (sync.intake)")
            incoming = Incoming(
                message_id=f"phone:{uuid.uuid4()}",
                channel=MessageChannel.PHONE,
                received_at=tx.clock.now(),
                text=text,
                subject=printable(subject.strip(), 300) if subject and subject.strip() else None,
            )
            tx.emit(received_payload(incoming, self._understand(tx.session, incoming)), actor)
            return incoming.message_id

    def record(
        self, tx: Tx, incoming: Incoming, understood: Understood, *, actor: str = "server"
    ) -> bool:
        """Record what a channel took in, in the caller's transaction (the server's
        intake worker). False: that message is already in (kept once)."""
        with tx.session.no_autoflush:  # a batch's rows are in `find`'s own index
            known = find(tx.session, IntakeMessage, incoming.message_id)
        if known is not None:
            return False
        tx.emit(received_payload(incoming, understood), actor)
        return True

    # --- decided --------------------------------------------------------------------------

    def _open(self, session: Session, message_id: str) -> IntakeMessage:
        message = session.get(IntakeMessage, message_id)
        if message is None:
            raise ValidationError.one(
                "message_id", tr("unknown message {message}", message=repr(message_id))
            )
        if message.status not in OPEN:
            raise ValidationError.one("message_id", closed_reason(message))
        return message

    def confirm(
        self, message_id: str, edits: Mapping[str, object] | None = None, *, actor: str
    ) -> str:
        """Raise the draft's exception (with `edits` over its fields), routed as any
        other; returns the exception's id."""
        with self.transaction() as tx:
            require_role(tx.session, actor, *LEADS, action=tr("confirm a message's draft"))
            message = self._open(tx.session, message_id)
            fields = final_fields(message, edits)
            if message.status is MessageStatus.TRIAGE and not (
                fields["work_orders"] or fields["work_center"] or fields["items"]
            ):
                raise ValidationError.one(
                    "work_orders",
                    tr("link it first: name a work order, a work center or an item"),
                )
            new = new_exception(message, fields)
            exception_id = str(uuid.uuid4())
            tx.emit(
                MessageConfirmed(
                    message_id=message_id,
                    exception_id=exception_id,
                    type=fields["type"],
                    urgency=fields["urgency"],
                    work_orders=fields["work_orders"],
                    items=fields["items"],
                    work_center=fields["work_center"],
                    quantity=fields["quantity"],
                    unit=fields["unit"],
                    day=fields["date"],
                    note=fields["note"],
                    edited=fields["edited"],
                ),
                actor,
            )
            return self.exceptions.raise_in(tx, actor, new, exception_id=exception_id)

    def discard(self, message_id: str, reason: str, *, actor: str) -> None:
        """Set a draft aside, saying why; the message stays, retrievable."""
        with self.transaction() as tx:
            require_role(tx.session, actor, *LEADS, action=tr("discard a message's draft"))
            self._open(tx.session, message_id)
            tx.emit(MessageDiscarded(message_id=message_id, reason=reason.strip()), actor)
