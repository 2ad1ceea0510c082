"""`takt server` serves HTTP on 127.0.0.1 over its own migrated database."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_server_answers_health_and_openapi(tmp_path: Path) -> None:
    port = _free_port()
    db = tmp_path / "server.sqlite3"
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "ui",
            "server",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--database",
            str(db),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "HOME": str(tmp_path)},
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                health = requests.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except requests.ConnectionError:
                assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
                assert time.monotonic() < deadline, "server did not start"
                time.sleep(0.2)
        assert health.status_code == 200
        body = health.json()
        assert body["status"] == "ok"
        assert body["events"] == 0
        assert (
            requests.get(f"http://127.0.0.1:{port}/openapi.json", timeout=2).json()["info"]["title"]
            == "Takt server"
        )
        assert db.exists()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if proc.stdout:
            proc.stdout.close()
