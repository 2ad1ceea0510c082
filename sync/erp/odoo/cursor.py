"""Where an Odoo import stopped (`Cursor`), kept in the importer's high-water string."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass

from sync.erp.odoo.common import _odoo_time, _parse_time

# Each model's records carry a one-letter tag in the cursor: "m17" is mrp.production 17.
TAGS = {
    "product.product": "p",
    "mrp.workcenter": "w",
    "mrp.bom": "b",
    "mrp.bom.line": "l",
    "mrp.routing.workcenter": "o",
    "mrp.production": "m",
    "stock.quant": "q",
}
HIGH_WATER_MAX = 64  # what Takt's erp.import_completed event keeps of it
_TAG_GROUP = re.compile(r"([a-z])([0-9.\-]+)")
_TAG_RANGE = re.compile(r"^(\d+)(?:-(\d+))?$")


@dataclass(frozen=True)
class Cursor:
    """Where an Odoo import stopped: the newest `write_date` it read (`at`, Odoo's own
    one-second text), and the records it already read whose `write_date` reads as `at`
    or up to `lookback_s` before it (`seen`; or only their `digest` when the list does
    not fit in the high-water string).

    Odoo keeps `write_date` to the microsecond but reads it out to the second, so a
    cursor on the read value must be inclusive (`>=`): an exclusive one skips what was
    written later in that same second. The seen records are what keeps an inclusive
    cursor from reading them again and again.

    Text form: "2026-12-07 10:00:00|m1-8.12p3" (a model's letter, then its ids as
    ranges joined by "."), or "2026-12-07 10:00:00|#<digest>" when the list is too long
    for the high-water string; a bare time (the form of earlier versions) is a cursor
    that has seen nothing at that time."""

    at: str | None = None
    seen: frozenset[str] = frozenset()
    digest: str | None = None

    @classmethod
    def parse(cls, text: str | None) -> Cursor:
        if not text:
            return cls()
        moment, _, rest = text.partition("|")
        parsed = _parse_time(moment.strip().replace("Z", "+00:00"))
        if parsed is None:
            return cls()
        at = _odoo_time(parsed)
        if rest.startswith("#"):
            return cls(at, digest=rest[1:])
        seen: set[str] = set()
        if _TAG_GROUP.sub("", rest):
            raise ValueError(f"high water {text!r}: {rest!r} is not a list of record tags")
        for letter, ranges in _TAG_GROUP.findall(rest):
            for part in ranges.split("."):
                match = _TAG_RANGE.match(part)
                if match is None:
                    raise ValueError(f"high water {text!r}: {part!r} is not an id range")
                first, last = int(match[1]), int(match[2] or match[1])
                seen.update(f"{letter}{n}" for n in range(first, last + 1))
        return cls(at, frozenset(seen))

    @staticmethod
    def digest_of(tags: Iterable[str]) -> str:
        return hashlib.sha256("\n".join(sorted(tags)).encode()).hexdigest()[:16]

    @staticmethod
    def text_of(at: str, tags: set[str]) -> str:
        by_letter: dict[str, list[int]] = {}
        for tag in tags:
            by_letter.setdefault(tag[0], []).append(int(tag[1:]))
        groups: list[str] = []
        for letter in sorted(by_letter):
            ids = sorted(by_letter[letter])
            ranges: list[str] = []
            start = prev = ids[0]
            for n in [*ids[1:], None]:
                if n is not None and n == prev + 1:
                    prev = n
                    continue
                ranges.append(f"{start}" + (f"-{prev}" if prev != start else ""))
                if n is not None:
                    start = prev = n
            groups.append(letter + ".".join(ranges))
        text = f"{at}|{''.join(groups)}"
        if len(text) > HIGH_WATER_MAX:
            text = f"{at}|#{Cursor.digest_of(tags)}"
        return text
