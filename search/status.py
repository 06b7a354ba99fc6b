"""What the app's status page shows: the generation being served and the last reindex job."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.store.layout import Layout
from indexer.store.reports import read_last_report
from search.index import Generation


@dataclass
class ServedStatus:
    generation: str
    created: str | None
    model_id: str | None
    dimension: int | None
    corpus: str | None
    counts: dict[str, int] = field(default_factory=dict)
    last_report: dict[str, Any] | None = None  # DATA/reports/last.json, when there is one

    @property
    def failed_files(self) -> list[dict[str, str]]:
        return list((self.last_report or {}).get("failed") or [])


def served_status(gen: Generation, data: Path) -> ServedStatus:
    """The served generation's manifest facts, with the last job's report from `data`."""
    manifest = gen.manifest
    counts = dict(manifest.get("counts") or {})
    counts.setdefault("documents", len(gen.docs))
    counts.setdefault("passages", gen.size)
    counts["people"] = len(gen.people)
    counts["meetings"] = len(gen.meetings)
    return ServedStatus(
        generation=gen.id,
        created=manifest.get("created"),
        model_id=manifest.get("model_id"),
        dimension=manifest.get("dimension"),
        corpus=manifest.get("corpus"),
        counts=counts,
        last_report=read_last_report(Layout(data)),
    )
