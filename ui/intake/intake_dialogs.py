"""The Messages screen's dialogs: paste a message, edit (or link) a draft, discard one.

A dialog does not run its command: it emits `sig_submitted` and the screen answers
with `accept` or `show_error` (the service's words; the fields it names are marked and
what was typed stays), as ui.lane_controller.ScreenCommands expects.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.errors import ValidationError
from app.model.types import MessageStatus
from app.queries_intake import MessageDetail
from app.services.intake import EXCEPTION_KIND
from ui.common.errors import error_text
from ui.common.formatting import editable_quantity
from ui.i18n import on_language_change, tr, translated
from ui.intake.intake_controller import Choice, Pickers
from ui.intake.messages_model import URGENCY_TEXT, field_text, type_text
from ui.widgets import (
    DialogFooter,
    ReasonDialog,
    ReasonWords,
    field_grid,
    fit_to_window,
    label,
    no_default_buttons,
    scroll_form,
    set_field_labels,
    set_flag,
)

MAX_PASTE = 20_000  # app.model.intake.MESSAGE_TEXT_LEN: the service refuses more
# The raise names the exception's fields; the form calls them as confirm takes them.
_FORM_NAME = {"work_order": "work_orders", "item": "items", "lot_no": "items"}


class _FormDialog(QDialog):
    """A heading, a hint, the subclass's fields, then the error line and the buttons."""

    sig_submitted = Signal(object)

    def __init__(self, parent: QWidget | None, name: str) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModal(True)
        self._busy = False
        self._error: Exception | None = None
        self._marked: list[QWidget] = []
        self.inputs: dict[str, QWidget] = {}
        self.heading = label("heading", wrap=True)
        self.hint = label("hint", wrap=True)
        self.body = QWidget()
        self.column = QVBoxLayout(self.body)
        self.column.setContentsMargins(0, 0, 8, 0)
        self.column.setSpacing(10)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.hint)
        self.footer = DialogFooter(self, "", self._on_ok_clicked)
        self.ok, self.cancel = self.footer.ok, self.footer.cancel
        self.form_scroll = scroll_form(self, self.body, self.footer)

    # --- for subclasses -------------------------------------------------------------------

    def ready(self) -> bool:
        return True

    def submission(self) -> object:
        raise NotImplementedError

    def action_text(self) -> str:
        raise NotImplementedError

    def update_ok(self, *_: object) -> None:
        self.ok.setEnabled(self.ready() and not self._busy)
        self.ok.setText(tr("Saving…") if self._busy else self.action_text())

    # --- for the caller -------------------------------------------------------------------

    def open(self) -> None:
        no_default_buttons(self)
        fit_to_window(self, self.parentWidget(), width=760, scroll=self.form_scroll)
        super().open()

    def show_error(self, error: Exception) -> None:
        self._busy = False
        self._error = error
        named = set(error.fields) if isinstance(error, ValidationError) else set()
        named |= {_FORM_NAME[n] for n in named if n in _FORM_NAME}
        marked = [w for n, w in self.inputs.items() if n in named]
        for widget in dict.fromkeys([*self._marked, *marked]):
            set_flag(widget, "error", widget in marked)
        self._marked = marked
        self.footer.error.setText(self.error_text(error))
        self.update_ok()
        if marked:
            marked[0].setFocus()

    def error_text(self, error: Exception) -> str:
        return error_text(error, {n: field_text(n) for n in self.inputs})

    def retranslate(self) -> None:
        self.footer.set_texts(self.action_text())
        if self._error is not None:
            self.footer.error.setText(self.error_text(self._error))
        self.update_ok()

    def _on_ok_clicked(self) -> None:
        if not self.ok.isEnabled():
            return
        self._busy = True
        self._error = None
        self.footer.error.clear()
        self.update_ok()
        self.sig_submitted.emit(self.submission())


# --- paste a message ------------------------------------------------------------------------


@dataclass(frozen=True)
class Pasted:
    text: str
    subject: str | None


class PasteDialog(_FormDialog):
    """A call written down or a text pasted (or dictated into the box): a draft is made of
    it. Signals: sig_submitted carries a `Pasted`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, "pasteDialog")
        self.subject = QLineEdit()
        self.subject.setObjectName("pasteSubject")
        self.subject.setMaxLength(300)
        self.text = QPlainTextEdit()
        self.text.setObjectName("pastedText")
        self.text.setTabChangesFocus(True)
        self.text.setMinimumHeight(220)
        self.text.textChanged.connect(self.update_ok)
        self.inputs = {"subject": self.subject, "text": self.text}
        self.grid = field_grid([("", self.subject)])
        self.column.addLayout(self.grid)
        self.text_label = label("fieldLabel")
        self.text_label.setBuddy(self.text)
        self.column.addWidget(self.text_label)
        self.column.addWidget(self.text, 1)
        self.retranslate()
        on_language_change(self, self.retranslate)
        self.text.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(tr("Paste a message"))
        self.heading.setText(tr("Paste a message"))
        self.hint.setText(
            tr(
                "Paste a mail or chat message, or write down (or dictate) what was said on "
                "the phone. Takt reads it against the plant and makes a draft for you to "
                "confirm."
            )
        )
        set_field_labels(self.grid, [tr("Subject (optional)")])
        self.subject.setPlaceholderText(tr("e.g. call from the paint shop"))
        self.text_label.setText(tr("Message"))
        self.text.setPlaceholderText(
            tr("e.g. LAT-02 is down since 6, spindle alarm, WO-26017 waits")
        )
        super().retranslate()

    def action_text(self) -> str:
        return tr("Make a draft")

    def ready(self) -> bool:
        text = self.text.toPlainText()
        return bool(text.strip()) and len(text) <= MAX_PASTE

    def submission(self) -> object:
        return Pasted(self.text.toPlainText(), self.subject.text().strip() or None)


# --- edit or link a draft ---------------------------------------------------------------------

EDIT_TYPES = tuple(kind for kind in EXCEPTION_KIND)
URGENCIES = ("low", "normal", "high", "critical")


def _picker(choices: Sequence[Choice], *, editable: bool, names_only: bool = False) -> QComboBox:
    """A combo of codes (with their names), blank first; editable ones complete as typed."""
    combo = QComboBox()
    # Long names elide instead of widening the form past a kiosk's width.
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(18)
    combo.addItem("—", None)
    for choice in choices:
        text = f"{choice.code} · {choice.name}" if choice.name else choice.code
        if names_only:  # words people read (a downtime reason), said in their language
            text = " · ".join(translated(t) for t in (choice.group, choice.name) if t)
        combo.addItem(text, choice.code)
    if editable:
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = combo.completer()
        if completer is not None:
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
    return combo


def _code(combo: QComboBox) -> str | None:
    """The code picked, or typed (the service names it if it is none the plant knows)."""
    index = combo.currentIndex()
    if index >= 0 and combo.itemText(index) == combo.currentText():
        data = combo.itemData(index)
        return str(data) if data else None
    typed = combo.currentText().strip().split(" · ")[0].strip()
    return typed or None


def _pick(combo: QComboBox, code: str | None) -> None:
    index = combo.findData(code) if code else 0
    if index < 0 and code:  # a code the pickers do not offer (a closed order): keep it
        combo.addItem(code, code)
        index = combo.count() - 1
    combo.setCurrentIndex(max(index, 0))


class DraftDialog(_FormDialog):
    """Edit a draft's fields, then confirm it; for a message in triage, link it first (a
    work order or a work center) - confirming stays disabled until it is linked.

    Signals: sig_submitted carries the edits: only the fields that changed, by the names
    IntakeService.confirm takes."""

    def __init__(
        self, detail: MessageDetail, pickers: Pickers, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent, "draftDialog")
        self.detail = detail
        self.must_link = detail.row.status is MessageStatus.TRIAGE
        start = _initial(detail)
        self.initial = start
        self.type = QComboBox()
        for kind in EDIT_TYPES:
            self.type.addItem("", kind)
        self.work_order = _picker(pickers.work_orders, editable=True)
        self.item = _picker(pickers.items, editable=True)
        self.work_center = _picker(pickers.work_centers, editable=False)
        self.quantity = QLineEdit()
        self.date = QLineEdit()
        self.urgency = QComboBox()
        for urgency in URGENCIES:
            self.urgency.addItem("", urgency)
        self.note = QLineEdit()
        self.note.setMaxLength(2000)
        # Asked only for the kinds that need them (a machine down, a substitute).
        self.reason_code = _picker(pickers.downtime_reasons, editable=False, names_only=True)
        self.substitute = _picker(pickers.items, editable=True)
        self.inputs = {
            "type": self.type,
            "work_orders": self.work_order,
            "items": self.item,
            "work_center": self.work_center,
            "reason_code": self.reason_code,
            "substitute": self.substitute,
            "quantity": self.quantity,
            "date": self.date,
            "urgency": self.urgency,
            "note": self.note,
        }
        for name, widget in self.inputs.items():
            widget.setObjectName("draftField")
            widget.setProperty("field", name)
        self.grid = field_grid([("", w) for w in self.inputs.values()])
        self.column.addLayout(self.grid)
        self.type.setCurrentIndex(max(0, self.type.findData(start["type"])))
        _pick(self.work_order, start["work_orders"])
        _pick(self.item, start["items"])
        _pick(self.work_center, start["work_center"])
        self.quantity.setText(start["quantity"] or "")
        self.date.setText(start["date"] or "")
        self.urgency.setCurrentIndex(max(0, self.urgency.findData(start["urgency"])))
        for combo in (self.work_order, self.work_center, self.type):
            combo.currentIndexChanged.connect(self.update_ok)
        self.work_order.editTextChanged.connect(self.update_ok)
        self.type.currentIndexChanged.connect(self._show_kind_fields)
        self._show_kind_fields()
        self.retranslate()
        on_language_change(self, self.retranslate)

    def retranslate(self) -> None:
        title = tr("Link and confirm") if self.must_link else tr("Edit and confirm")
        self.setWindowTitle(title)
        self.heading.setText(title)
        self.hint.setText(
            tr("Pick the work order or the work center this message is about, then confirm.")
            if self.must_link
            else tr("Correct what was misread, then confirm: the exception is raised as shown.")
        )
        for index, kind in enumerate(EDIT_TYPES):
            self.type.setItemText(index, type_text(kind))
        for index, urgency in enumerate(URGENCIES):
            self.urgency.setItemText(index, translated(URGENCY_TEXT[urgency]))
        set_field_labels(self.grid, [field_text(n) for n in self.inputs])
        self.date.setPlaceholderText(tr("YYYY-MM-DD"))
        self.quantity.setPlaceholderText(tr("e.g. 40"))
        self.note.setPlaceholderText(tr("optional, for the owner"))
        super().retranslate()

    def action_text(self) -> str:
        return tr("Confirm", "a message's draft")

    def _show_kind_fields(self, *_: object) -> None:
        kind = self.type.currentData()
        for name, shown in (
            ("reason_code", kind == "downtime"),
            ("substitute", kind == "substitute_material"),
        ):
            widget = self.inputs[name]
            widget.setVisible(shown)
            row = self.grid.itemAtPosition(list(self.inputs).index(name), 0)
            caption = row.widget() if row is not None else None
            if caption is not None:
                caption.setVisible(shown)

    def linked(self) -> bool:
        # What the server takes as linked (app.projections.intake): the plan's order,
        # machine or material the exception is about.
        return any(
            _code(picker) is not None for picker in (self.work_order, self.work_center, self.item)
        )

    def ready(self) -> bool:
        return self.linked() or not self.must_link

    def values(self) -> dict[str, Any]:
        return {
            "type": self.type.currentData(),
            "work_orders": _code(self.work_order),
            "items": _code(self.item),
            "work_center": _code(self.work_center),
            "quantity": self.quantity.text().strip() or None,
            "date": self.date.text().strip() or None,
            "urgency": self.urgency.currentData(),
            "note": self.note.text().strip() or None,
            "reason_code": _code(self.reason_code) if self.reason_code.isVisibleTo(self) else None,
            "substitute": _code(self.substitute) if self.substitute.isVisibleTo(self) else None,
        }

    def edits(self) -> dict[str, object]:
        """What the person changed, as IntakeService.confirm takes it."""
        changed: dict[str, object] = {}
        for name, value in self.values().items():
            if value == self.initial[name]:
                continue
            if name in ("work_orders", "items"):
                changed[name] = [value] if value else []
            elif name == "quantity":
                changed[name] = _number(value)
            else:
                changed[name] = value
        return changed

    def submission(self) -> object:
        return self.edits()


def _initial(detail: MessageDetail) -> dict[str, Any]:
    """The draft's fields as the form shows them at first."""
    fields = _loose_fields(detail.draft)
    amount = fields.get("quantity")
    day = fields.get("date")
    return {
        "type": fields.get("type") if fields.get("type") in EXCEPTION_KIND else "other",
        "work_orders": next(iter(fields.get("work_orders") or []), None),
        "items": next(iter(fields.get("items") or []), None),
        "work_center": fields.get("work_center"),
        "quantity": editable_quantity(float(amount)) if isinstance(amount, int | float) else None,
        "date": str(day) if day else None,
        "urgency": fields.get("urgency") or "normal",
        "note": None,
        "reason_code": None,
        "substitute": None,
    }


def _loose_fields(draft: Mapping[str, Any]) -> dict[str, Any]:
    """The draft's values, as IntakeService.final_fields reads them (before any edit)."""

    def codes(key: str) -> list[str]:
        return [str(f.get("value")) for f in draft.get(key) or []]

    quantity = (draft.get("quantity") or {}).get("value") or {}
    return {
        "type": draft.get("type"),
        "work_orders": codes("work_orders"),
        "items": codes("items"),
        "work_center": next(iter(codes("work_centers")), None),
        "quantity": quantity.get("value"),
        "date": (draft.get("date") or {}).get("value"),
        "urgency": draft.get("urgency"),
    }


def _number(text: object) -> object:
    if not isinstance(text, str):
        return text
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text  # the service names the field


# --- discard ------------------------------------------------------------------------------


class DiscardDialog(ReasonDialog):
    """Set a draft aside with a reason; the message stays, under Archived.
    Signals: sig_submitted carries the reason."""

    def __init__(self, detail: MessageDetail, parent: QWidget | None = None) -> None:
        self.detail = detail
        words: Callable[[], ReasonWords] = lambda: ReasonWords(  # noqa: E731
            title=tr("Discard this draft"),
            explanation=detail.row.preview,
            reason_label=tr("Reason (kept with the message)"),
            placeholder=tr("e.g. already reported at the line"),
            action=tr("Discard"),
        )
        super().__init__(words, parent, name="discardDialog")
