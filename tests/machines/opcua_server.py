"""asyncua's own OPC UA server on 127.0.0.1, run in a thread of its own, for the tests.

    server = OpcUaTestServer(free_port(), certificates=...)   # its loop thread starts
    server.start()                       # init (a few seconds, once) and listen
    node_id = server.add("Press.State", 0)                   # "ns=2;s=Press.State"
    server.write("Press.State", 2, source_time=t, status=ua.StatusCodes.Good)
    server.stop()                        # closes the listener and every client connection
    server.start()                       # the same server again, on the same port: instant
    server.close()                       # stopped, its loop and thread ended

`Relay` stands between a source and the server: `freeze()` is a pulled cable, `kill()` a
reset socket.
It offers the None endpoint and, with `certificates`, Basic256Sha256 SignAndEncrypt. Users:
anonymous, or USERNAME with PASSWORD (`logins` records who logged in). Every call blocks
until the server's loop has done it (or fails after TIMEOUT).

`Signals` collects what a source delivers and waits for what a test expects.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from asyncua import Server, ua
from asyncua.crypto.permission_rules import User, UserRole
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from app.machines.signals import Signal

TIMEOUT = 15.0  # seconds: an upper bound for what takes well under one
NAMESPACE = "urn:takt:tests:opcua"
USERNAME = "takt"
PASSWORD = "machine-secret"
T = TypeVar("T")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


# -- certificates -------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyPair:
    certificate: Path  # DER
    private_key: Path  # PEM, unencrypted


def make_certificate(folder: Path, name: str, uri: str, *, server: bool) -> KeyPair:
    """A self-signed OPC UA application-instance certificate (URI and DNS in SubjectAltName)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.now(UTC)
    usage = ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=30))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.UniformResourceIdentifier(uri), x509.DNSName(socket.gethostname())]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=True,
                data_encipherment=True,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    pair = KeyPair(folder / f"{name}-cert.der", folder / f"{name}-key.pem")
    pair.certificate.write_bytes(cert.public_bytes(serialization.Encoding.DER))
    pair.private_key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.TraditionalOpenSSL,
            serialization.NoEncryption(),
        )
    )
    return pair


# -- users ----------------------------------------------------------------------------------


class _Users:
    """Anonymous, or USERNAME with PASSWORD; remembers who logged in."""

    def __init__(self) -> None:
        self.logins: list[str | None] = []

    def get_user(
        self, iserver: Any, username: str | None = None, password: str | None = None, **_: Any
    ) -> User | None:
        if username is None:
            self.logins.append(None)
            return User(role=UserRole.User)
        if username == USERNAME and password == PASSWORD:
            self.logins.append(username)
            return User(role=UserRole.User)
        return None


# -- the server -----------------------------------------------------------------------------


class OpcUaTestServer:
    def __init__(self, port: int, *, certificates: KeyPair | None = None) -> None:
        self.port = port
        self.endpoint = f"opc.tcp://127.0.0.1:{port}/takt/"
        self.namespace = 0  # the index of NAMESPACE, once started
        self.certificates = certificates
        self._users = _Users()
        self._server: Server | None = None
        self._running = False
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._run, name="opcua-test-server", daemon=True)
        self._thread.start()

    @property
    def logins(self) -> list[str | None]:
        return list(self._users.logins)

    def node_id(self, name: str) -> str:
        return f"ns={self.namespace};s={name}"

    def start(self) -> None:
        self._call(self._start())

    def add(self, name: str, value: Any, variant_type: ua.VariantType | None = None) -> str:
        """A variable under Objects/Machines; its node id."""
        self._call(self._add(name, value, variant_type))
        return self.node_id(name)

    def write(
        self,
        name: str,
        value: Any,
        *,
        status: int = ua.StatusCodes.Good,
        source_time: datetime | None = None,
        variant_type: ua.VariantType | None = None,
    ) -> None:
        """Write the Value attribute as a device would: value, status code, source time."""
        self._call(self._write(name, value, status, source_time, variant_type))

    def stop(self) -> None:
        self._call(self._stop())

    def close(self) -> None:
        if self._thread.is_alive():
            self._call(self._stop())
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(TIMEOUT)

    # -- in the server's loop ---------------------------------------------------------------

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._loop.run_forever()
            tasks = asyncio.all_tasks(self._loop)
            for task in tasks:
                task.cancel()
            self._loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            self._loop.run_until_complete(self._loop.shutdown_asyncgens())
            self._loop.run_until_complete(self._loop.shutdown_default_executor())
        finally:
            self._loop.close()

    def _call(self, work: Coroutine[Any, Any, T]) -> T:
        return asyncio.run_coroutine_threadsafe(work, self._loop).result(TIMEOUT)

    async def _start(self) -> None:
        if self._running:
            return
        if self._server is None:
            self._server = await self._make()
        await self._server.start()
        self._running = True

    async def _make(self) -> Server:
        server = Server(user_manager=self._users)  # type: ignore[arg-type]
        await server.init()
        server.set_endpoint(self.endpoint)
        server.set_server_name("Takt test server")
        policies = [ua.SecurityPolicyType.NoSecurity]
        if self.certificates is not None:
            policies.append(ua.SecurityPolicyType.Basic256Sha256_SignAndEncrypt)
            await server.load_certificate(str(self.certificates.certificate))
            await server.load_private_key(str(self.certificates.private_key))
        server.set_security_policy(policies)
        self.namespace = await server.register_namespace(NAMESPACE)
        await server.nodes.objects.add_folder(
            ua.NodeId("Machines", self.namespace), ua.QualifiedName("Machines", self.namespace)
        )
        return server

    async def _add(self, name: str, value: Any, variant_type: ua.VariantType | None) -> None:
        assert self._server is not None, "start the test server first"
        folder = self._server.get_node(ua.NodeId("Machines", self.namespace))
        await folder.add_variable(
            ua.NodeId(name, self.namespace),
            ua.QualifiedName(name, self.namespace),
            ua.Variant(value, variant_type),
        )

    async def _write(
        self,
        name: str,
        value: Any,
        status: int,
        source_time: datetime | None,
        variant_type: ua.VariantType | None,
    ) -> None:
        assert self._server is not None, "the test server was never started"
        assert self._running, "the test server is stopped"
        data = ua.DataValue(
            ua.Variant(value, variant_type),
            StatusCode=ua.StatusCode(status),
            SourceTimestamp=source_time,
            ServerTimestamp=datetime.now(UTC),
        )
        await self._server.write_attribute_value(ua.NodeId(name, self.namespace), data)

    async def _stop(self) -> None:
        if self._server is not None and self._running:
            self._running = False
            await self._server.stop()


# -- a cable to pull -------------------------------------------------------------------------


class Relay:
    """A TCP relay on 127.0.0.1 in front of the server, whose connections can fail.

    `freeze()` makes the connections open now swallow everything, both ways, without
    closing (a pulled cable: only a keepalive notices); `kill()` resets them (RST). New
    connections relay normally either way.
    """

    def __init__(self, target_port: int) -> None:
        self._target = ("127.0.0.1", target_port)
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.05)
        self.port: int = self._listener.getsockname()[1]
        self._lock = threading.Lock()
        self._open: dict[socket.socket, threading.Event] = {}  # socket -> its pair's freeze
        self._threads: list[threading.Thread] = []
        self._closed = threading.Event()
        self._accepting = threading.Thread(target=self._accept, name="opcua-relay")
        self._accepting.start()

    def freeze(self) -> None:
        with self._lock:
            for frozen in self._open.values():
                frozen.set()

    def kill(self) -> None:
        with self._lock:
            doomed = list(self._open)
            self._open.clear()
        for sock in doomed:
            _reset(sock)

    def close(self) -> None:
        self._closed.set()
        self._accepting.join(TIMEOUT)
        self._listener.close()
        self.kill()
        for thread in self._threads:
            thread.join(TIMEOUT)

    def _accept(self) -> None:
        while not self._closed.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            upstream = socket.create_connection(self._target, timeout=TIMEOUT)
            client.settimeout(None)
            upstream.settimeout(None)
            frozen = threading.Event()
            with self._lock:
                self._open.update({client: frozen, upstream: frozen})
            for source, sink in ((client, upstream), (upstream, client)):
                thread = threading.Thread(
                    target=self._pump, args=(source, sink, frozen), name="opcua-relay-pump"
                )
                self._threads.append(thread)
                thread.start()

    def _pump(self, source: socket.socket, sink: socket.socket, frozen: threading.Event) -> None:
        try:
            while data := source.recv(65536):
                if not frozen.is_set():
                    sink.sendall(data)
        except OSError:
            pass
        with self._lock:
            self._open.pop(source, None)
            self._open.pop(sink, None)
        for sock in (source, sink):
            _reset(sock)


def _reset(sock: socket.socket) -> None:
    """Close with RST (linger 0); shut down first so a thread blocked in recv wakes."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()


# -- what a source delivers -----------------------------------------------------------------


class Signals:
    """Every signal a source delivers, in order; `wait_for` blocks until one matches."""

    def __init__(self) -> None:
        self.items: list[Signal] = []
        self.threads: set[str] = set()
        self._changed = threading.Condition()

    def __call__(self, signal: Signal) -> None:
        with self._changed:
            self.items.append(signal)
            self.threads.add(threading.current_thread().name)
            self._changed.notify_all()

    def mark(self) -> int:
        with self._changed:
            return len(self.items)

    def since(self, index: int) -> list[Signal]:
        with self._changed:
            return list(self.items[index:])

    def wait_for(
        self, match: Callable[[Signal], bool], *, after: int = 0, timeout: float = TIMEOUT
    ) -> Signal:
        """The first signal at index >= `after` that matches; fails with what came instead."""
        found: list[Signal] = []

        def seen() -> bool:
            found[:] = [s for s in self.items[after:] if match(s)]
            return bool(found)

        with self._changed:
            if not self._changed.wait_for(seen, timeout):
                raise AssertionError(f"nothing matched within {timeout} s: {self.items[after:]!r}")
            return found[0]
