"""Words the domain says to people, marked for translation without importing Qt.

app/ may not import Qt, yet its refusals ("cannot start operation 42: it was completed")
and its label tables reach the screens. A refusal is built with `tr(template, **params)`:
the result is a `Message`, an ordinary `str` holding the English sentence (logs, the
server's stored reasons, tests see plain text) that also remembers its template and
parameters, so a screen can translate the template and fill in the parameters again
(`ui.i18n.translated`). Words kept in tables (reason labels, kind names) are marked with
`QT_TR_NOOP` and translated where they are shown. Qt's `lupdate` reads both names, so
every such sentence lands in the same catalogue as the screens' own words
(resources/i18n/takt_*.ts).
"""

from __future__ import annotations

from typing import Any

# The languages Takt speaks (a catalogue each in resources/i18n), and the one its code
# is written in. Here, not in ui/, so the command line offers them without Qt.
SOURCE_LANGUAGE = "en"
# Code -> the language's own name (what the picker shows: a person finds their own).
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Español",
    "de": "Deutsch",
    "pl": "Polski",
}


class Message(str):
    """An English sentence that remembers how it was made, to be said again in another
    language: `template` with `{name}` fields, and `params` to fill them."""

    template: str
    params: dict[str, Any]

    def __new__(cls, template: str, /, **params: Any) -> Message:
        text = template.format(**params) if params else template
        message = super().__new__(cls, text)
        message.template = template
        message.params = params
        return message

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (self.template, self.params))


def _rebuild(template: str, params: dict[str, Any]) -> Message:
    return Message(template, **params)


def tr(template: str, /, **params: Any) -> Message:
    """A sentence for a person, in English here and in their language on their screen.

    Write the template as a literal (lupdate extracts it); `{name}` fields are filled
    from `params`, which may themselves be Messages."""
    return Message(template, **params)


class Number(str):
    """A number inside a Message: English digits here ('1,234.5'), the reader's own
    decimal mark and grouping on a screen ('1.234,5' in German, `ui.i18n.translated`).

    At most `decimals` decimals, trailing zeros dropped (a quantity: 22, 22.5), or exactly
    that many when `fixed` (a ratio: 1.0)."""

    value: float
    decimals: int
    fixed: bool

    def __new__(cls, value: float, /, decimals: int = 3, *, fixed: bool = False) -> Number:
        text = f"{value + 0.0:,.{decimals}f}"  # + 0.0: never '-0'
        if decimals and not fixed:
            text = text.rstrip("0").rstrip(".")
        number = super().__new__(cls, text)
        number.value = value
        number.decimals = decimals
        number.fixed = fixed
        return number

    def __reduce__(self) -> tuple[Any, ...]:
        return (_number, (self.value, self.decimals, self.fixed))


def _number(value: float, decimals: int, fixed: bool) -> Number:
    return Number(value, decimals, fixed=fixed)


def QT_TR_NOOP(text: str) -> str:
    """Marks a word kept in a table for translation; the screen translates it when shown."""
    return text
