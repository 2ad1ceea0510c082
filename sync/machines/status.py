"""The machine host's status in lines of text: `takt machines run` prints them."""

from __future__ import annotations

from datetime import datetime

from sync.machines.diagnostics import (
    DeviceDiagnostics,
    HostStatus,
    QuarantinedPayload,
    SourceDiagnostics,
)


def _when(moment: datetime | None) -> str:
    return f"{moment:%Y-%m-%d %H:%M:%S}" if moment else "never"


def _quarantined(items: tuple[QuarantinedPayload, ...], indent: str) -> list[str]:
    return [f"{indent}quarantined {q.at:%H:%M:%S} {q.topic}: {q.reason}" for q in items]


def _device(device: DeviceDiagnostics, indent: str) -> list[str]:
    lines = [
        f"{indent}{device.device}: {'online' if device.online else 'offline'}, "
        f"last birth {_when(device.last_birth)}, {device.messages} messages, "
        f"{device.quarantined_total} quarantined"
    ]
    lines += [
        f"{indent}  quarantined {q.at:%H:%M:%S} {q.topic}: {q.reason}" for q in device.quarantined
    ]
    return lines


def source_lines(source: SourceDiagnostics) -> list[str]:
    lines = [
        f"source {source.source} at {source.broker}: "
        f"{'connected' if source.connected else 'NOT CONNECTED'} since {_when(source.since)}, "
        f"{source.connection_losses} connection losses, {source.messages} messages, "
        f"{source.all_quarantined} quarantined"
    ]
    lines += _quarantined(source.quarantined, "  ")
    for node in source.nodes:
        lines.append(
            f"  node {node.node}: {'online' if node.online else 'offline'}, bdSeq {node.bd_seq}, "
            f"last birth {_when(node.last_birth)}, {node.messages} messages, "
            f"{node.seq_gaps} seq gaps, {node.rebirths_requested} rebirths requested, "
            f"{node.stale_deaths_ignored} stale deaths ignored"
        )
        lines += [
            f"    quarantined {q.at:%H:%M:%S} {q.topic}: {q.reason}" for q in node.quarantined
        ]
        for device in node.devices:
            lines += _device(device, "    ")
    for device in source.json_devices:
        lines += _device(device, "  ")
    return lines


def status_lines(status: HostStatus) -> list[str]:
    """Each work center's state and downtime, then each source, node and device."""
    lines = []
    for wc in status.work_centers:
        state = wc.state.value if wc.state else "no signal yet"
        downtime = (
            f", downtime since {_when(wc.open_downtime.since)} ({wc.open_downtime.reason_label})"
            if wc.open_downtime
            else ""
        )
        lines.append(
            f"{wc.work_center}: {state} since {_when(wc.since)}{downtime}, "
            f"{wc.micro_stops} micro-stops, counter {wc.counter}"
        )
    for source in status.sources:
        lines += source_lines(source)
    recorded = ", ".join(f"{n} {kind}" for kind, n in sorted(status.recorded.items()))
    lines.append(
        f"recorded: {recorded or 'nothing yet'}; {status.signals} signals, lag p50 "
        f"{status.lag_p50_ms} ms p95 {status.lag_p95_ms} ms; {status.unusable} unusable "
        f"readings, {status.unrouted} unmapped"
    )
    lines += [f"failed: {text}" for text in status.failures]
    return lines
