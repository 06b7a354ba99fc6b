"""Test-only hooks, switched on by environment variables and inert otherwise.

`KB_TEST_PAUSE_AT=stage[,stage...]` makes a reindex job stop itself (SIGSTOP)
at those stage boundaries, after printing `KB_TEST_PAUSE_AT: paused at
<stage> (pid N)` on stderr. A test then looks at the data folder, queries the
live index, and either kills the job (SIGKILL) or lets it go on (SIGCONT).
The stages, in the order a job passes them, are in `STAGES`.
"""

from __future__ import annotations

import os
import signal
import sys

STAGES = (
    "locked",  # the job holds the lock; nothing else done yet
    "discovered",  # the corpus folders are walked
    "read",  # every changed file is read and chunked
    "embedded",  # every passage has its vector
    "staged",  # the new generation is written in its .building- folder, not sealed
    "renamed",  # the generation is sealed and in place; CURRENT not yet switched
    "switched",  # CURRENT names the new generation; old ones not yet pruned, no report yet
)


def pause_at(stage: str) -> None:
    """Stop this process at `stage` when KB_TEST_PAUSE_AT names it."""
    wanted = os.environ.get("KB_TEST_PAUSE_AT", "")
    if not wanted or stage not in {s.strip() for s in wanted.split(",")}:
        return
    assert stage in STAGES, stage
    print(f"KB_TEST_PAUSE_AT: paused at {stage} (pid {os.getpid()})", file=sys.stderr, flush=True)
    os.kill(os.getpid(), signal.SIGSTOP)
