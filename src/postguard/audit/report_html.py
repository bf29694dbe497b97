"""An audit's ``report.html``: one self-contained file. Its styles are inline and its charts are SVG drawn
on this machine by matplotlib (licensed under the PSF-based matplotlib licence; pygal, which draws
nicer SVG, is LGPL) with text left as text, and placed in the page itself; nothing is loaded from
anywhere (no script, font, style sheet or image; a Content-Security-Policy says so to the browser).
The only addresses in it are the links to the original posts.

Every word from an archive (posts, account names, links, messages quoting them) is escaped.

Sections: the run (archives, settings, counts and verdicts); findings per rule; per account; over time
(by month); the worst posts with their findings, the words each points at marked, and a link to the
original; posts that could not be checked; archive entries that were skipped.
"""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from postguard.audit.outputs import EXAMPLES, SEVERITIES, Totals
from postguard.audit.store import atomic_file

if TYPE_CHECKING:
    from postguard.audit.run import AuditSummary

COLOURS = {"error": "#b8342a", "warning": "#e0a526", "info": "#4f7fd1"}
TOP_ACCOUNTS = 20
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
_SVG_START = re.compile(r"<svg\b")
_SVG_NOISE = re.compile(r'\s+xmlns(?::xlink)?="[^"]*"|<metadata>.*?</metadata>', re.S)
_SVG_ID = re.compile(r'\bid="([^"]+)"')
_LINK = re.compile(r"^https?://[^\s\"'<>]+$", re.I)

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d1d1f;margin:0}
html,body{background:#f6f6f4}
main{max-width:1100px;margin:0 auto;padding:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:20px;margin:32px 0 8px;border-bottom:2px solid #002147}
table{border-collapse:collapse;margin:8px 0;background:#fff}
th,td{border:1px solid #d8d8d4;padding:4px 8px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:#666}.chart{background:#fff;border:1px solid #d8d8d4;padding:8px;margin:8px 0;overflow-x:auto}
.chart svg{max-width:100%;height:auto}
.post{background:#fff;border:1px solid #d8d8d4;border-left:6px solid #999;padding:10px 14px;margin:12px 0}
.post.block{border-left-color:#b8342a}.post.approval{border-left-color:#8a4fb8}.post.warn{border-left-color:#e0a526}
.text{white-space:pre-wrap;overflow-wrap:anywhere;background:#fafaf8;padding:8px;border-radius:4px}
mark{background:#ffe08a;padding:0 1px}
.sev{display:inline-block;min-width:64px;font-weight:600}
.sev.error{color:#b8342a}.sev.warning{color:#9a6b00}.sev.info{color:#2f5fb0}
.verdict{font-weight:700;text-transform:uppercase;font-size:13px}
ul.findings{margin:6px 0 0;padding-left:20px}
"""


def esc(value: Any) -> str:
    return html.escape("" if value is None else str(value), quote=True)


# charts -----------------------------------------------------------------------------------------------


def _figure(width: float, height: float) -> Any:
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height))
    FigureCanvasSVG(fig)
    return fig


def svg_of(fig: Any, name: str) -> str:
    """The figure as SVG to place in the page: text as text, the XML prolog, namespaces and metadata
    dropped (an SVG inside HTML needs none), and every id prefixed with ``name`` so that two charts'
    clip paths and markers never meet."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "postguard"}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = buffer.getvalue()
    start = _SVG_START.search(text)
    text = _SVG_NOISE.sub("", text[start.start() :] if start else text)
    for ident in set(_SVG_ID.findall(text)):
        new = f"{name}-{ident}"
        text = text.replace(f'id="{ident}"', f'id="{new}"').replace(f'#{ident}"', f'#{new}"')
        text = text.replace(f"#{ident})", f"#{new})")
    return text.replace("<svg ", f'<svg role="img" aria-label="{esc(name)}" ', 1)


def _stacked_barh(name: str, labels: Sequence[str], counts: Sequence[dict[str, int]], *, xlabel: str) -> str:
    fig = _figure(9, max(1.6, 0.32 * len(labels) + 0.9))
    ax = fig.add_subplot()
    left = [0] * len(labels)
    ys = list(range(len(labels)))[::-1]
    for severity in SEVERITIES:
        values = [c.get(severity, 0) for c in counts]
        if any(values):
            ax.barh(ys, values, left=left, color=COLOURS[severity], label=severity, height=0.7)
            left = [a + b for a, b in zip(left, values, strict=True)]
    ax.set_yticks(ys, [label if len(label) <= 48 else label[:47] + "…" for label in labels], fontsize=9)
    ax.set_xlabel(xlabel)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top", "right"]].set_visible(False)
    if any(left):
        ax.legend(loc="lower right", fontsize=8, frameon=False)
    fig.tight_layout()
    return svg_of(fig, name)


def _months_chart(months: Sequence[str], counts: Sequence[dict[str, int]]) -> str:
    fig = _figure(10, 3.4)
    ax = fig.add_subplot()
    xs = list(range(len(months)))
    bottom = [0] * len(months)
    for severity in SEVERITIES:
        values = [c.get(severity, 0) for c in counts]
        if any(values):
            ax.bar(xs, values, bottom=bottom, color=COLOURS[severity], label=severity, width=0.8)
            bottom = [a + b for a, b in zip(bottom, values, strict=True)]
    posts = [c.get("posts", 0) for c in counts]
    ax2 = ax.twinx()
    ax2.plot(xs, posts, color="#002147", linewidth=1.2, marker="." if len(xs) < 40 else None, label="posts")
    ax2.set_ylabel("posts", color="#002147")
    ax2.set_ylim(bottom=0)
    step = max(1, len(months) // 18)
    ax.set_xticks(xs[::step], [m for m in months[::step]], rotation=45, ha="right", fontsize=8)
    ax.set_ylabel("findings")
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax2.yaxis.get_major_locator().set_params(integer=True)
    ax.spines[["top"]].set_visible(False)
    handles = ax.get_legend_handles_labels()[0] + ax2.get_legend_handles_labels()[0]
    ax.legend(handles=handles, loc="upper left", fontsize=8, frameon=False)
    fig.tight_layout()
    return svg_of(fig, "months")


# sections ---------------------------------------------------------------------------------------------


def _table(head: Sequence[str], rows: Iterable[Sequence[Any]], numeric: Sequence[bool]) -> str:
    out = ["<table><thead><tr>"]
    out += [f"<th{' class=n' if n else ''}>{esc(h)}</th>" for h, n in zip(head, numeric, strict=True)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        cells = (
            f"<td{' class=n' if n else ''}>{esc(f'{v:,}' if isinstance(v, int) else v)}</td>"
            for v, n in zip(row, numeric, strict=True)
        )
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _run_section(totals: Totals, summary: AuditSummary, settings: dict[str, Any]) -> str:
    archives = ", ".join(os.path.basename(a["path"]) for a in settings.get("archives", []))
    packs = ", ".join(os.path.basename(p["path"]) for p in settings.get("packs", [])) or "the University's base pack"
    left_out = ", ".join(f"{n:,} {kind}" for kind, n in summary.left_out.items()) or "none"
    rows: list[tuple[str, Any]] = [
        ("archives", archives),
        ("account kind", settings.get("account")),
        ("bio", settings.get("bio") or "(none)"),
        ("policy", packs),
        ("posts checked (the account's publications)", totals.posts),
        ("of which identical to an earlier post (checked once)", totals.shared),
        ("could not be checked", totals.errors),
        ("findings (not lifted by a record)", totals.findings),
        ("archive entries skipped", sum(totals.skipped_codes.values())),
        ("not the account's publications, left out", left_out),
        ("checked with", summary.workers),
        ("Postguard", settings.get("postguard")),
    ]
    body = "".join(f"<tr><th>{esc(k)}</th><td>{esc(f'{v:,}' if isinstance(v, int) else v)}</td></tr>" for k, v in rows)
    order = ("block", "approval", "warn", "pass", "error")
    verdicts = _table(
        ["verdict", "posts"], [(v, totals.verdicts.get(v, 0)) for v in order if totals.verdicts.get(v)], (False, True)
    )
    return f"<h2>The run</h2><table><tbody>{body}</tbody></table><h3>Verdicts</h3>{verdicts}"


def _rules_section(totals: Totals) -> str:
    codes = sorted(set(totals.rules) | set(totals.lifted), key=lambda c: (-sum(totals.rules[c].values()), c))
    if not codes:
        return "<h2>Findings per rule</h2><p>No findings.</p>"
    labels = [f"{c} {totals.rule_names.get(c, '')}" for c in codes]
    chart = _stacked_barh("rules", labels, [totals.rules[c] for c in codes], xlabel="findings")
    rows = [
        (c, totals.rule_names.get(c, ""), *(totals.rules[c].get(s, 0) for s in SEVERITIES), totals.lifted.get(c, 0))
        for c in codes
    ]
    table = _table(["code", "rule", *SEVERITIES, "lifted by a record"], rows, (False, False, True, True, True, True))
    return f'<h2>Findings per rule</h2><div class="chart">{chart}</div>{table}'


def _accounts_section(totals: Totals) -> str:
    def findings(c: dict[str, int]) -> int:
        return sum(c.get(s, 0) for s in SEVERITIES)

    accounts = sorted(totals.accounts, key=lambda a: (-findings(totals.accounts[a]), a))
    shown = accounts[:TOP_ACCOUNTS]
    chart = ""
    if any(findings(totals.accounts[a]) for a in shown):
        labels = [a or "(unnamed)" for a in shown]
        chart = _stacked_barh("accounts", labels, [totals.accounts[a] for a in shown], xlabel="findings")
        chart = f'<div class="chart">{chart}</div>'
    rows = [
        (
            a or "(unnamed)",
            totals.accounts[a]["posts"],
            totals.accounts[a]["flagged"],
            *(totals.accounts[a].get(s, 0) for s in SEVERITIES),
        )
        for a in accounts
    ]
    table = _table(
        ["account", "posts", "posts with findings", *SEVERITIES], rows, (False, True, True, True, True, True)
    )
    return f"<h2>Per account</h2>{chart}{table}"


def _months_section(totals: Totals) -> str:
    months = sorted(m for m in totals.months if m != "no date")
    chart = ""
    if months:
        filled = _every_month(months)
        chart = f'<div class="chart">{_months_chart(filled, [totals.months.get(m, {}) for m in filled])}</div>'
    keys = months + (["no date"] if "no date" in totals.months else [])
    rows = [
        (m, totals.months[m]["posts"], totals.months[m]["flagged"], *(totals.months[m].get(s, 0) for s in SEVERITIES))
        for m in keys
    ]
    table = _table(["month", "posts", "posts with findings", *SEVERITIES], rows, (False, True, True, True, True, True))
    return f"<h2>Over time</h2>{chart}{table}"


def _every_month(months: Sequence[str]) -> list[str]:
    """Every month from the first to the last (months with no post drawn as empty)."""
    try:
        year, month = (int(x) for x in months[0].split("-"))
        last = tuple(int(x) for x in months[-1].split("-"))
    except ValueError:
        return list(months)
    out: list[str] = []
    while (year, month) <= last and len(out) < 1200:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def marked(text: str, findings: Sequence[dict[str, Any]]) -> str:
    """The post's text, escaped, with the spans its findings point at in ``<mark>``."""
    spans: list[tuple[int, int, str]] = []
    for f in findings:
        where = (f.get("where") or {}).get("text")
        if where and 0 <= where[0] < where[1] <= len(text):
            spans.append((where[0], where[1], f["code"]))
    spans.sort()
    out: list[str] = []
    at = 0
    for start, end, code in spans:
        if start < at:  # overlapping: mark the rest of this span only
            start = at
        if start >= end:
            continue
        out.append(esc(text[at:start]))
        out.append(f'<mark title="{esc(code)}">{esc(text[start:end])}</mark>')
        at = end
    out.append(esc(text[at:]))
    return "".join(out)


def _link(url: Any) -> str:
    if isinstance(url, str) and _LINK.match(url):
        return f'<a href="{esc(url)}" rel="noopener noreferrer">the original</a>'
    return f'<span class="muted">{esc(url)}</span>' if url else '<span class="muted">no link in the archive</span>'


def _post_card(line: dict[str, Any]) -> str:
    report = line["report"]
    verdict = report.get("verdict", "")
    head = " · ".join(
        esc(x) for x in (line.get("platform"), line.get("account"), line.get("kind"), line.get("created_at")) if x
    )
    items = []
    for f in report.get("findings", []):
        lifted = f" (lifted by {esc(f['lifted_by'])})" if f.get("lifted_by") else ""
        items.append(
            f'<li><span class="sev {esc(f["severity"])}">{esc(f["severity"])}</span> <b>{esc(f["code"])}</b> '
            f"{esc(f['name'])}: {esc(f['message'])}{lifted}</li>"
        )
    for e in report.get("photo_errors") or []:
        items.append(f"<li>photo {esc(e['photo'] + 1)} ({esc(e['path'])}): {esc(e['message'])}</li>")
    if report.get("error"):
        items.append(f"<li>could not be checked: {esc(report['error'].get('message'))}</li>")
    return (
        f'<div class="post {esc(verdict)}"><div><span class="verdict">{esc(verdict)}</span> {head} · '
        f"{_link(line.get('url'))} <span class=muted>{esc(line.get('id'))}</span></div>"
        f'<div class="text">{marked(line.get("text") or "", report.get("findings", []))}</div>'
        f'<ul class="findings">{"".join(items)}</ul></div>'
    )


def _worst_section(totals: Totals) -> str:
    worst = totals.worst_posts()
    if not worst:
        return "<h2>The worst posts</h2><p>No post has a finding.</p>"
    intro = (
        f"<p class=muted>The {len(worst)} posts with the most serious findings (blocking first, then by the "
        "number and severity of their findings); every post is in reports.jsonl and findings.csv.</p>"
    )
    return "<h2>The worst posts</h2>" + intro + "".join(_post_card(line) for line in worst)


def _problems_section(totals: Totals) -> str:
    out = []
    if totals.unchecked:
        more = f" (the first {EXAMPLES} of {totals.errors:,})" if totals.errors > len(totals.unchecked) else ""
        out.append(f"<h2>Posts that could not be checked{more}</h2>")
        out += [_post_card(line) for line in totals.unchecked]
    skipped = sum(totals.skipped_codes.values())
    if skipped:
        more = f" (the first {EXAMPLES} of {skipped:,}; all in skipped.jsonl)" if skipped > len(totals.skipped) else ""
        out.append(f"<h2>Archive entries skipped{more}</h2>")
        out.append(
            _table(
                ["code", "member", "entry", "reason"],
                [(p.code, p.member, p.entry or "", p.reason) for p in totals.skipped],
                (False, False, False, False),
            )
        )
    return "".join(out)


def render(totals: Totals, *, summary: AuditSummary, settings: dict[str, Any]) -> str:
    generated = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    sections = [
        _run_section(totals, summary, settings),
        _rules_section(totals),
        _accounts_section(totals),
        _months_section(totals),
        _worst_section(totals),
        _problems_section(totals),
    ]
    return (
        "<!DOCTYPE html>\n<html lang=en><head><meta charset=utf-8>"
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
        '<meta name=viewport content="width=device-width, initial-scale=1">'
        f"<title>Postguard audit</title><style>{STYLE}</style></head><body><main>"
        f"<h1>Postguard audit</h1><p class=muted>Checked against the University of Oxford's social media "
        f"guidance; generated {esc(generated)}. Findings are prompts for judgement, not verdicts on people.</p>"
        + "".join(sections)
        + "</main></body></html>\n"
    )


def write_html(path: Path, totals: Totals, *, summary: AuditSummary, settings: dict[str, Any]) -> None:
    page = render(totals, summary=summary, settings=settings)
    with atomic_file(path) as fh:
        fh.write(page)
