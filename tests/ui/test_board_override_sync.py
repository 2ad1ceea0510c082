"""An override travels: set on one terminal's board, its reason shows on another's.

Two terminal windows follow one real server on 127.0.0.1. A machine is down, so its whole
lane is blocked; a supervisor on the first terminal moves a blocked job before another,
with a reason. The override is accepted (the dialog closes), the first terminal pushes it,
and the second terminal's board and kiosk lane, which only the sync may tell, show the
reason on that job's row beside why it is blocked.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.model import EventRecord
from app.model.types import ExceptionKind
from app.priority.model import OverrideKind, RowStatus
from app.services.exceptions import NewException
from tests.sync.conftest import (  # noqa: F401 - fixtures: a server over a small seeded plant
    memory_keyring,
    plant,
    server_template,
)
from tests.sync.plant import Plant
from tests.ui.test_sync_ui import (  # noqa: F401 - fixture: terminal windows on that server
    LOAD_TIMEOUT,
    SYNC_TIMEOUT,
    OpenWindow,
    open_window,
)
from ui.board.lane_model import Column, LaneModel
from ui.board.override_dialog import OverrideAction
from ui.main_window import MainWindow

OPERATOR, SUPERVISOR = "901", "902"
WC = "WC-003"  # the small plant's lane with ready jobs, and several of them
REASON = "the customer collects these parts first"


def _reason(model: LaneModel, op_id: str) -> str:
    row = model.row_of(op_id)
    return "" if row is None else str(model.index(row, Column.REASON).data())


def _board_model(win: MainWindow) -> LaneModel:
    return win.board_view.lane(WC).model


def test_an_override_on_a_blocked_job_shows_its_reason_on_the_other_terminal(
    qtbot,
    open_window: OpenWindow,  # noqa: F811
    plant: Plant,  # noqa: F811
) -> None:
    a = plant.terminal("desk-a")
    b = plant.terminal("desk-b")
    # The machine of WC-003 is down: every job of its lane is blocked, on both terminals.
    a.exceptions.raise_exception(
        OPERATOR,
        NewException(
            kind=ExceptionKind.MACHINE_DOWNTIME,
            summary="Spindle alarm",
            work_center=WC,
            details={"reason_code": "mechanical/bearing"},
        ),
    )
    a.engine.sync_once()
    b.engine.sync_once()

    here, _ = open_window("desk-a", "SYN-902", terminal=a)  # supervisors: the board
    there, _ = open_window("desk-b", "SYN-902", terminal=b)
    there.kiosk_view.set_work_center(WC)  # its kiosk lane too
    for win in (here, there):
        qtbot.waitUntil(lambda w=win: WC in w.board_view.lanes, timeout=LOAD_TIMEOUT)
        qtbot.waitUntil(
            lambda w=win: (
                _board_model(w).rowCount() > 2
                and all(
                    r.status is RowStatus.BLOCKED_MACHINE for r in _board_model(w).ranked_rows()
                )
            ),
            timeout=LOAD_TIMEOUT,
        )
    rows = _board_model(here).ranked_rows()
    mover, target = rows[-1].op_id, rows[0].op_id
    assert _reason(_board_model(there), mover).startswith("blocked: machine down")
    assert REASON not in _reason(_board_model(there), mover)
    assert REASON not in _reason(there.kiosk_view.model, mover)

    # On the first terminal: move the last blocked job before the first, with a reason.
    board = here.board_view
    assert board.select(WC, mover)
    dialog = board.open_override(OverrideAction.BEFORE)
    assert dialog is not None
    assert dialog.target is not None
    dialog.target.setCurrentIndex(dialog.target.findData(target))
    qtbot.keyClicks(dialog.reason, REASON)
    with qtbot.waitSignal(here.controller.sig_command_done, timeout=LOAD_TIMEOUT):
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: board.override_dialog is None, timeout=LOAD_TIMEOUT)  # accepted
    assert REASON in _reason(_board_model(here), mover)

    # On the other terminal, only the sync brings it: the row says why it is blocked and
    # who moved it, with the reason.
    qtbot.waitUntil(lambda: REASON in _reason(_board_model(there), mover), timeout=SYNC_TIMEOUT)
    model = _board_model(there)
    row = model.row_of(mover)
    assert row is not None
    ranked = model.ranked_at(row)
    assert ranked.status is RowStatus.BLOCKED_MACHINE  # still blocked, and still says so
    assert ranked.override is not None
    assert (ranked.override.kind, ranked.override.reason) == (OverrideKind.BEFORE, REASON)
    shown = _reason(model, mover)
    assert shown.startswith("blocked: machine down")
    assert shown.endswith(f"moved before {target} by {ranked.override.by}: {REASON}")
    assert REASON in str(model.index(row, Column.REASON).data(Qt.ItemDataRole.ToolTipRole))
    order = [r.op_id for r in model.ranked_rows()]
    assert order.index(mover) == order.index(target) - 1  # and it moved there too
    qtbot.waitUntil(lambda: REASON in _reason(there.kiosk_view.model, mover), timeout=SYNC_TIMEOUT)

    # The server took the override as a fact of the record.
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        outcomes = session.scalars(
            select(EventRecord.outcome).where(EventRecord.kind == "priority.override_set")
        ).all()
    assert outcomes == ["applied"]
