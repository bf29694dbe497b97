"""Human output for a terminal: the post with flagged spans marked, then each finding.

Everything shown that came from outside (the post, file names, pack and record fields, messages that
quote the post) passes through :func:`visible` first, so that what the post holds is shown and never
obeyed: an escape sequence (colours, a cursor move, an OSC 8 link or title), a carriage return that
overwrites the line, or a bidirectional override that reorders it."""

from __future__ import annotations

from collections.abc import Callable

from postguard.errors import shown
from postguard.types import PARTLY_CHECKED, Finding, Report, Severity, Verdict

Style = Callable[..., str]

_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_VERDICT_COLOURS = {"pass": "green", "warn": "yellow", "approval": "magenta", "block": "red", "error": "red"}


def _plain(text: str, **_: object) -> str:
    return text


def _shown_as() -> dict[int, str]:
    table = {c: chr(0x2400 + c) for c in range(0x20) if c not in (0x09, 0x0A)}  # ␀ … ␛ ␍ …: one column each
    table[0x0A] = "\u2424"  # ␤, where a field is one line (a post keeps its line breaks)
    table[0x7F] = "\u2421"  # ␡
    named = [*range(0x80, 0xA0), 0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
    named += [0x2028, 0x2029, *range(0xD800, 0xE000)]  # line separators; lone surrogates
    table.update({c: f"<U+{c:04X}>" for c in named})  # C1 controls, bidirectional marks and overrides
    return table


_SHOWN_AS = _shown_as()


def visible(text: str) -> str:
    """``text`` with every character that a terminal would obey rather than show made visible: C0 and
    C1 controls (ESC as ␛, CR as ␍), DEL, bidirectional marks, embeddings, overrides and isolates
    (``<U+202E>``), line separators, lone surrogates. Tabs are kept; a newline shows as ␤."""
    return text.translate(_SHOWN_AS)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of ``offset`` in ``text``."""
    line = text.count("\n", 0, offset) + 1
    start = text.rfind("\n", 0, offset) + 1
    return line, offset - start + 1


def render(report: Report, text: str, *, name: str = "post", style: Style = _plain) -> str:
    out: list[str] = []
    verdict = Verdict.ERROR.value if report.error is not None else report.verdict.value
    counting = [f for f in report.findings if f.counts]
    head = f"{visible(name)}: {style(verdict.upper(), fg=_VERDICT_COLOURS[verdict], bold=True)}"
    if report.error is not None:
        message = report.error.message
        for named in (f"{name}: ", f"{shown(name)}: "):  # a file's problem that names the file already
            message = message.removeprefix(named) if name != "post" else message
        out.append(f"{head}  {visible(message)}")
        return "\n".join(out) + "\n"
    summary = f"{len(counting)} finding{'s' if len(counting) != 1 else ''}"
    lifted = len(report.findings) - len(counting)
    if lifted:
        summary += f", {lifted} lifted by records"
    out.append(f"{head}  {summary}  (policy {visible(report.policy)})")
    out.extend(_marked_text(report.findings, text, style))
    for f in report.findings:
        out.extend(_finding(f, text, style))
    for e in report.photo_errors:
        out.append(style(f"photo {e.photo + 1} ({visible(e.path)}) {visible(unchecked_photo(e.message))}", fg="red"))
    for notice in report.notices:
        out.append(style(f"note: {visible(notice)}", dim=True))
    return "\n".join(out) + "\n"


def unchecked_photo(message: str) -> str:
    """A photo's problem as a sentence: a photo not decoded at all, or one that a step failed on."""
    return message if message.startswith(PARTLY_CHECKED) else f"could not be checked: it {message}"


def _marked_text(findings: tuple[Finding, ...], text: str, style: Style) -> list[str]:
    spans = [(f.where.text.start, f.where.text.end, f) for f in findings if f.where.text is not None]
    if not spans:
        return []
    lines = text.split("\n")
    starts = [0]
    for line in lines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out = [""]
    width = len(str(len(lines)))
    for number, (line, start) in enumerate(zip(lines, starts, strict=True), 1):
        end = start + len(line)
        here = [(max(a, start), min(b, end), f) for a, b, f in spans if a < end + 1 and b > start and a <= end]
        if not here:
            continue
        marked = [False] * len(line)
        labels = []
        for a, b, f in here:
            for i in range(a - start, max(a - start + 1, b - start)):
                if i < len(marked):
                    marked[i] = True
            labels.append(style(visible(f.code), fg=_COLOURS[f.severity], bold=True))
        if line.endswith("\r") and number < len(lines):
            line = line[:-1]  # CRLF: the CR is part of the line break, not something to show
        shown, marks = [], []
        for ch, flagged in zip(line, marked, strict=False):
            seen = visible(ch)
            shown.append(seen)
            marks.append(("^" if flagged else "\t" if ch == "\t" else " ") * len(seen))
        caret = "".join(marks).rstrip()
        out.append(f"  {number:>{width}} | {''.join(shown)}")
        out.append(f"  {'':>{width}} | {style(caret, fg='red')} {' '.join(dict.fromkeys(labels))}")
    out.append("")
    return out


def _finding(f: Finding, text: str, style: Style) -> list[str]:
    where = ""
    if f.where.text is not None:
        line, col = line_col(text, f.where.text.start)
        where = f" {line}:{col}"
    elif f.where.photo is not None:
        where = f" photo {f.where.photo + 1}" + (f" at {list(f.where.box)}" if f.where.box else "")
    severity = style(f.severity.value, fg=_COLOURS[f.severity])
    clauses = visible(", ".join(f.clauses))
    title = f"{style(visible(f.code), bold=True)} {visible(f.name)} [{severity}]{where} ({clauses})"
    if f.lifted_by:
        title += style(f"  lifted by record {visible(f.lifted_by)}", fg="green")
    lines = [title, f"    {visible(f.message)}"]
    if f.fix is not None:
        lines.append(f"    fix ({f.fix.applicability.value}): {visible(f.fix.title)}")
    if f.route and not f.lifted_by:
        lines.append(f"    approval: a record from {visible(f.route)} lifts this")
    return lines
