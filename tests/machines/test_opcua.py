"""The OPC UA source against asyncua's own server on 127.0.0.1 (tests/machines/opcua_server.py).

One server serves the whole module (its address space takes seconds to build); each test
adds variables of its own and runs its own sources, which the `sources` fixture stops.
"""

from __future__ import annotations

import itertools
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from asyncua import ua

from app.machines.mapping import OpcUaNode, OpcUaSource
from app.machines.signals import Quality, Reading, Signal, SignalLost
from app.secrets import SecretUnavailable, env_name
from sync.machines import opcua_convert
from sync.machines.diagnostics import BadInput
from sync.machines.opcua import OpcUaClientSource, SecurityFiles, password_secret_name
from tests.machines.opcua_server import (
    PASSWORD,
    TIMEOUT,
    USERNAME,
    KeyPair,
    OpcUaTestServer,
    Relay,
    Signals,
    free_port,
    make_certificate,
)

SOURCE_TIME = datetime(2026, 3, 4, 5, 6, 7, 890_000, tzinfo=UTC)
CLIENT_URI = "urn:takt:tests:opcua-client"


@pytest.fixture(scope="module")
def certificates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, KeyPair]:
    folder = tmp_path_factory.mktemp("opcua-pki")
    return {
        "server": make_certificate(folder, "server", "urn:takt:tests:opcua", server=True),
        "client": make_certificate(folder, "client", CLIENT_URI, server=False),
    }


@pytest.fixture(scope="module")
def server(certificates: dict[str, KeyPair]) -> Iterator[OpcUaTestServer]:
    server = OpcUaTestServer(free_port(), certificates=certificates["server"])
    try:
        server.start()
        yield server
    finally:
        server.close()


MakeSource = Callable[..., tuple[OpcUaClientSource, Signals]]


@pytest.fixture
def sources() -> Iterator[MakeSource]:
    """Make a source (started) with its Signals; every one is stopped at the end, cleanly."""
    made: list[OpcUaClientSource] = []

    def make(
        name: str,
        endpoint: str,
        nodes: list[tuple[str, str, str]],
        *,
        start: bool = True,
        **options: Any,
    ) -> tuple[OpcUaClientSource, Signals]:
        config = OpcUaSource(
            name,
            endpoint,
            tuple(OpcUaNode(device, metric, node_id) for device, metric, node_id in nodes),
            publishing_interval_ms=50,
            security_policy=options.pop("security_policy", "None"),
            username=options.pop("username", None),
        )
        options.setdefault("reconnect_min_delay", 0.2)
        options.setdefault("reconnect_max_delay", 0.8)
        signals = Signals()
        source = OpcUaClientSource(config, signals, **options)
        made.append(source)
        if start:
            source.start()
        return source, signals

    yield make
    for source in made:
        source.stop()
        assert not source.online
    left = [t.name for t in threading.enumerate() if t.name.endswith("-opcua")]
    assert not left, f"source threads left running: {left}"


def wait_until(condition: Callable[[], bool], timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"not within {timeout} s"
        time.sleep(0.02)  # polling diagnostics, bounded by the deadline


def good(device: str, metric: str, value: object) -> Callable[[Signal], bool]:
    return lambda s: (
        isinstance(s, Reading)
        and (s.device, s.metric, s.value, s.quality) == (device, metric, value, Quality.GOOD)
    )


def lost(s: Signal) -> bool:
    return isinstance(s, SignalLost)


# -- values ---------------------------------------------------------------------------------


def test_written_values_arrive_as_good_readings_with_the_source_timestamp(
    server: OpcUaTestServer, sources: MakeSource
) -> None:
    state = server.add("Values.State", 0, ua.VariantType.Int32)
    parts = server.add("Values.Parts", 10, ua.VariantType.UInt32)
    text = server.add("Values.Fault", "", ua.VariantType.String)
    source, signals = sources(
        "values",
        server.endpoint,
        [("press-1", "State", state), ("press-1", "Parts", parts), ("press-1", "Fault", text)],
    )
    assert source.wait_online(TIMEOUT)
    # the subscription's initial notifications: the current values
    signals.wait_for(good("press-1", "State", 0))
    signals.wait_for(good("press-1", "Parts", 10))

    mark = signals.mark()
    server.write("Values.State", 2, source_time=SOURCE_TIME, variant_type=ua.VariantType.Int32)
    reading = signals.wait_for(good("press-1", "State", 2), after=mark)
    assert reading == Reading("values", "press-1", "State", 2, Quality.GOOD, SOURCE_TIME)

    before = datetime.now(UTC)
    server.write("Values.Parts", 11, variant_type=ua.VariantType.UInt32)  # no source time
    server.write("Values.Fault", "E042 hydraulics", variant_type=ua.VariantType.String)
    parts_reading = signals.wait_for(good("press-1", "Parts", 11), after=mark)
    signals.wait_for(good("press-1", "Fault", "E042 hydraulics"), after=mark)
    assert parts_reading.at.tzinfo is UTC  # the server's timestamp then
    assert before - timedelta(seconds=1) <= parts_reading.at <= datetime.now(UTC)

    assert signals.threads == {"machines-values-opcua"}  # called from the source's thread
    diagnostics = source.diagnostics()
    assert diagnostics.connected
    assert diagnostics.broker == server.endpoint
    (device,) = diagnostics.json_devices
    assert device.device == "press-1"
    assert device.online
    assert device.last_birth is not None
    assert device.messages >= 5
    assert device.quarantined_total == 0


def test_bad_and_uncertain_status_codes_keep_their_quality(
    server: OpcUaTestServer, sources: MakeSource
) -> None:
    state = server.add("Status.State", 1, ua.VariantType.Int32)
    source, signals = sources("status", server.endpoint, [("mill", "State", state)])
    assert source.wait_online(TIMEOUT)
    signals.wait_for(good("mill", "State", 1))

    mark = signals.mark()
    server.write(
        "Status.State",
        3,
        status=ua.StatusCodes.BadSensorFailure,
        source_time=SOURCE_TIME,
        variant_type=ua.VariantType.Int32,
    )
    bad = signals.wait_for(
        lambda s: isinstance(s, Reading) and s.quality is Quality.BAD, after=mark
    )
    assert isinstance(bad, Reading)
    assert bad.at == SOURCE_TIME
    assert (bad.device, bad.metric) == ("mill", "State")

    server.write(
        "Status.State",
        2,
        status=ua.StatusCodes.UncertainLastUsableValue,
        variant_type=ua.VariantType.Int32,
    )
    uncertain = signals.wait_for(
        lambda s: isinstance(s, Reading) and s.quality is Quality.UNCERTAIN, after=mark
    )
    assert isinstance(uncertain, Reading)
    assert uncertain.value == 2

    server.write("Status.State", 4, variant_type=ua.VariantType.Int32)
    signals.wait_for(good("mill", "State", 4), after=mark)
    # neither the Bad nor the Uncertain value ever came as GOOD
    goods = [s for s in signals.since(mark) if isinstance(s, Reading) and s.quality is Quality.GOOD]
    assert [r.value for r in goods] == [4]


# -- bad input ------------------------------------------------------------------------------


def test_an_unknown_node_is_quarantined_and_the_good_nodes_deliver(
    server: OpcUaTestServer, sources: MakeSource
) -> None:
    state = server.add("Unknown.State", 0, ua.VariantType.Int32)
    missing = server.node_id("Unknown.NoSuchNode")
    source, signals = sources(
        "unknown",
        server.endpoint,
        [("lathe", "State", state), ("ghost", "State", missing), ("lathe", "Fault", missing)],
    )
    assert source.wait_online(TIMEOUT)
    mark = signals.mark()
    server.write("Unknown.State", 2, variant_type=ua.VariantType.Int32)
    signals.wait_for(good("lathe", "State", 2), after=mark)

    devices = {d.device: d for d in source.diagnostics().json_devices}
    assert devices["lathe"].online
    assert devices["lathe"].quarantined_total == 1
    assert not devices["ghost"].online
    assert devices["ghost"].quarantined_total == 1
    (item,) = devices["ghost"].quarantined
    assert item.topic == missing
    assert "BadNodeIdUnknown" in item.reason
    assert "ghost State" in item.reason
    assert "lathe Fault" in devices["lathe"].quarantined[0].reason
    assert not [s for s in signals.items if isinstance(s, Reading) and s.device == "ghost"]


def test_a_value_of_a_wrong_type_is_quarantined_and_the_node_goes_on(
    server: OpcUaTestServer, sources: MakeSource
) -> None:
    state = server.add("Types.State", 0, ua.VariantType.Int32)
    blob = server.add("Types.Blob", b"", ua.VariantType.ByteString)  # mapped as a fault code
    source, signals = sources(
        "types", server.endpoint, [("saw", "State", state), ("saw", "Fault", blob)]
    )
    assert source.wait_online(TIMEOUT)
    signals.wait_for(good("saw", "State", 0))

    mark = signals.mark()
    server.write("Types.State", [1, 2, 3], variant_type=ua.VariantType.Int32)
    server.write("Types.Blob", b"\x01\x02", variant_type=ua.VariantType.ByteString)
    server.write("Types.State", 1, variant_type=ua.VariantType.Int32)
    signals.wait_for(good("saw", "State", 1), after=mark)  # after the array: the same item
    blob_head = repr(b"\x01\x02").encode().hex()  # what a person recognises it by

    def quarantined_blob() -> bool:  # another item: its notification may come later
        (device,) = source.diagnostics().json_devices
        return blob_head in {q.head for q in device.quarantined}

    wait_until(quarantined_blob)
    assert [(s.metric, s.value) for s in signals.since(mark) if isinstance(s, Reading)] == [
        ("State", 1)
    ]
    (device,) = source.diagnostics().json_devices
    reasons = [q.reason for q in device.quarantined]
    assert device.quarantined_total >= 3, reasons  # the initial b"" and the two above
    assert any("saw State: an array of 3 values" in r for r in reasons), reasons
    assert any("saw Fault: a value of type bytes" in r for r in reasons), reasons
    assert source.online
    assert device.online


# -- connection -----------------------------------------------------------------------------


def test_server_stopped_is_signal_lost_for_every_device_then_readings_resume(
    server: OpcUaTestServer, sources: MakeSource
) -> None:
    a = server.add("Restart.A", 1, ua.VariantType.Int32)
    b = server.add("Restart.B", 1, ua.VariantType.Int32)
    source, signals = sources(
        "restart", server.endpoint, [("cell-a", "State", a), ("cell-b", "State", b)]
    )
    assert source.wait_online(TIMEOUT)
    signals.wait_for(good("cell-a", "State", 1))
    signals.wait_for(good("cell-b", "State", 1))

    mark = signals.mark()
    started = time.monotonic()
    server.stop()
    try:
        signal = signals.wait_for(lost, after=mark, timeout=5.0)
        assert time.monotonic() - started < 5.0
        assert isinstance(signal, SignalLost)
        assert signal.source == "restart"
        assert set(signal.devices) == {"cell-a", "cell-b"}
        assert not source.online
        diagnostics = source.diagnostics()
        assert not diagnostics.connected
        assert diagnostics.connection_losses == 1
        assert all(not d.online and d.last_death for d in diagnostics.json_devices)
    finally:
        server.start()  # the same server, on the same port
    assert source.wait_online(TIMEOUT)
    after_lost = signals.since(mark)
    # one SignalLost however many attempts failed meanwhile, and no reading until back
    assert after_lost[0] == signal
    assert not any(lost(s) for s in after_lost[1:])
    # re-subscribed: the initial notifications give the current values again
    signals.wait_for(good("cell-a", "State", 1), after=mark)
    signals.wait_for(good("cell-b", "State", 1), after=mark)
    resumed = signals.mark()
    server.write("Restart.A", 2, variant_type=ua.VariantType.Int32)
    signals.wait_for(good("cell-a", "State", 2), after=resumed)
    assert source.diagnostics().connected


@pytest.mark.parametrize("failure", ["kill", "freeze"])
def test_a_dead_socket_is_signal_lost_then_the_source_reconnects(
    server: OpcUaTestServer, sources: MakeSource, failure: str
) -> None:
    """kill: the socket is reset; freeze: nothing comes back (only the keepalive probe,
    every `watchdog_interval`, notices)."""
    name = f"Socket.{failure}"
    node_id = server.add(name, 1, ua.VariantType.Int32)
    relay = Relay(server.port)
    try:
        source, signals = sources(
            f"socket-{failure}",
            f"opc.tcp://127.0.0.1:{relay.port}/takt/",
            [("press", "State", node_id)],
            watchdog_interval=0.5,
            request_timeout=1.0,
        )
        assert source.wait_online(TIMEOUT)
        signals.wait_for(good("press", "State", 1))
        mark = signals.mark()
        started = time.monotonic()
        getattr(relay, failure)()
        server.write(name, 2, variant_type=ua.VariantType.Int32)  # lost in the frozen cable
        signal = signals.wait_for(lost, after=mark, timeout=5.0)
        assert time.monotonic() - started < 5.0
        assert isinstance(signal, SignalLost)
        assert signal.devices == ("press",)
        assert signals.since(mark)[0] == signal  # nothing before it: never a stale "running"
        # a new connection re-subscribes; its initial notification is the current value
        signals.wait_for(good("press", "State", 2), after=mark)
        assert source.wait_online(TIMEOUT)
        assert source.diagnostics().connection_losses == 1
    finally:
        relay.close()


def test_an_unreachable_server_is_retried_with_doubling_delays(sources: MakeSource) -> None:
    """A listener that hangs up on every client's Hello: each attempt fails, the delays double."""
    attempts: list[float] = []
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    done = threading.Event()

    def hang_up() -> None:
        while not done.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            with connection:
                attempts.append(time.monotonic())
                connection.settimeout(TIMEOUT)
                connection.recv(1024)  # the client's Hello: then hang up

    thread = threading.Thread(target=hang_up, name="hang-up")
    thread.start()
    try:
        source, signals = sources(
            "unreachable",
            f"opc.tcp://127.0.0.1:{port}/",
            [("robot", "State", "ns=2;s=Robot.State")],
            reconnect_min_delay=0.2,
            reconnect_max_delay=0.8,
        )
        signal = signals.wait_for(lost)
        assert isinstance(signal, SignalLost)
        assert signal.devices == ("robot",)
        deadline = time.monotonic() + TIMEOUT
        while len(attempts) < 5 and time.monotonic() < deadline:
            time.sleep(0.05)  # polling the listener's count, bounded by the deadline
        source.stop()
    finally:
        done.set()
        thread.join(TIMEOUT)
        listener.close()
    gaps = [later - earlier for earlier, later in itertools.pairwise(attempts)]
    assert len(gaps) >= 4, attempts
    for gap, least in zip(gaps, [0.2, 0.4, 0.8, 0.8], strict=False):
        assert gap >= least - 0.05, gaps
    assert gaps[3] < 0.8 * 3, gaps  # capped at the max, not doubled again
    assert not source.online
    assert not source.diagnostics().connected
    assert [s for s in signals.items if lost(s)] == [signal]  # one, however many attempts


def test_stop_is_clean_and_says_source_stopped(
    server: OpcUaTestServer, sources: MakeSource
) -> None:
    state = server.add("Stop.State", 0, ua.VariantType.Int32)
    source, signals = sources("stopping", server.endpoint, [("oven", "State", state)])
    assert source.wait_online(TIMEOUT)
    signals.wait_for(good("oven", "State", 0))
    mark = signals.mark()
    source.stop()
    (signal,) = signals.since(mark)
    assert isinstance(signal, SignalLost)
    assert signal.reason == "source stopped"
    assert signal.devices == ("oven",)
    assert not source.online
    assert not source.diagnostics().connected
    assert not [t for t in threading.enumerate() if t.name == "machines-stopping-opcua"]
    source.stop()  # twice: nothing more
    assert signals.since(mark) == [signal]
    with pytest.raises(RuntimeError, match="already started"):
        source.start()

    # stopped while it still tries to connect
    early, early_signals = sources(
        "early", f"opc.tcp://127.0.0.1:{free_port()}/", [("oven", "State", state)]
    )
    early.stop()
    assert not early.online
    assert all(isinstance(s, SignalLost) for s in early_signals.items)


# -- credentials and security ---------------------------------------------------------------


def test_the_password_comes_from_the_secret_store(
    server: OpcUaTestServer, sources: MakeSource, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = server.add("User.State", 7, ua.VariantType.Int32)
    name = "with-user"
    monkeypatch.delenv(env_name(password_secret_name(name)), raising=False)
    source, _ = sources(
        name, server.endpoint, [("press", "State", state)], username=USERNAME, start=False
    )
    with pytest.raises(SecretUnavailable, match=password_secret_name(name)):
        source.start()

    monkeypatch.setenv(env_name(password_secret_name(name)), PASSWORD)
    source, signals = sources(name, server.endpoint, [("press", "State", state)], username=USERNAME)
    assert source.wait_online(TIMEOUT)
    signals.wait_for(good("press", "State", 7))
    assert USERNAME in server.logins


def test_basic256sha256_signs_and_encrypts_with_the_configured_certificates(
    server: OpcUaTestServer,
    sources: MakeSource,
    certificates: dict[str, KeyPair],
    tmp_path: Path,
) -> None:
    state = server.add("Secure.State", 5, ua.VariantType.Int32)
    client = certificates["client"]
    files = SecurityFiles(
        client.certificate, client.private_key, certificates["server"].certificate
    )
    assert files.application_uri() == CLIENT_URI
    source, signals = sources(
        "secure",
        server.endpoint,
        [("press", "State", state)],
        security_policy="Basic256Sha256",
        security_files=files,
    )
    assert source.wait_online(TIMEOUT)
    signals.wait_for(good("press", "State", 5))

    # the default place: <config dir>/opcua/<source>/, and missing files fail start()
    assert SecurityFiles.default("secure", tmp_path) == SecurityFiles(
        tmp_path / "client-cert.der", tmp_path / "client-key.pem", None
    )
    missing, _ = sources(
        "insecure",
        server.endpoint,
        [("press", "State", state)],
        security_policy="Basic256Sha256",
        security_files=SecurityFiles.default("insecure", tmp_path),
        start=False,
    )
    with pytest.raises(FileNotFoundError, match=r"client-cert\.der"):
        missing.start()


# -- conversion (pure) ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        (ua.StatusCodes.Good, Quality.GOOD),
        (ua.StatusCodes.GoodClamped, Quality.GOOD),
        (ua.StatusCodes.UncertainSensorNotAccurate, Quality.UNCERTAIN),
        (ua.StatusCodes.BadCommunicationError, Quality.BAD),
        (0xC0000000, Quality.BAD),  # the reserved severity 11: Bad, says Part 4
    ],
)
def test_status_codes_map_onto_quality(code: int, expected: Quality) -> None:
    assert opcua_convert.quality(ua.StatusCode(code)) is expected


def test_the_timestamp_is_the_source_s_else_the_server_s_else_now() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    server_time = datetime(2025, 12, 31, 23, 59, tzinfo=UTC)
    naive_source = datetime(2025, 12, 31, 23, 58)  # naive: UTC by OPC UA's definition
    value = ua.DataValue(ua.Variant(1), SourceTimestamp=naive_source, ServerTimestamp=server_time)
    assert opcua_convert.timestamp(value, now) == naive_source.replace(tzinfo=UTC)
    assert opcua_convert.timestamp(
        ua.DataValue(ua.Variant(1), ServerTimestamp=server_time), now
    ) == (server_time)
    epoch = datetime(1601, 1, 1, tzinfo=UTC)  # DateTime 0: no time at all
    assert opcua_convert.timestamp(ua.DataValue(ua.Variant(1), SourceTimestamp=epoch), now) == now
    assert opcua_convert.timestamp(None, now) == now


@pytest.mark.parametrize(
    ("value", "plain"),
    [
        (True, True),
        (3, 3),
        (2.5, 2.5),
        ("RUN", "RUN"),
        (None, None),
        (ua.LocalizedText("Running", "en"), "Running"),
        (ua.NodeClass.Variable, 2),  # an enumeration: its number
    ],
)
def test_plain_values(value: object, plain: object) -> None:
    assert opcua_convert.plain_value(value) == plain


@pytest.mark.parametrize("value", [[1, 2], b"\x00", float("nan"), ua.NodeId(5), {"a": 1}])
def test_values_no_state_table_can_read_are_bad_input(value: object) -> None:
    with pytest.raises(BadInput):
        opcua_convert.plain_value(value)


def test_a_bad_value_of_any_type_is_a_bad_reading_without_a_value() -> None:
    now = datetime(2026, 1, 1, tzinfo=UTC)
    bad = ua.DataValue(ua.Variant([1, 2]), StatusCode=ua.StatusCode(ua.StatusCodes.BadOutOfRange))
    reading = opcua_convert.reading("s", "d", "State", [1, 2], bad, now)
    assert reading == Reading("s", "d", "State", None, Quality.BAD, now)
    with pytest.raises(BadInput, match="array"):
        opcua_convert.reading("s", "d", "State", [1, 2], ua.DataValue(ua.Variant([1, 2])), now)
