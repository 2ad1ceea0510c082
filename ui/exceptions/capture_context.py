"""What a capture form is about, and the scan field that changes it.

The context line names the work center, the operation (else the work order) and its item,
as the lane or the board knew them when the form opened. A barcode scanner is a keyboard
wedge: what it scans while the form is open (the scan router hands it to the form, or it
is typed into the scan field, then Enter) is looked up here on the database lane; the form
decides what the work order, operation, item or lot it names fills (ui.exceptions.capture),
and the hint under the field says what was found.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit, QWidget

from app.queries_exceptions import CaptureContext, ScanMatch, lookup_scan
from ui.exceptions.capture_section import stack_rows
from ui.exceptions.capture_words import operation_words
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.i18n import tr
from ui.widgets import label, set_flag

# Words on screen made by a call, so they can be said again in another language.
Say = Callable[[], str]


def context_text(context: CaptureContext) -> str:
    """'LAT-01  ·  4711 op 20  ·  P-1001 Shaft 40 mm', in the language on screen."""
    parts = [context.work_center or tr("no work center")]
    if context.operation_id:
        parts.append(operation_words(context.operation_id))
    elif context.work_order:
        parts.append(context.work_order)
    if context.product:
        name = context.product_name
        parts.append(context.product + (f" {name}" if name else ""))
    return "  ·  ".join(parts)


class ScanSection(QWidget):
    """The scan field and its hint.

    Signals:
        sig_entered: a code was typed or scanned into the field, then Enter; carries it.
        sig_matched: a code looked up named something; carries (code, ScanMatch).
    """

    sig_entered = Signal(str)
    sig_matched = Signal(str, object)

    def __init__(self, controller: ExceptionsController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self._hint: Say | None = None  # what the hint says, to say again in another language
        self.field = QLineEdit()
        self.field.setObjectName("scanInput")
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self._on_field_entered)
        self.hint = label("hint", wrap=True)
        stack_rows(self, (self.field, self.hint))

    def retranslate(self) -> None:
        self.field.setPlaceholderText(tr("Scan or type a work order, item or lot"))
        self.hint.setText(self._hint() if self._hint is not None else "")

    def say(self, say: Say | None) -> None:
        """Put `say()` under the field (None: nothing), and again after a language switch."""
        self._hint = say
        self.hint.setText(say() if say is not None else "")

    def look_up(self, code: str, work_center: str | None) -> None:
        """Ask the database lane what `code` names (at `work_center` first)."""
        code = code.strip()
        if not code:
            return
        self.say(lambda: tr("Looking up {code}…").format(code=code))
        self.controller.read(
            lambda session: lookup_scan(session, code, work_center),
            lambda match: self._on_looked_up(code, match),
        )

    def _on_looked_up(self, code: str, match: ScanMatch | None) -> None:
        set_flag(self.field, "error", match is None)
        if match is None:
            self.say(
                lambda: tr("Unknown code “{code}”: not a work order, item or lot.").format(
                    code=code
                )
            )
            return
        self.sig_matched.emit(code, match)

    def _on_field_entered(self) -> None:
        code = self.field.text().strip()
        self.field.clear()
        self.sig_entered.emit(code)
