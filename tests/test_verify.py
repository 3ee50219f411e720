"""Briefs a reader can verify: every quote leaves with a citation (document, offsets,
short hash), and `counterpoint verify` proves the database's quotes and a brief's."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import cmarkgfm
import pytest

from store import Filter, Store
from store.citations import Citation, quote_digest
from store.export import render_export
from tui.cli import main


def run(capsys, *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def brief(store: Store, tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"brief.{fmt}"
    path.write_text(render_export(store, Filter(), fmt)[0], encoding="utf-8")
    return path


def quote_count(store: Store) -> int:
    return sum(len(p.sources) for p in store.positions()[0])


def test_a_citation_reads_back_and_fingerprints_its_quote():
    cited = Citation.of("doc@with-at", 10, 65, "the tragic Pahalgam terror attack")
    assert Citation.parse(cited.text) == cited
    assert cited.digest == quote_digest("the tragic Pahalgam terror attack")
    assert len(cited.digest) == 12
    assert Citation.parse("doc@10-65#zz") is None


def test_every_exported_quote_carries_its_citation(store: Store):
    data = json.loads(render_export(store, Filter(), "json")[0])
    documents = {d.id: d.text for d in store.documents()}
    for p in data["positions"]:
        for s in p["sources"]:
            cited = Citation.parse(s["citation"])
            assert cited is not None
            assert documents[cited.document][cited.start : cited.end] == s["quote"]
            assert cited.digest == quote_digest(s["quote"])
    text = render_export(store, Filter(), "md")[0]
    assert text.count("#") >= quote_count(store)


def rename_document(path: Path, old: str, new: str) -> None:
    """A document id as another tool may write it (the import takes slugs only): the
    database is edited directly, its references with it."""
    with sqlite3.connect(path) as conn:
        for table, column in [
            ("documents", "id"),
            ("sources", "document_id"),
            ("document_sentences", "document_id"),
        ]:
            conn.execute(f"UPDATE {table} SET {column} = ? WHERE {column} = ?", [new, old])
    conn.close()


@pytest.mark.parametrize(
    "document_id", ["seed-doc", "www.example.com", "https://evil.example/x", "a`b@c.org"]
)
def test_citations_in_markdown_stay_inert(seeded_path: Path, document_id: str):
    """Each citation renders as inline code holding exactly its text, whatever the
    document id looks like (a domain, a URL, an e-mail address, a backtick), and reads
    back from the brief."""
    with Store.open(seeded_path) as store:
        old = store.documents()[0].id
    rename_document(seeded_path, old, document_id)
    with Store.open(seeded_path) as store:
        text = render_export(store, Filter(), "md")[0]
        cited = [
            Citation.of(s.document, s.start, s.end, s.quote).text
            for p in store.positions()[0]
            for s in p.sources
            if s.document == document_id
        ]
    html = cmarkgfm.github_flavored_markdown_to_html(text)
    assert cited and "<a " not in html and "<img" not in html
    code_spans = set(re.findall(r"<code>(.*?)</code>", html))
    for citation in cited:
        shown = citation.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        assert shown in code_spans
    from store.verify import read_citations

    assert {c.citation_text for c in read_citations(text)} >= set(cited)


@pytest.mark.parametrize("fmt", ["md", "json", "annotations"])
def test_a_fresh_brief_verifies(capsys, seeded_path: Path, tmp_path: Path, fmt: str):
    with Store.open(seeded_path) as store:
        path, quotes = brief(store, tmp_path, fmt), quote_count(store)
    code, out, err = run(capsys, "verify", "--db", seeded_path, path)
    assert code == 0, out + err
    assert out.startswith(f"verified: {quotes} quotes")


def test_the_database_verifies(capsys, seeded_path: Path):
    code, out, _ = run(capsys, "verify", "--db", seeded_path)
    assert code == 0 and out.startswith("verified:") and "in the database" in out


def tamper_one_character(path: Path, quote: str) -> None:
    """Change one character inside the first occurrence of `quote` among the file's
    positions (a JSON export holds the documents' texts first)."""
    text = path.read_text(encoding="utf-8")
    after = text.find('"positions"')
    at = text.index(quote, max(after, 0)) + len(quote) // 2
    changed = "x" if text[at] != "x" else "y"
    path.write_text(text[:at] + changed + text[at + 1 :], encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_one_edited_character_is_named(capsys, seeded_path: Path, tmp_path: Path, fmt: str):
    with Store.open(seeded_path) as store:
        path = brief(store, tmp_path, fmt)
        target = store.get("in-suspends-iwt")
        source = target.sources[0]
        cited = Citation.of(source.document, source.start, source.end, source.quote)
    tamper_one_character(path, source.quote[:20])
    code, out, _ = run(capsys, "verify", "--db", seeded_path, path)
    assert code == 1
    [line] = out.splitlines()
    assert line.startswith(f"{target.id} {cited.text} changed")


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_retracted_and_a_missing_position_are_named(
    capsys, seeded_path: Path, tmp_path: Path, fmt: str
):
    with Store.open(seeded_path) as store:
        path = brief(store, tmp_path, fmt)
        store.retract("pk-delegation", "duplicate", author="t", origin="cli")
        store.db.execute("DELETE FROM positions WHERE id = 'in-delegations'")
        store.db.conn.commit()
    code, out, _ = run(capsys, "verify", "--db", seeded_path, path)
    assert code == 1
    said = {line.split()[0]: line for line in out.splitlines()}
    assert "retracted: duplicate" in said["pk-delegation"]
    assert "missing" in said["in-delegations"]


def test_a_tampered_document_is_found_by_the_plain_verify(capsys, seeded_path: Path):
    with Store.open(seeded_path) as store:
        p = store.get("in-suspends-iwt")
        s = p.sources[0]
        text = store.document(s.document).text
        moved = "Moved. " + text  # every quote of this document now sits 7 later
        store.db.execute("UPDATE documents SET text = ? WHERE id = ?", [moved, s.document])
        store.db.conn.commit()
    code, out, _ = run(capsys, "verify", "--db", seeded_path)
    assert code == 1
    lines = out.splitlines()
    assert any(line.startswith(f"{s.document} document text changed") for line in lines)
    mine = next(line for line in lines if line.startswith(f"{p.id} "))
    assert f"drifted: not at its offsets; its words are at {s.start + 7}-{s.end + 7}" in mine


@pytest.mark.parametrize("content", ["hello", "{not json", "[1, 2]"])
def test_a_file_that_is_not_a_brief_is_one_line_exit_2(
    capsys, seeded_path: Path, tmp_path: Path, content: str
):
    path = tmp_path / "x.md"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(capsys, "verify", "--db", seeded_path, path)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1


def test_an_edited_citation_in_an_import_file_is_refused(capsys, seeded_path: Path, tmp_path: Path):
    with Store.open(seeded_path) as store:
        path = brief(store, tmp_path, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["positions"][0]["sources"][0]["quote"] += " (and more)"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, _, err = run(capsys, "import", "--db", seeded_path, path)
    assert code == 2 and "citation" in err and "does not match" in err


def test_an_orphaned_quote_is_found_by_the_plain_verify(capsys, seeded_path: Path):
    with Store.open(seeded_path) as store:
        document = store.documents()[0].id
        quoting = {p.id for p in store.positions()[0] for s in p.sources if s.document == document}
    with sqlite3.connect(seeded_path) as conn:  # foreign keys off: another tool's write
        conn.execute("DELETE FROM documents WHERE id = ?", [document])
    conn.close()
    code, out, _ = run(capsys, "verify", "--db", seeded_path)
    assert code == 1
    orphaned = {line.split()[0] for line in out.splitlines() if "orphaned" in line}
    assert quoting and orphaned == quoting


def first_citation(path: Path) -> tuple[str, str]:
    """The first quote's position id and citation in a brief, as verify reads them."""
    from store.verify import read_citations

    first = next(read_citations(path.read_text(encoding="utf-8")))
    return first.position_id, first.citation_text


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_deleted_citation_does_not_let_its_quote_pass(
    capsys, seeded_path: Path, tmp_path: Path, fmt: str
):
    with Store.open(seeded_path) as store:
        path = brief(store, tmp_path, fmt)
    position_id, citation = first_citation(path)
    text = path.read_text(encoding="utf-8")
    if fmt == "json":
        text = text.replace(f'"citation": "{citation}"', '"cited": "by hand"', 1)
    else:
        text = text.replace(f"`{citation}`; ", "", 1)
    path.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "verify", "--db", seeded_path, path)
    assert code == 1
    assert out.splitlines() == [f"{position_id} - uncited: the brief gives this quote no citation"]


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_an_edited_citation_is_named_for_what_changed(
    capsys, seeded_path: Path, tmp_path: Path, fmt: str
):
    """The hash edited: the quote is still the document's, the citation is not. The
    offsets edited: the characters there are not the quote, which the position cites
    where it was (in JSON, the source's own offsets give it away first)."""
    with Store.open(seeded_path) as store:
        path = brief(store, tmp_path, fmt)
    position_id, citation = first_citation(path)
    cited = Citation.parse(citation)
    assert cited is not None
    original = path.read_text(encoding="utf-8")
    flipped = cited.digest[:-1] + ("0" if cited.digest[-1] != "0" else "1")
    rehashed = f"{cited.document}@{cited.start}-{cited.end}#{flipped}"
    moved = f"{cited.document}@{cited.start + 1}-{cited.end + 1}#{cited.digest}"
    for edited, said in [
        (rehashed, "changed: the citation's hash is not its quote's (the citation was edited)"),
        (
            moved,
            "changed: the source's document, start or end is not its citation's"
            if fmt == "json"  # the JSON source's own offsets still say where it was
            else f"drifted: the characters at {cited.start + 1}-{cited.end + 1} are not "
            f"the cited quote; the position cites it at {cited.start}-{cited.end}",
        ),
    ]:
        path.write_text(original.replace(citation, edited, 1), encoding="utf-8")
        code, out, _ = run(capsys, "verify", "--db", seeded_path, path)
        assert code == 1
        assert out.splitlines() == [f"{position_id} {edited} {said}"]


def test_json_offsets_must_agree_with_their_citation(capsys, seeded_path: Path, tmp_path: Path):
    """An import reads a source's `start`, not its citation: editing one is named."""
    with Store.open(seeded_path) as store:
        path = brief(store, tmp_path, "json")
    data = json.loads(path.read_text(encoding="utf-8"))
    source = data["positions"][0]["sources"][0]
    source["start"] += 1
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, "verify", "--db", seeded_path, path)
    assert code == 1
    assert out.splitlines() == [
        f"{data['positions'][0]['id']} {source['citation']} changed: the source's document, "
        "start or end is not its citation's"
    ]


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_brief_against_a_tampered_document_says_its_text_changed(
    capsys, seeded_path: Path, tmp_path: Path, fmt: str
):
    with Store.open(seeded_path) as store:
        path = brief(store, tmp_path, fmt)
        document = store.documents()[0]
        quoting = {
            p.id for p in store.positions()[0] for s in p.sources if s.document == document.id
        }
        store.db.execute(
            "UPDATE documents SET text = ? WHERE id = ?", ["Moved. " + document.text, document.id]
        )
        store.db.conn.commit()
    code, out, _ = run(capsys, "verify", "--db", seeded_path, path)
    assert code == 1
    lines = out.splitlines()
    assert all(
        line.endswith("drifted: the document's text changed since it was added") for line in lines
    )
    assert {line.split()[0] for line in lines} == quoting


def test_an_annotation_position_must_agree_with_its_citation(
    capsys, seeded_path: Path, tmp_path: Path
):
    with Store.open(seeded_path) as store:
        path = brief(store, tmp_path, "annotations")
    data = json.loads(path.read_text(encoding="utf-8"))
    item = data["first"]["items"][0]
    [place] = [s for s in item["target"]["selector"] if s["type"] == "TextPositionSelector"]
    place["end"] += 1
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, _ = run(capsys, "verify", "--db", seeded_path, path)
    assert code == 1
    assert out.splitlines() == [
        f"{item['position']['id']} {item['citation']} changed: the source's document, "
        "start or end is not its citation's"
    ]


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_a_quote_the_position_no_longer_cites_is_named(
    capsys, seeded_path: Path, tmp_path: Path, fmt: str
):
    """Recoded since the brief: the position now quotes other words of the same
    document. The database holds (its quotes are where they say); the brief does not."""
    with Store.open(seeded_path) as store:
        path = brief(store, tmp_path, fmt)
        source = store.get("in-suspends-iwt").sources[0]
        cited = Citation.of(source.document, source.start, source.end, source.quote)
        text = store.document(source.document).text
        store.db.execute(
            'UPDATE sources SET quote = ?, start = 0, "end" = 10 '
            "WHERE position_id = 'in-suspends-iwt' AND ordinal = "
            "(SELECT MIN(ordinal) FROM sources WHERE position_id = 'in-suspends-iwt')",
            [text[:10]],
        )
        store.db.conn.commit()
    assert run(capsys, "verify", "--db", seeded_path)[0] == 0
    code, out, _ = run(capsys, "verify", "--db", seeded_path, path)
    assert code == 1
    assert out.splitlines() == [
        f"in-suspends-iwt {cited.text} no longer cited: the position's quotes changed "
        "since the brief"
    ]
