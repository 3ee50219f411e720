"""Sentence splitters compared, for issue 12: the regular expression store/sentences.py
used until then (kept here as `rule`), pysbd and syntok, on the seed documents and on
hard cases (abbreviations, initials, quotes), with their speed; `store` is what
store/sentences.py does now (syntok, line by line). Not run by CI, and pysbd is not in
the lock; to run it:

    python3 -m venv /tmp/split
    /tmp/split/bin/pip install pysbd==0.3.4 syntok==1.4.4 pydantic python-dateutil sqlite-utils
    /tmp/split/bin/python bench/sentence_splitters.py

Each splitter is given one line at a time, since a line break ends a sentence in all
three (headlines carry no full stop).
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pysbd
from syntok import segmenter

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from store.sentences import split_sentences  # noqa: E402

HARD = {
    "abbreviations": "The U.S. President spoke. He met Mr. Sharif in Washington D.C. on "
    "Monday. Talks resumed.",
    "quotes": "He said: “We will not talk.” Pakistan denied it. “Never,” said the minister.",
    "numbers": "India spent Rs. 2.5 bn. on the dam in 2024. Pakistan objected.",
    "initials": "Gen. Asim Munir met J. D. Vance. The meeting lasted 2 hrs.",
    "ellipsis": "The talks stalled... Then the ceasefire came. It held!",
}
_PYSBD = pysbd.Segmenter(language="en", clean=False)
_RULE = re.compile(r"(?<=[.!?\u201d\"])\s+(?=[A-Z\u201c\"'\u2018])|\n+")


def rule(text: str) -> list[str]:
    """The hand-written rule store/sentences.py had before syntok."""
    return [s.strip() for s in _RULE.split(text) if s.strip()]


def store(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def with_pysbd(text: str) -> list[str]:
    return [s.strip() for line in text.split("\n") for s in _PYSBD.segment(line) if s.strip()]


def with_syntok(text: str) -> list[str]:
    found = []
    for line in text.split("\n"):
        for paragraph in segmenter.analyze(line):
            for sentence in paragraph:
                tokens = list(sentence)
                found.append(line[tokens[0].offset : tokens[-1].offset + len(tokens[-1].value)])
    return [s.strip() for s in found if s.strip()]


SPLITTERS: dict[str, Callable[[str], list[str]]] = {
    "rule": rule,
    "pysbd": with_pysbd,
    "syntok": with_syntok,
    "store": store,
}


def main() -> None:
    documents = {
        path.name: path.read_text(encoding="utf-8")
        for path in sorted((ROOT / "seed" / "documents").glob("*.txt"))
    }
    for name, text in {**documents, **HARD}.items():
        splits = {label: split(text) for label, split in SPLITTERS.items()}
        agree = {label: got == splits["rule"] for label, got in splits.items()}
        counts = ", ".join(f"{label} {len(got)}" for label, got in splits.items())
        print(f"== {name}: {counts}; same as the rule: {agree}")
        if name in HARD:
            for label, got in splits.items():
                print(f"   {label:7}{got}")
    # Each copy's lines numbered, so that no line repeats: store/sentences.py caches lines.
    lines = "\n".join(documents.values()).split("\n")
    big = "\n".join(f"{copy} {line}" for copy in range(200) for line in lines)
    for label, split in SPLITTERS.items():
        started = time.perf_counter()
        split(big)
        print(
            f"{label}: {len(big) / 1e6:.2f} M characters in {time.perf_counter() - started:.2f} s"
        )


if __name__ == "__main__":
    main()
