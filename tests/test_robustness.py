"""Hostile text must not stall the analyzers (no catastrophic regex backtracking) and long texts are
read whole. The subprocess bound is a guard against a hang, not a speed measurement."""

from __future__ import annotations

import subprocess
import sys

import pytest

from postguard.analyzers.embeddings import CHUNK_CHARS, chunk_text
from postguard.text.sentences import sentences

# Expressions, built inside the subprocess (the texts are too long for a command line).
HOSTILE = [
    "'\"' + 'word ' * 19_000",
    "'password ' * 11_000",
    "'door code is ' * 7_000",
    "'user/' * 19_000",
    "'closed ' * 14_000",
    "'a' * 99_000",
    "'\\u200b' * 99_000",
    "'раssword ' * 11_000",
    "'a1' * 49_000",
    "'x' * 98_000 + '1'",
    "'a.' * 49_000",
    "'a dot ' * 16_000",
    "'a [dot] ' * 12_000",
    "'a+.' * 33_000",
    "'\\U0001f400\\U0001f3fd\\u200d' * 33_000",
    "'ihatemuslims ' * 7_600",
    "('qwertyuiopasdfghjklzxcvbnm' * 2 + 'abcdefg ') * 1_650",
]


@pytest.mark.slow
def test_analyzers_finish_on_hostile_text() -> None:
    code = (
        "import sys\n"
        "from postguard.analyzers.cues import CuesAnalyzer\n"
        "from postguard.analyzers.secrets import SecretsAnalyzer\n"
        "from postguard.analyzers.pii import PiiAnalyzer\n"
        "from postguard.analyzers.people import PeopleAnalyzer\n"
        "from postguard.text.document import make_document\n"
        "from postguard.text.for_encoder import prepare\n"
        f"for text in [{', '.join(HOSTILE)}]:\n"
        "    doc = make_document(text)\n"
        "    CuesAnalyzer().analyze(doc); SecretsAnalyzer().analyze(doc); prepare(doc.text)\n"
        "    PiiAnalyzer().analyze(doc); PeopleAnalyzer().analyze(doc)\n"
        "print('ok')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.stdout.strip() == "ok", result.stderr


def test_long_text_without_full_stops_is_read_whole() -> None:
    text = "word " * 2_000
    chunks = chunk_text(0, text, sentences(text))
    assert len(chunks) >= 2000 * 5 // CHUNK_CHARS
    assert all(len(c.text) <= CHUNK_CHARS for c in chunks)
    assert chunks[-1].offset + len(chunks[-1].text) == len(text.rstrip())
