"""Raising an exception from the floor: big buttons, a form prefilled from context.

The kiosk lane shows one big button per exception type (`EXCEPTION_BUTTONS`); a tap asks
the `CaptureLauncher` to open a `CaptureDialog` for the lane's work center and its
selected (else running, else next) operation, with that order's materials. A common
case is three taps: Shortage → the material → Raise; Machine down takes four: reason
category → reason → Raise (the reason tree is resources/routing/downtime_reasons.toml). A
note is optional.

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
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldProblem, ValidationError
from app.model.types import Channel, ExceptionKind, Severity
from app.queries_exceptions import (
    CaptureContext,
    OrderMaterial,
    ScanKind,
    ScanMatch,
    capture_context,
    lookup_scan,
)
from app.routing.reasons import ReasonCategory, ReasonTree, load_reasons
from app.services.exceptions import NewException
from ui.board.board_controller import failure_text
from ui.board.confirm_dialog import parse_quantity, set_flag
from ui.board.kiosk_lane_view import EXCEPTION_BUTTONS, KioskLaneView
from ui.board.supervisor_board_view import (
    BOARD_EXCEPTION_BUTTONS,
    CaptureRequest,
    SupervisorBoardView,
)
from ui.common.errors import error_text
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.widgets import fit_to_window, no_default_buttons, scroll_body

log = logging.getLogger(__name__)

KIND_TITLES = dict(EXCEPTION_BUTTONS) | dict(BOARD_EXCEPTION_BUTTONS)

SEVERITIES = (
    (Severity.LOW, "Low"),
    (Severity.MEDIUM, "Medium"),
    (Severity.HIGH, "High"),
    (Severity.CRITICAL, "Critical"),
)
# How a call or message came in ("Log a call / message").
REPORT_CHANNELS = ((Channel.PHONE, "Phone call"), (Channel.MESSAGE, "Message"))
# Order change: what changed, and who asked for it.
ORDER_CHANGES = (("quantity", "Quantity"), ("date", "Date"), ("specification", "Specification"))
CHANGE_SOURCES = (("customer", "Customer"), ("erp", "ERP"), ("planner", "Planner"))
# Priority shift: the order's new priority.
PRIORITIES = (("rush", "Rush"), ("high", "High"), ("normal", "Normal"), ("low", "Low"))

# What an operator can say is wrong with parts, one tap each (the summary of a hold).
DEFECTS = (
    "Dimensions out of tolerance",
    "Surface defect",
    "Wrong or mixed material",
    "Damaged parts",
)

COLUMNS = 3  # choice buttons per row, at most: fewer when a label would not fit
_ORDER_KINDS = (ExceptionKind.ORDER_CHANGE, ExceptionKind.PRIORITY_SHIFT)


@dataclass(frozen=True)
class CaptureTarget:
    """Where a capture starts: what the lane knows without asking the database."""

    work_center: str | None
    operation_id: str | None = None
    short_item: str | None = None  # the item the board says this operation is short of


def _label(name: str, text: str = "", *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


def _choice(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName("choiceButton")
    button.setCheckable(True)
    button.setAutoDefault(False)  # Enter (a scanner's) never presses a choice
    # A long label wraps the grid's columns narrower, never wider than the dialog.
    button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    button.setMinimumWidth(120)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
    return button


def _button_row(
    choices: list[tuple[str, str]], owner: QObject, *, name: str = "choiceButton"
) -> tuple[QFrame, QButtonGroup, dict[str, QPushButton]]:
    """A row of exclusive checkable buttons, keyed; the group's ids are the positions."""
    row = QFrame()
    row.setObjectName("choiceRow")
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(8)
    group = QButtonGroup(owner)
    group.setExclusive(True)
    buttons: dict[str, QPushButton] = {}
    for n, (key, text) in enumerate(choices):
        button = _choice(text)
        button.setObjectName(name)
        button.setProperty("key", key)
        group.addButton(button, n)
        layout.addWidget(button)
        buttons[key] = button
    return row, group, buttons


def _regrid(grid: QGridLayout, buttons: list[QPushButton], width: int) -> None:
    """Place `buttons` in as many columns (up to COLUMNS) as let every label fit `width`."""
    if not buttons:
        return
    spacing = grid.horizontalSpacing()
    widest = max(b.sizeHint().width() for b in buttons)
    columns = COLUMNS
    while columns > 1 and columns * widest + (columns - 1) * spacing > width:
        columns -= 1
    for button in buttons:
        grid.removeWidget(button)
    for n, button in enumerate(buttons):
        grid.addWidget(button, n // columns, n % columns)
    for column in range(COLUMNS):
        grid.setColumnStretch(column, 1 if column < columns else 0)


def _checked_key(group: QButtonGroup) -> str | None:
    button = group.checkedButton()
    return str(button.property("key")) if button is not None else None


def _operation(op_id: str) -> str:
    number, _, seq = op_id.partition("/")
    return f"{number} op {int(seq)}" if seq.isdigit() else op_id


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
        self.reason_code: str | None = None
        self.category: ReasonCategory | None = None
        self.exception_id: str | None = None
        self.busy = False
        self.heading = _label("heading")
        self.context_label = _label("captureContext", wrap=True)
        self.scan = QLineEdit()
        self.scan.setObjectName("scanInput")
        self.scan.setPlaceholderText("Scan or type a work order, item or lot")
        self.scan.setClearButtonEnabled(True)
        self.scan.returnPressed.connect(self._on_scan_entered)
        self.scan_hint = _label("hint", wrap=True)

        # Logging a call or message: what kind of exception, and how it came in.
        self.kind_title = _label("fieldLabel", "What was reported?")
        self.kind_row, self.kind_group, self.kind_buttons = _button_row(
            [(k.value, t) for k, t in BOARD_EXCEPTION_BUTTONS], self
        )
        self.kind_group.idClicked.connect(self._on_kind_clicked)
        self.channel_title = _label("fieldLabel", "How did it come in?")
        self.channel_row, self.channel_group, self.channel_buttons = _button_row(
            [(c.value, t) for c, t in REPORT_CHANNELS], self
        )
        self.channel_group.idClicked.connect(self._on_channel_clicked)
        self.message_text = QPlainTextEdit()
        self.message_text.setObjectName("messageText")
        self.message_text.setPlaceholderText("Paste the message here (it is kept as the note)")
        self.message_text.setMaximumHeight(120)

        # Every form: how bad is it.
        self.severity_title = _label("fieldLabel", "Severity")
        self.severity_row, self.severity_group, self.severity_buttons = _button_row(
            [(v.value, t) for v, t in SEVERITIES], self, name="severityButton"
        )
        self.severity_buttons[Severity.MEDIUM.value].setChecked(True)

        # Order change: who asked for it.
        self.source_title = _label("fieldLabel", "Who asked for the change?")
        self.source_row, self.source_group, self.source_buttons = _button_row(
            list(CHANGE_SOURCES), self
        )

        # Choices: the order's materials (shortage, substitute), defects (quality hold).
        self.choice_title = _label("fieldLabel")
        self.choices = QFrame()
        self.choices.setObjectName("choiceGrid")
        self.choice_grid = QGridLayout(self.choices)
        self.choice_grid.setContentsMargins(0, 0, 0, 0)
        self.choice_grid.setSpacing(10)
        self.choice_group = QButtonGroup(self)
        self.choice_group.setExclusive(True)
        self.choice_buttons: dict[str, QPushButton] = {}

        # Downtime: category, then reason (both stay on the form), then a note and Raise.
        self.category_title = _label("fieldLabel", "Why is the machine down?")
        self.category_frame = QFrame()
        self.category_frame.setObjectName("choiceGrid")
        self.category_grid = QGridLayout(self.category_frame)
        self.category_grid.setContentsMargins(0, 0, 0, 0)
        self.category_grid.setSpacing(10)
        self.category_group = QButtonGroup(self)
        self.category_group.setExclusive(True)
        self.category_buttons: dict[str, QPushButton] = {}
        self.reason_title = _label("fieldLabel", "")
        self.reason_frame = QFrame()
        self.reason_frame.setObjectName("choiceGrid")
        self.reason_grid = QGridLayout(self.reason_frame)
        self.reason_grid.setContentsMargins(0, 0, 0, 0)
        self.reason_grid.setSpacing(10)
        self.reason_group = QButtonGroup(self)
        self.reason_group.setExclusive(True)
        self.reason_buttons: dict[str, QPushButton] = {}

        self.summary = QLineEdit()
        self.summary.setObjectName("reasonInput")
        self.summary.setPlaceholderText("What happened, in a few words")
        self.substitute = QLineEdit()
        self.substitute.setObjectName("reasonInput")
        self.substitute.setPlaceholderText("Scan or type the item to use instead")
        self.quantity = QLineEdit()
        self.quantity.setObjectName("reasonInput")
        self.quantity.setPlaceholderText("How many (optional)")
        self.note = QLineEdit()
        self.note.setObjectName("reasonInput")
        self.note.setPlaceholderText("Note (optional)")
        self.note.setMaxLength(500)
        self.new_value = QLineEdit()
        self.new_value.setObjectName("reasonInput")
        self.new_value.setPlaceholderText("The new quantity, date or specification")
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonInput")
        self.reason.setPlaceholderText("Why the priority changes")
        self.error = _label("error", wrap=True)
        self.cancel = QPushButton("Cancel")
        self.cancel.setObjectName("secondary")
        self.cancel.clicked.connect(self.reject)
        self.raise_button = QPushButton("Raise")
        self.raise_button.setObjectName("primary")
        self.raise_button.clicked.connect(self.submit)
        self.note_label = _label("fieldLabel", "Note")

        fields = QGridLayout()
        fields.setHorizontalSpacing(12)
        fields.setVerticalSpacing(8)
        self.summary_label = _label("fieldLabel", "What happened")
        self.substitute_label = _label("fieldLabel", "Use instead")
        self.quantity_label = _label("fieldLabel", "Quantity")
        self.new_value_label = _label("fieldLabel", "New value")
        self.reason_label = _label("fieldLabel", "Reason")
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
        layout.addWidget(self.category_frame)
        layout.addWidget(self.reason_title)
        layout.addWidget(self.reason_frame)
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
        self.scan.setFocus()

    # --- building -------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._regrid_all()

    def _regrid_all(self) -> None:
        """Choice buttons in as many columns as the form's width lets their labels fit."""
        width = self.form_scroll.viewport().width() - 8
        for grid, buttons in (
            (self.choice_grid, self.choice_buttons),
            (self.category_grid, self.category_buttons),
            (self.reason_grid, self.reason_buttons),
        ):
            _regrid(grid, list(buttons.values()), width)

    def _layout_for_kind(self) -> None:
        """Show the fields of `self.kind` (again, when a logged call changes its kind)."""
        kind = self.kind
        title = KIND_TITLES.get(kind, kind.value.replace("_", " ").capitalize())
        self.setWindowTitle(f"Raise: {title}")
        self.heading.setText(f"Log a call / message: {title}" if self.reported else title)
        downtime = kind is ExceptionKind.MACHINE_DOWNTIME
        materials = kind in (ExceptionKind.MATERIAL_SHORTAGE, ExceptionKind.SUBSTITUTE_MATERIAL)
        order_change = kind is ExceptionKind.ORDER_CHANGE
        priority = kind is ExceptionKind.PRIORITY_SHIFT
        if not downtime:
            self._clear_reasons()
            self.reason_code = None
            self.category = None
        self.category_title.setVisible(downtime)
        self.category_frame.setVisible(downtime)
        self.reason_title.setVisible(downtime and self.category is not None)
        self.reason_frame.setVisible(downtime and self.category is not None)
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
            self._set_choices([], preselect=None)
        shows_summary = kind in (ExceptionKind.QUALITY_HOLD, ExceptionKind.OTHER)
        self.summary.setVisible(shows_summary)
        self.summary_label.setVisible(shows_summary)
        self.substitute.setVisible(kind is ExceptionKind.SUBSTITUTE_MATERIAL)
        self.substitute_label.setVisible(kind is ExceptionKind.SUBSTITUTE_MATERIAL)
        self.quantity.setVisible(kind not in (ExceptionKind.MACHINE_DOWNTIME, *_ORDER_KINDS))
        self.quantity_label.setVisible(self.quantity.isVisibleTo(self))
        if downtime and not self.category_buttons:
            self._show_categories()
        if kind is ExceptionKind.MATERIAL_SHORTAGE:
            self.choice_title.setText("Which material is short?")
        elif kind is ExceptionKind.SUBSTITUTE_MATERIAL:
            self.choice_title.setText("Which material is replaced?")
        elif kind is ExceptionKind.QUALITY_HOLD:
            self.choice_title.setText("What is wrong?")
            self._set_choices([(d, d) for d in DEFECTS], preselect=None)
        elif order_change:
            self.choice_title.setText("What changed?")
            self._set_choices(list(ORDER_CHANGES), preselect=None)
        elif priority:
            self.choice_title.setText("New priority")
            self._set_choices(list(PRIORITIES), preselect=None)
        if materials:
            self._set_material_choices()

    def _set_material_choices(self) -> None:
        materials = list(self.context.materials)
        short = self.short_item
        if short is not None and all(m.item != short for m in materials):
            materials.insert(0, OrderMaterial(short, "", 0.0))
        materials.sort(key=lambda m: m.item != short)  # the short one first
        self._set_choices(
            [(m.item, f"{m.item}\n{m.name}" if m.name else m.item) for m in materials],
            preselect=materials[0].item if materials else None,
        )
        if not materials:
            self.scan_hint.setText("No materials known for this job: scan the item.")

    def _set_choices(self, choices: list[tuple[str, str]], preselect: str | None) -> None:
        for button in self.choice_buttons.values():
            self.choice_group.removeButton(button)
            button.hide()
            button.deleteLater()
        self.choice_buttons = {}
        for n, (key, text) in enumerate(choices):
            self._add_choice(key, text, n)
        if preselect is not None:
            self.choice_buttons[preselect].setChecked(True)

    def _add_choice(self, key: str, text: str, n: int | None = None) -> QPushButton:
        n = len(self.choice_buttons) if n is None else n
        button = _choice(text)
        button.setProperty("key", key)
        self.choice_group.addButton(button)
        self.choice_grid.addWidget(button, n // COLUMNS, n % COLUMNS)
        _regrid(self.choice_grid, [*list(self.choice_buttons.values()), button], self._room())
        if self.choices.isVisible():
            button.show()
        self.choice_buttons[key] = button
        if self.kind is ExceptionKind.QUALITY_HOLD:
            button.clicked.connect(lambda: self.summary.setText(key))
        return button

    def _show_context(self) -> None:
        c = self.context
        parts = [c.work_center or "no work center"]
        if c.operation_id:
            parts.append(_operation(c.operation_id))
        elif c.work_order:
            parts.append(c.work_order)
        if c.product:
            parts.append(c.product + (f" {c.product_name}" if c.product_name else ""))
        self.context_label.setText("  ·  ".join(parts))

    def _clear_reasons(self) -> None:
        for button in self.reason_buttons.values():
            self.reason_group.removeButton(button)
            self.reason_grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.reason_buttons = {}

    def _show_categories(self) -> None:
        """The first level of the reason tree: one checkable button per category."""
        for n, category in enumerate(self.reasons.categories):
            button = _choice(category.label)
            button.setProperty("key", category.code)
            button.clicked.connect(lambda _=False, c=category: self._show_reasons(c))
            self.category_group.addButton(button)
            self.category_grid.addWidget(button, n // COLUMNS, n % COLUMNS)
            self.category_buttons[category.code] = button
        _regrid(self.category_grid, list(self.category_buttons.values()), self._room())

    def _room(self) -> int:
        """The width choice buttons have (before the form is on screen: a kiosk's)."""
        shown = self.form_scroll.viewport().width() - 8 if self.isVisible() else 0
        return shown if shown > 0 else 1000

    def _show_reasons(self, category: ReasonCategory) -> None:
        """The second level: the category's reasons under it (the categories stay)."""
        self.category_buttons[category.code].setChecked(True)
        if self.category is category and self.reason_buttons:
            return
        self._clear_reasons()
        self.category = category
        self.reason_code = None
        self.reason_title.setText(f"{category.label}: what exactly?")
        for n, reason in enumerate(category.reasons):
            button = _choice(reason.label)
            button.setProperty("key", reason.code)
            button.clicked.connect(lambda _=False, code=reason.code: self._on_reason_chosen(code))
            self.reason_group.addButton(button)
            self.reason_grid.addWidget(button, n // COLUMNS, n % COLUMNS)
            self.reason_buttons[reason.code] = button
        for widget in (self.reason_title, self.reason_frame):
            widget.setVisible(True)
        _regrid(self.reason_grid, list(self.reason_buttons.values()), self._room())
        for button in self.reason_buttons.values():
            button.setVisible(True)  # added to a form on screen: hidden until shown
        set_flag(self.reason_frame, "error", False)
        set_flag(self.category_frame, "error", False)

    # --- reading the form -----------------------------------------------------------------

    def selected_choice(self) -> str | None:
        button = self.choice_group.checkedButton()
        return str(button.property("key")) if button is not None else None

    def new_exception(self) -> NewException:
        """What the form says, as the service takes it (the service checks it all)."""
        c = self.context
        kind = self.kind
        materials = kind in (ExceptionKind.MATERIAL_SHORTAGE, ExceptionKind.SUBSTITUTE_MATERIAL)
        # Only a material form's choice is an item (the others are a defect, a change...).
        item = self.selected_choice() if materials else None
        where = _operation(c.operation_id) if c.operation_id else (c.work_order or "")
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
            summary = self.selected_choice() or ""
        elif kind is ExceptionKind.ORDER_CHANGE:
            change = self.selected_choice()
            new_value = self.new_value.text().strip()
            source = _checked_key(self.source_group)
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
        key = _checked_key(self.severity_group)
        return Severity(key) if key else Severity.MEDIUM

    def form_problems(self) -> list[FieldProblem]:
        """What the form itself can tell is missing (the service checks the rest)."""
        problems: list[FieldProblem] = []
        if self.kind in _ORDER_KINDS and not self.context.work_order:
            problems.append(FieldProblem("work_order", "missing: scan or type the work order"))
        if self.kind is ExceptionKind.ORDER_CHANGE:
            if self.selected_choice() is None:
                problems.append(FieldProblem("change", "missing: pick what changed"))
            if not self.new_value.text().strip():
                problems.append(FieldProblem("new_value", "missing: type the new value"))
            if _checked_key(self.source_group) is None:
                problems.append(FieldProblem("source", "missing: pick who asked for it"))
        if self.kind is ExceptionKind.PRIORITY_SHIFT:
            if self.selected_choice() is None:
                problems.append(FieldProblem("new_priority", "missing: pick the new priority"))
            if not self.reason.text().strip():
                problems.append(FieldProblem("reason", "missing: say why"))
        if self.reports_message() and not self.message_text.toPlainText().strip():
            problems.append(FieldProblem("message", "missing: paste the message"))
        if self.kind is ExceptionKind.MACHINE_DOWNTIME and self.reason_code is None:
            what = "the reason" if self.category is not None else "why the machine is down"
            problems.append(FieldProblem("reason_code", f"missing: pick {what}"))
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
        self.error.setText("")

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

    def _on_reason_chosen(self, code: str) -> None:
        """A reason is picked; the note is next, and Raise (a tap) sends it."""
        self.reason_code = code
        self.reason_buttons[code].setChecked(True)
        set_flag(self.reason_frame, "error", False)
        self.form_scroll.ensureWidgetVisible(self.note)

    def submit(self) -> None:
        if self.busy:
            return
        if self.quantity.text().strip() and parse_quantity(self.quantity.text()) is None:
            self.show_problems(ValidationError.one("quantity", "is not a number"))
            return
        problems = self.form_problems()
        if problems:
            self.show_problems(ValidationError(problems))
            return
        new = self.new_exception()
        self._set_busy(True)
        self.error.setText("")
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
            self.error.setText(failure_text(error))

    def show_problems(self, error: ValidationError) -> None:
        """Say what is wrong and mark the fields named; nothing entered is lost."""
        self.error.setText(error_text(error))
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
        self.raise_button.setText("Raising…" if busy else "Raise")

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
        self.scan_hint.setText(f"Looking up {code}…")
        self.controller.read(
            lambda session: lookup_scan(session, code, work_center),
            lambda match: self.apply_scan(code, match),
        )

    def apply_scan(self, code: str, match: ScanMatch | None) -> None:
        """Fill the form from a scanned code (work order, operation, item or lot)."""
        if match is None:
            self.scan_hint.setText(f"Unknown code “{code}”: not a work order, item or lot.")
            set_flag(self.scan, "error", True)
            return
        set_flag(self.scan, "error", False)
        if match.kind in (ScanKind.WORK_ORDER, ScanKind.OPERATION) and match.context:
            self.context = match.context
            self._show_context()
            if self.kind in (ExceptionKind.MATERIAL_SHORTAGE, ExceptionKind.SUBSTITUTE_MATERIAL):
                self.short_item = None
                self._set_material_choices()
            self.scan_hint.setText(f"Work order {match.context.work_order}.")
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
            self.scan_hint.setText(f"Use {item} instead.")
            return
        if self.kind in (ExceptionKind.MATERIAL_SHORTAGE, ExceptionKind.SUBSTITUTE_MATERIAL):
            button = self.choice_buttons.get(item) or self._add_choice(item, item)
            button.setChecked(True)
        what = f"Lot {match.code} of {item}" if match.kind is ScanKind.LOT else f"Item {item}"
        self.scan_hint.setText(f"{what}.")


class CaptureLauncher(QObject):
    """Opens capture forms for a lane (kiosk or supervisor board) and reports results.

    Signals:
        sig_dialog_opened: a capture form is on screen; carries it.
        sig_raised: an exception was raised; carries its id.
    """

    sig_dialog_opened = Signal(object)
    sig_raised = Signal(str)

    def __init__(
        self,
        controller: ExceptionsController,
        parent_widget: QWidget,
        *,
        channel: Channel = Channel.KIOSK,
        reasons: ReasonTree | None = None,
    ) -> None:
        super().__init__(parent_widget)
        self.controller = controller
        self.parent_widget = parent_widget
        self.channel = channel
        self.reasons = reasons or load_reasons()
        self.dialog: CaptureDialog | None = None

    def open(
        self,
        kind: ExceptionKind,
        actor: str,
        target: CaptureTarget,
        *,
        channel: Channel | None = None,
        reported: bool = False,
    ) -> None:
        """Read the context on the database lane, then show the form prefilled with it.

        `reported`: a supervisor logs a call or message (`channel` phone or message).
        """
        if self.dialog is not None:
            return

        def show(context: CaptureContext) -> None:
            if self.dialog is not None:
                return
            dialog = CaptureDialog(
                kind,
                context,
                self.controller,
                actor,
                reasons=self.reasons,
                channel=channel or self.channel,
                short_item=target.short_item,
                reported=reported,
                parent=self.parent_widget,
            )
            dialog.sig_raised.connect(self.sig_raised)
            dialog.finished.connect(self._on_dialog_finished)
            self.dialog = dialog
            fit_to_window(dialog, self.parent_widget, width=self.parent_widget.width())
            dialog.open()
            self.sig_dialog_opened.emit(dialog)

        self.controller.read(
            lambda session: capture_context(session, target.work_center, target.operation_id),
            show,
        )

    def _on_dialog_finished(self, _result: int) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
        self.dialog = None


def attach_kiosk(launcher: CaptureLauncher, kiosk: KioskLaneView) -> None:
    """Let the kiosk lane's exception buttons open capture forms, and tell the lane."""

    def requested(kind: ExceptionKind) -> None:
        if kiosk.operator is None:
            return
        work_center, op_id, short = kiosk.capture_target()
        launcher.open(kind, kiosk.operator.id, CaptureTarget(work_center, op_id, short))

    def raised(_exception_id: str) -> None:
        dialog = launcher.dialog
        what = dialog.windowTitle().removeprefix("Raise: ") if dialog else "Exception"
        kiosk.show_message(f"{what} raised; its owner has been told.")
        kiosk.focus_scan()

    kiosk.sig_capture_requested.connect(requested)
    launcher.sig_raised.connect(raised)


def attach_board(launcher: CaptureLauncher, board: SupervisorBoardView) -> None:
    """Let the supervisor board's exception buttons open capture forms (from a line PC),
    starting from the job picked on the board, if any."""

    def requested(request: CaptureRequest) -> None:
        if board.operator is None:
            return
        work_center, op_id = board.selected or (None, None)
        launcher.open(
            request.kind,
            board.operator.id,
            CaptureTarget(work_center, op_id),
            channel=request.channel,
            reported=request.reported,
        )

    def raised(_exception_id: str) -> None:
        dialog = launcher.dialog
        what = dialog.windowTitle().removeprefix("Raise: ") if dialog else "Exception"
        board.show_message(f"{what} raised; its owner has been told.")

    board.sig_capture_requested.connect(requested)
    launcher.sig_raised.connect(raised)
