"""The right to erasure: `python -m indexer --forget "Name"`.

The name is added to DATA/suppressed.json and, at once, a copy of the current
generation without that person's mentions is published, so the live app
stops showing them; every later reindex leaves them out too. Document text
itself is not rewritten: the person disappears from the contact directory,
the people pages and meeting participant lists.
"""

from __future__ import annotations

import shutil
from datetime import UTC, datetime

from indexer.store.integrity import check_files
from indexer.store.layout import (
    IndexMissing,
    Layout,
    current_generation_dir,
    new_generation_id,
    publish,
    read_manifest,
    staging_dir,
)
from indexer.store.suppress import add_suppressed, load_suppressed, scrub_catalog


def forget(layout: Layout, name: str) -> tuple[str | None, int]:
    """Suppress `name` now and in every later run; returns (new generation, people removed).

    Call under the job lock, so no reindex publishes a generation built before the change.
    """
    add_suppressed(layout, name)
    try:
        current = current_generation_dir(layout)
    except IndexMissing:
        # No index yet: the list alone takes effect at the first run.
        return None, 0
    manifest = read_manifest(current)
    # A copy of a damaged generation would be sealed with fresh checksums: refuse it (GenerationDamaged).
    check_files(current, manifest, checksums=True)
    gen_id = new_generation_id()
    staging = staging_dir(layout, gen_id)
    try:
        shutil.copytree(current, staging, dirs_exist_ok=True)
        removed = scrub_catalog(staging, load_suppressed(layout), manifest.get("mention_index"))
        manifest.update(
            generation=gen_id,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            derived_from=manifest["generation"],
        )
        publish(layout, staging, gen_id, manifest)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return gen_id, removed
