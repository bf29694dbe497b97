"""The ``postguard`` command: a thin adapter over the library.

Exit codes: 0 pass; 1 findings at or above ``--fail-on``; 2 usage or input error (one line on stderr,
never a traceback); 3 an internal error (a bug: please report it).

Examples::

    postguard check --account personal --bio "Professor at Oxford" "The new fees policy is a disaster."
    postguard check --format json post.md
    postguard check --jsonl posts.jsonl > reports.jsonl
    postguard fix --bio "Lecturer at Oxford" post.md
    postguard rules
    postguard rule OP001
    postguard audit import twitter-2024-05-01-abc.zip > items.jsonl
    postguard audit run twitter-2024-05-01-abc.zip --out audit
"""

from __future__ import annotations

import contextlib
import errno
import functools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import click

from postguard import __version__
from postguard.errors import InputError, PostguardError, UsageError
from postguard.server.commands import access, approvals, db, log, serve, token
from postguard.types import Post, Report, Severity

EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 3
JSONL_BATCH = 64


def _engine(packs: Sequence[str]) -> Any:
    from postguard.engine import Engine, default_engine
    from postguard.policy.pack import load_pack

    return Engine(load_pack(*packs)) if packs else default_engine()


def _fail_level(value: str) -> Severity | None:
    return None if value == "never" else Severity(value)


def _exit_code(reports: Sequence[Report], fail_on: Severity | None) -> int:
    if fail_on is not None and any(r.fails(fail_on) for r in reports):
        return EXIT_FINDINGS
    return 0


class _Options:
    """The options that describe a post, checked through the one input model (:mod:`postguard.post_input`)
    as each post is built."""

    def __init__(
        self, account: str, bio: str, platform: str, at: str | None, photos: Sequence[str], records: Sequence[str]
    ) -> None:
        from postguard.post_input import parse_account, parse_platform, parse_record_option, parse_time

        parse_account(account)  # a bad option is a usage error before any file is read
        parse_platform(platform)
        if at is not None:
            parse_time(at)  # --at '' too: an empty time would leave working hours unchecked
        for photo in photos:
            try:
                if Path(photo).is_dir():
                    raise UsageError("PG201", path=photo)
                if not Path(photo).exists():
                    raise UsageError("PG202", path=photo)
                if not Path(photo).is_file():
                    raise UsageError("PG209", path=photo)
            except OSError as exc:  # a name too long for the file system
                raise UsageError("PG208", path=photo, reason=exc.strerror or type(exc).__name__) from None
        self.photos = tuple(photos)
        self.fields: dict[str, Any] = {
            "account": account,
            "bio": bio,
            "platform": platform,
            "scheduled_at": at,
            "photos": list(photos),
            "records": [parse_record_option(r) for r in records],
        }

    def post(self, text: str, *, markdown: bool, post_id: str | None = None) -> Post:
        from postguard.post_input import post_from_fields

        return post_from_fields({**self.fields, "text": text, "markdown": markdown, "id": post_id})


def _post_options(f: Any) -> Any:
    """Add the options that describe a post, handed to the command as ``options`` (their raw values,
    read by :class:`_Options`) and ``packs``."""
    options = [
        click.option(
            "--account",
            default="personal",
            show_default=True,
            metavar="personal|professional|official",
            help="The kind of account that will publish the post.",
        ),
        click.option("--bio", default="", help="The account's bio or profile text."),
        click.option(
            "--platform",
            default="generic",
            show_default=True,
            metavar="NAME",
            help="x, bluesky, threads, mastodon, linkedin, facebook, instagram, blog, … (any case; an unknown "
            "name is refused with the list).",
        ),
        click.option("--at", "at", metavar="ISO-TIME", help="When the post is scheduled (default: not checked)."),
        click.option(
            "--photo",
            "photos",
            multiple=True,
            metavar="PATH",
            help="A photo attached to the post (repeatable): faces, children, text, metadata, research, nudity, crest.",
        ),
        click.option(
            "--record",
            "records",
            multiple=True,
            metavar="ID:KIND:CODES[:EXPIRES]",
            help="A registry record the post cites, e.g. WP-114:written-permission:AU001:2026-12-31.",
        ),
        click.option(
            "--pack",
            "packs",
            multiple=True,
            metavar="PATH",
            help="A department policy pack layered on the University's base pack.",
        ),
    ]

    @functools.wraps(f)
    def with_options(**kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in ("account", "bio", "platform", "at", "photos", "records")}
        return f(options=values, packs=kwargs.pop("packs"), **kwargs)

    for option in reversed(options):
        with_options = option(with_options)
    return with_options


def _style_for(stream: Any) -> Any:
    if stream.isatty():
        return click.style
    return lambda text, **_: text


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="postguard")
def cli() -> None:
    """Check social media posts against the University of Oxford's guidance before publishing."""


@cli.command()
@click.argument("inputs", nargs=-1, metavar="TEXT|-|FILE...")
@_post_options
@click.option("--format", "fmt", type=click.Choice(["text", "json", "sarif"]), default="text", show_default=True)
@click.option(
    "--fail-on",
    type=click.Choice(["info", "warning", "error", "never"]),
    default="error",
    show_default=True,
    help="Exit 1 when a finding reaches this severity.",
)
@click.option("--jsonl", metavar="FILE|-", help="Check one post per JSON line; write one JSON report per line.")
def check(
    inputs: tuple[str, ...],
    options: dict[str, Any],
    packs: tuple[str, ...],
    fmt: str,
    fail_on: str,
    jsonl: str | None,
) -> None:
    """Check a post given as TEXT, read from stdin (-), or from text and Markdown FILEs.

    \b
    postguard check --bio "Professor at Oxford" "The new fees policy is a disaster."
    postguard check --format sarif docs/blog/*.md
    """
    engine = _engine(packs)
    level = _fail_level(fail_on)
    if jsonl is not None:
        if inputs:
            raise UsageError("PG203")
        sys.exit(_check_jsonl(engine, jsonl, level))
    described = _Options(**options)
    if not inputs and not described.photos:
        raise UsageError("PG204")
    if inputs.count("-") > 1:
        raise UsageError("PG225", count=inputs.count("-"))
    from postguard.inputs import Source

    if len(inputs) > 1:
        entries = _files(inputs, engine.pack.max_text_chars)
    elif inputs:
        entries = [(inputs[0], _sources(inputs, engine.pack.max_text_chars)[0])]
    else:
        entries = [("post", Source("post", "", None, False))]
    sources = [e for _, e in entries if isinstance(e, Source)]
    checked = iter(engine.check_many([described.post(s.text, markdown=s.markdown) for s in sources]))
    shown: list[tuple[Any, Report]] = []  # every input in the order given, checked or not (verdict error)
    problems: list[InputError] = []
    for name, entry in entries:
        if isinstance(entry, Source):
            report = next(checked)
            shown.append((entry, report))
            if report.error is not None:
                problems.append(InputError.about(entry.name, report.error.code or "PG100", report.error.message))
        else:
            shown.append((Source(name, "", Path(name), False), engine.error_report(entry)))
            problems.append(entry)
    if len(inputs) <= 1 and problems:
        raise problems[0]  # the one post cannot be checked: the usual one-line error
    _emit(fmt, [s for s, _ in shown], [r for _, r in shown])
    for problem in problems:  # every file that could not be checked, once more where a script looks
        click.echo(f"postguard: error [{problem.code}]: {problem}", err=True)
    sys.exit(EXIT_USAGE if problems else _exit_code([r for _, r in shown], level))


def _stdin() -> Any:
    return sys.stdin.buffer if sys.stdin is not None else None


def _sources(inputs: Sequence[str], max_chars: int) -> list[Any]:
    """The post a single argument gives: text, stdin (-) or a file."""
    from postguard.inputs import source_from_argument

    return [source_from_argument(inputs[0], stdin=_stdin(), max_chars=max_chars)]


def _files(inputs: Sequence[str], max_chars: int) -> list[tuple[str, Any]]:
    """Several arguments are files: each one's name and its source, or the problem that kept it from being
    read (the others are still checked and reported), in the order given."""
    from postguard.inputs import source_from_file

    entries: list[tuple[str, Any]] = []
    for name in inputs:
        try:
            if name == "-":  # standard input among files (given once: checked before)
                entries.append((name, _sources([name], max_chars)[0]))
                continue
            if not Path(name).is_file():
                raise InputError("PG142", path=name)
            entries.append((name, source_from_file(Path(name), max_chars=max_chars)))
        except InputError as exc:
            entries.append((name, exc))
        except OSError as exc:  # a looping symlink, a name too long
            entries.append((name, InputError("PG126", path=name, reason=exc.strerror or type(exc).__name__)))
    return entries


def _emit(fmt: str, sources: Sequence[Any], reports: Sequence[Report]) -> None:
    if fmt == "json":
        payload = [r.to_json() for r in reports]
        click.echo(json.dumps(payload[0] if len(payload) == 1 else payload, indent=2, ensure_ascii=False))
    elif fmt == "sarif":
        from postguard.report.sarif import to_sarif

        items = [(s.name if s.path else "post.txt", s.text, r) for s, r in zip(sources, reports, strict=True)]
        click.echo(json.dumps(to_sarif(items), indent=2, ensure_ascii=False))
    else:
        from postguard.report.text import render

        style = _style_for(sys.stdout)
        for source, report in zip(sources, reports, strict=True):
            click.echo(render(report, source.text, name=source.name, style=style))


def _check_jsonl(engine: Any, where: str, level: Severity | None) -> int:
    from postguard.inputs import open_regular, read_jsonl

    if where == "-":
        if sys.stdin is None:
            raise InputError("PG140")
        stream = sys.stdin.buffer
    else:
        stream = open_regular(Path(where))  # a FIFO or /dev/zero is refused, never read
    worst = 0
    lines = unchecked = 0
    try:
        batch: list[Any] = []
        for line in read_jsonl(stream, max_chars=engine.pack.max_text_chars):
            batch.append(line)
            if len(batch) >= JSONL_BATCH:
                code, failed = _flush(engine, batch, level)
                worst, lines, unchecked = max(worst, code), lines + len(batch), unchecked + failed
                batch = []
        code, failed = _flush(engine, batch, level)
        worst, lines, unchecked = max(worst, code), lines + len(batch), unchecked + failed
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    if not lines:  # an empty file, or only blank lines: the wrong file, never a silent pass
        raise InputError("PG128", name="standard input" if where == "-" else where)
    if unchecked:  # their reports say why; one line here so that a script sees it too
        summary = InputError("PG119", count=unchecked, lines=lines)
        click.echo(f"postguard: error [{summary.code}]: {summary}", err=True)
    return worst


def _flush(engine: Any, batch: Sequence[Any], level: Severity | None) -> tuple[int, int]:
    """Check and write a batch of lines; the worst exit code, and how many lines could not be checked
    (not a post, or a post the engine could not check: an empty text, eleven photos)."""
    from postguard.report.model import error_json, report_json

    posts = [line.post for line in batch if line.post is not None]
    reports = iter(engine.check_many(posts))
    code = unchecked = 0
    out = sys.stdout
    for line in batch:
        if line.post is None:
            obj = error_json(
                line.problem or "", policy=engine.pack.label, post_id=line.id, line=line.number, code=line.code
            )
            code, unchecked = max(code, EXIT_USAGE), unchecked + 1
        else:
            report = next(reports)
            obj = report_json(report, line=line.number)
            if report.error is not None:
                code, unchecked = max(code, EXIT_USAGE), unchecked + 1
            elif level is not None and report.fails(level):
                code = max(code, EXIT_FINDINGS)
        out.write(json.dumps(obj, ensure_ascii=False) + "\n")
    out.flush()
    return code, unchecked


@cli.command()
@click.argument("source", metavar="[TEXT|-|FILE]", required=False)
@_post_options
@click.option("--unsafe", is_flag=True, help="Also apply unsafe fixes (they change meaning; review them).")
@click.option("--write", is_flag=True, help="Write the fixed text back to FILE (otherwise only the diff is shown).")
@click.option(
    "--out", "out_path", metavar="PATH", help="Write the fixed text to PATH; fixed photos go to PATH's folder."
)
@click.option("--force", is_flag=True, help="Replace an existing --out file or cleaned photo copies.")
def fix(
    source: str | None,
    options: dict[str, Any],
    packs: tuple[str, ...],
    unsafe: bool,
    write: bool,
    out_path: str | None,
    force: bool,
) -> None:
    """Apply safe fixes (and unsafe ones with --unsafe): print the text change as a diff, and write cleaned
    copies of photos next to the originals (never changing them).

    \b
    postguard fix --bio "Lecturer at Oxford" "Cutting the library hours is a terrible idea."
    postguard fix --write blog/post.md
    postguard fix --photo holiday.jpg
    """
    import postguard
    from postguard.fixes.apply import unified_diff
    from postguard.photos.operations import write_photos

    if write and out_path:
        raise UsageError("PG226")
    engine = _engine(packs)
    described = _Options(**options)
    if source is None and not described.photos:
        raise UsageError("PG206")
    src = _sources([source], engine.pack.max_text_chars)[0] if source is not None else None
    post = described.post(src.text if src else "", markdown=bool(src and src.markdown))
    report = engine.check(post)
    if report.error is not None:
        raise InputError.about(src.name if src else "post", report.error.code or "PG100", report.error.message)
    if report.photo_errors:  # a photo nobody could read: say so, fix nothing in it
        problem = report.photo_errors[0]
        raise InputError("PG137", number=problem.photo + 1, path=problem.path, problem=problem.message)
    result = postguard.fix(post, report, applicability="unsafe" if unsafe else "safe")
    if src is not None and result.text != src.text:
        click.echo(unified_diff(src.text, result.text, name=Path(src.name).name if src.path else "post"), nl=False)
        if write and src.path is None and not out_path:
            raise UsageError("PG207")
        if out_path:
            _write_fixed(Path(out_path), result.text, replace_file=force, bom=src.bom)
            click.echo(f"wrote {out_path}", err=True)
        elif write and src.path is not None:
            _write_fixed(src.path, result.text, replace_file=True, bom=src.bom)
            click.echo(f"wrote {src.path}", err=True)
    out_dir = str(Path(out_path).parent) if out_path else None
    for photo, path in write_photos(described.photos, result.photo_operations, out_dir=out_dir, overwrite=force):
        click.echo(f"photo {photo + 1}: wrote {path} (the original is unchanged)", err=True)
    if not result.changed:
        click.echo("nothing to fix", err=True)


def _write_fixed(path: Path, text: str, *, replace_file: bool, bom: bool = False) -> None:
    """Write the fixed text to ``path`` atomically: a new temporary file beside it (created exclusively,
    so no symlink is followed), given the mode of the file it replaces, then renamed over it. A symlink
    at ``path`` is refused, and an existing file is replaced only when ``replace_file``; a byte-order
    mark the original had is kept."""
    import os
    import stat
    import tempfile

    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as exc:  # a name too long, a folder that is not one
        raise InputError("PG127", path=path, reason=exc.strerror or exc.__class__.__name__) from None
    if info is not None and stat.S_ISLNK(info.st_mode):
        raise InputError("PG133", path=path)
    if info is not None and not stat.S_ISREG(info.st_mode):  # /dev/full, a FIFO, a folder: never renamed over
        raise InputError("PG135", path=path)
    if info is not None and not replace_file:
        raise InputError("PG134", path=path)
    if info is not None and not info.st_mode & stat.S_IWUSR:
        raise InputError("PG136", path=path)
    mode = stat.S_IMODE(info.st_mode) if info is not None else None
    try:
        if path.is_symlink():
            raise InputError("PG133", path=path)
        if path.is_dir():
            raise InputError("PG127", path=path, reason="it is a directory; give a file name")
        existing = path.exists()
        if existing and not replace_file:
            raise InputError("PG134", path=path)
        mode = stat.S_IMODE(path.stat().st_mode) if existing else None
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".postguard-tmp", dir=path.parent or ".")
    except OSError as exc:
        raise InputError("PG127", path=path, reason=exc.strerror or exc.__class__.__name__) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise InputError("PG127", path=path, reason=exc.strerror or exc.__class__.__name__) from None


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules(fmt: str) -> None:
    """List every rule code, with its status, default severities and clauses."""
    from postguard.rules.catalogue import CATALOGUE

    rows: list[dict[str, Any]] = []
    for code, rule in CATALOGUE.items():
        rows.append(
            {
                "code": code,
                "name": rule.name,
                "status": rule.status,
                "clauses": list(rule.clauses),
                "severity": {k.value: v.value for k, v in rule.default_severity.items()},
                "fix": rule.fix_availability,
            }
        )
    if fmt == "json":
        click.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        sev = row["severity"]
        severities = sev["personal"] if len(set(sev.values())) == 1 else "/".join(sev.values())
        status = "" if row["status"] == "active" else f"  ({row['status']})"
        click.echo(f"{row['code']}  {row['name']:38s} {severities:22s} {', '.join(row['clauses'])}{status}")


@cli.command()
@click.argument("code")
def rule(code: str) -> None:
    """Show the documentation of one rule."""
    from postguard.docsgen import rule_page
    from postguard.rules.catalogue import get_rule

    click.echo(rule_page(get_rule(code)))


@cli.command(hidden=True)
@click.option("--out", "out_path", default="docs/report.schema.json", show_default=True)
def schema(out_path: str) -> None:
    """Write the report's JSON Schema, generated from the report model."""
    from postguard.report.model import schema_text

    Path(out_path).write_text(schema_text(), encoding="utf-8")
    click.echo(out_path)


@cli.command(hidden=True)
@click.option("--out", "out_dir", default="docs/rules", show_default=True)
def docs(out_dir: str) -> None:
    """Regenerate the rule pages of the documentation from the rules' docstrings."""
    from postguard.docsgen import write_pages

    for path in write_pages(Path(out_dir)):
        click.echo(str(path))


@cli.group()
def audit() -> None:
    """Audit what an account published, from its platform's archive."""


def _format_names() -> list[str]:
    from postguard.audit.importers import FORMATS

    return list(FORMATS)


@audit.command("import")
@click.argument("archive", metavar="ARCHIVE")
@click.option("--format", "fmt", type=click.Choice(_format_names()), help="The export's format (default: detected).")
@click.option("--include-non-publications", is_flag=True, help="Also list reposts of others, direct messages, drafts.")
def audit_import(archive: str, fmt: str | None, include_non_publications: bool) -> None:
    """Import an account's archive (a zip, a tar.gz, a folder or one export file): one JSON object per
    item on stdout, each skipped entry on stderr. Exit 0 when all was imported, 1 when some was skipped.

    \b
    postguard audit import twitter-2024-05-01-abc.zip > items.jsonl
    postguard audit import --format mastodon archive-20240501.tar.gz
    """
    from postguard.audit import ImportedItem, import_archive

    skipped = 0
    only = not include_non_publications
    with import_archive(archive, fmt, extract_media=False, verify_media=True, publications_only=only) as run:
        for result in run:
            if isinstance(result, ImportedItem):
                sys.stdout.write(json.dumps(result.to_json(), ensure_ascii=False) + "\n")
            elif result.notice:
                click.echo(f"postguard: note [{result.code}]: {result.message}", err=True)
            else:
                skipped += 1
                click.echo(f"postguard: skipped [{result.code}]: {result.message}", err=True)
        if run.left_out:
            counts = ", ".join(f"{n} {kind.value}" for kind, n in sorted(run.left_out.items()))
            note = f"not the account's publications, left out: {counts} (--include-non-publications lists them)"
            click.echo(f"postguard: {note}", err=True)
        refusal = run.refusal()
    if refusal is not None:
        raise refusal
    sys.exit(EXIT_FINDINGS if skipped else 0)


@audit.command("run")
@click.argument("archives", nargs=-1, required=True, metavar="ARCHIVE...")
@click.option("--out", "out_dir", required=True, metavar="DIR", help="The output folder (a run there is resumed).")
@click.option("--format", "fmt", type=click.Choice(_format_names()), help="The exports' format (default: detected).")
@click.option("--account", default="personal", show_default=True, metavar="personal|professional|official")
@click.option("--bio", default="", help="The account's bio or profile text.")
@click.option("--workers", type=click.IntRange(0), help="Local worker processes (default: one per core; 0: none).")
@click.option("--scheduler", metavar="tcp://HOST:PORT", help="Check on this Dask cluster instead.")
@click.option("--partition-size", type=click.IntRange(1, 100_000), default=256, show_default=True)
@click.option("--pack", "packs", multiple=True, metavar="PATH", help="A department policy pack.")
@click.option("--store", is_flag=True, help="Also store the finished audit in the registry's database.")
@click.option("--registry-account", metavar="A-N", help="With --store: the account audited (default: matched).")
def audit_run(
    archives: tuple[str, ...], out_dir: str, fmt: str | None, store: bool, registry_account: str | None, **options: Any
) -> None:
    """Check every publication in account archives: reports.jsonl, findings.csv and report.html in DIR.
    Run the same command again after an interruption to resume. Exit 0 when every post was checked, 1 when
    some archive entries were skipped or some posts could not be checked.

    \b
    postguard audit run twitter-2024-05-01-abc.zip --out audit-x --bio "Professor at Oxford"
    postguard audit run archive.zip --out /shared/audit --scheduler tcp://10.0.0.5:8786
    """
    from postguard.audit.run import run_audit

    if not store:
        if registry_account is not None:
            raise click.UsageError("--registry-account is for --store")
        summary = run_audit(archives, out_dir, format=fmt, progress=sys.stderr, **options)
    else:
        from postguard.server.audits.commands import registry_sink

        with registry_sink(registry_account) as sink:
            summary = run_audit(archives, out_dir, format=fmt, progress=sys.stderr, sinks=[sink], **options)
    click.echo(f"postguard: {summary.line()}", err=True)
    if store:
        click.echo(f"postguard: stored in the registry as {sink.stored.ref}", err=True)
    sys.exit(EXIT_FINDINGS if summary.skipped or summary.errors else 0)


@audit.command("store")
@click.argument("out_dir", metavar="DIR")
@click.option("--registry-account", metavar="A-N", help="The account audited (default: matched).")
def audit_store(out_dir: str, registry_account: str | None) -> None:
    """Store a finished audit (the --out folder of postguard audit run) in the registry's database, for its
    dashboard and API (GET /api/v1/audits). Storing it again changes nothing.

    \b
    postguard audit store audit-x --registry-account A-12
    """
    from postguard.server.audits.commands import store_folder

    run = store_folder(out_dir, registry_account)
    click.echo(f"postguard: stored {out_dir} in the registry as {run.ref} ({run.posts:,} posts)", err=True)


# The governance service (the server extra); Django loads only when one of these runs.
for _command in (serve, db, log, approvals, access, token):
    cli.add_command(_command)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: runs the command group and turns every error into a one-line message."""
    try:
        if sys.stdout is None:
            raise InputError("PG143", reason="standard output is closed")
        try:
            cli.main(args=list(argv) if argv is not None else None, prog_name="postguard", standalone_mode=False)
        finally:
            _flush_stdout()
    except SystemExit as exc:
        raise exc
    except click.exceptions.Abort as exc:
        if isinstance(exc.__context__, KeyboardInterrupt):  # click turns Ctrl-C into Abort
            click.echo("postguard: interrupted", err=True)
            sys.exit(130)
        click.echo("postguard: aborted", err=True)
        sys.exit(EXIT_USAGE)
    except click.exceptions.NoArgsIsHelpError as exc:
        click.echo(exc.ctx.get_help() if exc.ctx else str(exc))
        sys.exit(0)
    except click.UsageError as exc:  # a bad option, choice or value, as click found it: coded like the rest
        command = exc.ctx.command_path if exc.ctx is not None else "postguard"
        usage = UsageError("PG200", message=" ".join(exc.format_message().split()), command=command)
        click.echo(f"postguard: error [{usage.code}]: {usage}", err=True)
        sys.exit(EXIT_USAGE)
    except click.ClickException as exc:
        click.echo(f"postguard: error: {exc.format_message()}", err=True)
        sys.exit(EXIT_USAGE)
    except PostguardError as exc:
        click.echo(f"postguard: error [{exc.code}]: {exc}", err=True)
        sys.exit(EXIT_USAGE)
    except BrokenPipeError:
        sys.exit(0)
    except OSError as exc:  # standard output closed, full disk, gone away: no report reached anyone
        if exc.errno in _OUTPUT_ERRNOS:
            _say(f"postguard: error [PG143]: {InputError('PG143', reason=exc.strerror or type(exc).__name__)}")
            sys.exit(EXIT_USAGE)
        _say(f"postguard: internal error: {exc.__class__.__name__}: {exc} (please report this)")
        sys.exit(EXIT_INTERNAL)
    except KeyboardInterrupt:
        click.echo("postguard: interrupted", err=True)
        sys.exit(130)
    except Exception as exc:  # a bug: say so in one line, never a traceback
        click.echo(f"postguard: internal error: {exc.__class__.__name__}: {exc} (please report this)", err=True)
        sys.exit(EXIT_INTERNAL)
    sys.exit(0)


_OUTPUT_ERRNOS = frozenset({errno.ENOSPC, errno.EBADF, errno.EIO, errno.EDQUOT, errno.EFBIG})


def _flush_stdout() -> None:
    if sys.stdout is not None:
        sys.stdout.flush()


def _say(line: str) -> None:
    """One line on stderr, if there is a stderr to say it on."""
    if sys.stderr is not None:
        with contextlib.suppress(OSError):
            print(line, file=sys.stderr)


if __name__ == "__main__":
    main()
