"""The project's own errors: one base class that both command lines know how to show.

A `KBError` is something a user can act on (a wrong setting, a missing index,
another job holding the lock); its message says which file or field and what
to do, and the commands print it as one `error: ...` line with exit code 2.
Anything else is a bug: the commands show its traceback and how to report it.
"""

from __future__ import annotations

import sys
import traceback

ISSUES_HINT = (
    "This is a bug in regional-kb, not a problem with your documents or settings. "
    "Please report it with the traceback above and the command you ran."
)


class KBError(Exception):
    """An error the user can act on; the message names the file or field and the fix."""


def report_bug(exc: BaseException) -> None:
    """Print an unexpected exception's traceback and how to report it, on stderr."""
    traceback.print_exception(exc, file=sys.stderr)
    print(f"\n{ISSUES_HINT}", file=sys.stderr)
