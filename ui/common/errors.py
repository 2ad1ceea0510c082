"""What a person reads when a command is refused: the domain's words, fields by the names
on the screen, never an internal field name or a traceback.

Every screen shows an error through `error_text` (`failure_text`, the command dialogs,
the capture forms): a `ValidationError` names its fields as the code does ("summary",
"root_cause"); here they become the labels people see ("What happened", "Root cause"). A
screen may pass its own labels for the fields it shows. A refusal kept on screen is a
`Failure`, which `say_again` says anew after a language switch.
"""

from __future__ import annotations

from collections.abc import Mapping

from app.errors import FieldProblem, Rejected, TaktError, ValidationError
from app.i18n import QT_TR_NOOP, Message
from ui.i18n import tr, translated

# What any other error says (its details go to the log); `error_text` says it translated.
INTERNAL = "That did not work because of an internal error; it was logged for support."

# Field names of the services' ValidationErrors, in people's words (English here: a screen
# says them with `translated`, as `problem_text` does).
FIELD_LABELS: dict[str, str] = {
    "summary": QT_TR_NOOP("What happened"),
    "note": QT_TR_NOOP("Note"),
    "item": QT_TR_NOOP("Material"),
    "substitute": QT_TR_NOOP("Substitute material"),
    "work_center": QT_TR_NOOP("Work center"),
    "work_order": QT_TR_NOOP("Work order"),
    "operation": QT_TR_NOOP("Job"),
    "operation_id": QT_TR_NOOP("Job"),
    "target": QT_TR_NOOP("Move relative to"),
    "lot_no": QT_TR_NOOP("Lot"),
    "lot": QT_TR_NOOP("Lot"),
    "quantity": QT_TR_NOOP("Quantity"),
    "qty": QT_TR_NOOP("Quantity"),
    "good": QT_TR_NOOP("Good quantity"),
    "scrap": QT_TR_NOOP("Scrap quantity"),
    "reason_code": QT_TR_NOOP("Downtime reason"),
    "reason": QT_TR_NOOP("Reason"),
    "decision": QT_TR_NOOP("Decision"),
    "root_cause": QT_TR_NOOP("Root cause"),
    "disposition": QT_TR_NOOP("Disposition"),
    "waiting_on": QT_TR_NOOP("Waiting on"),
    "owner_role": QT_TR_NOOP("Owner"),
    "user": QT_TR_NOOP("Person"),
    "exception": QT_TR_NOOP("Exception"),
    "task": QT_TR_NOOP("Task"),
    "hold": QT_TR_NOOP("Hold"),
    "kind": QT_TR_NOOP("Type"),
    "severity": QT_TR_NOOP("Severity"),
    "pin": QT_TR_NOOP("PIN"),
    "badge": QT_TR_NOOP("Badge"),
    "badge_id": QT_TR_NOOP("Badge"),
    "posting": QT_TR_NOOP("Posting"),
    "changes": QT_TR_NOOP("Changes"),
    "rules": QT_TR_NOOP("Routing rules"),
    "change": QT_TR_NOOP("What changed"),
    "new_value": QT_TR_NOOP("New value"),
    "new_priority": QT_TR_NOOP("New priority"),
    "source": QT_TR_NOOP("Who asked"),
    "message": QT_TR_NOOP("Message"),
}


def field_label(name: str, labels: Mapping[str, str] | None = None) -> str:
    """'root_cause' -> 'Root cause' (a screen's own label first, then the common one), in
    English: `translated(field_label(name))` says it in the current language."""
    if labels and name in labels:
        return labels[name]
    if name in FIELD_LABELS:
        return FIELD_LABELS[name]
    return name.replace("_", " ").capitalize()


def problem_text(problem: FieldProblem, labels: Mapping[str, str] | None = None) -> str:
    """'What happened: say what happened in a few words'; 'Decision is missing' (in the
    current language: the label, the sentence around it and the problem)."""
    english = field_label(problem.field, labels)
    label = translated(english)
    text = problem.problem.strip()
    said = translated(problem.problem).strip()
    head, _, rest = text.partition(":")
    if head.strip().lower() == "missing":
        rest = rest.strip()
        if not rest or rest.lower() in (english.lower(), problem.field.replace("_", " ")):
            return tr("{label} is missing").format(label=label)
        # The problem said in the current language, less its own "missing:" (a translation
        # keeps the "word: rest" shape of its English).
        _, colon, said_rest = said.partition(":")
        return tr("{label} is missing: {rest}").format(
            label=label, rest=said_rest.strip() if colon else said
        )
    return tr("{label}: {problem}").format(label=label, problem=said)


def error_text(error: Exception | str, labels: Mapping[str, str] | None = None) -> str:
    """The one way a refusal is shown on any screen, in the current language."""
    if isinstance(error, str):
        return translated(error)
    if isinstance(error, Rejected):  # the state says no: its own sentence
        reason = translated(error.reason)
        return reason[:1].upper() + reason[1:]
    if isinstance(error, ValidationError):
        return "; ".join(problem_text(p, labels) for p in error.problems)
    if isinstance(error, TaktError):
        return translated(error.message)
    return tr("That did not work because of an internal error; it was logged for support.")


def failure_text(error: Exception) -> str:
    """What a person reads when a command fails: the domain's own words, fields by their
    labels on screen, never a traceback (ui.common.errors)."""
    return error_text(error)


class Failure(str):
    """A refused command's message as said when it failed, remembering the error so a
    screen can say it again in another language (`say_again`). It equals the text."""

    error: Exception

    def __new__(cls, error: Exception) -> Failure:
        text = super().__new__(cls, failure_text(error))
        text.error = error
        return text


def say_again(text: str) -> str:
    """A message in the current language: a Failure or a domain Message is said anew;
    other text was said in its own language and stays as it is."""
    if isinstance(text, Failure):
        return failure_text(text.error)
    if isinstance(text, Message):
        return translated(text)
    return text
