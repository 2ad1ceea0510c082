"""The execution metrics and the execution audit, computed from the event log.

Pure and display-free: the same log gives the same figures on every terminal and on
the server. Read the log once, then ask any metric for any period and grouping:

    history = load_history(session)          # or build_history(events)
    period = Period.ending(now, days=30)     # [start, end), judged as the log stood at end
    resolution_time(history, period, (Dimension.KIND,)).get("quality_hold")
    overview(history, period)                # every metric overall
    audit = execution_audit(history, period)
    write_audit_csv(audit.rows, file)

Every metric has a `*_cases` function (what a chart plots; each case names its
exception, task or posting) and a summing function returning a `Breakdown` (the figure
overall and per group of any `Dimension`s) of `Durations` (median, p90, mean, max of
those measured, with the counts measured, still open and unreached beside them) or of
`Rate`s (hits of decided, with open beside). Cases and indexes are computed once per
history and period (`History.memo`), so asking for one metric by several dimensions
costs little more than asking once.

app/metrics/history.py: what the log is read into; figures.py: cases, figures,
dimensions; period.py, shifts.py: periods and shift attribution; exceptions.py,
postings.py, constraints.py, availability.py: the metrics; audit.py: the audit and CSV.
"""

from app.metrics.audit import (
    AUDIT_COLUMNS,
    Audit,
    AuditFlag,
    AuditGroup,
    AuditRow,
    ErpStatus,
    audit_rows,
    execution_audit,
    read_audit_csv,
    write_audit_csv,
)
from app.metrics.availability import (
    Availability,
    AvailabilitySlice,
    availability,
    availability_slices,
)
from app.metrics.constraints import constraint_response_cases, constraint_response_time
from app.metrics.exceptions import (
    REPEAT_WINDOW,
    Sla,
    alignment_cases,
    alignment_time,
    erp_reflection_cases,
    erp_reflection_time,
    first_pass_cases,
    first_pass_rate,
    repeat_cases,
    repeat_rate,
    resolution_cases,
    resolution_time,
    sla_cases,
    sla_compliance,
    task_ack_time,
    task_cases,
)
from app.metrics.figures import Breakdown, Case, Dimension, Durations, Outcome, Rate
from app.metrics.history import ExceptionHistory, History, PostingHistory
from app.metrics.loader import build_history, load_history
from app.metrics.overview import Overview, overview
from app.metrics.period import Period
from app.metrics.postings import posting_lag, posting_lag_cases
from app.metrics.shifts import ShiftOccurrence, shift_at, shifts_between

__all__ = [
    "AUDIT_COLUMNS",
    "REPEAT_WINDOW",
    "Audit",
    "AuditFlag",
    "AuditGroup",
    "AuditRow",
    "Availability",
    "AvailabilitySlice",
    "Breakdown",
    "Case",
    "Dimension",
    "Durations",
    "ErpStatus",
    "ExceptionHistory",
    "History",
    "Outcome",
    "Overview",
    "Period",
    "PostingHistory",
    "Rate",
    "ShiftOccurrence",
    "Sla",
    "alignment_cases",
    "alignment_time",
    "audit_rows",
    "availability",
    "availability_slices",
    "build_history",
    "constraint_response_cases",
    "constraint_response_time",
    "erp_reflection_cases",
    "erp_reflection_time",
    "execution_audit",
    "first_pass_cases",
    "first_pass_rate",
    "load_history",
    "overview",
    "posting_lag",
    "posting_lag_cases",
    "read_audit_csv",
    "repeat_cases",
    "repeat_rate",
    "resolution_cases",
    "resolution_time",
    "shift_at",
    "shifts_between",
    "sla_cases",
    "sla_compliance",
    "task_ack_time",
    "task_cases",
    "write_audit_csv",
]
