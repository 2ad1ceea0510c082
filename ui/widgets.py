"""Small helpers shared by the screens, and the one dialog that asks for a reason."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from PySide6.QtCore import (
    Property,
    QEasingCurve,
    QEvent,
    QObject,
    QPoint,
    QPropertyAnimation,
    QSignalBlocker,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QDialog,
    QFrame,
    QGraphicsOpacityEffect,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ui.common.errors import error_text
from ui.i18n import on_language_change, tr

Column = TypeVar("Column", bound=int)  # a table's column: an int or an IntEnum of them


def fill_combo(combo: QComboBox, items: Sequence[tuple[str, object]]) -> None:
    """Replace a combo's (text, data) items, only if they changed, without signalling."""
    if [combo.itemData(i) for i in range(combo.count())] == [data for _, data in items]:
        return
    with QSignalBlocker(combo):
        combo.clear()
        for text, data in items:
            combo.addItem(text, data)


def select_data(combo: QComboBox, data: object) -> None:
    """Show the item holding `data` without signalling: the program chose it, not a person."""
    index = combo.findData(data)
    if index >= 0 and index != combo.currentIndex():
        with QSignalBlocker(combo):
            combo.setCurrentIndex(index)


def set_flag(widget: QWidget, name: str, value: bool) -> None:
    """Set a boolean property QSS styles by (e.g. `error`), and restyle the widget."""
    if bool(widget.property(name)) == value:
        return
    widget.setProperty(name, value)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def configure_row_table(table: QTableView, row_height: int) -> None:
    """A read-only list of rows picked one at a time, rows of one fixed height.

    Fixed heights: ResizeToContents would walk every row on each board change.
    """
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    vertical = table.verticalHeader()
    vertical.setVisible(False)
    vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    vertical.setDefaultSectionSize(row_height)


def fit_headings(
    table: QTableView, widths: Mapping[Column, int], give: Column | None = None
) -> None:
    """Set the columns' `widths`, each at least as wide as its heading needs (in this
    language: call it again after a switch); what the headings take more, column `give`
    (data that elides) gives back, down to half its width. A stretched column (the last
    one, or `give` left out) takes the rest."""
    header = table.horizontalHeader()
    header.ensurePolished()
    extra = 0
    for column, width in widths.items():
        needed = max(width, header.sectionSizeHint(column))
        if column != give:
            extra += needed - width
            table.setColumnWidth(column, needed)
    if give is None:
        return
    least = max(widths[give] // 2, header.sectionSizeHint(give))
    table.setColumnWidth(give, max(least, widths[give] - extra))


class DialogFooter:
    """The end of a form dialog: the line that says what is wrong, then Cancel and the
    action. Neither button is a default one: Enter belongs to the fields (a scanner ends
    with Enter), so only a tap or click on the action submits."""

    def __init__(
        self,
        dialog: QDialog,
        action: str,
        on_action: Callable[[], None],
        *,
        cancel_text: str | None = None,  # "Back" where the action itself is a cancelling
    ) -> None:
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.cancel = QPushButton(cancel_text or tr("Cancel"))
        self.cancel.setObjectName("secondary")
        self.cancel.setAutoDefault(False)
        self.cancel.clicked.connect(dialog.reject)
        self.ok = QPushButton(action)
        self.ok.setObjectName("primary")
        self.ok.setAutoDefault(False)
        self.ok.clicked.connect(on_action)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)
        self.buttons.addWidget(self.cancel)
        self.buttons.addWidget(self.ok)

    def add_to(self, layout: QBoxLayout) -> None:
        layout.addWidget(self.error)
        layout.addLayout(self.buttons)

    def set_texts(self, action: str, cancel_text: str | None = None) -> None:
        """Say the buttons again (a dialog's `retranslate`)."""
        self.ok.setText(action)
        self.cancel.setText(cancel_text or tr("Cancel"))


def field_grid(rows: Sequence[tuple[str, QWidget]]) -> QGridLayout:
    """Labelled fields, one per row (the label is the field's buddy: Alt+letter works)."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(16)
    grid.setVerticalSpacing(12)
    for row, (text, field) in enumerate(rows):
        label = QLabel(text)
        label.setObjectName("fieldLabel")
        label.setBuddy(field)
        grid.addWidget(label, row, 0)
        grid.addWidget(field, row, 1)
    grid.setRowStretch(len(rows), 1)
    return grid


def set_field_labels(grid: QGridLayout, texts: Sequence[str]) -> None:
    """Say the labels of a `field_grid` again, in its order (a dialog's `retranslate`)."""
    for row, text in enumerate(texts):
        item = grid.itemAtPosition(row, 0)
        label = item.widget() if item is not None else None
        if isinstance(label, QLabel):
            label.setText(text)


class ThemedTable(QTableView):
    """A table whose row height the theme sets (`qproperty-rowSize: 52;` in its QSS rule):
    touch-sized rows on a kiosk, compact ones on a desk."""

    def _row_size(self) -> int:
        return self.verticalHeader().defaultSectionSize()

    def _set_row_size(self, size: int) -> None:
        self.verticalHeader().setDefaultSectionSize(size)

    rowSize = Property(int, _row_size, _set_row_size)


def make_table(name: str) -> QTableView:
    """A read-only list of whole rows, one picked at a time, that fits its width."""
    table = ThemedTable()
    table.setObjectName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setHighlightSections(False)
    return table


def label(name: str, text: str = "", *, wrap: bool = False) -> QLabel:
    """A label whose object name picks its QSS look (heading, hint, fieldLabel, ...)."""
    widget = QLabel(text)
    widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget


def command_button(text: str, name: str = "") -> QPushButton:
    """A screen's command button; `name` picks its QSS look (primary, secondary)."""
    button = QPushButton(text)
    if name:
        button.setObjectName(name)
    return button


# --- forms that fit the screen ----------------------------------------------------------

DIALOG_MARGIN = 16  # a dialog keeps this much of the window around it


def scroll_body(body: QWidget, name: str = "formScroll") -> QScrollArea:
    """The fields of a long form in a vertical scroll area (the footer stays outside it)."""
    body.setObjectName(body.objectName() or "formBody")
    scroll = QScrollArea()
    scroll.setObjectName(name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    scroll.setWidget(body)
    return scroll


def scroll_form(dialog: QDialog, body: QWidget, footer: DialogFooter | None = None) -> QScrollArea:
    """Lay `dialog` out as a scrolling `body` over an always visible footer."""
    scroll = scroll_body(body)
    layout = QVBoxLayout(dialog)
    layout.setContentsMargins(20, 12, 20, 12)
    layout.setSpacing(8)
    layout.addWidget(scroll, 1)
    if footer is not None:
        footer.add_to(layout)
    return scroll


def no_default_buttons(widget: QWidget) -> None:
    """No push button under `widget` takes Enter: Enter belongs to the fields (a scanner
    ends every code with it), only a tap or click presses a button."""
    for button in widget.findChildren(QPushButton):
        button.setAutoDefault(False)
        button.setDefault(False)


def window_bounds(host: QWidget | None) -> tuple[QPoint, QSize]:
    """Where a dialog over `host` may be: its window (a kiosk runs full screen), else the
    screen's free area."""
    if host is not None and host.window().isVisible():
        window = host.window()
        return window.mapToGlobal(QPoint(0, 0)), window.size()
    screen = host.screen() if host is not None else None
    if screen is None:
        from PySide6.QtGui import QGuiApplication

        screen = QGuiApplication.primaryScreen()
    area = screen.availableGeometry()
    return area.topLeft(), area.size()


def fit_to_window(
    dialog: QDialog,
    host: QWidget | None,
    *,
    width: int | None = None,
    scroll: QScrollArea | None = None,
) -> None:
    """Size `dialog` to what it wants, but never past the window it opens over (its long
    forms scroll instead), and centre it there. With its `scroll` area, it wants room for
    all of the scrolled form (a scroll area alone asks for a few lines)."""
    origin, bounds = window_bounds(host)
    room = QSize(
        max(200, bounds.width() - 2 * DIALOG_MARGIN), max(200, bounds.height() - 2 * DIALOG_MARGIN)
    )
    dialog.ensurePolished()
    for child in dialog.findChildren(QWidget):
        child.ensurePolished()  # the theme's sizes, before the dialog is first shown
    dialog.setMaximumSize(room)
    hint = dialog.sizeHint()
    wanted = QSize(width if width is not None else hint.width(), hint.height())
    body = scroll.widget() if scroll is not None else None
    if scroll is not None and body is not None:
        # As tall as the form is at the width it gets (wrapped lines take fewer rows).
        inner = min(wanted.width(), room.width()) - (hint.width() - scroll.sizeHint().width())
        tall = body.heightForWidth(inner) if body.hasHeightForWidth() else -1
        tall = tall if tall > 0 else body.sizeHint().height()
        frame = 2 * scroll.frameWidth()
        wanted.setHeight(hint.height() - scroll.sizeHint().height() + tall + frame)
    size = wanted.boundedTo(room).expandedTo(QSize(min(room.width(), 480), 0))
    dialog.resize(size)
    dialog.move(
        origin.x() + (bounds.width() - size.width()) // 2,
        origin.y() + (bounds.height() - size.height()) // 2,
    )


class Toast(QLabel):
    """Feedback floating over the bottom of its parent: a fixed place, outside every
    layout (a message never reflows the screen), fading out after a while.

    `text()` keeps the last message after it faded; `shown()` says whether it is up.
    """

    HOLD_MS = 6_000
    ERROR_HOLD_MS = 12_000
    FADE_MS = 700

    def __init__(self, parent: QWidget, name: str = "toast") -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self._effect = QGraphicsOpacityEffect(self)
        self._effect.setOpacity(1.0)
        self.setGraphicsEffect(self._effect)
        self._fade = QPropertyAnimation(self._effect, b"opacity", self)
        self._fade.setDuration(self.FADE_MS)
        self._fade.setStartValue(1.0)
        self._fade.setEndValue(0.0)
        self._fade.setEasingCurve(QEasingCurve.Type.InQuad)
        self._fade.finished.connect(self.hide)
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.timeout.connect(self._fade.start)
        parent.installEventFilter(self)
        self.hide()

    def show_text(self, text: str, *, error: bool = False) -> None:
        self._fade.stop()
        self._hold.stop()
        self.setText(text)
        self.setProperty("error", error)
        self.style().unpolish(self)
        self.style().polish(self)
        if not text:
            self.hide()
            return
        self._effect.setOpacity(1.0)
        self._place()
        self.show()
        self.raise_()
        self._hold.start(self.ERROR_HOLD_MS if error else self.HOLD_MS)

    def say_again(self, text: str) -> None:
        """The same message in other words (the language changed): still showing, it stays
        up as long again; faded, it is only kept."""
        if self.shown():
            self.show_text(text, error=bool(self.property("error")))
        else:
            self.setText(text)

    def shown(self) -> bool:
        return self.isVisible() and self._effect.opacity() > 0.0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self._place()
        return super().eventFilter(watched, event)

    def _place(self) -> None:
        parent = self.parentWidget()
        if parent is None:
            return
        width = max(200, min(parent.width() - 48, 1400))
        height = min(self.heightForWidth(width), parent.height() // 3)
        self.setGeometry(
            (parent.width() - width) // 2, parent.height() - height - 16, width, max(height, 1)
        )


# --- a decision kept with a reason ------------------------------------------------------

MIN_REASON_WORDS = 3  # a reason says something: a few words, not "ok"


def reason_is_enough(text: str) -> bool:
    return len(text.split()) >= MIN_REASON_WORDS


@dataclass(frozen=True)
class ReasonWords:
    """What a reason dialog says, in the current language (made again after a switch)."""

    title: str
    explanation: str  # what the decision is about ("" for nothing)
    reason_label: str  # "Reason (kept with ...)": where the reason will be read
    placeholder: str  # an example of a good reason
    action: str  # the action's button
    heading: str = ""  # the title when empty
    busy: str = ""  # the action's button while the command runs: "Saving…" when empty
    cancel: str = ""  # "Cancel" when empty ("Back" where the action itself cancels)


def _add(layout: QBoxLayout, part: QWidget | QLayout) -> None:
    if isinstance(part, QLayout):
        layout.addLayout(part)
    else:
        layout.addWidget(part)


class ReasonDialog(QDialog):
    """A decision kept with a reason: a heading, what the decision is about, the caller's
    own content (`add_content`), a reason with the rule it must meet, then the error line,
    Cancel and the action. The action stays disabled until the reason has a few words
    (and every `require`d check holds); the body scrolls on a short screen, the buttons
    stay in view.

    The dialog does not run the command: the action emits `sig_submitted` with
    `submission()` and the caller answers with `accept`, or `show_error` (what was typed
    stays; the error is said again after a language switch).

    `words` makes the texts with `tr()`; it is called again when the language changes. A
    subclass with more words of its own says them in its `retranslate` (after this one's)
    and calls it at the end of its `__init__`.

    Signals:
        sig_submitted: carries `submission()` (the reason, unless a subclass says more).
    """

    sig_submitted = Signal(object)

    def __init__(
        self,
        words: Callable[[], ReasonWords],
        parent: QWidget | None = None,
        *,
        name: str = "reasonDialog",
        explanation_name: str = "hint",
        width: int = 720,
    ) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModal(True)
        self._words = words
        self._width = width
        self._busy = False
        self._action = ""
        self._busy_text = ""
        self._checks: list[Callable[[], bool]] = []
        self._error: Exception | str | None = None  # what the error line says
        self._marked: list[QWidget] = []  # the fields flagged as wrong

        self.heading = label("heading", wrap=True)
        self.explanation = label(explanation_name, wrap=True)
        self.content = QVBoxLayout()
        self.content.setSpacing(8)
        self.reason_label = label("fieldLabel")
        self.reason = QLineEdit()
        self.reason.setObjectName("reasonInput")
        self.reason.setProperty("field", "reason")
        self.reason.textChanged.connect(self.update_ok)
        self.reason.returnPressed.connect(self._on_ok_clicked)
        self.reason_label.setBuddy(self.reason)
        self.hint = label("hint", wrap=True)
        self.footer = DialogFooter(self, "", self._on_ok_clicked)
        self.error, self.cancel, self.ok = self.footer.error, self.footer.cancel, self.footer.ok

        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 8, 0)
        column.setSpacing(10)
        parts: tuple[QWidget | QLayout, ...] = (
            self.heading,
            self.explanation,
            self.content,
            self.reason_label,
            self.reason,
            self.hint,
        )
        for part in parts:
            _add(column, part)
        column.addStretch(1)
        self.form_scroll = scroll_form(self, body, self.footer)
        ReasonDialog.retranslate(self)  # this class's words: a subclass says its own after
        on_language_change(self, self.retranslate)
        self.reason.setFocus()

    def retranslate(self) -> None:
        words = self._words()
        self.setWindowTitle(words.title)
        self.heading.setText(words.heading or words.title)
        self.explanation.setText(words.explanation)
        self.explanation.setHidden(not words.explanation)
        self.reason_label.setText(words.reason_label)
        self.reason.setPlaceholderText(words.placeholder)
        self.hint.setText(tr("Say why in at least {n} words.").format(n=MIN_REASON_WORDS))
        self._action = words.action
        self._busy_text = words.busy or tr("Saving…")
        self.footer.set_texts(words.action, words.cancel or None)
        if self._error is not None:
            self.error.setText(self.error_text(self._error))
        self.update_ok()

    # --- for subclasses ---------------------------------------------------------------------

    def add_content(self, content: QWidget | QLayout) -> None:
        """Put `content` between the explanation and the reason."""
        _add(self.content, content)

    def require(self, check: Callable[[], bool], changed: Any = None) -> None:
        """The action also needs `check()` to hold; `changed` (a signal) says when to ask."""
        self._checks.append(check)
        if changed is not None:
            changed.connect(self.update_ok)
        self.update_ok()

    def submission(self) -> object:
        return self.reason_text()

    def error_text(self, error: Exception | str) -> str:
        """The error line's words for `error` (a subclass names its own fields)."""
        return error_text(error)

    # --- for the caller ---------------------------------------------------------------------

    def open(self) -> None:
        no_default_buttons(self)
        width = max(self._width, self.sizeHint().width())
        fit_to_window(self, self.parentWidget(), width=width, scroll=self.form_scroll)
        super().open()

    def reason_text(self) -> str:
        return " ".join(self.reason.text().split())

    def show_error(self, error: Exception | str, invalid: Sequence[QWidget] = ()) -> None:
        """The command was refused: say why, flag the `invalid` fields (the first one gets
        the focus, else the reason) and keep what was typed, to correct and try again."""
        self._busy = False
        self._error = error
        self.error.setText(self.error_text(error))
        for widget in dict.fromkeys([*self._marked, *invalid]):
            set_flag(widget, "error", widget in invalid)
        self._marked = list(invalid)
        self.update_ok()
        (invalid[0] if invalid else self.reason).setFocus()

    # --- the action -------------------------------------------------------------------------

    def update_ok(self, *_: object) -> None:
        ready = reason_is_enough(self.reason.text()) and all(c() for c in self._checks)
        self.ok.setEnabled(ready and not self._busy)
        self.ok.setText(self._busy_text if self._busy else self._action)

    def _on_ok_clicked(self) -> None:
        if not self.ok.isEnabled():
            return
        self._busy = True
        self._error = None
        self.error.clear()
        self.update_ok()
        self.sig_submitted.emit(self.submission())
