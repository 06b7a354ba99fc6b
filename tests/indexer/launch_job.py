"""The indexer command with the fake model, in a process of its own, for the tests that kill jobs.

    python -m tests.indexer.launch_job [--pause-at STAGE] -- [indexer arguments]

Runs `indexer.cli.main` with `tests.fakes.FakeEmbedder` (KB_MODEL is set to its id),
so the process starts in a fraction of a second and never imports torch. With
`--pause-at STAGE` (a name in `indexer.job.run.STAGES`) the job writes
"paused at STAGE" on stderr when it reaches that stage and stops itself with
SIGSTOP; the test then looks at the data folder and the live index, and kills
the job (SIGKILL) or lets it go on (SIGCONT). Run it from the repository root.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections.abc import Callable

from indexer.cli import main as indexer_main
from indexer.job.run import STAGES
from tests.fakes import FAKE_MODEL_ID, FakeEmbedder


def pause_at(stage: str) -> Callable[[str], None]:
    """An `on_stage` callback that stops this process at `stage`, after saying so on stderr."""

    def on_stage(name: str) -> None:
        if name == stage:
            print(f"paused at {name}", file=sys.stderr, flush=True)
            os.kill(os.getpid(), signal.SIGSTOP)

    return on_stage


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ours, indexer_args = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    parser = argparse.ArgumentParser(prog="python -m tests.indexer.launch_job", usage=__doc__)
    parser.add_argument("--pause-at", choices=STAGES, help="stop the job (SIGSTOP) when it reaches this stage")
    args = parser.parse_args(ours)
    os.environ["KB_MODEL"] = FAKE_MODEL_ID
    # Plumbing: these jobs are killed and timed out, not searched; no compound dictionary to load.
    os.environ.setdefault("KB_COMPOUNDS", "0")
    return indexer_main(
        indexer_args,
        embedder_factory=FakeEmbedder,
        on_stage=pause_at(args.pause_at) if args.pause_at else None,
    )


if __name__ == "__main__":
    sys.exit(main())
