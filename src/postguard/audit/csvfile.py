"""CSV members (LinkedIn, YouTube): decoded whole within ``max_text_bytes``, then read row by row with a
strict parser (a lenient one silently merges rows after a broken quote), columns by their normalised
names (``Video Title (Original)`` -> ``video title (original)``), so their order and case may vary."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator

from postguard.audit.archive import Archive
from postguard.audit.entries import Malformed, Result, sourced
from postguard.audit.model import ImportedItem, ImportProblem, problem
from postguard.audit.times import BadTime
from postguard.errors import ArchiveError

HEADER_SEARCH = 10  # rows before the header that are skipped (LinkedIn's notes above some tables)


def column(name: str) -> str:
    return " ".join(name.replace("\ufeff", "").split()).lower()


def rows(
    archive: Archive, name: str, *, required: Iterable[str]
) -> Iterator[tuple[str, dict[str, str]] | ImportProblem]:
    """``("row N", {column: value})`` for each row after the header that names every ``required``
    column; a row of the wrong width, or the CSV broken from some line on, becomes a problem."""
    try:
        source = archive.read_text(name)
    except ArchiveError as exc:
        yield ImportProblem.of(exc)
        return
    reader = csv.reader(io.StringIO(source, newline=""), strict=True)
    wanted = [column(c) for c in required]
    header: list[str] | None = None
    try:
        for row in reader:
            if header is None:
                names = [column(c) for c in row]
                if all(w in names for w in wanted):
                    header = names
                elif reader.line_num >= HEADER_SEARCH:
                    break
                continue
            if not row or row == [""]:
                continue
            where = f"row at line {reader.line_num}"
            if len(row) != len(header):
                reason = f"it has {len(row)} fields; the header has {len(header)}"
                yield problem("PG530", name, entry=where, problem=reason)
                continue
            yield where, dict(zip(header, row, strict=True))
    except csv.Error as exc:
        yield problem("PG524", name, reason=f"{exc} at line {reader.line_num}")
        return
    if header is None:
        missing = wanted[0] if wanted else "?"
        yield problem("PG525", name, column=missing, header="not found in its first lines")


def each_row(
    archive: Archive, name: str, *, required: Iterable[str], build: Callable[[dict[str, str]], ImportedItem]
) -> Iterator[Result]:
    """``build`` on each row; a malformed row becomes a problem naming it, and the next is read."""
    for row in rows(archive, name, required=required):
        if isinstance(row, ImportProblem):
            yield row
            continue
        where, fields = row
        try:
            yield sourced(build(fields), name)
        except Malformed as exc:
            yield problem("PG530", name, entry=where, problem=str(exc))
        except BadTime as exc:
            yield problem("PG531", name, entry=where, value=exc.value)
