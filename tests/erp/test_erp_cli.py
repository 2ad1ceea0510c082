"""`takt erp configure | import | status | post --dry-run` as a person runs them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.erp.erpnext_server import FakeErpNext
from tests.erp.test_erpnext import COMPANY, STORES, WIP, seed
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
