"""The machine diagnostics screen (issue 14): every work center's machine state and open
downtime, every source, edge node and device with what the host counted, the payloads it
quarantined and why; read from the server off the GUI thread, and said plainly when this
terminal follows no server, when the server reads no machines, or when it cannot be
reached. For supervisors, managers and admins."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.clock import FixedClock, SystemClock
from app.machines.state import MachineStatus, OpenDowntime
from app.model.types import MachineState
from app.store import Store
from sync.client.credentials import enroll
from sync.client.transport import Offline, Transport
from sync.machines.diagnostics import (
    DeviceDiagnostics,
    HostStatus,
    NodeDiagnostics,
    QuarantinedPayload,
    SourceDiagnostics,
)
from sync.server import terminals
from sync.server.app import create_app, prepare
from sync.server.runner import ServerThread
from tests.conftest import NOW
from tests.postings import copy_of
from ui.background import Background
from ui.machines.machines_view import MachinesView
from ui.machines.status_model import Level, SourceColumn, WorkCenterColumn
from ui.machines.status_reader import MachineStatusReader, StatusSource, Why
from ui.main_window import MainWindow
from ui.tour import OPERATOR_BADGE, SUPERVISOR_BADGE, log_in, wait_until

TIMEOUT = 10_000


def host_status() -> HostStatus:
    """One Sparkplug source, one edge node with a press (one payload quarantined) and a
    JSON source whose broker is gone; two work centers, one of them down."""
    refused = QuarantinedPayload(
        at=NOW - timedelta(minutes=3),
        topic="spBv1.0/G/DDATA/cell-1/press",
        reason="DDATA before DBIRTH",
        size=40,
        head="08",
    )
    press = DeviceDiagnostics(
        device="G/cell-1/press",
        online=True,
        last_birth=NOW - timedelta(hours=1),
        last_death=None,
        messages=120,
        quarantined_total=1,
        quarantined=(refused,),
    )
    node = NodeDiagnostics(
        node="G/cell-1",
        online=True,
        bd_seq=4,
        last_birth=NOW - timedelta(hours=1),
        last_death=None,
        messages=130,
        quarantined_total=0,
        quarantined=(),
        seq_gaps=3,
        rebirths_requested=2,
        stale_deaths_ignored=1,
        devices=(press,),
    )
    return HostStatus(
        work_centers=[
            MachineStatus(
                work_center="WC-001",
                state=MachineState.DOWN,
                since=NOW - timedelta(minutes=12),
                detail="",
                open_downtime=OpenDowntime("WC-001", NOW - timedelta(minutes=12), "E12", None),
                fault_code="E12",
                counter=512,
                cycle_seconds=30.0,
                micro_stops=3,
                micro_stop_time=timedelta(seconds=130),
                ignored_readings=0,
            ),
            MachineStatus(
                work_center="WC-002",
                state=MachineState.SIGNAL_LOST,
                since=NOW - timedelta(minutes=1),
                detail="NDEATH bdSeq 7",
                open_downtime=None,
                fault_code=None,
                counter=None,
                cycle_seconds=None,
                micro_stops=0,
                micro_stop_time=timedelta(0),
                ignored_readings=2,
            ),
        ],
        sources=[
            SourceDiagnostics(
                source="line-spb",
                broker="127.0.0.1:1883",
                host_id="takt",
                connected=True,
                since=NOW - timedelta(hours=1),
                connection_losses=0,
                messages=130,
                quarantined_total=0,
                quarantined=(),
                nodes=(node,),
                json_devices=(),
            ),
            SourceDiagnostics(
                source="press-json",
                broker="10.0.0.9:1883",
                host_id=None,
                connected=False,
                since=NOW - timedelta(minutes=2),
                connection_losses=4,
                messages=0,
                quarantined_total=0,
                quarantined=(),
                nodes=(),
                json_devices=(),
            ),
        ],
        recorded={"state_changed": 5, "downtime_opened": 1},
        unusable=2,
        unrouted=1,
    )


@pytest.fixture
def screen(
    qtbot, background: Background
) -> Iterator[Callable[[StatusSource | None], MachinesView]]:
    readers: list[MachineStatusReader] = []

    def make(source: StatusSource | None) -> MachinesView:
        reader = MachineStatusReader(background, source, clock=FixedClock(NOW), interval_ms=50)
        readers.append(reader)
        view = MachinesView(reader)
        qtbot.addWidget(view)
        view.resize(1280, 700)
        return view

    yield make
    for reader in readers:
        reader.close()
    background.wait()


def shown(qtbot, view: MachinesView) -> None:
    """Put the screen on screen and wait for its first read."""
    with qtbot.waitSignal(view.sig_refreshed, timeout=TIMEOUT):
        view.show()


def cell(model, row: int, column: int) -> str:
    return model.index(row, column).data()


def test_the_screen_shows_every_work_center_source_node_and_device(
    qtbot, qtmodeltester, screen
) -> None:
    view = screen(host_status)
    qtmodeltester.check(view.work_centers)
    qtmodeltester.check(view.sources)
    shown(qtbot, view)
    assert view.reader.started  # reads again every few seconds while shown
    assert view.work_center_table.isVisible()
    assert not view.notice.isVisible()
    assert view.state.text().startswith("Read from the server at")

    wcs = view.work_centers
    assert wcs.rowCount() == 2
    assert cell(wcs, 0, WorkCenterColumn.WORK_CENTER) == "WC-001"
    assert cell(wcs, 0, WorkCenterColumn.STATE) == "DOWN"
    assert cell(wcs, 0, WorkCenterColumn.SINCE) == "07:48:00"
    assert cell(wcs, 0, WorkCenterColumn.MICRO_STOPS) == "3 (2 min)"
    assert cell(wcs, 0, WorkCenterColumn.COUNTER) == "512"
    downtime = cell(wcs, 0, WorkCenterColumn.DOWNTIME)
    assert downtime == "since 07:48:00 · fault E12 · no reason given"
    assert cell(wcs, 1, WorkCenterColumn.STATE) == "SIGNAL LOST"
    assert cell(wcs, 1, WorkCenterColumn.DOWNTIME) == "—"
    assert cell(wcs, 1, WorkCenterColumn.COUNTER) == "—"

    sources = view.sources
    rows = [sources.row_at(r) for r in range(sources.rowCount())]
    assert [(r.level, r.name) for r in rows] == [
        (Level.SOURCE, "line-spb"),
        (Level.NODE, "G/cell-1"),
        (Level.DEVICE, "G/cell-1/press"),
        (Level.SOURCE, "press-json"),
    ]
    assert cell(sources, 0, SourceColumn.CONNECTION) == "connected"
    assert cell(sources, 0, SourceColumn.QUARANTINED) == "1"  # its node's device's
    assert cell(sources, 1, SourceColumn.SEQ_GAPS) == "3"
    assert cell(sources, 1, SourceColumn.REBIRTHS) == "2"
    assert cell(sources, 1, SourceColumn.LAST_BIRTH) == "07:00:00"
    assert cell(sources, 2, SourceColumn.NAME).strip() == "press"
    assert cell(sources, 2, SourceColumn.CONNECTION) == "online"
    assert cell(sources, 2, SourceColumn.MESSAGES) == "120"
    assert cell(sources, 3, SourceColumn.CONNECTION) == "NOT CONNECTED"

    # The detail pane: what the table has no room for, and why a payload was refused.
    assert "Pick a source" in view.detail.text()
    view.select(("line-spb", "G/cell-1", "G/cell-1/press"))
    assert "Device G/cell-1/press" in view.detail.text()
    assert "spBv1.0/G/DDATA/cell-1/press: DDATA before DBIRTH (40 bytes)" in view.detail.text()
    view.select(("line-spb", "G/cell-1"))
    assert "3 seq gaps, 2 rebirths requested, 1 stale deaths ignored" in view.detail.text()
    view.select(("press-json",))
    assert "4 connection losses" in view.detail.text()
    assert "6 events; 2 readings unusable, 1 readings of no work center" in view.summary.text()

    # The next read keeps the pick.
    with qtbot.waitSignal(view.sig_refreshed, timeout=TIMEOUT):
        view.reader.refresh()
    assert view.selected() is not None
    assert view.selected().key == ("press-json",)
    view.hide()
    assert not view.reader.started  # off screen: reads nothing


def test_an_unreachable_server_keeps_what_was_read_and_says_so(qtbot, screen) -> None:
    answers: list[object] = [host_status(), Offline("no answer from http://server")]

    def source() -> HostStatus:
        answer = answers.pop(0) if len(answers) > 1 else answers[0]
        if isinstance(answer, Exception):
            raise answer
        assert isinstance(answer, HostStatus)
        return answer

    view = screen(source)
    shown(qtbot, view)
    with qtbot.waitSignal(view.sig_refreshed, timeout=TIMEOUT):
        view.reader.refresh()
    assert view.unavailable is not None
    assert view.unavailable.why is Why.UNREACHABLE
    assert view.state.text().startswith("The server cannot be reached; shown: what was read at")
    assert view.state.property("error")
    assert view.work_centers.rowCount() == 2  # what was read stays
    assert view.work_center_table.isVisible()


def test_a_terminal_without_a_server_says_it_has_no_diagnostics(qtbot, screen) -> None:
    view = screen(None)
    shown(qtbot, view)
    assert view.unavailable is not None
    assert view.unavailable.why is Why.NO_SERVER
    assert view.notice.isVisible()
    assert "follows no Takt server" in view.notice.text()
    assert not view.work_center_table.isVisible()


@pytest.fixture
def server_transport(plant_template: Path, tmp_path: Path) -> Iterator[Transport]:
    """A real server that reads no machines, and a terminal enrolled with it."""
    store: Store = copy_of(plant_template, tmp_path, SystemClock())
    prepare(store)
    server = ServerThread(create_app(store, deadline_interval_s=None), port=0).start()
    transport = Transport(server.url)
    try:
        code = terminals.add(store, datetime.now(UTC), "kiosk").code
        enroll(transport, str(uuid.uuid4()), "kiosk", code).use(transport)
        yield transport
    finally:
        transport.close()
        server.stop()
        store.close()


def test_a_server_that_reads_no_machines_says_so(
    qtbot, screen, server_transport: Transport
) -> None:
    view = screen(server_transport.machine_status)
    shown(qtbot, view)
    assert view.unavailable is not None
    assert view.unavailable.why is Why.NO_MACHINES
    assert "records no machine signals" in view.unavailable.said  # the server's words
    assert view.state.text() == "The server reads no machine signals."
    assert view.notice.isVisible()
    assert "takt server --machines FILE" in view.notice.text()
    assert not view.work_center_table.isVisible()
    assert not view.source_table.isVisible()


def test_supervisors_reach_the_screen_operators_do_not(qtbot, window: MainWindow) -> None:
    log_in(window, OPERATOR_BADGE)
    assert not window.nav_machines.isVisible()
    window.show_machines()
    assert window.current is not window.machines_view
    window.nav_logout.click()
    wait_until(lambda: window.operator is None)

    log_in(window, SUPERVISOR_BADGE)
    assert window.nav_machines.isVisible()
    with qtbot.waitSignal(window.machines_view.sig_refreshed, timeout=TIMEOUT):
        window.nav_machines.click()
    assert window.current is window.machines_view
    assert window.machine_status.started
    # This window follows no server: the screen says where the diagnostics come from.
    assert "follows no Takt server" in window.machines_view.notice.text()
    window.show_board()
    assert not window.machine_status.started
