"""What one reindex job did: printed with --json, saved as DATA/reports/last.json."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from indexer.store.reports import summarise


@dataclass
class Report:
    corpus: str
    files_seen: int = 0
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0
    renamed: list[dict[str, str]] = field(default_factory=list)  # {"from", "to"}: same content, new path
    failed: list[dict[str, str]] = field(default_factory=list)
    skipped: list[dict[str, str]] = field(default_factory=list)
    passages_embedded: int = 0
    passages_reused: int = 0
    documents: int = 0
    passages: int = 0
    generation: str | None = None
    previous_generation: str | None = None
    switched: bool = False
    model: str | None = None
    model_loaded: bool = False
    full: bool = False
    cache: bool = True  # False with --no-cache: every passage embedded again
    notes: list[str] = field(default_factory=list)  # why this job did more than usual
    cleaned_up: list[str] = field(default_factory=list)  # partial builds of killed jobs, removed
    pruned: list[str] = field(default_factory=list)  # old generations removed (keep_generations)
    lock_taken_over: str | None = None  # the dead job whose lock this one took over
    sources: list[dict[str, str | None]] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage (and model_load within them)
    error: str | None = None  # the fatal error, when the job stopped without a new generation
    seconds: float = 0.0
    started: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, indent=2)

    def summary(self) -> str:
        return summarise(asdict(self))
