"""What a transaction changed, as a report the screens update from (Anki's OpChanges).

Every event that changes the projections passes through `projections.apply`, which notes
here what it touched; when the write commits, `Store.write` hands the report to its
listeners. The same report comes from a command run here and from a page of other
terminals' events, so a screen has one way to learn what to read again: the board reads
the work orders, items and machines named, not the whole plant.

What an event touches is decided by its payload, in one table (`touched`): a kind not in
it changes `everything` (read it all again), which is always correct, only slower.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy.orm import Session

from app.events import payloads as p

_EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Changes:
    """What changed. Keyed sets for what is large (a plant's orders, items), flags for
    the small tables a screen reads whole anyway."""

    work_orders: frozenset[str] = _EMPTY  # their operations and material requirements
    items: frozenset[str] = _EMPTY  # stock, lots, incoming supply of these items
    machines: frozenset[str] = _EMPTY  # machine state of these work centers
    exceptions: bool = False  # exceptions and their tasks
    board: bool = False  # holds, overrides, reported shortages, stopped machines
    postings: bool = False  # ERP postings (their verdicts, or new ones)
    people: bool = False  # people, their roles, languages, logins
    messages: bool = False  # inbound messages and their drafts (intake)
    handover: bool = False  # shift handovers, their notes and sign-offs
    everything: bool = False  # master data or a rewind: read everything again

    def __or__(self, other: Changes) -> Changes:
        # Written out: a server notes one per event it ingests.
        if other is NOTHING or other == self:
            return self
        if self is NOTHING:
            return other
        return Changes(
            self.work_orders | other.work_orders,
            self.items | other.items,
            self.machines | other.machines,
            self.exceptions or other.exceptions,
            self.board or other.board,
            self.postings or other.postings,
            self.people or other.people,
            self.messages or other.messages,
            self.handover or other.handover,
            self.everything or other.everything,
        )

    def __bool__(self) -> bool:
        return any(getattr(self, f.name) for f in fields(Changes))

    @property
    def touches_board(self) -> bool:
        """Whether a ranked lane may differ."""
        return bool(
            self.everything
            or self.work_orders
            or self.items
            or self.machines
            or self.board
            or self.exceptions  # a shortage blocks, its resolution releases
        )


NOTHING = Changes()
EVERYTHING = Changes(
    everything=True,
    exceptions=True,
    board=True,
    postings=True,
    people=True,
    messages=True,
    handover=True,
)


def order_of(operation_id: str) -> str:
    """The work order an operation belongs to ('WO-26055/0010' -> 'WO-26055')."""
    return operation_id.rpartition("/")[0] or operation_id


def touched(payload: p.Payload) -> Changes:
    """What one event changes (the table; a kind not here changes everything)."""
    match payload:
        case p.OperationStarted() | p.OperationConfirmed():
            # A confirmation may queue an ERP posting.
            return Changes(work_orders=frozenset({order_of(payload.operation_id)}), postings=True)
        case p.WorkOrderReleased():
            return Changes(
                work_orders=frozenset({payload.number}),
                items=frozenset(m.item for m in payload.materials),
            )
        case p.WorkOrderWithdrawn():
            # Its jobs and requirements leave (the board re-allocates their items).
            return Changes(work_orders=frozenset({payload.number}))
        case p.MaterialIssued():
            return Changes(
                work_orders=frozenset({payload.work_order}),
                items=frozenset({payload.item}),
                postings=True,
            )
        case p.StockCounted() | p.SupplyExpected() | p.LotRegistered():
            return Changes(items=frozenset({payload.item}))
        case p.MachineStateChanged():
            return Changes(machines=frozenset({payload.work_center}), postings=True)
        case p.MachineDowntimeEnded():
            # Its exception resolves (a posting), its lane unblocks.
            return Changes(
                machines=frozenset({payload.work_center}),
                exceptions=True,
                board=True,
                postings=True,
            )
        case p.MachinePartsCounted():
            # The running job's machine count: that work center's lane.
            return Changes(machines=frozenset({payload.work_center}))
        case p.MachineMicroStop():
            return NOTHING  # counted from the log by the metrics; no table changes
        case p.DowntimeReasonGiven():
            return Changes(exceptions=True, postings=True)
        case p.OverrideSet() | p.OverrideCleared() | p.HoldPlaced() | p.HoldReleased():
            return Changes(board=True)
        case (
            p.ExceptionRaised()
            | p.ExceptionAcknowledged()
            | p.ExceptionProgressed()
            | p.ExceptionReassigned()
            | p.ExceptionResolved()
            | p.ExceptionClosed()
            | p.ExceptionReopened()
            | p.ExceptionDeadlinePassed()
        ):
            # A quality event may queue a posting; a hold may come with the exception.
            return Changes(exceptions=True, board=True, postings=True)
        case p.TaskAcknowledged() | p.TaskDone():
            return Changes(exceptions=True)
        case (
            p.UserEnrolled()
            | p.UserLanguageSet()
            | p.UserLoggedIn()
            | p.UserLoginFailed()
            | p.UserLockedOut()
            | p.UserLoggedOut()
        ):
            return Changes(people=True)
        case (
            p.ErpPostingAcknowledged()
            | p.ErpPostingFailed()
            | p.ErpPostingRetried()
            | p.ErpPostingEdited()
            | p.ErpPostingCancelled()
            | p.ErpPostingOrphaned()
            | p.ErpPostingReversed()
            | p.ErpImportFailed()
        ):
            return Changes(postings=True)
        case p.MessageReceived() | p.MessageConfirmed() | p.MessageDiscarded():
            # A confirmation's exception is an event of its own (exception.raised).
            return Changes(messages=True)
        case (
            p.HandoverNoted()
            | p.HandoverSubmitted()
            | p.HandoverItemAccepted()
            | p.HandoverItemQueried()
            | p.HandoverQueryAnswered()
            | p.HandoverSigned()
        ):
            return Changes(handover=True)
    return EVERYTHING


_KEY = "changes"


def note(session: Session, payload: p.Payload) -> None:
    """Record, in the session's transaction, what `payload` changed."""
    session.info[_KEY] = session.info.get(_KEY, NOTHING) | touched(payload)


def note_everything(session: Session) -> None:
    """Something changed the projections outside the table (a rewind of own events)."""
    session.info[_KEY] = EVERYTHING


def taken(session: Session) -> Changes:
    """What the session's transaction changed so far, forgotten from it."""
    changes: Changes = session.info.pop(_KEY, NOTHING)
    return changes
