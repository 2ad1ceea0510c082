"""A walk through every screen and dialog of a terminal window, as people would open them.

`tour(window)` logs the demo operator in, opens the kiosk lane and each of its forms, then
the supervisor's board, its forms and the other screens, then a machine's stop (the
kiosk's question why, and the card of a stop put off) and the machine diagnostics,
yielding a `Stop` at each: its name and the top-level widget on screen (the window, or
the dialog over it). The geometry
test (tests/ui/test_fit.py) checks every stop; `python -m ui.screenshots DIR` saves each as
a PNG. Each stop closes its dialog before the next one opens.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from app.machines.decisions import DowntimeClosed, DowntimeOpened, PartsMade, StateChanged
from app.machines.state import MachineStatus, OpenDowntime
from app.model.types import ExceptionKind, MachineState, Severity
from app.services.exceptions import NewException
from sync.client.transport import Refused
from sync.machines.diagnostics import (
    DeviceDiagnostics,
    HostStatus,
    NodeDiagnostics,
    QuarantinedPayload,
    SourceDiagnostics,
)
from ui.board.kiosk_exceptions import EXCEPTION_BUTTONS
from ui.board.override_dialog import OverrideAction
from ui.board.supervisor_bars import BOARD_EXCEPTION_BUTTONS
from ui.exceptions.capture import CaptureDialog
from ui.i18n import tr
from ui.main_window import MainWindow
from ui.metrics.metrics_data import ChartKind, PeriodChoice

OPERATOR_BADGE = "RVS-1001"
SUPERVISOR_BADGE = "RVS-2001"
QUALITY_BADGE = "RVS-3001"  # owns the demo's quality hold
TIMEOUT_S = 30.0
MACHINE_SOURCE = "line-mqtt"
# Each walk stops the machine at another moment: a stop is a fact kept once, and the
# screenshots walk one database in every language.
_walks = itertools.count()


def long_message() -> str:
    """A feedback message long enough to wrap, in the language on screen."""
    return tr(
        "Machine down raised; its owner has been told. Maintenance is on its way, the lane is "
        "blocked until the machine runs again, and the next job moves up."
    )


@dataclass(frozen=True)
class Stop:
    name: str  # "kiosk-lane", "capture-machine-down-reasons", ...
    widget: QWidget  # the window, or the dialog open over it
    window: MainWindow


def wait_until(condition: Callable[[], object], timeout_s: float = TIMEOUT_S) -> None:
    """Run the event loop until `condition()` holds (the database lane answers in a while)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the screen did not get there in time")
        QTest.qWait(20)


def settle() -> None:
    """Let layouts and style changes land before a stop is looked at."""
    for _ in range(3):
        QApplication.processEvents()
        QTest.qWait(10)


def log_in(window: MainWindow, badge: str) -> None:
    shown: list[bool] = []
    window.sig_home_shown.connect(lambda: shown.append(True))
    window.login_view.badge.setText(badge)
    window.login_view.badge.returnPressed.emit()
    wait_until(lambda: shown)


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-").replace("--", "-")


def _dialog_stop(window: MainWindow, name: str, dialog: QDialog | None) -> Iterator[Stop]:
    if dialog is None:
        return
    wait_until(dialog.isVisible)
    settle()
    yield Stop(name, dialog, window)
    dialog.reject()
    settle()


def _capture_stops(
    window: MainWindow, prefix: str, kinds: list[tuple[ExceptionKind, str]], open_one: Callable
) -> Iterator[Stop]:
    launcher = window.capture if prefix == "capture" else window.board_capture
    for kind, text in kinds:
        open_one(kind)
        wait_until(lambda: launcher.dialog is not None and launcher.dialog.isVisible())
        dialog = launcher.dialog
        assert isinstance(dialog, CaptureDialog)
        settle()
        yield Stop(f"{prefix}-{_slug(text)}", dialog, window)
        if kind is ExceptionKind.MACHINE_DOWNTIME:
            first = next(iter(dialog.category_buttons.values()))
            first.click()
            reason = next(iter(dialog.reason_buttons.values()))
            reason.click()
            settle()
            yield Stop(f"{prefix}-{_slug(text)}-reasons", dialog, window)
        dialog.reject()
        wait_until(lambda: launcher.dialog is None)
        settle()


def operator_stops(window: MainWindow) -> Iterator[Stop]:
    """The kiosk lane and what an operator opens from it."""
    kiosk = window.kiosk_view
    log_in(window, OPERATOR_BADGE)
    settle()
    yield Stop("kiosk-lane", window, window)
    kiosk.show_message(long_message())
    settle()
    yield Stop("kiosk-lane-message", window, window)
    kiosk.show_message("")
    yield from _capture_stops(
        window,
        "capture",
        list(EXCEPTION_BUTTONS),
        lambda kind: kiosk.exception_bar.buttons[kind].click(),
    )
    if kiosk.running_panel.confirm_button.isEnabled():
        kiosk.running_panel.confirm_button.click()
        yield from _dialog_stop(window, "confirm", kiosk.confirm_dialog)
        kiosk.running_panel.issue_button.click()
        wait_until(lambda: kiosk.issue_dialog is not None)
        yield from _dialog_stop(window, "issue-material", kiosk.issue_dialog)
    window.show_inbox()
    wait_until(lambda: not window.inbox_view._refreshing)
    settle()
    yield Stop("inbox-operator", window, window)
    window.show_plant()
    settle()
    yield Stop("plant", window, window)
    window.nav_logout.click()
    settle()


def supervisor_stops(window: MainWindow) -> Iterator[Stop]:
    """The supervisor board, its forms, and the other screens."""
    board = window.board_view
    log_in(window, SUPERVISOR_BADGE)
    settle()
    yield Stop("supervisor-board", window, window)
    lane = next(iter(board.lanes.values()), None)
    if lane is not None and lane.model.rowCount() > 1:
        op_id = lane.model.op_id_at(lane.model.rowCount() - 1)
        board.select(lane.code, op_id)
        settle()
        yield Stop("supervisor-board-selected", window, window)
        for action in (OverrideAction.PIN, OverrideAction.BEFORE):
            yield from _dialog_stop(
                window, f"override-{action.name.lower()}", board.open_override(action)
            )
    requests = [*BOARD_EXCEPTION_BUTTONS, (ExceptionKind.OTHER, "Call / message")]

    def open_board(kind: ExceptionKind) -> None:
        button = board.raise_bar.exception_buttons[kind]
        if opened.get(kind):
            button = board.raise_bar.log_call_button
        opened[kind] = True
        button.click()

    opened: dict[ExceptionKind, bool] = {}
    yield from _capture_stops(window, "board-capture", requests, open_board)
    window.show_inbox()
    inbox = window.inbox_view
    wait_until(lambda: not inbox._refreshing)
    settle()
    yield Stop("inbox-supervisor", window, window)
    window.show_postings()
    settle()
    yield Stop("postings", window, window)
    window.show_settings()
    settle()
    yield Stop("settings", window, window)
    yield from metrics_stops(window)
    yield from handover_stops(window)
    yield from messages_stops(window)
    window.nav_logout.click()
    settle()


def quality_stops(window: MainWindow) -> Iterator[Stop]:
    """The inbox of the person who owns the demo's quality hold: its command dialogs (the
    resolve form with root causes and dispositions) and the exception's detail."""
    log_in(window, QUALITY_BADGE)
    operator = window.operator
    assert operator is not None
    lane = window.kiosk_view.model
    wait_until(lambda: lane.rowCount() > 0)
    # The demo holds no exception yet: this one is what quality finds in its inbox.
    window.exceptions.service.raise_exception(
        operator.id,
        NewException(
            kind=ExceptionKind.QUALITY_HOLD,
            summary="Burrs on the bore edge, parts held for inspection",
            severity=Severity.HIGH,
            operation_id=lane.op_id_at(0),
        ),
    )
    window.show_inbox()
    inbox = window.inbox_view
    wait_until(lambda: not inbox._refreshing and inbox.model.rowCount() > 0)
    settle()
    yield Stop("inbox-quality", window, window)
    if inbox.model.rowCount():
        inbox.table.selectRow(0)
        settle()
        for name, open_dialog in (
            ("waiting", inbox.open_waiting),
            ("reassign", inbox.open_reassign),
            ("resolve", inbox.open_resolve),
            ("reopen", inbox.open_reopen),
        ):
            yield from _dialog_stop(window, f"command-{name}", open_dialog())
        row = inbox.selected()
        if row is not None:
            window.show_exception(row.id)
            wait_until(lambda: window.detail_view.isVisible())
            QTest.qWait(300)
            settle()
            yield Stop("exception-detail", window, window)
    window.nav_logout.click()
    settle()


def sample_host_status(now: datetime) -> HostStatus:
    """What a server's machine host says of the demo plant's line: one Sparkplug source
    with an edge node of two devices (one of them sent a payload it could not use), a
    JSON source that lost its broker, and the work centers they feed."""
    bad = QuarantinedPayload(
        at=now - timedelta(minutes=4),
        topic="spBv1.0/Line1/DDATA/cell-1/lathe",
        reason="metric alias 17 was never announced in a birth",
        size=46,
        head="0801120b08c0",
    )
    lathe = DeviceDiagnostics(
        device="Line1/cell-1/lathe",
        online=True,
        last_birth=now - timedelta(hours=2),
        last_death=None,
        messages=4210,
        quarantined_total=1,
        quarantined=(bad,),
    )
    mill = DeviceDiagnostics(
        device="Line1/cell-1/mill",
        online=False,
        last_birth=now - timedelta(hours=2),
        last_death=now - timedelta(minutes=12),
        messages=3120,
        quarantined_total=0,
        quarantined=(),
    )
    node = NodeDiagnostics(
        node="Line1/cell-1",
        online=True,
        bd_seq=3,
        last_birth=now - timedelta(hours=2),
        last_death=None,
        messages=7400,
        quarantined_total=0,
        quarantined=(),
        seq_gaps=2,
        rebirths_requested=2,
        stale_deaths_ignored=1,
        devices=(lathe, mill),
    )
    sources = [
        SourceDiagnostics(
            source="line-spb",
            broker="127.0.0.1:1883",
            host_id="takt",
            connected=True,
            since=now - timedelta(hours=2),
            connection_losses=0,
            messages=7400,
            quarantined_total=0,
            quarantined=(),
            nodes=(node,),
            json_devices=(),
        ),
        SourceDiagnostics(
            source="press-json",
            broker="10.0.4.20:1883",
            host_id=None,
            connected=False,
            since=now - timedelta(minutes=3),
            connection_losses=4,
            messages=910,
            quarantined_total=0,
            quarantined=(),
            nodes=(),
            json_devices=(
                DeviceDiagnostics(
                    device="press-1",
                    online=False,
                    last_birth=now - timedelta(minutes=5),
                    last_death=None,
                    messages=910,
                    quarantined_total=0,
                    quarantined=(),
                ),
            ),
        ),
    ]

    def center(
        code: str, state: MachineState | None, minutes: int, **more: object
    ) -> MachineStatus:
        values: dict = {
            "detail": "",
            "open_downtime": None,
            "fault_code": None,
            "counter": 1200 + minutes,
            "cycle_seconds": 42.0,
            "micro_stops": 0,
            "micro_stop_time": timedelta(0),
            "ignored_readings": 0,
        } | more
        since = now - timedelta(minutes=minutes) if state is not None else None
        return MachineStatus(work_center=code, state=state, since=since, **values)

    stopped = now - timedelta(minutes=12)
    work_centers = [
        center(
            "LAT-01",
            MachineState.RUNNING,
            95,
            micro_stops=3,
            micro_stop_time=timedelta(seconds=130),
        ),
        center(
            "MIL-02",
            MachineState.DOWN,
            12,
            fault_code="E-217",
            open_downtime=OpenDowntime("MIL-02", stopped, "E-217", None),
        ),
        center("PRS-01", MachineState.SIGNAL_LOST, 3, detail="broker connection lost"),
        center("WLD-01", MachineState.PLANNED_STOP, 20, detail="break"),
        center("ASM-01", None, 0),
    ]
    return HostStatus(
        work_centers=work_centers,
        sources=sources,
        recorded={"state_changed": 41, "downtime_opened": 2, "parts_made": 380},
        unusable=1,
        unrouted=0,
    )


def _no_machines() -> HostStatus:
    raise Refused("server refused (404): this server records no machine signals")


def machine_stops(window: MainWindow) -> Iterator[Stop]:
    """A machine at the kiosk's work center stops by itself: the kiosk asks why; put off,
    the stop stays on the lane's card ("no reason given"); answered once the machine runs
    again. Then the machine diagnostics a supervisor reads, and a server without machines."""
    prompt = window.machine_stops
    kiosk = window.kiosk_view
    work_center = kiosk.work_center or "LAT-01"
    now = prompt.clock.now()
    walk = next(_walks)
    since = now - timedelta(minutes=6, seconds=walk)
    threshold = since + timedelta(seconds=60)
    running = window.controller.running_job(work_center)
    decisions: list = [
        StateChanged(work_center, since, MachineState.DOWN, MachineState.RUNNING, timedelta(0)),
        DowntimeOpened(work_center, threshold, since, "E-217", None),
    ]
    if running is not None:
        # What the machine counted for the running job: said beside its confirmed quantity.
        decisions.insert(0, PartsMade(work_center, since, 37, 1037 + walk, False, False, 42.0))
    prompt.service.record(MACHINE_SOURCE, decisions)
    log_in(window, OPERATOR_BADGE)
    wait_until(lambda: prompt.dialog is not None and prompt.dialog.isVisible())
    dialog = prompt.dialog
    assert dialog is not None
    settle()
    yield Stop("machine-stop-prompt", dialog, window)
    next(iter(dialog.category_buttons.values())).click()
    settle()
    yield Stop("machine-stop-prompt-reasons", dialog, window)
    dialog.later.click()
    wait_until(lambda: prompt.dialog is None)
    settle()
    yield Stop("kiosk-lane-machine-stopped", window, window)
    # The machine runs again; its reason is given from the card, as a person would.
    ran_again = now - timedelta(minutes=1)
    prompt.service.record(
        MACHINE_SOURCE,
        [
            DowntimeClosed(
                work_center,
                ran_again,
                since,
                ran_again - since,
                "E-217",
                None,
                ran_again + timedelta(days=1),
            ),
            StateChanged(
                work_center, ran_again, MachineState.RUNNING, MachineState.DOWN, ran_again - since
            ),
        ],
    )
    wait_until(lambda: any(s.ran_again_at is not None for s in prompt.stops))
    prompt.banner.answer_button.click()
    wait_until(lambda: prompt.dialog is not None and prompt.dialog.isVisible())
    dialog = prompt.dialog
    assert dialog is not None
    next(iter(dialog.category_buttons.values())).click()
    next(iter(dialog.reason_buttons.values())).click()
    dialog.give.click()
    wait_until(lambda: prompt.dialog is None and not prompt.stops)
    settle()
    window.nav_logout.click()
    settle()
    # The diagnostics: from the server a terminal follows (a sample without one).
    reader = window.machine_status
    followed = reader.source
    if followed is None:
        reader.set_source(lambda: sample_host_status(now))
    log_in(window, SUPERVISOR_BADGE)
    view = window.machines_view
    window.show_machines()
    wait_until(lambda: view.read is not None or view.unavailable is not None)
    if view.sources.rowCount() > 1:
        view.source_table.selectRow(1)
    settle()
    yield Stop("machines", window, window)
    if followed is None:
        reader.set_source(_no_machines)
        reader.refresh()
        wait_until(lambda: view.unavailable is not None)
        settle()
        yield Stop("machines-none", window, window)
        reader.set_source(None)
    window.nav_logout.click()
    settle()


def metrics_stops(window: MainWindow) -> Iterator[Stop]:
    """The Metrics screen of the 30 days, the exceptions of its first bar listed."""
    view = window.metrics_view
    window.show_metrics()
    wait_until(lambda: not view.loading)
    view.set_choice(PeriodChoice.MONTH)
    wait_until(lambda: not view.loading)
    view.charts[ChartKind.KINDS].select_bar(0)
    settle()
    yield Stop("metrics", window, window)


def handover_stops(window: MainWindow) -> Iterator[Stop]:
    """The shift handover of the board's area, as the outgoing lead sees it."""
    window.show_handover()
    wait_until(lambda: window.handover.screen is not None)
    settle()
    yield Stop("handover", window, window)


def messages_stops(window: MainWindow) -> Iterator[Stop]:
    """The messages' drafts, as a lead sees them."""
    view = window.messages_view
    window.show_messages()
    wait_until(lambda: not view._refreshing)
    settle()
    yield Stop("messages", window, window)


def tour(window: MainWindow) -> Iterator[Stop]:
    """Every screen and dialog of `window` (shown, nobody logged in, the plant loaded)."""
    settle()
    yield Stop("login", window, window)
    yield from operator_stops(window)
    yield from supervisor_stops(window)
    yield from quality_stops(window)
    yield from machine_stops(window)
