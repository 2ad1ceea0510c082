"""What keeps the server's HTTP surface small and predictable: a body limit enforced before
the body is read, errors that never echo what was sent, and every status documented.

A caller without a token must not be able to make the server hold megabytes of memory:
a declared Content-Length over the limit is answered 413 before a byte of the body is
read, and a chunked body is counted as it streams and cut off once it passes the limit.
Validation errors name the field and the problem, never the input (FastAPI's default
answer repeats the whole input, which turns a 50 MB body into a 50 MB answer and makes
a body that is not UTF-8 a 500).
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import Any

from fastapi import HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.protocol import Refetch

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 4 * 1024 * 1024  # a push of 500 ordinary events is well under 1 MB
MAX_REGISTER_BYTES = 64 * 1024  # a registration is a few hundred bytes
MAX_PROBLEMS = 20  # of a 422: the first ones say what is wrong; the rest add nothing
MAX_FIELD_LEN = 120
MAX_PROBLEM_LEN = 300
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


class FieldError(BaseModel):
    field: str
    problem: str


class ErrorBody(BaseModel):
    """Every refusal: a sentence, or (422) the fields that are wrong and why."""

    detail: str | list[FieldError]


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, too_large(limit), headers={"Connection": "close"})


def too_large(limit: int) -> str:
    return f"the request body is larger than this server takes ({limit:,} bytes)"


class BodyLimit:
    """ASGI middleware: refuse a request body over `max_bytes` (or its path's own limit)
    with 413, before it is read (Content-Length) or as soon as it passes (chunked).

    `on_too_large(path)` is awaited once for each body refused, before the answer: the
    message intake counts what its webhooks never saw. What it raises is logged; the
    413 is answered all the same."""

    def __init__(
        self,
        app: ASGIApp,
        max_bytes: int = MAX_BODY_BYTES,
        per_path: Mapping[str, int] | None = None,
        on_too_large: Callable[[str], Awaitable[None]] | None = None,
    ) -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.per_path = dict(per_path or {})
        self.on_too_large = on_too_large

    async def _refused(self, path: str) -> None:
        if self.on_too_large is None:
            return
        try:
            await self.on_too_large(path)
        except Exception:  # counting must not turn a 413 into a 500
            log.exception("a refused body on %s was not counted", path)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.per_path.get(scope["path"], self.max_bytes)
        declared = _header(scope, b"content-length")
        if declared is not None:
            size = int(declared) if declared.isdigit() else -1
            if size < 0:
                await _answer(send, 400, "the Content-Length header is not a number")
                return
            if size > limit:
                await self._refused(scope["path"])
                await _answer(send, 413, too_large(limit))
                return
        received = 0
        started = False

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                before = received
                received += len(message.get("body", b""))
                if received > limit:
                    if before <= limit:  # once, however often the app reads on
                        await self._refused(scope["path"])
                    raise BodyTooLarge(limit)
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except BodyTooLarge:
            # The app's own handlers answer it normally; this is for a read outside them.
            if started:
                raise
            await _answer(send, 413, too_large(limit))


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key.lower() == name:
            return bytes(value).decode("latin-1").strip()
    return None


async def _answer(send: Send, status: int, detail: str) -> None:
    body = json.dumps({"detail": detail}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                # The body was not read: the connection cannot carry another request.
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


def _printable(text: str, limit: int) -> str:
    text = _UNPRINTABLE.sub("?", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def problems(errors: list[Any]) -> list[dict[str, str]]:
    """Validation errors as field + problem, at most MAX_PROBLEMS, without any input."""
    listed = []
    for error in errors[:MAX_PROBLEMS]:
        field = ".".join(str(part) for part in error.get("loc", ())) or "request"
        listed.append(
            {
                "field": _printable(field, MAX_FIELD_LEN),
                "problem": _printable(str(error.get("msg", "invalid")), MAX_PROBLEM_LEN),
            }
        )
    if len(errors) > MAX_PROBLEMS:
        listed.append(
            {"field": "request", "problem": f"and {len(errors) - MAX_PROBLEMS} more problems"}
        )
    return listed


def validation_failed(_: Request, error: Exception) -> JSONResponse:
    """422 naming each bad field; 400 for a body that is not JSON (or not UTF-8) at all."""
    assert isinstance(error, RequestValidationError)
    errors = list(error.errors())
    unreadable = [e for e in errors if e.get("type") == "json_invalid"]
    if unreadable:
        reason = unreadable[0].get("ctx", {}).get("error") or unreadable[0].get("msg", "")
        return JSONResponse(
            {"detail": _printable(f"the body is not valid JSON in UTF-8: {reason}", 300)},
            status_code=400,
        )
    return JSONResponse({"detail": problems(errors)}, status_code=422)


_DESCRIPTIONS = {
    400: "The body is not valid JSON in UTF-8, or a header is malformed.",
    401: "No terminal token, or one the server does not know (or was revoked).",
    403: "Not allowed: e.g. events in another terminal's name, or a refused enrollment.",
    404: "Nothing of the kind here: e.g. machine status from a server that reads no machines.",
    409: "Conflicts with what the server holds (e.g. a broken hash chain, a taken id).",
    410: "The server's history was reset (restored from a backup): refetch from `epoch`.",
    413: "The request body is over the server's limit; nothing of it was read.",
    422: "The request is well-formed JSON but a field is wrong: each named, input not echoed.",
    429: "Too many failed attempts from this address; see Retry-After.",
    503: "The server cannot take it now (database unavailable, disk full); see Retry-After.",
}


def responses(*codes: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI `responses` of a route's refusals, each with its body's model."""
    return {
        code: {"model": Refetch if code == 410 else ErrorBody, "description": _DESCRIPTIONS[code]}
        for code in codes
    }
