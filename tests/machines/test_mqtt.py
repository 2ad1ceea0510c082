"""The MQTT host and edge node against a real broker: births, rebirths, deaths, lost sockets."""

from __future__ import annotations

from collections.abc import Callable

from app.machines.signals import Quality, Reading, SignalLost
from sync.machines.json_topics import JsonTopic
from sync.machines.sparkplug.payload import (
    BD_SEQ,
    DataType,
    OutMetric,
    decode_payload,
    encode_payload,
    rebirth_request,
)
from sync.machines.sparkplug.topics import Verb, parse_state, state_topic, topic
from tests.machines.conftest import WAIT, Plant, Received, Watcher
from tests.machines.wire import T0

PRESS = {"State": (DataType.Int32, 1), "Parts": (DataType.UInt64, 0)}
NODE = {"Mode": (DataType.String, "auto")}


def reading(
    device: str, metric: str, value: object, quality: Quality = Quality.GOOD
) -> Callable[[object], bool]:
    def match(signal: object) -> bool:
        return isinstance(signal, Reading) and (
            signal.device,
            signal.metric,
            signal.value,
            signal.quality,
        ) == (device, metric, value, quality)

    return match


def lost_with(reason: str) -> Callable[[object], bool]:
    return lambda s: isinstance(s, SignalLost) and s.reason.startswith(reason)


def online_state(topic_: str) -> Callable[[Received], bool]:
    def match(message: Received) -> bool:
        state = parse_state(message.payload)
        return message.topic == topic_ and state is not None and state.online

    return match


def state_of(message: Received) -> tuple[bool, int]:
    state = parse_state(message.payload)
    assert state is not None, message
    return state.online, state.timestamp_ms


def test_edge_waits_for_its_primary_host_then_its_births_and_data_arrive(plant: Plant) -> None:
    host, signals = plant.host()
    edge = plant.edge(metrics=NODE, devices={"press": PRESS}, primary_host_id=host.config.host_id)
    assert host.wait_online(WAIT)
    assert edge.wait_births(1, WAIT)
    press = f"{plant.group}/line1/press"
    signals.wait_for(reading(f"{plant.group}/line1", "Mode", "auto"))
    signals.wait_for(reading(press, "State", 1))
    edge.publish({"State": 3, "Parts": 17}, device="press")
    signals.wait_for(reading(press, "Parts", 17))
    edge.publish({"State": 2}, device="press", quality=Quality.STALE)
    signals.wait_for(reading(press, "State", 2, Quality.STALE))
    [node] = host.diagnostics().nodes
    assert node.online
    assert node.bd_seq == 0
    assert node.quarantined_total == node.seq_gaps == node.rebirths_requested == 0
    assert node.devices[0].online
    assert host.diagnostics().connected


def test_a_host_that_comes_late_asks_for_a_rebirth_on_data_before_birth(plant: Plant) -> None:
    plant.watcher.subscribe(f"spBv1.0/{plant.group}/#")
    edge = plant.edge(devices={"press": PRESS})  # no primary host: it births at once
    plant.watcher.messages.wait_for(lambda m: "/DBIRTH/" in m.topic)  # gone by
    host, signals = plant.host()
    assert host.wait_online(WAIT)
    edge.publish({"State": 3}, device="press")  # the host never saw the birth
    assert edge.wait_births(2, WAIT)  # it asked; the edge answered
    assert edge.rebirth_requests == 1
    press = f"{plant.group}/line1/press"
    signals.wait_for(reading(press, "State", 3))  # the DBIRTH carries the current value
    edge.publish({"State": 4}, device="press")
    signals.wait_for(reading(press, "State", 4))
    [node] = host.diagnostics().nodes
    assert node.rebirths_requested == 1
    assert node.quarantined_total + node.devices[0].quarantined_total == 1


def test_a_seq_gap_gets_a_rebirth_and_new_aliases_are_followed(plant: Plant) -> None:
    host, signals = plant.host(reorder_timeout=0.2)
    edge = plant.edge(devices={"press": PRESS}, primary_host_id=host.config.host_id)
    assert edge.wait_births(1, WAIT)
    press = f"{plant.group}/line1/press"
    signals.wait_for(reading(press, "State", 1))
    old_alias = edge.alias("State", "press")
    edge.alias_base = 500  # the next birth gives other aliases
    edge.skip_seq()  # one message lost
    edge.publish({"Parts": 5}, device="press")
    assert edge.wait_births(2, WAIT)  # the host asked for a rebirth after the reorder timeout
    signals.wait_for(reading(press, "Parts", 5))  # the message after the gap was kept
    assert edge.alias("State", "press") != old_alias
    edge.publish({"State": 3}, device="press")
    signals.wait_for(reading(press, "State", 3))
    [node] = host.diagnostics().nodes
    assert node.seq_gaps == 1
    assert node.rebirths_requested == 1


def test_seq_wraps_at_255_over_the_broker(plant: Plant) -> None:
    host, signals = plant.host()
    edge = plant.edge(devices={"press": PRESS}, primary_host_id=host.config.host_id)
    assert edge.wait_births(1, WAIT)
    press = f"{plant.group}/line1/press"
    for count in range(1, 301):
        edge.publish({"Parts": count}, device="press")
    signals.wait_for(reading(press, "Parts", 300))
    parts = [s.value for s in signals.items if isinstance(s, Reading) and s.metric == "Parts"]
    assert parts == list(range(301))  # the birth's 0, then every one, in order
    [node] = host.diagnostics().nodes
    assert node.seq_gaps == node.quarantined_total == node.devices[0].quarantined_total == 0
    assert edge.births == 1


def test_malformed_payloads_are_quarantined_and_the_good_ones_pass(plant: Plant) -> None:
    host, signals = plant.host()
    edge = plant.edge(devices={"press": PRESS}, primary_host_id=host.config.host_id)
    assert edge.wait_births(1, WAIT)
    press = f"{plant.group}/line1/press"
    edge.publish({"Parts": 1}, device="press")
    edge.publish_raw(Verb.DDATA, b"\xde\xad\xbe\xef", device="press")
    edge.publish({"Parts": 2}, device="press")
    edge.publish_raw(Verb.DDATA, b'{"Parts": 3}', device="press")
    edge.publish({"Parts": 4}, device="press")
    signals.wait_for(reading(press, "Parts", 4))
    parts = [s.value for s in signals.items if isinstance(s, Reading) and s.metric == "Parts"]
    assert parts == [0, 1, 2, 4]
    [node] = host.diagnostics().nodes
    [device] = node.devices
    assert device.quarantined_total == 2
    assert all("not a Sparkplug B protobuf payload" in q.reason for q in device.quarantined)
    assert device.quarantined[0].head == "deadbeef"
    assert node.seq_gaps == 0
    assert node.online
    assert host.diagnostics().all_quarantined == 2


def test_a_killed_edge_socket_gives_its_will_ndeath_and_signal_lost(plant: Plant) -> None:
    host, signals = plant.host()
    relay = plant.proxy()
    edge = plant.edge(via=relay, devices={"press": PRESS}, primary_host_id=host.config.host_id)
    assert edge.wait_births(1, WAIT)
    press = f"{plant.group}/line1/press"
    signals.wait_for(reading(press, "State", 1))
    relay.block()  # it may come back only once the Will has been seen
    relay.kill()
    lost = signals.wait_for(lost_with("NDEATH bdSeq 0"))
    assert lost.devices == (f"{plant.group}/line1", press)
    assert not host.diagnostics().nodes[0].online
    mark = signals.mark()
    relay.unblock()
    assert edge.wait_births(2, WAIT)  # reconnected: a new connection, bdSeq 1
    assert edge.bd_seq == 1
    signals.wait_for(reading(press, "State", 1), after=mark)
    assert host.diagnostics().nodes[0].bd_seq == 1
    # The old connection's Will, delivered late, must not kill the new session.
    mark = signals.mark()
    stale = encode_payload([OutMetric(BD_SEQ, DataType.Int64, 0)], timestamp=None, seq=None)
    edge.publish_raw(Verb.NDEATH, stale)
    edge.publish({"State": 3}, device="press")  # same connection: arrives after it
    signals.wait_for(reading(press, "State", 3), after=mark)
    assert [s for s in signals.since(mark) if isinstance(s, SignalLost)] == []
    [node] = host.diagnostics().nodes
    assert node.online
    assert node.stale_deaths_ignored == 1


def test_broker_loss_for_the_host_loses_every_device_until_births_return(plant: Plant) -> None:
    relay = plant.proxy()
    host, signals = plant.host(via=relay)
    assert host.wait_online(WAIT)
    edge = plant.edge(devices={"press": PRESS}, primary_host_id=host.config.host_id)
    assert edge.wait_births(1, WAIT)
    press = f"{plant.group}/line1/press"
    signals.wait_for(reading(press, "State", 1))
    edge.publish({"State": 3}, device="press")
    signals.wait_for(reading(press, "State", 3))
    mark = signals.mark()
    relay.kill()
    lost = signals.wait_for(lost_with("broker connection lost"), after=mark)
    assert lost.devices == ()  # every device of the source
    assert lost.source == "line-mqtt"
    # The host comes back by itself; the edge saw its Will STATE, and births again.
    signals.wait_for(reading(press, "State", 3), after=mark)
    assert edge.births >= 2
    diagnostics = host.diagnostics()
    assert diagnostics.connected
    assert diagnostics.connection_losses == 1
    assert diagnostics.nodes[0].online
    edge.publish({"State": 1}, device="press")
    signals.wait_for(reading(press, "State", 1), after=mark)


def test_the_state_topic_is_retained_with_its_will(plant: Plant) -> None:
    relay = plant.proxy()
    host, signals = plant.host(via=relay)
    assert host.wait_online(WAIT)
    topic_ = state_topic(host.config.host_id)
    plant.watcher.subscribe(topic_)
    birth = plant.watcher.messages.wait_for(lambda m: m.topic == topic_)
    assert birth.retain
    online, stamp = state_of(birth)
    assert online
    mark = plant.watcher.messages.mark()
    relay.block()
    relay.kill()
    will = plant.watcher.messages.wait_for(lambda m: m.topic == topic_, after=mark)
    assert state_of(will) == (False, stamp)  # the Will names the birth it ends
    signals.wait_for(lost_with("broker connection lost"))
    # A newcomer finds the Will retained.
    newcomer = Watcher(plant.broker)
    try:
        newcomer.subscribe(topic_)
        retained = newcomer.messages.wait_for(lambda m: m.topic == topic_)
        assert retained.retain
        assert state_of(retained) == (False, stamp)
    finally:
        newcomer.close()
    mark = plant.watcher.messages.mark()
    relay.unblock()
    back = plant.watcher.messages.wait_for(online_state(topic_), after=mark)
    online, new_stamp = state_of(back)
    assert new_stamp > stamp
    mark = plant.watcher.messages.mark()
    host.stop()
    bye = plant.watcher.messages.wait_for(lambda m: m.topic == topic_, after=mark)
    assert state_of(bye) == (False, new_stamp)
    assert signals.wait_for(lost_with("source stopped")).devices == ()


def test_json_topics_beside_sparkplug(plant: Plant) -> None:
    base = f"{plant.group}/json"
    host, signals = plant.host(
        json_topics=(JsonTopic(f"{base}/press/status", "press-7"), JsonTopic(f"{base}/+/raw"))
    )
    assert host.wait_online(WAIT)
    plant.watcher.publish(f"{base}/press/status", b'{"State": "RUN", "quality": "good"}')
    plant.watcher.publish(f"{base}/press/status", b'{"State": [}')
    plant.watcher.publish(f"{base}/oven/raw", b'{"Temp": 181.5, "quality": "uncertain"}')
    signals.wait_for(reading("press-7", "State", "RUN"))
    signals.wait_for(reading(f"{base}/oven/raw", "Temp", 181.5, Quality.UNCERTAIN))
    devices = {d.device: d for d in host.diagnostics().json_devices}
    assert devices["press-7"].quarantined_total == 1
    assert devices["press-7"].messages == 2


def test_an_edge_answers_a_rebirth_command(plant: Plant) -> None:
    edge = plant.edge(devices={"press": PRESS})
    assert edge.wait_births(1, WAIT)
    plant.watcher.subscribe(f"spBv1.0/{plant.group}/#")
    mark = plant.watcher.messages.mark()
    plant.watcher.publish(topic(plant.group, Verb.NCMD, "line1"), rebirth_request(T0), qos=0)
    nbirth = plant.watcher.messages.wait_for(lambda m: "/NBIRTH/" in m.topic, after=mark)
    dbirth = plant.watcher.messages.wait_for(lambda m: "/DBIRTH/" in m.topic, after=mark)
    birth = decode_payload(nbirth.payload)
    assert birth.seq == 0
    bd_seq = birth.metric("bdSeq")
    assert bd_seq is not None
    assert (bd_seq.datatype, bd_seq.value) == (DataType.Int64, 0)  # same connection, same bdSeq
    rebirth = birth.metric("Node Control/Rebirth")
    assert rebirth is not None
    assert (rebirth.alias, rebirth.value) == (None, False)
    device_birth = decode_payload(dbirth.payload)
    assert device_birth.seq == 1
    assert {m.name: m.alias for m in device_birth.metrics} == {"State": 1, "Parts": 2}
    assert not nbirth.retain
