"""Machine signals on the screens: the kiosk's prompt for a machine's stop reason, the
running job's machine count, and the machine host's diagnostics for supervisors."""
