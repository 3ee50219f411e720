"""`counterpoint serve` end to end, on loopback only: the real command in a subprocess, the
page fetched over HTTP, its websocket opened as textual-serve's browser client opens it,
the first screen read off the wire; then the server stopped, and no session process may be
left behind. Every wait has a deadline, so a broken server fails a test, never hangs it.

Also what it refuses: a host other machines could reach (without --allow-remote), a bad
or taken port, a websocket from another site's page, a request by another name."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from store import Store
from tui.cli_serve import session_command
from tui.serve_hosts import is_loopback

COUNTERPOINT = Path(sys.executable).parent / "counterpoint"
DEADLINE = 30.0  # seconds; the first screen arrives in about 1 s on a laptop
ESCAPE = re.compile(
    rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[()][0-9A-Za-z]|.)"
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def children_of(pid: int) -> list[int]:
    """Live (not zombie) processes whose parent is pid, read from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        state, parent = stat.rsplit(")", 1)[1].split()[:2]
        if int(parent) == pid and state != "Z":
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


class Served:
    """A `counterpoint serve` subprocess on 127.0.0.1 and what it needs to be checked."""

    def __init__(self, argv: list[str], log: Path, port: int) -> None:
        self.port = port
        self.url = f"http://127.0.0.1:{port}/"
        self.log = log
        self.process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=log.open("wb"),
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own group: whatever is left can be killed as one
        )
        deadline = time.monotonic() + DEADLINE
        while True:
            assert self.process.poll() is None, f"serve exited: {log.read_text()}"
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                assert time.monotonic() < deadline, "serve never listened"
                time.sleep(0.05)

    def stop(self) -> int:
        self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=DEADLINE)

    def kill_what_is_left(self) -> None:
        """Never leave a process behind, whatever a failing test did not get to."""
        with_group = self.process.pid
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=DEADLINE)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(with_group, signal.SIGKILL)


@pytest.fixture
def odd_db(seeded_path: Path, tmp_path: Path) -> Path:
    """The seeded copy under a name a shell would split and expand, were it not quoted."""
    folder = tmp_path / "it's a $HOME; dir"
    folder.mkdir()
    return Path(shutil.copy(seeded_path, folder / "counter point.db"))


@pytest.fixture
def served(odd_db: Path, tmp_path: Path) -> Iterator[Served]:
    port = free_port()
    argv = [str(COUNTERPOINT), "serve", "--db", str(odd_db), "--port", str(port)]
    server = Served(argv, tmp_path / "serve.log", port)
    try:
        yield server
    finally:
        server.kill_what_is_left()


def first_screen_text(frames: bytes) -> str:
    return ESCAPE.sub(b"", frames).decode("utf-8", "replace")


async def read_until(websocket: aiohttp.ClientWebSocketResponse, wanted: list[str]) -> str:
    """Frames of the app's output until every wanted text has appeared on the screen."""
    frames = b""
    async with asyncio.timeout(DEADLINE):
        while not all(text in first_screen_text(frames) for text in wanted):
            message = await websocket.receive()
            assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
            if message.type is aiohttp.WSMsgType.BINARY:
                frames += message.data
    return first_screen_text(frames)


async def test_the_browser_page_shows_the_first_screen_and_stopping_leaves_no_process(
    served: Served, odd_db: Path
):
    with Store.open(odd_db) as store:
        positions = store.position_count()
        vocab = store.vocabularies()
        sides = [vocab.first.label.upper(), vocab.second.label.upper()]
    page = urllib.request.urlopen(served.url, timeout=DEADLINE)
    assert page.status == 200
    html = page.read().decode()
    websocket_url = f"ws://127.0.0.1:{served.port}/ws"
    assert f'data-session-websocket-url="{websocket_url}"' in html
    # The page asks nothing of any other server (textual-serve's own links Google Fonts).
    fetched = re.sub(r'xmlns="[^"]*"', "", html)  # a namespace names, it is never fetched
    absolute = re.findall(r"""[a-z]+://[^"'\s)>]+""", fetched)
    assert absolute and all(a.startswith((served.url, websocket_url)) for a in absolute), absolute
    addresses = re.findall(r"""(?:href="|src="|url\(")([^"]+)""", html)
    assert len(addresses) >= 4  # the stylesheet, the font, the script, the background
    for address in addresses:
        assert urllib.request.urlopen(address, timeout=DEADLINE).status == 200

    async with (
        aiohttp.ClientSession() as client,
        client.ws_connect(f"{websocket_url}?width=80&height=24") as websocket,
    ):
        # What textual-serve's browser client sends first, once the socket is open.
        await websocket.send_str(json.dumps(["resize", {"width": 80, "height": 24}]))
        screen = await read_until(websocket, [f"of {positions}", *sides])
        # Keys typed in the page reach the app: ? opens its help.
        await websocket.send_str(json.dumps(["stdin", "?"]))
        await read_until(websocket, ["Counterpoint — keys"])
        sessions = children_of(served.process.pid)
        assert len(sessions) == 1, "one app process for the one browser session"
        [command] = [Path(f"/proc/{sessions[0]}/cmdline").read_bytes().split(b"\0")[:-1]]
        assert command[-2:] == [b"--db", str(odd_db.resolve()).encode()]
        assert "Traceback" not in screen
        assert served.stop() == 0, served.log.read_text()
    assert not alive(sessions[0]), "the session's app outlived the server"
    assert "Traceback" not in served.log.read_text()


async def test_a_websocket_from_another_site_or_by_another_name_is_refused(served: Served):
    """Any page the analyst visits could open ws://127.0.0.1:PORT/ws (websockets ignore
    the same-origin rule), and a domain rebound to 127.0.0.1 would come by its own name."""
    websocket_url = f"ws://127.0.0.1:{served.port}/ws"
    async with aiohttp.ClientSession() as client:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.ws_connect(websocket_url, headers={"Origin": "https://example.com"})
        assert refused.value.status == 403
        async with client.get(served.url, headers={"Host": f"example.com:{served.port}"}) as r:
            assert r.status == 421
        # Its own page's origin is welcome, by either loopback name.
        async with client.ws_connect(
            f"ws://localhost:{served.port}/ws",
            headers={"Origin": f"http://localhost:{served.port}"},
        ) as websocket:
            await websocket.send_str(json.dumps(["resize", {"width": 80, "height": 24}]))
            assert "of " in await read_until(websocket, ["of "])
            [session] = children_of(served.process.pid)
    # The browser went: its app quits on its own, the server stays.
    deadline = time.monotonic() + DEADLINE
    while alive(session):
        assert time.monotonic() < deadline, "the app of a closed session is still running"
        await asyncio.sleep(0.05)
    assert served.process.poll() is None
    assert served.stop() == 0


def test_a_session_that_will_not_quit_is_killed(tmp_path: Path):
    """A session's process that ignores textual-serve's "quit" is killed, once its browser
    has gone or once the server stops: never left running behind either."""
    port = free_port()
    code = (
        "from tui.web_server import CounterpointServer; "
        f"CounterpointServer('exec sleep 300', '127.0.0.1', {port}, loopback_only=True, "
        "grace=0.5).serve()"
    )
    server = Served([sys.executable, "-c", code], tmp_path / "serve.log", port)
    try:

        async def open_session_then(end: str) -> int:
            async with (
                aiohttp.ClientSession() as client,
                client.ws_connect(f"ws://127.0.0.1:{port}/ws"),
            ):
                deadline = time.monotonic() + DEADLINE
                while not children_of(server.process.pid):
                    assert time.monotonic() < deadline, "no session process started"
                    await asyncio.sleep(0.05)
                [session] = children_of(server.process.pid)
                if end == "server stops":
                    assert server.stop() == 0, server.log.read_text()
            return session

        session = asyncio.run(open_session_then("browser goes"))
        deadline = time.monotonic() + DEADLINE
        while alive(session):
            assert time.monotonic() < deadline, "the hung session outlived its browser"
            time.sleep(0.05)
        assert server.process.poll() is None

        session = asyncio.run(open_session_then("server stops"))
        assert not alive(session), "the hung session outlived the server"
    finally:
        server.kill_what_is_left()


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(COUNTERPOINT), *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=DEADLINE,
    )


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "example.com", ""])
def test_a_host_other_machines_can_reach_needs_allow_remote(seeded_path: Path, host: str):
    done = run("serve", "--db", str(seeded_path), "--host", host, "--port", str(free_port()))
    assert done.returncode == 2
    assert done.stdout == ""
    [line] = done.stderr.splitlines()
    assert "not a loopback address" in line and "--allow-remote" in line


def test_allow_remote_warns_that_there_is_no_authentication(seeded_path: Path):
    """192.0.2.1 (TEST-NET-1) is no address of this machine: the warning is printed, then
    the address cannot be taken, and nothing is ever served or sent."""
    port = str(free_port())
    done = run("serve", "--db", str(seeded_path), "--host", "192.0.2.1", "--port", port)
    assert done.returncode == 2
    done = run(
        "serve", "--db", str(seeded_path), "--host", "192.0.2.1", "--port", port, "--allow-remote"
    )
    warning, failure = done.stderr.splitlines()
    assert "NO authentication" in warning and "192.0.2.1" in warning
    assert failure.startswith(f"counterpoint: cannot listen on 192.0.2.1:{port}")
    assert done.returncode == 1


@pytest.mark.parametrize("port", ["0", "65536", "-1", "http", "80.5"])
def test_a_bad_port_is_one_line_and_exit_2(seeded_path: Path, port: str):
    done = run("serve", "--db", str(seeded_path), "--port", port)
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert "--port" in line


def test_a_taken_port_is_one_line(seeded_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run("serve", "--db", str(seeded_path), "--port", str(port))
    assert done.returncode == 1
    [line] = done.stderr.splitlines()
    assert line.startswith(f"counterpoint: cannot listen on 127.0.0.1:{port}")


def test_a_database_that_cannot_be_opened_is_refused_before_serving(tmp_path: Path):
    done = run("serve", "--db", str(tmp_path / "absent.db"), "--port", str(free_port()))
    assert done.returncode != 0
    assert len(done.stderr.splitlines()) == 1
    assert "Counterpoint on" not in done.stdout


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LocalHost", True),
        ("0.0.0.0", False),
        ("::", False),
        ("10.0.0.1", False),
        ("localhost.example.com", False),
        ("", False),
    ],
)
def test_what_counts_as_loopback(host: str, loopback: bool):
    assert is_loopback(host) is loopback


def test_the_session_command_quotes_the_database_path():
    path = Path("/tmp/it's a $HOME; `dir`/counter point.db")
    words = shlex.split(session_command(path))
    assert words == ["exec", sys.executable, "-m", "tui", "--db", str(path)]


def test_other_commands_do_not_load_the_web_server():
    """aiohttp and textual-serve take some 0.3 s to import: only `serve` pays for them."""
    code = (
        "import sys, tui.cli; "
        "print(sorted({m.split('.')[0] for m in sys.modules} "
        "& {'aiohttp', 'textual_serve', 'jinja2'}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=DEADLINE
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
