"""Outbound notifications: exceptions and escalations reach people outside the terminal."""
