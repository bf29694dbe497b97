"""A text as the sentence encoder reads it: one function, so that training and run time agree.

In order: spelling tricks undone (:func:`postguard.text.obfuscation.unmask`: length-preserving), words
run together pulled apart (:func:`postguard.text.runtogether.split_run_together`), emoji spelled out
as their names (:func:`postguard.text.emoji.spell_emoji`). The last two make the text longer; their
maps are composed into one :class:`~postguard.text.rewrite.Rewrite` back to the original.
``training/train_abuse.py`` reads the text through :func:`prepare` too.
"""

from __future__ import annotations

from postguard.text.emoji import spell_emoji
from postguard.text.obfuscation import unmask
from postguard.text.rewrite import Rewrite, compose
from postguard.text.runtogether import split_run_together


def prepare(text: str) -> tuple[str, Rewrite | None]:
    """What the encoder reads for ``text``, and the map back to ``text`` (None where every offset is
    its own: the common case)."""
    unmasked = unmask(text)
    split = split_run_together(unmasked)
    spelled = spell_emoji(split.text if split else unmasked)
    rewrite = compose(split, spelled)
    return (rewrite.text if rewrite else unmasked), rewrite
