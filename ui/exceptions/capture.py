"""Raising an exception from the floor: big buttons, a form prefilled from context.

The kiosk lane shows one big button per exception type; a tap asks the `CaptureLauncher`
(ui.exceptions.capture_launcher) to open a `CaptureDialog` for the lane's work center and
its selected (else running, else next) operation, with that order's materials; the
choices each form offers are in ui.exceptions.capture_words. A common case is three
taps: Shortage → the material → Raise; Machine down takes four: reason category → reason
→ Raise (the reason tree is resources/routing/downtime_reasons.toml, shown by a
`ReasonPicker`). A note is optional.

A barcode scanner is a keyboard wedge: what it scans while the form is open (the scan
router hands it to `accept_scan`, or it is typed into the scan field, then Enter) is looked
up on the database lane and fills the work order, the item or the lot. Enter never
presses a button of the form: only a tap raises.

The fields scroll; the row with Cancel and Raise stays at the bottom of the window.
Errors from the service name fields; the form marks them and keeps everything entered.

Every form has a severity (low, medium, high, critical; medium unless changed). The
supervisor board opens the same forms from a line PC (channel `line_pc`), adds forms for
an order change (what changed, the new value, who asked) and a priority shift (the new
priority and why), and a "Log a call / message" form that records what someone reported
by phone or in a message (the pasted message text becomes the note).

The form speaks the language of the person logged in and says all its words again when
it changes (`retranslate`). What it records stays as written: the summaries it makes
("Short of RM-1 for 4711 op 20") are the record's English, like the plant's codes.

The dialog composes its sections and wires them: the context line and the scan field
(ui.exceptions.capture_context), a logged call's rows (capture_report), the fields of the
kind (capture_details), the severity (capture_severity), and what raising reads, checks
and records, with the footer (capture_submit).
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import ValidationError
from app.model.types import Channel, ExceptionKind, Severity
from app.queries_exceptions import CaptureContext, ScanKind, ScanMatch
from app.routing.reasons import ReasonCategory, ReasonTree, load_reasons
from ui.common.errors import error_text, failure_text
from ui.exceptions.capture_context import ScanSection, context_text
from ui.exceptions.capture_details import MATERIAL_KINDS, DetailSection
from ui.exceptions.capture_report import ReportSection
from ui.exceptions.capture_section import FORM_SPACING
from ui.exceptions.capture_severity import SeverityPicker
from ui.exceptions.capture_submit import CaptureForm, RaiseFooter, form_error, new_exception
from ui.exceptions.capture_words import kind_words
from ui.exceptions.choices import ChoiceGrid
from ui.exceptions.exceptions_controller import ExceptionsController
from ui.i18n import on_language_change, tr
from ui.widgets import label, no_default_buttons, scroll_body, set_flag


class CaptureDialog(QDialog):
    """One exception form, prefilled; raising runs on the database lane.

    Signals:
        sig_raised: the exception was recorded; carries its id.
    """

    sig_raised = Signal(str)

    def __init__(
        self,
        kind: ExceptionKind,
        context: CaptureContext,
        controller: ExceptionsController,
        actor: str,
        *,
        reasons: ReasonTree | None = None,
        channel: Channel = Channel.KIOSK,
        short_item: str | None = None,
        reported: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("captureDialog")
        self.reported = reported  # logging a call or message: kind and channel are chosen
        self.setModal(True)
        self.kind = kind
        self.context = context
        self.controller = controller
        self.actor = actor
        self.channel = channel
        self.reasons = reasons or load_reasons()
        self.short_item = short_item
        self.lot_no: str | None = None
        self.exception_id: str | None = None

        self.heading = label("heading")
        self.context_label = label("captureContext", wrap=True)
        self.report = ReportSection()
        self.report.sig_kind_chosen.connect(self.set_kind)
        self.report.sig_channel_chosen.connect(self.set_channel)
        self.scan_section = ScanSection(controller)
        self.scan_section.sig_entered.connect(self.accept_scan)
        self.scan_section.sig_matched.connect(self.apply_scan)
        self.details = DetailSection(self.reasons)
        self.details.sig_reason_chosen.connect(self._on_reason_chosen)
        self.severity_picker = SeverityPicker()
        self.footer = RaiseFooter()
        self.footer.cancel.clicked.connect(self.reject)
        self.footer.raise_button.clicked.connect(self.submit)

        # The fields by the names the form has always had (tests, the tour and the scan
        # router read them here).
        self.scan, self.scan_hint = self.scan_section.field, self.scan_section.hint
        self.kind_row, self.kind_buttons = self.report.kind_row, self.report.kind_buttons
        self.channel_buttons = self.report.channel_buttons
        self.message_text = self.report.message_text
        self.severity_row = self.severity_picker.row
        self.severity_buttons = self.severity_picker.buttons
        self.choices, self.source_buttons = self.details.choices, self.details.source_buttons
        self.category_title = self.details.category_title
        self.summary, self.substitute = self.details.summary, self.details.substitute
        self.quantity, self.note = self.details.quantity, self.details.note
        self.new_value, self.reason = self.details.new_value, self.details.reason
        self.error, self.raise_button = self.footer.error, self.footer.raise_button

        # Everything but the footer scrolls: a long form never pushes Raise off the screen.
        self.body = QWidget()
        self.body.setObjectName("captureBody")
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(FORM_SPACING)
        parts = (
            self.heading,
            self.context_label,
            self.report,
            self.scan_section,
            self.details,
            self.severity_picker,
        )
        for part in parts:
            layout.addWidget(part)
        layout.addStretch(1)
        self.form_scroll = scroll_body(self.body)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 12, 20, 12)
        outer.setSpacing(8)
        outer.addWidget(self.form_scroll, 1)
        outer.addWidget(self.footer)

        self.report.setVisible(reported)
        if reported:
            self.report.show_kind(kind)
            self.report.show_channel(channel)
        self._show_kind()
        self.context_label.setText(context_text(context))
        no_default_buttons(self)
        self.retranslate()
        on_language_change(self, self.retranslate)
        self.scan.setFocus()

    # --- the reason tree and the choices (named as the form always named them) ------------

    @property
    def category_buttons(self) -> dict[str, QPushButton]:
        return self.details.reason_picker.categories.buttons

    @property
    def reason_buttons(self) -> dict[str, QPushButton]:
        return self.details.reason_picker.reasons.buttons

    @property
    def category_frame(self) -> ChoiceGrid:
        return self.details.reason_picker.categories

    @property
    def reason_frame(self) -> ChoiceGrid:
        return self.details.reason_picker.reasons

    @property
    def reason_title(self) -> QLabel:
        return self.details.reason_picker.reason_title

    @property
    def category(self) -> ReasonCategory | None:
        return self.details.reason_picker.category

    @property
    def reason_code(self) -> str | None:
        return self.details.reason_picker.reason_code

    @property
    def choice_buttons(self) -> dict[str, QPushButton]:
        return self.details.choices.buttons

    def selected_choice(self) -> str | None:
        return self.details.selected_choice()

    def severity(self) -> Severity:
        return self.severity_picker.severity()

    # --- words ----------------------------------------------------------------------------

    def retranslate(self) -> None:
        """Say every word of the form again (the language changed); nothing entered is lost."""
        self.report.retranslate()
        self.scan_section.retranslate()
        self.details.retranslate()
        self.severity_picker.retranslate()
        self.footer.retranslate()
        self._say_kind()
        self.context_label.setText(context_text(self.context))
        self._regrid_all()

    def kind_words(self) -> str:
        """What is being raised, as its button says it ("Machine down")."""
        return kind_words(self.kind)

    def _say_kind(self) -> None:
        title = self.kind_words()
        self.setWindowTitle(tr("Raise: {kind}").format(kind=title))
        self.heading.setText(
            tr("Log a call / message: {kind}").format(kind=title) if self.reported else title
        )

    # --- building -------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._regrid_all()

    def _regrid_all(self) -> None:
        """Choice buttons in as many columns as the form's width lets their labels fit."""
        self.details.regrid(self._room())

    def _room(self) -> int:
        """The width choice buttons have (before the form is on screen: a kiosk's)."""
        shown = self.form_scroll.viewport().width() - 8 if self.isVisible() else 0
        return shown if shown > 0 else 1000

    def _show_kind(self) -> None:
        """Show the fields of `self.kind` (again, when a logged call changes its kind)."""
        self._say_kind()
        self.details.show_kind(self.kind)
        if self.kind in MATERIAL_KINDS:
            self._offer_materials()

    def _offer_materials(self) -> None:
        if not self.details.offer_materials(self.context.materials, self.short_item):
            self.scan_section.say(lambda: tr("No materials known for this job: scan the item."))

    # --- what was reported ----------------------------------------------------------------

    def reports_message(self) -> bool:
        """A supervisor is logging a message: its pasted text is part of the record."""
        return self.reported and self.channel is Channel.MESSAGE

    def set_kind(self, kind: ExceptionKind) -> None:
        """Logging a call: what was reported decides the form (what is typed stays)."""
        if kind is self.kind:
            return
        self.kind = kind
        self.report.show_kind(kind)
        self._show_kind()
        self.footer.say_error(None)

    def set_channel(self, channel: Channel) -> None:
        self.channel = channel
        self.report.show_channel(channel)

    # --- raising --------------------------------------------------------------------------

    def read(self) -> CaptureForm:
        """What the form says now, from every section."""
        return CaptureForm(
            kind=self.kind,
            context=self.context,
            channel=self.channel,
            severity=self.severity(),
            lot_no=self.lot_no,
            details=self.details.values(),
            message=self.report.message() if self.reports_message() else None,
        )

    def _on_reason_chosen(self) -> None:
        """A reason is picked; the note is next, and Raise (a tap) sends it."""
        self.form_scroll.ensureWidgetVisible(self.note)

    def submit(self) -> None:
        if self.footer.busy:
            return
        form = self.read()
        error = form_error(form)
        if error is not None:
            self.show_problems(error)
            return
        new = new_exception(form, self.reasons)
        self.footer.set_busy(True)
        self.footer.say_error(None)
        self.controller.raise_exception(
            self.actor, new, on_done=self._on_raised, on_error=self._on_raise_failed
        )

    def _on_raised(self, exception_id: str) -> None:
        self.footer.set_busy(False)
        self.exception_id = exception_id
        self.sig_raised.emit(exception_id)
        self.accept()

    def _on_raise_failed(self, error: Exception) -> None:
        self.footer.set_busy(False)
        if isinstance(error, ValidationError):
            self.show_problems(error)
        else:
            self.footer.say_error(lambda: failure_text(error))

    def show_problems(self, error: ValidationError) -> None:
        """Say what is wrong and mark the fields named; nothing entered is lost."""
        self.footer.say_error(lambda: error_text(error))
        named = set(error.fields)
        # In the order of the form's fields: the first one marked is scrolled to.
        widgets: dict[str, QWidget] = {
            "item": self.choices,
            "summary": self.summary,
            "substitute": self.substitute,
            "quantity": self.quantity,
            "lot_no": self.scan,
            "work_order": self.scan,
            "operation": self.scan,
            "reason_code": self.reason_frame if self.category else self.category_frame,
            "work_center": self.context_label,
            "change": self.choices,
            "new_priority": self.choices,
            "new_value": self.new_value,
            "source": self.details.source_row,
            "reason": self.reason,
            "message": self.message_text,
        }
        for widget in set(widgets.values()):
            set_flag(widget, "error", any(widgets[f] is widget for f in named if f in widgets))
        marked = [w for f, w in widgets.items() if f in named]
        if marked:
            self.form_scroll.ensureWidgetVisible(marked[0])

    # --- scanning -------------------------------------------------------------------------

    def accept_scan(self, code: str) -> None:
        """A scanned (or typed) code: a work order, operation, item or lot fills the form."""
        self.scan_section.look_up(code, self.context.work_center)

    def apply_scan(self, code: str, match: ScanMatch) -> None:
        """Fill the form from what a scanned code named (work order, operation, item, lot)."""
        if match.kind in (ScanKind.WORK_ORDER, ScanKind.OPERATION) and match.context:
            self.context = match.context
            self.context_label.setText(context_text(self.context))
            if self.kind in MATERIAL_KINDS:
                self.short_item = None
                self._offer_materials()
            order = match.context.work_order
            self.scan_section.say(lambda: tr("Work order {order}.").format(order=order))
            return
        item = match.item or match.code
        if match.kind is ScanKind.LOT:
            self.lot_no = match.code
        if (
            self.kind is ExceptionKind.SUBSTITUTE_MATERIAL
            and match.kind is ScanKind.ITEM
            and self.selected_choice() not in (None, item)
        ):
            self.substitute.setText(item)
            self.scan_section.say(lambda: tr("Use {item} instead.").format(item=item))
            return
        if self.kind in MATERIAL_KINDS:
            self.details.pick_material(item, self._room())
        if match.kind is ScanKind.LOT:
            lot = match.code
            self.scan_section.say(lambda: tr("Lot {lot} of {item}.").format(lot=lot, item=item))
        else:
            self.scan_section.say(lambda: tr("Item {item}.").format(item=item))
