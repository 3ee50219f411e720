"""A document's bytes in, its text and metadata out, without touching a database.

`counterpoint add-document` and the coding desk turn a saved article into the text
that quotes will point into. Three kinds of file are taken:

- plain text (any name not below): the title is its first non-empty line;
- Markdown (.md, .markdown): kept as it is, markup and all, since quotes point into the
  stored text and the analyst quotes what the file says; the title is the first
  "# " heading, else the first line;
- HTML (.html, .htm, .xhtml, or any file that starts like an HTML page): the article's
  text and metadata, taken by trafilatura.

Why trafilatura and not readability-lxml: both find the article in a page, but
trafilatura also reads the metadata an analyst needs to cite it (title, site name,
author, published date, canonical URL; from <meta>, OpenGraph, JSON-LD and the page
itself), where readability-lxml gives the title and nothing else. It also decodes the
page in whatever character set it declares or appears to be in.

The stored text is what the extractor returns, with one change: line endings become
"\\n" ("\\r\\n" and a lone "\\r" alike), and a UTF-8 byte-order mark at the start of a
text file is dropped. The same article saved on Windows and on Linux is then the same
text with the same SHA-256, a quote typed or pasted at a terminal (which has no "\\r")
can match across a line break, and no "\\r" moves the cursor when a line is shown. After
that nothing is changed: no Unicode normalisation, no trimming, since quote offsets
count the stored text's code points. (The same HTML page extracted by another version
of trafilatura could give slightly different text, hence a different hash: the hash
recognises the same stored text, not the same page.)

Bad input is refused with `ImportRejected`, one sentence that names the file: an empty
file, a binary one (a NUL byte, a PDF or Word file, UTF-16, or text that is not UTF-8),
one larger than MAX_DOCUMENT_BYTES, a text longer than MAX_TEXT_CODE_POINTS, text with
a control character, and an HTML page in which no article is found.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Literal

from .errors import ImportRejected
from .input_file import STDIN, read_input_bytes, too_big

DocumentFormat = Literal["text", "markdown", "html"]

MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
"""The largest file taken as a document (16 MiB), checked before anything else. A
stored text may hold at most MAX_TEXT_CODE_POINTS, which in UTF-8 is at most 15 MB
(three bytes a character in Devanagari, two in Urdu's script, one in English), so a
bigger text file cannot fit. A saved news page is 0.1-3 MB of HTML, more with inlined
styles and scripts; 16 MiB leaves room for those while a 20 MB file, a disk image or
an endless pipe is refused at once (by its size, before a byte is read, for a regular
file), not after minutes of parsing."""

MAX_TEXT_CODE_POINTS = 5_000_000
"""The longest text a document may have, as store.models.Document allows."""

MIN_ARTICLE_CHARACTERS = 250
"""An HTML page whose extracted text is shorter than this has no article: what is left
is a menu ("World\\nPolitics"), a sign-in form or "You need to enable JavaScript". It is
trafilatura's own threshold for an extraction that failed (MIN_EXTRACTED_SIZE), below
which it tries its fallbacks; an article too short for it can be added as text."""

TITLE_MAX = 200
"""A title taken from the text is cut to this many code points, the most a document's
title may have (store.models.Name); the analyst can give another."""

_AS_A_DOCUMENT = {
    "noun": "a document",
    "advice": "save only the article (its page as HTML only, or its text)",
}
_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_ARCHIVE_SUFFIXES = {".mhtml", ".mht", ".webarchive"}
_MARKDOWN_SUFFIXES = {".md", ".markdown"}
_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_MAGIC = {
    b"%PDF-": "a PDF file",
    b"PK\x03\x04": "a ZIP archive (a Word, OpenDocument or EPUB file is one)",
    b"\xd0\xcf\x11\xe0": "an old Word or Office file",
    b"{\\rtf": "an RTF document",
    b"\x89PNG": "an image",
    b"\xff\xd8\xff": "an image",
    b"GIF8": "an image",
    b"\xff\xfe": "UTF-16 text",
    b"\xfe\xff": "UTF-16 text",
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FRONT_MATTER_TITLE = re.compile(r"^title:[ \t]*(.+)$", re.M)
_ATX_TITLE = re.compile(r"^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$", re.M)


@dataclass(frozen=True)
class ExtractedDocument:
    """What a file says about itself; `text` is what will be stored, verbatim."""

    text: str
    title: str
    publisher: str | None
    author: str | None
    published: date | None
    url: str | None
    format: DocumentFormat
    sha256: str
    """Of `text` in UTF-8: the same text added twice is recognised by it."""


def read_document_source(source: Path | str) -> bytes:
    """The bytes of a document file, or of standard input for "-", refusing a device,
    a directory or a socket unread and anything larger than MAX_DOCUMENT_BYTES."""
    return bytes(read_input_bytes(source, limit=MAX_DOCUMENT_BYTES, **_AS_A_DOCUMENT))


def load_document(source: Path | str) -> ExtractedDocument:
    """`read_document_source` then `extract_document`: a file or "-" to its text."""
    return extract_document(read_document_source(source), str(source))


def extract_document(raw: bytes, name: str) -> ExtractedDocument:
    """The text and metadata of a document file's bytes. `name` is the file's name
    ("-" for standard input): its suffix tells Markdown and HTML apart from text, and
    every refusal names it."""
    label = "standard input" if name == STDIN else name
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise too_big(label, limit=MAX_DOCUMENT_BYTES, **_AS_A_DOCUMENT)
    if not raw or raw.isspace():
        raise ImportRejected(f"{label}: is empty; expected a text, Markdown or HTML file")
    suffix = Path(name).suffix.lower() if name != STDIN else ""
    if suffix in _ARCHIVE_SUFFIXES or b"multipart/related" in raw[:2048].lower():
        raise ImportRejected(
            f"{label}: is a web archive (a page with its images and styles in one file), "
            'not a page; save the page as "Webpage, HTML only" and add that'
        )
    _refuse_binary(raw, label)
    if suffix in _HTML_SUFFIXES or (suffix not in _MARKDOWN_SUFFIXES and _looks_like_html(raw)):
        return _from_html(raw, label)
    text = _decoded(raw, label)
    if not text.strip():
        raise ImportRejected(f"{label}: is empty; expected a text, Markdown or HTML file")
    if suffix in _MARKDOWN_SUFFIXES:
        return _finished(text, _markdown_title(text), "markdown", label)
    return _finished(text, _first_line(text), "text", label)


def _refuse_binary(raw: bytes, label: str) -> None:
    kind = next((kind for magic, kind in _MAGIC.items() if raw.startswith(magic)), None)
    if kind == "UTF-16 text":
        raise ImportRejected(f"{label}: is UTF-16 text; save it as UTF-8 and add it again")
    if kind is not None:
        raise ImportRejected(
            f"{label}: is {kind}, not text, Markdown or HTML; save the article as text "
            "(UTF-8) or its page as HTML"
        )
    nul = raw.find(b"\0")
    if nul != -1:
        raise ImportRejected(
            f"{label}: is a binary file (a NUL byte at byte {nul}), not text, Markdown or HTML"
        )


def _looks_like_html(raw: bytes) -> bool:
    """A page saved under any name: it starts with a doctype or <html>, after an
    optional byte-order mark, XML declaration and comments."""
    return _HTML_START.match(raw.removeprefix(b"\xef\xbb\xbf")[:4096]) is not None


def _decoded(raw: bytes, label: str) -> str:
    """UTF-8 text, as text and Markdown files must be; no guessing at other encodings
    (a wrong guess would store a garbled text for good)."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportRejected(
            f"{label}: is not UTF-8 text (an invalid byte at byte {exc.start}); save it as "
            "UTF-8, or give the HTML page"
        ) from exc
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _from_html(raw: bytes, label: str) -> ExtractedDocument:
    # Imported here: trafilatura and its lxml take a quarter of a second to load, which
    # no other command should pay.
    import trafilatura

    extracted = trafilatura.bare_extraction(
        raw,
        with_metadata=True,
        include_comments=False,
        # The date the page says it was published, not one guessed from its text.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    found = extracted.text if isinstance(extracted, trafilatura.settings.Document) else None
    text = (found or "").replace("\r\n", "\n").replace("\r", "\n")
    if not isinstance(extracted, trafilatura.settings.Document) or (
        len(text.strip()) < MIN_ARTICLE_CHARACTERS
    ):
        what = f"only {len(text.strip())} characters of text" if text.strip() else "no text"
        raise ImportRejected(
            f"{label}: no article found in this HTML page ({what} outside menus and page "
            "furniture); save the article's own page, or its text as a .txt file"
        )
    title = _one_line(extracted.title) or _first_line(text)
    return _finished(
        text,
        title,
        "html",
        label,
        publisher=_one_line(extracted.sitename),
        author=_one_line(extracted.author),
        published=_day(extracted.date),
        url=_one_line(extracted.url),
    )


def _finished(
    text: str,
    title: str,
    format: DocumentFormat,
    label: str,
    *,
    publisher: str | None = None,
    author: str | None = None,
    published: date | None = None,
    url: str | None = None,
) -> ExtractedDocument:
    if len(text) > MAX_TEXT_CODE_POINTS:
        raise ImportRejected(
            f"{label}: has {len(text):,} characters of text, more than the "
            f"{MAX_TEXT_CODE_POINTS:,} a document may have; split it into parts"
        )
    bad = _control_characters().search(text)
    if bad is not None:
        line = text.count("\n", 0, bad.start()) + 1
        where = f"line {line} of its article text" if format == "html" else f"line {line}"
        raise ImportRejected(
            f"{label}: {where} contains the control character U+{ord(bad.group()):04X}, "
            "which news text does not have; remove it and add the file again"
        )
    return ExtractedDocument(
        text=text,
        title=_clean_title(title, label),
        publisher=publisher,
        author=author,
        published=published,
        url=url,
        format=format,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


@cache
def _control_characters() -> re.Pattern[str]:
    """The control characters store.models refuses in any stored text (C0 and C1 but
    tab, line feed and carriage return), as one pattern. Imported when first needed:
    the models bring pydantic, which `import store` does not load."""
    from .models import _CONTROL

    return re.compile("[" + "".join(re.escape(c) for c in sorted(_CONTROL)) + "]")


def _first_line(text: str) -> str:
    return next((line for line in text.split("\n") if line.strip()), "")


def _markdown_title(text: str) -> str:
    """The front matter's title (Jekyll, Hugo and Obsidian put one there), else the
    first "# " heading, else the first line after the front matter."""
    front = _FRONT_MATTER.match(text)
    if front is not None:
        named = _FRONT_MATTER_TITLE.search(front.group(1))
        if named is not None:
            return named.group(1).strip().strip("\"'")
        text = text[front.end() :]
    heading = _ATX_TITLE.search(text)
    if heading is not None:
        return heading.group(1)
    return _first_line(text).lstrip("#")


def _clean_title(title: str, label: str) -> str:
    """One line, spaces collapsed, cut at a word to TITLE_MAX; the file's name when the
    text offers nothing better (a document has a title)."""
    title = " ".join(title.split())
    if len(title) > TITLE_MAX:
        cut = title[: TITLE_MAX - 1]
        title = (cut.rsplit(" ", 1)[0] if " " in cut else cut) + "…"
    return title or Path(label).name


def _one_line(value: str | None) -> str | None:
    """Metadata as one line without control characters, or None when there is none: it
    is shown and cited, never quoted, so cleaning it loses nothing."""
    collapsed = " ".join(_control_characters().sub(" ", value or "").split())
    return collapsed or None


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
