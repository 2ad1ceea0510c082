"""Big touch buttons for picking one of a few: a row, a grid, and a reason tree; and a
row of buttons that wraps (`WrapLayout`, `wrap_row`) when their words need the room.

The capture forms and the command forms pick the same way: one tap on a big checkable
button (`choiceButton` in the themes: 72 px high on a kiosk). A `ChoiceGrid` lays its
buttons in as many columns (up to `COLUMNS`) as let every label fit; a `ReasonPicker`
shows a two-level tree (resources/routing/*.toml) as a grid of categories and, once one
is tapped, a grid of its reasons under it. The downtime capture needs a reason; a
resolution's root cause may be a category alone (`category_counts`). A `button_row` (and
any `wrap_row`, such as the inbox's commands) keeps one row while its texts fit and wraps
into evenly filled rows when they do not, in whatever language they are said.

A button keeps the label it was given (English, from a table or a resource file) and
says it with `translated` again when the language changes; labels that are data (item
codes and names) are shown as they are.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QObject, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from app.routing.reasons import ReasonCategory, ReasonTree
from ui.i18n import on_language_change, translated
from ui.widgets import set_flag

COLUMNS = 3  # choice buttons per row, at most: fewer when a label would not fit
ROOM = 1000  # the width a grid lays out for before it is on screen (a kiosk's form)


def choice_button(
    label: str, key: str, *, name: str = "choiceButton", translate: bool = True
) -> QPushButton:
    """A big checkable button saying `label` (in the current language unless it is data)."""
    button = QPushButton()
    button.setObjectName(name)
    button.setCheckable(True)
    button.setAutoDefault(False)  # Enter (a scanner's) never presses a choice
    # A long label wraps the grid's columns narrower, never wider than the dialog.
    button.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    button.setMinimumWidth(120)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the scan field keeps the focus
    button.setProperty("key", key)
    button.setProperty("label", label)
    button.setProperty("translate", translate)
    say_label(button)
    return button


def say_label(button: QAbstractButton) -> None:
    """(Re)set a choice button's text from the label it keeps."""
    label = str(button.property("label") or "")
    button.setText(translated(label) if button.property("translate") else label)


def button_row(
    choices: Sequence[tuple[str, str]], owner: QObject, *, name: str = "choiceButton"
) -> tuple[QFrame, QButtonGroup, dict[str, QPushButton]]:
    """A row of exclusive checkable buttons, keyed; the group's ids are the positions.
    The row wraps into more rows (of equal columns) when the labels need the room."""
    row = QFrame()
    row.setObjectName("choiceRow")
    layout = WrapLayout(row, uniform=True)
    group = QButtonGroup(owner)
    group.setExclusive(True)
    buttons: dict[str, QPushButton] = {}
    for n, (key, label) in enumerate(choices):
        button = choice_button(label, key, name=name)
        group.addButton(button, n)
        layout.addWidget(button)
        buttons[key] = button
    return row, group, buttons


class WrapLayout(QLayout):
    """Widgets in a row that wraps into as many rows as their widths need.

    The row takes as many columns as fit its width, the rows filled evenly (seven buttons
    that do not fit in one row make rows of four and three, not six and one). A column is
    as wide as its widest widget; with `uniform` every column is as wide as the widest
    widget and the columns share the whole width (big choice buttons). A widget's width is
    what its text needs (its size hint, even under an Ignored size policy), so no text is
    ever cut while the row can wrap; the leftover width goes where `align` says.
    Hidden widgets take no place.
    """

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 8,
        uniform: bool = False,
        align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.uniform = uniform
        self.align = align
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    # --- QLayout ----------------------------------------------------------------------------

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation.Horizontal  # the leftover width is the row's (see `align`)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), place=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, place=True)

    def sizeHint(self) -> QSize:
        """Everything in one row."""
        sizes = [_natural(item) for item in self._shown()]
        if not sizes:
            return self._margins(QSize(0, 0))
        widths = [s.width() for s in sizes]
        if self.uniform:
            widths = [max(widths)] * len(widths)
        width = sum(widths) + (len(widths) - 1) * self._gap()
        return self._margins(QSize(width, max(s.height() for s in sizes)))

    def minimumSize(self) -> QSize:
        """One widget a row (the height follows from the width: `heightForWidth`)."""
        sizes = [_natural(item) for item in self._shown()]
        if not sizes:
            return self._margins(QSize(0, 0))
        return self._margins(QSize(max(s.width() for s in sizes), max(s.height() for s in sizes)))

    # --- the arrangement --------------------------------------------------------------------

    def columns(self, width: int) -> int:
        """How many columns the shown widgets take in `width` (rows filled evenly)."""
        widths = [_natural(item).width() for item in self._shown()]
        for columns in range(len(widths), 1, -1):
            rows = -(-len(widths) // columns)
            even = -(-len(widths) // rows)
            if self._width(widths, even) <= width:
                return even
        return 1

    def _width(self, widths: list[int], columns: int) -> int:
        if self.uniform:
            return columns * max(widths) + (columns - 1) * self._gap()
        return sum(self._column_widths(widths, columns)) + (columns - 1) * self._gap()

    @staticmethod
    def _column_widths(widths: list[int], columns: int) -> list[int]:
        return [max(widths[c::columns]) for c in range(columns)]

    def _arrange(self, rect: QRect, *, place: bool) -> int:
        """Lay the shown widgets out in `rect` (when `place`); returns the height needed."""
        margins = self.contentsMargins()
        top, bottom = margins.top(), margins.bottom()
        area = rect.marginsRemoved(margins)
        items = self._shown()
        if not items:
            return top + bottom
        gap = self._gap()
        sizes = [_natural(item) for item in items]
        columns = self.columns(area.width())
        if self.uniform:
            each, left_over = divmod(max(columns, area.width() - (columns - 1) * gap), columns)
            column_widths = [each + (c < left_over) for c in range(columns)]
        else:
            column_widths = self._column_widths([s.width() for s in sizes], columns)
            column_widths = [min(w, area.width()) for w in column_widths]
        used = sum(column_widths) + (columns - 1) * gap
        x0 = area.x()
        if self.align & Qt.AlignmentFlag.AlignRight:
            x0 += max(0, area.width() - used)
        elif self.align & Qt.AlignmentFlag.AlignHCenter:
            x0 += max(0, area.width() - used) // 2
        y = area.y()
        for start in range(0, len(items), columns):
            end = start + columns
            row = list(zip(items[start:end], sizes[start:end], strict=True))
            height = max(size.height() for _, size in row)
            if place:
                x = x0
                for column, (item, size) in enumerate(row):
                    tall = min(height, size.height())
                    item.setGeometry(
                        QRect(x, y + (height - tall) // 2, column_widths[column], tall)
                    )
                    x += column_widths[column] + gap
            y += height + gap
        return y - gap - area.y() + top + bottom

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _gap(self) -> int:
        return max(0, self.spacing())

    def _margins(self, size: QSize) -> QSize:
        return size.grownBy(self.contentsMargins())


def _natural(item: QLayoutItem) -> QSize:
    """What a widget's text needs: its size hint, even when its policy ignores the hint."""
    widget = item.widget()
    if widget is None:
        return item.sizeHint()
    hint = widget.sizeHint().expandedTo(widget.minimumSizeHint())
    return hint.expandedTo(widget.minimumSize()).boundedTo(widget.maximumSize())


def wrap_row(
    widgets: Sequence[QWidget],
    name: str = "",
    *,
    uniform: bool = False,
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft,
    spacing: int = 8,
) -> QWidget:
    """`widgets` in a row that wraps into more rows when their texts need the room."""
    row = QWidget()
    if name:
        row.setObjectName(name)
    layout = WrapLayout(row, spacing=spacing, uniform=uniform, align=align)
    for widget in widgets:
        layout.addWidget(widget)
    return row


def regrid(grid: QGridLayout, buttons: list[QPushButton], width: int) -> None:
    """Place `buttons` in as many columns (up to COLUMNS) as let every label fit `width`."""
    if not buttons:
        return
    spacing = grid.horizontalSpacing()
    widest = max(b.sizeHint().width() for b in buttons)
    columns = COLUMNS
    while columns > 1 and columns * widest + (columns - 1) * spacing > width:
        columns -= 1
    for button in buttons:
        grid.removeWidget(button)
    for n, button in enumerate(buttons):
        grid.addWidget(button, n // columns, n % columns)
    for column in range(COLUMNS):
        grid.setColumnStretch(column, 1 if column < columns else 0)


def checked_key(group: QButtonGroup) -> str | None:
    button = group.checkedButton()
    return str(button.property("key")) if button is not None else None


class ChoiceGrid(QFrame):
    """One of a few, as a grid of big buttons; `error` (QSS) marks it when it is missing.

    Signals:
        sig_chosen: a person tapped a choice; carries its key.
    """

    sig_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None, *, spacing: int = 10) -> None:
        super().__init__(parent)
        self.setObjectName("choiceGrid")
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(spacing)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.group.buttonClicked.connect(
            lambda button: self.sig_chosen.emit(str(button.property("key")))
        )
        self.buttons: dict[str, QPushButton] = {}
        on_language_change(self, self.retranslate)

    def set_choices(
        self,
        choices: Sequence[tuple[str, str]],
        preselect: str | None = None,
        *,
        translate: bool = True,
    ) -> None:
        """Offer (key, label) choices instead of the ones shown; `preselect` is checked."""
        self.clear()
        for key, label in choices:
            self.add(key, label, translate=translate)
        if preselect is not None:
            self.check(preselect)

    def add(self, key: str, label: str, *, translate: bool = True) -> QPushButton:
        button = choice_button(label, key, translate=translate)
        n = len(self.buttons)
        self.group.addButton(button)
        self.grid.addWidget(button, n // COLUMNS, n % COLUMNS)
        self.buttons[key] = button
        self.regrid()
        if self.isVisible():
            button.show()  # added to a form on screen: hidden until shown
        return button

    def clear(self) -> None:
        for button in self.buttons.values():
            self.group.removeButton(button)
            self.grid.removeWidget(button)
            button.hide()
            button.deleteLater()
        self.buttons = {}

    def checked(self) -> str | None:
        return checked_key(self.group)

    def check(self, key: str) -> bool:
        button = self.buttons.get(key)
        if button is not None:
            button.setChecked(True)
        return button is not None

    def uncheck(self) -> None:
        """No choice made (an exclusive group keeps one checked unless told otherwise)."""
        self.group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self.group.setExclusive(True)

    def regrid(self, width: int | None = None) -> None:
        regrid(self.grid, list(self.buttons.values()), width or self.room())

    def room(self) -> int:
        """The width the buttons have: the form's, once it is on screen."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QScrollArea):
            parent = parent.parentWidget()
        if parent is not None and self.window().isVisible():
            width = parent.viewport().width() - 8
            if width > 0:
                return width
        return ROOM

    def retranslate(self) -> None:
        for button in self.buttons.values():
            say_label(button)
        self.regrid()


class ReasonPicker(QWidget):
    """A reason tree as touch buttons: a category, then one of its reasons under it.

    The categories stay on screen; tapping another shows its reasons instead. With
    `category_counts`, a category alone is an answer too (a resolution's root cause):
    tapping the picked category again drops the reason picked under it.

    Signals:
        sig_chosen: a person picked; carries the code (see `value`).
    """

    sig_chosen = Signal(str)

    def __init__(
        self,
        tree: ReasonTree,
        reason_title: Callable[[str], str],
        *,
        category_counts: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`reason_title(category label)`: the words over a category's reasons."""
        super().__init__(parent)
        self.setObjectName("reasonPicker")
        self.tree = tree
        self.category_counts = category_counts
        self._reason_title = reason_title
        self.category: ReasonCategory | None = None
        self.reason_code: str | None = None
        self.categories = ChoiceGrid()
        self.reason_title = QLabel("")
        self.reason_title.setObjectName("fieldLabel")
        self.reason_title.setWordWrap(True)
        self.reasons = ChoiceGrid()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.categories)
        layout.addWidget(self.reason_title)
        layout.addWidget(self.reasons)
        self.reason_title.setVisible(False)
        self.reasons.setVisible(False)
        self.categories.set_choices([(c.code, c.label) for c in tree.categories])
        self.categories.sig_chosen.connect(self._on_category_tapped)
        self.reasons.sig_chosen.connect(self._on_reason_tapped)
        on_language_change(self, self.retranslate)

    def value(self) -> str | None:
        """The reason's code; else the category's, when a category alone counts."""
        if self.reason_code is not None:
            return self.reason_code
        if self.category_counts and self.category is not None:
            return self.category.code
        return None

    def select(self, code: str) -> bool:
        """Show `code` (a category's or a reason's) picked; False when the tree lacks it."""
        category = self.tree.category(code.partition("/")[0])
        reason = self.tree.reason(code)
        if category is None or (reason is None and code != category.code):
            return False
        self.show_reasons(category)
        if reason is not None:
            self.reasons.check(reason.code)
            self.reason_code = reason.code
        elif self.reason_code is not None:
            self.reasons.uncheck()
            self.reason_code = None
        return True

    def show_reasons(self, category: ReasonCategory) -> None:
        """The second level: the category's reasons under it (the categories stay)."""
        self.categories.check(category.code)
        if self.category is category and self.reasons.buttons:
            return
        self.category = category
        self.reason_code = None
        self.reasons.set_choices([(r.code, r.label) for r in category.reasons])
        self.reason_title.setVisible(True)
        self.reasons.setVisible(True)
        for button in self.reasons.buttons.values():
            button.setVisible(True)
        self._say_reason_title()
        set_flag(self.reasons, "error", False)
        set_flag(self.categories, "error", False)

    def reset(self) -> None:
        """Nothing picked, no reasons shown."""
        self.reasons.clear()
        self.categories.uncheck()
        self.category = None
        self.reason_code = None
        self.reason_title.setVisible(False)
        self.reasons.setVisible(False)

    def regrid(self, width: int | None = None) -> None:
        self.categories.regrid(width)
        self.reasons.regrid(width)

    def retranslate(self) -> None:
        self._say_reason_title()

    def _say_reason_title(self) -> None:
        category = self.category
        self.reason_title.setText(
            self._reason_title(translated(category.label)) if category is not None else ""
        )

    def _on_category_tapped(self, code: str) -> None:
        category = self.tree.category(code)
        if category is None:
            return
        if self.category_counts and category is self.category and self.reason_code is not None:
            self.reasons.uncheck()  # the category alone, after all
            self.reason_code = None
        self.show_reasons(category)
        if self.category_counts:
            self.sig_chosen.emit(category.code)

    def _on_reason_tapped(self, code: str) -> None:
        self.reason_code = code
        set_flag(self.reasons, "error", False)
        self.sig_chosen.emit(code)
