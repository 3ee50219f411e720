"""Inputs that are not what they seem (issue 10): special files, endless standard input,
an analyst name taken from the environment, an empty --db.

Reads that had no limit run in a subprocess with a timeout and an address-space
limit, so the code as it was fails these tests (a timeout or a MemoryError)
instead of filling the machine's memory.
"""

from __future__ import annotations

import json
import os
import pwd
import resource
import socket
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import file_digest

from store import Store
from store.importer import MAX_IMPORT_BYTES
from tui.analyst import current_analyst
from tui.cli import main

COUNTERPOINT = Path(sys.executable).parent / "counterpoint"
OS_USER = pwd.getpwuid(os.getuid()).pw_name
NOTE_LIMIT = 20_000  # store/models.py: Note.text max_length
POSITION = "pk-delegation"
IMPERSONATION = {"LOGNAME": "mallory", "USER": "mallory", "LNAME": "mallory", "USERNAME": "mallory"}


pytestmark = pytest.mark.usefixtures("isolated_env")


def _limit_memory() -> None:
    gib = 1 << 30
    resource.setrlimit(resource.RLIMIT_AS, (3 * gib, 3 * gib))


def counterpoint(
    *args: str | Path,
    stdin=None,
    input: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60,
    pass_fds: tuple[int, ...] = (),
) -> subprocess.CompletedProcess:
    """The installed command, bounded in time and memory."""
    return subprocess.run(
        [str(COUNTERPOINT), *map(str, args)],
        stdin=stdin,
        input=input,
        capture_output=True,
        timeout=timeout,
        preexec_fn=_limit_memory,
        env={**os.environ, **(env or {})},
        pass_fds=pass_fds,
    )


def one_line_refusal(result: subprocess.CompletedProcess, *words: str) -> str:
    """Exit 2, nothing on stdout, one line on stderr holding `words`."""
    err = result.stderr.decode()
    assert result.returncode == 2, err
    assert result.stdout == b""
    assert err.count("\n") == 1 and err.startswith("counterpoint: "), err
    for word in words:
        assert word in err, err
    return err


def notes_on(path: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT author, text FROM notes WHERE position_id = ?", [POSITION]
        ).fetchall()


# Special files given to `import` ---------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null"])
def test_a_character_device_is_refused_without_reading_it(seeded_path: Path, device: str):
    before = file_digest(seeded_path)
    result = counterpoint("import", "--db", seeded_path, device)
    one_line_refusal(result, device, "character device", "not an import file")
    assert file_digest(seeded_path) == before


def test_a_socket_is_refused_naming_what_it_is(seeded_path: Path, tmp_path: Path):
    before = file_digest(seeded_path)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(str(tmp_path / "sock"))
        result = counterpoint("import", "--db", seeded_path, tmp_path / "sock")
    finally:
        listener.close()
    one_line_refusal(result, "is a socket", "not an import file")
    assert file_digest(seeded_path) == before


def test_a_pipe_that_never_ends_is_refused_past_the_cap(seeded_path: Path):
    """`cat /dev/zero | counterpoint import /dev/stdin`: read up to the cap, then one line."""
    before = file_digest(seeded_path)
    endless = subprocess.Popen(["cat", "/dev/zero"], stdout=subprocess.PIPE)
    try:
        result = counterpoint("import", "--db", seeded_path, "/dev/stdin", stdin=endless.stdout)
    finally:
        endless.kill()
        endless.wait()
        endless.stdout.close()
    one_line_refusal(result, "/dev/stdin", f"larger than {MAX_IMPORT_BYTES >> 20} MiB")
    assert file_digest(seeded_path) == before


def test_a_regular_file_over_the_cap_is_refused_without_reading_it(
    seeded_path: Path, tmp_path: Path
):
    huge = tmp_path / "huge.json"
    with huge.open("wb") as sparse:  # a hole: no disk used, and nothing to read quickly
        sparse.truncate(MAX_IMPORT_BYTES + 1)
    before = file_digest(seeded_path)
    result = counterpoint("import", "--db", seeded_path, huge, timeout=20)
    one_line_refusal(result, "huge.json", f"larger than {MAX_IMPORT_BYTES >> 20} MiB")
    assert file_digest(seeded_path) == before


def _export(path: Path, tmp_path: Path) -> bytes:
    target = tmp_path / "slice.json"
    assert main(["export", "--db", str(path), "--side", "india", "-o", str(target)]) == 0
    data = target.read_bytes()
    assert json.loads(data)["positions"]
    return data


def test_pipes_and_fifos_are_still_imported(seeded_path: Path, tmp_path: Path):
    """/dev/stdin, `<(...)` (a /dev/fd path) and a named FIFO are legitimate sources."""
    data = _export(seeded_path, tmp_path)
    result = counterpoint("import", "--db", seeded_path, "/dev/stdin", input=data)
    assert result.returncode == 0 and result.stdout.startswith(b"Imported /dev/stdin:"), result

    read_end, write_end = os.pipe()  # what bash's <(...) hands over
    writer = threading.Thread(target=lambda: (os.write(write_end, data), os.close(write_end)))
    writer.start()
    try:
        result = counterpoint(
            "import", "--db", seeded_path, f"/dev/fd/{read_end}", pass_fds=(read_end,)
        )
    finally:
        writer.join()
        os.close(read_end)
    assert result.returncode == 0, result.stderr

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    writer = threading.Thread(target=fifo.write_bytes, args=(data,))
    writer.start()
    result = counterpoint("import", "--db", seeded_path, fifo)
    writer.join()
    assert result.returncode == 0, result.stderr


# `note ID -` -------------------------------------------------------------------------


def test_note_from_endless_standard_input_is_refused(seeded_path: Path):
    with open("/dev/zero", "rb") as endless:
        result = counterpoint("note", "--db", seeded_path, POSITION, "-", stdin=endless, timeout=30)
    one_line_refusal(result, "standard input", f"more than {NOTE_LIMIT:,} characters")
    assert notes_on(seeded_path) == []


def test_note_from_standard_input_is_read_up_to_what_a_note_holds(seeded_path: Path):
    too_long = ("é" * (NOTE_LIMIT + 1)).encode()
    one_line_refusal(
        counterpoint("note", "--db", seeded_path, POSITION, "-", input=too_long),
        f"more than {NOTE_LIMIT:,} characters",
        "nothing was saved",
    )
    assert notes_on(seeded_path) == []
    full = "é" * NOTE_LIMIT
    result = counterpoint("note", "--db", seeded_path, POSITION, "-", input=full.encode())
    assert result.returncode == 0, result.stderr
    assert notes_on(seeded_path) == [(OS_USER, full)]


def test_note_from_standard_input_that_is_not_utf8_is_one_line(seeded_path: Path):
    for locale in ("C.UTF-8", "C"):
        result = counterpoint(
            "note",
            "--db",
            seeded_path,
            POSITION,
            "-",
            input=b"caf\xe9 \xff\xfe",
            env={"LC_ALL": locale},
        )
        one_line_refusal(result, "standard input is not UTF-8")
    assert notes_on(seeded_path) == []


# Who the analyst is --------------------------------------------------------------------


def test_the_analyst_is_the_os_account_whatever_the_environment_says(
    monkeypatch: pytest.MonkeyPatch,
):
    for name, value in IMPERSONATION.items():
        monkeypatch.setenv(name, value)
    assert current_analyst() == OS_USER


def test_a_uid_without_a_passwd_entry_gets_a_name_of_its_own(monkeypatch: pytest.MonkeyPatch):
    def no_entry(uid: int):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.setattr("tui.analyst.pwd.getpwuid", no_entry)
    monkeypatch.setattr("tui.analyst.os.getuid", lambda: 4242)
    assert current_analyst() == "uid-4242"


def test_setting_logname_neither_writes_nor_deletes_as_someone_else(seeded_path: Path):
    with Store.open(seeded_path) as store:
        store.set_note(POSITION, "mallory", "mallory's own note")
    result = counterpoint("note", "--db", seeded_path, POSITION, "--delete", env=IMPERSONATION)
    assert result.returncode == 0, result.stderr
    result = counterpoint("note", "--db", seeded_path, POSITION, "mine", env=IMPERSONATION)
    assert result.stdout.decode().strip() == f"Noted on {POSITION} by {OS_USER}."
    assert sorted(notes_on(seeded_path)) == sorted(
        [("mallory", "mallory's own note"), (OS_USER, "mine")]
    )


def test_the_apps_author_ignores_the_environment(store: Store, monkeypatch: pytest.MonkeyPatch):
    from tui.app import CounterpointApp

    for name, value in IMPERSONATION.items():
        monkeypatch.setenv(name, value)
    assert CounterpointApp(store).author == OS_USER


# An empty --db ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--db", ""],
        ["--db", "", "list"],
        ["--db=", "list"],
        ["seed", "--db", ""],
        ["import", "--db", "", "/dev/null"],
        ["note", "--db", "", POSITION, "x"],
    ],
)
def test_an_empty_db_is_one_line(
    capsys: pytest.CaptureFixture[str], isolated_env: Path, args: list[str]
):
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert (out, err) == ("", "counterpoint: --db is empty: give a database file name\n")
    assert not isolated_env.exists()  # the default database was not opened instead


def test_an_empty_database_variable_is_one_line(
    capsys: pytest.CaptureFixture[str], isolated_env: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("COUNTERPOINT_DB", "")
    assert main(["list"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "counterpoint: $COUNTERPOINT_DB is empty: give a database file name, or unset it\n"
    )
    assert not isolated_env.exists()
