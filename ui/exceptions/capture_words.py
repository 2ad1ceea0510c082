"""What the capture forms offer and the words they say and record.

The choices a form shows by kind (severities, how a call came in, what changed in an
order, a new priority, the defects an operator taps), each kind's title as its button on
the boards says it, and the sentences the form builds: '4711 op 20' on screen in the
person's language, and in the record's English like the plant's codes.
"""

from __future__ import annotations

from app.errors import FieldProblem
from app.i18n import QT_TR_NOOP, Message
from app.model.types import Channel, ExceptionKind, Severity
from ui.board.kiosk_exceptions import EXCEPTION_BUTTONS
from ui.board.supervisor_bars import BOARD_EXCEPTION_BUTTONS
from ui.i18n import tr, translated

KIND_TITLES = dict(EXCEPTION_BUTTONS) | dict(BOARD_EXCEPTION_BUTTONS)

SEVERITIES = (
    (Severity.LOW, QT_TR_NOOP("Low")),
    (Severity.MEDIUM, QT_TR_NOOP("Medium")),
    (Severity.HIGH, QT_TR_NOOP("High")),
    (Severity.CRITICAL, QT_TR_NOOP("Critical")),
)
# How a call or message came in ("Log a call / message").
REPORT_CHANNELS = (
    (Channel.PHONE, QT_TR_NOOP("Phone call")),
    (Channel.MESSAGE, QT_TR_NOOP("Message")),
)
# Order change: what changed, and who asked for it.
ORDER_CHANGES = (
    ("quantity", QT_TR_NOOP("Quantity")),
    ("date", QT_TR_NOOP("Date")),
    ("specification", QT_TR_NOOP("Specification")),
)
CHANGE_SOURCES = (
    ("customer", QT_TR_NOOP("Customer")),
    ("erp", QT_TR_NOOP("ERP")),
    ("planner", QT_TR_NOOP("Planner")),
)
# Priority shift: the order's new priority.
PRIORITIES = (
    ("rush", QT_TR_NOOP("Rush")),
    ("high", QT_TR_NOOP("High")),
    ("normal", QT_TR_NOOP("Normal")),
    ("low", QT_TR_NOOP("Low")),
)

# What an operator can say is wrong with parts, one tap each (the summary of a hold).
DEFECTS = (
    QT_TR_NOOP("Dimensions out of tolerance"),
    QT_TR_NOOP("Surface defect"),
    QT_TR_NOOP("Wrong or mixed material"),
    QT_TR_NOOP("Damaged parts"),
)

ORDER_KINDS = (ExceptionKind.ORDER_CHANGE, ExceptionKind.PRIORITY_SHIFT)


def record_operation(op_id: str) -> str:
    """'4711 op 20' as the record says it (English, like the codes)."""
    number, _, seq = op_id.partition("/")
    return f"{number} op {int(seq)}" if seq.isdigit() else op_id


def operation_words(op_id: str) -> str:
    """'4711 op 20' in the language on screen."""
    number, _, seq = op_id.partition("/")
    return (
        tr("{order} op {number}").format(order=number, number=int(seq)) if seq.isdigit() else op_id
    )


def kind_words(kind: ExceptionKind) -> str:
    """The exception type as its button says it, in the language on screen."""
    title = KIND_TITLES.get(kind)
    return translated(title) if title else kind.value.replace("_", " ").capitalize()


def form_problem(field: str, template: str) -> FieldProblem:
    """A problem the form finds itself, said again in the language on screen."""
    return FieldProblem(field, Message(template))
