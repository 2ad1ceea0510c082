"""The execution audit: a row per exception with its times, decision and flags,
summaries that add up, and a CSV that reads back as written."""

from __future__ import annotations

import io
from datetime import timedelta

import pytest

from app.metrics import (
    AUDIT_COLUMNS,
    AuditFlag,
    ErpStatus,
    Period,
    execution_audit,
    read_audit_csv,
    write_audit_csv,
)
from app.model.types import Channel, ExceptionKind, PostingKind, Role
from app.projections.execution import posting_id
from tests.unit.test_metrics_log import T0, Log

DAY = Period(T0, T0 + timedelta(days=1))


@pytest.fixture
def log() -> Log:
    log = Log()
    log.plant({"WC-1": "A1", "WC-2": "A2"})
    earlier, _ = log.raise_(-2 * 24 * 60)
    log.resolve(earlier, -2 * 24 * 60 + 30)
    short, _ = log.raise_(0, exception_id="a-short")
    log.ack(short, 10)
    log.resolve(short, 60, decision='split the order, "urgent" part first, rest Friday')
    down, _ = log.raise_(
        0,
        kind=ExceptionKind.MACHINE_DOWNTIME,
        channel=Channel.MACHINE,
        work_center="WC-2",
        owner=Role.MAINTENANCE,
        actor="machine:press-line",
        exception_id="b-down",
        details={"stopped_at": log.moment(-1).isoformat()},
    )
    ran = log.machine_ran_again(down, "WC-2", since=-1, at=30)  # no reason ever given
    log.erp_ack(posting_id(ran.id, PostingKind.DOWNTIME), 45)
    hold, _ = log.raise_(
        0,
        kind=ExceptionKind.QUALITY_HOLD,
        channel=Channel.LINE_PC,
        owner=Role.QUALITY,
        item="ITEM-1",
        exception_id="c-hold",
    )
    log.erp_ack(posting_id(f"quality-hold:{hold}", PostingKind.QUALITY_EVENT), 2)
    log.ack(hold, 5, actor="3001")
    log.resolve(hold, 100, root_cause="process/setup", actor="3001", disposition="rework")
    log.close(hold, 110)  # the release never reached the ERP
    log.raise_(0, channel=Channel.PHONE, exception_id="d-open")
    return log


def test_every_exception_of_the_period_has_its_times_decision_and_flags(log: Log) -> None:
    audit = execution_audit(log.history(), DAY)
    rows = {r.exception_id: r for r in audit.rows}
    assert list(rows) == ["a-short", "b-down", "c-hold", "d-open"]  # the earlier one is not
    short, down, hold, waiting = rows.values()
    assert (short.time_to_owner_s, short.time_to_decision_s, short.decided_by) == (
        600,
        3600,
        "5001",
    )
    assert (short.erp_status, short.flags) == (ErpStatus.NOT_DUE, (AuditFlag.REPEATED_ROOT_CAUSE,))
    # The machine ran again: that resolved it (and answered it), with no reason given.
    assert (down.time_to_owner_s, down.time_to_decision_s) == (1800, 1800)
    assert (down.decided_by, down.root_cause) == ("machine:press-line", None)
    assert (down.erp_status, down.time_to_erp_s) == (ErpStatus.REFLECTED, 45 * 60)
    assert down.flags == (AuditFlag.DECISION_WITHOUT_REASON,)
    assert (hold.status, hold.acknowledged_by, hold.time_to_decision_s) == ("closed", "3001", 6000)
    assert (hold.erp_status, hold.erp_reflected_at) == (ErpStatus.WAITING, None)
    assert hold.flags == (AuditFlag.CLOSED_WITHOUT_ERP,)
    assert (waiting.status, waiting.time_to_owner_s, waiting.decision, waiting.flags) == (
        "open",
        None,
        None,
        (),
    )
    assert [r.exception_id for r in audit.flagged(AuditFlag.CLOSED_WITHOUT_ERP)] == ["c-hold"]


def test_the_summaries_add_up(log: Log) -> None:
    audit = execution_audit(log.history(), DAY)
    assert (audit.total.exceptions, audit.total.open, audit.total.decided) == (4, 1, 3)
    assert audit.total.flags == {
        "decision_without_reason": 1,
        "closed_without_erp": 1,
        "repeated_root_cause": 1,
    }
    for groups in (audit.by_channel, audit.by_kind, audit.by_decision_maker):
        assert sum(g.exceptions for g in groups) == 4
    assert [(g.key, g.exceptions) for g in audit.by_decision_maker] == [
        ("3001", 1),
        ("5001", 1),
        ("machine:press-line", 1),
        (None, 1),
    ]
    owner = audit.total.time_to_owner
    assert (owner.count, owner.open, owner.median_s) == (3, 1, 600)
    erp = audit.total.time_to_erp  # the ERP's figures cover only what it must hear of
    assert (erp.count, erp.total) == (1, 2)
    by_channel = {g.key: g for g in audit.by_channel}
    assert by_channel["machine"].time_to_decision.median_s == 1800


def test_the_csv_reads_back_as_written(log: Log) -> None:
    rows = execution_audit(log.history(), DAY).rows
    out = io.StringIO(newline="")
    assert write_audit_csv(rows, out) == 4
    text = out.getvalue()
    assert text.splitlines()[0] == ",".join(AUDIT_COLUMNS)
    assert tuple(read_audit_csv(io.StringIO(text, newline=""))) == rows


def test_a_csv_of_something_else_is_refused() -> None:
    with pytest.raises(ValueError, match="header"):
        read_audit_csv(io.StringIO("id,when\n1,2\n"))
    header = ",".join(AUDIT_COLUMNS)
    with pytest.raises(ValueError, match="line 2"):
        read_audit_csv(io.StringIO(f"{header}\nonly,three,cells\n"))


def test_the_default_period_is_the_30_days_up_to_the_last_event(log: Log) -> None:
    audit = execution_audit(log.history())
    assert audit.period.end - audit.period.start == timedelta(days=30)
    assert len(audit.rows) == 5  # the earlier one too
