"""Files Takt ships: style sheets, the demo plant, rules and reason codes."""
