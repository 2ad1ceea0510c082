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


def test_the_openapi_schema_describes_the_sync_api(tmp_path: Path) -> None:
    from app.store import open_store
    from sync.server.app import create_app
    from sync.server.runner import ServerThread

    store = open_store(tmp_path / "server.sqlite3", terminal_name="server")
    server = ServerThread(create_app(store, deadline_interval_s=None)).start()
    try:
        schema = requests.get(f"{server.url}/openapi.json", timeout=10).json()
        assert requests.get(f"{server.url}/health", timeout=10).json()["status"] == "ok"
        # Every call but health needs a terminal token.
        assert requests.post(f"{server.url}/v1/push", json={}, timeout=10).status_code == 401
    finally:
        server.stop()
        store.close()
    assert {"/health", "/v1/terminals", "/v1/push", "/v1/events", "/v1/stream"} <= set(
        schema["paths"]
    )
    # The push body is read by the route itself; the schema still documents it.
    body = schema["paths"]["/v1/push"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"] == {"$ref": "#/components/schemas/PushRequest"}
    components = schema["components"]["schemas"]
    assert {"PushRequest", "WireEvent", "Cursor", "PushResponse"} <= set(components)
    assert components["PushRequest"]["properties"]["events"]["items"] == {
        "$ref": "#/components/schemas/WireEvent"
    }
