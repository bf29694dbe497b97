"""The audit log's tables: the entries, the people whose data each entry holds, and the head.

Entries are appended by :func:`postguard.server.auditlog.services.append` only; the one change ever made to
an entry is erasing a person's fields (:func:`~postguard.server.auditlog.services.erase_person`), which
keeps the chain verifiable (:mod:`postguard.server.auditlog.chain`).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from postguard.server.auditlog.chain import Stored

ERASABLE_FIELDS = frozenset({"payload", "salts", "redacted"})


class Entry(models.Model):
    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    actor = models.CharField(max_length=100)
    action = models.CharField(max_length=100)
    object_type = models.CharField(max_length=100)
    object_id = models.CharField(max_length=100)
    payload = models.JSONField(default=dict)
    # each payload field's salt; an erased field's digest (its value and salt are gone)
    salts = models.JSONField(default=dict)
    redacted = models.JSONField(default=dict)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["seq"]
        verbose_name_plural = "entries"

    def __str__(self) -> str:
        return f"{self.seq} {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Entries are written once; afterwards only an erasure may change the payload's fields."""
        fields = kwargs.get("update_fields")
        if not self._state.adding and (fields is None or not set(fields) <= ERASABLE_FIELDS):
            raise ValueError("audit log entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("audit log entries are append-only")

    def stored(self, erased_keys: frozenset[str] | None = None) -> Stored:
        return Stored(
            self.seq,
            self.at,
            self.actor,
            self.action,
            self.object_type,
            self.object_id,
            self.payload,
            self.salts,
            self.redacted,
            self.prev_hash,
            self.hash,
            erased_keys,
        )


class EntryPerson(models.Model):
    """A payload field of an entry that is a person's data (so that erasing the person finds it). The
    person is the registry's id: the log depends on no other app."""

    entry = models.ForeignKey(Entry, on_delete=models.PROTECT, related_name="people")
    person_id = models.BigIntegerField(db_index=True)
    key = models.CharField(max_length=100)
    # set when the person is erased (the mark stays: verification accepts a redacted field only when an
    # erased mark names it)
    erased = models.BooleanField(default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["entry", "person_id", "key"], name="auditlog_entry_person_key")]


class Head(models.Model):
    """The one row that names the last entry: appends lock it (so they queue), and verification compares
    the chain's end with it (so deleting the last entries is caught)."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.PositiveBigIntegerField(default=0)
    hash = models.CharField(max_length=64)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="auditlog_head_single_row")]
