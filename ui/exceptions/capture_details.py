"""What each kind of exception asks for on its capture form.

A shortage or a substitution offers the order's materials as big buttons (the one the
board says is short first and picked), a substitution also the item used instead; a
quality hold offers the defects an operator taps (a tap fills "What happened"); machine
down, the reason tree: category, then reason (both stay on the form; `ReasonPicker`); an
order change, what changed, the new value and who asked; a priority shift, the new
priority and why; anything else, what happened. Most forms take a quantity, every form a
note. `show_kind` shows the fields of a kind and hides the rest; what is typed stays.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QLineEdit, QWidget

from app.model.types import ExceptionKind
from app.queries_exceptions import OrderMaterial
from app.routing.reasons import ReasonTree
from ui.exceptions.capture_section import stack_rows
from ui.exceptions.capture_words import (
    CHANGE_SOURCES,
    DEFECTS,
    ORDER_CHANGES,
    ORDER_KINDS,
    PRIORITIES,
)
from ui.exceptions.choices import ChoiceGrid, ReasonPicker, button_row, checked_key, say_label
from ui.i18n import tr, translated
from ui.widgets import label, set_flag

# The kinds whose choices are the order's materials.
MATERIAL_KINDS = (ExceptionKind.MATERIAL_SHORTAGE, ExceptionKind.SUBSTITUTE_MATERIAL)


@dataclass(frozen=True)
class DetailValues:
    """What the detail fields say, as typed (trimmed; the quantity as it stands)."""

    choice: str | None  # the choice tapped: a material, a defect, what changed, a priority
    summary: str
    substitute: str
    quantity: str
    note: str
    new_value: str
    reason: str
    source: str | None  # who asked for an order change
    category_picked: bool  # a downtime category is picked (its reason may not be)
    reason_code: str | None


def _line(name: str = "reasonInput") -> QLineEdit:
    line = QLineEdit()
    line.setObjectName(name)
    return line


class DetailSection(QWidget):
    """The choices, the reason tree, who asked, and the typed fields of the form's kind.

    Signals:
        sig_reason_chosen: a downtime reason was picked (the note is next, then Raise).
    """

    sig_reason_chosen = Signal()

    def __init__(self, reasons: ReasonTree, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = ExceptionKind.OTHER  # until the form shows its own (`show_kind`)
        # Choices: the order's materials (shortage, substitute), defects (quality hold),
        # what changed (order change), the new priority (priority shift).
        self.choice_title = label("fieldLabel")
        self.choices = ChoiceGrid()
        self.choices.sig_chosen.connect(self._on_choice_tapped)

        # Downtime: category, then reason (both stay on the form), then a note and Raise.
        self.category_title = label("fieldLabel")
        self.reason_picker = ReasonPicker(
            reasons, lambda category: tr("{category}: what exactly?").format(category=category)
        )
        self.reason_picker.sig_chosen.connect(self._on_reason_chosen)

        # Order change: who asked for it.
        self.source_title = label("fieldLabel")
        self.source_row, self.source_group, self.source_buttons = button_row(
            list(CHANGE_SOURCES), self
        )

        self.summary = _line()
        self.substitute = _line()
        self.quantity = _line()
        self.note = _line()
        self.note.setMaxLength(500)
        self.new_value = _line()
        self.reason = _line()
        self.summary_label = label("fieldLabel")
        self.substitute_label = label("fieldLabel")
        self.quantity_label = label("fieldLabel")
        self.new_value_label = label("fieldLabel")
        self.reason_label = label("fieldLabel")
        self.note_label = label("fieldLabel")
        fields = QGridLayout()
        fields.setHorizontalSpacing(12)
        fields.setVerticalSpacing(8)
        # The typed fields, captioned, in their order on the form.
        self._rows = (
            (self.summary_label, self.summary),
            (self.new_value_label, self.new_value),
            (self.reason_label, self.reason),
            (self.substitute_label, self.substitute),
            (self.quantity_label, self.quantity),
            (self.note_label, self.note),
        )
        for n, (caption, field) in enumerate(self._rows):
            fields.addWidget(caption, n, 0)
            fields.addWidget(field, n, 1)
        fields.setColumnStretch(1, 1)

        pickers = (self.choice_title, self.choices, self.category_title, self.reason_picker)
        layout = stack_rows(self, (*pickers, self.source_title, self.source_row))
        layout.addLayout(fields)  # the typed fields last

    # --- words ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        self.category_title.setText(tr("Why is the machine down?"))
        self.source_title.setText(tr("Who asked for the change?"))
        words = (  # (caption, placeholder) of each typed field, in `self._rows` order
            (tr("What happened"), tr("What happened, in a few words")),
            (tr("New value"), tr("The new quantity, date or specification")),
            (tr("Reason"), tr("Why the priority changes")),
            (tr("Use instead"), tr("Scan or type the item to use instead")),
            (tr("Quantity"), tr("How many (optional)")),
            (tr("Note"), tr("Note (optional)")),
        )
        for (caption, field), (caption_text, placeholder) in zip(self._rows, words, strict=True):
            caption.setText(caption_text)
            field.setPlaceholderText(placeholder)
        for button in self.source_buttons.values():
            say_label(button)
        self._say_choice_title()

    def _say_choice_title(self) -> None:
        titles = {
            ExceptionKind.MATERIAL_SHORTAGE: tr("Which material is short?"),
            ExceptionKind.SUBSTITUTE_MATERIAL: tr("Which material is replaced?"),
            ExceptionKind.QUALITY_HOLD: tr("What is wrong?"),
            ExceptionKind.ORDER_CHANGE: tr("What changed?"),
            ExceptionKind.PRIORITY_SHIFT: tr("New priority"),
        }
        self.choice_title.setText(titles.get(self.kind, ""))

    # --- the fields of a kind -------------------------------------------------------------

    def show_kind(self, kind: ExceptionKind) -> None:
        """Show the fields of `kind` (again, when a logged call changes its kind); the
        materials are offered apart (`offer_materials`), from the form's context."""
        self.kind = kind
        downtime = kind is ExceptionKind.MACHINE_DOWNTIME
        order_change = kind is ExceptionKind.ORDER_CHANGE
        priority = kind is ExceptionKind.PRIORITY_SHIFT
        self._say_choice_title()
        if not downtime:
            self.reason_picker.reset()
        self.category_title.setVisible(downtime)
        self.reason_picker.setVisible(downtime)
        self.choice_title.setVisible(not downtime and kind is not ExceptionKind.OTHER)
        self.choices.setVisible(not downtime and kind is not ExceptionKind.OTHER)
        shown: tuple[QWidget, ...] = (
            self.source_title,
            self.source_row,
            self.new_value,
            self.new_value_label,
        )
        for widget in shown:
            widget.setVisible(order_change)
        self.reason.setVisible(priority)
        self.reason_label.setVisible(priority)
        if not (
            kind in MATERIAL_KINDS or kind is ExceptionKind.QUALITY_HOLD or order_change or priority
        ):
            self.choices.clear()
        shows_summary = kind in (ExceptionKind.QUALITY_HOLD, ExceptionKind.OTHER)
        self.summary.setVisible(shows_summary)
        self.summary_label.setVisible(shows_summary)
        self.substitute.setVisible(kind is ExceptionKind.SUBSTITUTE_MATERIAL)
        self.substitute_label.setVisible(kind is ExceptionKind.SUBSTITUTE_MATERIAL)
        shows_quantity = kind not in (ExceptionKind.MACHINE_DOWNTIME, *ORDER_KINDS)
        self.quantity.setVisible(shows_quantity)
        self.quantity_label.setVisible(shows_quantity)
        if kind is ExceptionKind.QUALITY_HOLD:
            self.choices.set_choices([(d, d) for d in DEFECTS])
        elif order_change:
            self.choices.set_choices(ORDER_CHANGES)
        elif priority:
            self.choices.set_choices(PRIORITIES)

    def offer_materials(self, materials: Sequence[OrderMaterial], short_item: str | None) -> bool:
        """The order's materials as the choices, `short_item` first and picked (added when
        the order lacks it); whether there is any to offer."""
        offered = list(materials)
        if short_item is not None and all(m.item != short_item for m in offered):
            offered.insert(0, OrderMaterial(short_item, "", 0.0))
        offered.sort(key=lambda m: m.item != short_item)  # the short one first
        self.choices.set_choices(
            [(m.item, f"{m.item}\n{m.name}" if m.name else m.item) for m in offered],
            preselect=offered[0].item if offered else None,
            translate=False,  # item codes and names: data
        )
        return bool(offered)

    def pick_material(self, item: str, width: int) -> None:
        """`item` (scanned) is the material meant: picked, offered first when it is not."""
        if item not in self.choices.buttons:
            self.choices.add(item, item, translate=False)
            self.choices.regrid(width)
        self.choices.check(item)

    def regrid(self, width: int) -> None:
        """Choice buttons in as many columns as `width` lets their labels fit."""
        self.choices.regrid(width)
        self.reason_picker.regrid(width)

    # --- reading --------------------------------------------------------------------------

    def selected_choice(self) -> str | None:
        return self.choices.checked()

    def values(self) -> DetailValues:
        return DetailValues(
            choice=self.selected_choice(),
            summary=self.summary.text().strip(),
            substitute=self.substitute.text().strip(),
            quantity=self.quantity.text(),
            note=self.note.text().strip(),
            new_value=self.new_value.text().strip(),
            reason=self.reason.text().strip(),
            source=checked_key(self.source_group),
            category_picked=self.reason_picker.category is not None,
            reason_code=self.reason_picker.reason_code,
        )

    def _on_choice_tapped(self, key: str) -> None:
        if self.kind is ExceptionKind.QUALITY_HOLD:
            self.summary.setText(translated(key))  # the defect, in the person's words

    def _on_reason_chosen(self, _code: str) -> None:
        set_flag(self.reason_picker.reasons, "error", False)
        self.sig_reason_chosen.emit()
