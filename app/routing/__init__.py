"""Exception routing: rules to owners, deadlines, escalation ladders and fanned-out tasks."""
