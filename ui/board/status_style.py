"""The one place the board's status colours live.

A row's status is shown by colour and by text, never by colour alone. Widgets (the
next-job card's badge, a lane's machine state) are coloured by QSS rules on their
`status` property, generated here; table cells cannot be styled by QSS per value, so
the lane model hands the same swatches to the view as Background/ForegroundRole.
The swatches are saturated chips with a contrasting text colour (WCAG AA or better),
readable on both the dark kiosk theme and the light desk theme.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.i18n import QT_TR_NOOP
from app.model.types import MachineState
from app.priority.model import RowStatus
from ui.i18n import translated


@dataclass(frozen=True)
class Swatch:
    text: str  # what the chip says, in English (`label` says it in the current language)
    background: str
    foreground: str

    @property
    def label(self) -> str:
        return translated(self.text)


ROW_STATUS: dict[RowStatus, Swatch] = {
    RowStatus.RUNNING: Swatch(QT_TR_NOOP("RUNNING"), "#2563eb", "#ffffff"),
    RowStatus.READY: Swatch(QT_TR_NOOP("READY"), "#4ade80", "#06140b"),
    RowStatus.WAITING: Swatch(QT_TR_NOOP("WAITING"), "#cbd5e1", "#0b0f14"),
    RowStatus.BLOCKED_MATERIAL: Swatch(QT_TR_NOOP("NO MATERIAL"), "#fbbf24", "#1a1000"),
    RowStatus.BLOCKED_MACHINE: Swatch(QT_TR_NOOP("MACHINE DOWN"), "#dc2626", "#ffffff"),
    RowStatus.ON_HOLD: Swatch(QT_TR_NOOP("ON HOLD"), "#c026d3", "#ffffff"),
}

MACHINE_STATE: dict[MachineState, Swatch] = {
    MachineState.RUNNING: Swatch(QT_TR_NOOP("RUNNING"), "#2563eb", "#ffffff"),
    MachineState.IDLE: Swatch(QT_TR_NOOP("IDLE"), "#cbd5e1", "#0b0f14"),
    MachineState.DOWN: Swatch(QT_TR_NOOP("DOWN"), "#dc2626", "#ffffff"),
    MachineState.UNKNOWN: Swatch(QT_TR_NOOP("NO SIGNAL"), "#64748b", "#ffffff"),
    MachineState.SIGNAL_LOST: Swatch(QT_TR_NOOP("SIGNAL LOST"), "#475569", "#fde68a"),
    MachineState.PLANNED_STOP: Swatch(QT_TR_NOOP("PLANNED STOP"), "#e2e8f0", "#334155"),
}

# Plain words for a row's status, for sentences ("WO-26055 is waiting"); shown with
# `translated()`.
STATUS_WORDS: dict[RowStatus, str] = {
    RowStatus.RUNNING: QT_TR_NOOP("running"),
    RowStatus.READY: QT_TR_NOOP("ready"),
    RowStatus.WAITING: QT_TR_NOOP("waiting for an earlier operation"),
    RowStatus.BLOCKED_MATERIAL: QT_TR_NOOP("blocked: material short"),
    RowStatus.BLOCKED_MACHINE: QT_TR_NOOP("blocked: machine down"),
    RowStatus.ON_HOLD: QT_TR_NOOP("on hold"),
}


def machine_key(state: MachineState) -> str:
    """The `status` property value of a machine-state chip (row statuses use their value)."""
    return f"machine_{state.value}"


def status_qss() -> str:
    """QSS rules colouring every widget whose `status` property names a status."""
    rules = []
    swatches = [(s.value, w) for s, w in ROW_STATUS.items()]
    swatches += [(machine_key(m), w) for m, w in MACHINE_STATE.items()]
    for key, swatch in swatches:
        rules.append(
            f'QLabel[status="{key}"] {{ background-color: {swatch.background}; '
            f"color: {swatch.foreground}; }}"
        )
    for status, swatch in ROW_STATUS.items():  # the next-job card wears its job's colour
        rules.append(
            f'QFrame#nextJobCard[status="{status.value}"] {{ border-color: {swatch.background}; }}'
        )
    return "\n".join(rules)
