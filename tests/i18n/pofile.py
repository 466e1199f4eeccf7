"""A small reader for gettext .po files (no dependency): enough to check ours entry by entry."""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)
    obsolete: bool = False

    @property
    def translations(self) -> list[str]:
        return list(self.msgstr_plural.values()) if self.msgid_plural is not None else [self.msgstr]


def _unquote(text: str) -> str:
    return ast.literal_eval(text.strip()) if text.strip() else ""


def read(path: Path | str) -> list[Entry]:
    """Every entry, the header (msgid "") included first."""
    entries: list[Entry] = []
    current: Entry | None = None
    key: tuple | None = None

    def flush():
        nonlocal current
        if current is not None:
            entries.append(current)
        current = None

    for raw in Path(path).read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            flush()
            key = None
            continue
        if current is None:
            current = Entry()
        if line.startswith("#~"):
            current.obsolete = True
            continue
        if line.startswith("#,"):
            current.flags |= {f.strip() for f in line[2:].split(",")}
            continue
        if line.startswith("#:"):
            current.references += line[2:].split()
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            value = _unquote(line)
            if key[0] == "msgstr_plural":
                current.msgstr_plural[key[1]] += value
            else:
                setattr(current, key[0], (getattr(current, key[0]) or "") + value)
            continue
        word, _space, rest = line.partition(" ")
        if word.startswith("msgstr["):
            index = int(word[7:-1])
            current.msgstr_plural[index] = _unquote(rest)
            key = ("msgstr_plural", index)
        else:
            setattr(current, word, _unquote(rest))
            key = (word,)
    flush()
    return entries
