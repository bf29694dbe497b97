"""Emoji spelled out as their Unicode names, for the sentence encoder.

MiniLM's vocabulary has no emoji: each one becomes [UNK], so "🐀🐀🐀" and "❤️❤️❤️" read alike. Abuse often
puts an emoji where a word would be (an animal for a group of people, a knife for a threat), so before
tokenising, the encoder replaces each emoji with its name in lower case ("🐀" -> "rat", "🔪" -> "hocho",
"🏳️‍🌈" -> "waving white flag rainbow"). Skin-tone modifiers, variation selectors and joiners are
dropped; a pair of regional indicator letters (a national flag) becomes "flag".

The result is longer than the input, so :func:`spell_emoji` also returns where each of its characters
came from: the encoder maps its tokens' offsets back through them to place tokens in the document's
sentences. ``training/train_abuse.py`` reads the same function, so the model is trained on what it sees.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# One emoji: a pair of regional indicator letters (a flag), or a pictograph or symbol drawn as emoji with
# the modifiers, variation selectors and joiners after it; or such marks left on their own.
_SILENT_CLASS = "\u200d\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff"
_BASE_CLASS = "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001f3fa\U0001f400-\U0001faff"
_EMOJI = re.compile(f"[\U0001f1e6-\U0001f1ff]{{2}}|[{_BASE_CLASS}][{_SILENT_CLASS}]*|[{_SILENT_CLASS}]+")
_SILENT = re.compile(f"[{_SILENT_CLASS}]")
_REGIONAL = range(0x1F1E6, 0x1F200)


@dataclass(frozen=True, slots=True)
class Spelled:
    """``text`` with emoji spelled out; ``starts[j]`` / ``ends[j]``: the offset in the original text
    where a token that starts / ends at ``j`` in ``text`` starts / ends (both have ``len(text) + 1``)."""

    text: str
    starts: list[int]
    ends: list[int]


def spell_emoji(text: str) -> Spelled | None:
    """``text`` with its emoji replaced by their names, or None when it has none (the common case)."""
    if _EMOJI.search(text) is None:
        return None
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    last = 0
    for m in _EMOJI.finditer(text):
        plain = text[last : m.start()]
        parts.append(plain)
        starts.extend(range(last, m.start()))
        ends.extend(range(last, m.start()))
        name = f" {_name(m.group(0))} "
        parts.append(name)
        starts.extend([m.start()] * len(name))
        ends.extend([m.start()] + [m.end()] * (len(name) - 1))
        last = m.end()
    parts.append(text[last:])
    starts.extend(range(last, len(text) + 1))
    ends.extend(range(last, len(text) + 1))
    return Spelled("".join(parts), starts, ends)


def spelled_text(text: str) -> str:
    """Just the text of :func:`spell_emoji` (for training, where offsets do not matter)."""
    spelled = spell_emoji(text)
    return text if spelled is None else spelled.text


def _name(emoji: str) -> str:
    base = _SILENT.sub("", emoji)
    if not base:
        return ""
    if ord(base[0]) in _REGIONAL:
        return "flag"
    return unicodedata.name(base[0], "").lower()
