"""How numbers, counts and names are written on screen."""

from __future__ import annotations

import re

from numcore import phone
from numcore.model import PATH_SEPARATOR

_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|~$])")
_INDENT = "\u2003\u2003"  # em spaces: Markdown keeps them (it folds plain ones)


def md(text: object) -> str:
    """``text`` to show literally inside Markdown (labels, messages, captions): org names, tags
    and users may contain characters that Markdown or LaTeX would otherwise interpret."""
    return _MARKDOWN.sub(r"\\\1", str(text))


def pretty(e164: str) -> str:
    """'+14155550123' as people read it: '+1 415-555-0123'."""
    return phone.pretty(e164)


def describe(numbers: list[str]) -> str:
    """Which numbers, in runs: '+1 415-555-0100 ... 0124' (the first few runs if many)."""
    return phone.describe([int(n.lstrip("+")) for n in numbers])


def plural(count: int, word: str) -> str:
    """'1 number', '2,000 numbers'."""
    return f"{count:,} {word}" if count == 1 else f"{count:,} {word}s"


def tree_label(path: str, top: str) -> str:
    """An org below ``top`` as a line of an indented tree, in Markdown: '  ↳ **West**'."""
    depth = path.count(PATH_SEPARATOR) - top.count(PATH_SEPARATOR) - 1
    name = path.rsplit(PATH_SEPARATOR, 1)[-1]
    return f"{_INDENT * depth}{'↳ ' if depth else ''}**{md(name)}**"
