"""The supervisor's board: every lane of an area side by side, with overrides.

Each lane is a compact column over its own `LaneModel` (`LaneColumn`, in
ui.board.supervisor_lane). The lanes fill the width, wrapping to a second row when the
screen is too narrow for all of them; a status filter hides rows in every lane. A
supervisor picks a row and pins, moves, holds or releases it (the `OverrideBar`); every
override needs a reason, and the lane re-ranks as soon as the command went through.

A row of exception buttons (the `RaiseBar`, in ui.board.supervisor_bars) raises an
exception from the board (the forms are ui.exceptions.capture), starting from the picked
job; "Call / message" records one reported by phone or in a message.

After a language switch `retranslate` says every word again: the buttons, the filter,
each lane's machine state and count, the picked job, the last feedback, and the lanes'
models their headers and cells.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.priority.model import RowStatus
from app.queries import WorkCenterSummary
from app.queries_handover import UnsignedHandover
from app.services.people import Operator
from ui.board.board_controller import BoardController, Lanes
from ui.board.formatting import override_text
from ui.board.override_dialog import (
    OverrideAction,
    OverrideDialog,
    OverrideRequest,
    action_text,
)
from ui.board.status_style import ROW_STATUS, status_qss
from ui.board.supervisor_bars import CaptureRequest, OverrideBar, RaiseBar
from ui.board.supervisor_lane import FILTERS, LANE_MIN_WIDTH, LaneColumn
from ui.common.elided import ElidedLabel
from ui.common.errors import say_again
from ui.i18n import on_language_change, tr, translated
from ui.widgets import Toast, fill_combo, label, select_data


class SupervisorBoardView(QWidget):
    """Signals:
    sig_lanes_shown: the lanes of the chosen area are on screen; carries the area code.
    sig_capture_requested: an exception button was clicked; carries a CaptureRequest.
    """

    sig_lanes_shown = Signal(str)
    sig_capture_requested = Signal(object)

    def __init__(self, controller: BoardController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("supervisorBoard")
        self.setStyleSheet(status_qss())
        self.controller = controller
        self.operator: Operator | None = None
        self.area: str | None = None
        self.lanes: dict[str, LaneColumn] = {}
        self.selected: tuple[str, str] | None = None  # (work center, operation id)
        self.override_dialog: OverrideDialog | None = None
        self._columns = 0
        self._message: Callable[[], str] | None = None  # the last feedback, said again

        self.area_combo = QComboBox()
        self.area_combo.setObjectName("areaCombo")
        self.area_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.area_combo.currentIndexChanged.connect(self._on_area_combo_changed)
        self.filter_combo = QComboBox()
        self.filter_combo.setObjectName("filterCombo")
        self.filter_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for key in FILTERS:
            self.filter_combo.addItem(key, key)  # the data is the key: the text translates
        self.filter_combo.currentIndexChanged.connect(self._on_filter_combo_changed)
        # One line that says what is picked; shortened with "…" (whole in its tooltip).
        self.selection_label = ElidedLabel("selectionLabel")
        # Handed over and not signed yet (ui.handover reads them): said until signed.
        self.unsigned_handovers: list[UnsignedHandover] = []
        # Never elided: the job's line beside it gives way first.
        self.handover_flag = label("handoverUnsigned")
        self.handover_flag.setVisible(False)
        self.message = Toast(self)
        choose = QHBoxLayout()
        choose.setSpacing(10)
        self.area_caption = label("fieldLabel")
        self.show_caption = label("fieldLabel")
        choose.addWidget(self.area_caption)
        choose.addWidget(self.area_combo)
        choose.addSpacing(12)
        choose.addWidget(self.show_caption)
        choose.addWidget(self.filter_combo)
        choose.addSpacing(12)
        choose.addWidget(self.handover_flag)
        choose.addWidget(self.selection_label, 1)
        self.choose = choose
        # Overrides and raise buttons: one row when the screen is wide enough, else two
        # (`_place_bars`).
        self.override_bar = OverrideBar()
        self.override_bar.sig_action.connect(self.open_override)
        self.raise_bar = RaiseBar()
        self.raise_bar.sig_requested.connect(self.request_capture)
        # The bars take what their rows need, never more: the picked job's line (beside
        # the overrides) and the lanes keep the rest.
        for bar in (self.override_bar, self.raise_bar):
            bar.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        self.bars = QGridLayout()
        self.bars.setContentsMargins(0, 0, 0, 0)
        self.bars.setHorizontalSpacing(24)
        self.bars.setVerticalSpacing(8)
        self._bars_shape: int | None = None

        self.lanes_host = QWidget()
        self.lanes_host.setObjectName("lanesHost")
        self.lanes_grid = QGridLayout(self.lanes_host)
        self.lanes_grid.setContentsMargins(0, 0, 0, 0)
        self.lanes_grid.setSpacing(10)
        self.lanes_scroll = QScrollArea()
        self.lanes_scroll.setObjectName("lanesScroll")
        self.lanes_scroll.setWidgetResizable(True)
        self.lanes_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.lanes_scroll.setWidget(self.lanes_host)

        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addLayout(choose)
        layout.addLayout(self.bars)
        layout.addWidget(self.lanes_scroll, 1)
        self._set_texts()
        self._place_bars(self.width())

        controller.sig_work_centers_changed.connect(self._on_controller_work_centers_changed)
        controller.sig_lanes_changed.connect(self._on_controller_lanes_changed)
        if controller.loaded:
            self._on_controller_work_centers_changed(controller.work_centers)
        self._update_buttons()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        """Say every word again in the current language (each lane says its own)."""
        self._set_texts()
        self._update_buttons()
        if self._message is not None:
            self.message.say_again(self._message())
        self._bars_shape = None  # the buttons' widths changed with their words
        self._place_bars(self.width())
        self._columns = 0  # and so may the lanes'
        self._place_lanes()

    def _set_texts(self) -> None:
        self.area_caption.setText(tr("Area"))
        self.show_caption.setText(tr("Show"))
        for i in range(self.filter_combo.count()):
            self.filter_combo.setItemText(i, translated(self.filter_combo.itemData(i)))
        self.override_bar.retranslate()
        self.raise_bar.retranslate()
        self._say_unsigned()

    def show_unsigned_handovers(self, unsigned: Iterable[UnsignedHandover]) -> None:
        """The header's warning of handovers not signed yet (none: no warning)."""
        self.unsigned_handovers = list(unsigned)
        self._say_unsigned()

    def _say_unsigned(self) -> None:
        shifts = ", ".join(
            f"{u.area} {u.label.rpartition(' ')[2]}" for u in self.unsigned_handovers
        )
        self.handover_flag.setText(tr("Unsigned handover: {shifts}").format(shifts=shifts))
        self.handover_flag.setToolTip(
            "\n".join(f"{u.area} {u.label} ({u.outgoing})" for u in self.unsigned_handovers)
        )
        self.handover_flag.setVisible(bool(self.unsigned_handovers))

    # --- public ---------------------------------------------------------------------------

    def set_operator(self, operator: Operator | None) -> None:
        self.operator = operator
        if operator is None and self.override_dialog is not None:
            self.override_dialog.reject()
        self.show_message("")
        self._update_buttons()

    def set_area(self, area: str) -> None:
        if area == self.area:
            return
        self.area = area
        select_data(self.area_combo, area)
        self._build_lanes()

    def lane(self, work_center: str) -> LaneColumn:
        return self.lanes[work_center]

    def select(self, work_center: str, op_id: str) -> bool:
        lane = self.lanes.get(work_center)
        return lane is not None and lane.select_op(op_id)

    def show_message(self, text: str, *, error: bool = False) -> None:
        """Feedback floating over the bottom of the board; it fades by itself.

        A refusal the board reported (or a domain Message) is said again after a
        language switch; other text stays as it was said."""
        self.say(lambda: say_again(text), error=error)

    def say(self, say: Callable[[], str], *, error: bool = False) -> None:
        """Feedback made by `say()`, which says it again when the language changes."""
        self._message = say
        self.message.show_text(say(), error=error)

    def request_capture(self, request: CaptureRequest) -> None:
        """Ask for a capture form (tests call this like a click)."""
        if self.operator is None:
            self.say(lambda: tr("Log in to raise an exception."), error=True)
            return
        self.sig_capture_requested.emit(request)

    # --- reacting to the board ------------------------------------------------------------

    def _on_controller_work_centers_changed(self, work_centers: list[WorkCenterSummary]) -> None:
        areas: dict[str, str] = {}
        for wc in work_centers:
            areas.setdefault(wc.area_code, wc.area_name)
        fill_combo(self.area_combo, [(name, code) for code, name in areas.items()])
        if self.area not in areas and areas:
            self.area = None
            self.set_area(next(iter(areas)))
            return
        for wc in work_centers:
            if wc.code in self.lanes:
                self.lanes[wc.code].set_summary(wc)
        if set(self.lanes) != {wc.code for wc in work_centers if wc.area_code == self.area}:
            self._build_lanes()

    def _on_controller_lanes_changed(self, lanes: Lanes) -> None:
        labels = self.controller.labels
        for code, rows in lanes.items():
            lane = self.lanes.get(code)
            if lane is not None:
                lane.model.set_labels(labels)
                lane.model.apply(rows, self.controller.jobs)
                lane.update_count()
        self._update_buttons()

    def _build_lanes(self) -> None:
        for lane in self.lanes.values():
            self.lanes_grid.removeWidget(lane)
            lane.hide()
            lane.deleteLater()
        self.lanes = {}
        self.selected = None
        labels = self.controller.labels
        for wc in self.controller.work_centers:
            if wc.area_code != self.area:
                continue
            lane = LaneColumn(wc)
            lane.model.set_labels(labels)
            lane.model.set_lane(wc.code, self.controller.lane(wc.code), self.controller.jobs)
            lane.proxy.set_statuses(self._statuses())
            lane.update_count()
            lane.sig_selected.connect(self._on_lane_selected)
            self.lanes[wc.code] = lane
        self._columns = 0
        self._place_lanes()
        self._update_buttons()
        if self.area is not None:
            self.sig_lanes_shown.emit(self.area)

    def _place_lanes(self) -> None:
        """All lanes in one row when they fit; otherwise as many columns as fit."""
        count = len(self.lanes)
        if not count:
            return
        spacing = self.lanes_grid.horizontalSpacing()
        narrowest = max(
            LANE_MIN_WIDTH, *(lane.minimumSizeHint().width() for lane in self.lanes.values())
        )
        width = self.lanes_scroll.viewport().width()
        columns = max(1, min(count, (width + spacing) // (narrowest + spacing)))
        if columns == self._columns:
            return
        self._columns = columns
        for lane in self.lanes.values():
            self.lanes_grid.removeWidget(lane)
        for i in range(self.lanes_grid.columnCount()):
            self.lanes_grid.setColumnStretch(i, 0)
        for i, lane in enumerate(self.lanes.values()):
            self.lanes_grid.addWidget(lane, i // columns, i % columns)
            lane.show()
        for i in range(columns):
            self.lanes_grid.setColumnStretch(i, 1)
        self.lanes_grid.activate()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self._place_bars(event.size().width())
        self._place_lanes()

    def _place_bars(self, width: int) -> None:
        """Override and raise buttons in as few rows as fit `width`: the overrides beside
        the area choice when there is room, else on the raise buttons' row, else on a row
        of their own; a button is never squeezed below its text."""
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else None
        room = width - (margins.left() + margins.right() if margins is not None else 0)
        gap = self.bars.horizontalSpacing()
        overrides = self.override_bar.sizeHint().width()
        raises = self.raise_bar.sizeHint().width()
        # The caption stands by the first row of buttons, however many rows there are.
        self.raise_bar.caption.setMinimumHeight(self.raise_bar.log_call_button.sizeHint().height())
        self.selection_label.setMinimumWidth(0)
        top = self.choose.sizeHint().width() + 240  # the picked job keeps a few words
        if top + gap + overrides <= room:
            shape = 0
        elif overrides + gap + raises <= room:
            shape = 1
        else:
            shape = 2
        if shape == self._bars_shape:
            return
        self._bars_shape = shape
        self.choose.removeWidget(self.override_bar)
        self.bars.removeWidget(self.override_bar)
        self.bars.removeWidget(self.raise_bar)
        if shape == 0:
            self.choose.addWidget(self.override_bar)
            self.bars.addWidget(self.raise_bar, 0, 0, Qt.AlignmentFlag.AlignLeft)
        elif shape == 1:
            self.bars.addWidget(self.override_bar, 0, 0, Qt.AlignmentFlag.AlignLeft)
            self.bars.addWidget(self.raise_bar, 0, 1, Qt.AlignmentFlag.AlignRight)
        else:
            self.bars.addWidget(self.override_bar, 0, 0, Qt.AlignmentFlag.AlignLeft)
            self.bars.addWidget(self.raise_bar, 1, 0, Qt.AlignmentFlag.AlignLeft)
        self.override_bar.show()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        self._place_lanes()

    # --- selection and overrides ----------------------------------------------------------

    def _on_lane_selected(self, picked: tuple[str, str | None]) -> None:
        code, op_id = picked
        if op_id is None:
            if self.selected is not None and self.selected[0] == code:
                self.selected = None
        else:
            self.selected = (code, op_id)
            for other, lane in self.lanes.items():
                if other != code:
                    lane.clear_selection()
        self._update_buttons()

    def _selected_row(self) -> tuple[LaneColumn, int] | None:
        if self.selected is None or self.selected[0] not in self.lanes:
            return None
        lane = self.lanes[self.selected[0]]
        row = lane.model.row_of(self.selected[1])
        return (lane, row) if row is not None else None

    def _update_buttons(self) -> None:
        found = self._selected_row()
        if found is None:
            self.selection_label.set_full_text(tr("Pick a job to override its rank."))
            self.override_bar.enable_for(None)
            return
        lane, row = found
        ranked = lane.model.ranked_at(row)
        job = lane.model.job_at(row)
        what = job.work_order if job else ranked.op_id
        self.selection_label.set_full_text(
            tr("{job} in {work_center}: {status}").format(
                job=what, work_center=lane.code, status=ROW_STATUS[ranked.status].label.lower()
            )
        )
        self.override_bar.enable_for(ranked, others=lane.model.rowCount() > 1)

    def open_override(self, action: OverrideAction) -> OverrideDialog | None:
        """Open the override dialog for the selected job (tests call this like a click)."""
        found = self._selected_row()
        if found is None:
            return None
        lane, row = found
        ranked = lane.model.ranked_at(row)
        job = lane.model.job_at(row)
        if job is not None:
            job_text = tr("{work_order} (op {seq})").format(work_order=job.work_order, seq=job.seq)
        else:
            job_text = ranked.op_id
        targets = None
        if action in (OverrideAction.BEFORE, OverrideAction.AFTER):
            targets = list(self._targets(lane, ranked.op_id, action))
        current = None
        if ranked.override is not None:
            current = override_text(ranked)
        dialog = OverrideDialog(
            action, ranked.op_id, job_text, lane.code, targets=targets, current=current, parent=self
        )
        dialog.sig_submitted.connect(self._on_override_dialog_submitted)
        dialog.finished.connect(self._on_override_dialog_finished)
        self.override_dialog = dialog
        dialog.open()
        return dialog

    def _targets(
        self, lane: LaneColumn, op_id: str, action: OverrideAction
    ) -> Iterable[tuple[str, str]]:
        model = lane.model
        for row in range(model.rowCount()):
            ranked = model.ranked_at(row)
            if ranked.op_id == op_id:
                continue
            if action is OverrideAction.BEFORE and ranked.status is RowStatus.RUNNING:
                continue  # nothing goes before the job on the machine
            job = model.job_at(row)
            name = job.work_order if job else ranked.op_id
            yield (
                ranked.op_id,
                tr("{rank}.  {job}  ·  {status}").format(
                    rank=ranked.rank, job=name, status=ROW_STATUS[ranked.status].label
                ),
            )

    def _on_override_dialog_submitted(self, request: OverrideRequest) -> None:
        dialog = self.override_dialog
        if dialog is None:
            return
        if self.operator is None:
            dialog.show_error(tr("Log in to change the board."))
            return

        def done() -> None:
            if self.override_dialog is dialog:
                dialog.accept()
            self.say(
                lambda: tr("{action}: {reason}").format(
                    action=action_text(request.action),
                    reason=request.reason,
                )
            )

        def failed(message: str) -> None:
            if self.override_dialog is dialog:
                dialog.show_error(message)
            else:
                self.show_message(message, error=True)

        kind = request.action.kind
        if kind is None:
            self.controller.clear_override(
                self.operator.id, request.op_id, request.reason, on_done=done, on_error=failed
            )
        else:
            self.controller.override(
                self.operator.id,
                request.op_id,
                kind,
                request.reason,
                target_op_id=request.target_op_id,
                on_done=done,
                on_error=failed,
            )

    def _on_override_dialog_finished(self, _result: int) -> None:
        if self.override_dialog is not None:
            self.override_dialog.deleteLater()
        self.override_dialog = None

    def _on_area_combo_changed(self, index: int) -> None:
        code = self.area_combo.itemData(index)
        if code:
            self.set_area(code)

    def _statuses(self) -> frozenset[RowStatus] | None:
        return FILTERS.get(self.filter_combo.currentData())

    def _on_filter_combo_changed(self, _index: int) -> None:
        statuses = self._statuses()
        for lane in self.lanes.values():
            lane.proxy.set_statuses(statuses)
            lane.update_count()
        self._update_buttons()
