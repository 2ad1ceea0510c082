"""Settings: the routing rules a supervisor edits on the terminal.

The rules are TOML (the shipped file explains every key). "Check" reads the text the
way saving will and lists what is wrong, field by field, or says how many rules it
found; "Save" is only enabled for text that checked OK, and a save makes the running
terminal route new exceptions by it. "Revert to shipped rules" puts the rules Takt
ships back in the editor, to check and save like any edit.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import FieldProblem, ValidationError
from app.routing import store as rules_store
from app.services.people import Operator
from ui.common.errors import error_text
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.i18n import on_language_change, tr, translated
from ui.widgets import label, set_flag

log = logging.getLogger(__name__)


def _problems(problems: Sequence[FieldProblem]) -> str:
    """One line a problem: where in the file, and what is wrong there."""
    return "\n".join(f"{p.field}: {translated(p.problem)}" for p in problems)


def _rules_text(count: int) -> str:
    if count == 1:
        return tr("OK: 1 rule")
    return tr("OK: %n rules", None, count)


def _no_words() -> str:
    return ""


class RulesEditorView(QWidget):
    """Signals:
    sig_checked: the text was checked; carries True when it is OK to save.
    sig_saved: the rules were saved and are in force; carries how many there are.
    """

    sig_checked = Signal(bool)
    sig_saved = Signal(int)

    def __init__(self, controller: ExceptionsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rulesEditor")
        self.controller = controller
        self.operator: Operator | None = None
        self.checked_ok = False
        self.busy = False
        # What the two lines say, kept to be said again after a language switch.
        self._where: Callable[[], str] = _no_words
        self._result: Callable[[], str] = _no_words

        self.heading = label("heading")
        self.where = label("hint", wrap=True)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("rulesText")
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.result = label("message", wrap=True)
        self.revert_button = QPushButton()
        self.revert_button.setObjectName("secondary")
        self.revert_button.clicked.connect(self.revert_to_shipped)
        self.check_button = QPushButton()
        self.check_button.setObjectName("secondary")
        self.check_button.clicked.connect(self.check)
        self.save_button = QPushButton()
        self.save_button.setObjectName("primary")
        self.save_button.clicked.connect(self.save)

        buttons = QHBoxLayout()
        buttons.addWidget(self.revert_button)
        buttons.addStretch(1)
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.where)
        layout.addWidget(self.editor, 1)
        layout.addWidget(self.result)
        layout.addLayout(buttons)
        self._update_buttons()
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        self.heading.setText(tr("Routing rules"))
        self.revert_button.setText(tr("Revert to shipped rules"))
        self.check_button.setText(tr("Check"))
        self.save_button.setText(tr("Save"))
        self.where.setText(self._where())
        self.result.setText(self._result())

    # --- public ---------------------------------------------------------------------------

    def set_operator(self, operator: Operator | None) -> None:
        self.operator = operator
        if operator is None:
            self.editor.clear()
            self._show_result(_no_words)

    def load(self) -> None:
        """Show the rules in force now (the terminal's own file, else the shipped one)."""
        data_dir = self.controller.data_dir
        path = rules_store.rules_path(data_dir)
        try:
            text = path.read_text("utf-8")
        except OSError as error:
            log.error("cannot read %s", path, exc_info=error)
            text = rules_store.shipped_rules_text()
        self.editor.setPlainText(text)
        if data_dir is None:
            self._show_where(
                lambda: tr("This terminal keeps no files (its database is in memory).")
            )
        elif path == rules_store.saved_rules_path(data_dir):
            self._show_own_rules(path)
        else:
            saved = rules_store.saved_rules_path(data_dir)
            self._show_where(
                lambda: tr("The shipped rules; saving keeps an edited copy at {path}").format(
                    path=saved
                )
            )
        self._show_result(lambda: tr("Edit the rules, then Check and Save."))

    def revert_to_shipped(self) -> None:
        self.editor.setPlainText(rules_store.shipped_rules_text())
        self.check()

    def check(self) -> bool:
        """Check the text as saving would; say what is wrong or how many rules it has."""
        try:
            rules = rules_store.parse_rules(self.editor.toPlainText())
        except ValidationError as error:
            self.checked_ok = False
            problems = error.problems
            self._show_result(
                lambda: tr("Not saved; fix these first:\n{problems}").format(
                    problems=_problems(problems)
                ),
                error=True,
            )
        else:
            self.checked_ok = True
            count = len(rules)
            self._show_result(lambda: _rules_text(count))
        self._update_buttons()
        self.sig_checked.emit(self.checked_ok)
        return self.checked_ok

    def save(self) -> None:
        if self.busy or not self.checked_ok or self.operator is None:
            return
        self.busy = True
        self._update_buttons()
        self._show_result(lambda: tr("Saving…"))
        self.controller.save_rules(
            self.operator.id,
            self.editor.toPlainText(),
            on_done=self._on_saved,
            on_error=self._on_save_failed,
        )

    # --- results --------------------------------------------------------------------------

    def _on_saved(self, count: Any) -> None:
        self.busy = False
        self._update_buttons()
        saved = int(count)
        self._show_result(
            lambda: tr("Saved: %n rules. New exceptions are routed by them.", None, saved)
        )
        data_dir = self.controller.data_dir
        if data_dir is not None:
            self._show_own_rules(rules_store.saved_rules_path(data_dir))
        self.sig_saved.emit(saved)

    def _on_save_failed(self, error: Exception) -> None:
        self.busy = False
        self.checked_ok = False
        self._update_buttons()

        def why() -> str:
            if isinstance(error, ValidationError):
                return _problems(error.problems)
            return error_text(error)

        self._show_result(lambda: tr("Not saved: {why}").format(why=why()), error=True)

    def _on_editor_text_changed(self) -> None:
        if self.checked_ok:
            self.checked_ok = False
            self._show_result(lambda: tr("Changed: Check again before saving."))
        self._update_buttons()

    def _show_where(self, words: Callable[[], str]) -> None:
        self._where = words
        self.where.setText(words())

    def _show_own_rules(self, path: Path) -> None:
        self._show_where(lambda: tr("This terminal's own rules: {path}").format(path=path))

    def _show_result(self, words: Callable[[], str], *, error: bool = False) -> None:
        """`words` say the result in the current language (again after a switch)."""
        self._result = words
        self.result.setText(words())
        set_flag(self.result, "error", error)
        set_flag(self.editor, "error", error)

    def _update_buttons(self) -> None:
        can_save = self.checked_ok and not self.busy and self.controller.data_dir is not None
        self.save_button.setEnabled(can_save)
        self.check_button.setEnabled(not self.busy)
        self.revert_button.setEnabled(not self.busy)
