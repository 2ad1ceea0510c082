"""The machine mapping file: the demo plant's loads, and every kind of mistake in a file
is named by its line and field."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from app.machines.decisions import MachineState
from app.machines.mapping import (
    JsonSource,
    LineProblem,
    MappingError,
    OpcUaSource,
    SourceKind,
    SparkplugSource,
    load_mapping,
    mapping_from_text,
    topic_matches,
)
from app.machines.tomlpos import key_lines
from app.paths import resource
from app.routing.reasons import load_reasons

GOOD = """\
[settings]
micro_stop_seconds = 45
auto_confirm = true

[[sources]]
name = "spb"
kind = "sparkplug"
host = "127.0.0.1"
group_ids = ["Plant"]
host_id = "takt"

[[sources]]
name = "ua"
kind = "opcua"
endpoint = "opc.tcp://127.0.0.1:4840/"
nodes = [
  { device = "Mill", metric = "State", node_id = "ns=2;s=Mill.State" },
]

[[sources]]
name = "js"
kind = "json"
host = "127.0.0.1"
topics = ["plant/+/status", { topic = "wash", device = "WSH" }]

[[breaks]]
calendar = "2SHIFT"
starts = "09:30"
ends = "09:45"

[[work_centers]]
code = "PRS-01"
source = "spb"
device = "Plant/edge/PRS-01"
state = { metric = "State", values = { Execute = "running", "3" = "down", false = "idle" } }
parts = { metric = "Parts", rollover = 65536 }
fault = { metric = "Fault", reasons = { E1 = "mechanical/bearing" } }
cycle_time = { metric = "Cycle", unit = "ms" }

[[work_centers]]
code = "MIL-01"
source = "ua"
device = "Mill"
micro_stop_seconds = 90
state = { metric = "State", preset = "packml" }

[[work_centers]]
code = "PNT-01"
source = "js"
device = "plant/paint/status"

[work_centers.state]
metric = "state"
values = { RUN = "running", STOP = "down" }
otherwise = "idle"
"""


def load(text: str) -> list[LineProblem]:
    with pytest.raises(MappingError) as caught:
        mapping_from_text(text, "m.toml", reasons=load_reasons())
    return caught.value.line_problems


def line_of(text: str, needle: str) -> int:
    """The line (1-based) of the last line of `text` holding `needle`."""
    return max(n for n, line in enumerate(text.splitlines(), 1) if needle in line)


def test_the_demo_mapping_loads_and_names_real_work_centers_and_reasons() -> None:
    mapping = load_mapping()
    plant = tomllib.loads(resource("demo", "plant.toml").read_text("utf-8"))
    codes = {wc["code"] for wc in plant["work_centers"]}
    assert {wc.code for wc in mapping.work_centers} <= codes
    assert len(mapping.work_centers) >= 10
    assert {s.kind for s in mapping.sources} == set(SourceKind)
    load_mapping(work_centers=codes)  # the plant check passes too
    laser = mapping.work_center("LAS-01")
    assert laser is not None
    assert laser.fault is not None
    assert laser.fault.reason_of("E101") == "mechanical/coolant"
    assert laser.state.table.state_of("Execute") is MachineState.RUNNING
    assert laser.state.table.state_of(11) is MachineState.DOWN  # PackML Held by number
    assert mapping.micro_stop.total_seconds() == 60
    assert not mapping.auto_confirm
    calendars = {b.calendar for b in mapping.breaks}
    assert calendars <= {c["code"] for c in plant["calendars"]}


def test_a_good_file_gives_typed_sources_and_work_centers() -> None:
    mapping = mapping_from_text(GOOD, "m.toml", reasons=load_reasons())
    spb, ua, js = mapping.sources
    assert isinstance(spb, SparkplugSource)
    assert (spb.broker.host, spb.broker.port, spb.group_ids, spb.host_id) == (
        "127.0.0.1",
        1883,
        ("Plant",),
        "takt",
    )
    assert isinstance(ua, OpcUaSource)
    assert ua.nodes[0].node_id == "ns=2;s=Mill.State"
    assert isinstance(js, JsonSource)
    assert [(t.topic, t.device) for t in js.topics] == [("plant/+/status", None), ("wash", "WSH")]
    press, mill, paint = mapping.work_centers
    assert press.micro_stop.total_seconds() == 45
    assert press.auto_confirm
    assert mill.micro_stop.total_seconds() == 90
    assert press.state.table.state_of(False) is MachineState.IDLE
    assert press.state.table.state_of(3) is MachineState.DOWN
    assert press.parts is not None
    assert press.parts.rollover == 65536
    assert press.cycle_time is not None
    assert press.cycle_time.seconds_per_unit == 0.001
    assert paint.state.table.state_of("WHATEVER") is MachineState.IDLE
    assert paint.state.ref.line == line_of(GOOD, 'metric = "state"')
    assert press.line == line_of(GOOD, 'code = "PRS-01"') - 1
    assert [m.metric for m in mapping.metrics_of("spb")] == ["State", "Parts", "Fault", "Cycle"]
    assert mapping.breaks_by_calendar()["2SHIFT"][0].starts.hour == 9


@pytest.mark.parametrize(
    ("old", "new", "field", "words"),
    [
        # an unknown state value
        (
            'Execute = "running"',
            'Execute = "runing"',
            "work_centers[1].state.values.Execute",
            "no state",
        ),
        (
            'otherwise = "idle"',
            'otherwise = "stopped"',
            "work_centers[3].state.otherwise",
            "no state",
        ),
        ('preset = "packml"', 'preset = "omac"', "work_centers[2].state.preset", "no preset"),
        # wrong types
        ('host_id = "takt"', 'host_id = "takt"\nport = "1883"', "sources[1].port", "whole number"),
        (
            "micro_stop_seconds = 45",
            'micro_stop_seconds = "45"',
            "settings.micro_stop_seconds",
            "number",
        ),
        ("auto_confirm = true", 'auto_confirm = "yes"', "settings.auto_confirm", "true or false"),
        ("rollover = 65536", "rollover = 1.5", "work_centers[1].parts.rollover", "whole number"),
        (
            "micro_stop_seconds = 90",
            "micro_stop_seconds = -1",
            "work_centers[2].micro_stop_seconds",
            "greater than 0",
        ),
        ('group_ids = ["Plant"]', 'group_ids = "Plant"', "sources[1].group_ids", "list"),
        ('unit = "ms"', 'unit = "hours"', "work_centers[1].cycle_time.unit", "s, ms or min"),
        ('starts = "09:30"', 'starts = "half past nine"', "breaks[1].starts", "HH:MM"),
        # missing fields
        ('state = { metric = "State", preset = "packml" }', "", "work_centers[2].state", "missing"),
        ('host_id = "takt"', "", "sources[1].host_id", "missing"),
        ('code = "MIL-01"', "", "work_centers[2].code", "missing"),
        ('{ metric = "Parts", rollover', "{ rollover", "work_centers[1].parts.metric", "missing"),
        ('endpoint = "opc.tcp://127.0.0.1:4840/"', "", "sources[2].endpoint", "missing"),
        ('kind = "json"', "", "sources[3].kind", "missing"),
        # unknown names and references
        ('kind = "json"', 'kind = "modbus"', "sources[3].kind", "no kind of source"),
        ('source = "ua"', 'source = "ua2"', "work_centers[2].source", "no source is named 'ua2'"),
        (
            "auto_confirm = true",
            "auto_confirm = true\nmicro_stop = 3",
            "settings.micro_stop",
            "unknown setting",
        ),
        (
            'reasons = { E1 = "mechanical/bearing" }',
            'reasons = { E1 = "mechanical/gremlins" }',
            "work_centers[1].fault.reasons.E1",
            "reason tree",
        ),
        (
            'device = "Plant/edge/PRS-01"',
            'device = "Other/edge/PRS-01"',
            "work_centers[1].device",
            "group 'Other'",
        ),
        (
            'device = "plant/paint/status"',
            'device = "plant/paint/line/status"',
            "work_centers[3].device",
            "matches none",
        ),
        ('device = "Mill"', 'device = "Lathe"', "work_centers[2].state", "no node"),
        (
            'topics = ["plant/+/status",',
            'topics = ["plant/#/status",',
            "sources[3].topics[1]",
            "topic filter",
        ),
        (
            'node_id = "ns=2;s=Mill.State"',
            'node_id = "Mill.State"',
            "sources[2].nodes[1].node_id",
            "node id",
        ),
        ('name = "js"', 'name = "ua"', "sources[3].name", "used twice"),
    ],
)
def test_each_mistake_names_its_line_and_field(old: str, new: str, field: str, words: str) -> None:
    assert old in GOOD
    text = GOOD.replace(old, new, 1)
    problems = load(text)
    matching = [p for p in problems if p.field == field]
    assert matching, [str(p) for p in problems]
    problem = matching[0]
    assert words in problem.problem
    expected = line_of(text, new.splitlines()[-1]) if new else None
    if expected is not None and field.rsplit(".", 1)[-1] in new:
        assert problem.line == expected, str(problem)
    assert str(problem).startswith(f"m.toml, line {problem.line}: {field}: ")


def test_a_missing_field_names_the_line_of_its_table() -> None:
    text = GOOD.replace('host_id = "takt"\n', "")
    (problem,) = load(text)
    assert problem.line == line_of(text, 'name = "spb"') - 1  # the [[sources]] header


def test_one_metric_mapped_to_two_work_centers_names_both_lines() -> None:
    text = GOOD + (
        '\n[[work_centers]]\ncode = "PRS-02"\nsource = "spb"\ndevice = "Plant/edge/PRS-01"\n'
        'state = { metric = "State", values = { Execute = "running" } }\n'
    )
    (problem,) = load(text)
    assert problem.field == "work_centers[4].state.metric"
    assert problem.line == len(text.splitlines())
    first = line_of(GOOD, 'state = { metric = "State", values = { Execute')
    assert f"state of PRS-01 (line {first})" in problem.problem


def test_one_metric_with_two_meanings_in_one_work_center_is_caught() -> None:
    text = GOOD.replace('parts = { metric = "Parts"', 'parts = { metric = "Fault"')
    (problem,) = load(text)
    assert problem.field == "work_centers[1].fault.metric"
    assert "parts of PRS-01" in problem.problem


def test_a_work_center_mapped_twice_and_one_the_plant_lacks() -> None:
    text = GOOD.replace('code = "MIL-01"', 'code = "PRS-01"')
    (twice,) = load(text)
    assert twice.field == "work_centers[2].code"
    assert "mapped twice" in twice.problem
    with pytest.raises(MappingError, match="no work center of the plant"):
        mapping_from_text(GOOD, "m.toml", work_centers={"PRS-01", "MIL-01"})


def test_values_differing_only_in_case_must_agree() -> None:
    text = GOOD.replace('Execute = "running",', 'Execute = "running", EXECUTE = "down",')
    (problem,) = load(text)
    assert problem.field == "work_centers[1].state.values.EXECUTE"


def test_every_problem_is_reported_at_once_in_line_order() -> None:
    text = GOOD.replace('Execute = "running"', 'Execute = "fast"').replace(
        "micro_stop_seconds = 45", "micro_stop_seconds = 0"
    )
    problems = load(text)
    assert [p.field for p in problems] == [
        "settings.micro_stop_seconds",
        "work_centers[1].state.values.Execute",
    ]
    assert problems[0].line == 2


def test_broken_toml_names_its_line() -> None:
    text = GOOD.replace('host_id = "takt"', "host_id = takt")
    (problem,) = load(text)
    assert problem.line == line_of(text, "host_id = takt")
    assert "not valid TOML" in problem.problem


def test_an_empty_file_needs_sources_and_work_centers() -> None:
    fields = {p.field for p in load("")}
    assert fields == {"sources", "work_centers"}


def test_an_unreadable_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(MappingError, match="cannot be read"):
        load_mapping(tmp_path / "absent.toml")


def test_topic_filters_match_like_mqtt() -> None:
    assert topic_matches("plant/+/status", "plant/paint/status")
    assert not topic_matches("plant/+/status", "plant/paint/line/status")
    assert topic_matches("plant/#", "plant/paint/line/status")
    assert topic_matches("plant/#", "plant")
    assert not topic_matches("plant/paint", "plant/paint/status")


def test_key_lines_follow_every_kind_of_toml_structure() -> None:
    text = (
        "a = 1  # comment\n"
        '"quoted.key" = """two\nlines"""\n'
        "b.c = [\n  1,\n  { d = 'x' },\n]\n"
        "[[t]]\n"
        "e = 1979-05-27 07:32:00Z\n"
        "[[t]]\n"
        "[t.u]\n"
        "f = '''\n'''\n"
        "[[t.v]]\n"
        "g = 2\n"
    )
    tomllib.loads(text)
    lines = key_lines(text)
    assert lines[("a",)] == 1
    assert lines[("quoted.key",)] == 2
    assert lines[("b", "c")] == 4
    assert lines[("b", "c", 1)] == 6
    assert lines[("b", "c", 1, "d")] == 6
    assert lines[("t", 0)] == 8
    assert lines[("t", 0, "e")] == 9
    assert lines[("t", 1)] == 10
    assert lines[("t", 1, "u")] == 11
    assert lines[("t", 1, "u", "f")] == 12
    assert lines[("t", 1, "v", 0, "g")] == 15


def test_a_json_topic_with_a_device_name_is_known_by_that_name() -> None:
    washer = (
        '\n[[work_centers]]\ncode = "WSH-01"\nsource = "js"\ndevice = "{device}"\n'
        'state = {{ metric = "on", values = {{ true = "running", false = "idle" }} }}\n'
    )
    mapping = mapping_from_text(GOOD + washer.format(device="WSH"), "m.toml")
    assert mapping.work_centers[-1].state.ref.device == "WSH"
    (problem,) = load(GOOD + washer.format(device="wash"))
    assert problem.field == "work_centers[4].device"
    assert "matches none" in problem.problem
