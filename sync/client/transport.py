"""HTTP to the Takt server with `requests`; every failure sorted into what to do next."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
from collections.abc import Iterator
from typing import Any

import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import TypeAdapter

from app.events.envelope import Event
from app.events.signing import sign_head
from sync.http import retry_after
from sync.machines.diagnostics import HostStatus
from sync.protocol import (
    API,
    Cursor,
    Page,
    PushRequest,
    PushResponse,
    RegisterRequest,
    RegisterResponse,
    WireEvent,
)

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 5.0
READ_TIMEOUT_S = 30.0
STREAM_READ_BYTES = 256 * 1024
# A probe asks only "are you there?": a server that takes longer is as good as gone.
PROBE_TIMEOUT_S = (3.0, 5.0)


class SyncError(Exception):
    """Base of what can go wrong talking to the server."""


class Offline(SyncError):
    """No answer: the server is down, unreachable, or the connection dropped."""


class ServerBusy(SyncError):
    """5xx, 408 or 429: try again later (after Retry-After when given)."""

    def __init__(self, message: str, retry_after_s: float | None) -> None:
        super().__init__(message)
        self.retry_after_s = retry_after_s


class RefetchRequired(SyncError):
    def __init__(self, epoch: str) -> None:
        super().__init__(f"the server's history changed (epoch {epoch}); refetching")
        self.epoch = epoch


class Unauthorized(SyncError):
    """The token is missing, wrong or revoked: the terminal must register again."""


class Refused(SyncError):
    """The server refused the request as malformed (4xx): retrying the same will not help."""


def _detail(response: requests.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:500]
    detail = body.get("detail", body) if isinstance(body, dict) else body
    if isinstance(detail, list):
        return "; ".join(
            f"{d.get('field') or '.'.join(str(x) for x in d.get('loc', []))}: "
            f"{d.get('problem') or d.get('msg')}"
            for d in detail
            if isinstance(d, dict)
        )
    return str(detail)


_HOST_STATUS = TypeAdapter(HostStatus)


class Transport:
    def __init__(
        self,
        base_url: str,
        token: str | None = None,
        signing_key: Ed25519PrivateKey | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.token = token
        # Signs each pushed batch's head; without it the server refuses pushes (401).
        self.signing_key = signing_key
        self._http = requests.Session()
        self._stream: requests.Response | None = None

    def close(self) -> None:
        self.abort_stream()
        self._http.close()

    def _headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}

    def _call(self, method: str, path: str, **kwargs: Any) -> requests.Response:
        try:
            response = self._http.request(
                method,
                self.base_url + path,
                headers=self._headers() | kwargs.pop("headers", {}),
                timeout=kwargs.pop("timeout", (CONNECT_TIMEOUT_S, READ_TIMEOUT_S)),
                **kwargs,
            )
        except requests.RequestException as error:
            raise Offline(f"no answer from {self.base_url}: {error}") from None
        self._check(response)
        return response

    def _check(self, response: requests.Response) -> None:
        status = response.status_code
        if status < 400:
            return
        if status == 410:
            raise RefetchRequired(response.json().get("epoch", ""))
        if status == 401:
            raise Unauthorized(_detail(response))
        if status >= 500 or status in (408, 429):
            raise ServerBusy(
                f"server answered {status}: {_detail(response)}", retry_after(response)
            )
        raise Refused(f"server refused ({status}): {_detail(response)}")

    def probe(self) -> None:
        """Ask the server whether it answers, cheaply: no body, short timeouts.

        Raises Offline when nothing answers and ServerBusy on 5xx/429 (with Retry-After);
        any other answer means the server is there, and what it makes of a push is the
        push's business.
        """
        with contextlib.suppress(Refused, Unauthorized, RefetchRequired):
            self._call("GET", "/health", timeout=PROBE_TIMEOUT_S)

    def register(self, code: str, terminal_id: str, name: str, public_key: str) -> RegisterResponse:
        """Register with a one-time enrollment code; `public_key` will check our batches."""
        body = RegisterRequest(terminal_id=terminal_id, name=name, public_key=public_key)
        response = self._call(
            "POST",
            f"{API}/terminals",
            json=body.model_dump(),
            headers={"Authorization": f"Bearer {code}"},
        )
        return RegisterResponse.model_validate(response.json())

    def push(
        self, cursor: Cursor, events: list[Event], *, clock_offset_s: float | None = None
    ) -> PushResponse:
        request = PushRequest(
            cursor=cursor,
            events=[WireEvent.of(e) for e in events],
            clock_offset_s=clock_offset_s,
            signature=self.sign(events),
        )
        response = self._call(
            "POST",
            f"{API}/push",
            data=request.model_dump_json(),
            headers={"Content-Type": "application/json"},
        )
        return PushResponse.model_validate_json(response.content)

    def sign(self, events: list[Event]) -> str | None:
        """The signature of the batch's head (its last event), which its chain vouches for."""
        if self.signing_key is None or not events:
            return None
        head = events[-1]
        return sign_head(self.signing_key, head.terminal_id, head.terminal_seq, head.hash)

    def pull(self, cursor: Cursor, limit: int = 500) -> Page:
        params: dict[str, Any] = {"seq": cursor.seq, "limit": limit}
        params |= {k: v for k, v in (("epoch", cursor.epoch), ("event_id", cursor.event_id)) if v}
        response = self._call("GET", f"{API}/events", params=params)
        return Page.model_validate_json(response.content)

    def machine_status(self) -> HostStatus:
        """The server's machine host diagnostics (`takt server --machines FILE`)."""
        response = self._call("GET", f"{API}/machines/status")
        return _HOST_STATUS.validate_json(response.content)

    def stream(self, cursor: Cursor) -> Iterator[Page]:
        """Pages as the server sends them; ends (or raises Offline) when the link drops."""
        params: dict[str, Any] = {"seq": cursor.seq}
        params |= {k: v for k, v in (("epoch", cursor.epoch), ("event_id", cursor.event_id)) if v}
        response = self._call("GET", f"{API}/stream", params=params, stream=True)
        self._stream = response
        data: list[str] = []
        try:
            # Read as much as has arrived (a chunked answer hands over each chunk as it
            # comes, so nothing waits to fill the buffer): a page is one line of up to a
            # megabyte, which requests' default 512 bytes a read takes seconds to gather.
            for raw in response.iter_lines(chunk_size=STREAM_READ_BYTES):
                line = raw.decode("utf-8")
                if line.startswith("data:"):
                    data.append(line[5:].strip())
                elif line == "" and data:
                    yield Page.model_validate(json.loads("".join(data)))
                    data = []
        except (requests.RequestException, AttributeError, ValueError) as error:
            # AttributeError/ValueError: the response was closed under us (shutdown).
            raise Offline(f"the live stream from {self.base_url} dropped: {error}") from None
        finally:
            self._stream = None
            response.close()

    def abort_stream(self) -> None:
        """End a live stream from another thread (at shutdown), without waiting for data."""
        stream = self._stream
        if stream is None:
            return
        # Closing the response does not wake a thread blocked in recv(); shutting the
        # socket down does.
        sock = getattr(getattr(stream.raw, "connection", None), "sock", None)
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        stream.close()
