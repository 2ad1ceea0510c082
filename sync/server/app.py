"""The server's HTTP application (FastAPI): registration, push, pull, live stream.

Every route but /health needs a terminal token. Handlers that touch the database are
plain functions (FastAPI runs them in worker threads); the live stream is async and
waits on the event loop, so a hundred connected terminals hold no threads.
"""

import logging
import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Annotated, Any

import pydantic
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response, StreamingResponse
from sqlalchemy.exc import DBAPIError, OperationalError

import app
from app import queries
from app.clock import Clock, SystemClock
from app.errors import DiskFullError, IntegrityError, ValidationError
from app.machines.mapping import MachineMapping
from sync.machines.diagnostics import HostStatus

if TYPE_CHECKING:
    from sync.machines.host import MachineHost
from app.model import ServerState
from app.pin_key import ensure_pin_key
from app.store import Store
from sync.erp.base import ErpAdapter
from sync.intake.channels.config import IntakeSettings
from sync.intake.channels.webhooks import MAX_WEBHOOK_BYTES, intake_paths, intake_router
from sync.intake.inbox import Inbox, IntakeWorker
from sync.notify.channels import Channel
from sync.protocol import (
    API,
    Cursor,
    Page,
    PushRequest,
    PushResponse,
    Refetch,
    RegisterRequest,
    RegisterResponse,
)
from sync.server import auth, feed, signing
from sync.server.erp_link import ErpLink
from sync.server.guard import (
    MAX_BODY_BYTES,
    MAX_REGISTER_BYTES,
    BodyLimit,
    responses,
    validation_failed,
)
from sync.server.ingest import (
    Forbidden,
)
from sync.server.live import wakeup_for
from sync.server.notifier import ServerNotifier
from sync.server.pushes import Pushes
from sync.server.ratelimit import FailureLimiter, TooManyFailures
from sync.server.singletons import (
    DEFAULT_TAKEOVER_S,
    Job,
    SingletonLock,
    Singletons,
    describe_process,
)
from sync.server.singletons import singleton_lock as _lock_of
from sync.server.timers import DeadlineTimer

log = logging.getLogger(__name__)

# /v1/push reads its body itself (see the route); this documents it in the schema.
PUSH_REQUEST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/PushRequest"}}},
    }
}


def _with_push_request(api: FastAPI) -> None:
    """Add PushRequest (and the models it uses) to the schema's components."""
    build = api.openapi

    def openapi() -> dict[str, Any]:
        if api.openapi_schema is None:
            schema = build()
            push = PushRequest.model_json_schema(ref_template="#/components/schemas/{model}")
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            components.update(push.pop("$defs", {}))
            components["PushRequest"] = push
        return api.openapi_schema or build()

    api.openapi = openapi  # type: ignore[method-assign]


PAGE_LIMIT = 500
KEEPALIVE_S = 10.0


def prepare(store: Store) -> int:
    """Make `store` a server database: it numbers events; return the current head."""
    store.orders_events = True
    store.speculative = False
    with store.write() as session:
        return feed.ensure_state(session).head_seq


def create_app(
    store: Store,
    *,
    enrollment_key: str | None = None,
    clock: Clock | None = None,
    deadline_interval_s: float | None = 15.0,
    erp: ErpAdapter | None = None,
    erp_import_interval_s: float | None = 15 * 60.0,
    erp_post_interval_s: float = 1.0,
    max_body_bytes: int = MAX_BODY_BYTES,
    notify_channels: Sequence[Channel] = (),
    notify_interval_s: float = 15.0,
    takeover_s: float = DEFAULT_TAKEOVER_S,
    singleton_lock: SingletonLock | None = None,
    close_store: bool = False,
    machines: MachineMapping | None = None,
    intake: IntakeSettings | None = None,
) -> FastAPI:
    """The server over `store`. Terminals register with one-time codes (`takt server
    terminals add`); an embedded server may also take `enrollment_key` in their place.

    The deadline timer, ERP link and notifier run only while this process holds the
    database's single-writer lock (`singleton_lock`, by default the store's; standby
    processes try every `takeover_s`), and so does the machine host when `machines`
    maps machine signals (`takt server --machines FILE`), and the message intake's
    worker, SMTP listener and IMAP poll when `intake` says (`takt server --intake FILE`;
    its webhooks answer in every process). `close_store`: the app owns
    the store (a worker process of `takt server --workers N`) and closes it when it stops."""
    clock = clock or SystemClock()
    enrollment_failures = FailureLimiter()
    signal = wakeup_for(store.engine, store.terminal_id, prepare(store), lambda: _head(store))

    def committed() -> None:
        signal.publish(_head(store))

    machine_host: list[MachineHost] = []  # this process's, while it holds the jobs
    inbox = Inbox(store, clock, wake=lambda: singletons.wake())

    def jobs() -> list[Job]:
        """The single-writer jobs, made anew each time this process takes them over."""
        made: list[Job] = []
        if deadline_interval_s:
            made.append(DeadlineTimer(store, clock, committed, deadline_interval_s))
        # The single writer to the ERP (and the scheduled import) live here, on the server.
        if erp is not None:
            made.append(
                ErpLink(
                    store,
                    erp,
                    clock,
                    committed,
                    post_interval_s=erp_post_interval_s,
                    import_interval_s=erp_import_interval_s,
                )
            )
        # Notifications leave from the server only: once per exception per channel.
        if notify_channels:
            made.append(ServerNotifier(store, notify_channels, clock, notify_interval_s))
        # Machine signals: one host reads the brokers, so a stop is recorded once.
        if machines is not None:
            from sync.machines.host import MachineHost

            host = MachineHost(store, machines, clock=clock, on_recorded=committed)
            machine_host[:] = [host]
            made.append(host)
        # Messages: stored by any process's channels, understood and recorded by one.
        if intake is not None:
            made.append(IntakeWorker(store, clock, committed))
            if intake.smtp is not None:
                from sync.intake.channels.smtp import SmtpListener

                made.append(
                    SmtpListener(
                        inbox, intake.smtp.host, intake.smtp.port, max_bytes=intake.smtp.max_bytes
                    )
                )
            if intake.imap is not None:
                from sync.intake.channels.imap import ImapPoller

                made.append(ImapPoller(inbox, intake.imap, intake.secrets.imap_password or ""))
        return made

    # Of several server processes over one database, one runs them (sync/server/singletons).
    singletons = Singletons(
        singleton_lock or singleton_lock_for(store, describe_process("server")),
        jobs,
        takeover_s,
    )
    # Every PIN hash depends on it; each terminal gets it when it registers.
    plant_pin_key = ensure_pin_key(store.terminal_id)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        signal.start()
        singletons.start()
        try:
            yield
        finally:
            singletons.stop()
            signal.stop()
            if close_store:
                store.close()

    api = FastAPI(title="Takt server", version=app.__version__, lifespan=lifespan)
    _with_push_request(api)
    # Bodies are limited before anyone reads them, a registration's far below a push's,
    # a chat message's too; what a webhook is refused counts for its channel.
    webhooks = intake_paths(intake) if intake is not None else {}

    async def webhook_too_large(path: str) -> None:
        if path in webhooks:
            await run_in_threadpool(inbox.refuse, webhooks[path], "oversized")

    api.add_middleware(
        BodyLimit,
        max_bytes=max_body_bytes,
        per_path={
            f"{API}/terminals": min(MAX_REGISTER_BYTES, max_body_bytes),
            **dict.fromkeys(webhooks, min(MAX_WEBHOOK_BYTES, max_body_bytes)),
        },
        on_too_large=webhook_too_large,
    )
    api.add_exception_handler(RequestValidationError, validation_failed)
    api.state.signal = signal
    api.state.singletons = singletons

    def terminal(authorization: Annotated[str | None, Header()] = None) -> str:
        try:
            return auth.authenticate_call(store, authorization, clock.now())
        except auth.NotAuthenticated as error:
            raise HTTPException(401, str(error), headers={"WWW-Authenticate": "Bearer"}) from None

    Terminal = Annotated[str, Depends(terminal)]
    if intake is not None:
        api.include_router(intake_router(inbox, intake, clock, terminal))

    @api.get(f"{API}/intake/status", responses=responses(401, 404, 422, 503))
    def intake_status(_: Terminal) -> dict[str, Any]:
        """Messages taken in, recorded and refused, by channel and reason; what waits."""
        if intake is None:
            raise HTTPException(
                404, "this server takes no messages in: start it with --intake FILE"
            )
        return inbox.status()

    @api.exception_handler(feed.RefetchNeeded)
    def _refetch(_: Request, error: feed.RefetchNeeded) -> JSONResponse:
        return JSONResponse(Refetch(epoch=error.epoch).model_dump(), status_code=410)

    @api.exception_handler(DiskFullError)
    def _disk_full(_: Request, error: DiskFullError) -> JSONResponse:
        # Nothing of the batch was stored; the terminal keeps it and sends it again.
        return JSONResponse(
            {"detail": f"the server's disk is full: {error.problem}"},
            status_code=503,
            headers={"Retry-After": "30"},
        )

    @api.exception_handler(OperationalError)
    def _transient(_: Request, error: DBAPIError) -> JSONResponse:
        log.warning("database unavailable: %s", error)
        return JSONResponse(
            {"detail": "the server's database is unavailable; try again"},
            status_code=503,
            headers={"Retry-After": "2"},
        )

    @api.get("/health", responses=responses(503))
    def health() -> dict[str, Any]:
        # Cheap: terminals probe it while they wait for the server to come back. Every
        # stored event took the next global number, so the last one counts them.
        with store.read() as session:
            plant = queries.plant_name(session)
            state = session.get(ServerState, 1)
            events = state.head_seq if state else 0
        return {
            "status": "ok",
            "version": app.__version__,
            "server_id": store.terminal_id,
            "plant": plant,
            "events": events,
            "epoch": state.epoch if state else None,
            # Which process answered, and whether it runs the single-writer jobs.
            "pid": os.getpid(),
            "singletons": singletons.state,
        }

    @api.get(
        f"{API}/machines/status",
        response_model=HostStatus,
        responses=responses(401, 404, 422, 503),
    )
    def machines_status(_: Terminal) -> HostStatus:
        """The machine host's diagnostics: each work center's state, each source, edge node
        and device (connected, births, messages, quarantined payloads, seq gaps)."""
        if machines is None:
            raise HTTPException(
                404, "this server records no machine signals: start it with --machines FILE"
            )
        if singletons.state != "held" or not machine_host:
            raise HTTPException(
                503,
                "another process of this server runs the machine host; ask again",
                headers={"Retry-After": "5"},
            )
        return machine_host[0].status()

    @api.post(
        f"{API}/terminals",
        response_model=RegisterResponse,
        responses=responses(400, 401, 403, 409, 413, 422, 429, 503),
    )
    def register(
        request: Request,
        body: RegisterRequest,
        authorization: Annotated[str | None, Header()] = None,
    ) -> RegisterResponse:
        now = clock.now()
        address = request.client.host if request.client else "unknown"
        try:
            with (
                enrollment_failures.attempt(address, now, auth.WrongCode),
                store.write() as session,
            ):
                token = auth.register(
                    session,
                    enrollment_key=enrollment_key,
                    presented_key=auth.bearer(authorization) or "",
                    terminal_id=body.terminal_id,
                    name=body.name,
                    public_key=body.public_key,
                    server_id=store.terminal_id,
                    now=now,
                )
                epoch = feed.current_state(session).epoch
        except TooManyFailures as error:
            retry = {"Retry-After": str(error.retry_after_s)}
            raise HTTPException(429, str(error), headers=retry) from None
        except auth.EnrollmentRefused as error:
            raise HTTPException(error.status, str(error)) from None
        log.info("terminal %s (%s) registered", body.name, body.terminal_id)
        return RegisterResponse(
            token=token, server_id=store.terminal_id, epoch=epoch, pin_key=plant_pin_key.encode()
        )

    pushes = Pushes(store, clock)
    api.state.pushes = pushes.group  # how many pushes went together (diagnostics, tests)

    def apply_push(body: PushRequest, terminal_id: str) -> PushResponse:
        try:
            response = pushes.apply(terminal_id, body)
        except signing.SignatureRefused as error:
            raise HTTPException(error.status, str(error)) from None
        except Forbidden as error:
            raise HTTPException(403, str(error)) from None
        except ValidationError as error:
            detail = [{"field": p.field, "problem": p.problem} for p in error.problems]
            raise HTTPException(422, detail) from None
        except IntegrityError as error:
            raise HTTPException(409, str(error)) from None
        signal.publish(_last_seq(response, signal.head))
        if any(r.status == "applied" for r in response.results):
            # What they recorded may be due for the ERP, or to be notified, now.
            singletons.wake()
        return response

    # The busiest call: the body is parsed and validated in one pass straight from its
    # bytes, and the answer serialized the same way (pydantic's core, not json + dicts).
    @api.post(
        f"{API}/push",
        response_model=PushResponse,
        openapi_extra=PUSH_REQUEST_BODY,
        responses=responses(400, 401, 403, 409, 410, 413, 422, 503),
    )
    async def push(request: Request, terminal_id: Terminal) -> Response:
        try:
            # Strict: what the schema says, no coercion (`false` is not an offset of 0 s).
            body = PushRequest.model_validate_json(await request.body(), strict=True)
        except pydantic.ValidationError as error:
            raise RequestValidationError(
                [{**e, "loc": ("body", *e["loc"])} for e in error.errors(include_url=False)]
            ) from None
        response = await run_in_threadpool(apply_push, body, terminal_id)
        return Response(response.model_dump_json(), media_type="application/json")

    @api.get(f"{API}/events", response_model=Page, responses=responses(401, 410, 422, 503))
    def pull(
        terminal_id: Terminal,
        epoch: str | None = None,
        seq: Annotated[int, Query(ge=0)] = 0,
        event_id: str | None = None,
        limit: Annotated[int, Query(ge=1, le=5000)] = PAGE_LIMIT,
    ) -> Page:
        with store.read() as session:
            return feed.read_page(
                session,
                Cursor(epoch=epoch, seq=seq, event_id=event_id),
                limit,
                clock.now(),
                terminal_id,
            )

    @api.get(
        f"{API}/stream",
        response_class=StreamingResponse,
        responses={
            200: {"content": {"text/event-stream": {"schema": {"type": "string"}}}},
            **responses(401, 410, 422, 503),
        },
    )
    async def stream(
        request: Request,
        terminal_id: Terminal,
        epoch: str | None = None,
        seq: Annotated[int, Query(ge=0)] = 0,
        event_id: str | None = None,
    ) -> StreamingResponse:
        """Server-sent events: each `data:` line is a Page, as /events would answer."""
        start = Cursor(epoch=epoch, seq=seq, event_id=event_id)
        first = await run_in_threadpool(_page, start, terminal_id)  # a bad cursor: 410

        async def pages() -> AsyncIterator[str]:
            page = first
            while True:
                if page.events:
                    yield f"data: {page.model_dump_json()}\n\n"
                if not page.has_more:
                    if not await signal.wait_beyond(page.cursor.seq, KEEPALIVE_S):
                        yield ": keepalive\n\n"
                    if await request.is_disconnected():
                        return
                page = await run_in_threadpool(_page, page.cursor, terminal_id)

        return StreamingResponse(
            pages(), media_type="text/event-stream", headers={"Cache-Control": "no-store"}
        )

    def _page(cursor: Cursor, terminal_id: str) -> Page:
        with store.read() as session:
            return feed.read_page(session, cursor, PAGE_LIMIT, clock.now(), terminal_id)

    return api


def singleton_lock_for(store: Store, who: str) -> SingletonLock:
    """The single-writer lock of a server's database (`takt erp post` takes it too)."""
    return _lock_of(store.engine, store.path, store.terminal_id, who)


def _head(store: Store) -> int:
    with store.read() as session:
        state = session.get(ServerState, 1)
        return state.head_seq if state else 0


def _last_seq(response: PushResponse, head: int) -> int:
    seqs = [r.server_seq for r in response.results if r.server_seq is not None]
    return max([head, *seqs])
