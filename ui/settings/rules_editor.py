"""Settings: the routing rules a supervisor edits on the terminal.

The rules are TOML (the shipped file explains every key). "Check" reads the text the
way saving will and lists what is wrong, field by field, or says how many rules it
found; "Save" is only enabled for text that checked OK, and a save makes the running
terminal route new exceptions by it. "Revert to shipped rules" puts the rules Takt
ships back in the editor, to check and save like any edit.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.routing import store as rules_store
from app.services.people import Operator
from ui.board.board_controller import failure_text
from ui.board.confirm_dialog import set_flag
from ui.exceptions.exceptions_controller import ExceptionsController

log = logging.getLogger(__name__)


def _label(name: str, text: str = "", *, wrap: bool = False) -> QLabel:
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    return label


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

        self.heading = _label("heading", "Routing rules")
        self.where = _label("hint", wrap=True)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("rulesText")
        self.editor.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.editor.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.editor.textChanged.connect(self._on_editor_text_changed)
        self.result = _label("message", wrap=True)
        self.revert_button = QPushButton("Revert to shipped rules")
        self.revert_button.setObjectName("secondary")
        self.revert_button.clicked.connect(self.revert_to_shipped)
        self.check_button = QPushButton("Check")
        self.check_button.setObjectName("secondary")
        self.check_button.clicked.connect(self.check)
        self.save_button = QPushButton("Save")
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

    # --- public ---------------------------------------------------------------------------

    def set_operator(self, operator: Operator | None) -> None:
        self.operator = operator
        if operator is None:
            self.editor.clear()
            self._show_result("")

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
            self.where.setText("This terminal keeps no files (its database is in memory).")
        elif path == rules_store.saved_rules_path(data_dir):
            self.where.setText(f"This terminal's own rules: {path}")
        else:
            self.where.setText(
                "The shipped rules; saving keeps an edited copy at "
                f"{rules_store.saved_rules_path(data_dir)}"
            )
        self._show_result("Edit the rules, then Check and Save.")

    def revert_to_shipped(self) -> None:
        self.editor.setPlainText(rules_store.shipped_rules_text())
        self.check()

    def check(self) -> bool:
        """Check the text as saving would; say what is wrong or how many rules it has."""
        try:
            rules = rules_store.parse_rules(self.editor.toPlainText())
        except ValidationError as error:
            self.checked_ok = False
            self._show_result(
                "Not saved; fix these first:\n" + "\n".join(str(p) for p in error.problems),
                error=True,
            )
        else:
            self.checked_ok = True
            self._show_result(f"OK: {len(rules)} rule{'s' if len(rules) != 1 else ''}")
        self._update_buttons()
        self.sig_checked.emit(self.checked_ok)
        return self.checked_ok

    def save(self) -> None:
        if self.busy or not self.checked_ok or self.operator is None:
            return
        self.busy = True
        self._update_buttons()
        self._show_result("Saving…")
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
        self._show_result(f"Saved: {count} rules. New exceptions are routed by them.")
        data_dir = self.controller.data_dir
        if data_dir is not None:
            self.where.setText(
                f"This terminal's own rules: {rules_store.saved_rules_path(data_dir)}"
            )
        self.sig_saved.emit(int(count))

    def _on_save_failed(self, error: Exception) -> None:
        self.busy = False
        self.checked_ok = False
        self._update_buttons()
        if isinstance(error, ValidationError):
            text = "\n".join(str(p) for p in error.problems)
        else:
            text = failure_text(error)
        self._show_result(f"Not saved: {text}", error=True)

    def _on_editor_text_changed(self) -> None:
        if self.checked_ok:
            self.checked_ok = False
            self._show_result("Changed: Check again before saving.")
        self._update_buttons()

    def _show_result(self, text: str, *, error: bool = False) -> None:
        self.result.setText(text)
        set_flag(self.result, "error", error)
        set_flag(self.editor, "error", error)

    def _update_buttons(self) -> None:
        can_save = self.checked_ok and not self.busy and self.controller.data_dir is not None
        self.save_button.setEnabled(can_save)
        self.check_button.setEnabled(not self.busy)
        self.revert_button.setEnabled(not self.busy)
