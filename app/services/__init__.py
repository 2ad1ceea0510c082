"""Commands: each validates its input, appends events and updates projections in one transaction."""
