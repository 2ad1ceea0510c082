"""Small helpers shared by the screens."""

from __future__ import annotations

from collections.abc import Callable, Sequence

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
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)


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
        cancel_text: str = "Cancel",  # "Back" where the action itself is a cancelling
    ) -> None:
        self.error = QLabel("")
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.cancel = QPushButton(cancel_text)
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


def fit_to_window(dialog: QDialog, host: QWidget | None, *, width: int | None = None) -> None:
    """Size `dialog` to what it wants, but never past the window it opens over (its long
    forms scroll instead), and centre it there."""
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
