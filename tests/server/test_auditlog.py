"""The audit log: appends chain, `verify` finds the first edited, deleted or reordered entry, erasure keeps
the chain verifiable, and concurrent appends never fork it (on SQLite and PostgreSQL)."""

from __future__ import annotations

import threading
from typing import Any

import pytest

from postguard.errors import GovernanceError
from postguard.server.auditlog.chain import GENESIS

from .helpers import OFFICER


def _append(n: int, **payload: Any) -> list[Any]:
    from postguard.server.auditlog.services import append

    return [
        append(actor=OFFICER, action="test.step", object_type="test", object_id=i, payload=payload) for i in range(n)
    ]


def _sql(statement: str, *params: Any) -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(statement, params)


def _verify() -> Any:
    from postguard.server.auditlog.selectors import verify_log

    return verify_log(chunk_size=2)  # small chunks: the walk streams across several


def test_appends_chain_each_entry_to_the_one_before(db: str) -> None:
    first, second, third = _append(3, note="x")
    assert first.prev_hash == GENESIS and second.prev_hash == first.hash and third.prev_hash == second.hash
    assert [first.seq, second.seq, third.seq] == [1, 2, 3]
    result = _verify()
    assert result.ok and result.entries == 3 and result.head_seq == 3 and result.head_hash == third.hash
    assert result.describe().startswith("OK: 3 entries")


def test_an_empty_log_verifies(db: str) -> None:
    assert _verify().ok and _verify().entries == 0


def test_an_entry_edited_in_the_database_is_named(db: str) -> None:
    _append(5, note="original")
    _sql("UPDATE auditlog_entry SET payload = %s WHERE seq = 3", '{"note": "edited"}')
    result = _verify()
    assert not result.ok and (result.broken_at, result.problem) == (3, "edited")
    assert result.describe() == "BROKEN at entry 3: edited: its content does not match its hash"


def test_an_edited_actor_or_time_is_caught_too(db: str) -> None:
    _append(3)
    _sql("UPDATE auditlog_entry SET actor = 'user:99' WHERE seq = 2")
    assert (_verify().broken_at, _verify().problem) == (2, "edited")


def test_an_entry_rewritten_with_a_recomputed_hash_is_named(db: str) -> None:
    from postguard.server.auditlog.chain import Header, field_digest, payload_digest
    from postguard.server.auditlog.models import Entry

    _append(4, note="original")
    entry = Entry.objects.get(seq=2)
    salts = dict(entry.salts)
    digest = payload_digest({"note": field_digest("note", salts["note"], "forged")})
    header = Header(entry.seq, entry.at, entry.actor, entry.action, entry.object_type, entry.object_id, digest)
    _sql(
        "UPDATE auditlog_entry SET payload = %s, hash = %s WHERE seq = 2",
        '{"note": "forged"}',
        header.hash_after(entry.prev_hash),
    )
    result = _verify()
    assert (result.broken_at, result.problem) == (2, "edited") and "rewritten" in result.detail


def test_a_deleted_entry_is_named(db: str) -> None:
    _append(5)
    _sql("DELETE FROM auditlog_entry WHERE seq = 3")
    result = _verify()
    assert (result.broken_at, result.problem) == (3, "deleted")
    assert result.detail == "entry 3 missing before entry 4"


def test_entries_deleted_from_the_end_are_caught_by_the_head(db: str) -> None:
    _append(5)
    _sql("DELETE FROM auditlog_entry WHERE seq >= 4")
    result = _verify()
    assert (result.broken_at, result.problem) == (4, "deleted")
    assert result.detail == "entries 4 to 5 missing at the end of the log"


def test_reordered_entries_are_named(db: str) -> None:
    _append(5)
    _sql("UPDATE auditlog_entry SET seq = 1000 WHERE seq = 3")
    _sql("UPDATE auditlog_entry SET seq = 3 WHERE seq = 4")
    _sql("UPDATE auditlog_entry SET seq = 4 WHERE seq = 1000")
    result = _verify()
    assert (result.broken_at, result.problem) == (3, "reordered")
    assert result.detail == "it follows entry 4, not entry 2"


def test_entries_cannot_be_changed_or_deleted_through_the_orm(db: str) -> None:
    (entry,) = _append(1, note="x")
    entry.payload = {"note": "y"}
    with pytest.raises(ValueError, match="append-only"):
        entry.save()
    with pytest.raises(ValueError, match="append-only"):
        entry.delete()


def test_erasing_a_person_keeps_the_chain_verifiable_and_the_values_unguessable(db: str) -> None:
    from django.db import connection

    from postguard.server.auditlog.models import Entry, EntryPerson
    from postguard.server.auditlog.services import append, erase_person

    append(actor=OFFICER, action="t", object_type="t", object_id=1, payload={"name": "Ada Lovelace", "kind": "staff"},
           personal={"name": 7})  # fmt: skip
    append(
        actor=OFFICER, action="t", object_type="t", object_id=2, payload={"name": "Alan Turing"}, personal={"name": 8}
    )
    append(actor=OFFICER, action="t", object_type="t", object_id=1, payload={"email": "ada@example.org"},
           personal={"email": 7})  # fmt: skip
    assert erase_person(actor=OFFICER, person_id=7) == 2
    first, second, third = Entry.objects.order_by("seq")
    assert first.payload == {"kind": "staff"} and set(first.salts) == {"kind"} and set(first.redacted) == {"name"}
    assert second.payload == {"name": "Alan Turing"}
    assert third.payload == {} and third.salts == {} and len(third.redacted["email"]) == 64
    assert set(EntryPerson.objects.filter(person_id=7).values_list("key", "erased")) == {
        ("name", True),
        ("email", True),
    }
    with connection.cursor() as cursor:
        cursor.execute("SELECT payload, salts, redacted FROM auditlog_entry")
        stored = repr(cursor.fetchall())
    assert "Ada" not in stored and "ada@example.org" not in stored and "Alan Turing" in stored
    result = _verify()
    assert result.ok and result.entries == 3
    # an edit after the erasure is still caught
    _sql("UPDATE auditlog_entry SET redacted = %s WHERE seq = 3", '{"email": "' + "0" * 64 + '"}')
    assert (_verify().broken_at, _verify().problem) == (3, "edited")


def test_a_field_moved_into_redacted_by_hand_is_caught(db: str) -> None:
    """Issue 27: a live field moved into ``redacted`` with its correct digest keeps the hash; verify still
    names the entry, because no erasure of a person covers that field."""
    import json

    from postguard.server.auditlog.chain import field_digest
    from postguard.server.auditlog.models import Entry
    from postguard.server.auditlog.services import append, erase_person

    append(actor=OFFICER, action="t", object_type="t", object_id=1, payload={"name": "Ada Lovelace", "kind": "staff"},
           personal={"name": 7})  # fmt: skip
    append(actor=OFFICER, action="t", object_type="t", object_id=2, payload={"kind": "visitor"})
    erase_person(actor=OFFICER, person_id=7)
    assert _verify().ok
    for seq, key in ((2, "kind"), (1, "kind")):
        entry = Entry.objects.get(seq=seq)
        payload, salts, redacted = dict(entry.payload), dict(entry.salts), dict(entry.redacted)
        redacted[key] = field_digest(key, salts.pop(key), payload.pop(key))
        _sql("UPDATE auditlog_entry SET payload = %s, salts = %s, redacted = %s WHERE seq = %s",
             json.dumps(payload), json.dumps(salts), json.dumps(redacted), seq)  # fmt: skip
        result = _verify()
        assert (result.broken_at, result.problem) == (seq, "edited"), result.describe()
        assert "kind marked erased" in result.detail


def test_the_payload_carries_no_secrets_and_only_exact_json(db: str) -> None:
    from postguard.server.auditlog.models import Entry
    from postguard.server.auditlog.services import append

    with pytest.raises(GovernanceError) as secret:
        append(actor=OFFICER, action="t", object_type="t", object_id=1, payload={"new_password": "hunter2"})
    assert secret.value.code == "PG630"
    with pytest.raises(GovernanceError) as floating:
        append(actor=OFFICER, action="t", object_type="t", object_id=1, payload={"score": [0.5]})
    assert floating.value.code == "PG631"
    assert not Entry.objects.exists()


@pytest.mark.parametrize("threads", [2])
def test_concurrent_appends_never_fork_the_chain(db: str, threads: int) -> None:
    from django.db import connections

    from postguard.server.auditlog.models import Entry

    per_thread = 25
    errors: list[BaseException] = []
    start = threading.Barrier(threads)

    def work() -> None:
        try:
            start.wait()
            _append(per_thread, note="concurrent")
        except BaseException as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    workers = [threading.Thread(target=work) for _ in range(threads)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert errors == []
    seqs = list(Entry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, threads * per_thread + 1))
    assert Entry.objects.values("prev_hash").distinct().count() == threads * per_thread  # no two share a parent
    assert _verify().ok
