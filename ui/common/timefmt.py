"""Plant time: the one way every screen turns a moment into a wall-clock time.

A plant runs on its own clock: the site's time zone (`Site.timezone`), not the zone of
the computer a terminal happens to run on. Every screen formats through one
`PlantTime`, so the status bar, the lane, the inbox and an exception's detail show the
same wall time for the same moment. Where a person could doubt which clock a time is
on (the status bar next to the computer's own clock, a deadline, the history), the
zone's abbreviation is shown with it ("08:01:02 CET").

Countdowns compare deadlines with the server's clock, not the terminal's: a
`ServerClock` is a clock corrected by the offset the terminal last measured against
its server (see app.events.servertime.server_now).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from PySide6.QtCore import QDate, QLocale

from app.clock import Clock, as_utc
from ui.i18n import tr

log = logging.getLogger(__name__)

DEFAULT_ZONE = "UTC"


def zone(name: str | None) -> tzinfo:
    """The IANA zone `name`; UTC (logged) for an empty or unknown name."""
    if not name:
        return UTC
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r; showing times in UTC", name)
        return UTC


class PlantTime:
    """Wall-clock times in the plant's zone. `set_zone` changes it in place, so every
    screen holding this object follows when the plant's zone becomes known."""

    def __init__(self, zone_name: str | None = DEFAULT_ZONE) -> None:
        self.zone_name = zone_name or DEFAULT_ZONE
        self.tz = zone(self.zone_name)

    def set_zone(self, zone_name: str | None) -> bool:
        """Use `zone_name` from now on; True when that changed anything."""
        name = zone_name or DEFAULT_ZONE
        if name == self.zone_name:
            return False
        self.zone_name = name
        self.tz = zone(name)
        return True

    def local(self, when: datetime) -> datetime:
        return as_utc(when).astimezone(self.tz)

    def abbreviation(self, when: datetime | None = None) -> str:
        """The zone as people write it at that moment: 'CET', 'CEST', 'UTC', '-03'."""
        at = self.local(when if when is not None else datetime.now(UTC))
        return at.tzname() or self.zone_name

    def clock(self, when: datetime, *, with_zone: bool = False) -> str:
        """'08:01:02' (seconds: when something last happened, e.g. a sync)."""
        text = self.local(when).strftime("%H:%M:%S")
        return f"{text} {self.abbreviation(when)}" if with_zone else text

    def time(self, when: datetime, *, with_zone: bool = False) -> str:
        """'08:01'."""
        text = self.local(when).strftime("%H:%M")
        return f"{text} {self.abbreviation(when)}" if with_zone else text

    def moment(self, when: datetime, *, with_zone: bool = False) -> str:
        """'Mon 07 Dec 08:01' (a deadline or an event of another day), the day and month
        in the language the screen speaks ('Mo. 07 Dez. 08:01')."""
        at = self.local(when)
        day = QLocale().toString(QDate(at.year, at.month, at.day), "ddd dd MMM")
        text = f"{day} {at:%H:%M}"
        return f"{text} {self.abbreviation(when)}" if with_zone else text

    def stamp(self, when: datetime) -> str:
        """'2026-12-07 08:01:02 CET' (exports and printouts)."""
        return f"{self.local(when):%Y-%m-%d %H:%M:%S} {self.abbreviation(when)}"

    def header(self, title: str) -> str:
        """A column header that says which clock its times are on: 'Due (CET)'."""
        return f"{title} ({self.abbreviation()})"


class ServerClock:
    """A terminal's clock corrected to the server's: deadlines are on the server's clock.

    `correction` is server minus terminal, as last measured (zero without a server)."""

    def __init__(self, clock: Clock, correction: timedelta = timedelta(0)) -> None:
        self.clock = clock
        self.correction = correction

    def now(self) -> datetime:
        return self.clock.now() + self.correction


def countdown(due: datetime | None, now: datetime, none: str = "—") -> tuple[str, bool]:
    """("12:04", False) or ("OVERDUE 3:15", True); hours shown past an hour."""
    if due is None:
        return none, False
    seconds = int((as_utc(due) - as_utc(now)).total_seconds())
    overdue = seconds < 0
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    span = f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    return (tr("OVERDUE {span}").format(span=span), True) if overdue else (span, False)
