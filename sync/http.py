"""What every HTTP client here (the terminal's sync transport, the ERP adapters) reads
the same way: how long a server asks to be left alone, and whether a failed request
can have reached the server at all."""

from __future__ import annotations

from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import requests
from urllib3.exceptions import ConnectTimeoutError, MaxRetryError, NewConnectionError


def retry_after(response: requests.Response) -> float | None:
    """Seconds from a Retry-After header: a number, or an HTTP date (counted from the
    response's own Date, so a skewed local clock does not stretch or cut the wait)."""
    value = response.headers.get("Retry-After")
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = _aware(parsedate_to_datetime(value))
        date = response.headers.get("Date")
        base = _aware(parsedate_to_datetime(date)) if date else datetime.now(UTC)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - base).total_seconds())


def never_sent(error: requests.RequestException) -> bool:
    """True when the request cannot have left (refused, unresolvable, connect timeout):
    only then is a failed write known not to have happened. A connection dropped after
    sending leaves the outcome unknown."""
    if isinstance(error, requests.ConnectTimeout):
        return True
    cause: Any = error.args[0] if error.args else None
    if isinstance(cause, MaxRetryError):
        cause = cause.reason
    # NameResolutionError is a NewConnectionError.
    return isinstance(cause, NewConnectionError | ConnectTimeoutError)


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
