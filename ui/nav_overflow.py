"""The navigation bar's screens that do not fit go under one "More" button.

A supervisor's bar offers ten screens; at a kiosk's 1280 pixels, in German or Polish,
they do not all fit at full size (and a cut "Einstellu…" is no touch target). So the bar
shows the screens it has room for, in their order, and the rest in the menu of a "More"
button; which ones give way first is a priority of its own (settings before the lane).
The More button shows itself checked while the current screen is one of those in it.

Who may see a screen (a person's role) is said with `offer`; whether it is on the bar or
under More is this module's business alone.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QBoxLayout, QMenu, QPushButton, QWidget

from ui.i18n import tr


class NavOverflow(QObject):
    """Keeps `buttons` (in the bar's order) on `bar` as room allows, the rest in a menu.

    `give_way` lists the same buttons in the order they leave the bar when room runs out.
    `tail` are the bar's widgets after the buttons that always stay (language, log out);
    `flexible` is the one that shrinks (the person's name) down to `flexible_min` pixels.
    """

    def __init__(
        self,
        bar: QWidget,
        layout: QBoxLayout,
        buttons: Sequence[QPushButton],
        give_way: Sequence[QPushButton],
        tail: Sequence[QWidget],
        flexible_min: int = 80,
    ) -> None:
        super().__init__(bar)
        assert set(give_way) == set(buttons)
        self.bar = bar
        self.layout = layout
        self.buttons = list(buttons)
        self.give_way = list(give_way)
        self.tail = list(tail)
        self.flexible_min = flexible_min
        self.offered = {b: True for b in self.buttons}
        self.overflow: list[QPushButton] = []
        self.more = QPushButton()
        self.more.setObjectName("navButton")
        self.more.setCheckable(True)
        self.menu = QMenu(self.more)
        self.more.setMenu(self.menu)
        self.menu.aboutToHide.connect(self._show_current)
        layout.insertWidget(layout.indexOf(self.buttons[-1]) + 1, self.more)
        self.more.hide()
        for button in self.buttons:
            button.toggled.connect(self._show_current)
        bar.installEventFilter(self)

    def offer(self, button: QPushButton, offered: bool) -> None:
        """Whether the logged-in person may open `button`'s screen."""
        self.offered[button] = offered
        self.relayout()

    def is_offered(self, button: QPushButton) -> bool:
        return self.offered[button]

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.bar and event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.relayout()
        return False

    def relayout(self) -> None:
        """Put on the bar what fits (after a resize, a login, a language's new words)."""
        spacing = max(self.layout.spacing(), 0)
        margins = self.layout.contentsMargins()
        room = self.bar.width() - margins.left() - margins.right()
        room -= sum(w.sizeHint().width() + spacing for w in self.tail if not w.isHidden())
        room -= self.flexible_min + spacing
        offered = [b for b in self.buttons if self.offered[b]]

        def width(buttons: Sequence[QPushButton]) -> int:
            return sum(b.sizeHint().width() + spacing for b in buttons)

        self.more.setText(tr("More") + " ▾")
        leaving: list[QPushButton] = []
        if width(offered) > room:
            staying = list(offered)
            budget = room - (self.more.sizeHint().width() + spacing)
            for button in self.give_way:
                if width(staying) <= budget:
                    break
                if button in staying:
                    staying.remove(button)
                    leaving.append(button)
        self.overflow = [b for b in self.buttons if b in leaving]
        for button in self.buttons:
            button.setVisible(self.offered[button] and button not in leaving)
        self.menu.clear()
        for button in self.overflow:
            action = self.menu.addAction(button.text())
            action.setCheckable(True)
            action.setChecked(button.isChecked())
            action.triggered.connect(button.click)
        self.more.setVisible(bool(self.overflow))
        self._show_current()

    def _show_current(self) -> None:
        self.more.setChecked(any(b.isChecked() for b in self.overflow))
