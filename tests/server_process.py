"""`takt server` in a process of its own, for the tests and benchmarks that need a real
one (several processes on one PostgreSQL, a kill -9, a load from outside the server)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from app.pin_key import PinKey, secret_name
from app.secrets import env_name
from app.store import open_database

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for(what: str, check: Callable[[], Any], timeout_s: float) -> Any:
    """Poll `check` until it answers something true; fail naming `what` after the time."""
    deadline = time.monotonic() + timeout_s
    while True:
        result = check()
        if result:
            return result
        assert time.monotonic() < deadline, f"{what}: not within {timeout_s} s"
        time.sleep(0.05)


def environment(home: Path, database: str) -> dict[str, str]:
    """A server's environment: its own home (no erp.toml or takt.toml of the machine's),
    and the plant's PIN key (every process of one server hashes PINs alike)."""
    store = open_database(database)
    server_id = store.terminal_id
    store.close()
    key_file = home.parent / "pin.key"
    if not key_file.exists():
        key_file.write_text(PinKey.new().encode(), "utf-8")
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("TAKT_SECRET_")},
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_STATE_HOME": str(home / "state"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "TAKT_DATA_DIR": str(home / "takt-data"),
        env_name(secret_name(server_id)): key_file.read_text("utf-8"),
    }


class ServerProcess:
    """`takt server --database DATABASE [extra...]` on a free port, its log in a file."""

    def __init__(self, home: Path, database: str, *extra: str, name: str = "server") -> None:
        self.port = free_port()
        self.log_path = home / f"{name}.log"
        self.url = f"http://127.0.0.1:{self.port}"
        with self.log_path.open("w") as log:  # the child keeps its own copy
            self.proc = subprocess.Popen(
                [
                    *(sys.executable, "-m", "ui", "server", "--port", str(self.port)),
                    *("--database", database, *extra),
                ],
                cwd=ROOT,
                env=environment(home, database),
                stdout=subprocess.DEVNULL,
                stderr=log,
            )

    def log(self) -> str:
        return self.log_path.read_text("utf-8", errors="replace")

    def health(self) -> dict[str, Any] | None:
        try:
            return dict(requests.get(f"{self.url}/health", timeout=2).json())
        # A timeout too: with --workers, a connection the kernel gave a worker that is
        # still starting waits for it (sync/server/listeners.py).
        except (requests.ConnectionError, requests.Timeout):
            assert self.proc.poll() is None, f"the server ended:\n{self.log()}"
            return None

    def started(self, timeout_s: float = 30) -> dict[str, Any]:
        return dict(wait_for(f"server on {self.port}", self.health, timeout_s))

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=10)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()
