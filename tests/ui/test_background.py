"""The one background helper: work off the GUI thread, results and errors back on it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from functools import partial

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QThread, QTimer

from app.errors import TaktError
from ui.background import Background

TIMEOUT = 5_000


@pytest.fixture
def background() -> Iterator[Background]:
    background = Background()
    yield background
    background.shutdown()
    QCoreApplication.processEvents()  # deliver what is left while the test's objects live


@pytest.fixture
def owner() -> Iterator[QObject]:
    owner = QObject()
    yield owner
    if shiboken6.isValid(owner):
        shiboken6.delete(owner)


def on_gui_thread() -> bool:
    app = QCoreApplication.instance()
    assert app is not None
    return QThread.currentThread() is app.thread()


def test_a_read_runs_off_the_gui_thread_and_its_result_comes_back_on_it(
    qtbot, background: Background, owner: QObject
) -> None:
    ran_on_gui: list[bool] = []
    came_back: list[tuple[int, bool]] = []

    def query() -> int:
        ran_on_gui.append(on_gui_thread())
        return 42

    background.read(query, lambda n: came_back.append((n, on_gui_thread())), owner=owner)
    assert came_back == []  # never inside the call that asked for it
    qtbot.waitUntil(lambda: bool(came_back), timeout=TIMEOUT)
    assert ran_on_gui == [False]
    assert came_back == [(42, True)]


def test_a_failed_read_is_logged_and_its_error_comes_back_on_the_gui_thread(
    qtbot, background: Background, owner: QObject, caplog
) -> None:
    failures: list[tuple[Exception, bool]] = []

    def query() -> int:
        raise RuntimeError("table gone")

    with caplog.at_level(logging.ERROR, logger="ui.background"):
        background.read(
            query,
            lambda _n: pytest.fail("no result"),
            lambda error: failures.append((error, on_gui_thread())),
            owner=owner,
            what="the widgets",
        )
        qtbot.waitUntil(lambda: bool(failures), timeout=TIMEOUT)
    [(error, gui)] = failures
    assert isinstance(error, RuntimeError)
    assert gui
    [record] = [r for r in caplog.records if r.name == "ui.background"]
    assert record.getMessage() == "reading the widgets failed"
    assert record.exc_info is not None


def test_a_refusal_is_the_persons_and_an_internal_error_is_logged_with_its_traceback(
    qtbot, background: Background, owner: QObject, caplog
) -> None:
    failures: list[Exception] = []

    def refused() -> None:
        raise TaktError("the job is on hold")

    def broken() -> None:
        raise RuntimeError("disk on fire")

    with caplog.at_level(logging.INFO, logger="ui.background"):
        background.command("started a held job", refused, None, failures.append, owner=owner)
        background.command("broke something", broken, None, failures.append, owner=owner)
        qtbot.waitUntil(lambda: len(failures) == 2, timeout=TIMEOUT)
    assert [type(e) for e in failures] == [TaktError, RuntimeError]
    refusal, internal = [r for r in caplog.records if r.name == "ui.background"]
    assert refusal.levelno == logging.INFO
    assert refusal.exc_info is None  # the person's to correct: no traceback
    assert "started a held job" in refusal.getMessage()
    assert internal.levelno == logging.ERROR
    assert internal.exc_info is not None
    assert "disk on fire" in str(internal.exc_info[1])


def test_a_command_that_went_through_is_logged_and_its_result_comes_back(
    qtbot, background: Background, owner: QObject, caplog
) -> None:
    results: list[str] = []
    with caplog.at_level(logging.INFO, logger="ui.background"):
        background.command("did a thing", lambda: "done", results.append, owner=owner)
        qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
    assert results == ["done"]
    assert [r.getMessage() for r in caplog.records if r.name == "ui.background"] == ["did a thing"]


def test_results_are_dropped_once_the_owner_closed(
    qtbot, background: Background, owner: QObject, caplog
) -> None:
    release = threading.Event()
    heard: list[object] = []

    def slow() -> str:
        release.wait(TIMEOUT / 1000)
        return "late"

    with caplog.at_level(logging.INFO, logger="ui.background"):
        background.command("wrote late", slow, heard.append, heard.append, owner=owner)
        background.read(slow, heard.append, heard.append, owner=owner)
        background.close(owner)
        release.set()
        assert background.wait(TIMEOUT)
        QCoreApplication.processEvents()
        # Asked for after the close: dropped too.
        background.read(lambda: "later", heard.append, owner=owner)
        assert background.wait(TIMEOUT)
        QCoreApplication.processEvents()
    assert heard == []
    assert not background.is_open(owner)
    # The write happened all the same, and the log says so.
    assert "wrote late" in [r.getMessage() for r in caplog.records]


def test_results_are_dropped_once_the_owner_was_deleted(
    qtbot, background: Background, owner: QObject
) -> None:
    release = threading.Event()
    heard: list[object] = []
    other = QObject()
    background.read(lambda: release.wait(TIMEOUT / 1000), heard.append, owner=owner)
    background.read(lambda: "for the other", heard.append, owner=other)
    shiboken6.delete(owner)
    release.set()
    qtbot.waitUntil(lambda: bool(heard), timeout=TIMEOUT)
    assert background.wait(TIMEOUT)
    QCoreApplication.processEvents()
    assert heard == ["for the other"]


def test_a_slow_read_never_blocks_the_gui_thread(
    qtbot, background: Background, owner: QObject
) -> None:
    # The read waits for a timer on the GUI thread: it ends only if the event loop runs.
    freed_by_gui = threading.Event()
    results: list[bool] = []
    ticks: list[int] = []
    ticker = QTimer()
    ticker.setInterval(10)
    ticker.timeout.connect(lambda: ticks.append(1))
    ticker.start()
    QTimer.singleShot(200, freed_by_gui.set)

    background.read(lambda: freed_by_gui.wait(TIMEOUT / 1000), results.append, owner=owner)
    qtbot.waitUntil(lambda: bool(results), timeout=TIMEOUT)
    ticker.stop()
    assert results == [True]  # freed by the timer, not timed out
    assert len(ticks) >= 5  # and the GUI thread kept ticking meanwhile


def test_commands_run_in_order_on_the_one_database_thread(
    qtbot, background: Background, owner: QObject
) -> None:
    ran: list[tuple[int, int]] = []
    done: list[int] = []

    def command(n: int) -> int:
        ran.append((n, threading.get_ident()))
        return n

    for n in range(30):
        if n % 3 == 0:  # reads queue on the same lane, between the commands
            background.read(partial(command, n), done.append, owner=owner)
        else:
            background.command(f"command {n}", partial(command, n), done.append, owner=owner)
    qtbot.waitUntil(lambda: len(done) == 30, timeout=TIMEOUT)
    assert [n for n, _ in ran] == list(range(30))
    assert done == list(range(30))
    assert len({thread for _, thread in ran}) == 1


def test_the_network_lane_runs_beside_a_busy_database_lane(
    qtbot, background: Background, owner: QObject
) -> None:
    release = threading.Event()
    heard: list[str] = []
    background.command("holds the database", lambda: release.wait(TIMEOUT / 1000), owner=owner)
    background.network(lambda: "from the server", heard.append, owner=owner)
    qtbot.waitUntil(lambda: bool(heard), timeout=TIMEOUT)
    assert not release.is_set()  # the database lane is still busy
    release.set()
    assert heard == ["from the server"]


def test_a_network_failure_goes_to_failed_or_else_to_the_log(
    qtbot, background: Background, owner: QObject, caplog
) -> None:
    failures: list[Exception] = []

    def offline() -> None:
        raise ConnectionError("no route to host")

    with caplog.at_level(logging.ERROR, logger="ui.background"):
        background.network(offline, lambda _r: None, failures.append, owner=owner)
        qtbot.waitUntil(lambda: bool(failures), timeout=TIMEOUT)
        assert not [r for r in caplog.records if r.name == "ui.background"]  # the caller's
        background.network(offline, lambda _r: None, owner=owner)
        qtbot.waitUntil(
            lambda: any(r.name == "ui.background" for r in caplog.records), timeout=TIMEOUT
        )
    assert isinstance(failures[0], ConnectionError)
