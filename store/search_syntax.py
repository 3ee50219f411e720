"""The analyst's search text, parsed once and rendered safely for each full-text index.

Why: the same search runs against two FTS5 indexes with different columns
(`positions_fts`: summary, quotes_text, actors_text; `notes_fts`: text). Handing
the typed text to both, as written, meant a column filter valid for one index
was an SQL error in the other (`summary:treaty` crashed the app). Here the text
is parsed into a small tree of FTS5's query grammar, and the tree is written out
again for each index: every word as a quoted FTS5 string (so no character the
analyst typed is ever syntax to SQLite), every operator group in explicit
parentheses, and column filters translated to that index's own column names.
Phrases written side by side stay side by side (`("a" "b")`), not `("a" AND "b")`:
FTS5 drops a phrase with no tokens (`""`, `"."`) from such a sequence, while an
explicit AND with it matches nothing, and the meaning must not change.

The grammar is FTS5's (https://sqlite.org/fts5.html, section 3; the tokenizer
rules are those of `ext/fts5/fts5_expr.c` and `fts5parse.y`, checked against
SQLite 3.40.1)::

    query    := or_expr
    or_expr  := and_expr ("OR" and_expr)*
    and_expr := not_expr ("AND" not_expr)*
    not_expr := sequence ("NOT" sequence)*        left-associative: a NOT b NOT c = (a NOT b) NOT c
    sequence := primary primary*                  implicit AND
    primary  := [colspec ":"] "(" or_expr ")"
              | [colspec ":"] nearset
              | "(" or_expr ")"
    nearset  := ["^"] phrase
              | "NEAR" "(" phrase phrase* ["," digits] ")"
    phrase   := string ["*"] ("+" string ["*"])*
    colspec  := ["-"] (string | "{" string string* "}")
    string   := bareword | '"' (any character but '"', or '""')* '"'

Precedence, tightest first, as FTS5 has it (`%left OR. %left AND. %left NOT.`
in fts5parse.y, and implicit AND is a sequence of phrases inside one operand):
implicit AND (juxtaposition), then NOT, then AND, then OR. So `a OR b c` is
`a OR (b AND c)` and `a NOT b AND c` is `(a NOT b) AND c`. The operator keywords
AND, OR, NOT and NEAR count only in capitals, as in FTS5; `and` is a word.

One deliberate superset: FTS5 3.40 rejects a parenthesised group beside another
operand (`treaty (water OR Indus)`); it is read here as AND, its only sensible
meaning (a bareword NEAR before `(` is always a NEAR group, never the word).
Everything SQLite's FTS5 accepts is accepted here with the same meaning: a
hypothesis test compares the two on the seeded data, SQLite as the oracle.

Anything the grammar does not accept is not an error: `parse` returns None and
the caller searches the words literally.

Column names are the analyst's, not the tables': `summary`; `quote`, `quotes`,
`quotes_text`; `actor`, `actors`, `actors_text`; `note`, `notes` (any case, NFC).
`text` is deliberately not one: it is notes_fts's column, but an analyst
typing `text:water` most likely means "any text", and silently narrowing that
to notes would give a wrong answer with no sign; as an unknown name it makes
the search literal, which the status line announces. A name not in this list
makes the whole text literal, as FTS5 itself would refuse it.

A column filter naming only columns an index lacks makes that part FALSE for
that index; constants fold through AND, OR and NOT (see `render`), and a query
that is FALSE as a whole for an index gives no MATCH string for it. So
`summary:treaty` searches summaries only and never notes, `note:ceasefire`
notes only, and `treaty` both. Each index is searched on its own: a position
matches if its own text matches the query, or one of its notes does. So AND and
NOT do not reach across: `summary:a NOT note:b` finds every position whose summary
says a, whatever its notes say (for the positions index `note:b` is FALSE, and
`a NOT FALSE` is a).

Hand-written rather than built with a parser library (lark, pyparsing): the
grammar is a dozen lines, and the part that matters, FTS5's exact tokenizer
(which characters make a bareword, which are whitespace), would have to be
copied by hand into any library's grammar anyway.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache


class Concept(StrEnum):
    """What a column holds, whatever an index calls it."""

    SUMMARY = "summary"
    QUOTE = "quote"
    ACTOR = "actor"
    NOTE = "note"


COLUMN_NAMES: Mapping[str, Concept] = {
    "summary": Concept.SUMMARY,
    "quote": Concept.QUOTE,
    "quotes": Concept.QUOTE,
    "quotes_text": Concept.QUOTE,
    "actor": Concept.ACTOR,
    "actors": Concept.ACTOR,
    "actors_text": Concept.ACTOR,
    "note": Concept.NOTE,
    "notes": Concept.NOTE,
}
"""The column names an analyst may type (compared case-insensitively), and their meaning."""


@dataclass(frozen=True)
class Index:
    """A full-text index: its table and, in the table's order, the column of each concept."""

    table: str
    columns: tuple[tuple[Concept, str], ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.columns)


POSITIONS_INDEX = Index(
    "positions_fts",
    ((Concept.SUMMARY, "summary"), (Concept.QUOTE, "quotes_text"), (Concept.ACTOR, "actors_text")),
)
NOTES_INDEX = Index("notes_fts", ((Concept.NOTE, "text"),))

MAX_NESTING = 32
"""Deepest parenthesis nesting read as syntax. SQLite 3.40's FTS5 parser overflows its
stack somewhere under 100 levels; deeper text is searched as words."""

MAX_NEAR_DISTANCE = 1_000_000
"""NEAR distances above this are written as this. FTS5 adds the digits up in a C int,
so 2147483648 wraps and matches nothing; no column is a million tokens long, so the
cap changes no answer."""


# The tree ---------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One FTS5 string (a bareword, or a quoted string's content), perhaps a prefix."""

    text: str
    prefix: bool = False


@dataclass(frozen=True)
class Phrase:
    """Strings joined by `+`, to be found in a row one after another; `initial`: `^`."""

    terms: tuple[Term, ...]
    initial: bool = False


@dataclass(frozen=True)
class Near:
    """`NEAR(p1 p2 …, distance)`: the phrases within `distance` tokens (FTS5's default 10)."""

    phrases: tuple[Phrase, ...]
    distance: int | None = None


@dataclass(frozen=True)
class Columns:
    """A column filter: `query` only in these columns (`negated`: in all columns but these)."""

    concepts: frozenset[Concept]
    negated: bool
    query: Node


@dataclass(frozen=True)
class And:
    """All the parts; `implicit`: written side by side (see `_render` for why that matters)."""

    parts: tuple[Node, ...]
    implicit: bool = False


@dataclass(frozen=True)
class Or:
    parts: tuple[Node, ...]


@dataclass(frozen=True)
class Not:
    """`parts[0] NOT parts[1] NOT …`, grouped from the left."""

    parts: tuple[Node, ...]


Node = Phrase | Near | Columns | And | Or | Not


# Tokens -----------------------------------------------------------------------


class _NotSyntax(Exception):
    """The text is outside the grammar; the caller searches it as words."""


_WHITESPACE = frozenset(" \t\n\r")  # fts5ExprIsspace: \v and \f are syntax errors in FTS5
_PUNCTUATION = {
    "(": "LP",
    ")": "RP",
    "{": "LCP",
    "}": "RCP",
    ":": "COLON",
    ",": "COMMA",
    "+": "PLUS",
    "*": "STAR",
    "-": "MINUS",
    "^": "CARET",
}
_KEYWORDS = frozenset({"AND", "OR", "NOT"})


def _bareword_char(ch: str) -> bool:
    """FTS5's sqlite3Fts5IsBareword: any non-ASCII character, ASCII letters and digits,
    `_`, and (an oddity kept for fidelity) U+001A."""
    return ch >= "\x80" or (ch.isascii() and (ch.isalnum() or ch in "_\x1a"))


@dataclass(frozen=True)
class _Token:
    kind: str  # "STRING", "AND", "OR", "NOT", a _PUNCTUATION value, or "EOF"
    text: str = ""
    quoted: bool = False


def _tokens(text: str) -> list[_Token]:
    """FTS5's tokenizer (fts5ExprGetToken), in Python."""
    tokens: list[_Token] = []
    i, end = 0, len(text)
    while i < end:
        ch = text[i]
        if ch in _WHITESPACE:
            i += 1
        elif ch in _PUNCTUATION:
            tokens.append(_Token(_PUNCTUATION[ch]))
            i += 1
        elif ch == '"':
            parts: list[str] = []
            i += 1
            while True:
                close = text.find('"', i)
                if close < 0:
                    raise _NotSyntax("unterminated string")
                parts.append(text[i:close])
                if text.startswith('"', close + 1):  # "" is a quote inside the string
                    parts.append('"')
                    i = close + 2
                else:
                    i = close + 1
                    break
            tokens.append(_Token("STRING", "".join(parts), quoted=True))
        elif _bareword_char(ch):
            start = i
            while i < end and _bareword_char(text[i]):
                i += 1
            word = text[start:i]
            tokens.append(_Token(word) if word in _KEYWORDS else _Token("STRING", word))
        else:
            raise _NotSyntax(f"not FTS5 syntax: {ch!r}")
    tokens.append(_Token("EOF"))
    return tokens


# Parser -----------------------------------------------------------------------


class _Parser:
    """Recursive descent over the token list; operator chains are loops, and nesting
    is capped at MAX_NESTING, so no text can exhaust Python's stack."""

    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens = tokens
        self.at = 0
        self.depth = 0

    def peek(self, ahead: int = 0) -> _Token:
        return self.tokens[min(self.at + ahead, len(self.tokens) - 1)]

    def take(self, kind: str) -> _Token:
        token = self.peek()
        if token.kind != kind:
            raise _NotSyntax(f"expected {kind}, found {token.kind}")
        self.at += 1
        return token

    def query(self) -> Node:
        node = self.or_expr()
        self.take("EOF")
        return node

    def _chain(
        self,
        keyword: str,
        operand: Callable[[], Node],
        make: Callable[[tuple[Node, ...]], Node],
    ) -> Node:
        parts = [operand()]
        while self.peek().kind == keyword:
            self.at += 1
            parts.append(operand())
        return parts[0] if len(parts) == 1 else make(tuple(parts))

    def or_expr(self) -> Node:
        return self._chain("OR", self.and_expr, Or)

    def and_expr(self) -> Node:
        return self._chain("AND", self.not_expr, And)

    def not_expr(self) -> Node:
        return self._chain("NOT", self.sequence, Not)

    def sequence(self) -> Node:
        parts = [self.primary()]
        while self.peek().kind in ("STRING", "LP", "LCP", "MINUS", "CARET"):
            parts.append(self.primary())
        return parts[0] if len(parts) == 1 else And(tuple(parts), implicit=True)

    def primary(self) -> Node:
        token = self.peek()
        if token.kind in ("LCP", "MINUS") or (
            token.kind == "STRING" and self.peek(1).kind == "COLON"
        ):
            negated, concepts = self.colspec()
            self.take("COLON")
            inner = self.group() if self.peek().kind == "LP" else self.nearset()
            return Columns(concepts, negated, inner)
        if token.kind == "LP":
            return self.group()
        return self.nearset()

    def group(self) -> Node:
        self.take("LP")
        self.depth += 1
        if self.depth > MAX_NESTING:
            raise _NotSyntax("nested too deeply")
        node = self.or_expr()
        self.take("RP")
        self.depth -= 1
        return node

    def colspec(self) -> tuple[bool, frozenset[Concept]]:
        negated = self.peek().kind == "MINUS"
        if negated:
            self.at += 1
        if self.peek().kind == "LCP":
            self.at += 1
            names = [self.take("STRING").text]
            while self.peek().kind == "STRING":
                names.append(self.take("STRING").text)
            self.take("RCP")
        else:
            names = [self.take("STRING").text]
        concepts = set()
        for name in names:
            concept = COLUMN_NAMES.get(name.casefold())
            if concept is None:
                raise _NotSyntax(f"no column {name!r}")
            concepts.add(concept)
        return negated, frozenset(concepts)

    def nearset(self) -> Node:
        token = self.peek()
        if token.kind == "CARET":
            self.at += 1
            return Phrase(self.phrase().terms, initial=True)
        if (
            token.kind == "STRING"
            and not token.quoted
            and token.text == "NEAR"
            and self.peek(1).kind == "LP"
        ):
            self.at += 2
            phrases = [self.phrase()]
            while self.peek().kind == "STRING":
                phrases.append(self.phrase())
            distance = None
            if self.peek().kind == "COMMA":
                self.at += 1
                digits = self.take("STRING")
                if digits.quoted or not (digits.text.isascii() and digits.text.isdigit()):
                    raise _NotSyntax("NEAR distance is not a number")
                distance = min(int(digits.text), MAX_NEAR_DISTANCE)
            self.take("RP")
            return Near(tuple(phrases), distance)
        return self.phrase()

    def phrase(self) -> Phrase:
        terms = [self.term()]
        while self.peek().kind == "PLUS":
            self.at += 1
            terms.append(self.term())
        return Phrase(tuple(terms))

    def term(self) -> Term:
        token = self.take("STRING")
        if not token.quoted and token.text == "NEAR" and self.peek().kind == "LP":
            # `^NEAR(…`, `a + NEAR(…`: a NEAR group where FTS5 allows none. Not read as
            # the word NEAR beside a group, which is not what the analyst meant.
            raise _NotSyntax("NEAR group where a phrase must be")
        text = token.text
        prefix = self.peek().kind == "STAR"
        if prefix:
            self.at += 1
        return Term(text, prefix)


@lru_cache(maxsize=64)
def parse(text: str) -> Node | None:
    """The query tree of `text`, or None if it is not FTS5 syntax (search it as words).

    The caller normalises `text` (NFC). Text holding a NUL or a lone surrogate is never
    syntax: SQLite would end the string at the NUL, and cannot encode a surrogate.
    Cached: the app asks about the same text for its counts, rows and status line."""
    if "\0" in text or any("\ud800" <= ch <= "\udfff" for ch in text):
        return None
    try:
        return _Parser(_tokens(text)).query()
    except _NotSyntax:
        return None


# Rendering --------------------------------------------------------------------


def _quoted(term: Term) -> str:
    return '"' + term.text.replace('"', '""') + '"' + ("*" if term.prefix else "")


def _phrase(phrase: Phrase) -> str:
    return ("^" if phrase.initial else "") + " + ".join(_quoted(t) for t in phrase.terms)


def _leaf(node: Phrase | Near) -> str:
    if isinstance(node, Phrase):
        return _phrase(node)
    distance = "" if node.distance is None else f", {node.distance}"
    return "NEAR(" + " ".join(_phrase(p) for p in node.phrases) + distance + ")"


def render(node: Node, index: Index) -> str | None:
    """`node` as an FTS5 MATCH string for `index`, or None where it is FALSE there.

    Column filters are pushed down to the phrases and NEAR groups they cover, as FTS5
    does itself (nested filters intersect), naming the index's own columns; a leaf
    left with no column of this index is FALSE. FALSE folds: `a AND FALSE` = FALSE,
    `a OR FALSE` = a, `a NOT FALSE` = a, `FALSE NOT b` = FALSE."""
    return _render(node, index, frozenset(index.column_names))


def _render(node: Node, index: Index, allowed: frozenset[str]) -> str | None:
    if isinstance(node, Phrase | Near):
        if not allowed:
            return None
        if allowed == frozenset(index.column_names):
            return _leaf(node)
        names = " ".join(name for name in index.column_names if name in allowed)
        return "{" + names + "} : " + _leaf(node)
    if isinstance(node, Columns):
        named = {name for concept, name in index.columns if concept in node.concepts}
        chosen = set(index.column_names) - named if node.negated else named
        return _render(node.query, index, allowed & chosen)
    parts = [_render(part, index, allowed) for part in node.parts]
    if isinstance(node, And):
        rendered = [part for part in parts if part is not None]
        if len(rendered) < len(parts):
            return None
        if node.implicit and all(_is_leaf(part) for part in node.parts):
            # Kept side by side, as typed: FTS5 drops a phrase with no tokens (`""`, `"."`)
            # from such a sequence, but an explicit AND with one matches nothing.
            return "(" + " ".join(rendered) + ")"
        return _joined(" AND ", rendered)
    if isinstance(node, Or):
        kept = [part for part in parts if part is not None]
        return _joined(" OR ", kept) if kept else None
    # Not: a FALSE left side makes the whole FALSE; a FALSE right side excludes nothing.
    if parts[0] is None:
        return None
    kept = [parts[0], *(part for part in parts[1:] if part is not None)]
    return _joined(" NOT ", kept)


def _is_leaf(node: Node) -> bool:
    """A phrase or NEAR group, with or without column filters: one FTS5 operand."""
    return isinstance(node, Phrase | Near) or (isinstance(node, Columns) and _is_leaf(node.query))


def _joined(operator: str, parts: Sequence[str]) -> str:
    return parts[0] if len(parts) == 1 else "(" + operator.join(parts) + ")"
