"""Who may cause which event: one table, read by the terminal's services and by the
server's ingest alike.

A person's event needs an enrolled, active actor holding one of the kind's roles; the
server also needs that person to be logged in on the terminal that pushed it (a login
is itself an event, so the server knows). Facts only the authority may state (imports
from the ERP, its acknowledgements, deadlines passed) come from system actors, and only
where the log is decided: on the server, or on a terminal that has no server.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import PermissionDenied
from app.events import payloads as p
from app.i18n import Message, tr
from app.model import (
    RegisteredTerminal,
    ShopException,
    SyncState,
    Task,
    TerminalSession,
    User,
)
from app.model.types import Channel, ExceptionKind, MessageChannel, Role
from app.projections.registry import find
from app.words import one_of, role

# Actors that are not people: the plant's own machinery on the authority.
SYSTEM_ACTORS = frozenset({"system", "erp", "server"})
# A machine source speaks as "machine:<source>", from the bridge enrolled for it.
MACHINE_PREFIX = "machine:"
ANONYMOUS = "anonymous"  # a wrong PIN has no known person behind it

EVERYONE = frozenset(Role) - {Role.ADMIN}
LEADS = frozenset({Role.SUPERVISOR, Role.MANAGER})
FLOOR = frozenset({Role.OPERATOR}) | LEADS

Scope = Callable[[Session, Any, User], None]


@dataclass(frozen=True)
class Rule:
    action: Message  # what the person is doing, for the message ("override priority")
    roles: frozenset[Role] = frozenset()  # people holding one of these may cause it
    system: bool = False  # a system actor may cause it, on the authority only
    login: bool = True  # the person must be logged in on the terminal that sent it
    self_only: bool = False  # login events: the person acts for themself
    anonymous: bool = False  # may come from no known person (a failed login)
    machine: bool = False  # a machine source may cause it, from its own bridge
    scope: Scope | None = None  # a finer check on the state the event touches


def _owner_or_lead(action: Message) -> Scope:
    def check(session: Session, payload: Any, user: User) -> None:
        exc = find(session, ShopException, payload.exception_id)
        if exc is None:
            return  # the reducer names the unknown exception
        roles = set(user.roles)
        if exc.owner_user_id == user.id or exc.owner_role in roles or roles & LEADS:
            return
        raise PermissionDenied(
            tr(
                "only {owner} or a supervisor may {action}; {name} is neither",
                owner=owner_of(exc),
                action=action,
                name=user.name,
            )
        )

    return check


def owner_of(exc: ShopException) -> Message:
    """'quality', 'its owner': who owns an exception, as a refusal names them."""
    return role(exc.owner_role) if exc.owner_role else tr("its owner")


def _decider(session: Session, payload: Any, user: User) -> None:
    exc = find(session, ShopException, payload.exception_id)
    if exc is not None and exc.kind in (
        ExceptionKind.QUALITY_HOLD,
        ExceptionKind.SUBSTITUTE_MATERIAL,
    ):
        # Releasing held material or approving a substitute is quality's call alone.
        if Role.QUALITY not in user.roles:
            raise PermissionDenied(
                tr("only quality may decide this; {name} is not quality", name=user.name)
            )
        return
    _owner_or_lead(tr("resolve it"))(session, payload, user)


def _task_function(action: Message) -> Scope:
    def check(session: Session, payload: Any, user: User) -> None:
        task = find(session, Task, payload.task_id)
        if task is None:
            return
        roles = set(user.roles)
        if task.function in roles or roles & LEADS:
            return
        raise PermissionDenied(
            tr(
                "only {owner} or a supervisor may {action}; {name} is neither",
                owner=role(task.function),
                action=action,
                name=user.name,
            )
        )

    return check


def _phone_only(session: Session, payload: Any, user: User) -> None:
    # Mail and chat come in through the server's channels only; what a person records
    # at a terminal is what they were told (a call, a text pasted in).
    if getattr(payload, "channel", None) is not MessageChannel.PHONE:
        raise PermissionDenied(
            tr(
                "{name} may record only a phone message; mail and chat come from the server",
                name=user.name,
            )
        )


_REFERENCE = Rule(tr("define plant data"), system=True)

RULES: dict[str, Rule] = {
    # Plant and reference data: imported from the ERP (or seeded) by the authority.
    **{
        kind.KIND: _REFERENCE
        for kind in (
            p.SiteDefined,
            p.AreaDefined,
            p.ShiftCalendarDefined,
            p.SetupFamilyDefined,
            p.WorkCenterDefined,
            p.CustomerDefined,
            p.ItemDefined,
            p.BomDefined,
            p.RoutingDefined,
            p.LotRegistered,
            p.SupplyExpected,
            p.WorkOrderReleased,
            p.WorkOrderWithdrawn,
        )
    },
    p.StockCounted.KIND: Rule(
        tr("record a stock count"), FLOOR | {Role.PROCUREMENT, Role.QUALITY}, system=True
    ),
    # Execution on the floor.
    p.OperationStarted.KIND: Rule(tr("start a job"), FLOOR),
    # A machine confirms only where its plant turned auto-confirm on (the mapping file).
    p.OperationConfirmed.KIND: Rule(tr("confirm quantities"), FLOOR, machine=True),
    p.MaterialIssued.KIND: Rule(tr("issue material"), FLOOR | {Role.PROCUREMENT}),
    p.OverrideSet.KIND: Rule(tr("override priority"), LEADS),
    p.OverrideCleared.KIND: Rule(tr("clear an override"), LEADS),
    p.MachineStateChanged.KIND: Rule(
        tr("change a machine's state"), FLOOR | {Role.MAINTENANCE}, system=True, machine=True
    ),
    # What only machine signals say: a downtime's end, micro-stops, part counts.
    p.MachineDowntimeEnded.KIND: Rule(tr("end a machine's downtime"), machine=True),
    p.MachineMicroStop.KIND: Rule(tr("count a micro-stop"), machine=True),
    p.MachinePartsCounted.KIND: Rule(tr("count parts"), machine=True),
    p.DowntimeReasonGiven.KIND: Rule(tr("give a downtime's reason"), FLOOR | {Role.MAINTENANCE}),
    p.HoldPlaced.KIND: Rule(tr("place a hold"), FLOOR | {Role.QUALITY}),
    p.HoldReleased.KIND: Rule(tr("release a hold"), frozenset({Role.QUALITY})),
    # Exceptions: anyone raises; owners and supervisors carry them.
    p.ExceptionRaised.KIND: Rule(tr("raise an exception"), EVERYONE, system=True, machine=True),
    p.ExceptionAcknowledged.KIND: Rule(
        tr("acknowledge it"), EVERYONE, scope=_owner_or_lead(tr("acknowledge it"))
    ),
    p.ExceptionProgressed.KIND: Rule(
        tr("work on it"), EVERYONE, scope=_owner_or_lead(tr("work on it"))
    ),
    p.ExceptionReassigned.KIND: Rule(
        tr("reassign it"), EVERYONE, scope=_owner_or_lead(tr("reassign it"))
    ),
    p.ExceptionResolved.KIND: Rule(tr("resolve it"), EVERYONE, scope=_decider),
    p.ExceptionClosed.KIND: Rule(tr("close it"), EVERYONE, scope=_owner_or_lead(tr("close it"))),
    p.ExceptionReopened.KIND: Rule(
        tr("reopen it"), EVERYONE, scope=_owner_or_lead(tr("reopen it"))
    ),
    p.ExceptionDeadlinePassed.KIND: Rule(tr("record a passed deadline"), system=True),
    p.TaskAcknowledged.KIND: Rule(
        tr("acknowledge this task"), EVERYONE, scope=_task_function(tr("acknowledge this task"))
    ),
    p.TaskDone.KIND: Rule(
        tr("finish this task"), EVERYONE, scope=_task_function(tr("finish this task"))
    ),
    # People: an administrator changes people and roles; each person logs in as themself.
    p.UserEnrolled.KIND: Rule(
        tr("enroll people or change their roles"), frozenset({Role.ADMIN}), system=True
    ),
    p.UserLoggedIn.KIND: Rule(tr("log in"), frozenset(Role), login=False, self_only=True),
    p.UserLoggedOut.KIND: Rule(tr("log out"), frozenset(Role), login=False, self_only=True),
    p.UserLanguageSet.KIND: Rule(tr("choose a language"), frozenset(Role), self_only=True),
    p.UserLoginFailed.KIND: Rule(tr("try a PIN"), login=False, anonymous=True),
    p.UserLockedOut.KIND: Rule(tr("lock a PIN"), login=False, anonymous=True),
    # The ERP link: the server's writer records what the ERP said; people decide refusals.
    p.ErpPostingAcknowledged.KIND: Rule(tr("record an ERP acknowledgement"), system=True),
    p.ErpPostingFailed.KIND: Rule(tr("record an ERP refusal"), system=True),
    p.ErpPostingRetried.KIND: Rule(tr("retry an ERP posting"), LEADS),
    p.ErpPostingEdited.KIND: Rule(tr("edit an ERP posting"), LEADS),
    # A lead cancels a refused posting; the server's writer settles one the ERP keeps no
    # document for (not taken by this ERP, or booked with another posting).
    p.ErpPostingCancelled.KIND: Rule(tr("cancel an ERP posting"), LEADS, system=True),
    # The writer finds a document of a refused event in the ERP (`takt erp reconcile`);
    # a lead says when it was reversed there.
    p.ErpPostingOrphaned.KIND: Rule(tr("record an ERP document of a refused event"), system=True),
    p.ErpPostingReversed.KIND: Rule(tr("record an ERP document as reversed"), LEADS),
    p.ErpImportCompleted.KIND: Rule(tr("record an ERP import"), system=True),
    p.ErpImportFailed.KIND: Rule(tr("record a failed ERP import"), system=True),
    # Shift handover: leads write and hand over; the incoming lead (another lead, which
    # the reducers check) accepts or queries each item and signs.
    p.HandoverNoted.KIND: Rule(tr("write a handover note"), LEADS),
    p.HandoverSubmitted.KIND: Rule(tr("hand over a shift"), LEADS),
    p.HandoverItemAccepted.KIND: Rule(tr("accept a handover item"), LEADS),
    p.HandoverItemQueried.KIND: Rule(tr("query a handover item"), LEADS),
    p.HandoverQueryAnswered.KIND: Rule(tr("answer a handover query"), LEADS),
    p.HandoverSigned.KIND: Rule(tr("sign a handover"), LEADS),
    # Messages: the server's channels take mail and chat in; a lead writes a call down;
    # a lead turns a draft into an exception or discards it.
    p.MessageReceived.KIND: Rule(tr("record a message"), LEADS, system=True, scope=_phone_only),
    p.MessageConfirmed.KIND: Rule(tr("confirm a message's draft"), LEADS),
    p.MessageDiscarded.KIND: Rule(tr("discard a message's draft"), LEADS),
}


def rule_for(kind: str) -> Rule:
    rule = RULES.get(kind)
    if rule is None:
        raise PermissionDenied(tr("no one may record {kind} events", kind=repr(kind)))
    return rule


def is_authority(session: Session) -> bool:
    """This database decides the log: a server, or a terminal without one."""
    return bool(session.info.get("orders_events")) or session.get(SyncState, 1) is None


def check(
    session: Session,
    kind: str,
    payload: Any,
    actor: str,
    *,
    terminal_id: str,
    from_terminal: bool,
) -> None:
    """Raise PermissionDenied, saying who may, unless `actor` may cause this event.

    `from_terminal`: the server judges an event a terminal pushed, so system actors are
    refused and the person must be logged in on `terminal_id`. Otherwise the event is
    this database's own (a service's command) and a system actor may act where this
    database is the authority.
    """
    rule = rule_for(kind)
    if actor.startswith(MACHINE_PREFIX):
        _check_machine(session, rule, payload, actor, terminal_id, from_terminal)
        return
    if actor in SYSTEM_ACTORS:
        if not rule.system:
            raise PermissionDenied(
                tr(
                    "{actor} is not a person, so cannot {action}",
                    actor=repr(actor),
                    action=rule.action,
                )
            )
        if from_terminal or not is_authority(session):
            raise PermissionDenied(
                tr("only the server may {action}; a terminal sent it", action=rule.action)
            )
        return
    if rule.anonymous:
        if actor != ANONYMOUS:
            raise PermissionDenied(
                tr(
                    "a failed login is recorded as {anonymous}, not {actor}",
                    anonymous=repr(ANONYMOUS),
                    actor=repr(actor),
                )
            )
        return
    person = _person(session, kind, terminal_id, actor)
    if person is None:
        raise PermissionDenied(not_enrolled(actor, rule.action))
    user, roles, here = person
    if rule.self_only and getattr(payload, "user_id", None) != actor:
        raise PermissionDenied(
            tr("{name} may only {action} as themself", name=user.name, action=rule.action)
        )
    if not roles & rule.roles:
        if not rule.roles:
            raise PermissionDenied(tr("only the server may {action}", action=rule.action))
        raise PermissionDenied(not_one_of(rule.roles, rule.action, user))
    if from_terminal and rule.login and not here:
        raise PermissionDenied(
            tr(
                "{name} is not logged in on terminal {terminal}, so cannot {action}",
                name=user.name,
                terminal=terminal_id,
                action=rule.action,
            )
        )
    if rule.scope is not None:
        rule.scope(session, payload, user)


def machine_sources(terminal: RegisteredTerminal | None) -> frozenset[str]:
    """The machine sources a registered terminal (a machine bridge) speaks for."""
    return frozenset((terminal.machine_sources or "").split()) if terminal else frozenset()


def _check_machine(
    session: Session,
    rule: Rule,
    payload: Any,
    actor: str,
    terminal_id: str,
    from_terminal: bool,
) -> None:
    source = actor.removeprefix(MACHINE_PREFIX)
    if not rule.machine:
        raise PermissionDenied(
            tr("{actor} is a machine, so cannot {action}", actor=repr(actor), action=rule.action)
        )
    if isinstance(payload, p.ExceptionRaised) and (
        payload.kind is not ExceptionKind.MACHINE_DOWNTIME or payload.channel is not Channel.MACHINE
    ):
        raise PermissionDenied(tr("a machine raises only its own downtime, on the machine channel"))
    if from_terminal and source not in machine_sources(
        find(session, RegisteredTerminal, terminal_id)
    ):
        # The server's word: only the bridge an administrator enrolled for this source
        # speaks for it, as only a person's own login speaks for them.
        raise PermissionDenied(
            tr(
                "terminal {terminal} does not speak for machine source {source}: "
                "enroll its bridge with a code for that source",
                terminal=terminal_id,
                source=repr(source),
            )
        )


# Who a batch's actors are, looked up once per batch: a push of a hundred events by the
# same operator asks the same three questions a hundred times. An event that changes
# people or logins forgets the answers (its check runs before it applies).
_PEOPLE = "authz.people"
_CHANGES_PEOPLE = frozenset({p.UserEnrolled.KIND, p.UserLoggedIn.KIND, p.UserLoggedOut.KIND})
Person = tuple[User, frozenset[Role], bool]


def _person(session: Session, kind: str, terminal_id: str, actor: str) -> Person | None:
    memo: dict[tuple[str, str], Person | None] = session.info.setdefault(_PEOPLE, {})
    key = (terminal_id, actor)
    if kind in _CHANGES_PEOPLE:
        memo.clear()  # and this answer is not kept: the event is about to change it
    elif key in memo:
        return memo[key]
    user = find(session, User, actor)
    person = (
        (user, frozenset(user.roles), logged_in(session, terminal_id, actor))
        if user is not None and user.active
        else None
    )
    if kind not in _CHANGES_PEOPLE:
        memo[key] = person
    return person


def logged_in(session: Session, terminal_id: str, user_id: str) -> bool:
    row = find(session, TerminalSession, (terminal_id, user_id))
    return row is not None and row.active


def require_role(session: Session, actor: str, *roles: Role, action: Message) -> User:
    """A service's check before an event exists (a screen asks: may this person...?).

    `action` says what the person is doing ("override priority"), made with `tr`."""
    user = session.get(User, actor)
    if user is None or not user.active:
        raise PermissionDenied(not_enrolled(actor, action))
    if not set(user.roles) & set(roles):
        raise PermissionDenied(not_one_of(roles, action, user))
    return user


def not_enrolled(actor: str, action: Message) -> Message:
    return tr(
        "{actor} is not an enrolled user, so cannot {action}", actor=repr(actor), action=action
    )


def not_one_of(roles: Iterable[Role], action: Message, user: User) -> Message:
    return tr(
        "only {roles} may {action}; {name} is not one",
        roles=one_of(roles),
        action=action,
        name=user.name,
    )


def sessions_of(session: Session, terminal_id: str) -> list[str]:
    return list(
        session.scalars(
            select(TerminalSession.user_id).where(
                TerminalSession.terminal_id == terminal_id, TerminalSession.active
            )
        )
    )
