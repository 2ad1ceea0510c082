"""Reads and commands of the shift handover, on the database lane.

`load` reads the screen (areas, recent shifts, the picked shift's handover) and emits
`sig_loaded`; `refresh_unsigned` reads the handovers waiting for a signature (the board
header shows them) and emits `sig_unsigned`. Whenever the store commits changes (a
command here, or other terminals' events through sync), both are read again after a
short pause, so a signature on another line PC clears the board's warning.
"""

from __future__ import annotations

import logging
from datetime import date
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from app.changes import Changes
from app.clock import Clock
from app.i18n import tr
from app.queries_handover import HandoverScreen, handover_screen, unsigned_handovers
from app.services.handover import HandoverService
from app.store import Store
from ui.background import Background
from ui.lane_controller import LaneController

log = logging.getLogger(__name__)
T = TypeVar("T")

_SETTLE_MS = 300  # changes arrive in bursts (a page of sync): read once after them


class HandoverController(LaneController):
    """Signals (and those of LaneController):
    sig_loaded: the screen was read; carries a `HandoverScreen`.
    sig_unsigned: the handovers waiting for a signature; carries a list of them.
    """

    sig_loaded = Signal(object)
    sig_unsigned = Signal(object)
    _sig_news = Signal()
    subject = "the shift handover"

    def __init__(
        self, store: Store, background: Background, clock: Clock, parent: QObject | None = None
    ) -> None:
        super().__init__(store, background, parent)
        self.clock = clock
        self.service = HandoverService(store, clock)
        self.area: str | None = None
        self.shift_id: str | None = None
        self.watching = False  # the screen is shown: reload it on changes
        self.screen: HandoverScreen | None = None
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(_SETTLE_MS)
        self._settle.timeout.connect(self._on_settle_timeout)
        self._sig_news.connect(self._on_news, Qt.ConnectionType.QueuedConnection)
        store.on_changes.append(self._note_news)

    def close(self) -> None:
        if self._note_news in self.store.on_changes:
            self.store.on_changes.remove(self._note_news)
        super().close()

    def _note_news(self, changes: Changes) -> None:
        # On the writer's thread: only say so (queued); the GUI thread decides what to read.
        # A shown handover reads what any write may change (its exceptions, output,
        # postings); otherwise only a handover's own events change the board's warning.
        if not (changes.handover or changes.everything or self.watching):
            return
        try:
            self._sig_news.emit()
        except RuntimeError:  # torn down under the writer
            log.debug("handover news dropped after the controller closed")

    @Slot()
    def _on_news(self) -> None:
        self._settle.start()

    @Slot()
    def _on_settle_timeout(self) -> None:
        self.refresh_unsigned()
        if self.watching:
            self.load(self.area, self.shift_id)

    # --- reads ------------------------------------------------------------------------------

    def load(self, area: str | None = None, shift_id: str | None = None) -> None:
        self.area, self.shift_id = area, shift_id
        now = self.clock.now()
        self.read(lambda s: handover_screen(s, area, shift_id, now), self._on_loaded)

    def _on_loaded(self, screen: HandoverScreen) -> None:
        self.screen = screen
        self.area = screen.area
        self.shift_id = screen.view.shift.id if screen.view is not None else None
        self.sig_loaded.emit(screen)

    def refresh_unsigned(self) -> None:
        self.read(unsigned_handovers, self.sig_unsigned.emit)

    # --- commands ---------------------------------------------------------------------------

    def _shift(self) -> tuple[str, date, str]:
        assert self.screen is not None
        assert self.screen.view is not None
        shift = self.screen.view.shift
        return shift.area, shift.day, shift.name

    def note(self, actor: str, note: str, item: str | None = None) -> None:
        area, day, name = self._shift()
        self.command(
            tr("noted the handover of {shift}", shift=name),
            lambda: self.service.note(actor, area, day, name, note, item=item),
            on_done=lambda _: self.load(self.area, self.shift_id),
        )

    def submit(self, actor: str) -> None:
        area, day, name = self._shift()
        self.command(
            tr("handed over shift {shift}", shift=name),
            lambda: self.service.submit(actor, area, day, name),
            on_done=lambda _: self.load(self.area, self.shift_id),
        )

    def accept(self, actor: str, item: str) -> None:
        area, day, name = self._shift()
        self.command(
            tr("accepted a handover item"),
            lambda: self.service.accept(actor, area, day, name, item),
            on_done=lambda _: self.load(self.area, self.shift_id),
        )

    def query(self, actor: str, item: str, reason: str) -> None:
        area, day, name = self._shift()
        self.command(
            tr("queried a handover item"),
            lambda: self.service.query(actor, area, day, name, item, reason),
            on_done=lambda _: self.load(self.area, self.shift_id),
        )

    def answer(self, actor: str, item: str, answer: str) -> None:
        area, day, name = self._shift()
        self.command(
            tr("answered a handover query"),
            lambda: self.service.answer(actor, area, day, name, item, answer),
            on_done=lambda _: self.load(self.area, self.shift_id),
        )

    def sign(self, actor: str) -> None:
        area, day, name = self._shift()
        self.command(
            tr("signed the handover of {shift}", shift=name),
            lambda: self.service.sign(actor, area, day, name),
            on_done=lambda _: self.load(self.area, self.shift_id),
        )
