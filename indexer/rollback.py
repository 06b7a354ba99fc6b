"""`python -m indexer rollback`: serve the previous generation again.

Generations are kept (keep_generations), so going back is only a switch of
the CURRENT pointer, done under the job lock like any change. It works when
the current generation (or CURRENT itself) is damaged, and it refuses a
target whose files do not match their checksums. A person
forgotten (`--forget`) after the older generation was built is removed from
it before it serves again: a rollback never brings a forgotten person back.
"""

from __future__ import annotations

from indexer.errors import KBError
from indexer.store.integrity import check_files
from indexer.store.layout import (
    GenerationDamaged,
    Layout,
    current_generation_id,
    list_generations,
    previous_generation,
    read_manifest,
    switch_to,
    write_manifest,
)
from indexer.store.suppress import load_suppressed, scrub_catalog


class RollbackError(KBError):
    """There is nothing to roll back to; the message says what there is."""


def rollback(layout: Layout, to: str | None = None) -> tuple[str | None, str]:
    """Switch CURRENT to `to`, or to the newest generation older than the current one.

    Returns (the generation served before, the one served now). Call under the job lock.
    """
    current = current_generation_id(layout)
    kept = list_generations(layout)
    target = to or previous_generation(layout)
    if target is None:
        raise RollbackError(
            f"no older generation to roll back to in {layout.generations} "
            f"(kept: {', '.join(kept) or 'none'}; current: {current or 'none'})"
        )
    if target not in kept:
        raise RollbackError(f"no generation {target!r} in {layout.generations}; kept: {', '.join(kept) or 'none'}")
    if target == current:
        raise RollbackError(f"{target} is already the current generation")
    folder = layout.generation(target)
    try:
        manifest = read_manifest(folder)
        check_files(folder, manifest, checksums=True)
    except GenerationDamaged as exc:
        raise RollbackError(
            f"cannot roll back to {target}: {exc.path} is {exc.problem}; rebuild the index with "
            f"`python -m indexer --data {layout.data}`, or choose another with --to (kept: {', '.join(kept)})"
        ) from None
    # The target is not being served, so changing its catalogue in place is safe; it is sealed
    # again with the new checksums.
    suppressed = load_suppressed(layout)
    if suppressed:
        scrub_catalog(folder, suppressed, manifest.get("mention_index"))
        write_manifest(folder, manifest)
    switch_to(layout, target)
    return current, target
