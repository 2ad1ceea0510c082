"""The terminal's side of sync: push its events, pull the plant's, follow the live stream."""
