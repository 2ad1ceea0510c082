"""Outbound notifications: exceptions and escalations reach people outside the plant's
terminals. Only the server sends them (sync/server/notifier.py), once per channel."""
