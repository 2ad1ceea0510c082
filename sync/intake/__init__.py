"""Message intake: emails and chat messages become exception drafts linked to the plan.

Only the understanding lives here so far (no listeners): `understand` reads one message
against the plant's reference data (`load_reference`) and returns a `Draft` with every
field it found, where and how sure; `predict` gives the `takt intake parse` line. Rules
and the plant's own data only: no model is downloaded or loaded. Nothing here imports Qt.
"""

from sync.intake.classify import EXCEPTION_TYPES, URGENCIES
from sync.intake.draft import (
    CHANNELS,
    Draft,
    Field,
    Message,
    MessageError,
    Span,
    Unresolved,
    predict,
    understand,
)
from sync.intake.quantities import Quantity
from sync.intake.reference import (
    Entry,
    LotRef,
    ReferenceIndex,
    WorkOrderRef,
    load_reference,
    reference_from_session,
)

__all__ = [
    "CHANNELS",
    "EXCEPTION_TYPES",
    "URGENCIES",
    "Draft",
    "Entry",
    "Field",
    "LotRef",
    "Message",
    "MessageError",
    "Quantity",
    "ReferenceIndex",
    "Span",
    "Unresolved",
    "WorkOrderRef",
    "load_reference",
    "predict",
    "reference_from_session",
    "understand",
]
