"""Deciding about a refused ERP posting: edit its fields, or cancel it; always with a reason.

Like the board's override dialog (both are `ReasonDialog`s), OK stays disabled until the
reason says something (a few words): it is kept with the posting for whoever looks at
it later. A dialog does not run the command itself: it emits `sig_submitted` and the
caller answers with `accept` or `show_error` (the service's own message; the fields it
names are marked, and what the person typed stays).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QGridLayout, QLabel, QLineEdit, QWidget

from app.errors import Rejected, ValidationError
from app.queries_erp import PostingRow
from app.services.erp import editable_fields, is_number
from ui.common.errors import error_text
from ui.erp.postings_model import describe, field_text, kind_text, value_text
from ui.i18n import tr
from ui.widgets import ReasonDialog, ReasonWords

REASON = "reason"


@dataclass(frozen=True)
class EditRequest:
    changes: dict[str, Any]
    reason: str


def explain(error: Exception | str, labels: Mapping[str, str] | None = None) -> str:
    """What the person reads: the service's words, fields by the names on the screen."""
    if isinstance(error, Rejected):  # a whole sentence: it ends like one
        return error_text(error, labels) + "."
    return error_text(error, labels)


def context_text(row: PostingRow) -> str:
    what = describe(row.kind, row.payload)
    said = " ".join((row.last_error or "").split())
    if row.work_order:
        return tr("{kind} of {work_order}: {what}.\nThe ERP said: {said}").format(
            kind=kind_text(row.kind), work_order=row.work_order, what=what, said=said
        )
    return tr("{kind}: {what}.\nThe ERP said: {said}").format(
        kind=kind_text(row.kind), what=what, said=said
    )


class PostingDialog(ReasonDialog):
    """A heading, what the posting is, the subclass's fields, a reason, OK and Back.

    Signals:
        sig_submitted: carries what the subclass submits (a reason, an EditRequest).
    """

    def __init__(self, row: PostingRow, parent: QWidget | None = None) -> None:
        super().__init__(
            lambda: self.words(row), parent, name="postingDialog", explanation_name="postingContext"
        )
        self.row = row
        self.back = self.cancel
        self.inputs: dict[str, QLineEdit] = {}
        self.fields = QGridLayout()
        self.fields.setVerticalSpacing(8)
        self.fields.setColumnStretch(1, 1)
        self.add_content(self.fields)

    @property
    def labels(self) -> dict[str, str]:
        """The names of the fields shown, as the screen calls them (in its language)."""
        return {name: field_text(name.removeprefix("changes.")) for name in self.inputs}

    def words(self, row: PostingRow) -> ReasonWords:
        """What the dialog says: the subclass's title, action and example reason."""
        title, action, placeholder = self.texts()
        return ReasonWords(
            title=title,
            explanation=context_text(row),
            reason_label=tr("Reason (kept with the posting)"),
            placeholder=placeholder,
            action=action,
            # "Back", not "Cancel": one of these dialogs cancels the posting itself.
            cancel=tr("Back"),
        )

    def texts(self) -> tuple[str, str, str]:
        """(title, action, example reason), said with `tr` (a class's words only: this is
        asked before the subclass's `__init__` runs)."""
        raise NotImplementedError

    # --- for the caller ---------------------------------------------------------------------

    def show_error(self, error: Exception | str, invalid: Sequence[QWidget] = ()) -> None:
        """The command was refused: say why, mark the fields named, keep what was typed."""
        named = set(error.fields) if isinstance(error, ValidationError) else set()
        marked = [w for n, w in self.inputs.items() if n in named]
        if REASON in named:
            marked.append(self.reason)
        super().show_error(error, [*invalid, *marked])

    def error_text(self, error: Exception | str) -> str:
        return explain(error, self.labels)


class CancelPostingDialog(PostingDialog):
    """Never send this posting. Signals: sig_submitted carries the reason."""

    def __init__(self, row: PostingRow, parent: QWidget | None = None) -> None:
        super().__init__(row, parent)
        self.reason.setFocus()

    def texts(self) -> tuple[str, str, str]:
        return (
            tr("Cancel this ERP posting"),
            tr("Cancel posting"),
            tr("e.g. booked by hand in the ERP"),
        )


class ReversedPostingDialog(PostingDialog):
    """The ERP's document of an event Takt refused was reversed in the ERP (by a person
    there). Signals: sig_submitted carries the reason."""

    def __init__(self, row: PostingRow, parent: QWidget | None = None) -> None:
        super().__init__(row, parent)
        self.reason.setFocus()

    def texts(self) -> tuple[str, str, str]:
        return (
            tr("Reversed in the ERP"),
            tr("Record as reversed"),
            tr("e.g. Stock Entry cancelled in the ERP"),
        )


class EditPostingDialog(PostingDialog):
    """Correct the posting's numbers and texts, then send it again.

    Signals: sig_submitted carries an EditRequest with only the fields that changed.
    Numbers are sent as numbers when they read as one, else as typed, so the service
    names the field that is wrong.
    """

    def __init__(self, row: PostingRow, parent: QWidget | None = None) -> None:
        super().__init__(row, parent)
        self._field_labels: dict[str, QLabel] = {}
        for n, key in enumerate(editable_fields(row.payload)):
            name = f"changes.{key}"
            label = QLabel()
            label.setObjectName("fieldLabel")
            line = QLineEdit(value_text(row.payload[key], grouped=False))
            line.setObjectName("postingField")
            line.setProperty("field", name)
            label.setBuddy(line)
            self.fields.addWidget(label, n, 0)
            self.fields.addWidget(line, n, 1)
            self.inputs[name] = line
            self._field_labels[key] = label
        self.retranslate()
        first = next(iter(self.inputs.values()), self.reason)
        first.setFocus()

    def texts(self) -> tuple[str, str, str]:
        return (
            tr("Correct and resend this ERP posting"),
            tr("Save and send"),
            tr("e.g. scrap was counted twice"),
        )

    def retranslate(self) -> None:
        super().retranslate()
        for key, label in self._field_labels.items():
            label.setText(field_text(key))

    def input(self, key: str) -> QLineEdit:
        return self.inputs[f"changes.{key}"]

    def changes(self) -> dict[str, Any]:
        changes: dict[str, Any] = {}
        for name, line in self.inputs.items():
            key = name.removeprefix("changes.")
            old = self.row.payload[key]
            text = line.text().strip()
            if text == value_text(old, grouped=False):
                continue
            changes[key] = _number(text) if is_number(old) else text
        return changes

    def submission(self) -> object:
        return EditRequest(changes=self.changes(), reason=self.reason_text())


def _number(text: str) -> float | str:
    """The number typed (as the language writes it, or with a decimal point or comma), or
    the text itself for the service to name."""
    locale = QLocale()
    locale.setNumberOptions(QLocale.NumberOption.RejectGroupSeparator)
    value, ok = locale.toDouble(text)
    if ok:
        return value
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text
