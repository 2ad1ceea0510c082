"""Enrollment with one-time codes over real HTTP: each code once, before it expires; a
terminal id registered once (again only after revocation), never the server's own;
wrong codes rate-limited per address and overall; a revoked token refused at once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import timedelta

import keyring
import pytest
import requests
from keyring.backends import fail

from app.clock import FixedClock
from app.events.signing import new_private_key, private_key_text, public_key_text
from app.model import EnrollmentCode
from app.secrets import env_name
from app.store import Store
from sync.client.credentials import (
    NotEnrolled,
    enroll,
    obtain_token,
    signing_key_name,
    token_name,
)
from sync.client.transport import Transport
from sync.protocol import Cursor
from sync.server import auth, codes, ratelimit, terminals
from sync.server.app import create_app
from sync.server.runner import ServerThread
from tests.conftest import NOW
from tests.memory_keyring import MemoryKeyring


@dataclass
class Server:
    url: str
    store: Store
    clock: FixedClock

    def code(self, name: str | None = None, hours: float = 24) -> str:
        return terminals.add(self.store, self.clock.now(), name, timedelta(hours=hours)).code

    def register(self, code: str, terminal_id: str, name: str = "kiosk") -> requests.Response:
        return requests.post(
            f"{self.url}/v1/terminals",
            json={
                "terminal_id": terminal_id,
                "name": name,
                "public_key": public_key_text(new_private_key()),
            },
            headers={"Authorization": f"Bearer {code}"},
            timeout=10,
        )

    def pull(self, token: str) -> requests.Response:
        return requests.get(
            f"{self.url}/v1/events",
            headers={"Authorization": f"Bearer {token}"},
            timeout=10,
        )


@pytest.fixture
def no_keyring() -> Iterator[None]:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(previous)


@pytest.fixture
def server(any_store: Store, clock: FixedClock) -> Iterator[Server]:
    thread = ServerThread(create_app(any_store, clock=clock, deadline_interval_s=None)).start()
    try:
        yield Server(thread.url, any_store, clock)
    finally:
        thread.stop()


def test_a_code_registers_one_terminal_once_and_its_token_works(server: Server) -> None:
    code = server.code("Line 3 kiosk")
    answer = server.register(code, "t-1", name="what the terminal calls itself")
    assert answer.status_code == 200, answer.text
    token = answer.json()["token"]
    assert server.pull(token).status_code == 200
    again = server.register(code, "t-2")
    assert again.status_code == 403
    assert "already used" in again.json()["detail"]
    [row] = terminals.terminals(server.store)
    assert (row.id, row.name, row.signs) == ("t-1", "Line 3 kiosk", True)  # the admin's name
    assert terminals.pending_codes(server.store, server.clock.now()) == []


def test_a_code_is_typed_in_any_case_with_or_without_dashes_and_o_for_zero(
    server: Server,
) -> None:
    code = server.code()
    typed = code.replace("-", " ").lower().replace("0", "o").replace("1", "l")
    assert server.register(f"  {typed} ", "t-1").status_code == 200


def test_an_expired_code_is_refused_saying_so(server: Server) -> None:
    code = server.code(hours=24)
    server.clock.advance(timedelta(hours=24, seconds=1))
    answer = server.register(code, "t-1")
    assert answer.status_code == 403
    assert "expired" in answer.json()["detail"]
    assert "ask for a new one" in answer.json()["detail"]


def test_an_id_is_registered_once_the_servers_id_never_and_nothing_is_spent_on_a_409(
    server: Server,
) -> None:
    first = server.register(server.code(), "t-1")
    token = first.json()["token"]
    code = server.code()
    taken = server.register(code, "t-1")
    assert taken.status_code == 409
    assert "t-1 is already registered" in taken.json()["detail"]
    assert "takt server terminals revoke t-1" in taken.json()["detail"]
    own = server.register(code, server.store.terminal_id)
    assert own.status_code == 409
    assert "this server's own id" in own.json()["detail"]
    assert server.pull(token).status_code == 200  # the real terminal is not locked out
    assert server.register(code, "t-2").status_code == 200  # the code was not used up


def test_a_revoked_token_stops_at_once_and_only_a_new_code_brings_the_id_back(
    server: Server,
) -> None:
    old = server.register(server.code(), "t-1").json()["token"]
    terminals.revoke(server.store, "t-1", server.clock.now())
    refused = server.pull(old)
    assert refused.status_code == 401
    assert "t-1 (kiosk) was revoked" in refused.json()["detail"]
    [row] = terminals.terminals(server.store)
    assert row.revoked_at == NOW
    again = server.register(server.code(), "t-1")
    assert again.status_code == 200
    assert server.pull(old).status_code == 401
    assert server.pull(again.json()["token"]).status_code == 200
    [row] = terminals.terminals(server.store)
    assert row.revoked_at is None


def test_revoking_an_unknown_terminal_names_it(server: Server) -> None:
    with pytest.raises(terminals.UnknownTerminal, match="no terminal 'nope'"):
        terminals.revoke(server.store, "nope", server.clock.now())


def test_wrong_codes_get_429_with_retry_after_until_the_window_passes(server: Server) -> None:
    good = server.code()
    for _ in range(ratelimit.PER_ADDRESS):
        wrong = server.register("AAAA-AAAA-AAAA", "t-1")
        assert wrong.status_code == 401
        assert "enrollment code is wrong" in wrong.json()["detail"]
    blocked = server.register(good, "t-1")  # even the right code: a guesser learns nothing
    assert blocked.status_code == 429
    wait = int(blocked.headers["Retry-After"])
    assert wait == int(ratelimit.WINDOW.total_seconds())
    assert f"try again in {wait} s" in blocked.json()["detail"]
    server.clock.advance(timedelta(seconds=wait - 1))
    assert server.register(good, "t-1").status_code == 429
    assert int(server.register(good, "t-1").headers["Retry-After"]) == 1
    server.clock.advance(timedelta(seconds=1))
    assert server.register(good, "t-1").status_code == 200


def test_a_missing_code_and_a_malformed_public_key_are_refused_by_name(server: Server) -> None:
    bare = requests.post(
        f"{server.url}/v1/terminals",
        json={"terminal_id": "t-1", "name": "k", "public_key": "00" * 32},
        timeout=10,
    )
    assert bare.status_code == 401
    assert "takt server terminals add" in bare.json()["detail"]
    bad_key = requests.post(
        f"{server.url}/v1/terminals",
        json={"terminal_id": "t-1", "name": "k", "public_key": "not hex"},
        headers={"Authorization": f"Bearer {server.code()}"},
        timeout=10,
    )
    assert bad_key.status_code == 422
    assert "public_key" in bad_key.text


def test_the_overall_limit_holds_across_addresses_and_frees_as_failures_age(
    clock: FixedClock,
) -> None:
    limiter = ratelimit.FailureLimiter(per_address=3, overall=5, window=timedelta(minutes=10))
    for n in range(5):
        limiter.check(f"10.0.0.{n}", clock.now())
        limiter.failed(f"10.0.0.{n}", clock.now())
        clock.advance(timedelta(minutes=1))
    with pytest.raises(ratelimit.TooManyFailures, match="on this server") as blocked:
        limiter.check("10.0.0.99", clock.now())  # an address that never failed
    assert blocked.value.retry_after_s == 5 * 60  # when the first failure ages out
    clock.advance(timedelta(minutes=5))
    limiter.check("10.0.0.99", clock.now())


def test_a_success_forgets_its_addresss_failures(clock: FixedClock) -> None:
    limiter = ratelimit.FailureLimiter(per_address=2, overall=100)
    limiter.failed("a", clock.now())
    limiter.succeeded("a")
    limiter.failed("a", clock.now())
    limiter.check("a", clock.now())  # one failure since the success: not blocked


def test_attempts_racing_each_other_count_before_they_finish(clock: FixedClock) -> None:
    """Concurrent guesses (the route runs in a thread pool) all pass a check made before
    any of them has failed, unless each counts from the moment it is let through."""
    limiter = ratelimit.FailureLimiter(per_address=2, overall=100)
    with ExitStack() as racing:
        for _ in range(2):  # two wrong codes still being looked up
            racing.enter_context(limiter.attempt("a", clock.now(), auth.WrongCode))
        with pytest.raises(ratelimit.TooManyFailures, match="from this address"):
            limiter.check("a", clock.now())
        racing.pop_all().close()  # they ended without failing: taken back
    limiter.check("a", clock.now())
    with pytest.raises(auth.IdTaken), limiter.attempt("a", clock.now(), auth.WrongCode):
        raise auth.IdTaken("taken")  # not a wrong code: not counted
    for _ in range(2):
        with pytest.raises(auth.WrongCode), limiter.attempt("a", clock.now(), auth.WrongCode):
            raise auth.WrongCode("wrong")
    with pytest.raises(ratelimit.TooManyFailures):
        limiter.check("a", clock.now())


def test_codes_come_from_an_unambiguous_alphabet_and_only_their_hash_is_kept(
    server: Server,
) -> None:
    code = server.code()
    raw = code.replace("-", "")
    assert len(raw) == codes.LENGTH
    assert set(raw) <= set(codes.ALPHABET)
    assert not set(raw) & set("ILOU")
    with server.store.read() as session:
        [stored] = session.query(EnrollmentCode).all()
    assert stored.code_hash == codes.code_hash(code)
    assert raw not in stored.code_hash


def test_last_seen_is_noted_at_most_once_a_minute(server: Server) -> None:
    token = server.register(server.code(), "t-1").json()["token"]
    server.clock.advance(timedelta(minutes=5))
    server.pull(token)
    [row] = terminals.terminals(server.store)
    assert row.last_seen_at == NOW + timedelta(minutes=5)
    server.clock.advance(timedelta(seconds=30))
    server.pull(token)
    [row] = terminals.terminals(server.store)
    assert row.last_seen_at == NOW + timedelta(minutes=5)


# -- the terminal's side: credentials in the keyring ------------------------------------


def test_enrolling_keeps_token_and_signing_key_in_the_keyring_and_reuses_them(
    server: Server, memory_keyring: MemoryKeyring
) -> None:
    transport = Transport(server.url)
    first = obtain_token(transport, "t-1", "kiosk", server.code())
    assert {
        ("takt", token_name("t-1")),
        ("takt", signing_key_name("t-1")),
    } <= set(memory_keyring.secrets)
    again = obtain_token(transport, "t-1", "kiosk", None)  # no code needed any more
    assert again.token == first.token
    assert private_key_text(again.signing_key) == private_key_text(first.signing_key)
    again.use(transport)
    assert transport.signing_key is again.signing_key
    assert transport.pull(Cursor()).head == 0  # the token works


def test_a_token_without_a_signing_key_says_to_revoke_and_enroll_again(
    server: Server, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password("takt", token_name("t-1"), "an-old-token")
    with pytest.raises(NotEnrolled, match="has no signing key") as refused:
        obtain_token(Transport(server.url), "t-1", "kiosk", None)
    assert "takt server terminals revoke t-1" in str(refused.value)


def test_without_a_keyring_nothing_is_registered_and_the_code_stays_usable(
    server: Server, no_keyring: None
) -> None:
    code = server.code()
    with pytest.raises(NotEnrolled, match="no keyring backend") as refused:
        obtain_token(Transport(server.url), "t-1", "kiosk", code)
    assert env_name(signing_key_name("t-1")) in str(refused.value)
    assert terminals.terminals(server.store) == []
    assert len(terminals.pending_codes(server.store, server.clock.now())) == 1


def test_without_a_keyring_the_environment_can_hold_both_secrets(
    server: Server, no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    enrolled = enroll(Transport(server.url), "t-1", "kiosk", server.code())
    monkeypatch.setenv(env_name(token_name("t-1")), enrolled.token)
    monkeypatch.setenv(env_name(signing_key_name("t-1")), private_key_text(enrolled.signing_key))
    assert env_name(signing_key_name("t-1")) == "TAKT_SECRET_TERMINAL_SIGNING_KEY_T_1"
    got = obtain_token(Transport(server.url), "t-1", "kiosk", None)
    assert got.token == enrolled.token
    assert public_key_text(got.signing_key) == public_key_text(enrolled.signing_key)


def test_a_signing_key_that_is_not_hex_is_named(
    server: Server, memory_keyring: MemoryKeyring
) -> None:
    memory_keyring.set_password("takt", token_name("t-1"), "a-token")
    memory_keyring.set_password("takt", signing_key_name("t-1"), "not a key")
    with pytest.raises(NotEnrolled, match="signing key is not 64 hexadecimal digits"):
        obtain_token(Transport(server.url), "t-1", "kiosk", None)
