"""A prose view of Markdown that keeps every offset: markup is blanked out with spaces, not removed.

Code is kept (a credential in a code block is still a credential); link targets, image syntax,
heading marks, emphasis marks and YAML front matter keys are blanked so that they do not read as prose.
"""

from __future__ import annotations

import re

_FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
_LINK_TARGET = re.compile(r"\]\((?:[^()\s]|\([^()]*\))+(?:\s+\"[^\"]*\")?\)")
_IMAGE_OPEN = re.compile(r"!\[")
_HEADING = re.compile(r"^[ ]{0,3}#{1,6}[ \t]", re.M)
_EMPHASIS = re.compile(r"(?<![\w*_])(\*\*|__|\*|_)(?=\S)|(?<=\S)(\*\*|__|\*|_)(?![\w*_])")
_LIST_MARK = re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]", re.M)
_QUOTE_MARK = re.compile(r"^[ \t]*>[ \t]?", re.M)


def _blank(match: re.Match[str]) -> str:
    return "".join("\n" if c == "\n" else " " for c in match.group())


def prose_view(markdown: str) -> str:
    """Return a string of the same length with Markdown markup replaced by spaces."""
    text = _FRONT_MATTER.sub(_blank, markdown)
    for pattern in (_LINK_TARGET, _IMAGE_OPEN, _HEADING, _LIST_MARK, _QUOTE_MARK, _EMPHASIS):
        text = pattern.sub(_blank, text)
    assert len(text) == len(markdown)
    return text
