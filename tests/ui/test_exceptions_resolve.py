"""Resolving from the inbox by touch: the root cause as category -> reason buttons (a
category alone will do), the disposition of a quality hold as a row of big buttons."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QComboBox, QPushButton

from app.clock import FixedClock
from app.model.types import ExceptionKind, ExceptionStatus, Role
from app.priority.model import RowStatus
from app.routing.resolution import load_resolution
from app.services.exceptions import ExceptionService, NewException
from app.services.people import Operator
from app.store import Store
from ui.board.board_controller import BoardController
from ui.exceptions.choices import ChoiceGrid, ReasonPicker
from ui.exceptions.command_dialog import CommandDialog
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.exceptions.inbox_view import InboxView, root_cause_tree

WC = "LAT-01"
TIMEOUT = 20_000
TOUCH = 48
OPERATOR = "1001"
SOFIA = Operator(id="5001", name="Sofia Marino", roles=(Role.PROCUREMENT,))
PRIYA = Operator(id="3001", name="Priya Raman", roles=(Role.QUALITY,))
ERIK = Operator(id="4001", name="Erik Lindqvist", roles=(Role.MAINTENANCE,))


@pytest.fixture
def inbox_view(qtbot, exceptions: ExceptionsController) -> Iterator[InboxView]:
    view = InboxView(exceptions)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    yield view
    view.set_operator(None)


def _ready_op(controller: BoardController) -> str:
    return next(r.op_id for r in controller.lane(WC) if r.status is RowStatus.READY)


def _raise(store: Store, clock: FixedClock, new: NewException) -> str:
    return ExceptionService(store, clock).raise_exception(OPERATOR, new)


def _tap(qtbot, button: QPushButton) -> None:
    assert button.isVisible(), button.text()
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def _open_resolve(qtbot, view: InboxView, operator: Operator, exc_id: str) -> CommandDialog:
    with qtbot.waitSignal(view.sig_refreshed, timeout=TIMEOUT):
        view.set_operator(operator)
    view.select(exc_id)
    _tap(qtbot, view.resolve_button)
    dialog = view.dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.isVisible, timeout=TIMEOUT)
    assert not dialog.findChildren(QComboBox), "root cause and disposition are touch lists"
    return dialog


def _picker(dialog: CommandDialog) -> ReasonPicker:
    picker = dialog.inputs["root_cause"]
    assert isinstance(picker, ReasonPicker)
    return picker


def _resolve(qtbot, view: InboxView, dialog: CommandDialog) -> None:
    with qtbot.waitSignal(view.sig_refreshed, timeout=TIMEOUT):
        _tap(qtbot, dialog.ok)
    qtbot.waitUntil(lambda: view.dialog is None, timeout=TIMEOUT)


def _resolved(view: InboxView, exc_id: str):
    row = view.model.row_of(exc_id)
    assert row is not None
    resolved = view.model.row_at(row)
    assert resolved.status is ExceptionStatus.RESOLVED
    return resolved


def test_a_shortage_is_resolved_by_tapping_a_category_then_its_reason(
    qtbot, inbox_view: InboxView, demo_store: Store, clock: FixedClock, controller
) -> None:
    exc_id = _raise(
        demo_store,
        clock,
        NewException(
            ExceptionKind.MATERIAL_SHORTAGE,
            "bar missing",
            operation_id=_ready_op(controller),
            item="RM-BAR-S355-90",
        ),
    )
    dialog = _open_resolve(qtbot, inbox_view, SOFIA, exc_id)
    assert "disposition" not in dialog.inputs  # only a quality hold's material has one
    picker = _picker(dialog)
    assert set(picker.categories.buttons) >= {"material", "machine", "tooling", "process"}
    assert not picker.reasons.isVisible()  # a category first
    qtbot.keyClicks(dialog.inputs["decision"], "bar delivered from stores")

    _tap(qtbot, picker.categories.buttons["material"])
    assert picker.reasons.isVisible()
    assert set(picker.reasons.buttons) == {
        "material/supplier",
        "material/staging",
        "material/stock_error",
        "material/defective",
    }
    assert picker.reason_title.text() == "Material: what exactly? (optional)"
    _tap(qtbot, picker.reasons.buttons["material/staging"])
    assert dialog.values()["root_cause"] == "material/staging"
    # Big enough to touch on a kiosk (the theme's choiceButton), labels whole, and the
    # form inside the 1280x800 window it opened over (the lists scroll).
    for button in [*picker.categories.buttons.values(), *picker.reasons.buttons.values()]:
        assert button.height() >= TOUCH, button.text()
        assert button.width() >= TOUCH, button.text()
        assert button.width() >= button.fontMetrics().horizontalAdvance(button.text())
    window = QRect(inbox_view.mapToGlobal(QPoint(0, 0)), inbox_view.size())
    assert window.contains(QRect(dialog.mapToGlobal(QPoint(0, 0)), dialog.size()))

    _resolve(qtbot, inbox_view, dialog)
    assert _resolved(inbox_view, exc_id).root_cause == "material/staging"


def test_a_category_alone_is_a_root_cause_and_the_raised_reason_comes_first(
    qtbot, inbox_view: InboxView, demo_store: Store, clock: FixedClock
) -> None:
    exc_id = _raise(
        demo_store,
        clock,
        NewException(
            ExceptionKind.MACHINE_DOWNTIME,
            "Spindle alarm",
            work_center=WC,
            details={"reason_code": "mechanical/bearing"},
        ),
    )
    dialog = _open_resolve(qtbot, inbox_view, ERIK, exc_id)
    picker = _picker(dialog)
    # The downtime reason it was raised with is picked to start with (its category first).
    assert next(iter(picker.categories.buttons)) == "mechanical"
    assert picker.categories.buttons["mechanical"].isChecked()
    assert picker.reasons.buttons["mechanical/bearing"].isChecked()
    assert dialog.values()["root_cause"] == "mechanical/bearing"

    _tap(qtbot, picker.categories.buttons["machine"])
    assert dialog.values()["root_cause"] == "machine"  # a category alone will do
    _tap(qtbot, picker.reasons.buttons["machine/wear"])
    assert dialog.values()["root_cause"] == "machine/wear"
    _tap(qtbot, picker.categories.buttons["machine"])  # again: the category alone, after all
    assert dialog.values()["root_cause"] == "machine"
    assert not any(b.isChecked() for b in picker.reasons.buttons.values())

    qtbot.keyClicks(dialog.inputs["decision"], "drive reset, running again")
    _resolve(qtbot, inbox_view, dialog)
    assert _resolved(inbox_view, exc_id).root_cause == "machine"


def test_a_quality_hold_needs_a_disposition_tapped(
    qtbot, inbox_view: InboxView, demo_store: Store, clock: FixedClock, controller
) -> None:
    exc_id = _raise(
        demo_store,
        clock,
        NewException(
            ExceptionKind.QUALITY_HOLD, "burrs on the flange", operation_id=_ready_op(controller)
        ),
    )
    dialog = _open_resolve(qtbot, inbox_view, PRIYA, exc_id)
    dispositions = dialog.inputs["disposition"]
    assert isinstance(dispositions, ChoiceGrid)
    assert list(dispositions.buttons) == ["rework", "scrap", "use_as_is", "return_to_supplier"]
    assert [b.text() for b in dispositions.buttons.values()] == [
        "Rework",
        "Scrap",
        "Use as is",
        "Return to supplier",
    ]
    assert dialog.hint.isVisible()  # releasing held material is quality's decision
    for button in dispositions.buttons.values():
        assert button.height() >= TOUCH, button.text()
    qtbot.keyClicks(dialog.inputs["decision"], "deburred and released")
    _tap(qtbot, _picker(dialog).categories.buttons["process"])

    _tap(qtbot, dialog.ok)  # no disposition yet: the form says so and keeps the rest
    assert "Disposition is missing" in dialog.error.text()
    assert dispositions.property("error") is True
    assert dialog.isVisible()
    assert dialog.values()["root_cause"] == "process"

    _tap(qtbot, dispositions.buttons["rework"])
    _resolve(qtbot, inbox_view, dialog)
    resolved = _resolved(inbox_view, exc_id)
    assert (resolved.root_cause, resolved.details["disposition"]) == ("process", "rework")


def test_the_root_cause_tree_offers_a_raised_downtime_reason() -> None:
    values = load_resolution()
    assert root_cause_tree(values, "") == values.root_causes
    assert root_cause_tree(values, "machine/wear") == values.root_causes  # already there
    assert root_cause_tree(values, "gremlins") == values.root_causes  # not a root cause
    tree = root_cause_tree(values, "mechanical/bearing")  # downtime only: its category first
    assert tree.categories[0].code == "mechanical"
    assert tree.reason("mechanical/bearing") is not None
    # A downtime category of the same code as a root cause's: the reason joins it.
    tree = root_cause_tree(values, "tooling/broken")
    [tooling] = [c for c in tree.categories if c.code == "tooling"]
    assert tooling.reasons[0].code == "tooling/broken"
    assert {"tooling/wear", "tooling/missing"} <= {r.code for r in tooling.reasons}
