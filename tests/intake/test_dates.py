"""Dates relative to when a message arrived, in the plant's zone: weekdays, weeks, ISO
weeks, numeric dates both ways round, month names, across a year's end and DST."""

from __future__ import annotations

from datetime import date

import pytest

from sync.intake import ReferenceIndex
from sync.intake.dates import find_dates, key_date, local_today
from sync.intake.text import fold
from tests.intake.helpers import draft

FRIDAY = date(2026, 11, 27)


def the_date(text: str, today: date = FRIDAY) -> date | None:
    found = key_date(find_dates(fold(text), today), 0)
    return found.value if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the rest comes Friday", date(2026, 12, 4)),  # said on a Friday: next week's
        ("llega el lunes", date(2026, 11, 30)),
        ("kommt am Mittwoch", date(2026, 12, 2)),
        ("next week", date(2026, 11, 30)),
        ("end of next week", date(2026, 12, 4)),
        ("verschiebt sich auf Ende nächster Woche", date(2026, 12, 4)),
        ("Tuesday next week", date(2026, 12, 1)),
        ("el martes de la semana que viene", date(2026, 12, 1)),
        ("auf KW 49 verschoben", date(2026, 11, 30)),
        ("rest in KW 50.", date(2026, 12, 7)),
        ("please deliver 3/12", date(2026, 12, 3)),
        ("ETA your dock 12/8", date(2026, 12, 8)),  # month/day: the nearer reading
        ("bis 12.3.", date(2027, 3, 12)),
        ("neuer Termin 21.12.", date(2026, 12, 21)),
        ("al 4 de diciembre", date(2026, 12, 4)),
        ("moved to Dec 10.", date(2026, 12, 10)),
        ("to January 15, 2027", date(2027, 1, 15)),
        ("tomorrow", date(2026, 11, 28)),
        ("erst morgen", date(2026, 11, 28)),
        ("mañana no podemos pintar", date(2026, 11, 28)),
        ("pasado mañana", date(2026, 11, 29)),
        ("übermorgen", date(2026, 11, 29)),
        ("heute früh", date(2026, 11, 27)),
        ("esta mañana", date(2026, 11, 27)),
        ("in zwei Wochen", date(2026, 12, 11)),
        ("LAS-01 was down Thursday 14:00-18:30", date(2026, 11, 26)),  # said in the past
        ("seit Montag", date(2026, 11, 23)),
    ],
)
def test_dates_as_people_write_them(text: str, expected: date) -> None:
    assert the_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Guten Morgen zusammen",
        "por la mañana",
        "5.5 kW motors",
        "thread G1/2 instead of G3/8",
        "the 3.1 certificate",
        "at 14:00",
        "this week",
    ],
)
def test_no_date_where_there_is_none(text: str) -> None:
    assert the_date(text) is None


def test_a_weekday_with_its_date_is_that_date() -> None:
    assert the_date("el viernes 4/12 en lugar del 29/11") == date(2026, 12, 4)
    assert the_date("Freitag, 18.12., ab 17 Uhr") == date(2026, 12, 18)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("from Nov 27 to Dec 2", date(2026, 12, 2)),
        ("on 30.11. instead of 4.12.", date(2026, 11, 30)),
        ("vom 28.11. auf den 11.12.2026", date(2026, 12, 11)),
        ("am Montag statt Freitag", date(2026, 11, 30)),
        ("erst übermorgen, nicht heute", date(2026, 11, 29)),
        ("PO 4500-88213 dated 04.12., please move to 17.12.", date(2026, 12, 17)),
        ("Lieferschein 4471/26 vom 19.11.", None),
        ("en el albarán 7781 del 20/11 faltan 2 motores", None),
        ("ship today, ETA your dock 12/8", date(2026, 12, 8)),
    ],
)
def test_the_date_a_message_is_about(text: str, expected: date | None) -> None:
    """A target ("to", "auf", "ETA") beats a plain date; a source ("instead of", "statt",
    "nicht") or a document's date ("PO ... dated", "Lieferschein vom") is never it."""
    assert the_date(text) == expected


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("supplier says next Friday", date(2026, 12, 29), date(2027, 1, 1)),
        ("new delivery date KW 2", date(2026, 12, 30), date(2027, 1, 11)),
        ("bitte auf den 8.1. verschieben", date(2026, 12, 31), date(2027, 1, 8)),
        ("next week", date(2026, 12, 30), date(2027, 1, 4)),
        ("vom 12.11.", date(2026, 11, 30), None),
    ],
)
def test_across_the_year_end(text: str, today: date, expected: date | None) -> None:
    assert the_date(text, today) == expected


def test_today_is_the_plants_date_when_the_message_arrived() -> None:
    from datetime import datetime

    # 23:30 UTC on Saturday 24 October 2026 is Sunday 01:30 in Berlin (still summer time)
    assert local_today(datetime.fromisoformat("2026-10-24T23:30:00+00:00"), "Europe/Berlin") == (
        date(2026, 10, 25)
    )
    assert local_today(datetime.fromisoformat("2026-10-24T23:30:00+00:00"), "UTC") == date(
        2026, 10, 24
    )
    # an unknown zone reads as UTC rather than failing
    assert local_today(datetime.fromisoformat("2026-10-24T23:30:00+00:00"), "Mars/Base") == (
        date(2026, 10, 24)
    )


@pytest.mark.parametrize(
    ("received", "text", "expected"),
    [
        # the night summer time ends (25 Oct 2026, 03:00 -> 02:00)
        ("2026-10-24T22:30:00Z", "LAS-01 down, back tomorrow", "2026-10-26"),
        ("2026-10-24T23:30:00+02:00", "la brida llega el lunes", "2026-10-26"),
        # the night summer time starts (28 Mar 2027, 02:00 -> 03:00)
        ("2027-03-27T23:30:00Z", "Morgen früh zuerst FA 10452", "2027-03-29"),
        ("2027-03-28T00:30:00Z", "heute noch", "2027-03-28"),
        # 23:45 UTC on a Thursday is Friday in Berlin: tomorrow is Saturday
        ("2026-11-26T23:45:00Z", "need a technician tomorrow morning", "2026-11-28"),
    ],
)
def test_relative_dates_across_dst_and_midnight(
    small_reference: ReferenceIndex, received: str, text: str, expected: str
) -> None:
    d = draft(small_reference, text, at=received.replace("Z", "+00:00"))
    assert d.date is not None
    assert d.date.value.isoformat() == expected
