"""The execution audit: every exception of a period (30 days by default), what became
of it, and what needs a second look; exported to CSV and read back.

For each exception raised in the period, as the log stood at its end: its channel, time
to owner (raised -> first acknowledged, worked on or resolved), time to decision
(raised -> the decision standing), the decision, who made it and why (root cause), and
time to reach the ERP (raised -> the ERP acknowledged its postings, for the kinds the
ERP hears of). Summaries by channel, type and decision-maker. Flags:

- decision_without_reason: decided with no root cause (a machine's downtime that ran
  again with no reason given, for one);
- closed_without_erp: decided, the ERP must hear of it, and it has not (a posting still
  pending, failed, cancelled);
- repeated_root_cause: the same type, work center and root cause within the repeat
  window before it (app.metrics.exceptions.repeat_cases).
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, NamedTuple, TextIO

from app.clock import iso, parse_iso
from app.metrics.exceptions import REPEAT_WINDOW, cohort, erp_reflected_at, repeat_cases
from app.metrics.figures import Durations, Outcome, key_order
from app.metrics.history import History, Stamp
from app.metrics.period import Period
from app.priority.gc_pause import cyclic_gc_paused


class AuditFlag(StrEnum):
    DECISION_WITHOUT_REASON = "decision_without_reason"
    CLOSED_WITHOUT_ERP = "closed_without_erp"
    REPEATED_ROOT_CAUSE = "repeated_root_cause"


class ErpStatus(StrEnum):
    NOT_DUE = "not_due"  # the ERP hears nothing of this kind of exception
    WAITING = "waiting"  # open, or a posting pending or failed
    REFLECTED = "reflected"
    NEVER = "never"  # a posting cancelled, or none queued


class AuditRow(NamedTuple):
    """One exception of the audit; times in seconds, None where there is none yet."""

    exception_id: str
    raised_at: datetime
    kind: str
    channel: str
    severity: str
    work_center: str | None
    area: str | None
    summary: str
    raised_by: str
    owner_role: str
    owner_user: str | None
    status: str  # open | resolved | closed
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    time_to_owner_s: float | None
    decided_at: datetime | None
    decided_by: str | None
    decision: str | None
    root_cause: str | None
    time_to_decision_s: float | None
    reassignments: int
    escalation_tier: int
    reopenings: int
    erp_status: str  # ErpStatus
    erp_reflected_at: datetime | None
    time_to_erp_s: float | None
    flags: tuple[str, ...]  # AuditFlag values


AUDIT_COLUMNS: tuple[str, ...] = AuditRow._fields
_MOMENTS = frozenset({"raised_at", "acknowledged_at", "decided_at", "erp_reflected_at"})
_SECONDS = frozenset({"time_to_owner_s", "time_to_decision_s", "time_to_erp_s"})
_COUNTS = frozenset({"reassignments", "escalation_tier", "reopenings"})
_REQUIRED_TEXT = frozenset(
    {"exception_id", "kind", "channel", "severity", "summary", "raised_by", "owner_role"}
    | {"status", "erp_status"}
)


@dataclass(frozen=True, slots=True)
class AuditGroup:
    """A summary line: the exceptions of one channel, type or decision-maker."""

    key: str | None
    exceptions: int
    open: int
    decided: int
    time_to_owner: Durations
    time_to_decision: Durations
    time_to_erp: Durations
    flags: dict[str, int]  # AuditFlag value -> exceptions so flagged


@dataclass(frozen=True, slots=True)
class Audit:
    period: Period
    repeat_window: timedelta
    rows: tuple[AuditRow, ...]  # by raise time
    total: AuditGroup
    by_channel: tuple[AuditGroup, ...]
    by_kind: tuple[AuditGroup, ...]
    by_decision_maker: tuple[AuditGroup, ...]  # None: not decided yet

    def flagged(self, flag: AuditFlag) -> list[AuditRow]:
        return [row for row in self.rows if flag.value in row.flags]


def _since(start: datetime, end: datetime | None) -> float | None:
    return max(0.0, (end - start).total_seconds()) if end is not None else None


def audit_rows(
    history: History, period: Period, *, repeat_window: timedelta = REPEAT_WINDOW
) -> list[AuditRow]:
    end = period.end
    repeats = {case.id for case in repeat_cases(history, period, repeat_window) if case.hit is True}
    rows = []
    for exc, state in cohort(history, period):
        raised = exc.raised.at
        answer: Stamp | None = state.acknowledged
        first_resolution = next((r for r in exc.resolutions if r.at < end), None)
        if first_resolution is not None and (answer is None or first_resolution.at < answer.at):
            answer = Stamp(first_resolution.at, first_resolution.by, first_resolution.event_id)
        decision = state.resolution
        if not exc.posting_due:
            erp, reflected = ErpStatus.NOT_DUE, None
        else:
            outcome, reflected = erp_reflected_at(history, exc, state, end)
            erp = {
                Outcome.DONE: ErpStatus.REFLECTED,
                Outcome.OPEN: ErpStatus.WAITING,
                Outcome.UNREACHED: ErpStatus.NEVER,
            }[outcome]
        flags = []
        if decision is not None and not state.root_cause:
            flags.append(AuditFlag.DECISION_WITHOUT_REASON.value)
        if decision is not None and erp in (ErpStatus.WAITING, ErpStatus.NEVER):
            flags.append(AuditFlag.CLOSED_WITHOUT_ERP.value)
        if exc.id in repeats:
            flags.append(AuditFlag.REPEATED_ROOT_CAUSE.value)
        rows.append(
            AuditRow(
                exception_id=exc.id,
                raised_at=raised,
                kind=exc.kind,
                channel=exc.channel,
                severity=exc.severity,
                work_center=exc.work_center,
                area=history.plant.area_of(exc.work_center),
                summary=exc.summary,
                raised_by=exc.raised.by,
                owner_role=state.owner_role,
                owner_user=state.owner_user,
                status=state.state.value,
                acknowledged_at=answer.at if answer else None,
                acknowledged_by=answer.by if answer else None,
                time_to_owner_s=_since(raised, answer.at if answer else None),
                decided_at=decision.at if decision else None,
                decided_by=decision.by if decision else None,
                decision=decision.decision if decision else None,
                root_cause=state.root_cause,
                time_to_decision_s=_since(raised, decision.at if decision else None),
                reassignments=state.reassignments,
                escalation_tier=state.escalation_tier,
                reopenings=state.reopenings,
                erp_status=erp.value,
                erp_reflected_at=reflected,
                time_to_erp_s=_since(raised, reflected),
                flags=tuple(flags),
            )
        )
    rows.sort(key=lambda r: (r.raised_at, r.exception_id))
    return rows


def _times(rows: Sequence[AuditRow], seconds: Callable[[AuditRow], float | None]) -> Durations:
    values = []
    open_ = unreached = 0
    for row in rows:
        value = seconds(row)
        if value is not None:
            values.append(value)
        elif row.status == "open":
            open_ += 1
        else:
            unreached += 1
    return Durations.of_values(
        values, open_=open_, unreached=unreached, ids=[r.exception_id for r in rows]
    )


def summarize(key: str | None, rows: Sequence[AuditRow]) -> AuditGroup:
    flags = {flag.value: 0 for flag in AuditFlag}
    for row in rows:
        for flag in row.flags:
            flags[flag] += 1
    erp_rows = [r for r in rows if r.erp_status != ErpStatus.NOT_DUE]
    return AuditGroup(
        key=key,
        exceptions=len(rows),
        open=sum(r.status == "open" for r in rows),
        decided=sum(r.decided_at is not None for r in rows),
        time_to_owner=_times(rows, lambda r: r.time_to_owner_s),
        time_to_decision=_times(rows, lambda r: r.time_to_decision_s),
        time_to_erp=_times(erp_rows, lambda r: r.time_to_erp_s),
        flags=flags,
    )


def _grouped(
    rows: Sequence[AuditRow], key: Callable[[AuditRow], str | None]
) -> tuple[AuditGroup, ...]:
    groups: dict[str | None, list[AuditRow]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    ordered = sorted(groups, key=lambda k: key_order((k,)))
    return tuple(summarize(k, groups[k]) for k in ordered)


def execution_audit(
    history: History,
    period: Period | None = None,
    *,
    repeat_window: timedelta = REPEAT_WINDOW,
) -> Audit:
    """The execution audit of `period`; by default the 30 days up to the log's last event."""
    if period is None:
        last = history.last_at
        if last is None:
            raise ValueError("an empty history has no last 30 days: give the period")
        period = Period.ending(last + timedelta(microseconds=1))
    with cyclic_gc_paused():
        rows = audit_rows(history, period, repeat_window=repeat_window)
    return Audit(
        period=period,
        repeat_window=repeat_window,
        rows=tuple(rows),
        total=summarize(None, rows),
        by_channel=_grouped(rows, lambda r: r.channel),
        by_kind=_grouped(rows, lambda r: r.kind),
        by_decision_maker=_grouped(rows, lambda r: r.decided_by),
    )


# --- CSV -----------------------------------------------------------------------------------


_MOMENT_AT = tuple(n for n, name in enumerate(AUDIT_COLUMNS) if name in _MOMENTS)
_FLAGS_AT = AUDIT_COLUMNS.index("flags")


def write_audit_csv(rows: Iterable[AuditRow], file: TextIO) -> int:
    """Write `rows` as CSV (a header of AUDIT_COLUMNS, one line per exception; empty
    cells for none, moments in UTC ISO 8601, seconds as numbers, flags ';'-separated).
    Open `file` with newline="". Returns the rows written."""
    writer = csv.writer(file)
    writer.writerow(AUDIT_COLUMNS)
    count = 0
    for row in rows:
        # The csv module writes None as an empty cell and numbers as Python reads them.
        cells: list[Any] = list(row)
        for n in _MOMENT_AT:
            if cells[n] is not None:
                cells[n] = iso(cells[n])
        cells[_FLAGS_AT] = ";".join(row.flags)
        writer.writerow(cells)
        count += 1
    return count


def _value(name: str, text: str) -> Any:
    if name in _REQUIRED_TEXT:
        return text
    if name == "flags":
        return tuple(text.split(";")) if text else ()
    if name in _COUNTS:
        return int(text)
    if text == "":
        return None
    if name in _MOMENTS:
        return parse_iso(text)
    if name in _SECONDS:
        return float(text)
    return text


def read_audit_csv(file: TextIO) -> list[AuditRow]:
    """The rows of a CSV written by `write_audit_csv`; ValueError if its header differs."""
    reader = csv.reader(file)
    header = next(reader, None)
    if header is None or tuple(header) != AUDIT_COLUMNS:
        raise ValueError("not an execution audit CSV: its header differs")
    rows = []
    for n, line in enumerate(reader, start=2):
        if len(line) != len(AUDIT_COLUMNS):
            raise ValueError(f"line {n}: {len(line)} cells, expected {len(AUDIT_COLUMNS)}")
        values = {name: _value(name, text) for name, text in zip(AUDIT_COLUMNS, line, strict=True)}
        rows.append(AuditRow(**values))
    return rows
