"""sync.http: the Retry-After and 'never sent' readings every HTTP client here shares."""

from __future__ import annotations

import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError

from sync.http import never_sent, retry_after


def _response(**headers: str) -> requests.Response:
    response = requests.Response()
    response.headers.update(headers)
    return response


def test_retry_after_in_seconds_or_as_a_date_counted_from_the_servers_own_clock() -> None:
    assert retry_after(_response()) is None
    assert retry_after(_response(**{"Retry-After": "7"})) == 7.0
    assert retry_after(_response(**{"Retry-After": "-3"})) == 0.0
    dated = _response(
        **{
            "Retry-After": "Mon, 23 Nov 2026 08:00:30 GMT",
            "Date": "Mon, 23 Nov 2026 08:00:00 GMT",
        }
    )
    assert retry_after(dated) == 30.0  # whatever this machine's clock says
    assert retry_after(_response(**{"Retry-After": "soon"})) is None


def test_only_a_request_that_never_left_is_known_not_to_have_happened() -> None:
    refused = NewConnectionError(None, "Connection refused")  # type: ignore[arg-type]
    assert never_sent(requests.ConnectionError(MaxRetryError(None, "/", refused)))  # type: ignore[arg-type]
    assert never_sent(requests.ConnectTimeout())
    dropped = ProtocolError("Connection aborted.", ConnectionResetError())
    assert not never_sent(requests.ConnectionError(dropped))
    assert not never_sent(requests.ReadTimeout())
