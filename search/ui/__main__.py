"""`python -m search.ui`: serve the app, on 127.0.0.1 unless told otherwise, from any folder.

Streamlit listens on every network interface when no address is configured,
and `streamlit run app.py` finds a configured one only in the working folder's
`.streamlit/config.toml`. This launcher always gives Streamlit an address:
--host, else KB_HOST, else 127.0.0.1. Sharing the app on the network is
therefore a deliberate setting (`KB_HOST=0.0.0.0`, or one interface's address).
"""

from __future__ import annotations

import argparse
import os
import sys

from indexer.settings import PROJECT_ROOT

APP = PROJECT_ROOT / "app.py"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8501

EXAMPLES = """
examples:
  python -m search.ui                           # http://127.0.0.1:8501, this computer only
  KB_DATA=/srv/kb-data python -m search.ui --port 8600
  KB_HOST=0.0.0.0 python -m search.ui           # every network interface: others can reach it

environment: KB_HOST, KB_PORT (flags win over these), and the index's: KB_DATA, KB_MODEL, KB_CONFIG, ...
"""


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port number") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"must be from 1 to 65535, not {port}")
    return port


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m search.ui",
        description="Serve the search app (Streamlit) on one address.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--host", help=f"address to listen on (default: KB_HOST or {DEFAULT_HOST}; 0.0.0.0 for every interface)"
    )
    parser.add_argument("--port", type=_port, help=f"port (default: KB_PORT or {DEFAULT_PORT})")
    return parser


def streamlit_command(argv: list[str], environ: dict[str, str] | os._Environ[str]) -> list[str]:
    """The `streamlit run app.py` command line for these flags and environment. Raises SystemExit (2) on bad ones."""
    parser = build_parser()
    args = parser.parse_args(argv)
    host = args.host or environ.get("KB_HOST", "").strip() or DEFAULT_HOST
    port = args.port
    if port is None:
        try:
            port = _port(environ.get("KB_PORT", "").strip() or str(DEFAULT_PORT))
        except argparse.ArgumentTypeError as exc:
            parser.error(f"KB_PORT: {exc}")
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", host, "--server.port", str(port),
        # A server has no browser to open, and the app sends no usage statistics anywhere.
        "--server.headless", "true", "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    command = streamlit_command(sys.argv[1:] if argv is None else argv, os.environ)
    if not APP.is_file():
        sys.exit(f"error: the app's entry point {APP} is missing: run from a checkout of the project")
    # Streamlit takes over this process: its signals, its exit code.
    os.execv(command[0], command)


if __name__ == "__main__":
    main()
