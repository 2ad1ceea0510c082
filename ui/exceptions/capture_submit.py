"""Raising what a capture form says: the record it makes, what the form finds wrong
before the service is asked, and the footer with Raise.

`CaptureForm` is what the form's sections say, read at once. `form_error` is what the
form itself can tell is wrong (a quantity that is no number, else every field missing;
the service checks the rest); `new_exception` is the `NewException` the service takes.
The summaries it makes ("Short of RM-1 for 4711 op 20") are the record's English, like
the plant's codes. The footer says what is wrong and holds Cancel and Raise; only a tap
raises.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from app.errors import FieldProblem, ValidationError
from app.i18n import QT_TR_NOOP
from app.model.types import Channel, ExceptionKind, Severity
from app.queries_exceptions import CaptureContext
from app.routing.reasons import ReasonTree
from app.services.exceptions import NewException
from ui.common.formatting import parse_quantity
from ui.exceptions.capture_details import MATERIAL_KINDS, DetailValues
from ui.exceptions.capture_words import (
    CHANGE_SOURCES,
    ORDER_CHANGES,
    ORDER_KINDS,
    PRIORITIES,
    form_problem,
    record_operation,
)
from ui.i18n import tr, translated
from ui.widgets import command_button, label


@dataclass(frozen=True)
class CaptureForm:
    """What a capture form says, read from all its sections at once."""

    kind: ExceptionKind
    context: CaptureContext
    channel: Channel
    severity: Severity
    lot_no: str | None
    details: DetailValues
    message: str | None  # the logged message's text; None when the form logs no message


def form_error(form: CaptureForm) -> ValidationError | None:
    """What the form can tell is wrong: a quantity that is no number (alone), else what
    is missing; None when the service may be asked."""
    quantity = form.details.quantity
    if quantity.strip() and parse_quantity(quantity) is None:
        return ValidationError([form_problem("quantity", QT_TR_NOOP("is not a number"))])
    problems = form_problems(form)
    return ValidationError(problems) if problems else None


def form_problems(form: CaptureForm) -> list[FieldProblem]:
    """What the form itself can tell is missing (the service checks the rest)."""
    kind, values = form.kind, form.details
    problems: list[FieldProblem] = []
    if kind in ORDER_KINDS and not form.context.work_order:
        problems.append(
            form_problem("work_order", QT_TR_NOOP("missing: scan or type the work order"))
        )
    if kind is ExceptionKind.ORDER_CHANGE:
        if values.choice is None:
            problems.append(form_problem("change", QT_TR_NOOP("missing: pick what changed")))
        if not values.new_value:
            problems.append(form_problem("new_value", QT_TR_NOOP("missing: type the new value")))
        if values.source is None:
            problems.append(form_problem("source", QT_TR_NOOP("missing: pick who asked for it")))
    if kind is ExceptionKind.PRIORITY_SHIFT:
        if values.choice is None:
            problems.append(
                form_problem("new_priority", QT_TR_NOOP("missing: pick the new priority"))
            )
        if not values.reason:
            problems.append(form_problem("reason", QT_TR_NOOP("missing: say why")))
    if form.message == "":
        problems.append(form_problem("message", QT_TR_NOOP("missing: paste the message")))
    if kind is ExceptionKind.MACHINE_DOWNTIME and values.reason_code is None:
        if values.category_picked:
            problems.append(form_problem("reason_code", QT_TR_NOOP("missing: pick the reason")))
        else:
            problems.append(
                form_problem("reason_code", QT_TR_NOOP("missing: pick why the machine is down"))
            )
    return problems


def new_exception(form: CaptureForm, reasons: ReasonTree) -> NewException:
    """What the form says, as the service takes it (the service checks it all)."""
    c, kind, values = form.context, form.kind, form.details
    # Only a material form's choice is an item (the others are a defect, a change...).
    item = values.choice if kind in MATERIAL_KINDS else None
    where = record_operation(c.operation_id) if c.operation_id else (c.work_order or "")
    details: dict[str, str | float | int | bool | None] = {}
    summary = values.summary
    if kind is ExceptionKind.MATERIAL_SHORTAGE:
        summary = f"Short of {item or '?'}" + (f" for {where}" if where else "")
    elif kind is ExceptionKind.MACHINE_DOWNTIME:
        details["reason_code"] = values.reason_code
        label = reasons.label(values.reason_code) if values.reason_code else "no reason"
        summary = f"{c.work_center or 'Machine'} down: {label}"
    elif kind is ExceptionKind.SUBSTITUTE_MATERIAL:
        substitute = values.substitute.upper()
        details["substitute"] = substitute or None
        summary = f"Use {substitute or '?'} instead of {item or '?'}" + (
            f" for {where}" if where else ""
        )
    elif kind is ExceptionKind.QUALITY_HOLD and not summary:
        defect = values.choice
        summary = translated(defect) if defect else ""
    elif kind is ExceptionKind.ORDER_CHANGE:
        change = values.choice
        new_value = values.new_value
        source = values.source
        details |= {"change": change, "new_value": new_value or None, "source": source}
        what = dict(ORDER_CHANGES).get(change or "", "?")
        summary = f"{c.work_order or '?'}: {what.lower()} changed to {new_value or '?'}"
        if source:
            summary += f" ({dict(CHANGE_SOURCES)[source]})"
    elif kind is ExceptionKind.PRIORITY_SHIFT:
        new_priority = values.choice
        reason = values.reason
        details |= {"new_priority": new_priority, "reason": reason or None}
        label = dict(PRIORITIES).get(new_priority or "", "?")
        summary = f"{c.work_order or '?'}: priority {label.lower()}" + (
            f" ({reason})" if reason else ""
        )
    message = form.message or ""
    if kind is ExceptionKind.OTHER and not summary and message:
        summary = message.splitlines()[0]  # the message's first line says what happened
    note = "\n\n".join(t for t in (message, values.note) if t) or None
    quantity = parse_quantity(values.quantity) if values.quantity.strip() else None
    return NewException(
        kind=kind,
        summary=summary[:200],
        channel=form.channel,
        severity=form.severity,
        work_center=c.work_center,
        work_order=c.work_order,
        operation_id=c.operation_id,
        item=item,
        lot_no=form.lot_no,
        quantity=quantity,
        note=note,
        details={k: v for k, v in details.items() if v is not None} or None,
    )


class RaiseFooter(QWidget):
    """The end of the form, under its scrolling fields: the line that says what is wrong,
    then Cancel and Raise ("Raising…" while the service works). Neither is a default
    button: Enter belongs to the fields (a scanner ends every code with it)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.busy = False
        self._error: Callable[[], str] | None = None  # the error line, said again
        self.error = label("error", wrap=True)
        self.cancel = command_button("", "secondary")
        self.raise_button = command_button("", "primary")
        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.raise_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)  # the dialog's own spacing around its scrolling fields
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def retranslate(self) -> None:
        self.cancel.setText(tr("Cancel"))
        self._say_busy()
        self.error.setText(self._error() if self._error is not None else "")

    def say_error(self, say: Callable[[], str] | None) -> None:
        """Put `say()` on the error line (None: nothing), and again after a language switch."""
        self._error = say
        self.error.setText(say() if say is not None else "")

    def set_busy(self, busy: bool) -> None:
        """The service is raising it: Raise waits (a second tap raises nothing twice)."""
        self.busy = busy
        self.raise_button.setEnabled(not busy)
        self._say_busy()

    def _say_busy(self) -> None:
        self.raise_button.setText(tr("Raising…") if self.busy else tr("Raise"))
