"""A document file's bytes to its text and metadata (store/ingest.py), and every way a
file can be refused: one line, naming the file, saying what is wrong."""

from __future__ import annotations

import hashlib
import io
import os
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from trafilatura.settings import DEFAULT_CONFIG

from store import ImportRejected
from store.ingest import (
    MAX_DOCUMENT_BYTES,
    MAX_TEXT_CODE_POINTS,
    MIN_ARTICLE_CHARACTERS,
    TITLE_MAX,
    extract_document,
    load_document,
    read_document_source,
)
from store.models import _CONTROL, Document

FIXTURE = Path(__file__).parent / "fixtures" / "delegation-article.html"


def refusal(raw: bytes, name: str) -> str:
    with pytest.raises(ImportRejected) as caught:
        extract_document(raw, name)
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith(f"{'standard input' if name == '-' else name}: ")
    return message


# -- HTML -------------------------------------------------------------------------------


def test_a_saved_news_page_gives_its_article_and_every_metadata_field():
    document = load_document(FIXTURE)
    assert document.format == "html"
    assert document.title == "Delegation presses water-sharing case in Brussels"
    assert document.publisher == "The Meridian Ledger"
    assert document.author == "Farah Qadir"
    assert document.published == date(2025, 6, 12)
    assert document.url == (
        "https://www.meridianledger.example/world/2025/06/12/delegation-brussels-water-treaty"
    )
    assert document.sha256 == hashlib.sha256(document.text.encode("utf-8")).hexdigest()


def test_the_article_text_is_there_entities_decoded_and_the_page_furniture_is_not():
    text = load_document(FIXTURE).text
    for sentence in [
        "BRUSSELS — A cross-party parliamentary delegation spent two days in Brussels",
        "“A treaty that has survived three wars cannot be switched off by a press release,”",
        "The U.S. State Department, which has offered to help both governments talk,",
        "“every effort to lower tensions & keep channels open.”",
        "The delegation is expected to travel to London next week.",
    ]:
        assert sentence in text
    for furniture in [
        "Subscribe for unlimited access",  # navigation
        "Accept all cookies",  # cookie banner
        "Markets shrug off",  # related stories
        "All rights reserved",  # footer
        "newsletter",
        "gtag",  # script
        "Tracking script",
    ]:
        assert furniture not in text


def test_a_page_is_recognised_whatever_its_name():
    raw = FIXTURE.read_bytes()
    expected = extract_document(raw, "page.html")
    for name in ["page.txt", "page", "-"]:
        assert extract_document(raw, name) == expected


def test_a_page_in_another_character_set_is_decoded_as_it_declares():
    paragraph = "Le café était fermé ce matin, a dit la porte-parole du ministère. " * 5
    raw = (
        '<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Café fermé</title>'
        f"</head><body><article><p>{paragraph}</p></article></body></html>"
    ).encode("cp1252")
    document = extract_document(raw, "cafe.htm")
    assert document.title == "Café fermé"
    assert paragraph.strip() in document.text


@pytest.mark.parametrize(
    "body",
    [
        "",
        "<nav><ul><li><a href='/w'>World</a></li><li><a href='/p'>Politics</a></li></ul></nav>"
        "<footer>© 2025 Site. All rights reserved.</footer>",
        "<form><input name='user'><button>Sign in</button></form>",
        "<div id='root'></div><noscript>You need to enable JavaScript to run this app.</noscript>",
    ],
    ids=["empty-body", "menus-only", "sign-in-form", "script-app"],
)
def test_an_html_page_with_no_article_is_refused(body: str):
    raw = f"<!DOCTYPE html><html><head><title>Home</title></head><body>{body}</body></html>"
    message = refusal(raw.encode(), "home.html")
    assert "no article found in this HTML page" in message


def test_the_no_article_threshold_is_trafilaturas_own():
    assert DEFAULT_CONFIG.getint("DEFAULT", "MIN_EXTRACTED_SIZE") == MIN_ARTICLE_CHARACTERS


# -- text and Markdown -----------------------------------------------------------------


def test_a_text_file_is_kept_as_it_is_and_titled_by_its_first_line():
    text = "\n  Delegation lands in London  \n\nIt met officials on Monday.\n"
    document = extract_document(text.encode(), "note.txt")
    assert (document.format, document.title, document.text) == (
        "text",
        "Delegation lands in London",
        text,
    )
    assert (document.publisher, document.author, document.published, document.url) == (
        None,
        None,
        None,
        None,
    )


def test_line_endings_become_newlines_and_a_byte_order_mark_is_dropped():
    unix = extract_document(b"Headline\nBody one.\nBody two.", "a.txt")
    windows = extract_document(b"\xef\xbb\xbfHeadline\r\nBody one.\rBody two.", "b.txt")
    assert windows.text == unix.text == "Headline\nBody one.\nBody two."
    assert windows.sha256 == unix.sha256


def test_a_long_first_line_makes_a_title_cut_at_a_word():
    document = extract_document(("word " * 100).encode(), "long.txt")
    assert len(document.title) <= TITLE_MAX and document.title.endswith("word…")


@pytest.mark.parametrize(
    "markdown, title",
    [
        ("Intro line\n\n# The Heading #\n\nBody *with* markup.", "The Heading"),
        ('---\ntitle: "From the front matter"\n---\n# Heading\nBody.', "From the front matter"),
        ("---\nauthor: x\n---\n\n## A subheading\nBody.", "A subheading"),
        ("No heading at all.\nBody.", "No heading at all."),
    ],
    ids=["atx-heading", "front-matter", "no-title-in-front-matter", "no-heading"],
)
def test_markdown_is_kept_as_it_is_and_titled_by_its_heading(markdown: str, title: str):
    document = extract_document(markdown.encode(), "story.md")
    assert (document.format, document.title, document.text) == ("markdown", title, markdown)


def test_markdown_with_html_in_it_is_still_markdown():
    markdown = "<html> is mentioned here\n\n# Title\nBody."
    assert extract_document(markdown.encode(), "story.markdown").format == "markdown"


# -- refusals ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw, name, words",
    [
        (b"", "empty.txt", "is empty"),
        (b"  \n\t\r\n  ", "blank.txt", "is empty"),
        ("\u3000\n".encode(), "ideographic-space.txt", "is empty"),
        (b"\xef\xbb\xbf", "bom-only.txt", "is empty"),
        (b"", "-", "is empty"),
        (b"Some text\x00\x01\x02 and more", "data.bin", "binary file (a NUL byte at byte 9)"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "article.pdf", "is a PDF file"),
        (b"PK\x03\x04\x14\x00\x06\x00", "article.docx", "Word, OpenDocument or EPUB"),
        ("Headline\n".encode("utf-16"), "notepad.txt", "is UTF-16 text; save it as UTF-8"),
        (
            b"From: <Saved by Blink>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/related;",
            "page.txt",
            "is a web archive",
        ),
        (b"bplist00\xd1\x01\x02", "page.webarchive", "is a web archive"),
        ("Café".encode("latin-1"), "latin1.txt", "is not UTF-8 text (an invalid byte at byte 3)"),
        (b"Headline\nA \x1b[31mred\x1b[0m line", "escape.txt", "line 2 contains the control "),
        ("One\nTwo\nThree \u009b2J".encode(), "csi.md", "line 3 contains the control "),
    ],
    ids=[
        "empty",
        "white-space",
        "unicode-space",
        "bom-only",
        "empty-stdin",
        "nul-byte",
        "pdf",
        "word",
        "utf-16",
        "mhtml",
        "safari-archive",
        "latin-1",
        "escape",
        "c1-csi",
    ],
)
def test_bad_input_is_refused_in_one_line_that_names_the_file(raw: bytes, name: str, words):
    assert words in refusal(raw, name)


# NUL is refused earlier, as the mark of a binary file (above).
@pytest.mark.parametrize("control", sorted(_CONTROL - {"\0"}), ids=lambda c: f"U+{ord(c):04X}")
def test_every_control_character_the_models_refuse_is_refused_with_its_code_point(control):
    message = refusal(f"Headline\nText {control} here.".encode(), "c.txt")
    assert f"line 2 contains the control character U+{ord(control):04X}" in message


def test_tabs_and_newlines_are_not_control_characters_here():
    assert extract_document(b"Head\tline\nText.", "t.txt").text == "Head\tline\nText."


def test_a_text_longer_than_a_document_may_hold_is_refused():
    message = refusal(b"a" * (MAX_TEXT_CODE_POINTS + 1), "long.txt")
    assert "has 5,000,001 characters of text, more than the 5,000,000" in message


def test_the_text_limit_is_the_models():
    base = {"id": "d", "title": "T", "published": "2025-05-01"}
    Document.model_validate({**base, "text": "a" * MAX_TEXT_CODE_POINTS})
    with pytest.raises(ValueError):
        Document.model_validate({**base, "text": "a" * (MAX_TEXT_CODE_POINTS + 1)})


# -- reading files and standard input ---------------------------------------------------


def test_a_20_mb_file_is_refused_at_once_unread(tmp_path: Path):
    big = tmp_path / "dump.html"
    with big.open("wb") as stream:
        stream.truncate(20_000_000)  # sparse: the size is there, nothing to read
    started = time.perf_counter()
    with pytest.raises(ImportRejected) as caught:
        read_document_source(big)
    assert time.perf_counter() - started < 0.5
    assert str(caught.value) == (
        f"{big}: is larger than 16 MiB, the most a document may be; save only the article "
        "(its page as HTML only, or its text)"
    )
    assert MAX_DOCUMENT_BYTES < 20_000_000


def test_20_mb_of_bytes_are_refused_at_once():
    started = time.perf_counter()
    assert "is larger than 16 MiB" in refusal(b"a" * 20_000_000, "big.txt")
    assert time.perf_counter() - started < 0.5


def test_an_endless_standard_input_is_read_to_the_cap_and_refused(monkeypatch):
    with subprocess.Popen(["cat", "/dev/zero"], stdout=subprocess.PIPE) as endless:
        assert endless.stdout is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(endless.stdout))
        started = time.perf_counter()
        with pytest.raises(ImportRejected, match=r"^standard input: is larger than 16 MiB"):
            read_document_source("-")
        assert time.perf_counter() - started < 10
        endless.kill()


def test_standard_input_gives_its_bytes(monkeypatch, tmp_path: Path):
    source = tmp_path / "piped.txt"
    source.write_bytes(b"Piped headline\nPiped body.")
    with subprocess.Popen(["cat", str(source)], stdout=subprocess.PIPE) as cat:
        assert cat.stdout is not None
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(cat.stdout))
        assert load_document("-").title == "Piped headline"


@pytest.mark.parametrize(
    "path, words",
    [
        ("/dev/zero", "is a character device (a terminal, or a device such as /dev/zero)"),
        ("/", "is a directory, not a document"),
        ("/nonexistent/story.txt", "cannot be read: No such file or directory"),
    ],
)
def test_what_is_not_a_file_is_refused_unread(path: str, words: str):
    with pytest.raises(ImportRejected) as caught:
        read_document_source(Path(path))
    assert str(caught.value).startswith(f"{path}: {words}")


def test_a_terminal_as_standard_input_is_refused_unread(monkeypatch):
    """`counterpoint add-document -` typed without a pipe would wait for typing."""
    leader, follower = os.openpty()
    try:
        terminal = io.TextIOWrapper(io.BufferedReader(io.FileIO(follower, "rb", closefd=False)))
        monkeypatch.setattr(sys, "stdin", terminal)
        with pytest.raises(ImportRejected) as caught:
            read_document_source("-")
        assert str(caught.value) == (
            "standard input: is a terminal; pipe a document into it (… | counterpoint …) or "
            "name its file"
        )
    finally:
        os.close(leader)
        os.close(follower)


def test_a_named_pipe_is_read(tmp_path: Path):
    fifo = tmp_path / "story.fifo"
    os.mkfifo(fifo)
    with subprocess.Popen(["sh", "-c", f"printf 'Fifo headline\\nBody.' > '{fifo}'"]):
        assert load_document(fifo).text == "Fifo headline\nBody."
