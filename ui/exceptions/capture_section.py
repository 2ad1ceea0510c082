"""What the sections of a capture form share: their rows stack like the form's own.

The form is one scrolling column of rows; a section (ui.exceptions.capture_context,
capture_report, capture_details, capture_severity) groups some of them and adds no margin
or gap of its own, so the column reads the same whichever section a row belongs to.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QVBoxLayout, QWidget

FORM_SPACING = 10  # between the rows of a capture form


def stack_rows(section: QWidget, rows: Sequence[QWidget]) -> QVBoxLayout:
    """Lay `rows` out in `section`, one under the other, spaced as the form's rows are."""
    layout = QVBoxLayout(section)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(FORM_SPACING)
    for row in rows:
        layout.addWidget(row)
    return layout
