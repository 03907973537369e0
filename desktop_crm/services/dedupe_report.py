"""The `desktop-crm dedupe` report: one object's duplicate groups and every object's
data-health figures, as text for a terminal or as JSON for scripts."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from desktop_crm.services import dedupe
from desktop_crm.services.data_health import LEAD_IDLE_DAYS, HealthReport, data_health
from desktop_crm.services.progress import NullProgress, Progress


@dataclass(frozen=True)
class DedupeReport:
    scan: dedupe.ScanResult
    threshold: int
    lead_idle_days: int
    health: tuple[HealthReport, ...]


def report(
    session: Session,
    object_type: str,
    threshold: int = dedupe.DEFAULT_THRESHOLD,
    lead_idle_days: int = LEAD_IDLE_DAYS,
    progress: Progress = NullProgress(),  # noqa: B008 - stateless
) -> DedupeReport:
    """Scan `object_type` for duplicates, then count the health figures; reads only."""
    scan = dedupe.scan_duplicates(session, object_type, progress, threshold)
    health = data_health(session, lead_idle_days, progress)
    return DedupeReport(scan, threshold, lead_idle_days, health)


def _conditions(figure: Any) -> list[dict[str, Any]]:
    return [
        {"key": c.key, "op": c.op.value, "value": _plain(c.value), "value2": _plain(c.value2)}
        for c in figure.conditions
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)  # a date


def as_dict(found: DedupeReport) -> dict[str, Any]:
    """The report as plain JSON values: groups with their records and scored pairs, the
    scan's figures, and each health figure with the list conditions that show it."""
    scan = found.scan
    return {
        "object": scan.object_type,
        "threshold": found.threshold,
        "records": scan.records,
        "compared_pairs": scan.compared_pairs,
        "all_pairs": scan.all_pairs,
        "dismissed_pairs": scan.dismissed_pairs,
        "seconds": round(scan.seconds, 3),
        "groups": [
            {
                "score": group.score,
                "records": [
                    {"id": record_id, "label": label}
                    for record_id, label in zip(group.record_ids, group.labels, strict=True)
                ],
                "pairs": [
                    {
                        "first_id": pair.first_id,
                        "second_id": pair.second_id,
                        "score": pair.score,
                        "reasons": list(pair.reasons),
                    }
                    for pair in group.pairs
                ],
            }
            for group in scan.groups
        ],
        "suspected_duplicates": sum(len(g.record_ids) for g in scan.groups),
        "health": {
            health.object_type: {
                "total": health.total,
                "problems": [
                    {
                        "key": f.key,
                        "label": f.label,
                        "count": f.count,
                        "share": f.share,
                        "conditions": _conditions(f),
                    }
                    for f in health.problems
                ],
                "fill_rates": [
                    {
                        "key": f.key,
                        "label": f.label,
                        "missing": f.count,
                        "fill_rate": f.fill_rate,
                        "conditions": _conditions(f),
                    }
                    for f in health.fill_rates
                ],
            }
            for health in found.health
        },
    }


def to_json(found: DedupeReport) -> str:
    return json.dumps(as_dict(found), ensure_ascii=False, indent=2)


def _plural(object_type: str) -> str:
    return "opportunities" if object_type == "opportunity" else f"{object_type}s"


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share * 100:.1f}%"


def to_text(found: DedupeReport, limit: int = 20) -> str:
    """The groups (best first, at most `limit`) with their reasons, then health figures."""
    scan = found.scan
    plural = _plural(scan.object_type)
    lines = [
        f"{len(scan.groups):,} groups of possible duplicate {plural} among {scan.records:,} "
        f"(score >= {found.threshold}), {sum(len(g.record_ids) for g in scan.groups):,} "
        f"records in them; {scan.compared_pairs:,} pairs compared of {scan.all_pairs:,}, "
        f"in {scan.seconds:.1f} s.",
    ]
    if scan.dismissed_pairs:
        lines.append(f"{scan.dismissed_pairs:,} pairs marked 'not a duplicate' left out.")
    for group in scan.groups[:limit]:
        lines.append("")
        lines.append(f"  score {group.score}: " + " | ".join(group.labels))
        for pair in group.pairs[:3]:
            lines.append(f"    {pair.score}: {', '.join(pair.reasons)}")
    if len(scan.groups) > limit:
        lines.append(f"\n  ... and {len(scan.groups) - limit:,} more groups (--limit, --json).")
    lines.append("\nData health")
    for health in found.health:
        lines.append(f"  {_plural(health.object_type)}: {health.total:,}")
        for figure in health.problems:
            lines.append(f"    {figure.label:<56} {figure.count:>9,}  {_percent(figure.share)}")
        rates = ", ".join(f"{f.label} {_percent(f.fill_rate)}" for f in health.fill_rates)
        lines.append(f"    fill rate: {rates}")
    return "\n".join(lines)
