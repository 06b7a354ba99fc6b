"""Where the app listens: 127.0.0.1 unless an address is given on purpose, wherever it is started."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from streamlit import config

from search.ui.__main__ import APP, streamlit_command
from tests.app.conftest import RunApp
from tests.conftest import REPO


def _address(command: list[str]) -> tuple[str, str]:
    return command[command.index("--server.address") + 1], command[command.index("--server.port") + 1]


def test_the_launcher_listens_on_localhost_unless_told_otherwise() -> None:
    assert _address(streamlit_command([], {})) == ("127.0.0.1", "8501")
    assert _address(streamlit_command([], {"KB_HOST": "0.0.0.0", "KB_PORT": "8600"})) == ("0.0.0.0", "8600")
    assert _address(streamlit_command(["--host", "10.1.2.3", "--port", "9000"], {"KB_HOST": "0.0.0.0"})) == (
        "10.1.2.3",
        "9000",
    )
    assert streamlit_command([], {})[:5] == [sys.executable, "-m", "streamlit", "run", str(APP)]


def test_a_bad_port_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as ended:
        streamlit_command([], {"KB_PORT": "80800"})
    assert ended.value.code == 2
    assert "KB_PORT: must be from 1 to 65535, not 80800" in capsys.readouterr().err


def _listening(port: int) -> list[str]:
    """The local addresses listening on `port` (IPv4), as /proc/net/tcp gives them."""
    found = []
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        host, port_hex = local.split(":")
        if state == "0A" and int(port_hex, 16) == port:  # 0A: LISTEN
            found.append(socket.inet_ntoa(bytes.fromhex(host)[::-1]))
    return found


@pytest.mark.slow  # a real Streamlit server: some seconds
@pytest.mark.skipif(not Path("/proc/net/tcp").is_file(), reason="reads the listening sockets from Linux's /proc")
def test_started_from_a_folder_without_streamlit_settings_it_listens_on_localhost(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(REPO), "KB_DATA": str(tmp_path / "data")}
    env.pop("KB_HOST", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "search.ui", "--port", str(port)],
        cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not _listening(port) and time.monotonic() < deadline and server.poll() is None:
            time.sleep(0.1)
        assert _listening(port) == ["127.0.0.1"]
    finally:
        server.terminate()
        server.wait(10)


def test_the_app_shows_nothing_when_streamlit_listens_on_every_interface(run_app: RunApp) -> None:
    config.set_option("server.address", None)  # `streamlit run app.py` with no address anywhere
    at = run_app(q="kompetensförsörjning")
    assert not at.exception
    assert [e.value for e in at.error] and "startades utan serveradress" in at.error[0].value
    assert "python -m search.ui" in at.error[0].value
    assert not at.text_input  # no search form, no results


def test_an_address_given_on_purpose_serves_the_app(run_app: RunApp) -> None:
    config.set_option("server.address", "0.0.0.0")
    at = run_app(q="kompetensförsörjning")
    assert not at.exception and not at.error
    assert at.text_input[0].value == "kompetensförsörjning"
