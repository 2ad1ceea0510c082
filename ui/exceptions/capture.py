"""Raising an exception from the floor: big buttons, a form prefilled from context.

The kiosk lane shows one big button per exception type; a tap asks the `CaptureLauncher`
(ui.exceptions.capture_launcher) to open a `CaptureDialog` for the lane's work center and
its selected (else running, else next) operation, with that order's materials; the
choices each form offers are in ui.exceptions.capture_words. A common case is three
taps: Shortage → the material → Raise; Machine down takes four: reason category → reason
→ Raise (the reason tree is resources/routing/downtime_reasons.toml, shown by a
`ReasonPicker`). A note is optional.

A barcode scanner is a keyboard wedge: what it scans while the form is open (the scan
router hands it to `accept_scan`, or it is typed into the scan field, then Enter) is looked
up on the database lane and fills the work order, the item or the lot. Enter never
presses a button of the form: only a tap raises.

The fields scroll; the row with Cancel and Raise stays at the bottom of the window.
Errors from the service name fields; the form marks them and keeps everything entered.

Every form has a severity (low, medium, high, critical; medium unless changed). The
supervisor board opens the same forms from a line PC (channel `line_pc`), adds forms for
an order change (what changed, the new value, who asked) and a priority shift (the new
priority and why), and a "Log a call / message" form that records what someone reported
by phone or in a message (the pasted message text becomes the note).

The form speaks the language of the person logged in and says all its words again when
it changes (`retranslate`). What it records stays as written: the summaries it makes
("Short of RM-1 for 4711 op 20") are the record's English, like the plant's codes.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldProblem, ValidationError
from app.i18n import QT_TR_NOOP
from app.model.types import Channel, ExceptionKind, Severity
from app.queries_exceptions import (
    CaptureContext,
    OrderMaterial,
    ScanKind,
    ScanMatch,
    lookup_scan,
)
from app.routing.reasons import ReasonCategory, ReasonTree, load_reasons
from app.services.exceptions import NewException
from ui.board.supervisor_bars import BOARD_EXCEPTION_BUTTONS
from ui.common.errors import error_text, failure_text
from ui.common.formatting import parse_quantity
from ui.exceptions.capture_words import (
    CHANGE_SOURCES,
    DEFECTS,
    ORDER_CHANGES,
    ORDER_KINDS,
    PRIORITIES,
    REPORT_CHANNELS,
    SEVERITIES,
    form_problem,
    kind_words,
    operation_words,
    record_operation,
)
from ui.exceptions.choices import (
    ChoiceGrid,
    ReasonPicker,
    button_row,
    checked_key,
    say_label,
)
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.i18n import on_language_change, tr, translated
from ui.widgets import label, no_default_buttons, scroll_body, set_flag

log = logging.getLogger(__name__)


def _line(name: str = "reasonInput") -> QLineEdit:
    line = QLineEdit()
    line.setObjectName(name)
    return line


class CaptureDialog(QDialog):
    """One exception form, prefilled; raising runs on the database lane.

    Signals:
        sig_raised: the exception was recorded; carries its id.
    """

    sig_raised = Signal(str)

    def __init__(
        self,
        kind: ExceptionKind,
        context: CaptureContext,
        controller: ExceptionsController,
        actor: str,
        *,
        reasons: ReasonTree | None = None,
        channel: Channel = Channel.KIOSK,
        short_item: str | None = None,
        reported: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("captureDialog")
        self.reported = reported  # logging a call or message: kind and channel are chosen
        self.setModal(True)
        self.kind = kind
        self.context = context
        self.controller = controller
        self.actor = actor
        self.channel = channel
        self.reasons = reasons or load_reasons()
        self.short_item = short_item
        self.lot_no: str | None = None
        self.exception_id: str | None = None
        self.busy = False
        # What the scan hint and the error line say, to say again in another language.
        self._hint: Callable[[], str] | None = None
        self._error: Callable[[], str] | None = None
        self.heading = label("heading")
        self.context_label = label("captureContext", wrap=True)
        self.scan = _line("scanInput")
        self.scan.setClearButtonEnabled(True)
        self.scan.returnPressed.connect(self._on_scan_entered)
        self.scan_hint = label("hint", wrap=True)

        # Logging a call or message: what kind of exception, and how it came in.
        self.kind_title = label("fieldLabel")
        self.kind_row, self.kind_group, self.kind_buttons = button_row(
            [(k.value, t) for k, t in BOARD_EXCEPTION_BUTTONS], self
        )
        self.kind_group.idClicked.connect(self._on_kind_clicked)
        self.channel_title = label("fieldLabel")
        self.channel_row, self.channel_group, self.channel_buttons = button_row(
            [(c.value, t) for c, t in REPORT_CHANNELS], self
        )
        self.channel_group.idClicked.connect(self._on_channel_clicked)
        self.message_text = QPlainTextEdit()
        self.message_text.setObjectName("messageText")
        self.message_text.setMaximumHeight(120)

        # Every form: how bad is it.
        self.severity_title = label("fieldLabel")
        self.severity_row, self.severity_group, self.severity_buttons = button_row(
            [(v.value, t) for v, t in SEVERITIES], self, name="severityButton"
        )
        self.severity_buttons[Severity.MEDIUM.value].setChecked(True)

        # Order change: who asked for it.
        self.source_title = label("fieldLabel")
        self.source_row, self.source_group, self.source_buttons = button_row(
            list(CHANGE_SOURCES), self
        )

        # Choices: the order's materials (shortage, substitute), defects (quality hold).
        self.choice_title = label("fieldLabel")
        self.choices = ChoiceGrid()
        self.choices.sig_chosen.connect(self._on_choice_tapped)

        # Downtime: category, then reason (both stay on the form), then a note and Raise.
        self.category_title = label("fieldLabel")
        self.reason_picker = ReasonPicker(
            self.reasons, lambda category: tr("{category}: what exactly?").format(category=category)
        )
        self.reason_picker.sig_chosen.connect(self._on_reason_chosen)

        self.summary = _line()
        self.substitute = _line()
        self.quantity = _line()
        self.note = _line()
        self.note.setMaxLength(500)
        self.new_value = _line()
        self.reason = _line()
        self.error = label("error", wrap=True)
        self.cancel = QPushButton("")
        self.cancel.setObjectName("secondary")
        self.cancel.clicked.connect(self.reject)
        self.raise_button = QPushButton("")
        self.raise_button.setObjectName("primary")
        self.raise_button.clicked.connect(self.submit)

        fields = QGridLayout()
        fields.setHorizontalSpacing(12)
        fields.setVerticalSpacing(8)
        self.summary_label = label("fieldLabel")
        self.substitute_label = label("fieldLabel")
        self.quantity_label = label("fieldLabel")
        self.new_value_label = label("fieldLabel")
        self.reason_label = label("fieldLabel")
        self.note_label = label("fieldLabel")
        rows = (
            (self.summary_label, self.summary),
            (self.new_value_label, self.new_value),
            (self.reason_label, self.reason),
            (self.substitute_label, self.substitute),
            (self.quantity_label, self.quantity),
            (self.note_label, self.note),
        )
        for n, (caption, field) in enumerate(rows):
            fields.addWidget(caption, n, 0)
            fields.addWidget(field, n, 1)
        fields.setColumnStretch(1, 1)

        buttons = QHBoxLayout()
        buttons.addWidget(self.cancel)
        buttons.addStretch(1)
        buttons.addWidget(self.raise_button)

        # Everything but the footer scrolls: a long form never pushes Raise off the screen.
        self.body = QWidget()
        self.body.setObjectName("captureBody")
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(10)
        layout.addWidget(self.heading)
        layout.addWidget(self.context_label)
        for caption, row in (
            (self.kind_title, self.kind_row),
            (self.channel_title, self.channel_row),
        ):
            layout.addWidget(caption)
            layout.addWidget(row)
        layout.addWidget(self.message_text)
        layout.addWidget(self.scan)
        layout.addWidget(self.scan_hint)
        layout.addWidget(self.choice_title)
        layout.addWidget(self.choices)
        layout.addWidget(self.category_title)
        layout.addWidget(self.reason_picker)
        layout.addWidget(self.source_title)
        layout.addWidget(self.source_row)
        layout.addLayout(fields)
        severity = QHBoxLayout()
        severity.addWidget(self.severity_title)
        severity.addWidget(self.severity_row, 1)
        layout.addLayout(severity)
        layout.addStretch(1)
        self.form_scroll = scroll_body(self.body)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 12, 20, 12)
        outer.setSpacing(8)
        outer.addWidget(self.form_scroll, 1)
        outer.addWidget(self.error)
        outer.addLayout(buttons)

        for widget in (self.kind_title, self.kind_row, self.channel_title, self.channel_row):
            widget.setVisible(reported)
        if reported:
            self.kind_buttons[kind.value].setChecked(True)
            if channel.value in self.channel_buttons:
                self.channel_buttons[channel.value].setChecked(True)
        self.message_text.setVisible(reported and channel is Channel.MESSAGE)
        self._layout_for_kind()
        self._show_context()
        no_default_buttons(self)
        self.retranslate()
        on_language_change(self, self.retranslate)
        self.scan.setFocus()

    # --- the reason tree (the picker's, named as the form always named them) --------------

    @property
    def category_buttons(self) -> dict[str, QPushButton]:
        return self.reason_picker.categories.buttons

    @property
    def reason_buttons(self) -> dict[str, QPushButton]:
        return self.reason_picker.reasons.buttons

    @property
    def category_frame(self) -> ChoiceGrid:
        return self.reason_picker.categories

    @property
    def reason_frame(self) -> ChoiceGrid:
        return self.reason_picker.reasons

    @property
    def reason_title(self) -> QLabel:
        return self.reason_picker.reason_title

    @property
    def category(self) -> ReasonCategory | None:
        return self.reason_picker.category

    @property
    def reason_code(self) -> str | None:
        return self.reason_picker.reason_code

    @property
    def choice_buttons(self) -> dict[str, QPushButton]:
        return self.choices.buttons

    # --- words ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Say every word of the form again (the language changed); nothing entered is lost."""
        self.scan.setPlaceholderText(tr("Scan or type a work order, item or lot"))
        self.kind_title.setText(tr("What was reported?"))
        self.channel_title.setText(tr("How did it come in?"))
        self.message_text.setPlaceholderText(tr("Paste the message here (it is kept as the note)"))
        self.severity_title.setText(tr("Severity"))
        self.source_title.setText(tr("Who asked for the change?"))
        self.category_title.setText(tr("Why is the machine down?"))
        self.summary.setPlaceholderText(tr("What happened, in a few words"))
        self.substitute.setPlaceholderText(tr("Scan or type the item to use instead"))
        self.quantity.setPlaceholderText(tr("How many (optional)"))
        self.note.setPlaceholderText(tr("Note (optional)"))
        self.new_value.setPlaceholderText(tr("The new quantity, date or specification"))
        self.reason.setPlaceholderText(tr("Why the priority changes"))
        self.cancel.setText(tr("Cancel"))
        self.summary_label.setText(tr("What happened"))
        self.substitute_label.setText(tr("Use instead"))
        self.quantity_label.setText(tr("Quantity"))
        self.new_value_label.setText(tr("New value"))
        self.reason_label.setText(tr("Reason"))
        self.note_label.setText(tr("Note"))
        for buttons in (
            self.kind_buttons,
            self.channel_buttons,
            self.severity_buttons,
            self.source_buttons,
        ):
            for button in buttons.values():
                say_label(button)
        self._say_kind()
        self._say_busy()
        self._show_context()
        self.scan_hint.setText(self._hint() if self._hint is not None else "")
        self.error.setText(self._error() if self._error is not None else "")
        self._regrid_all()

    def kind_words(self) -> str:
        """What is being raised, as its button says it ("Machine down")."""
        return kind_words(self.kind)

    def _say_kind(self) -> None:
        title = self.kind_words()
        self.setWindowTitle(tr("Raise: {kind}").format(kind=title))
        self.heading.setText(
            tr("Log a call / message: {kind}").format(kind=title) if self.reported else title
        )
        titles = {
            ExceptionKind.MATERIAL_SHORTAGE: tr("Which material is short?"),
            ExceptionKind.SUBSTITUTE_MATERIAL: tr("Which material is replaced?"),
            ExceptionKind.QUALITY_HOLD: tr("What is wrong?"),
            ExceptionKind.ORDER_CHANGE: tr("What changed?"),
            ExceptionKind.PRIORITY_SHIFT: tr("New priority"),
        }
        self.choice_title.setText(titles.get(self.kind, ""))

    def _say_hint(self, say: Callable[[], str] | None) -> None:
        self._hint = say
        self.scan_hint.setText(say() if say is not None else "")

    def _say_error(self, say: Callable[[], str] | None) -> None:
        self._error = say
        self.error.setText(say() if say is not None else "")

    # --- building -------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._regrid_all()

    def _regrid_all(self) -> None:
        """Choice buttons in as many columns as the form's width lets their labels fit."""
        width = self._room()
        self.choices.regrid(width)
        self.reason_picker.regrid(width)

    def _layout_for_kind(self) -> None:
        """Show the fields of `self.kind` (again, when a logged call changes its kind)."""
        kind = self.kind
        downtime = kind is ExceptionKind.MACHINE_DOWNTIME
        materials = kind in (ExceptionKind.MATERIAL_SHORTAGE, ExceptionKind.SUBSTITUTE_MATERIAL)
        order_change = kind is ExceptionKind.ORDER_CHANGE
        priority = kind is ExceptionKind.PRIORITY_SHIFT
        self._say_kind()
        if not downtime:
            self.reason_picker.reset()
        self.category_title.setVisible(downtime)
        self.reason_picker.setVisible(downtime)
        self.choice_title.setVisible(not downtime and kind is not ExceptionKind.OTHER)
        self.choices.setVisible(not downtime and kind is not ExceptionKind.OTHER)
        shown: tuple[QWidget, ...] = (
            self.source_title,
            self.source_row,
            self.new_value,
            self.new_value_label,
        )
        for widget in shown:
            widget.setVisible(order_change)
        self.reason.setVisible(priority)
        self.reason_label.setVisible(priority)
        if not (materials or kind is ExceptionKind.QUALITY_HOLD or order_change or priority):
            self.choices.clear()
        shows_summary = kind in (ExceptionKind.QUALITY_HOLD, ExceptionKind.OTHER)
        self.summary.setVisible(shows_summary)
        self.summary_label.setVisible(shows_summary)
        self.substitute.setVisible(kind is ExceptionKind.SUBSTITUTE_MATERIAL)
        self.substitute_label.setVisible(kind is ExceptionKind.SUBSTITUTE_MATERIAL)
        self.quantity.setVisible(kind not in (ExceptionKind.MACHINE_DOWNTIME, *ORDER_KINDS))
        self.quantity_label.setVisible(self.quantity.isVisibleTo(self))
        if kind is ExceptionKind.QUALITY_HOLD:
            self.choices.set_choices([(d, d) for d in DEFECTS])
        elif order_change:
            self.choices.set_choices(ORDER_CHANGES)
        elif priority:
            self.choices.set_choices(PRIORITIES)
        if materials:
            self._set_material_choices()

    def _set_material_choices(self) -> None:
        materials = list(self.context.materials)
        short = self.short_item
        if short is not None and all(m.item != short for m in materials):
            materials.insert(0, OrderMaterial(short, "", 0.0))
        materials.sort(key=lambda m: m.item != short)  # the short one first
        self.choices.set_choices(
            [(m.item, f"{m.item}\n{m.name}" if m.name else m.item) for m in materials],
            preselect=materials[0].item if materials else None,
            translate=False,  # item codes and names: data
        )
        if not materials:
            self._say_hint(lambda: tr("No materials known for this job: scan the item."))

    def _on_choice_tapped(self, key: str) -> None:
        if self.kind is ExceptionKind.QUALITY_HOLD:
            self.summary.setText(translated(key))  # the defect, in the person's words

    def _show_context(self) -> None:
        c = self.context
        parts = [c.work_center or tr("no work center")]
        if c.operation_id:
            parts.append(operation_words(c.operation_id))
        elif c.work_order:
            parts.append(c.work_order)
        if c.product:
            parts.append(c.product + (f" {c.product_name}" if c.product_name else ""))
        self.context_label.setText("  ·  ".join(parts))

    def _room(self) -> int:
        """The width choice buttons have (before the form is on screen: a kiosk's)."""
        shown = self.form_scroll.viewport().width() - 8 if self.isVisible() else 0
        return shown if shown > 0 else 1000

    # --- reading the form -----------------------------------------------------------------

    def selected_choice(self) -> str | None:
        return self.choices.checked()

    def new_exception(self) -> NewException:
        """What the form says, as the service takes it (the service checks it all)."""
        c = self.context
        kind = self.kind
        materials = kind in (ExceptionKind.MATERIAL_SHORTAGE, ExceptionKind.SUBSTITUTE_MATERIAL)
        # Only a material form's choice is an item (the others are a defect, a change...).
        item = self.selected_choice() if materials else None
        where = record_operation(c.operation_id) if c.operation_id else (c.work_order or "")
        details: dict[str, str | float | int | bool | None] = {}
        summary = self.summary.text().strip()
        if kind is ExceptionKind.MATERIAL_SHORTAGE:
            summary = f"Short of {item or '?'}" + (f" for {where}" if where else "")
        elif kind is ExceptionKind.MACHINE_DOWNTIME:
            details["reason_code"] = self.reason_code
            label = self.reasons.label(self.reason_code) if self.reason_code else "no reason"
            summary = f"{c.work_center or 'Machine'} down: {label}"
        elif kind is ExceptionKind.SUBSTITUTE_MATERIAL:
            substitute = self.substitute.text().strip().upper()
            details["substitute"] = substitute or None
            summary = f"Use {substitute or '?'} instead of {item or '?'}" + (
                f" for {where}" if where else ""
            )
        elif kind is ExceptionKind.QUALITY_HOLD and not summary:
            defect = self.selected_choice()
            summary = translated(defect) if defect else ""
        elif kind is ExceptionKind.ORDER_CHANGE:
            change = self.selected_choice()
            new_value = self.new_value.text().strip()
            source = checked_key(self.source_group)
            details |= {"change": change, "new_value": new_value or None, "source": source}
            what = dict(ORDER_CHANGES).get(change or "", "?")
            summary = f"{c.work_order or '?'}: {what.lower()} changed to {new_value or '?'}"
            if source:
                summary += f" ({dict(CHANGE_SOURCES)[source]})"
        elif kind is ExceptionKind.PRIORITY_SHIFT:
            new_priority = self.selected_choice()
            reason = self.reason.text().strip()
            details |= {"new_priority": new_priority, "reason": reason or None}
            label = dict(PRIORITIES).get(new_priority or "", "?")
            summary = f"{c.work_order or '?'}: priority {label.lower()}" + (
                f" ({reason})" if reason else ""
            )
        message = self.message_text.toPlainText().strip() if self.reports_message() else ""
        if kind is ExceptionKind.OTHER and not summary and message:
            summary = message.splitlines()[0]  # the message's first line says what happened
        note = "\n\n".join(t for t in (message, self.note.text().strip()) if t) or None
        quantity = parse_quantity(self.quantity.text()) if self.quantity.text().strip() else None
        return NewException(
            kind=kind,
            summary=summary[:200],
            channel=self.channel,
            severity=self.severity(),
            work_center=c.work_center,
            work_order=c.work_order,
            operation_id=c.operation_id,
            item=item,
            lot_no=self.lot_no,
            quantity=quantity,
            note=note,
            details={k: v for k, v in details.items() if v is not None} or None,
        )

    def severity(self) -> Severity:
        key = checked_key(self.severity_group)
        return Severity(key) if key else Severity.MEDIUM

    def form_problems(self) -> list[FieldProblem]:
        """What the form itself can tell is missing (the service checks the rest)."""
        problems: list[FieldProblem] = []
        if self.kind in ORDER_KINDS and not self.context.work_order:
            problems.append(
                form_problem("work_order", QT_TR_NOOP("missing: scan or type the work order"))
            )
        if self.kind is ExceptionKind.ORDER_CHANGE:
            if self.selected_choice() is None:
                problems.append(form_problem("change", QT_TR_NOOP("missing: pick what changed")))
            if not self.new_value.text().strip():
                problems.append(
                    form_problem("new_value", QT_TR_NOOP("missing: type the new value"))
                )
            if checked_key(self.source_group) is None:
                problems.append(
                    form_problem("source", QT_TR_NOOP("missing: pick who asked for it"))
                )
        if self.kind is ExceptionKind.PRIORITY_SHIFT:
            if self.selected_choice() is None:
                problems.append(
                    form_problem("new_priority", QT_TR_NOOP("missing: pick the new priority"))
                )
            if not self.reason.text().strip():
                problems.append(form_problem("reason", QT_TR_NOOP("missing: say why")))
        if self.reports_message() and not self.message_text.toPlainText().strip():
            problems.append(form_problem("message", QT_TR_NOOP("missing: paste the message")))
        if self.kind is ExceptionKind.MACHINE_DOWNTIME and self.reason_code is None:
            if self.category is not None:
                problems.append(form_problem("reason_code", QT_TR_NOOP("missing: pick the reason")))
            else:
                problems.append(
                    form_problem("reason_code", QT_TR_NOOP("missing: pick why the machine is down"))
                )
        return problems

    def reports_message(self) -> bool:
        """A supervisor is logging a message: its pasted text is part of the record."""
        return self.reported and self.channel is Channel.MESSAGE

    def set_kind(self, kind: ExceptionKind) -> None:
        """Logging a call: what was reported decides the form (what is typed stays)."""
        if kind is self.kind:
            return
        self.kind = kind
        if kind.value in self.kind_buttons:
            self.kind_buttons[kind.value].setChecked(True)
        self._layout_for_kind()
        self._say_error(None)

    def set_channel(self, channel: Channel) -> None:
        self.channel = channel
        if channel.value in self.channel_buttons:
            self.channel_buttons[channel.value].setChecked(True)
        self.message_text.setVisible(self.reported and channel is Channel.MESSAGE)

    def _on_kind_clicked(self, n: int) -> None:
        self.set_kind(BOARD_EXCEPTION_BUTTONS[n][0])

    def _on_channel_clicked(self, n: int) -> None:
        self.set_channel(REPORT_CHANNELS[n][0])

    # --- raising --------------------------------------------------------------------------

    def _on_reason_chosen(self, _code: str) -> None:
        """A reason is picked; the note is next, and Raise (a tap) sends it."""
        set_flag(self.reason_frame, "error", False)
        self.form_scroll.ensureWidgetVisible(self.note)

    def submit(self) -> None:
        if self.busy:
            return
        if self.quantity.text().strip() and parse_quantity(self.quantity.text()) is None:
            self.show_problems(
                ValidationError([form_problem("quantity", QT_TR_NOOP("is not a number"))])
            )
            return
        problems = self.form_problems()
        if problems:
            self.show_problems(ValidationError(problems))
            return
        new = self.new_exception()
        self._set_busy(True)
        self._say_error(None)
        self.controller.raise_exception(
            self.actor, new, on_done=self._on_raised, on_error=self._on_raise_failed
        )

    def _on_raised(self, exception_id: str) -> None:
        self._set_busy(False)
        self.exception_id = exception_id
        self.sig_raised.emit(exception_id)
        self.accept()

    def _on_raise_failed(self, error: Exception) -> None:
        self._set_busy(False)
        if isinstance(error, ValidationError):
            self.show_problems(error)
        else:
            self._say_error(lambda: failure_text(error))

    def show_problems(self, error: ValidationError) -> None:
        """Say what is wrong and mark the fields named; nothing entered is lost."""
        self._say_error(lambda: error_text(error))
        named = set(error.fields)
        widgets: dict[str, QWidget] = {
            "item": self.choices,
            "summary": self.summary,
            "substitute": self.substitute,
            "quantity": self.quantity,
            "lot_no": self.scan,
            "work_order": self.scan,
            "operation": self.scan,
            "reason_code": self.reason_frame if self.category else self.category_frame,
            "work_center": self.context_label,
            "change": self.choices,
            "new_priority": self.choices,
            "new_value": self.new_value,
            "source": self.source_row,
            "reason": self.reason,
            "message": self.message_text,
        }
        for widget in set(widgets.values()):
            set_flag(widget, "error", any(widgets[f] is widget for f in named if f in widgets))
        marked = [w for f, w in widgets.items() if f in named]
        if marked:
            self.form_scroll.ensureWidgetVisible(marked[0])

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.raise_button.setEnabled(not busy)
        self._say_busy()

    def _say_busy(self) -> None:
        self.raise_button.setText(tr("Raising…") if self.busy else tr("Raise"))

    # --- scanning -------------------------------------------------------------------------

    def _on_scan_entered(self) -> None:
        code = self.scan.text().strip()
        self.scan.clear()
        self.accept_scan(code)

    def accept_scan(self, code: str) -> None:
        """A scanned (or typed) code: a work order, operation, item or lot fills the form."""
        code = code.strip()
        if not code:
            return
        work_center = self.context.work_center
        self._say_hint(lambda: tr("Looking up {code}…").format(code=code))
        self.controller.read(
            lambda session: lookup_scan(session, code, work_center),
            lambda match: self.apply_scan(code, match),
        )

    def apply_scan(self, code: str, match: ScanMatch | None) -> None:
        """Fill the form from a scanned code (work order, operation, item or lot)."""
        if match is None:
            self._say_hint(
                lambda: tr("Unknown code “{code}”: not a work order, item or lot.").format(
                    code=code
                )
            )
            set_flag(self.scan, "error", True)
            return
        set_flag(self.scan, "error", False)
        if match.kind in (ScanKind.WORK_ORDER, ScanKind.OPERATION) and match.context:
            self.context = match.context
            self._show_context()
            if self.kind in (ExceptionKind.MATERIAL_SHORTAGE, ExceptionKind.SUBSTITUTE_MATERIAL):
                self.short_item = None
                self._set_material_choices()
            order = match.context.work_order
            self._say_hint(lambda: tr("Work order {order}.").format(order=order))
            return
        item = match.item or match.code
        if match.kind is ScanKind.LOT:
            self.lot_no = match.code
        if (
            self.kind is ExceptionKind.SUBSTITUTE_MATERIAL
            and match.kind is ScanKind.ITEM
            and self.selected_choice() not in (None, item)
        ):
            self.substitute.setText(item)
            self._say_hint(lambda: tr("Use {item} instead.").format(item=item))
            return
        if self.kind in (ExceptionKind.MATERIAL_SHORTAGE, ExceptionKind.SUBSTITUTE_MATERIAL):
            if item not in self.choices.buttons:
                self.choices.add(item, item, translate=False)
                self.choices.regrid(self._room())
            self.choices.check(item)
        if match.kind is ScanKind.LOT:
            lot = match.code
            self._say_hint(lambda: tr("Lot {lot} of {item}.").format(lot=lot, item=item))
        else:
            self._say_hint(lambda: tr("Item {item}.").format(item=item))
