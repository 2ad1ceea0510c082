"""A supervisor edits the routing rules on the terminal: checked, saved, in force."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import select

from app.clock import FixedClock
from app.errors import ValidationError
from app.model import ShopException
from app.model.types import ExceptionKind, Role
from app.routing import store as rules_store
from app.services.exceptions import NewException
from app.services.people import Operator
from app.store import Store
from tests.ui.conftest import open_from_nav
from ui.background import Background
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.main_window import MainWindow
from ui.settings.rules_editor import RulesEditorView

TIMEOUT = 20_000
SUPERVISOR = Operator(id="2001", name="Supervisor", roles=(Role.SUPERVISOR,))
SHIPPED_SHORTAGE_OWNER = 'match = { kind = "material_shortage" }\nowner_role = "procurement"'


# --- the store (no Qt) ------------------------------------------------------------------


def test_without_a_saved_file_the_shipped_rules_are_in_force(tmp_path: Path) -> None:
    assert rules_store.rules_path(tmp_path) == rules_store.shipped_rules_path()
    assert rules_store.rules_path(None) == rules_store.shipped_rules_path()
    assert rules_store.load_effective_rules(tmp_path)[-1].name == "Everything else"


def test_a_save_writes_the_terminals_file_and_it_wins(tmp_path: Path) -> None:
    text = rules_store.shipped_rules_text().replace(
        SHIPPED_SHORTAGE_OWNER, SHIPPED_SHORTAGE_OWNER.replace("procurement", "quality")
    )
    rules = rules_store.save_rules(tmp_path, text)
    assert rules_store.rules_path(tmp_path) == tmp_path / "routing-rules.toml"
    assert (tmp_path / "routing-rules.toml").read_text("utf-8") == text
    shortage = next(r for r in rules if r.name == "Material shortage")
    assert shortage.owner_role is Role.QUALITY
    assert rules_store.load_effective_rules(tmp_path) == rules
    assert [p.name for p in tmp_path.iterdir()] == ["routing-rules.toml"]  # no temp left


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("[[rules]\nname = 'x'", "routing-rules.toml"),
        (
            "[[rules]]\nowner_role = 'janitor'\nack_minutes = 5\nresolve_minutes = 10\n",
            "routing-rules.toml: rules[1].owner_role",
        ),
        ("rules = [1]", "routing-rules.toml: rules[1]"),
        (
            "[[rules]]\nowner_role = 'quality'\nack_minutes = 5\nresolve_minutes = 10\n"
            "escalate = 3\n",
            "routing-rules.toml: rules[1].escalate",
        ),
    ],
)
def test_bad_rules_name_the_field_and_leave_the_file_alone(
    tmp_path: Path, text: str, field: str
) -> None:
    saved = tmp_path / "routing-rules.toml"
    saved.write_text(rules_store.shipped_rules_text(), "utf-8")
    before = saved.read_bytes()
    with pytest.raises(ValidationError) as caught:
        rules_store.save_rules(tmp_path, text)
    assert field in caught.value.fields
    assert saved.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["routing-rules.toml"]


# --- the settings screen ----------------------------------------------------------------


@pytest.fixture
def background() -> Iterator[Background]:
    w = Background()
    yield w
    w.shutdown()


@pytest.fixture
def exceptions(
    demo_store: Store, clock: FixedClock, background: Background
) -> Iterator[ExceptionsController]:
    ctl = ExceptionsController(demo_store, background, clock)
    yield ctl
    ctl.close()
    background.wait()


@pytest.fixture
def editor(qtbot, exceptions: ExceptionsController) -> RulesEditorView:
    view = RulesEditorView(exceptions)
    qtbot.addWidget(view)
    view.set_operator(SUPERVISOR)
    view.load()
    view.show()
    return view


def _set_text(editor: RulesEditorView, text: str) -> None:
    editor.editor.setPlainText(text)


def test_bad_toml_and_an_unknown_role_are_shown_and_nothing_is_saved(
    qtbot, editor: RulesEditorView, exceptions: ExceptionsController
) -> None:
    assert exceptions.data_dir is not None
    saved = rules_store.saved_rules_path(exceptions.data_dir)
    assert not editor.save_button.isEnabled()  # nothing checked yet

    _set_text(editor, editor.editor.toPlainText().replace("[[rules]]", "[[rules]", 1))
    qtbot.mouseClick(editor.check_button, Qt.MouseButton.LeftButton)
    assert "routing-rules.toml: not valid TOML" in editor.result.text()
    assert editor.result.property("error") is True
    assert not editor.save_button.isEnabled()

    _set_text(
        editor,
        rules_store.shipped_rules_text().replace(
            'owner_role = "maintenance"', 'owner_role = "janitor"', 1
        ),
    )
    qtbot.mouseClick(editor.check_button, Qt.MouseButton.LeftButton)
    assert "rules[1].owner_role: 'janitor' is not one of" in editor.result.text()
    assert not editor.save_button.isEnabled()
    editor.save()  # even asked directly, unchecked text is not saved
    assert not saved.exists()


def test_a_saved_rule_routes_the_next_exception(
    qtbot, editor: RulesEditorView, exceptions: ExceptionsController, demo_store: Store
) -> None:
    assert "shipped rules" in editor.where.text()
    text = rules_store.shipped_rules_text().replace(
        SHIPPED_SHORTAGE_OWNER, SHIPPED_SHORTAGE_OWNER.replace("procurement", "quality")
    )
    _set_text(editor, text)
    with qtbot.waitSignal(editor.sig_checked) as checked:
        qtbot.mouseClick(editor.check_button, Qt.MouseButton.LeftButton)
    assert checked.args == [True]
    assert editor.result.text() == "OK: 8 rules"
    _set_text(editor, text + "\n")  # an edit after the check needs another check
    assert not editor.save_button.isEnabled()
    qtbot.mouseClick(editor.check_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(editor.sig_saved, timeout=TIMEOUT):
        qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert exceptions.data_dir is not None
    assert rules_store.saved_rules_path(exceptions.data_dir).read_text("utf-8") == text + "\n"
    assert "Saved: 8 rules" in editor.result.text()

    with qtbot.waitSignal(exceptions.sig_changed, timeout=TIMEOUT):
        exceptions.raise_exception(
            "1001", NewException(ExceptionKind.MATERIAL_SHORTAGE, "no seals", item="PP-SEAL-80")
        )
    with demo_store.read() as session:
        [exc] = session.scalars(select(ShopException)).all()
        assert exc.owner_role is Role.QUALITY


def test_revert_puts_the_shipped_rules_back_to_save(
    qtbot, editor: RulesEditorView, exceptions: ExceptionsController
) -> None:
    _set_text(editor, "nonsense")
    qtbot.mouseClick(editor.revert_button, Qt.MouseButton.LeftButton)
    assert editor.editor.toPlainText() == rules_store.shipped_rules_text()
    assert editor.result.text() == "OK: 8 rules"
    assert editor.save_button.isEnabled()


def test_a_new_terminal_window_routes_by_the_saved_rules(
    demo_store: Store, clock: FixedClock, background: Background
) -> None:
    assert demo_store.path is not None
    text = rules_store.shipped_rules_text().replace(
        SHIPPED_SHORTAGE_OWNER, SHIPPED_SHORTAGE_OWNER.replace("procurement", "quality")
    )
    rules_store.save_rules(demo_store.path.parent, text)
    ctl = ExceptionsController(demo_store, background, clock)
    shortage = next(r for r in ctl.service.rules if r.name == "Material shortage")
    assert shortage.owner_role is Role.QUALITY
    ctl.close()


# --- who sees the settings --------------------------------------------------------------


@pytest.fixture
def theme() -> str:
    return "desk"


def _login(qtbot, win: MainWindow, badge: str) -> None:
    with qtbot.waitSignal(win.sig_home_shown, timeout=TIMEOUT):
        qtbot.keyClicks(win.login_view.badge, badge)
        qtbot.keyClick(win.login_view.badge, Qt.Key.Key_Return)


def test_settings_are_for_supervisors_not_operators(qtbot, window: MainWindow) -> None:
    _login(qtbot, window, "RVS-1001")  # an operator
    assert not window.nav_settings.isVisible()
    assert not window.nav_overflow.is_offered(window.nav_settings)  # not under More either
    window.show_settings()
    assert window.current is not window.settings_view
    qtbot.mouseClick(window.nav_logout, Qt.MouseButton.LeftButton)

    _login(qtbot, window, "RVS-2001")  # a supervisor
    open_from_nav(window, window.nav_settings)  # on the bar, or under More at 1280 px
    assert window.current is window.settings_view
    assert "[[rules]]" in window.settings_view.editor.toPlainText()
