"""Why a ranked row is where it is, in the words the board screens show: its reason, the
override a supervisor made, and its tooltip with the parts of its score.

Formatting happens once per changed row (the lane model caches the strings, and says
them all again when the language changes), so these functions may be plain and
readable rather than clever. Jobs and quantities are said by ui.common.formatting.
"""

from __future__ import annotations

from app.i18n import QT_TR_NOOP
from app.priority.model import Job, OverrideKind, RankedRow
from ui.common.formatting import JobFormat, quantity
from ui.i18n import translated

# What an override did, as a sentence with its fields (said in the current language).
OVERRIDE_TEXT = {
    OverrideKind.PIN: QT_TR_NOOP("pinned by {by}: {reason}"),
    OverrideKind.BEFORE: QT_TR_NOOP("moved before by {by}: {reason}"),
    OverrideKind.AFTER: QT_TR_NOOP("moved after by {by}: {reason}"),
    OverrideKind.HOLD: QT_TR_NOOP("held by {by}: {reason}"),
}
# ... when it names the job it moved before or after.
OVERRIDE_TARGET_TEXT = {
    OverrideKind.BEFORE: QT_TR_NOOP("moved before {target} by {by}: {reason}"),
    OverrideKind.AFTER: QT_TR_NOOP("moved after {target} by {by}: {reason}"),
}
# ... and when (the row's tooltip).
OVERRIDE_AT_TEXT = {
    OverrideKind.PIN: QT_TR_NOOP("pinned by {by} at {at}: {reason}"),
    OverrideKind.BEFORE: QT_TR_NOOP("moved before by {by} at {at}: {reason}"),
    OverrideKind.AFTER: QT_TR_NOOP("moved after by {by} at {at}: {reason}"),
    OverrideKind.HOLD: QT_TR_NOOP("held by {by} at {at}: {reason}"),
}
# The parts of a row's score (app.priority.ranking), as the tooltip names them.
SCORE_PARTS = {
    "weight": QT_TR_NOOP("weight"),
    "processing_min": QT_TR_NOOP("processing_min"),
    "slack_min": QT_TR_NOOP("slack_min"),
    "urgency": QT_TR_NOOP("urgency"),
    "setup_min": QT_TR_NOOP("setup_min"),
    "setup_factor": QT_TR_NOOP("setup_factor"),
    "critical_ratio": QT_TR_NOOP("critical_ratio"),
    "due_in_h": QT_TR_NOOP("due_in_h"),
    "score": QT_TR_NOOP("score"),
}


def override_text(row: RankedRow) -> str:
    """'pinned by Ana Ruiz: rush for Acme'; '' for a row nobody overrode."""
    o = row.override
    if o is None:
        return ""
    if o.kind in OVERRIDE_TARGET_TEXT and o.target_op_id:
        template = OVERRIDE_TARGET_TEXT[o.kind]
        return translated(template).format(target=o.target_op_id, by=o.by, reason=o.reason)
    return translated(OVERRIDE_TEXT[o.kind]).format(by=o.by, reason=o.reason)


def why_here(row: RankedRow) -> str:
    """The row's reason, with its override when the reason does not already say it
    (a job pinned or moved while it is blocked keeps its override in sight)."""
    o = row.override
    reason = translated(row.reason)
    if o is None or o.reason in row.reason:
        return reason
    return f"{reason} · {override_text(row)}"


def row_tooltip(fmt: JobFormat, row: RankedRow, job: Job | None) -> str:
    """A row's tooltip: the job, why it is here, its override and the parts of its score."""
    lines = []
    if job is not None:
        name = fmt.item_name(job)
        lines.append(f"{fmt.operation(job)} · {job.item}" + (f" {name}" if name else ""))
    lines.append(translated(row.reason))
    if row.override is not None:
        o = row.override
        lines.append(
            translated(OVERRIDE_AT_TEXT[o.kind]).format(
                by=o.by, at=fmt.moment(o.at), reason=o.reason
            )
        )
    if row.breakdown:
        lines.append(
            ", ".join(
                f"{translated(SCORE_PARTS.get(name, name))} {quantity(value)}"
                for name, value in row.breakdown
            )
        )
    return "\n".join(lines)
