"""A machine that stopped by itself, at its work center's kiosk (issue 14): the operator is
asked why (the downtime reason tree as touch buttons), may put it off ("Later": the stop
stays on the lane's card, "no reason given"), and the answer is recorded on the downtime
exception; a stop of another work center asks nothing; a refused answer says why; the
running job's card says what the machine counted."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from app.clock import FixedClock
from app.machines.decisions import DowntimeClosed, DowntimeOpened, PartsMade, StateChanged
from app.model import ShopException
from app.model.types import MachineState
from app.services.machines import MachineService, downtime_exception_id, downtime_key
from app.store import Store
from tests.conftest import NOW
from ui.machines.reason_prompt import StopReasonDialog
from ui.main_window import MainWindow
from ui.tour import OPERATOR_BADGE, QUALITY_BADGE, log_in, wait_until

SOURCE = "line-mqtt"
STOPPED = NOW - timedelta(minutes=10)
REASON = "tooling/broken"


@pytest.fixture
def kiosk_work_center() -> str:
    return "LAT-01"


def stop(store: Store, clock: FixedClock, work_center: str, since: datetime = STOPPED) -> str:
    """The machine of `work_center` stops at `since` (past the threshold): a downtime
    without a reason. Returns its exception's id."""
    MachineService(store, clock).record(
        SOURCE,
        [
            StateChanged(work_center, since, MachineState.DOWN, MachineState.RUNNING, timedelta(0)),
            DowntimeOpened(work_center, since + timedelta(seconds=60), since, "E-217", None),
        ],
    )
    return downtime_exception_id(downtime_key(work_center, since))


def run_again(
    store: Store, clock: FixedClock, work_center: str, at: datetime, since: datetime = STOPPED
) -> None:
    """The machine that stopped at `since` runs again at `at`: its downtime ends."""
    MachineService(store, clock).record(
        SOURCE,
        [
            DowntimeClosed(
                work_center, at, since, at - since, "E-217", None, at + timedelta(days=1)
            ),
            StateChanged(work_center, at, MachineState.RUNNING, MachineState.DOWN, at - since),
        ],
    )


def details(store: Store, exception_id: str) -> dict:
    with store.read() as session:
        exc = session.get(ShopException, exception_id)
        assert exc is not None
        return dict(exc.details)


def prompted(window: MainWindow) -> StopReasonDialog:
    prompt = window.machine_stops
    wait_until(lambda: prompt.dialog is not None and prompt.dialog.isVisible())
    assert prompt.dialog is not None
    return prompt.dialog


def read_once_more(qtbot, window: MainWindow) -> None:
    """Let the kiosk read its machine's stops again, and wait until it has."""
    with qtbot.waitSignal(window.machine_stops.sig_read, timeout=10_000):
        window.machine_stops.refresh()


def answer(dialog: StopReasonDialog, code: str = REASON) -> None:
    dialog.category_buttons[code.partition("/")[0]].click()
    dialog.reason_buttons[code].click()
    assert dialog.give.isEnabled()
    dialog.give.click()


def test_the_kiosk_of_the_stopped_machine_asks_and_no_other(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    stop(demo_store, clock, "MIL-02")
    log_in(window, OPERATOR_BADGE)
    prompt = window.machine_stops
    read_once_more(qtbot, window)
    assert window.kiosk_view.work_center == "LAT-01"
    assert prompt.dialog is None  # MIL-02's stop is not LAT-01's kiosk's question
    assert not prompt.banner.isVisible()

    window.kiosk_view.set_work_center("MIL-02")  # this kiosk now serves the stopped machine
    dialog = prompted(window)
    assert dialog.heading.text() == "Why did MIL-02 stop?"
    assert "MIL-02 stopped at" in dialog.facts.text()
    assert "fault E-217" in dialog.facts.text()
    assert set(dialog.category_buttons) >= {"mechanical", "electrical", "tooling"}
    assert not dialog.give.isEnabled()  # a reason first
    # The same tree as the machine-down capture form: category, then its reasons.
    dialog.category_buttons["tooling"].click()
    assert set(dialog.reason_buttons) == {
        "tooling/broken",
        "tooling/worn",
        "tooling/missing",
        "tooling/fixture",
    }
    assert prompt.banner.isVisible()
    assert prompt.banner.missing.text() == "no reason given"


def test_an_answer_is_recorded_and_the_prompt_goes_away(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    exception_id = stop(demo_store, clock, "LAT-01")
    log_in(window, OPERATOR_BADGE)
    dialog = prompted(window)
    prompt = window.machine_stops
    with qtbot.waitSignal(prompt.sig_answered, timeout=10_000) as answered:
        answer(dialog)
    assert answered.args == [exception_id]
    recorded = details(demo_store, exception_id)
    assert recorded["reason_code"] == REASON
    assert recorded["reason_by"] == "1001"
    wait_until(lambda: prompt.dialog is None and not prompt.banner.isVisible())
    assert not prompt.stops
    assert "Broken tool" in window.kiosk_view.message.text()
    read_once_more(qtbot, window)
    assert prompt.dialog is None  # answered: nothing left to ask


def test_later_keeps_the_stop_on_the_card_until_someone_answers(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    exception_id = stop(demo_store, clock, "LAT-01")
    log_in(window, OPERATOR_BADGE)
    dialog = prompted(window)
    prompt = window.machine_stops
    dialog.later.click()
    wait_until(lambda: prompt.dialog is None)
    read_once_more(qtbot, window)
    assert prompt.dialog is None  # put off: not asked again at once
    assert prompt.banner.isVisible()
    assert "LAT-01 stopped at" in prompt.banner.text.full_text()
    assert prompt.banner.missing.text() == "no reason given"
    assert "reason_code" not in details(demo_store, exception_id)

    # The machine runs again; the stop still waits for its reason, within a day.
    run_again(demo_store, clock, "LAT-01", NOW - timedelta(minutes=2))
    wait_until(lambda: any(s.ran_again_at is not None for s in prompt.stops))
    assert "LAT-01 stopped from" in prompt.banner.text.full_text()
    assert prompt.dialog is None

    # "Give reason" on the card asks again.
    prompt.banner.answer_button.click()
    dialog = prompted(window)
    assert "The reason can be given until" in dialog.facts.text()
    with qtbot.waitSignal(prompt.sig_answered, timeout=10_000):
        answer(dialog, "mechanical/bearing")
    assert details(demo_store, exception_id)["reason_code"] == "mechanical/bearing"
    wait_until(lambda: not prompt.banner.isVisible())

    # A stop that ended more than a day ago asks nothing: its reason can no longer be given.
    long_ago = NOW - timedelta(days=3)
    old = stop(demo_store, clock, "LAT-01", since=long_ago)
    run_again(demo_store, clock, "LAT-01", long_ago + timedelta(minutes=30), since=long_ago)
    read_once_more(qtbot, window)
    assert prompt.dialog is None
    assert not prompt.banner.isVisible()
    assert "reason_code" not in details(demo_store, old)


def test_the_next_person_is_asked_anew(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    stop(demo_store, clock, "LAT-01")
    log_in(window, OPERATOR_BADGE)
    prompted(window).later.click()
    wait_until(lambda: window.machine_stops.dialog is None)
    window.nav_logout.click()
    wait_until(lambda: window.operator is None)
    log_in(window, OPERATOR_BADGE)
    prompted(window).later.click()


def test_a_refused_answer_says_why_and_keeps_the_prompt(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    exception_id = stop(demo_store, clock, "LAT-01")
    run_again(demo_store, clock, "LAT-01", NOW - timedelta(minutes=5))
    log_in(window, OPERATOR_BADGE)
    dialog = prompted(window)
    prompt = window.machine_stops
    # The prompt stayed open past the day the reason may be given in.
    clock.set(NOW + timedelta(days=1))
    with qtbot.waitSignal(window.exceptions.sig_command_failed, timeout=10_000):
        answer(dialog)
    assert "could be given until" in dialog.error.text()
    assert prompt.dialog is dialog
    assert dialog.isVisible()
    assert dialog.reason_code() == REASON  # the picks stay
    assert "reason_code" not in details(demo_store, exception_id)


def test_someone_who_may_not_answer_is_not_asked_and_is_refused(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    stop(demo_store, clock, "LAT-01")
    log_in(window, QUALITY_BADGE)
    prompt = window.machine_stops
    read_once_more(qtbot, window)
    assert prompt.dialog is None  # quality gives no machine's reason
    assert prompt.banner.isVisible()
    prompt.banner.answer_button.click()  # tried anyway
    dialog = prompted(window)
    with qtbot.waitSignal(window.exceptions.sig_command_failed, timeout=10_000):
        answer(dialog)
    assert dialog.error.text()
    assert prompt.dialog is dialog


def test_the_running_card_says_what_the_machine_counted(
    qtbot, window: MainWindow, demo_store: Store, clock: FixedClock
) -> None:
    log_in(window, OPERATOR_BADGE)
    panel = window.kiosk_view.running_panel
    running = window.controller.running_job("LAT-01")
    assert running is not None
    read_once_more(qtbot, window)
    assert not panel.machine_count.isVisible()  # counted nothing: says nothing
    confirmed = panel.progress.text()
    MachineService(demo_store, clock).record(
        SOURCE, [PartsMade("LAT-01", NOW, 37, 1037, False, False, 42.0)]
    )
    wait_until(lambda: panel.machine_count.isVisible())
    assert panel.machine_count.text() == "machine counted 37"
    assert panel.progress.text() == confirmed  # people still confirm
    # Another work center's running job was not counted for this one.
    window.kiosk_view.set_work_center("MIL-01")
    read_once_more(qtbot, window)
    assert not panel.machine_count.isVisible()
