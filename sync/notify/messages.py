"""What to tell whom when an exception is raised, breaches a deadline or escalates."""

from __future__ import annotations

from dataclasses import dataclass

from app.clock import iso
from app.events.envelope import Event

_KIND_TEXT = {
    "material_shortage": "Material shortage",
    "machine_downtime": "Machine down",
    "quality_hold": "Quality hold",
    "order_change": "Order change",
    "priority_shift": "Priority shift",
    "substitute_material": "Substitute material",
    "other": "Exception",
}


@dataclass(frozen=True)
class Message:
    """One notification; `to_roles` decides the recipients, `key` makes resends harmless."""

    key: str
    subject: str
    body: str
    to_roles: tuple[str, ...]
    exception_id: str
    severity: str = "medium"


def messages_for(event: Event, summaries: dict[str, str] | None = None) -> list[Message]:
    """The notifications an event calls for (none for most events)."""
    p = event.payload
    if event.kind == "exception.raised":
        where = ", ".join(
            f"{label} {p[field]}"
            for label, field in (
                ("work center", "work_center"),
                ("order", "work_order"),
                ("item", "item"),
                ("lot", "lot_no"),
            )
            if p.get(field)
        )
        roles = (
            p["owner_role"],
            *sorted({t["function"] for t in p.get("tasks", [])} - {p["owner_role"]}),
        )
        tasks = "\n".join(f"- {t['function']}: {t['action']}" for t in p.get("tasks", []))
        return [
            Message(
                key=event.id,
                subject=f"[Takt] {_KIND_TEXT.get(p['kind'], 'Exception')}: {p['summary']}",
                body=(
                    f"{p['summary']}\n{where}\n\nOwner: {p['owner_role']}"
                    f"\nAcknowledge by: {p['ack_due']}\nResolve by: {p['resolve_due']}"
                    f"\nRaised by {event.actor} via {p['channel']} at {iso(event.occurred_at)}"
                    + (f"\n\nTasks:\n{tasks}" if tasks else "")
                ),
                to_roles=roles,
                exception_id=p["exception_id"],
                severity=p["severity"],
            )
        ]
    if event.kind == "exception.deadline_passed":
        summary = (summaries or {}).get(p["exception_id"], p["exception_id"])
        if p["fact"].startswith("escalation:"):
            tier = p["fact"].split(":")[1]
            return [
                Message(
                    key=event.id,
                    subject=f"[Takt] Escalated (tier {tier}): {summary}",
                    body=(
                        f"Not resolved in time; escalated to you ({p['to_role']})."
                        f"\nDue: {p['due_at']}"
                    ),
                    to_roles=(p["to_role"],),
                    exception_id=p["exception_id"],
                    severity="high",
                )
            ]
        what = "acknowledged" if p["fact"] == "sla:ack" else "resolved"
        return [
            Message(
                key=event.id,
                subject=f"[Takt] SLA missed: {summary} was not {what} in time",
                body=f"The deadline to get it {what} passed at {p['due_at']}.",
                to_roles=("supervisor",),
                exception_id=p["exception_id"],
                severity="high",
            )
        ]
    return []
