"""Pushes that arrive while another is applied share one transaction (issue 13).

The mechanics first, with stand-ins for applying (threads, no database): who goes
alone, who goes together, in which groups, and what a failed group does. Then the real
server: terminals pushing while another push is applied get the answers they would
have got alone, the server's tables match theirs, and a push whose signature fails
takes only itself down.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sync.server.group_commit import GroupCommit, Waiting
from tests.sync.plant import Plant, Terminal
from tests.sync.test_sync_protocol import OPERATOR, downtime

Push = Waiting[str, str]


class Applier:
    """Stand-ins for applying pushes: each answer names how it was applied. The first
    push applied alone waits for `release`, so that others arrive meanwhile."""

    def __init__(self, fail_together: bool = False, refuse: set[str] | None = None) -> None:
        self.release = threading.Event()
        self.started = threading.Event()
        self.alone_calls: list[str] = []
        self.groups: list[list[str]] = []
        self.fail_together = fail_together
        self.refuse = refuse or set()

    def alone(self, push: Push) -> str:
        self.alone_calls.append(push.request)
        if not self.started.is_set():
            self.started.set()
            assert self.release.wait(10)
        if push.request in self.refuse:
            raise ValueError(f"{push.request} refused")
        return f"{push.request}: alone"

    def together(self, group: Sequence[Push]) -> list[str]:
        self.groups.append([push.request for push in group])
        if self.fail_together:
            raise RuntimeError("a push of the group fails")
        return [f"{push.request}: together" for push in group]


def run_pushes(
    commit: GroupCommit[str, str], applier: Applier, pushes: list[tuple[str, str, int]]
) -> dict[str, str]:
    """The first push starts (and is held); the others arrive one by one while it is
    applied; then it is released. Each push's answer, or its error."""
    answers: dict[str, str] = {}

    def send(terminal: str, request: str, size: int) -> None:
        try:
            answers[request] = commit.submit(terminal, request, size)
        except Exception as error:
            answers[request] = f"error: {error}"

    threads = [threading.Thread(target=send, args=push) for push in pushes]
    threads[0].start()
    assert applier.started.wait(10)
    for n, thread in enumerate(threads[1:], start=1):
        thread.start()
        wait_until(lambda n=n: len(commit._queue) == n)
    applier.release.set()
    for thread in threads:
        thread.join(10)
    return answers


def wait_until(check: Callable[[], bool]) -> None:
    deadline = time.monotonic() + 10
    while not check():
        assert time.monotonic() < deadline, "not in time"
        time.sleep(0.005)


def test_a_push_to_an_idle_server_is_applied_alone_at_once() -> None:
    applier = Applier()
    applier.release.set()
    commit = GroupCommit(applier.alone, applier.together)
    assert commit.submit("t1", "a", 10) == "a: alone"
    assert commit.submit("t2", "b", 10) == "b: alone"
    assert applier.groups == []


def test_pushes_that_arrive_while_one_is_applied_go_together_in_order() -> None:
    applier = Applier()
    commit = GroupCommit(applier.alone, applier.together)
    answers = run_pushes(
        commit, applier, [("t1", "a", 100), ("t2", "b", 100), ("t3", "c", 100), ("t4", "d", 1)]
    )
    assert applier.alone_calls == ["a"]
    assert applier.groups == [["b", "c", "d"]]
    assert answers == {
        "a": "a: alone",
        "b": "b: together",
        "c": "c: together",
        "d": "d: together",
    }
    assert (commit.groups, commit.grouped) == (1, 3)


def test_a_terminals_second_push_and_what_does_not_fit_wait_for_the_next_group() -> None:
    applier = Applier()
    commit = GroupCommit(applier.alone, applier.together, max_events=250)
    answers = run_pushes(
        commit,
        applier,
        [
            ("t1", "a", 100),
            ("t2", "b1", 100),
            ("t3", "c", 100),
            ("t2", "b2", 100),  # its terminal's earlier push goes first
            ("t4", "d", 100),  # more than the group holds
            ("t5", "e", 50),  # fits
        ],
    )
    assert applier.groups == [["b1", "c", "e"], ["b2", "d"]]
    assert all(answers[r].endswith("together") for r in ("b1", "c", "e", "b2", "d"))


def test_a_group_that_fails_is_applied_push_by_push_each_with_its_own_answer() -> None:
    """One bad push fails the group's transaction: every push of it is applied alone, as
    without groups, and only the bad one gets an error."""
    applier = Applier(fail_together=True, refuse={"c"})
    commit = GroupCommit(applier.alone, applier.together)
    answers = run_pushes(commit, applier, [("t1", "a", 10), ("t2", "b", 10), ("t3", "c", 10)])
    assert applier.groups == [["b", "c"]]
    assert sorted(applier.alone_calls) == ["a", "b", "c"]
    assert answers == {"a": "a: alone", "b": "b: alone", "c": "error: c refused"}
    assert commit.groups == 0
    # and the next push finds the server idle again
    assert commit.submit("t4", "d", 10) == "d: alone"


# -- the real server --------------------------------------------------------------------


def _with_events(plant: Plant, count: int) -> list[Terminal]:
    terminals = [plant.terminal(f"kiosk-{n}") for n in range(count)]
    for n, terminal in enumerate(terminals):
        for _ in range(3):
            terminal.exceptions.raise_exception(OPERATOR, downtime(f"WC-00{1 + n % 3}"))
    return terminals


def _push_while_held(plant: Plant, first: Terminal, others: list[Terminal]) -> dict[str, Any]:
    """`first` pushes and is held while it is applied; the others push meanwhile. What
    each push returned or raised."""
    pushes = plant.api.state.pushes
    release, started = threading.Event(), threading.Event()
    original = pushes._alone

    def held(push: Any) -> Any:
        if not started.is_set():
            started.set()
            assert release.wait(10)
        return original(push)

    pushes._alone = held
    outcomes: dict[str, Any] = {}

    def push(terminal: Terminal) -> None:
        try:
            outcomes[terminal.name] = terminal.engine.push_pending()
        except Exception as error:
            outcomes[terminal.name] = error

    threads = [threading.Thread(target=push, args=(t,)) for t in (first, *others)]
    threads[0].start()
    assert started.wait(10)
    for n, thread in enumerate(threads[1:], start=1):
        thread.start()
        wait_until(lambda n=n: len(pushes._queue) == n)
    release.set()
    for thread in threads:
        thread.join(30)
    pushes._alone = original
    return outcomes


def test_terminals_pushing_together_are_applied_as_alone_and_match_the_server(
    plant: Plant,
) -> None:
    first, *others = _with_events(plant, 4)
    outcomes = _push_while_held(plant, first, others)
    assert plant.api.state.pushes.grouped == 3
    for terminal in (first, *others):
        assert not isinstance(outcomes[terminal.name], Exception), outcomes
        assert terminal.engine.waiting() == 0
        assert [r.terminal_seq for r in terminal.engine.rejected()] == []
    for terminal in (first, *others):
        terminal.engine.sync_once()
        assert terminal.snapshot() == plant.server_snapshot()


def test_a_push_whose_signature_fails_in_a_group_takes_only_itself_down(plant: Plant) -> None:
    first, good, forged, also_good = _with_events(plant, 4)
    forged.engine.transport.signing_key = Ed25519PrivateKey.generate()  # not its key
    outcomes = _push_while_held(plant, first, [good, forged, also_good])
    assert plant.api.state.pushes.groups == 0  # the group failed: each went alone
    assert isinstance(outcomes["kiosk-2"], Exception)
    assert "signature" in str(outcomes["kiosk-2"])
    for terminal in (first, good, also_good):
        assert terminal.engine.waiting() == 0, terminal.name
    assert forged.engine.waiting() > 0  # nothing of it was taken
