"""Worst cases: how long one check takes on posts built to be slow, each near the 100,000-character limit.

    python bench/hostile.py [--only NAME]

Each post repeats one pattern that a rule or an analyzer reads: thousands of addresses, phone numbers or
IBANs in one run-on sentence, titles without names, runs of digits, Markdown that never closes, a table
of phone numbers. A quadratic step shows here long before it shows on ordinary posts: before the fixes
recorded in the git log, the addresses took 41 s, the table 10.9 s and the titles 7.3 s. Prints the
seconds for a whole check of each post (models loaded first) and the number of findings; no post may
crash the check, and the worst time is printed last.
"""

from __future__ import annotations

import argparse
import time

from postguard import Post
from postguard.engine import Engine

LIMIT = 99_000

TEXT = {
    "addresses in one sentence": "12 High Street, " * 6_000,
    "phone numbers": "07700 900123 " * 7_600,
    "IBANs": "GB82 WEST 1234 5698 7654 32 " * 3_400,
    "titles without names": "Dr " * 33_000,
    "digits and spaces": "0 " * 49_000,
    "digits and dashes": "1-" * 49_000,
    "at signs": "a@" * 49_000,
    "spoken addresses": "a at b dot " * 9_000,
    "one word": "a" * LIMIT,
    "line breaks": "a\n" * 49_000,
    "emoji joined": "\U0001f469\u200d" * 45_000,
    "handles": "@a " * 33_000,
    "threats repeated": "I will kill you " * 6_000,
}
MARKDOWN = {
    "table of phone numbers": "| a | b |\n|---|---|\n" + "| 07700 900123 | x |\n" * 4_000,
    "unclosed code fence": "```\n" + "x = 1\n" * 15_000,
    "unclosed links": "[a](http://x.com/" + "(" * 30_000,
    "HTML tags": "<div>" * 18_000,
    "emphasis": "*a _b " * 15_000,
    "backticks": "`" * LIMIT,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", help="run the cases whose name contains this")
    args = parser.parse_args()
    engine = Engine()
    engine.load()
    engine.check(Post("warm up"))
    worst = (0.0, "")
    cases = [(name, text, False) for name, text in TEXT.items()] + [(n, t, True) for n, t in MARKDOWN.items()]
    for name, text, markdown in cases:
        if args.only and args.only not in name:
            continue
        post = Post(text[:LIMIT], markdown=markdown)
        started = time.perf_counter()
        report = engine.check(post)
        seconds = time.perf_counter() - started
        worst = max(worst, (seconds, name))
        kind = "Markdown" if markdown else "text"
        print(f"{name:28s} {kind:8s} {len(post.text):6,d} chars  {seconds:6.2f} s  {len(report.findings):5d} findings")
    print(f"worst: {worst[1]}, {worst[0]:.2f} s")


if __name__ == "__main__":
    main()
