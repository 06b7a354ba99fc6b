"""`python -m indexer status`: what a data folder serves, and what the last job did.

Read-only, and it never takes the job lock (a status check must not make a
starting job fail with "another reindex is running"); whether a job runs is
read from the lock file and the process it names. Every file of the served
generation is checked against the checksums in its manifest (a second or so
per gigabyte), so damage on disk is found here before a search trips on it.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from indexer.lock import lock_holder, pid_alive
from indexer.store.integrity import damaged_files
from indexer.store.layout import (
    FILES_KEY,
    GenerationDamaged,
    Layout,
    list_generations,
    previous_generation,
    read_manifest,
    read_pointer,
)
from indexer.store.reports import failure_line, read_last_report, summarise


def _age(created: str | None, now: datetime) -> float | None:
    try:
        then = datetime.fromisoformat(created or "")
    except ValueError:
        return None
    if then.tzinfo is None:
        then = then.replace(tzinfo=UTC)
    return max(0.0, (now - then).total_seconds())


def human_age(seconds: float | None) -> str:
    if seconds is None:
        return "unknown age"
    minutes = int(seconds // 60)
    if minutes < 1:
        return f"{int(seconds)} s ago"
    if minutes < 60:
        return f"{minutes} min ago"
    hours, minutes = divmod(minutes, 60)
    if hours < 48:
        return f"{hours} h {minutes} min ago"
    return f"{hours // 24} days ago"


def _current(layout: Layout, now: datetime) -> dict[str, Any] | None:
    """The generation served, every file checked against its checksums; None when none was built.

    A damaged CURRENT, manifest or file gives `error` (the first damage, in
    one line with the fix) and `damaged` (every damaged file).
    """
    try:
        current_id = read_pointer(layout)
    except GenerationDamaged as exc:
        return {"generation": None, "error": str(exc), "damaged": [_damage(exc)]}
    if current_id is None:
        return None
    folder = layout.generation(current_id)
    try:
        manifest = read_manifest(folder)
    except GenerationDamaged as exc:
        return {"generation": current_id, "error": str(exc), "damaged": [_damage(exc)]}
    except Exception as exc:  # noqa: BLE001 - status reports a broken generation, it does not crash on it
        return {"generation": current_id, "error": str(exc)}
    current: dict[str, Any] = {
        "generation": current_id,
        "created": manifest.get("created"),
        "age_seconds": _age(manifest.get("created"), now),
        "model": manifest.get("model_id"),
        "corpus": manifest.get("corpus"),
        "counts": manifest.get("counts", {}),
        "checksums": FILES_KEY in manifest,
    }
    damage = damaged_files(folder, manifest, checksums=True)
    if damage:
        current.update(error=str(damage[0]), damaged=[_damage(exc) for exc in damage])
    return current


def _damage(exc: GenerationDamaged) -> dict[str, str]:
    return {"path": str(exc.path), "problem": exc.problem}


def job_status(layout: Layout, now: datetime | None = None) -> dict[str, Any]:
    """The current generation (id, age, counts, model, damage), the others kept, the lock, the last report."""
    current = _current(layout, now or datetime.now(UTC))
    holder = lock_holder(layout.lock)
    alive = pid_alive(layout.lock)
    lock: dict[str, str | None]
    if holder and alive:
        lock = {"state": "running", "holder": holder}
    elif holder:
        lock = {"state": "stale", "holder": holder}
    else:
        lock = {"state": "free", "holder": None}
    return {
        "data": str(layout.data),
        "current": current,
        "generations": list_generations(layout),
        "rollback_to": previous_generation(layout),
        "lock": lock,
        "last_report": read_last_report(layout),
    }


def format_status(status: dict[str, Any]) -> str:
    lines = [f"data folder   {status['data']}"]
    current = status["current"]
    if current is None:
        lines.append("generation    none yet: build one with `python -m indexer`")
    elif "damaged" in current:
        lines.append(f"generation    {current['generation'] or 'unknown'} is DAMAGED: {current['error']}")
        for damage in current["damaged"][1:]:
            lines.append(f"              also {damage['problem']}: {damage['path']}")
    elif "error" in current:
        lines.append(f"generation    {current['generation']} cannot be read: {current['error']}")
    else:
        counts = current["counts"]
        lines.append(
            f"generation    {current['generation']}, built {current['created']} ({human_age(current['age_seconds'])})"
        )
        lines.append(
            f"              {counts.get('documents', 0)} documents, {counts.get('passages', 0)} passages, "
            f"{counts.get('people', 0)} people, {counts.get('meetings', 0)} meetings, "
            f"{counts.get('failed', 0)} failed files; model {current['model']}"
        )
        if not current["checksums"]:
            lines.append("              no checksums (an older version sealed it): run `python -m indexer --full`")
    kept = status["generations"]
    rollback_to = status["rollback_to"]
    lines.append(
        f"kept          {len(kept)} generation(s)"
        + (f"; `rollback` would return to {rollback_to}" if rollback_to else "; nothing to roll back to")
    )
    lock = status["lock"]
    if lock["state"] == "running":
        lines.append(f"job           a reindex is running ({lock['holder']})")
    elif lock["state"] == "stale":
        lines.append(
            f"job           none running; a lock left by a dead job ({lock['holder']}) is taken over by the next one"
        )
    else:
        lines.append("job           none running")
    report = status["last_report"]
    if report is None:
        lines.append("last job      no report yet")
    else:
        lines.append(f"last job      {report.get('started', '?')}: {summarise(report)}")
        for note in report.get("notes") or []:
            lines.append(f"              note: {note}")
        for failure in report.get("failed") or []:
            lines.append(f"              {failure_line(failure)}")
    return "\n".join(lines)
