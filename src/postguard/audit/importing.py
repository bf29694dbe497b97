"""Importing an archive: :func:`import_archive` opens it, finds its format, and streams what the format's
importer yields; :func:`to_post` turns an item into a :class:`~postguard.types.Post` to check.

Items come one at a time as the importer reads them (a format read member by member is never held whole
as items). Photos are copied, each within its cap, into the import's private temporary folder when
``extract_media`` is on; the folder lives until :meth:`ArchiveImport.close` (or the end of a ``with``
block), so a caller checks an item's photos before closing the import and may :meth:`~ArchiveImport.done`
each item once it is checked, to free the space.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Generator, Iterator
from dataclasses import replace
from types import TracebackType

from postguard.audit.archive import DEFAULT_LIMITS, Archive, Limits, open_archive
from postguard.audit.entries import Result
from postguard.audit.importers import detect, importer
from postguard.audit.media import is_photo
from postguard.audit.model import ImportedItem, ImportProblem, Kind, problem
from postguard.errors import ArchiveError
from postguard.types import AccountKind, Post

# Postguard's platform names (the policy pack's disclaimer styles and length limits) per export platform.
_POST_PLATFORM = {"wordpress": "blog", "feed": "blog", "youtube": "generic"}


class ArchiveImport(Iterator[Result]):
    """The results of importing one archive, in order: the archive's refused members first, then each
    item and each problem as the importer meets them. Use as a context manager, or :meth:`close`."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        format: str | None = None,
        *,
        limits: Limits = DEFAULT_LIMITS,
        extract_media: bool = True,
        publications_only: bool = False,
        media_dir: str | os.PathLike[str] | None = None,
        verify_media: bool = False,
    ) -> None:
        if format is not None:
            importer(format)  # an unknown format is an error before the archive is opened
        self.archive: Archive = open_archive(path, limits=limits)
        self.archive.media_dir = None if media_dir is None else os.fspath(media_dir)
        try:
            self.format = format or detect(self.archive)
        except ArchiveError:
            self.archive.close()
            raise
        self.extract_media = extract_media
        self.verify_media = verify_media
        self.publications_only = publications_only
        # the items left out because they are not the account's publications, by kind
        self.left_out: Counter[Kind] = Counter()
        self.imported = 0  # items yielded (publications or not)
        self.problems: list[ImportProblem] = []  # what was skipped (notices not included)
        self.finished = False
        self._results = self._run()

    def _run(self) -> Generator[Result, None, None]:
        for result in self._read():
            if isinstance(result, ImportedItem):
                self.imported += 1
            elif not result.notice:
                self.problems.append(result)
            yield result
        self.finished = True

    def _read(self) -> Generator[Result, None, None]:
        yield from self.archive.problems
        limit = self.archive.limits.max_text_chars
        used: set[str] = set()
        for result in importer(self.format).read(self.archive):
            if isinstance(result, ImportedItem):
                used.update(result.media)
                if len(result.text) > limit:
                    yield _too_long(result, limit)
                    continue
                if self.publications_only and not result.publication:
                    self.left_out[result.kind] += 1
                    continue
                if self.extract_media and result.media:
                    result, problems = self._extracted(result)
                    yield from problems
                elif self.verify_media and result.media:
                    result, problems = self._verified(result)
                    yield from problems
            yield result
        if self.verify_media:
            yield from self._unused_photos(used)

    def refusal(self) -> ArchiveError | None:
        """Once every result was read: the error that says the archive could not be imported at all (no
        item, and a member it needed could not be read), else ``None``."""
        if not self.finished or self.imported or not any(p.code in _UNREADABLE for p in self.problems):
            return None
        first = next(p for p in self.problems if p.code in _UNREADABLE)
        count = len(self.problems)
        plural = "" if count == 1 else "s"
        where = f"[{first.code}] {first.member}"
        return ArchiveError("PG548", member=self.archive.label, count=count, s=plural, first=where)

    def _unused_photos(self, used: set[str]) -> Iterator[ImportProblem]:
        """Photos in the archive that no item uses, read through their caps: nothing would read them in
        an audit, but one that cannot be read (a zip bomb whose header lies) is still reported."""
        for name in self.archive.names:
            if name in used or not is_photo(name):
                continue
            failed = self._unreadable(name)
            if failed is not None:
                yield problem("PG553", name, reason=failed.reason)

    def _unreadable(self, name: str) -> ArchiveError | None:
        try:
            with self.archive.open(name, limit=self.archive.limits.max_photo_bytes, what="a photo") as stream:
                while stream.read(1 << 20):
                    pass
        except ArchiveError as exc:
            return exc
        return None

    def _verified(self, item: ImportedItem) -> tuple[ImportedItem, list[ImportProblem]]:
        """Each photo read through its caps and dropped (``audit import``: the same problems an audit run
        meets when it extracts them, without writing anything)."""
        kept, problems = [], []
        for name in item.media:
            failed = self._unreadable(name)
            if failed is None:
                kept.append(name)
            else:
                problems.append(
                    problem("PG533", name, entry=f"{item.kind.value} {item.id}", photo=name, reason=failed.reason)
                )
        return replace(item, media=tuple(kept)), problems

    def _extracted(self, item: ImportedItem) -> tuple[ImportedItem, list[ImportProblem]]:
        files, problems = [], []
        for name in item.media:
            try:
                files.append(self.archive.extract(name))
            except ArchiveError as exc:
                problems.append(
                    problem("PG533", name, entry=f"{item.kind.value} {item.id}", photo=name, reason=exc.reason)
                )
        return replace(item, media_files=tuple(files)), problems

    def __next__(self) -> Result:
        return next(self._results)

    def done(self, item: ImportedItem) -> None:
        """Remove the extracted copies of ``item``'s photos (once it was checked)."""
        for path in item.media_files:
            self.archive.discard(path)

    def close(self) -> None:
        self._results.close()
        self.archive.close()

    def __enter__(self) -> ArchiveImport:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


# Problems that mean a member the importer needed could not be read at all (not one entry of it).
_UNREADABLE = frozenset({"PG514", "PG515", "PG517", "PG520", "PG521", "PG522", "PG523", "PG524", "PG526"})


def _too_long(item: ImportedItem, limit: int) -> ImportProblem:
    member = item.source or "archive"
    return problem("PG546", member, entry=f"{item.kind.value} {item.id[:100]}", chars=len(item.text), limit=limit)


def import_archive(
    path: str | os.PathLike[str],
    format: str | None = None,
    *,
    limits: Limits = DEFAULT_LIMITS,
    extract_media: bool = True,
    publications_only: bool = False,
    media_dir: str | os.PathLike[str] | None = None,
    verify_media: bool = False,
) -> ArchiveImport:
    """Import the export at ``path`` (a zip, a tar, a folder, or one export file) as ``format``, or the
    format its files show. Raises :class:`~postguard.errors.ArchiveError` only when the archive cannot be
    read at all; everything else skipped is an :class:`ImportProblem` among the results. Photos are
    extracted into a private temporary folder made in ``media_dir`` (default: the system's temporary
    folder). ``verify_media`` (without ``extract_media``) reads each photo through its caps and drops any
    that cannot be read, with a problem: what ``postguard audit import`` does.

    >>> with import_archive("twitter-2024-05-01.zip", extract_media=True) as results:  # doctest: +SKIP
    ...     posts = [to_post(r) for r in results if isinstance(r, ImportedItem) and r.publication]
    """
    return ArchiveImport(
        path,
        format,
        limits=limits,
        extract_media=extract_media,
        publications_only=publications_only,
        media_dir=media_dir,
        verify_media=verify_media,
    )


def to_post(item: ImportedItem, *, account: AccountKind = AccountKind.PERSONAL, bio: str = "") -> Post:
    """The post to check: the item's text, its extracted photos, its platform, the time it was published
    (so the working-hours rule reads it as it reads a scheduled time) and the id
    ``platform:account:id``. The account's kind and bio are the caller's to give."""
    return Post(
        text=item.text,
        photos=item.media_files,
        account=account,
        bio=bio,
        platform=_POST_PLATFORM.get(item.platform, item.platform),
        scheduled_at=item.created_at,
        id=f"{item.platform}:{item.account}:{item.id}",
    )
