"""An OPC UA machine source: subscriptions to configured nodes, on asyncua.

    source = OpcUaClientSource(mapping_source, on_signal=queue.put)   # an `OpcUaSource`
    source.start()          # its asyncio loop runs in its own thread
    source.wait_online(10)
    ...
    source.diagnostics()    # a SourceDiagnostics snapshot, from any thread
    source.stop()

It connects to the configured endpoint, creates one subscription (the configured publishing
interval) and monitors the Value attribute of every configured node: no polling. Each
data-change notification becomes a `Reading` of that node's device and metric: GOOD, or
UNCERTAIN / BAD with the node's status code (the state machine takes neither as a state),
timed by the SourceTimestamp (else the ServerTimestamp, else the host's clock).

A node the server refuses (an unknown node id, no Value attribute, not readable) and a value
of a type no state table can read (an array, bytes, a structure) are quarantined with the
reason, per device in `diagnostics()`; the other nodes go on.

When the connection is lost (the server stops, the socket dies, the keepalive probe or the
subscription's status says Bad), every device of the source is `SignalLost` at once, never
a downtime and never "running"; notifications still in flight from the lost session are
dropped. The source then reconnects with back-off (1 s doubling to 30 s), creates the
subscription again, and the initial notifications of the new monitored items give fresh
values.

`diagnostics()` is the MQTT host's `SourceDiagnostics`: `broker` is the endpoint, `nodes`
is empty, and the configured devices are in `json_devices` (the devices outside any
Sparkplug edge node): online, last good reading, last loss, notifications, quarantined.

`on_signal(signal)` is called from the source's thread only, one call at a time and in
order; it must not call `stop()`, and should be quick (a queue put): it runs on the loop
that also answers the server. An exception it raises is logged, never stops the source.

Credentials: with a `username`, the password is the secret `password_secret_name(source)`
(`machines-<source>-password`) from the OS keyring (`app.secrets`; the environment
variable TAKT_SECRET_MACHINES_<SOURCE>_PASSWORD overrides it).

Security: `security_policy = "None"` (the default) connects unsigned. Any other policy
(Basic256Sha256, Aes128_Sha256_RsaOaep, Aes256_Sha256_RsaPss) connects with SignAndEncrypt
and needs the client's application-instance certificate and its private key, by default in
`<Takt config dir>/opcua/<source>/` (see `SecurityFiles.default`):

    client-cert.der (or .pem)   the client certificate; its SubjectAltName URI is sent as
                                the client's ApplicationUri (the server checks they match);
                                the server must trust it (copy it to its trusted folder)
    client-key.pem (or .der)    its private key, unencrypted, readable by Takt's user only
    server-cert.der (or .pem)   optional: the server certificate to pin; without it the
                                client fetches it from the server's endpoints unverified
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from asyncua import Client, Node, ua
from asyncua.common.subscription import DataChangeNotif, Subscription

from app.clock import Clock, SystemClock
from app.machines.mapping import OpcUaNode, OpcUaSource
from app.machines.signals import Quality, Signal, SignalLost
from app.secrets import SecretUnavailable, env_name, get_secret
from app.settings import settings_path
from sync.machines.diagnostics import BadInput, DeviceDiagnostics, Quarantine, SourceDiagnostics
from sync.machines.opcua_convert import reading, status_text

log = logging.getLogger(__name__)

SignalCallback = Callable[[Signal], None]

SECURITY_MODE = "SignAndEncrypt"
SESSION_TIMEOUT_MS = 60_000
KEEPALIVE_MS = 5_000  # the server says "still here" at least this often on a quiet subscription


def password_secret_name(source: str) -> str:
    """The keyring entry holding the password of an OPC UA source's `username`."""
    return f"machines-{source}-password"


def _first_existing(folder: Path, names: Sequence[str]) -> Path:
    for name in names:
        if (folder / name).exists():
            return folder / name
    return folder / names[0]


@dataclass(frozen=True, slots=True)
class SecurityFiles:
    """The files a signed and encrypted connection needs (see the module docstring)."""

    certificate: Path
    private_key: Path
    server_certificate: Path | None = None

    @classmethod
    def default(cls, source: str, folder: Path | None = None) -> SecurityFiles:
        """`<Takt config dir>/opcua/<source>/`: client-cert.der, client-key.pem, server-cert.der."""
        folder = folder or settings_path().parent / "opcua" / source
        server = _first_existing(folder, ("server-cert.der", "server-cert.pem"))
        return cls(
            _first_existing(folder, ("client-cert.der", "client-cert.pem")),
            _first_existing(folder, ("client-key.pem", "client-key.der")),
            server if server.exists() else None,
        )

    def check(self) -> None:
        for path in (self.certificate, self.private_key, self.server_certificate):
            if path is None:
                continue
            if not path.is_file():
                raise FileNotFoundError(f"OPC UA security: {path} is missing")
            if "," in str(path):
                raise ValueError(f"OPC UA security: {path}: no ',' in a certificate path")

    def security_string(self, policy: str) -> str:
        """asyncua's `Policy,Mode,certificate,private_key[,server_certificate]`."""
        parts = [
            policy.replace("_", ""),
            SECURITY_MODE,
            str(self.certificate),
            str(self.private_key),
        ]
        if self.server_certificate is not None:
            parts.append(str(self.server_certificate))
        return ",".join(parts)

    def application_uri(self) -> str | None:
        """The URI in the client certificate's SubjectAltName (the ApplicationUri to send)."""
        from cryptography import x509

        data = self.certificate.read_bytes()
        try:
            cert = x509.load_der_x509_certificate(data)
        except ValueError:
            cert = x509.load_pem_x509_certificate(data)
        try:
            names = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName)
        except x509.ExtensionNotFound:
            return None
        uris = names.value.get_values_for_type(x509.UniformResourceIdentifier)
        return uris[0] if uris else None


def _describe(error: BaseException) -> str:
    text = str(error)
    return f"{type(error).__name__}: {text}" if text else type(error).__name__


def _without_credentials(endpoint: str) -> str:
    parts = urlsplit(endpoint)
    if "@" not in parts.netloc:
        return endpoint
    return urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2]))


class _Device:
    """What diagnostics say about one configured device."""

    def __init__(self, name: str, keep: int) -> None:
        self.name = name
        self.subscribed = 0  # its nodes monitored in the current session
        self.messages = 0
        self.last_good: datetime | None = None
        self.last_lost: datetime | None = None
        self.quarantine = Quarantine(keep)


class _Session:
    """One connection: its handler drops what arrives after the session was lost."""

    def __init__(self, source: OpcUaClientSource) -> None:
        self._source = source
        self.active = False  # notifications are taken (from the subscription on, until lost)
        self.online = False  # connected and subscribed
        self.lost = asyncio.Event()
        self.reason = ""
        self.by_node: dict[ua.NodeId, list[OpcUaNode]] = {}

    def lose(self, reason: str) -> None:
        if not self.lost.is_set():
            self.reason = reason
            self.active = False
            self.lost.set()

    # asyncua's subscription handler (called in a task of the loop, in order)

    def datachange_notification(self, node: Node, val: object, data: DataChangeNotif) -> None:
        if not self.active:
            return
        try:
            self._source._data_change(self, node, val, data.monitored_item.Value)
        except Exception:
            log.exception("source %s: a notification of %s failed", self._source.name, node)

    def status_change_notification(self, status: ua.StatusChangeNotification) -> None:
        code = status.Status
        if code is not None and not code.is_good():
            self.lose(f"subscription status {status_text(code)}")


class OpcUaClientSource:
    """The running source; see the module docstring. Start once, stop once. Thread-safe."""

    def __init__(
        self,
        config: OpcUaSource,
        on_signal: SignalCallback,
        *,
        clock: Clock | None = None,
        reconnect_min_delay: float = 1.0,
        reconnect_max_delay: float = 30.0,
        request_timeout: float = 4.0,
        watchdog_interval: float = 1.0,
        security_files: SecurityFiles | None = None,
        quarantine_keep: int = 50,
    ) -> None:
        if not config.nodes:
            raise ValueError(f"source {config.name!r}: no node to subscribe to")
        if reconnect_min_delay <= 0 or reconnect_max_delay < reconnect_min_delay:
            raise ValueError(f"source {config.name!r}: bad reconnect delays")
        self.config = config
        self.name = config.name
        self._on_signal = on_signal
        self._clock = clock or SystemClock()
        self._min_delay = reconnect_min_delay
        self._max_delay = reconnect_max_delay
        self._request_timeout = request_timeout
        self._watchdog_interval = watchdog_interval
        self._security_files = security_files
        self._devices = {n.device: _Device(n.device, quarantine_keep) for n in config.nodes}
        self._unattributed = Quarantine(quarantine_keep)
        self._lock = threading.Lock()  # diagnostics state, the loop handle
        self._online = threading.Event()
        self._stop_requested = threading.Event()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None  # set in the loop when stop() is asked
        self._password: str | None = None
        self._connected = False
        self._since: datetime | None = None
        self._losses = 0
        self._messages = 0
        self._lost_reported = False

    # -- life -------------------------------------------------------------------------------

    def start(self) -> None:
        """Read the password and certificates, then connect in the background (retrying)."""
        if self._thread is not None:
            raise RuntimeError(f"source {self.name!r} already started")
        if self.config.username is not None:
            secret = password_secret_name(self.name)
            self._password = get_secret(secret)
            if self._password is None:
                raise SecretUnavailable(
                    f"source {self.name!r}: no password for {self.config.username!r} in the "
                    f"keyring (service 'takt', {secret!r}) nor in {env_name(secret)}"
                )
        if self.config.security_policy != "None":
            files = self._security_files or SecurityFiles.default(self.name)
            files.check()
            self._security_files = files
        self._thread = threading.Thread(
            target=self._run, name=f"machines-{self.name}-opcua", daemon=True
        )
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        """Close the session, end the thread; every device: signal lost ("source stopped")."""
        thread = self._thread
        if thread is None:
            return
        if threading.current_thread() is thread:
            raise RuntimeError("stop() called from the source's own callback")
        with self._lock:
            self._stop_requested.set()
            loop, wake = self._loop, self._wake
        if loop is not None and wake is not None:
            with contextlib.suppress(RuntimeError):  # the loop has already closed
                loop.call_soon_threadsafe(wake.set)
        thread.join(timeout)
        if thread.is_alive():
            log.warning("source %s: its thread did not end within %.1f s", self.name, timeout)

    def wait_online(self, timeout: float) -> bool:
        """Block until connected and subscribed (or timeout)."""
        return self._online.wait(timeout)

    @property
    def online(self) -> bool:
        return self._online.is_set()

    def diagnostics(self) -> SourceDiagnostics:
        with self._lock:
            devices = tuple(
                DeviceDiagnostics(
                    device=d.name,
                    online=self._connected and d.subscribed > 0,
                    last_birth=d.last_good,
                    last_death=d.last_lost,
                    messages=d.messages,
                    quarantined_total=d.quarantine.total,
                    quarantined=d.quarantine.snapshot(),
                )
                for d in self._devices.values()
            )
            return SourceDiagnostics(
                source=self.name,
                broker=_without_credentials(self.config.endpoint),
                host_id=None,
                connected=self._connected,
                since=self._since,
                connection_losses=self._losses,
                messages=self._messages,
                quarantined_total=self._unattributed.total,
                quarantined=self._unattributed.snapshot(),
                nodes=(),
                json_devices=devices,  # the devices outside any Sparkplug edge node
            )

    # -- the loop ---------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            with asyncio.Runner() as runner:
                runner.run(self._main())
        except Exception:
            log.exception("source %s: its loop failed", self.name)
        finally:
            self._online.clear()

    async def _main(self) -> None:
        wake = asyncio.Event()
        with self._lock:
            self._loop, self._wake = asyncio.get_running_loop(), wake
            if self._stop_requested.is_set():
                wake.set()
        delay = self._min_delay
        while not wake.is_set():
            session = _Session(self)
            reason = await self._run_session(session, wake)
            if wake.is_set():
                break
            self._lose(reason)
            if session.online:  # it had been up: the first retry comes after the least delay
                delay = self._min_delay
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), delay)
            delay = min(delay * 2, self._max_delay)
        self._lose("source stopped", stopping=True)

    async def _run_session(self, session: _Session, wake: asyncio.Event) -> str:
        """The session, cut short when stop() comes while it is still connecting."""
        task = asyncio.create_task(self._session(session, wake))
        await self._first_of(wake, task)
        if not task.done() and not session.online:
            task.cancel()
        try:
            return await task
        except asyncio.CancelledError:
            return "source stopped"

    async def _session(self, session: _Session, wake: asyncio.Event) -> str:
        """Connect, subscribe, wait until stopped or lost; the reason of the loss."""
        client = Client(
            self.config.endpoint,
            timeout=self._request_timeout,
            watchdog_intervall=self._watchdog_interval,
        )
        client.name = client.description = f"Takt machines {self.name}"
        client.session_timeout = SESSION_TIMEOUT_MS  # a lost session ends on the server soon
        client.application_uri = f"urn:takt:machines:{self.name}"
        if self.config.username is not None:
            client.set_user(self.config.username)
            client.set_password(self._password or "")

        async def connection_lost(error: Exception) -> None:
            session.lose(f"connection lost ({_describe(error)})")

        client.connection_lost_callback = connection_lost
        connected = False
        try:
            if self._security_files is not None:
                files = self._security_files
                client.application_uri = files.application_uri() or client.application_uri
                await client.set_security_string(files.security_string(self.config.security_policy))
            await client.connect()
            connected = True
            subscription = await client.create_subscription(self._parameters(), session)
            session.active = True
            await self._subscribe(client, session, subscription)
            if session.lost.is_set():
                return session.reason
            session.online = True
            with self._lock:
                self._connected = True
                self._since = self._clock.now()
                self._lost_reported = False
            self._online.set()
            log.info("source %s: connected to %s", self.name, self.config.endpoint)
            await self._first_of(wake, session.lost)
            return session.reason
        except Exception as error:
            session.lose(f"{_without_credentials(self.config.endpoint)}: {_describe(error)}")
            if not connected:
                log.info("source %s: cannot connect: %s", self.name, session.reason)
            return session.reason
        finally:
            session.active = False
            self._online.clear()
            if session.lost.is_set() and not wake.is_set():
                self._lose(session.reason)  # at once: saying goodbye may take a while
            if connected:
                await self._disconnect(client, graceful=not session.lost.is_set())

    def _parameters(self) -> ua.CreateSubscriptionParameters:
        """The configured publishing interval; a keep-alive at least every KEEPALIVE_MS."""
        interval = float(self.config.publishing_interval_ms)
        keepalive = max(1, round(KEEPALIVE_MS / interval))
        params = ua.CreateSubscriptionParameters()
        params.RequestedPublishingInterval = interval
        params.RequestedMaxKeepAliveCount = ua.UInt32(keepalive)
        params.RequestedLifetimeCount = ua.UInt32(keepalive * 10)  # Part 4: >= 3 keep-alives
        params.MaxNotificationsPerPublish = ua.UInt32(10_000)
        params.PublishingEnabled = True
        return params

    async def _subscribe(
        self, client: Client, session: _Session, subscription: Subscription
    ) -> None:
        """Monitor every configured node; quarantine those the server refuses."""
        now = self._clock.now()
        with self._lock:
            for device in self._devices.values():
                device.subscribed = 0
        for node in self.config.nodes:
            try:
                node_id = await self._node_id(client, node.node_id)
            except Exception as error:
                self._quarantine(node, f"not subscribed: {error}", now)
                continue
            session.by_node.setdefault(node_id, []).append(node)
        ids = list(session.by_node)
        if not ids:
            return
        nodes = [client.get_node(node_id) for node_id in ids]
        results = await subscription.subscribe_data_change(nodes, queuesize=0)
        for node_id, result in zip(ids, results, strict=True):
            configured = session.by_node[node_id]
            if isinstance(result, ua.StatusCode):
                del session.by_node[node_id]
                for node in configured:
                    self._quarantine(node, f"not subscribed: {status_text(result)}", now)
                continue
            with self._lock:
                for node in configured:
                    self._devices[node.device].subscribed += 1

    @staticmethod
    async def _node_id(client: Client, text: str) -> ua.NodeId:
        """The configured node id; `nsu=<uri>;...` resolved against the server's namespaces."""
        node_id = ua.NodeId.from_string(text)
        if isinstance(node_id, ua.ExpandedNodeId) and node_id.NamespaceUri:
            index = await client.get_namespace_index(node_id.NamespaceUri)
            return ua.NodeId(node_id.Identifier, ua.Int16(index), node_id.NodeIdType)
        return ua.NodeId(node_id.Identifier, node_id.NamespaceIndex, node_id.NodeIdType)

    def _data_change(
        self, session: _Session, node: Node, value: object, data: ua.DataValue | None
    ) -> None:
        now = self._clock.now()
        configured = session.by_node.get(node.nodeid)
        if not configured:
            with self._lock:
                self._messages += 1
                self._unattributed.add(now, node.nodeid.to_string(), 0, "a node not subscribed")
            return
        signals: list[Signal] = []
        for item in configured:
            with self._lock:
                self._messages += 1
                self._devices[item.device].messages += 1
            try:
                signal = reading(self.name, item.device, item.metric, value, data, now)
            except BadInput as bad:
                self._quarantine(item, bad.reason, now, value)
                continue
            with self._lock:
                if signal.quality is Quality.GOOD:
                    self._devices[item.device].last_good = now
                self._lost_reported = False  # the devices speak again: a loss is news again
            signals.append(signal)
        self._emit(signals)

    def _quarantine(
        self, node: OpcUaNode, reason: str, now: datetime, value: object = None
    ) -> None:
        payload = repr(value).encode() if value is not None else 0
        reason = f"{node.device} {node.metric}: {reason}"
        with self._lock:
            self._devices[node.device].quarantine.add(now, node.node_id, payload, reason)

    def _lose(self, reason: str, *, stopping: bool = False) -> None:
        """The connection is gone (or was never there): SignalLost for all, once per outage."""
        now = self._clock.now()
        with self._lock:
            was_connected, self._connected = self._connected, False
            if was_connected:
                self._since = now
                if not stopping:
                    self._losses += 1
            for device in self._devices.values():
                device.subscribed = 0
            if self._lost_reported:
                return
            self._lost_reported = True
            for device in self._devices.values():
                device.last_lost = now
        self._online.clear()
        log.warning("source %s: %s", self.name, reason)
        self._emit([SignalLost(self.name, tuple(self._devices), reason, now)])

    async def _disconnect(self, client: Client, *, graceful: bool) -> None:
        """End the session and its tasks, never raising: politely while the server answers;
        after a loss without waiting long for a server that may not answer."""
        try:
            if graceful:
                await asyncio.wait_for(client.disconnect(), self._request_timeout)
            else:
                await asyncio.wait_for(client.close_session(), min(1.0, self._request_timeout))
        except Exception as error:  # the server went away while we said goodbye
            log.debug("source %s: disconnect: %r", self.name, error)
        client.disconnect_socket()

    @staticmethod
    async def _first_of(event: asyncio.Event, other: asyncio.Event | asyncio.Task[str]) -> None:
        """Wait until `event` is set, or `other` is set (an event) or done (a task)."""
        mine: list[asyncio.Future[Any]] = [asyncio.ensure_future(event.wait())]
        if isinstance(other, asyncio.Event):
            mine.append(asyncio.ensure_future(other.wait()))
        watched: list[asyncio.Future[Any]] = [*mine]
        if isinstance(other, asyncio.Task):
            watched.append(other)
        try:
            await asyncio.wait(watched, return_when=asyncio.FIRST_COMPLETED)
        finally:
            for waiter in mine:
                waiter.cancel()
            await asyncio.gather(*mine, return_exceptions=True)

    def _emit(self, signals: list[Signal]) -> None:
        for signal in signals:
            try:
                self._on_signal(signal)
            except Exception:
                log.exception("source %s: on_signal failed for %r", self.name, signal)
