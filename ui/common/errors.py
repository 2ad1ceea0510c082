"""What a person reads when a command is refused: the domain's words, fields by the names
on the screen, never an internal field name or a traceback.

Every screen shows an error through `error_text` (the board's `failure_text`, the
command dialogs, the capture forms): a `ValidationError` names its fields as the code
does ("summary", "root_cause"); here they become the labels people see ("What
happened", "Root cause"). A screen may pass its own labels for the fields it shows.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.errors import FieldProblem, Rejected, TaktError, ValidationError

INTERNAL = "That did not work because of an internal error; it was logged for support."

# Field names of the services' ValidationErrors, in people's words.
FIELD_LABELS: dict[str, str] = {
    "summary": "What happened",
    "note": "Note",
    "item": "Material",
    "substitute": "Substitute material",
    "work_center": "Work center",
    "work_order": "Work order",
    "operation": "Job",
    "operation_id": "Job",
    "target": "Move relative to",
    "lot_no": "Lot",
    "lot": "Lot",
    "quantity": "Quantity",
    "qty": "Quantity",
    "good": "Good quantity",
    "scrap": "Scrap quantity",
    "reason_code": "Downtime reason",
    "reason": "Reason",
    "decision": "Decision",
    "root_cause": "Root cause",
    "disposition": "Disposition",
    "waiting_on": "Waiting on",
    "owner_role": "Owner",
    "user": "Person",
    "exception": "Exception",
    "task": "Task",
    "hold": "Hold",
    "kind": "Type",
    "severity": "Severity",
    "pin": "PIN",
    "badge": "Badge",
    "badge_id": "Badge",
    "posting": "Posting",
    "changes": "Changes",
    "rules": "Routing rules",
    "change": "What changed",
    "new_value": "New value",
    "new_priority": "New priority",
    "source": "Who asked",
    "message": "Message",
}


def field_label(name: str, labels: Mapping[str, str] | None = None) -> str:
    """'root_cause' -> 'Root cause' (a screen's own label first, then the common one)."""
    if labels and name in labels:
        return labels[name]
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    return name.replace("_", " ").capitalize()


def problem_text(problem: FieldProblem, labels: Mapping[str, str] | None = None) -> str:
    """'What happened: say what happened in a few words'; 'Decision is missing'."""
    label = field_label(problem.field, labels)
    text = problem.problem.strip()
    head, _, rest = text.partition(":")
    if head.strip().lower() == "missing":
        rest = rest.strip()
        if not rest or rest.lower() in (label.lower(), problem.field.replace("_", " ")):
            return f"{label} is missing"
        return f"{label} is missing: {rest}"
    return f"{label}: {text}"


def error_text(error: Exception | str, labels: Mapping[str, str] | None = None) -> str:
    """The one way a refusal is shown on any screen."""
    if isinstance(error, str):
        return error
    if isinstance(error, Rejected):  # the state says no: its own sentence
        return error.reason[:1].upper() + error.reason[1:]
    if isinstance(error, ValidationError):
        return "; ".join(problem_text(p, labels) for p in error.problems)
    if isinstance(error, TaktError):
        return str(error)
    return INTERNAL
