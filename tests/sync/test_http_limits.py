"""The server's HTTP surface, tried as an attacker would: bodies are limited before they
are read, bad bytes answer 400 (never 500), errors never echo what was sent, and every
status a route answers is in the OpenAPI schema."""

from __future__ import annotations

import json
import math
import shutil
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from sqlalchemy import select

from app.clock import FixedClock
from app.events.envelope import GENESIS_HASH, Event
from app.model import ChainHead, EventRecord
from app.store import open_store
from sync.protocol import API, WireEvent
from sync.server.guard import MAX_BODY_BYTES, MAX_PROBLEMS
from tests.memory_keyring import MemoryKeyring
from tests.sync.plant import Plant

SMALL_LIMIT = 64 * 1024


@pytest.fixture
def small_plant_server(
    tmp_path: Path, server_template: Path, clock: FixedClock, memory_keyring: MemoryKeyring
) -> Iterator[Plant]:
    """The test plant's server with a 64 KiB body limit (so a test sends little)."""
    shutil.copy(server_template, tmp_path / "server.sqlite3")
    p = Plant(
        tmp_path,
        lambda: open_store(tmp_path / "server.sqlite3", clock=clock),
        clock,
        max_body_bytes=SMALL_LIMIT,
    )
    try:
        yield p
    finally:
        p.close()


def raw_exchange(
    port: int, head: str, body_parts: list[bytes]
) -> tuple[int, dict[str, str], bytes]:
    """Send a request by hand (headers, then what body we choose) and read the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(head.encode("latin-1"))
        for part in body_parts:
            try:
                sock.sendall(part)
            except OSError:  # the server may close as soon as it has answered
                break
        answer = b""
        while True:
            try:
                chunk = sock.recv(65536)
            except (ConnectionResetError, TimeoutError):
                break
            if not chunk:
                break
            answer += chunk
    head_bytes, _, payload = answer.partition(b"\r\n\r\n")
    lines = head_bytes.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    return status, headers, payload


@pytest.mark.parametrize("path", [f"{API}/push", f"{API}/terminals"])
def test_a_50_mb_body_without_a_token_is_refused_before_a_byte_is_read(
    plant: Plant, path: str
) -> None:
    # Only the headers and 1 KiB are sent: a server that tried to read 50 MB would wait.
    head = (
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {50 * 1024 * 1024}\r\n\r\n"
    )
    status, headers, body = raw_exchange(plant.port, head, [b"[" * 1024])
    assert status == 413
    assert headers["connection"] == "close"
    assert len(body) < 200
    limit = MAX_BODY_BYTES if path.endswith("push") else 64 * 1024
    assert json.loads(body) == {
        "detail": f"the request body is larger than this server takes ({limit:,} bytes)"
    }


def test_a_chunked_body_is_counted_as_it_streams_and_cut_off(small_plant_server: Plant) -> None:
    token = small_plant_server.terminal("kiosk", people=()).engine.transport.token
    head = (
        f"POST {API}/push HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\n"
        "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    chunk = b" " * 8192
    parts = [b"%x\r\n%s\r\n" % (len(chunk), chunk) for _ in range(SMALL_LIMIT // len(chunk) + 4)]
    status, _, body = raw_exchange(small_plant_server.port, head, parts)
    assert status == 413
    assert json.loads(body)["detail"].startswith("the request body is larger than")


def test_bytes_that_are_not_utf8_or_not_json_answer_400_without_echoing_them(
    plant: Plant,
) -> None:
    token = plant.terminal("kiosk", people=()).engine.transport.token
    auth = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for path in (f"{API}/push", f"{API}/terminals"):
        for bad in (b'{"cursor": "\xff\xfe secret"}', b"\xc3\x28" * 1000, b'{"cursor": {'):
            answer = requests.post(plant.url + path, data=bad, headers=auth, timeout=10)
            assert answer.status_code == 400, (path, bad[:20], answer.text)
            assert b"secret" not in answer.content
            assert len(answer.content) < 400
            assert isinstance(answer.json()["detail"], str)


def test_a_422_names_fields_and_problems_only_and_is_short(plant: Plant) -> None:
    token = plant.terminal("kiosk", people=()).engine.transport.token
    secret = "s3cr3t-" + "x" * 30_000
    events = [{"id": secret, "kind": 7} for _ in range(100)]  # 3 MB: under the limit
    answer = requests.post(
        f"{plant.url}{API}/push",
        json={"cursor": {"seq": 0}, "events": events},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 422
    assert "s3cr3t" not in answer.text
    assert len(answer.content) < 10_000
    detail = answer.json()["detail"]
    assert len(detail) == MAX_PROBLEMS + 1
    assert all(set(d) == {"field", "problem"} for d in detail)
    assert detail[0]["field"].startswith("body.events.0.")
    assert detail[-1]["problem"].endswith("more problems")


def test_every_route_documents_every_status_it_answers(plant: Plant) -> None:
    schema = requests.get(f"{plant.url}/openapi.json", timeout=10).json()
    documented = {
        (path, method): set(operation["responses"])
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    }
    assert documented[(f"{API}/push", "post")] == {
        "200", "400", "401", "403", "409", "410", "413", "422", "503"
    }  # fmt: skip
    assert documented[(f"{API}/terminals", "post")] == {
        "200", "400", "401", "403", "409", "413", "422", "429", "503"
    }  # fmt: skip
    assert documented[(f"{API}/events", "get")] == {"200", "401", "410", "422", "503"}
    assert documented[(f"{API}/stream", "get")] == {"200", "401", "410", "422", "503"}
    assert documented[("/health", "get")] == {"200", "503"}
    assert documented[(f"{API}/machines/status", "get")] == {"200", "401", "404", "422", "503"}
    push = schema["paths"][f"{API}/push"]["post"]["responses"]
    assert push["410"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Refetch"
    }
    assert push["422"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorBody"
    }
    assert "HTTPValidationError" not in schema["components"]["schemas"]  # it echoes input


def test_nan_or_infinity_in_a_payload_is_refused_and_never_reaches_other_terminals(
    plant: Plant,
) -> None:
    """JSON has no NaN: stored, the event would come back to every terminal as null, fail
    its hash there and stop every terminal's pulls."""
    a, b = plant.terminal("kiosk-a", people=()), plant.terminal("kiosk-b", people=())
    a.engine.sync_once()
    b.engine.sync_once()
    with a.store.read() as session:
        head = session.get(ChainHead, a.store.terminal_id)
        seq, prev = (head.last_seq, head.last_hash) if head else (0, GENESIS_HASH)
    cursor = a.engine.cursor()
    for number in (math.nan, math.inf):
        event = Event.sealed(
            id=str(uuid.uuid4()),
            terminal_id=a.store.terminal_id,
            terminal_seq=seq + 1,
            kind="machine.state_changed",
            payload={"work_center": "WC-001", "state": "down", "reason": "x", "extra": number},
            actor="901",
            occurred_at=plant.clock.now(),
            prev_hash=prev,
        )
        body = {
            "cursor": cursor.model_dump(),
            "events": [{**WireEvent.of(event).model_dump(mode="json"), "payload": event.payload}],
            "signature": a.engine.transport.sign([event]),
        }
        answer = requests.post(
            f"{plant.url}{API}/push",
            data=json.dumps(body),  # json.dumps writes NaN and Infinity, as a modified terminal
            headers={
                "Authorization": f"Bearer {a.engine.transport.token}",
                "Content-Type": "application/json",
            },
            timeout=10,
        )
        assert answer.status_code == 422, answer.text
        assert "NaN or Infinity" in answer.text
    assert plant.server_store is not None
    with plant.server_store.read() as session:
        stored = select(EventRecord.id).where(
            EventRecord.terminal_id == a.store.terminal_id,
            EventRecord.kind == "machine.state_changed",
        )
        assert session.scalar(stored) is None
    b.engine.pull_pending()  # other terminals go on pulling
    assert b.engine.status.state == "online"
