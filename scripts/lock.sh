#!/usr/bin/env bash
# Refresh requirements.lock (`make lock`): install into a fresh venv as `make install`
# does, and freeze the exact versions that pip chose from pyproject.toml's ranges.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
"${PYTHON:-python3}" -m venv "$tmp/venv"
pip="$tmp/venv/bin/pip"

# A current pip first, as the Makefile does: pip 23.2 (a fresh venv's) ignores lxml's
# html-clean extra, and trafilatura then fails to import.
"$pip" install --quiet --upgrade pip
"$pip" install --quiet torch==2.13.0
"$pip" install --quiet -e "$root[dev]"

made_on="$("$tmp/venv/bin/python" -c 'import platform as p, sys
print(f"Python {sys.version_info[0]}.{sys.version_info[1]}, {p.system()} {p.machine()}")')"
{
  echo "# requirements.lock: the exact versions that CI tests, as a pip constraints file."
  echo "# pyproject.toml keeps the ranges; this pins what a fresh venv got from them ($made_on)."
  echo "# Install: pip install -c requirements.lock torch==2.13.0"
  echo "#          pip install -c requirements.lock -e '.[dev]'"
  echo "# Refresh: make lock (scripts/lock.sh), then review the diff. Do not edit by hand."
  "$pip" freeze --exclude-editable
} >"$tmp/requirements.lock"

# The CUDA build of torch would drag these in; the lock is for the CPU build.
if grep -Ei '^(nvidia-|triton)' "$tmp/requirements.lock"; then
  echo "lock.sh: CUDA packages in the lock (see above); is torch the +cpu build?" >&2
  exit 1
fi
mv "$tmp/requirements.lock" "$root/requirements.lock"
