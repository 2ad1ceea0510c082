"""`takt erp setup [--check]` as a person runs it against an ERPNext site."""

from __future__ import annotations

from pathlib import Path

from tests.erp.erpnext_server import REF, REFERENCE_DOCTYPES, FakeErpNext
from tests.erp.test_erpnext import COMPANY, seed
from tests.test_cli import _keyring, takt


def test_setup_creates_the_reference_fields_and_check_says_when_they_are_missing(
    tmp_path: Path,
) -> None:
    erp = FakeErpNext(reference_fields=False)
    try:
        seed(erp)
        env = _keyring(tmp_path) | {
            "TAKT_SECRET_ERP_API_KEY": erp.api_key,
            "TAKT_SECRET_ERP_API_SECRET": erp.api_secret,
        }
        configured = takt(
            "erp", "configure", "--kind", "erpnext", "--url", erp.url,
            "--set", f"company={COMPANY}", home=tmp_path, env=env,
        )  # fmt: skip
        assert configured.returncode == 0, configured.stderr

        check = takt("erp", "setup", "--check", home=tmp_path, env=env)
        assert check.returncode == 1
        assert f"erpnext: Stock Entry has no custom field {REF}" in check.stdout
        assert "run `takt erp setup`" in check.stdout
        assert not erp.docs["Custom Field"]

        made = takt("erp", "setup", home=tmp_path, env=env)
        assert made.returncode == 0, made.stderr
        assert f"erpnext: created Job Card Time Log.{REF} (Unique, No Copy)" in made.stdout
        assert sorted(d["dt"] for d in erp.docs["Custom Field"].values()) == sorted(
            REFERENCE_DOCTYPES
        )
        again = takt("erp", "setup", "--check", home=tmp_path, env=env)
        assert again.returncode == 0
        assert "the reference fields are in place" in again.stdout
    finally:
        erp.close()
