"""The Sparkplug host session rules, fed straight into the tracker: no broker, no clock."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from app.machines.signals import Quality, Reading, Signal, SignalLost
from sync.machines.diagnostics import NodeDiagnostics
from sync.machines.sparkplug.payload import REBIRTH, DataType, OutMetric, decode_payload
from sync.machines.sparkplug.session import Outcome, SessionTracker
from sync.machines.sparkplug.topics import Verb
from tests.machines.wire import T0, Message, Script, at

NODE = {"Mode": (DataType.String, "auto")}
PRESS = {"State": (DataType.Int32, 1), "Parts": (DataType.UInt64, 10)}


def tracker(**kwargs: Any) -> SessionTracker:
    return SessionTracker("line-mqtt", **kwargs)


def feed(t: SessionTracker, message: Message, seconds: float = 0) -> Outcome:
    return t.feed(message[0], message[1], at(seconds))


def readings(signals: list[Signal]) -> list[tuple[str, str, object, Quality]]:
    return [(s.device, s.metric, s.value, s.quality) for s in signals if isinstance(s, Reading)]


def lost(signals: list[Signal]) -> list[SignalLost]:
    return [s for s in signals if isinstance(s, SignalLost)]


def assert_rebirth(outcome: Outcome, node: str = "plant/line1") -> None:
    group, name = node.split("/")
    assert [c.topic for c in outcome.commands] == [f"spBv1.0/{group}/NCMD/{name}"]
    command = decode_payload(outcome.commands[0].payload)
    assert command.seq is None
    rebirth = command.metric(REBIRTH)
    assert rebirth is not None
    assert rebirth.value is True


def born(t: SessionTracker, s: Script, *, bd_seq: int = 0) -> None:
    feed(t, s.nbirth(NODE, bd_seq=bd_seq))
    feed(t, s.dbirth("press", PRESS))


def node_diag(t: SessionTracker, key: str = "plant/line1") -> NodeDiagnostics:
    return next(n for n in t.diagnostics() if n.node == key)


def test_births_and_data_become_readings() -> None:
    t, s = tracker(), Script()
    out = feed(t, s.nbirth(NODE))
    assert readings(out.signals) == [("plant/line1", "Mode", "auto", Quality.GOOD)]
    assert out.commands == []
    out = feed(t, s.dbirth("press", PRESS))
    assert readings(out.signals) == [
        ("plant/line1/press", "State", 1, Quality.GOOD),
        ("plant/line1/press", "Parts", 10, Quality.GOOD),
    ]
    out = feed(t, s.data({"State": 3}, "press"))
    assert readings(out.signals) == [("plant/line1/press", "State", 3, Quality.GOOD)]
    [reading] = out.signals
    assert isinstance(reading, Reading)
    assert reading.source == "line-mqtt"
    assert reading.at == T0  # the metric's own timestamp
    out = feed(t, s.data({"Mode": "manual"}, by_name=True))  # an edge without aliases
    assert readings(out.signals) == [("plant/line1", "Mode", "manual", Quality.GOOD)]
    diag = node_diag(t)
    assert diag.online
    assert diag.bd_seq == 0
    assert diag.last_birth == at(0)
    assert diag.messages == 4
    assert diag.quarantined_total == diag.seq_gaps == diag.rebirths_requested == 0
    assert [(d.device, d.online, d.messages) for d in diag.devices] == [
        ("plant/line1/press", True, 2)
    ]
    assert t.devices() == ("plant/line1", "plant/line1/press")


def test_a_reading_without_metric_timestamp_takes_the_payload_or_receipt_time() -> None:
    t, s = tracker(), Script()
    born(t, s)
    [reading] = feed(t, s.data({"State": 2}, "press", timestamp=None), seconds=5).signals
    assert isinstance(reading, Reading)
    assert reading.at == T0  # the payload's timestamp (the Script stamps every payload T0)


def test_ndeath_with_the_births_bdseq_loses_the_node_and_all_its_devices() -> None:
    t, s = tracker(), Script()
    feed(t, s.nbirth(NODE, bd_seq=7))
    feed(t, s.dbirth("press", PRESS))
    feed(t, s.dbirth("oven", {"Temp": (DataType.Float, 180.5)}, alias_base=200))
    out = feed(t, s.ndeath(7), seconds=3)
    assert out.signals == [
        SignalLost(
            "line-mqtt",
            ("plant/line1", "plant/line1/oven", "plant/line1/press"),
            "NDEATH bdSeq 7",
            at(3),  # a Will's own timestamp is its CONNECT's: the host's receipt counts
        )
    ]
    diag = node_diag(t)
    assert not diag.online
    assert diag.last_death == at(3)
    assert not any(d.online for d in diag.devices)


def test_a_stale_ndeath_after_reconnect_is_ignored() -> None:
    t, s = tracker(), Script()
    born(t, s, bd_seq=0)
    # The node reconnected (bdSeq 1) before the broker delivered the old connection's Will.
    feed(t, s.nbirth(NODE, bd_seq=1))
    feed(t, s.dbirth("press", PRESS))
    out = feed(t, s.ndeath(0))
    assert out.signals == []
    assert out.commands == []
    diag = node_diag(t)
    assert diag.online
    assert diag.stale_deaths_ignored == 1
    assert diag.quarantined_total == 0
    assert readings(feed(t, s.data({"State": 4}, "press")).signals) == [
        ("plant/line1/press", "State", 4, Quality.GOOD)
    ]
    # The current session's own death still counts, once (a second copy is ignored).
    assert [x.reason for x in lost(feed(t, s.ndeath(1)).signals)] == ["NDEATH bdSeq 1"]
    assert feed(t, s.ndeath(1)).signals == []
    assert node_diag(t).stale_deaths_ignored == 2


def test_bdseq_wraps_after_255() -> None:
    t, s = tracker(), Script()
    born(t, s, bd_seq=255)
    assert [x.reason for x in lost(feed(t, s.ndeath(255)).signals)] == ["NDEATH bdSeq 255"]
    born(t, s, bd_seq=0)  # the next connection
    assert node_diag(t).bd_seq == 0
    assert feed(t, s.ndeath(255)).signals == []  # a late copy of the old Will
    assert [x.reason for x in lost(feed(t, s.ndeath(0)).signals)] == ["NDEATH bdSeq 0"]


def test_seq_wraps_at_255_without_a_gap() -> None:
    t, s = tracker(), Script()
    feed(t, s.nbirth(NODE, seq=250))
    feed(t, s.dbirth("press", PRESS))
    values = []
    for count in range(300):
        out = feed(t, s.data({"Parts": count}, "press"))
        assert out.commands == []
        values += [r[2] for r in readings(out.signals)]
    assert values == list(range(300))
    diag = node_diag(t)
    assert diag.seq_gaps == diag.quarantined_total == diag.rebirths_requested == 0


def test_out_of_order_messages_are_held_and_applied_in_order() -> None:
    t, s = tracker(), Script()
    born(t, s)
    first, second, third = (s.data({"Parts": n}, "press") for n in (11, 12, 13))
    assert feed(t, first).signals != []
    assert feed(t, third).signals == []  # seq 4 before seq 3: held
    assert t.next_deadline() == at(0) + timedelta(seconds=2)
    out = feed(t, second, seconds=0.5)
    assert [r[2] for r in readings(out.signals)] == [12, 13]
    assert out.commands == []
    assert t.next_deadline() is None
    assert node_diag(t).seq_gaps == 0


def test_a_seq_gap_asks_for_a_rebirth_after_the_reorder_timeout() -> None:
    t, s = tracker(reorder_timeout=timedelta(seconds=2)), Script()
    born(t, s)
    s.seq += 1  # one message lost
    out = feed(t, s.data({"Parts": 12}, "press"), seconds=1)
    assert out.signals == []
    assert out.commands == []
    assert t.tick(at(2.9)).commands == []  # still within the reorder timeout
    out = t.tick(at(3))
    assert_rebirth(out)
    assert readings(out.signals) == [("plant/line1/press", "Parts", 12, Quality.GOOD)]  # kept
    diag = node_diag(t)
    assert diag.seq_gaps == 1
    assert diag.rebirths_requested == 1
    # The session goes on from the message after the gap.
    assert readings(feed(t, s.data({"Parts": 13}, "press"), seconds=4).signals) != []
    assert node_diag(t).quarantined_total == 0


def test_with_no_reorder_timeout_a_gap_is_handled_at_once() -> None:
    t, s = tracker(reorder_timeout=timedelta(0)), Script()
    born(t, s)
    s.seq += 2
    out = feed(t, s.data({"Parts": 12}, "press"))
    assert_rebirth(out)
    assert [r[2] for r in readings(out.signals)] == [12]


def test_a_duplicate_or_late_seq_is_quarantined_and_changes_nothing() -> None:
    t, s = tracker(), Script()
    born(t, s)
    message = s.data({"State": 5}, "press")
    feed(t, message)
    out = feed(t, message)  # the same seq again
    assert out.signals == []
    assert_rebirth(out)
    late = s.data({"State": 9}, "press", seq=0)
    assert feed(t, late).signals == []
    diag = node_diag(t)
    press = diag.devices[0]
    assert press.quarantined_total == 2
    assert "duplicate or late seq 2" in press.quarantined[0].reason
    assert diag.rebirths_requested == 1  # once per rebirth_interval
    assert readings(feed(t, s.data({"State": 6}, "press")).signals) == [
        ("plant/line1/press", "State", 6, Quality.GOOD)
    ]


def test_aliases_are_reassigned_by_each_birth() -> None:
    t, s = tracker(), Script()
    feed(t, s.nbirth(NODE, alias_base=1))
    feed(t, s.dbirth("press", PRESS, alias_base=100))  # State=100, Parts=101
    old_state_alias = s.aliases[("press", "State")]
    feed(t, s.nbirth(NODE, alias_base=1))
    feed(t, s.dbirth("press", {"Parts": PRESS["Parts"], "State": PRESS["State"]}, alias_base=100))
    assert s.aliases[("press", "Parts")] == old_state_alias  # 100 now means Parts
    out = feed(t, s.data({"Parts": 42}, "press"))
    assert readings(out.signals) == [("plant/line1/press", "Parts", 42, Quality.GOOD)]
    out = feed(t, s.data({"State": 3}, "press"))
    assert readings(out.signals) == [("plant/line1/press", "State", 3, Quality.GOOD)]


def test_an_unknown_alias_is_quarantined_with_a_rebirth_request() -> None:
    t, s = tracker(), Script()
    born(t, s)
    bad = s.raw_data("press", [OutMetric(None, DataType.Int32, 3, alias=999, send_datatype=False)])
    out = feed(t, bad)
    assert out.signals == []
    assert_rebirth(out)
    press = node_diag(t).devices[0]
    assert press.quarantined_total == 1
    assert "alias 999 is not in its birth" in press.quarantined[0].reason
    # its seq was used: the next message follows without a gap
    assert readings(feed(t, s.data({"State": 2}, "press")).signals) != []
    assert node_diag(t).seq_gaps == 0


def test_an_unknown_metric_name_is_quarantined() -> None:
    t, s = tracker(), Script()
    born(t, s)
    s.types[("press", "Speed")] = DataType.Double
    out = feed(t, s.data({"Speed": 1.5}, "press", by_name=True))
    assert out.signals == []
    assert_rebirth(out)
    assert "metric 'Speed' is not in its birth" in node_diag(t).devices[0].quarantined[0].reason


def test_a_wrong_datatype_is_quarantined() -> None:
    t, s = tracker(), Script()
    born(t, s)
    wrong = s.raw_data(
        "press",
        [OutMetric(None, DataType.String, "running", alias=100, send_datatype=False)],
    )
    out = feed(t, wrong)  # State was born Int32
    assert out.signals == []
    assert_rebirth(out)
    reason = node_diag(t).devices[0].quarantined[0].reason
    assert "Int32 cannot be carried in string_value" in reason
    declared = s.raw_data(
        "press", [OutMetric(None, DataType.Double, 2.0, alias=100, send_datatype=True)]
    )
    feed(t, declared)
    assert "is Double here but was born Int32" in node_diag(t).devices[0].quarantined[-1].reason


def test_data_before_the_node_birth_is_quarantined_with_a_rebirth_request() -> None:
    t, s = tracker(), Script()
    s.aliases[(None, "Mode")] = 1
    s.types[(None, "Mode")] = DataType.String
    out = feed(t, s.data({"Mode": "auto"}))
    assert out.signals == []
    assert_rebirth(out)
    diag = node_diag(t)
    assert not diag.online
    assert diag.quarantined[0].reason == "NDATA: NDATA before NBIRTH"
    # the birth that answers the request is taken
    assert readings(feed(t, s.nbirth(NODE), seconds=1).signals) != []


def test_ddata_for_a_device_that_never_had_a_birth_is_quarantined() -> None:
    t, s = tracker(), Script()
    feed(t, s.nbirth(NODE))
    s.aliases[("press", "State")] = 100
    s.types[("press", "State")] = DataType.Int32
    out = feed(t, s.data({"State": 3}, "press"))
    assert out.signals == []
    assert_rebirth(out)
    assert "before its DBIRTH" in node_diag(t).quarantined[0].reason
    assert node_diag(t).devices == ()  # a device is known by its birth, not by junk


def test_ddeath_loses_the_device_and_later_ddata_is_quarantined() -> None:
    t, s = tracker(), Script()
    born(t, s)
    out = feed(t, s.ddeath("press"), seconds=2)
    assert out.signals == [SignalLost("line-mqtt", ("plant/line1/press",), "DDEATH", T0)]
    assert not node_diag(t).devices[0].online
    out = feed(t, s.data({"State": 3}, "press"))
    assert out.signals == []
    assert_rebirth(out)
    assert node_diag(t).online  # the node itself is fine


def test_malformed_payloads_are_quarantined_and_the_good_ones_around_them_pass() -> None:
    t, s = tracker(), Script()
    born(t, s)
    values = []
    for n in range(3):
        values += [r[2] for r in readings(feed(t, s.data({"Parts": n}, "press")).signals)]
        feed(t, s.junk())  # not protobuf: no seq to count
    values += [r[2] for r in readings(feed(t, s.data({"Parts": 3}, "press")).signals)]
    assert values == [0, 1, 2, 3]
    diag = node_diag(t)
    press = diag.devices[0]
    assert press.quarantined_total == 3
    assert press.quarantined[0].reason.startswith("DDATA: not a Sparkplug B protobuf payload")
    assert press.quarantined[0].head == "ffffffff"
    assert press.quarantined[0].size == 4
    assert diag.seq_gaps == 0
    assert diag.online


def test_a_malformed_birth_is_quarantined_and_the_session_stays() -> None:
    t, s = tracker(), Script()
    born(t, s)
    no_bdseq = s.raw_data(None, [OutMetric("Mode", DataType.String, "x", timestamp=T0)], seq=0)
    out = t.feed(no_bdseq[0].replace("NDATA", "NBIRTH"), no_bdseq[1], at(1))
    assert out.signals == []
    diag = node_diag(t)
    assert diag.online
    assert diag.quarantined[0].reason == "NBIRTH: NBIRTH without a bdSeq metric"
    assert feed(t, s.junk(Verb.NBIRTH)).signals == []
    assert feed(t, s.junk(Verb.NDEATH)).signals == []  # a junk NDEATH kills nothing
    assert node_diag(t).online
    assert node_diag(t).quarantined_total == 3


def test_quality_passes_through() -> None:
    t, s = tracker(), Script()
    born(t, s)
    out = feed(t, s.data({"State": 1}, "press", quality=Quality.STALE))
    assert readings(out.signals) == [("plant/line1/press", "State", 1, Quality.STALE)]
    out = feed(t, s.data({"State": 1}, "press", quality=Quality.BAD))
    assert readings(out.signals) == [("plant/line1/press", "State", 1, Quality.BAD)]
    out = feed(t, s.data({"State": 1}, "press", quality=Quality.GOOD))
    assert readings(out.signals) == [("plant/line1/press", "State", 1, Quality.GOOD)]


def test_control_historical_and_complex_metrics_give_no_reading() -> None:
    t, s = tracker(), Script()
    out = feed(t, s.nbirth({"Blob": (DataType.Bytes, b"\x01"), "Mode": (DataType.String, "a")}))
    assert readings(out.signals) == [("plant/line1", "Mode", "a", Quality.GOOD)]
    history = OutMetric(None, DataType.String, "b", alias=2, send_datatype=False)
    message = s.raw_data(None, [history])
    from sync.machines.sparkplug import sparkplug_b_pb2 as pb

    parsed = pb.Payload.FromString(message[1])
    parsed.metrics[0].is_historical = True
    assert feed(t, (message[0], parsed.SerializeToString())).signals == []
    assert node_diag(t).quarantined_total == 0


def test_rebirth_requests_are_spaced_and_a_birth_resets_them() -> None:
    t, s = tracker(rebirth_interval=timedelta(seconds=10)), Script()
    born(t, s)
    unknown = [OutMetric(None, DataType.Int32, 3, alias=999, send_datatype=False)]
    assert len(feed(t, s.raw_data("press", unknown), seconds=1).commands) == 1
    assert feed(t, s.raw_data("press", unknown), seconds=5).commands == []
    assert len(feed(t, s.raw_data("press", unknown), seconds=11).commands) == 1
    feed(t, s.nbirth(NODE), seconds=12)
    feed(t, s.dbirth("press", PRESS), seconds=12)
    assert len(feed(t, s.raw_data("press", unknown), seconds=13).commands) == 1
    assert node_diag(t).rebirths_requested == 3


def test_a_device_the_rebirth_does_not_bring_back_is_lost() -> None:
    t, s = tracker(dbirth_timeout=timedelta(seconds=5)), Script()
    born(t, s)
    feed(t, s.dbirth("oven", {"Temp": (DataType.Float, 1.0)}, alias_base=200))
    feed(t, s.nbirth(NODE), seconds=10)
    feed(t, s.dbirth("press", PRESS), seconds=10)  # the oven's DBIRTH never comes
    assert t.tick(at(14.9)).signals == []
    assert t.next_deadline() == at(15)
    assert t.tick(at(15)).signals == [
        SignalLost("line-mqtt", ("plant/line1/oven",), "no DBIRTH after NBIRTH", at(15))
    ]
    assert t.tick(at(30)).signals == []


def test_after_the_host_lost_the_broker_it_asks_the_known_nodes_to_rebirth() -> None:
    t, s = tracker(), Script()
    born(t, s)
    other = Script(node="line2")
    feed(t, other.nbirth(NODE))
    feed(t, other.ndeath())  # dead before the loss: nothing to ask
    t.forget_sessions()
    assert not node_diag(t).online
    out = t.rebirth_lost_nodes(at(5))
    assert_rebirth(out)
    assert t.rebirth_lost_nodes(at(6)).commands == []
    # DATA until the new birth is quarantined (no second request within the interval)
    out = feed(t, s.data({"State": 1}, "press"), seconds=6)
    assert out.signals == []
    assert out.commands == []
    born(t, s)
    assert readings(feed(t, s.data({"State": 2}, "press")).signals) != []


def test_messages_held_before_a_new_birth_are_quarantined_when_they_do_not_follow_it() -> None:
    t, s = tracker(), Script()
    born(t, s)
    s.seq += 1
    feed(t, s.data({"State": 1}, "press"))  # held: one before it is missing
    out = feed(t, s.nbirth(NODE))
    assert readings(out.signals) == [("plant/line1", "Mode", "auto", Quality.GOOD)]
    diag = node_diag(t)
    assert diag.devices[0].quarantined[0].reason == (
        "DDATA: held out of order, then replaced by NBIRTH"
    )
    assert t.next_deadline() == at(5)  # the press's DBIRTH (dbirth_timeout), nothing held


def test_bad_topics_and_commands() -> None:
    t = tracker()
    feed(t, ("spBv1.0/plant/NOPE/line1", b""))
    feed(t, ("spBv1.0/plant/NDATA/line1/extra", b""))
    feed(t, ("spBv1.0/plant/DDATA/line1", b""))
    assert t.unattributed.total == 3
    assert "'NOPE' is not a Sparkplug verb" in t.unattributed.snapshot()[0].reason
    ncmd = ("spBv1.0/plant/NCMD/line1", b"\xff")
    assert feed(t, ncmd).signals == []
    assert t.diagnostics() == ()  # commands make no node


def test_quarantine_keeps_the_last_ones_and_counts_all() -> None:
    t, s = tracker(quarantine_keep=5), Script()
    feed(t, s.nbirth(NODE))
    for n in range(20):
        feed(t, s.junk(Verb.NDATA, body=bytes([0xFF, n])), seconds=n)
    diag = node_diag(t)
    assert diag.quarantined_total == 20
    assert [q.at for q in diag.quarantined] == [at(n) for n in range(15, 20)]


def test_receipt_time_must_be_aware() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        tracker().feed("spBv1.0/a/NDATA/b", b"", T0.replace(tzinfo=None))
