"""The shift handover screen, for shift leads (supervisors and managers).

Top: the area and the shift (the one running, or one of the last days'), and where the
handover stands. A line of the shift in numbers; then its sections, a tab each: the
items still open at its end (with the outgoing lead's note on each and the incoming
lead's answer), the exceptions raised, resolved and still open (owner, SLA), downtime
by reason, output against plan per work center, overrides with their reasons, and the
postings the ERP refused. Bottom: the note on the shift and the step that comes next.

The outgoing lead writes notes and hands the shift over; the incoming lead (another
lead) accepts or queries each item and signs once every item is accepted; a query goes
back to the outgoing lead, who answers it. The server checks every step again.
Everything is read off the GUI thread (ui.handover.handover_controller).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.model.handover import HandoverItemStatus, HandoverStatus
from app.model.types import Role
from app.queries_handover import ExceptionLine, HandoverLine, HandoverScreen, HandoverView
from app.services.people import Operator
from ui.common.elided import ElidedLabel
from ui.common.timefmt import PlantTime
from ui.handover.handover_controller import HandoverController
from ui.handover.handover_model import (
    LinesModel,
    Moments,
    downtime_columns,
    duration_text,
    exception_columns,
    item_columns,
    output_columns,
    override_columns,
    refused_columns,
)
from ui.i18n import on_language_change, tr, translated
from ui.widgets import Toast, command_button, label, make_table, set_flag

_NOTE_LINES = 2
_MAX_COLUMN = 420  # px: no column pushes the others out of a kiosk's width


def sees_handover(operator: Operator) -> bool:
    """The handover is the shift leads': supervisors and managers."""
    return any(operator.has(r) for r in (Role.SUPERVISOR, Role.MANAGER))


def _note_editor(name: str) -> QPlainTextEdit:
    editor = QPlainTextEdit()
    editor.setObjectName(name)
    editor.setTabChangesFocus(True)
    _fit_lines(editor)
    return editor


def _fit_lines(editor: QPlainTextEdit) -> None:
    # In the theme's font (a kiosk's is larger): polished first.
    editor.ensurePolished()
    margins = editor.contentsMargins()
    line = editor.fontMetrics().lineSpacing()
    editor.setFixedHeight(
        line * _NOTE_LINES
        + int(2 * editor.document().documentMargin())
        + margins.top()
        + margins.bottom()
        + 4
    )


def _exceptions_of(view: HandoverView) -> list[ExceptionLine]:
    """Raised, resolved and still open, once each, in the order they were raised."""
    seen: dict[str, ExceptionLine] = {}
    for line in (*view.raised, *view.resolved, *view.still_open):
        seen.setdefault(line.id, line)
    return sorted(seen.values(), key=lambda e: e.raised_at)


class HandoverScreenView(QWidget):
    """Signals:
    sig_shown: a read of the handover is on screen.
    """

    sig_shown = Signal()

    def __init__(self, controller: HandoverController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("handoverView")
        self.controller = controller
        self.operator: Operator | None = None
        self.shown: HandoverScreen | None = None
        self.moments = Moments()
        self._message: Callable[[], str] | None = None
        self._filling = False

        self.title = label("heading")
        self.area_caption = label("fieldLabel")
        self.area_combo = QComboBox()
        self.area_combo.setObjectName("handoverArea")
        self.area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.area_combo.currentIndexChanged.connect(self._on_area_combo_changed)
        self.shift_caption = label("fieldLabel")
        self.shift_combo = QComboBox()
        self.shift_combo.setObjectName("handoverShift")
        self.shift_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.shift_combo.currentIndexChanged.connect(self._on_shift_combo_changed)
        self.state = ElidedLabel("handoverState")
        self.numbers = label("handoverNumbers", wrap=True)

        self.items = LinesModel(item_columns(self.moments), self)
        self.exceptions = LinesModel(exception_columns(self.moments), self)
        self.downtime = LinesModel(downtime_columns(), self)
        self.output = LinesModel(output_columns(), self)
        self.overrides = LinesModel(override_columns(self.moments), self)
        self.refused = LinesModel(refused_columns(self.moments), self)
        self.items_table = make_table("handoverItems")
        self.items_table.setModel(self.items)
        self.items_table.selectionModel().selectionChanged.connect(self._on_item_selected)
        self.tables: list[QTableView] = [self.items_table]
        self.tabs = QTabWidget()
        self.tabs.setObjectName("handoverTabs")

        items_page = QWidget()
        items_layout = QVBoxLayout(items_page)
        items_layout.setContentsMargins(0, 8, 0, 0)
        items_layout.addWidget(self.items_table, 1)
        self.item_detail = label("handoverItemDetail", wrap=True)
        items_layout.addWidget(self.item_detail)
        self.item_note = _note_editor("handoverItemNote")
        self.item_note_button = command_button("", "secondary")
        self.item_note_button.clicked.connect(self._on_item_note_clicked)
        self.reply = QLineEdit()
        self.reply.setObjectName("handoverReply")
        self.reply.textChanged.connect(self._update_buttons)
        self.accept_button = command_button("", "primary")
        self.accept_button.clicked.connect(self._on_accept_clicked)
        self.query_button = command_button("", "secondary")
        self.query_button.clicked.connect(self._on_query_clicked)
        self.answer_button = command_button("", "secondary")
        self.answer_button.clicked.connect(self._on_answer_clicked)
        item_row = QGridLayout()
        item_row.setHorizontalSpacing(8)
        item_row.addWidget(self.item_note, 0, 0)
        item_row.addWidget(self.item_note_button, 0, 1)
        item_row.addWidget(self.reply, 1, 0)
        answers = QHBoxLayout()
        answers.setSpacing(8)
        for button in (self.accept_button, self.query_button, self.answer_button):
            answers.addWidget(button)
        item_row.addLayout(answers, 1, 1)
        item_row.setColumnStretch(0, 1)
        items_layout.addLayout(item_row)
        self.tabs.addTab(items_page, "")
        for name, model in (
            ("handoverExceptions", self.exceptions),
            ("handoverDowntime", self.downtime),
            ("handoverOutput", self.output),
            ("handoverOverrides", self.overrides),
            ("handoverRefused", self.refused),
        ):
            table = make_table(name)
            table.setModel(model)
            self.tables.append(table)
            self.tabs.addTab(table, "")

        self.note_caption = label("fieldLabel")
        self.shift_note = _note_editor("handoverShiftNote")
        self.shift_note_button = command_button("", "secondary")
        self.shift_note_button.clicked.connect(self._on_shift_note_clicked)
        self.submit_button = command_button("", "primary")
        self.submit_button.clicked.connect(self._on_submit_clicked)
        self.sign_button = command_button("", "primary")
        self.sign_button.clicked.connect(self._on_sign_clicked)
        self.message = Toast(self)

        head = QHBoxLayout()
        head.setSpacing(10)
        head.addWidget(self.title)
        head.addSpacing(12)
        head.addWidget(self.area_caption)
        head.addWidget(self.area_combo)
        head.addWidget(self.shift_caption)
        head.addWidget(self.shift_combo)
        head.addStretch(1)
        foot = QHBoxLayout()
        foot.setSpacing(8)
        foot.addWidget(self.note_caption)
        foot.addWidget(self.shift_note, 1)
        foot.addWidget(self.shift_note_button)
        foot.addWidget(self.submit_button)
        foot.addWidget(self.sign_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 8, 16, 8)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.state)
        layout.addWidget(self.numbers)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(foot)

        controller.sig_loaded.connect(self._on_controller_loaded)
        controller.sig_command_failed.connect(self._on_controller_command_failed)
        controller.sig_changed.connect(self._on_controller_changed)
        self.retranslate()
        on_language_change(self, self.retranslate)

    # --- words ------------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.title.setText(tr("Shift handover"))
        self.area_caption.setText(tr("Area"))
        self.shift_caption.setText(tr("Shift"))
        self.note_caption.setText(tr("Shift note"))
        self.item_note.setPlaceholderText(tr("Your note on the picked item"))
        self.shift_note.setPlaceholderText(tr("What the next shift should know"))
        self.reply.setPlaceholderText(tr("A question about the picked item, or the answer"))
        self.item_note_button.setText(tr("Save note"))
        self.shift_note_button.setText(tr("Save note"))
        self.accept_button.setText(tr("Accept"))
        self.query_button.setText(tr("Query"))
        self.answer_button.setText(tr("Answer"))
        self.submit_button.setText(tr("Hand over"))
        self.sign_button.setText(tr("Sign"))
        if self._message is not None:
            self.message.say_again(self._message())
        self._show()

    # --- public -----------------------------------------------------------------------------

    def set_operator(self, operator: Operator | None) -> None:
        self.operator = operator
        self._update_buttons()

    def set_area(self, area: str | None) -> None:
        """Open on `area`'s handover (the board's area) at the next read."""
        if area is not None and area != self.controller.area:
            self.controller.area, self.controller.shift_id = area, None

    def set_clock(self, clock: PlantTime) -> None:
        """Say times on the plant's clock (the board's, shared by every screen)."""
        self.moments.clock = clock

    def view(self) -> HandoverView | None:
        return self.shown.view if self.shown is not None else None

    def selected_item(self) -> HandoverLine | None:
        rows = self.items_table.selectionModel().selectedRows()
        return self.items.row_at(rows[0].row()) if rows else None

    def select_item(self, row: int) -> None:
        self.items_table.selectRow(row)

    def say(self, say: Callable[[], str], *, error: bool = False) -> None:
        self._message = say
        self.message.show_text(say(), error=error)

    # --- while on screen --------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        for editor in (self.item_note, self.shift_note):
            _fit_lines(editor)
        self.controller.watching = True
        self.controller.load(self.controller.area, self.controller.shift_id)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.controller.watching = False

    # --- what was read ----------------------------------------------------------------------

    def _on_controller_loaded(self, screen: HandoverScreen) -> None:
        picked = self.selected_item()
        self.shown = screen
        self._filling = True
        try:
            self.area_combo.clear()
            for code, name in screen.areas:
                self.area_combo.addItem(code, code)
                self.area_combo.setItemData(
                    self.area_combo.count() - 1, name, Qt.ItemDataRole.ToolTipRole
                )
            self.area_combo.setCurrentIndex(max(0, self.area_combo.findData(screen.area)))
            self.shift_combo.clear()
            for shift in screen.shifts:
                self.shift_combo.addItem(
                    f"{self.moments.day(shift.start)} {shift.name} "
                    f"{self.moments.time(shift.start)}–{self.moments.time(shift.end)}",
                    shift.id,
                )
            view = screen.view
            if view is not None:
                self.shift_combo.setCurrentIndex(max(0, self.shift_combo.findData(view.shift.id)))
        finally:
            self._filling = False
        view = screen.view
        self.items.set_rows(view.items if view else ())
        self.exceptions.set_rows(_exceptions_of(view) if view else ())
        self.downtime.set_rows(view.downtime if view else ())
        self.output.set_rows(view.output if view else ())
        self.overrides.set_rows(view.overrides if view else ())
        self.refused.set_rows(view.refused if view else ())
        self.shift_note.setPlainText(view.note or "" if view else "")
        if picked is not None:
            for row, item in enumerate(self.items.rows):
                if item.key == picked.key:
                    self.items_table.selectRow(row)
        for table in self.tables:
            table.resizeColumnsToContents()
            for column in range(table.model().columnCount() - 1):
                # Long texts (a summary, the ERP's words) elide, whole in their tooltip.
                table.setColumnWidth(column, min(table.columnWidth(column), _MAX_COLUMN))
        self._show()
        self.sig_shown.emit()

    def _show(self) -> None:
        view = self.view()
        self._show_tabs(view)
        if view is None:
            self.state.set_full_text(
                tr("This area has no shifts in its calendar.") if self.shown else ""
            )
            self.numbers.setText("")
            self._update_buttons()
            return
        if view.status is HandoverStatus.SIGNED:
            state = tr("Signed by {name}: the handover is complete.").format(name=view.signed_by)
        elif view.status is HandoverStatus.SUBMITTED:
            state = tr("Handed over by {name}, not signed yet.").format(name=view.outgoing)
        elif view.running:
            state = tr("Shift running until {end}: not handed over yet.").format(
                end=self.moments.time(view.shift.end)
            )
        else:
            state = tr("Shift over: not handed over yet.")
        self.state.set_full_text(state)
        set_flag(self.state, "unsigned", view.status is not HandoverStatus.SIGNED)
        down = sum(d.seconds for d in view.downtime)
        planned = sum(o.planned for o in view.output)
        good = sum(o.good for o in view.output)
        self.numbers.setText(
            tr(
                "{raised} raised, {resolved} resolved, {open} still open · downtime {down} · "
                "good {good} of {planned} planned · {overrides} overrides · "
                "{refused} refused by the ERP"
            ).format(
                raised=len(view.raised),
                resolved=len(view.resolved),
                open=len(view.still_open),
                down=duration_text(down),
                good=f"{good:g}",
                planned=f"{planned:g}",
                overrides=len(view.overrides),
                refused=len(view.refused),
            )
        )
        self._on_item_selected()

    def _show_tabs(self, view: HandoverView | None) -> None:
        counts = (
            len(view.items) if view else 0,
            len(_exceptions_of(view)) if view else 0,
            len(view.downtime) if view else 0,
            len(view.output) if view else 0,
            len(view.overrides) if view else 0,
            len(view.refused) if view else 0,
        )
        titles = (
            tr("Open items ({n})"),
            tr("Exceptions ({n})"),
            tr("Downtime ({n})"),
            tr("Output ({n})"),
            tr("Overrides ({n})"),
            tr("ERP refused ({n})"),
        )
        for tab, (title, count) in enumerate(zip(titles, counts, strict=True)):
            self.tabs.setTabText(tab, title.format(n=count))

    def _on_item_selected(self, *_args: object) -> None:
        item = self.selected_item()
        if item is None:
            self.item_detail.setText(tr("Pick an item to note, accept or query it."))
            self.item_note.setPlainText("")
        else:
            parts = [item.summary]
            if item.query:
                parts.append(tr("Queried: {text}").format(text=item.query))
            if item.answer:
                parts.append(tr("Answer: {text}").format(text=item.answer))
            self.item_detail.setText("\n".join(parts))
            self.item_note.setPlainText(item.note or "")
        self._update_buttons()

    def _update_buttons(self) -> None:
        view = self.view()
        operator = self.operator
        item = self.selected_item()
        lead = operator is not None and sees_handover(operator)
        writing = lead and view is not None and view.status is HandoverStatus.OPEN
        submitted = view is not None and view.status is HandoverStatus.SUBMITTED
        outgoing = operator is not None and view is not None and operator.id == view.outgoing_id
        incoming = lead and submitted and not outgoing
        for widget in (self.item_note, self.item_note_button):
            widget.setVisible(bool(writing))
        self.item_note_button.setEnabled(bool(writing) and item is not None)
        self.shift_note.setReadOnly(not writing)
        self.shift_note_button.setVisible(bool(writing))
        self.submit_button.setVisible(bool(writing))
        self.submit_button.setEnabled(bool(writing))
        reply = len(self.reply.text().split()) >= 1 and len(self.reply.text().strip()) >= 3
        self.reply.setVisible(bool(submitted and lead))
        for button in (self.accept_button, self.query_button):
            button.setVisible(bool(incoming))
        self.accept_button.setEnabled(
            bool(incoming) and item is not None and item.status is not HandoverItemStatus.ACCEPTED
        )
        self.query_button.setEnabled(
            bool(incoming)
            and reply
            and item is not None
            and item.status is not HandoverItemStatus.QUERIED
        )
        self.answer_button.setVisible(bool(submitted and outgoing))
        self.answer_button.setEnabled(
            reply and item is not None and item.status is HandoverItemStatus.QUERIED
        )
        self.sign_button.setVisible(bool(incoming))
        self.sign_button.setEnabled(
            bool(incoming)
            and view is not None
            and all(i.status is HandoverItemStatus.ACCEPTED for i in view.items)
        )

    # --- commands ---------------------------------------------------------------------------

    def _actor(self) -> str | None:
        return self.operator.id if self.operator is not None else None

    def _on_item_note_clicked(self) -> None:
        item, actor = self.selected_item(), self._actor()
        if item is not None and actor is not None:
            self.controller.note(actor, self.item_note.toPlainText(), item=item.key)

    def _on_shift_note_clicked(self) -> None:
        actor = self._actor()
        if actor is not None:
            self.controller.note(actor, self.shift_note.toPlainText())

    def _on_submit_clicked(self) -> None:
        actor = self._actor()
        if actor is not None:
            self.controller.submit(actor)

    def _on_accept_clicked(self) -> None:
        item, actor = self.selected_item(), self._actor()
        if item is not None and actor is not None:
            self.controller.accept(actor, item.key)

    def _on_query_clicked(self) -> None:
        item, actor = self.selected_item(), self._actor()
        if item is not None and actor is not None:
            self.controller.query(actor, item.key, self.reply.text())
            self.reply.clear()

    def _on_answer_clicked(self) -> None:
        item, actor = self.selected_item(), self._actor()
        if item is not None and actor is not None:
            self.controller.answer(actor, item.key, self.reply.text())
            self.reply.clear()

    def _on_sign_clicked(self) -> None:
        actor = self._actor()
        if actor is not None:
            self.controller.sign(actor)

    def _on_controller_command_failed(self, text: str) -> None:
        self.say(lambda: text, error=True)

    def _on_controller_changed(self, description: str) -> None:
        def said() -> str:
            text = translated(description)
            return text[:1].upper() + text[1:]

        self.say(said)

    def _on_area_combo_changed(self, _index: int) -> None:
        if not self._filling:
            self.controller.load(self.area_combo.currentData(), None)

    def _on_shift_combo_changed(self, _index: int) -> None:
        if not self._filling:
            self.controller.load(self.controller.area, self.shift_combo.currentData())
