"""A position's revisions as a person reads them: a header, then what changed.

`counterpoint history` and the history screen both format a revision with this
module, so the terminal and the app say the same thing in the same words (the
store keeps the whole position before and after; this says what differs). The
output is plain text: every piece of data passes through `one_line`, so a stored
summary can neither break a line nor send an escape sequence, and the screen wraps
the lines in `rich.text.Text`, never in markup.

    #12 2026-11-23 21:04 UTC · alice · edit · app — tightened the wording
      summary: "The ministry answers" → "The ministry sends a delegation"
      topics: + kashmir − terrorism
      sources: + quote "swiftly responded" (000_94ed…, 120–137)
      status: active → retracted ("duplicates pk-delegation")
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from store import FieldChange, PositionStatus, Relation, Revision
from store.plain_text import one_line

ADDED = "+"
REMOVED = "−"  # U+2212 MINUS SIGN: the same width as +, and not read as a hyphen
ARROW = "→"
INDENT = "  "

LIST_FIELDS = frozenset(("topics", "actors", "places"))
"""Lists of names, shown as what was added and what was removed."""
FREE_TEXT = frozenset(
    ("summary", "date_text", "date_note", "status_reason", "credibility_note", "doubt")
)
"""Fields an analyst writes in words: quoted, so their edges show. The others are codes
(side, kind, dates, precision, basis), shown as they are."""
STATUS_FIELDS = ("status", "status_reason")
NOTHING = "(none)"


@dataclass(frozen=True)
class RevisionText:
    """One revision, formatted: its header and one line per change (not yet indented)."""

    header: str
    lines: tuple[str, ...]

    def plain(self) -> str:
        """Header and indented changes, as the command line prints them."""
        return "\n".join([self.header, *(INDENT + line for line in self.lines)])


def header(revision: Revision) -> str:
    """'#12 2026-11-23 21:04 UTC · alice · edit · app — why', the reason only if given."""
    author = one_line(revision.author) or "(no author)"
    line = (
        f"#{revision.id} {revision.stamp} · {author} · "
        f"{revision.action.value} · {one_line(revision.origin) or NOTHING}"
    )
    reason = one_line(revision.reason)
    return f"{line} — {reason}" if reason else line


def describe(revision: Revision) -> RevisionText:
    """The revision's header and its changes: the initial fields of a creation (anything
    with nothing before), else one line per changed field."""
    if revision.before is None:
        lines = created_lines(revision.after or {})
    else:
        lines = change_lines(revision.changes)
    return RevisionText(header(revision), tuple(lines) or ("(no field changed)",))


def history_text(revisions: Sequence[Revision]) -> list[RevisionText]:
    """Every revision, in the order given (the store's: oldest first)."""
    return [describe(revision) for revision in revisions]


def status_line(count: int, status: PositionStatus, reason: str) -> str:
    """'3 revisions; current status: retracted ("duplicate")', the history's last line."""
    plural = "" if count == 1 else "s"
    why = f' ("{one_line(reason)}")' if status is PositionStatus.RETRACTED and reason else ""
    return f"{count} revision{plural}; current status: {status.value}{why}"


# Creations -----------------------------------------------------------------------


def created_lines(after: Mapping[str, Any]) -> list[str]:
    """A new position, compactly: what it says, whose it is, when, about what, from what."""
    lines = [f"summary: {_scalar('summary', after.get('summary'))}"]
    lines.append(
        f"side: {_scalar('side', after.get('side'))} · kind: {_scalar('kind', after.get('kind'))}"
    )
    lines.append(f"date: {_date(after)}")
    for name in ("topics", "actors", "places"):
        values = _names(after.get(name))
        if values:
            lines.append(f"{name}: {', '.join(values)}")
    sources = after.get("sources")
    for source in sources if isinstance(sources, list) else []:
        lines.append(_source(source))
    links = after.get("links")
    if isinstance(links, list) and links:
        lines.append("links: " + ", ".join(_link(link) for link in links))
    if after.get("credibility") is not None:
        by = _scalar("credibility_by", after.get("credibility_by"))
        lines.append(f"credibility: {_scalar('credibility', after.get('credibility'))} (by {by})")
    if after.get("doubt"):
        lines.append(f"doubt: {_scalar('doubt', after.get('doubt'))}")
    if after.get("status") not in (None, PositionStatus.ACTIVE.value):
        lines.append(f"status: {_status(after.get('status'), after.get('status_reason'))}")
    return lines


def _date(after: Mapping[str, Any]) -> str:
    """'2025-06-02 (day, stated) "2 June"': the span if it is one, then how it is known."""
    start, end = after.get("date_start"), after.get("date_end")
    span = one_line(str(start or NOTHING))
    if end and end != start:
        span += f"..{one_line(str(end))}"
    how = [one_line(str(after[key])) for key in ("date_precision", "date_basis") if after.get(key)]
    if how:
        span += f" ({', '.join(how)})"
    if after.get("date_text"):
        span += f" {_scalar('date_text', after['date_text'])}"
    return span


# Changes -------------------------------------------------------------------------


def change_lines(changes: Iterable[FieldChange]) -> list[str]:
    """One line per changed field (sources and links one line per quote or link); a
    status change and its reason read as one line."""
    changes = list(changes)
    status_changed = any(change.field == "status" for change in changes)
    lines: list[str] = []
    for change in changes:
        if change.field == "status":
            lines.append(f"status: {_status(change.before)} {ARROW} {_status_after(changes)}")
        elif change.field == "status_reason" and status_changed:
            continue  # said with the status
        elif change.field in LIST_FIELDS:
            lines.append(_list_line(change))
        elif change.field == "sources":
            lines += _entry_lines("sources", change, _source)
        elif change.field == "links":
            lines += _entry_lines("links", change, _link)
        else:
            before = _scalar(change.field, change.before)
            after = _scalar(change.field, change.after)
            lines.append(f"{one_line(change.field)}: {before} {ARROW} {after}")
    return lines


def _status_after(changes: list[FieldChange]) -> str:
    status = next(c.after for c in changes if c.field == "status")
    reason = next((c.after for c in changes if c.field == "status_reason"), None)
    return _status(status, reason)


def _status(status: Any, reason: Any = None) -> str:
    """'retracted ("why")'; a reason is shown only with a retraction."""
    text = one_line(str(status)) if status is not None else NOTHING
    if status == PositionStatus.RETRACTED.value and isinstance(reason, str) and reason.strip():
        text += f' ("{one_line(reason)}")'
    return text


def _list_line(change: FieldChange) -> str:
    """'topics: + kashmir − terrorism'; a list that only changed order says so."""
    before, after = _names(change.before), _names(change.after)
    added = [name for name in after if name not in before]
    removed = [name for name in before if name not in after]
    parts = [f"{ADDED} {name}" for name in added] + [f"{REMOVED} {name}" for name in removed]
    if not parts:
        return (
            f"{change.field}: order {', '.join(before) or NOTHING} {ARROW} "
            f"{', '.join(after) or NOTHING}"
        )
    return f"{change.field}: {' '.join(parts)}"


def _entry_lines(field: str, change: FieldChange, show: Callable[[Any], str]) -> list[str]:
    """'+ …' for each entry that is new, '− …' for each that is gone (compared whole: a
    quote whose context or a link whose relation changed is one gone and one new)."""
    before = _entries(change.before)
    after = _entries(change.after)
    added = [entry for entry in after if entry not in before]
    removed = [entry for entry in before if entry not in after]
    lines = [f"{field}: {ADDED} {show(entry)}" for entry in added]
    lines += [f"{field}: {REMOVED} {show(entry)}" for entry in removed]
    if not lines:
        lines.append(f"{field}: order changed")
    return lines


def _source(source: Any) -> str:
    """'quote "the words" (document, 120–180)'."""
    if not isinstance(source, Mapping):
        return _generic(source)
    quote = one_line(str(source.get("quote", "")))
    document = one_line(str(source.get("document", NOTHING)))
    start, end = source.get("start"), source.get("end")
    where = f", {start}–{end}" if start is not None and end is not None else ""
    return f'quote "{quote}" ({document}{where})'


def _link(link: Any) -> str:
    """'denies pk-denies-attack'."""
    if not isinstance(link, Mapping):
        return _generic(link)
    relation = str(link.get("relation", ""))
    try:
        reads = Relation(relation).label
    except ValueError:
        reads = relation
    return f"{one_line(reads)} {one_line(str(link.get('target', NOTHING)))}"


# Values --------------------------------------------------------------------------


def _scalar(field: str, value: Any) -> str:
    """A field's value: free text in quotes, codes bare, absent or empty as '(none)'."""
    if value is None or value == "":
        return NOTHING
    if isinstance(value, str):
        return f'"{one_line(value)}"' if field in FREE_TEXT else one_line(value)
    return _generic(value)


def _generic(value: Any) -> str:
    """Anything else another tool may have stored, as compact JSON on one line."""
    try:
        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    except (TypeError, ValueError):
        text = repr(value)
    return one_line(text)


def _names(value: Any) -> list[str]:
    if not isinstance(value, list):
        return [] if value in (None, "") else [_generic(value)]
    return [one_line(str(item)) for item in value]


def _entries(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []
