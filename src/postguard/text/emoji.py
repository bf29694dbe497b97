"""Emoji spelled out as their Unicode names, for the sentence encoder.

MiniLM's vocabulary has no emoji: each one becomes [UNK], so "🐀🐀🐀" and "❤️❤️❤️" read alike. Abuse often
puts an emoji where a word would be (an animal for a group of people, a knife for a threat), so before
tokenising, the encoder replaces each emoji with its name in lower case ("🐀" -> "rat", "🔪" -> "hocho",
"🏳️‍🌈" -> "waving white flag rainbow"). Skin-tone modifiers, variation selectors and joiners are
dropped; a pair of regional indicator letters (a national flag) becomes "flag".

The result is longer than the input, so :func:`spell_emoji` returns a
:class:`~postguard.text.rewrite.Rewrite` that says where each of its characters came from: the encoder
maps its tokens' offsets back through it to place tokens in the document's sentences.
``training/train_abuse.py`` reads it too (through :func:`postguard.text.for_encoder.prepare`), so the
model is trained on what it sees.
"""

from __future__ import annotations

import re
import unicodedata

from postguard.text.rewrite import Rewrite, replace

# One emoji: a pair of regional indicator letters (a flag), or a pictograph or symbol drawn as emoji with
# the modifiers, variation selectors and joiners after it; or such marks left on their own.
_SILENT_CLASS = "\u200d\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff"
_BASE_CLASS = "\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001f3fa\U0001f400-\U0001faff"
_EMOJI = re.compile(f"[\U0001f1e6-\U0001f1ff]{{2}}|[{_BASE_CLASS}][{_SILENT_CLASS}]*|[{_SILENT_CLASS}]+")
_SILENT = re.compile(f"[{_SILENT_CLASS}]")
_REGIONAL = range(0x1F1E6, 0x1F200)


def spell_emoji(text: str) -> Rewrite | None:
    """``text`` with its emoji replaced by their names, or None when it has none (the common case)."""
    if _EMOJI.search(text) is None:
        return None
    return replace(text, ((m.start(), m.end(), f" {_name(m.group(0))} ") for m in _EMOJI.finditer(text)))


def _name(emoji: str) -> str:
    base = _SILENT.sub("", emoji)
    if not base:
        return ""
    if ord(base[0]) in _REGIONAL:
        return "flag"
    return unicodedata.name(base[0], "").lower()
