"""Takt's domain: the plant model, the event log and the services that change it.

Nothing below this package imports Qt; ui/ adapts it to the screen.
"""

__version__ = "0.1.0"
