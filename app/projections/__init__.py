"""Reducers: how each event shapes the tables the screens read.

Importing this package registers every reducer.
"""

from app.projections import (
    erp,
    exceptions,
    execution,
    handover,
    intake,
    machines,
    materials,
    orders,
    people,
    plant,
    sessions,
)
from app.projections.registry import apply

__all__ = [
    "apply",
    "erp",
    "exceptions",
    "execution",
    "handover",
    "intake",
    "machines",
    "materials",
    "orders",
    "people",
    "plant",
    "sessions",
]
