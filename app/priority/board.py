"""The live board: every work center's ranked lane, re-ranked only where something changed.

`Board` keeps the plant state in memory, indexed so a change (stock of one item, one
machine, one hold, one job) finds the lanes it affects; only those are ranked again.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from app.changes import order_of
from app.priority.gc_pause import cyclic_gc_paused
from app.priority.load import Slice, reported_shortfalls
from app.priority.material import allocate
from app.priority.model import (
    Hold,
    HoldScope,
    Job,
    MachineStatus,
    Override,
    PlantState,
    RankedRow,
    Requirement,
    Shortfall,
)
from app.priority.policy import Policy
from app.priority.ranking import LaneContext, LaneMemo, rank_lane

Lanes = dict[str, list[RankedRow]]

# Scores follow the clock; between the periodic full re-rank, event-driven re-ranks
# score at the time of the last full one, so an event re-does only what it changed.
RESCORE_AFTER = timedelta(seconds=60)


class Board:
    def __init__(self, state: PlantState, policy: Policy) -> None:
        self.policy = policy
        self.state = PlantState(work_centers=state.work_centers)
        self.lanes: Lanes = {}
        self._memos: dict[str, LaneMemo] = defaultdict(LaneMemo)
        self._scored_at: datetime | None = None
        self._deferred: set[str] | None = None  # items to re-allocate at the end of a batch
        self._jobs_by_wc: dict[str, dict[str, Job]] = defaultdict(dict)
        self._reqs_by_item: dict[str, dict[str, Requirement]] = defaultdict(dict)
        self._req_items_by_op: dict[str, set[str]] = defaultdict(set)
        self._short_by_op_item: dict[str, dict[str, Shortfall]] = defaultdict(dict)
        self._holds_by_key: dict[tuple[HoldScope, str], dict[str, Hold]] = defaultdict(dict)
        self.replace(state)

    # --- ranking -------------------------------------------------------------------------

    def rank_all(self, now: datetime) -> Lanes:
        """Score every lane afresh at `now` (the periodic re-rank)."""
        self._scored_at = now
        return self.rerank(set(self.work_centers()), now)

    def rerank(self, work_centers: Iterable[str], now: datetime) -> Lanes:
        """Rank the given lanes again (keeping each one's current order as the hysteresis base)."""
        if self._scored_at is None or now - self._scored_at >= RESCORE_AFTER:
            self._scored_at = now
        at = self._scored_at
        changed: Lanes = {}
        with cyclic_gc_paused():
            for wc in work_centers:
                self._rank_into(wc, at, changed)
        return changed

    def _rank_into(self, wc: str, at: datetime, changed: Lanes) -> None:
        previous = [row.op_id for row in self.lanes.get(wc, ())]
        jobs = self._jobs_by_wc.get(wc, {})
        rows = rank_lane(
            # In op order: the same inputs in the same order give the same floats.
            [jobs[op] for op in sorted(jobs)],
            self.lane_context(wc),
            self.policy,
            at,
            previous,
            self._memos[wc],
        )
        self.lanes[wc] = rows
        changed[wc] = rows

    def work_centers(self) -> list[str]:
        return sorted(set(self.state.work_centers) | set(self._jobs_by_wc))

    def lane_context(self, wc: str) -> LaneContext:
        jobs = self._jobs_by_wc.get(wc, {})
        running = [j for j in jobs.values() if j.running and j.setup_family]
        if running:
            # With several jobs running (capacity > 1), the one started last sets the family.
            latest = max(
                running, key=lambda j: (j.started_at or datetime.min.replace(tzinfo=UTC), j.op_id)
            )
            family = latest.setup_family
        else:
            family = self.state.last_family.get(wc)
        holds = {}
        if self.state.holds:
            for job in jobs.values():
                hold = self.hold_on(job)
                if hold is not None:
                    holds[job.op_id] = hold
        return LaneContext(
            machine=self.state.machines.get(wc, MachineStatus()),
            last_family=family,
            shortfalls={op: s for op in jobs if (s := self.shortfall(op)) is not None},
            holds=holds,
            overrides={op: o for op in jobs if (o := self.state.overrides.get(op)) is not None},
        )

    def hold_on(self, job: Job) -> Hold | None:
        keys = [
            (HoldScope.OPERATION, job.op_id),
            (HoldScope.WORK_ORDER, job.work_order),
            (HoldScope.ITEM, job.item),
            *((HoldScope.ITEM, item) for item in sorted(self._req_items_by_op.get(job.op_id, ()))),
            *((HoldScope.LOT, lot) for lot in job.lots),
        ]
        for key in keys:
            found = self._holds_by_key.get(key)
            if found:
                return found[min(found)]
        return None

    # --- changes: each returns the work centers whose lane must be ranked again -----------

    def put_job(self, job: Job) -> set[str]:
        old = self.state.jobs.get(job.op_id)
        dirty = {job.work_center}
        if old is not None:
            if old == job:
                return set()
            self._jobs_by_wc[old.work_center].pop(job.op_id, None)
            dirty.add(old.work_center)
        self.state.jobs[job.op_id] = job
        self._jobs_by_wc[job.work_center][job.op_id] = job
        return dirty

    def drop_job(self, op_id: str) -> set[str]:
        old = self.state.jobs.pop(op_id, None)
        if old is None:
            return set()
        self._jobs_by_wc[old.work_center].pop(op_id, None)
        dirty = {old.work_center}
        for item in list(self._req_items_by_op.get(op_id, ())):
            for req_id in [r.id for r in self._reqs_by_item[item].values() if r.op_id == op_id]:
                dirty |= self.drop_requirement(req_id)
        return dirty

    def put_requirement(self, req: Requirement) -> set[str]:
        old = self.state.requirements.get(req.id)
        if old == req:
            return set()
        if old is not None:
            self._reqs_by_item[old.item].pop(req.id, None)
        self.state.requirements[req.id] = req
        self._reqs_by_item[req.item][req.id] = req
        self._req_items_by_op[req.op_id].add(req.item)
        items = {req.item} | ({old.item} if old else set())
        return set().union(*(self._reallocate(i) for i in items)) | self._wc_of(req.op_id)

    def drop_requirement(self, req_id: str) -> set[str]:
        old = self.state.requirements.pop(req_id, None)
        if old is None:
            return set()
        self._reqs_by_item[old.item].pop(req_id, None)
        if not any(r.op_id == old.op_id for r in self._reqs_by_item[old.item].values()):
            self._req_items_by_op[old.op_id].discard(old.item)
        return self._reallocate(old.item) | self._wc_of(old.op_id)

    def set_stock(self, item: str, on_hand: float) -> set[str]:
        if self.state.on_hand.get(item) == on_hand:
            return set()
        self.state.on_hand[item] = on_hand
        return self._reallocate(item)

    def set_incoming(self, item: str, receipts: tuple[tuple[datetime, float], ...]) -> set[str]:
        if self.state.incoming.get(item, ()) == receipts:
            return set()
        self.state.incoming[item] = receipts
        return self._reallocate(item)

    def set_machine(self, wc: str, status: MachineStatus) -> set[str]:
        if self.state.machines.get(wc, MachineStatus()) == status:
            return set()
        self.state.machines[wc] = status
        return {wc}

    def set_last_family(self, wc: str, family: str | None) -> set[str]:
        if self.state.last_family.get(wc) == family:
            return set()
        if family is None:
            self.state.last_family.pop(wc, None)
        else:
            self.state.last_family[wc] = family
        return {wc}

    def put_hold(self, hold: Hold) -> set[str]:
        dirty = self.drop_hold(hold.id)
        self.state.holds[hold.id] = hold
        self._holds_by_key[(hold.scope, hold.key)][hold.id] = hold
        return dirty | self._wcs_touched_by(hold)

    def drop_hold(self, hold_id: str) -> set[str]:
        old = self.state.holds.pop(hold_id, None)
        if old is None:
            return set()
        self._holds_by_key[(old.scope, old.key)].pop(hold_id, None)
        return self._wcs_touched_by(old)

    def put_override(self, override: Override) -> set[str]:
        old = self.state.overrides.get(override.op_id)
        if old == override:
            return set()
        self.state.overrides[override.op_id] = override
        return self._wc_of(override.op_id)

    def drop_override(self, op_id: str) -> set[str]:
        if self.state.overrides.pop(op_id, None) is None:
            return set()
        return self._wc_of(op_id)

    def replace(self, new: PlantState) -> set[str]:
        """Bring the board to a freshly loaded state; return the lanes that changed."""
        dirty: set[str] = set()
        old = self.state
        self.state = replace(old, work_centers=new.work_centers)
        self._deferred = set()
        for op_id in set(old.jobs) - set(new.jobs):
            dirty |= self.drop_job(op_id)
        for job in new.jobs.values():
            dirty |= self.put_job(job)
        for req_id in set(old.requirements) - set(new.requirements):
            dirty |= self.drop_requirement(req_id)
        for req in new.requirements.values():
            dirty |= self.put_requirement(req)
        for item in set(old.on_hand) | set(new.on_hand):
            dirty |= self.set_stock(item, new.on_hand.get(item, 0.0))
        for item in set(old.incoming) | set(new.incoming):
            dirty |= self.set_incoming(item, new.incoming.get(item, ()))
        for wc in set(old.machines) | set(new.machines):
            dirty |= self.set_machine(wc, new.machines.get(wc, MachineStatus()))
        for wc in set(old.last_family) | set(new.last_family):
            dirty |= self.set_last_family(wc, new.last_family.get(wc))
        for hold_id in set(old.holds) - set(new.holds):
            dirty |= self.drop_hold(hold_id)
        for hold in new.holds.values():
            if old.holds.get(hold.id) != hold:
                dirty |= self.put_hold(hold)
        for op_id in set(old.overrides) - set(new.overrides):
            dirty |= self.drop_override(op_id)
        for override in new.overrides.values():
            dirty |= self.put_override(override)
        if new.reported_shortfalls != old.reported_shortfalls:
            changed = {
                op
                for op in set(old.reported_shortfalls) | set(new.reported_shortfalls)
                if old.reported_shortfalls.get(op) != new.reported_shortfalls.get(op)
            }
            self.state.reported_shortfalls = dict(new.reported_shortfalls)
            for op in changed:
                dirty |= self._wc_of(op)
        items, self._deferred = self._deferred, None
        for item in sorted(items):
            dirty |= self._reallocate(item)
        return dirty | (set(new.work_centers) - set(old.work_centers))

    def apply(self, part: Slice) -> set[str]:
        """Bring the board up to a slice read after a change (a whole one: `replace`);
        return the lanes that changed."""
        if part.orders_of is None:
            return self.replace(part.state)
        new = part.state
        dirty: set[str] = set()
        self._deferred = set()
        orders = part.orders_of
        for op_id in [j.op_id for j in self.state.jobs.values() if j.work_order in orders]:
            if op_id not in new.jobs:
                dirty |= self.drop_job(op_id)
        for job in new.jobs.values():
            dirty |= self.put_job(job)
        gone = [
            r.id
            for r in self.state.requirements.values()
            if order_of(r.op_id) in orders and r.id not in new.requirements
        ]
        for req_id in gone:
            dirty |= self.drop_requirement(req_id)
        for req in new.requirements.values():
            dirty |= self.put_requirement(req)
        items = {*self.state.on_hand, *self.state.incoming, *new.on_hand, *new.incoming}
        for item in items if part.items_of is None else part.items_of:
            dirty |= self.set_stock(item, new.on_hand.get(item, 0.0))
            dirty |= self.set_incoming(item, new.incoming.get(item, ()))
        machines = {*self.state.machines, *new.machines}
        for wc in machines if part.machines_of is None else part.machines_of:
            dirty |= self.set_machine(wc, new.machines.get(wc, MachineStatus()))
        for wc in part.families_of or ():
            dirty |= self.set_last_family(wc, new.last_family.get(wc))
        if part.whole_small:
            for hold_id in set(self.state.holds) - set(new.holds):
                dirty |= self.drop_hold(hold_id)
            for hold in new.holds.values():
                if self.state.holds.get(hold.id) != hold:
                    dirty |= self.put_hold(hold)
            for op_id in set(self.state.overrides) - set(new.overrides):
                dirty |= self.drop_override(op_id)
            for override in new.overrides.values():
                dirty |= self.put_override(override)
        if part.shortage_reports is not None:
            # Reported shortages name orders and items: worked out again on the new jobs.
            dirty |= self._set_reported(
                reported_shortfalls(part.shortage_reports, self.state.jobs, self.state.requirements)
            )
        items_left, self._deferred = self._deferred, None
        for item in sorted(items_left):
            dirty |= self._reallocate(item)
        return dirty

    def _set_reported(self, shortfalls: dict[str, Shortfall]) -> set[str]:
        old = self.state.reported_shortfalls
        if shortfalls == old:
            return set()
        changed = {op for op in set(old) | set(shortfalls) if old.get(op) != shortfalls.get(op)}
        self.state.reported_shortfalls = dict(shortfalls)
        dirty: set[str] = set()
        for op in changed:
            dirty |= self._wc_of(op)
        return dirty

    # --- internals -----------------------------------------------------------------------

    def _wc_of(self, op_id: str) -> set[str]:
        job = self.state.jobs.get(op_id)
        return {job.work_center} if job else set()

    def _reallocate(self, item: str) -> set[str]:
        if self._deferred is not None:
            self._deferred.add(item)
            return set()
        reqs = self._reqs_by_item.get(item, {})
        after = allocate(
            reqs.values(), self.state.on_hand.get(item, 0.0), self.state.incoming.get(item, ())
        )
        ops = {r.op_id for r in reqs.values()} | {
            op for op, by_item in self._short_by_op_item.items() if item in by_item
        }
        dirty: set[str] = set()
        for op in ops:
            by_item = self._short_by_op_item[op]
            before = self.shortfall(op)
            if op in after:
                by_item[item] = after[op]
            else:
                by_item.pop(item, None)
            if self.shortfall(op) != before:
                dirty |= self._wc_of(op)
        return dirty

    def _wcs_touched_by(self, hold: Hold) -> set[str]:
        if hold.scope is HoldScope.OPERATION:
            return self._wc_of(hold.key)
        if hold.scope is HoldScope.WORK_ORDER:
            return {j.work_center for j in self.state.jobs.values() if j.work_order == hold.key}
        if hold.scope is HoldScope.LOT:
            return {j.work_center for j in self.state.jobs.values() if hold.key in j.lots}
        ops = {r.op_id for r in self._reqs_by_item.get(hold.key, {}).values()}
        return {
            j.work_center for j in self.state.jobs.values() if j.item == hold.key or j.op_id in ops
        }

    def shortfall(self, op_id: str) -> Shortfall | None:
        """The operation's shortfall (of its first short item, for a stable reason)."""
        by_item = self._short_by_op_item.get(op_id)
        if by_item:
            return by_item[min(by_item)]
        return self.state.reported_shortfalls.get(op_id)
