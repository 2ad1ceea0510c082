"""`takt erp configure | import | status | post --dry-run` as a person runs them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from app.clock import FixedClock
from app.queries_erp import PostingSummary, postings
from app.store import Store
from sync.erp import commands
from tests.erp.erpnext_server import FakeErpNext
from tests.erp.test_erpnext import COMPANY, STORES, WIP, seed
from tests.postings import confirm_operation, erp_acknowledges, failed_posting
from tests.test_cli import _keyring, takt


@pytest.fixture
def erp() -> Iterator[FakeErpNext]:
    server = FakeErpNext()
    yield server
    server.close()


def test_configure_import_status_and_dry_run(erp: FakeErpNext, tmp_path: Path) -> None:
    plant = seed(erp)
    env = _keyring(tmp_path) | {
        "TAKT_SECRET_ERP_API_KEY": erp.api_key,
        "TAKT_SECRET_ERP_API_SECRET": erp.api_secret,
    }
    database = str(tmp_path / "server.sqlite3")
    configured = takt(
        "erp", "configure", "--kind", "erpnext", "--url", erp.url,
        "--set", f"company={COMPANY}", "--set", f"source_warehouse={STORES}",
        "--set", f"target_warehouse={STORES}", "--set", f"scrap_warehouse={WIP}",
        "--set", "default_operator=HR-EMP-00001", "--set", "timeout_s=5",
        home=tmp_path, env=env,
    )  # fmt: skip
    assert configured.returncode == 0, configured.stderr
    assert "erp.toml" in configured.stdout
    # From here on the key comes from the keyring, not the environment.
    env = _keyring(tmp_path)
    imported = takt("erp", "import", "--database", database, home=tmp_path, env=env)
    assert imported.returncode == 0, imported.stderr
    assert "imported everything" in imported.stdout
    assert "work order" in imported.stdout
    again = takt("erp", "import", "--database", database, home=tmp_path, env=env)
    assert "imported: nothing new" in again.stdout
    status = takt("erp", "status", "--database", database, home=tmp_path, env=env)
    assert status.returncode == 0, status.stderr
    assert "last import:" in status.stdout
    assert "never" not in status.stdout
    dry = takt("erp", "post", "--dry-run", "--database", database, home=tmp_path, env=env)
    assert dry.returncode == 0, dry.stderr
    assert "would post 0" in dry.stdout
    assert plant["wo_bracket"]


def test_a_bad_option_is_refused_naming_it(erp: FakeErpNext, tmp_path: Path) -> None:
    result = takt(
        "erp", "configure", "--kind", "erpnext", "--url", erp.url, "--set", "colour=blue",
        home=tmp_path, env=_keyring(tmp_path),
    )  # fmt: skip
    assert result.returncode == 2
    assert "options.colour" in result.stderr
    assert "Traceback" not in result.stderr
    missing = takt("erp", "status", home=tmp_path, env=_keyring(tmp_path))
    assert missing.returncode == 2
    assert "takt erp configure" in missing.stderr


def test_status_shows_the_postings_screens_figures(plant: Store, clock: FixedClock) -> None:
    assert commands.status(plant, clock) == [
        "postings (30 days for posted and cancelled): none",
        "last import: never",
    ]
    posted = confirm_operation(plant, clock, good=3)
    clock.advance(timedelta(seconds=4))
    erp_acknowledges(plant, clock, posted, "MAT-STE-1")
    failed = failed_posting(plant, clock, "Work Order is closed")
    lines = commands.status(plant, clock)
    summary = posting_summary_of(plant, clock)
    # The refused confirmation's scrap is a goods movement of its own, still pending.
    assert lines[0] == "postings (30 days for posted and cancelled): 1 pending, 1 posted, 1 failed"
    assert lines[1] == "oldest waiting: 0 s"  # made just now
    assert lines[2] == (
        f"posting lag (30 days, 1 postings): median {summary.lag_median_s:.1f} s, "
        f"95th {summary.lag_p95_s:.1f} s"
    )
    assert lines[3].startswith(f"needs attention: {failed} (confirmation, ")
    assert lines[3].endswith("Work Order is closed")
    assert lines[4] == "last import: never"


def posting_summary_of(store: Store, clock: FixedClock) -> PostingSummary:
    with store.read() as session:
        return postings(session, clock.now()).summary
