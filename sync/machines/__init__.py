"""Machine signal sources: Sparkplug B and plain JSON over MQTT (OPC UA beside them).

Each source turns its wire format into the domain's plain values (`app.machines.signals`:
`Reading`, `SignalLost`) and hands them to a callback; the work-center state machines in
app/machines read only those. Nothing here imports Qt.
"""
