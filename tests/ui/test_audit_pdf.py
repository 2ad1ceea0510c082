"""The printable execution audit: a valid PDF with one table row per exception, over as
many pages as it takes, written without a window."""

from __future__ import annotations

import re
import unicodedata
from datetime import timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from app.clock import FixedClock
from app.metrics import Period, read_audit_csv
from app.store import Store
from tests.ui.metrics_shift import Shift, simulate_shift
from ui.common.timefmt import PlantTime
from ui.metrics.audit_report import report_html, write_audit_pdf
from ui.metrics.cases_model import short_id
from ui.metrics.metrics_data import read_period


def _text(path: Path) -> list[str]:
    """The text of every page, as a PDF reader extracts it."""
    reader = PdfReader(path)
    # Fonts set "ff" and "fi" as ligatures: read them back as letters; the reader puts
    # a tab between words it places apart.
    return [
        unicodedata.normalize("NFKC", page.extract_text()).replace("\t", " ")
        for page in reader.pages
    ]


def _table_text(pages: list[str]) -> str:
    """The text from the exceptions' table on (the flags above it name exceptions too)."""
    text = "\f".join(pages)
    return text[text.index("Every exception") :]


def _valid_pdf(path: Path) -> None:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert b"%%EOF" in data[-64:]


@pytest.fixture
def shift(demo_store: Store, clock: FixedClock) -> Shift:
    return simulate_shift(demo_store, clock)


def test_the_audit_pdf_has_one_row_per_exception(
    qapp, demo_store: Store, clock: FixedClock, shift: Shift, tmp_path: Path
) -> None:
    data = read_period(demo_store, Period.ending(clock.now(), 30))
    assert data.audit is not None
    assert len(data.audit.rows) == len(shift.raised)
    path = tmp_path / "audit.pdf"
    pages = write_audit_pdf(path, data, generated_at=clock.now())
    _valid_pdf(path)
    assert pages >= 3  # the charts, the summaries, the exceptions
    # The exception table of the report: one row per exception.
    body = report_html(data, PlantTime(data.zone), 200)
    table = body[body.index('class="grid exceptions"') :]
    assert table.count("<tr>") == len(shift.raised) + 1  # and its heading
    pages_text = _text(path)
    table = _table_text(pages_text)
    for exception_id in shift.raised:
        assert len(re.findall(rf"\b{short_id(exception_id)}\b", table)) == 1
    # Who decided, by name (a reader knows the people, not their numbers).
    deciders = {r.decided_by for r in data.audit.rows if r.decided_by}
    assert deciders
    for user_id in deciders:
        assert data.people[user_id].split()[0] in table
        assert f"({user_id})" not in table
    assert f"page {pages} of {pages}" in pages_text[pages - 1]
    assert data.plant
    assert data.plant in pages_text[0]


def test_many_exceptions_run_over_many_pages(
    qapp, demo_store: Store, clock: FixedClock, tmp_path: Path
) -> None:
    raised: list[str] = []
    for _ in range(6):  # six shifts' worth
        raised += simulate_shift(demo_store, clock).raised
        clock.advance(timedelta(hours=1))
    data = read_period(demo_store, Period.ending(clock.now(), 30))
    assert data.audit is not None
    assert len(data.audit.rows) == len(raised) == 66
    path = tmp_path / "audit.pdf"
    pages = write_audit_pdf(path, data, generated_at=clock.now())
    _valid_pdf(path)
    assert pages >= 5
    pages_text = _text(path)
    table = _table_text(pages_text)
    found = [x for x in raised if len(re.findall(rf"\b{short_id(x)}\b", table)) == 1]
    assert len(found) == len(raised)
    # The table's heading is repeated on every page it runs over.
    first = next(n for n, page in enumerate(pages_text) if "Every exception" in page)
    assert all("Ref" in page for page in pages_text[first:pages])


def test_takt_audit_writes_both_files_without_a_window(
    qapp, demo_store: Store, clock: FixedClock, shift: Shift, tmp_path: Path, capsys
) -> None:
    from ui.cli import main

    database = demo_store.engine.url.database
    assert database is not None
    csv_path, pdf_path = tmp_path / "audit.csv", tmp_path / "audit.pdf"
    end = clock.now().isoformat()
    code = main(
        [
            "audit",
            "--database",
            database,
            "--end",
            end,
            "--csv",
            str(csv_path),
            "--pdf",
            str(pdf_path),
        ]
    )
    assert code == 0
    out = capsys.readouterr().out
    assert f"{csv_path}: 11 exceptions" in out
    with csv_path.open(encoding="utf-8", newline="") as file:
        rows = read_audit_csv(file)
    assert {r.exception_id for r in rows} == set(shift.raised)
    _valid_pdf(pdf_path)
    assert main(["audit", "--database", database]) != 0  # nothing asked for


def test_rows_are_packed_whole_into_pages() -> None:
    from ui.metrics.audit_report import pack

    # 10 of height, heading 5: the first page (30) holds 2 rows, the others (45) 4.
    assert pack([10.0] * 9, 30, 45, 5) == [2, 4, 3]
    assert pack([50.0, 10.0], 30, 45, 5) == [1, 1]  # a row taller than a page: alone
    assert pack([], 30, 45, 5) == [0]
