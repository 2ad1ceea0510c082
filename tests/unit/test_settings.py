"""Settings are typed and checked; secrets go to the keyring or fail naming the fallback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

from app.errors import ValidationError
from app.secrets import SecretUnavailable, env_name, get_secret, set_secret
from app.settings import SMTP_PASSWORD, Settings, load_settings
from sync.notify.setup import channels_from
from tests.memory_keyring import MemoryKeyring, using_memory_keyring


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    with using_memory_keyring() as backend:
        yield backend


@pytest.fixture
def no_keyring() -> Any:
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_no_file_means_defaults(tmp_path: Path) -> None:
    assert load_settings(tmp_path / "none.toml") == Settings()


def test_a_full_file(tmp_path: Path) -> None:
    path = tmp_path / "takt.toml"
    path.write_text(
        """
schema_version = 1
[notify]
webhook_url = "http://127.0.0.1:9000/hook"
interval_seconds = 30
[notify.smtp]
host = "mail.plant.example"
port = 587
sender = "takt@plant.example"
starttls = true
username = "takt"
[notify.addresses]
procurement = ["buyer@plant.example"]
supervisor = "lead@plant.example"
""",
        "utf-8",
    )
    settings = load_settings(path)
    assert settings.notify.smtp is not None
    assert (settings.notify.smtp.port, settings.notify.smtp.starttls) == (587, True)
    assert settings.notify.addresses["supervisor"] == ("lead@plant.example",)
    assert settings.notify.interval_seconds == 30


def test_a_bad_file_names_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "takt.toml"
    path.write_text(
        '[notify]\nwebhook_url = "ftp://x"\n[notify.smtp]\nport = 99999\n'
        '[notify.addresses]\nwizard = ["a@b"]\nquality = ["not-an-address"]\n',
        "utf-8",
    )
    with pytest.raises(ValidationError) as caught:
        load_settings(path)
    text = str(caught.value)
    for expected in (
        "notify.webhook_url: must start with http:// or https://",
        "notify.smtp.port: must be a port number",
        "notify.smtp.host: missing",
        "notify.smtp.sender: missing",
        "notify.addresses.wizard: unknown role",
        "notify.addresses.quality: not an email address: 'not-an-address'",
    ):
        assert expected in text
    assert str(path) in text


def test_secrets_round_trip_through_the_keyring(memory_keyring: MemoryKeyring) -> None:
    set_secret(SMTP_PASSWORD, "s3cret")
    assert get_secret(SMTP_PASSWORD) == "s3cret"
    assert memory_keyring.secrets == {("takt", SMTP_PASSWORD): "s3cret"}


def test_without_a_keyring_the_message_names_the_fallbacks(
    no_keyring: None, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(env_name(SMTP_PASSWORD), raising=False)
    with pytest.raises(SecretUnavailable) as caught:
        set_secret(SMTP_PASSWORD, "s3cret")
    assert "TAKT_SECRET_SMTP_PASSWORD" in str(caught.value)
    assert "keyrings.alt" in str(caught.value)
    assert list(tmp_path.iterdir()) == []  # and nothing was written anywhere in plain text
    with pytest.raises(SecretUnavailable, match="TAKT_SECRET_SMTP_PASSWORD"):
        get_secret(SMTP_PASSWORD)
    monkeypatch.setenv("TAKT_SECRET_SMTP_PASSWORD", "from-env")
    assert get_secret(SMTP_PASSWORD) == "from-env"


def test_channels_are_built_from_settings(memory_keyring: MemoryKeyring, tmp_path: Path) -> None:
    path = tmp_path / "takt.toml"
    path.write_text(
        '[notify]\nwebhook_url = "http://127.0.0.1:9/hook"\n'
        '[notify.smtp]\nhost = "127.0.0.1"\nsender = "t@x.example"\nusername = "takt"\n',
        "utf-8",
    )
    set_secret(SMTP_PASSWORD, "pw")
    channels = channels_from(load_settings(path).notify)
    assert [c.name for c in channels] == ["email", "webhook"]
    assert channels[0].password == "pw"


def test_a_webhook_token_is_required_only_when_configured(
    no_keyring: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.settings import NotifySettings

    monkeypatch.delenv("TAKT_SECRET_WEBHOOK_TOKEN", raising=False)
    assert [c.name for c in channels_from(NotifySettings(webhook_url="http://127.0.0.1:9/h"))] == [
        "webhook"
    ]
    with pytest.raises(SecretUnavailable, match="TAKT_SECRET_WEBHOOK_TOKEN"):
        channels_from(NotifySettings(webhook_url="http://127.0.0.1:9/h", webhook_token=True))
