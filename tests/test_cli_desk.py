"""The coding desk from the command line: add-document, code, retract, restore, and
import of sources given by their words alone."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import file_digest

from store import RevisionAction, Store
from tui.cli import main

ARTICLE = Path(__file__).parent / "fixtures" / "delegation-article.html"
"""A news page written for these tests (not a seed document), saved as a browser would."""
QUOTE = "A treaty that has survived three wars cannot be switched off by a press release"


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def with_article(capsys, seeded_path: Path) -> str:
    code, out, _ = run(capsys, "add-document", "--db", seeded_path, ARTICLE)
    assert code == 0, out
    with Store.open(seeded_path) as store:
        [added] = [d for d in store.documents() if d.format == "html"]
    return added.id


def test_a_saved_page_is_added_with_its_metadata_and_once(capsys, seeded_path: Path):
    code, out, _ = run(capsys, "add-document", "--db", seeded_path, ARTICLE)
    assert code == 0 and out.startswith("Added delegation-presses-water-sharing-case-in-")
    with Store.open(seeded_path) as store:
        [doc] = [d for d in store.documents() if d.format == "html"]
        assert doc.title == "Delegation presses water-sharing case in Brussels"
        assert doc.outlet == "The Meridian Ledger" and doc.author == "Farah Qadir"
        assert doc.published.isoformat() == "2025-06-12"
        assert doc.url and doc.url.startswith("https://www.meridianledger.example/")
        assert QUOTE in doc.text and "Subscribe" not in doc.text
        count = len(store.documents())
    before = file_digest(seeded_path)
    code, out, _ = run(capsys, "add-document", "--db", seeded_path, ARTICLE)
    assert code == 0 and out.startswith(f"Already stored as {doc.id}")
    assert file_digest(seeded_path) == before
    with Store.open(seeded_path) as store:
        assert len(store.documents()) == count


def test_options_override_what_the_page_says(capsys, seeded_path: Path, tmp_path: Path):
    text = tmp_path / "note.txt"
    text.write_text("Talks resumed.\nBoth sides said so on Monday.\n", encoding="utf-8")
    code, _, err = run(capsys, "add-document", "--db", seeded_path, text)
    assert code == 2 and "--published" in err  # a text file names no date
    code, _, err = run(
        capsys,
        "add-document",
        "--db",
        seeded_path,
        text,
        "--published",
        "16 June 2025",
        "--title",
        "Talks resumed",
        "--publisher",
        "Wire",
        "--id",
        "talks-resumed",
    )
    assert code == 0, err
    with Store.open(seeded_path) as store:
        doc = store.document("talks-resumed")
        assert (doc.title, doc.outlet, doc.published.isoformat(), doc.format) == (
            "Talks resumed",
            "Wire",
            "2025-06-16",
            "text",
        )
        assert doc.text == "Talks resumed.\nBoth sides said so on Monday.\n"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"\x00\x01\x02binary\xff\xfe", "binary"),
        (b"<html><body><nav>Home</nav></body></html>", "article"),
        (b"Plain words\x1b[31m red\n", "U+001B"),
    ],
    ids=["empty", "binary", "html-without-article", "control-character"],
)
def test_bad_documents_are_refused_in_one_line_and_nothing_is_written(
    capsys, seeded_path: Path, tmp_path: Path, content: bytes, words: str
):
    bad = tmp_path / ("bad.html" if b"<html" in content else "bad.txt")
    bad.write_bytes(content)
    before = file_digest(seeded_path)
    code, out, err = run(capsys, "add-document", "--db", seeded_path, bad, "--published", "2025")
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1 and words in err
    assert file_digest(seeded_path) == before


def test_code_anchors_the_quote_by_its_words_and_keeps_a_revision(
    capsys, seeded_path: Path, with_article: str
):
    code, out, err = run(
        capsys,
        "code",
        with_article,
        "--db",
        seeded_path,
        "--quote",
        QUOTE,
        "--side",
        "Pakistan",
        "--kind",
        "criticism",
        "--summary",
        "The delegation says a treaty cannot be switched off by a press release",
        "--new-actor",
        "Amina Rahimtoola",
        "--topic",
        "Indus Waters Treaty",
        "--date",
        "on Wednesday",
        "--link",
        "counters:in-suspends-iwt",
    )
    assert code == 0, err
    position_id = out.split()[1].rstrip(":")
    with Store.open(seeded_path) as store:
        position = store.get(position_id)
        text = store.document(with_article).text
        [source] = position.sources
        assert text[source.start : source.end] == QUOTE
        assert position.date_start.isoformat() == "2025-06-11"  # the Wednesday before
        assert position.actors == ["Amina Rahimtoola"]
        assert [link.target for link in position.links] == ["in-suspends-iwt"]
        [revision] = store.history(position_id)
        assert revision.action is RevisionAction.CREATE and revision.origin == "cli"


def test_code_names_every_place_of_an_ambiguous_quote(capsys, seeded_path: Path, with_article: str):
    before = file_digest(seeded_path)
    args = ["code", with_article, "--db", seeded_path, "--quote", "delegation"]
    args += ["--side", "other", "--kind", "commentary", "--summary", "x", "--topic", "kashmir"]
    args += ["--actor", "Reporter"]
    code, _, err = run(capsys, *args)
    assert code == 2 and "field 'sources[0].quote'" in err and "occurrence" in err
    assert "1)" in err and "2)" in err
    code, _, err = run(capsys, *args, "--quote", "nothing like it")
    assert code == 2 and "does not occur" in err
    code, _, err = run(capsys, *args[:-2], "--actor", "Nobody Registered")
    assert code == 2 and "--new-actor" in err
    assert file_digest(seeded_path) == before
    code, _, err = run(capsys, *args, "--occurrence", "2")
    assert code == 0, err


def test_retract_and_restore_from_the_command_line(capsys, seeded_path: Path):
    code, _, err = run(capsys, "retract", "pk-delegation", "--db", seeded_path)
    assert code == 2 and "--reason" in err
    assert run(capsys, "retract", "pk-delegation", "--db", seeded_path, "--reason", "dup")[0] == 0
    code, out, _ = run(capsys, "list", "--db", seeded_path)
    assert "pk-delegation" not in out
    assert run(capsys, "restore", "pk-delegation", "--db", seeded_path)[0] == 0
    code, out, _ = run(capsys, "list", "--db", seeded_path)
    assert "pk-delegation" in out


def test_import_anchors_sources_given_by_their_words(capsys, seeded_path: Path, tmp_path: Path):
    with Store.open(seeded_path) as store:
        document = store.document("000_94edd1293f8f187e")
    quote = "Pakistan swiftly responded"
    record = {
        "id": "pk-by-words",
        "side": "pakistan",
        "actors": ["Pakistan"],
        "kind": "action",
        "summary": "Pakistan responds with its own delegation",
        "topics": ["diplomatic_outreach"],
        "date_basis": "document",
        "sources": [{"document": document.id, "quote": quote}],
    }
    path = tmp_path / "by-words.json"
    path.write_text(json.dumps({"positions": [record]}), encoding="utf-8")
    code, _, err = run(capsys, "import", "--db", seeded_path, path)
    assert code == 0, err
    with Store.open(seeded_path) as store:
        [source] = store.get("pk-by-words").sources
        assert document.text[source.start : source.end] == quote
        assert source.prefix == document.text[max(0, source.start - 32) : source.start]
        assert store.history("pk-by-words")[0].origin == str(path)
