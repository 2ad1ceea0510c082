"""Channels from settings, with their secrets from the keyring."""

from __future__ import annotations

from app.secrets import SecretUnavailable, env_name, get_secret
from app.settings import SMTP_PASSWORD, WEBHOOK_TOKEN, NotifySettings
from sync.notify.channels import Channel, SmtpChannel, WebhookChannel


def channels_from(settings: NotifySettings) -> list[Channel]:
    """The configured channels; reading a secret may raise SecretUnavailable (named fallback)."""
    channels: list[Channel] = []
    if settings.smtp is not None:
        smtp = settings.smtp
        channels.append(
            SmtpChannel(
                host=smtp.host,
                port=smtp.port,
                sender=smtp.sender,
                addresses=settings.addresses,
                starttls=smtp.starttls,
                username=smtp.username,
                password=get_secret(SMTP_PASSWORD) if smtp.username else None,
            )
        )
    if settings.webhook_url:
        headers = {}
        if settings.webhook_token:
            token = get_secret(WEBHOOK_TOKEN)
            if not token:
                raise SecretUnavailable(
                    f"the webhook needs a token: store it in the keyring as {WEBHOOK_TOKEN!r} "
                    f"(service 'takt') or set {env_name(WEBHOOK_TOKEN)}"
                )
            headers = {"Authorization": f"Bearer {token}"}
        channels.append(WebhookChannel(settings.webhook_url, headers=headers))
    return channels
