"""A keyring backend in a JSON file, for `takt` run as a subprocess by the CLI tests.

CI machines have no OS keyring; the tests point PYTHON_KEYRING_BACKEND at this class and
TAKT_TEST_KEYRING at a file in tmp_path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from keyring.backend import KeyringBackend


class FileKeyring(KeyringBackend):
    priority = 1  # type: ignore[assignment]

    @property
    def path(self) -> Path:
        return Path(os.environ["TAKT_TEST_KEYRING"])

    def _load(self) -> dict[str, str]:
        return json.loads(self.path.read_text("utf-8")) if self.path.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        return self._load().get(f"{service}/{username}")

    def set_password(self, service: str, username: str, password: str) -> None:
        secrets = self._load()
        secrets[f"{service}/{username}"] = password
        self.path.write_text(json.dumps(secrets), "utf-8")

    def delete_password(self, service: str, username: str) -> None:
        secrets = self._load()
        secrets.pop(f"{service}/{username}", None)
        self.path.write_text(json.dumps(secrets), "utf-8")
