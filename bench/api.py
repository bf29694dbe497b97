"""The REST API under load: clients on loopback against ``postguard serve`` (gunicorn), on SQLite and on
PostgreSQL, checking posts and taking them through approval while others read.

    python bench/api.py                            # 50 clients for 60 s, on SQLite then PostgreSQL
    python bench/api.py --database sqlite --clients 20 --seconds 30
    python bench/api.py --postgres postgresql://postgres@127.0.0.1:5432/postgres   # where to make the database

Needs the ``server`` and ``dev`` extras (the clients use requests, which the dev extra brings).

Each run starts from nothing: a new data folder (SQLite) or a new PostgreSQL database (dropped after), the
migrations, then the people the clients act as, made through the services: an official account owned by
every author, two communications officers who approve, and an API token each (scopes read, write,
check). ``postguard serve`` is then started as a user starts it (gunicorn, ``--workers`` processes of 4
threads), and warmed up (each worker loads the models on its first check).

The clients (one thread each, one keep-alive connection each) loop until the time is up. Nine in ten are
authors: each round, a check of a post of the official account (``POST /checks``, multipart), then one
time in two its approval (``POST /approvals``, then ``.../submit``), and reads (``GET /checks/{id}``,
``GET /registry/accounts``, ``GET /approvals``). One in ten are approvers: they read
``GET /approvals/awaiting`` and approve the oldest (``.../decide``); two approvers may reach for the same
one, and the later is refused (PG649, PG650): counted as "refused", not as errors.

Prints, per database: requests/s, p50 and p95 latency (all requests, and per kind), writes done, the
errors (a 5xx, a refusal other than that race, or a failed connection: the target is none), and the audit
log afterwards: its entries against the writes the clients saw succeed (the target: equal, nothing lost
or duplicated) and whether its chain verifies.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
POSTS = [
    "We are delighted to announce that the Department of Physics has won a £2m grant for quantum sensing.",
    "Our open day is on Saturday: come and see the labs.",
    "Congratulations to our students on their results this summer!",
    "The physics department welcomes new students this week.",
    "Join us for the public lecture on dark matter next Thursday at 6pm.",
    "New paper out today on catalysis in water, open access.",
    "The library will be closed on Monday for maintenance.",
    "Applications for the summer school close on Friday.",
]
RACE_CODES = {"PG649", "PG650"}  # an approval another approver decided first


def env_for(data: Path, database_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POSTGUARD_")}
    env["POSTGUARD_DATA_DIR"] = str(data)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    if database_url:
        env["POSTGUARD_DATABASE_URL"] = database_url
    return env


# --- inside the service's environment: seeding and the final count (run as subprocesses) -------------


def seed(authors: int, approvers: int) -> dict[str, Any]:
    """Make the people and tokens the clients use; returns the tokens and the log's size after."""
    from postguard.server.app import configure
    from postguard.server.settings import ServerSettings

    configure(ServerSettings.from_env())
    from django.contrib.auth.models import Group, User

    from postguard.server.access import SYSTEM
    from postguard.server.registry import services
    from postguard.server.tokens.services import token_create

    division = services.division_create(actor=SYSTEM, code="mpls", name="MPLS")
    physics = services.department_create(actor=SYSTEM, code="physics", name="Physics", division=division)
    comms = Group.objects.get(name="communications-office")

    def member(name: str, approver: bool) -> tuple[Any, str]:
        user = User.objects.create_user(name, password=None)
        if approver:
            user.groups.add(comms)
        person = services.person_create(actor=SYSTEM, name=name, kind="staff", department=physics, user=user)
        secret = token_create(actor=SYSTEM, user_id=user.pk, name="bench", scopes=["read", "write", "check"]).secret
        return person, secret

    made = [member(f"author{i}", False) for i in range(authors)]
    checkers = [member(f"approver{i}", True) for i in range(approvers)]
    people = [p for p, _ in made]
    account = services.account_create(
        actor=SYSTEM,
        platform="x",
        handle="@oxphysics",
        kind="official",
        department=physics,
        owners=people,
        admins=people[:2],
        two_factor=True,
        recovery_contact="comms@physics.example.org",
        last_reviewed=dt.date.today(),
    )
    return {"account": account.pk, "authors": [s for _, s in made], "approvers": [s for _, s in checkers]}


def count() -> dict[str, Any]:
    """The audit log after the run: entries, their numbers, and the chain's verification."""
    from postguard.server.app import configure
    from postguard.server.settings import ServerSettings

    configure(ServerSettings.from_env())
    from django.db.models import Count, Max

    from postguard.server.auditlog.models import Entry
    from postguard.server.auditlog.selectors import verify_log

    seqs = Entry.objects.aggregate(n=Count("seq"), top=Max("seq"), distinct=Count("seq", distinct=True))
    result = verify_log()
    by_action = dict(Entry.objects.values_list("action").annotate(n=Count("pk")).values_list("action", "n"))
    return {
        "entries": seqs["n"],
        "max_seq": seqs["top"] or 0,
        "distinct_seq": seqs["distinct"],
        "verify_ok": result.ok,
        "verify": result.describe(),
        "by_action": by_action,
    }


# --- the load ------------------------------------------------------------------------------------------


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    writes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    errors: list[str] = field(default_factory=list)
    refused: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, kind: str, seconds: float, status: int, code: str | None, write: bool) -> None:
        with self.lock:
            self.latencies[kind].append(seconds)
            if 200 <= status < 300:
                if write:
                    self.writes[kind] += 1
            elif kind == "decide" and code in RACE_CODES:
                self.refused += 1
            else:
                self.errors.append(f"{kind}: {status} {code}")


class Client:
    def __init__(self, base: str, secret: str, tally: Tally) -> None:
        import requests

        self.base = base
        self.session = requests.Session()
        self.session.headers["Authorization"] = f"Bearer {secret}"
        self.tally = tally

    def call(self, kind: str, method: str, path: str, write: bool = False, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            response = self.session.request(method, self.base + path, timeout=120, **kwargs)
        except Exception as exc:  # noqa: BLE001 - a failed connection is an error to count
            self.tally.record(kind, time.perf_counter() - start, 0, type(exc).__name__, write)
            return None
        elapsed = time.perf_counter() - start
        body = response.json() if response.headers.get("Content-Type", "").startswith("application/json") else None
        code = body.get("code") if isinstance(body, dict) and response.status_code >= 400 else None
        self.tally.record(kind, elapsed, response.status_code, code, write)
        return body if response.ok else None


def author(client: Client, account: int, until: float, rng: random.Random) -> None:
    while time.monotonic() < until:
        text = f"{rng.choice(POSTS)} #{uuid.uuid4().hex[:6]}"
        check = client.call("check", "POST", "/checks", write=True, data={"text": text, "account_id": account})
        if check is None:
            continue
        if rng.random() < 0.5:
            approval = client.call("draft", "POST", "/approvals", write=True, json={"check_id": check["id"]})
            if approval is not None:
                client.call("submit", "POST", f"/approvals/{approval['id']}/submit", write=True)
        client.call("read", "GET", f"/checks/{check['id']}")
        client.call("read", "GET", "/registry/accounts")
        client.call("read", "GET", "/approvals?limit=20")


def approver(client: Client, until: float, rng: random.Random) -> None:
    while time.monotonic() < until:
        awaiting = client.call("read", "GET", "/approvals/awaiting?limit=5")
        items = awaiting["items"] if awaiting else []
        if not items:
            time.sleep(0.2)
            continue
        route = rng.choice(items[:3])
        client.call(
            "decide",
            "POST",
            f"/approvals/{route['approval_id']}/decide",
            write=True,
            json={"role": route["role"], "decision": "approved"},
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def serving(env: dict[str, str], port: int, workers: int, log: Path) -> Iterator[str]:
    import requests

    with open(log, "w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "postguard", "serve", "--port", str(port), "--workers", str(workers)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}/api/v1"
    try:
        deadline = time.monotonic() + 120
        while True:
            with contextlib.suppress(requests.RequestException):
                if requests.get(base + "/session", timeout=2).status_code == 200:
                    break
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"postguard serve did not start; see {log}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()


def percentile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(name: str, database_url: str | None, args: argparse.Namespace) -> bool:
    with tempfile.TemporaryDirectory(prefix="postguard-bench-") as tmp:
        data = Path(tmp) / "data"
        env = env_for(data, database_url)
        subprocess.run([sys.executable, "-m", "postguard", "db", "upgrade"], env=env, check=True, capture_output=True)
        approvers = max(1, args.clients // 10)
        authors = args.clients - approvers
        seeded = json.loads(
            subprocess.run(
                [sys.executable, __file__, "_seed", str(authors), str(approvers)],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        )
        with serving(env, free_port(), args.workers, Path(tmp) / "serve.log") as base:
            warm = Tally()
            warmers = [Client(base, seeded["authors"][i % authors], warm) for i in range(args.workers * 4)]
            threads = [
                threading.Thread(
                    target=lambda c=c: c.call("check", "POST", "/checks", write=True, data={"text": "Warm-up."})
                )
                for c in warmers
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            before = json.loads(
                subprocess.run(
                    [sys.executable, __file__, "_count"], env=env, check=True, capture_output=True, text=True
                ).stdout
            )
            tally = Tally()
            until = time.monotonic() + args.seconds
            rng = random.Random(7)
            clients = [
                threading.Thread(
                    target=author,
                    args=(Client(base, secret, tally), seeded["account"], until, random.Random(rng.random())),
                )
                for secret in seeded["authors"]
            ] + [
                threading.Thread(
                    target=approver, args=(Client(base, secret, tally), until, random.Random(rng.random()))
                )
                for secret in seeded["approvers"]
            ]
            started = time.monotonic()
            for t in clients:
                t.start()
            for t in clients:
                t.join()
            elapsed = time.monotonic() - started
        after = json.loads(
            subprocess.run(
                [sys.executable, __file__, "_count"], env=env, check=True, capture_output=True, text=True
            ).stdout
        )
    writes = sum(tally.writes.values())
    expected = before["entries"] + writes
    every = [x for values in tally.latencies.values() for x in values]
    print(f"\n== {name}: {args.clients} clients ({authors} authors, {approvers} approvers), {elapsed:.0f} s, "
          f"postguard serve --workers {args.workers} (4 threads each)")  # fmt: skip
    print(f"requests/s: {len(every) / elapsed:.1f} ({len(every)} requests)")
    print(f"latency: p50 {percentile(every, 0.5) * 1000:.0f} ms, p95 {percentile(every, 0.95) * 1000:.0f} ms")
    for kind in sorted(tally.latencies):
        values = tally.latencies[kind]
        print(
            f"  {kind:7} {len(values):6} requests  p50 {percentile(values, 0.5) * 1000:6.0f} ms"
            f"  p95 {percentile(values, 0.95) * 1000:6.0f} ms  mean {statistics.fmean(values) * 1000:6.0f} ms"
        )
    print(f"writes: {writes} ({', '.join(f'{k} {v}' for k, v in sorted(tally.writes.items()))}); "
          f"decisions refused to a slower approver: {tally.refused}")  # fmt: skip
    errors = tally.errors + warm.errors
    print(f"errors: {len(errors)}" + (f" (first: {errors[:5]})" if errors else ""))
    gapless = after["distinct_seq"] == after["entries"] == after["max_seq"]
    print(
        f"audit log: {after['entries']} entries, expected {expected} "
        f"({before['entries']} before the clients started + {writes} writes): "
        f"{'equal' if after['entries'] == expected else 'DIFFERENT'}; numbers 1..{after['max_seq']} "
        f"{'without gaps or repeats' if gapless else 'WITH GAPS OR REPEATS'}; {after['verify']}"
    )
    return not errors and after["entries"] == expected and gapless and after["verify_ok"]


@contextlib.contextmanager
def postgres_database(admin_url: str) -> Iterator[str]:
    import psycopg

    name = f"postguard_bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    info = psycopg.conninfo.conninfo_to_dict(admin_url)
    where = f"{info.get('host', '127.0.0.1')}:{info.get('port', 5432)}"
    try:
        yield f"postgres://{info.get('user', 'postgres')}@{where}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "_seed":
        print(json.dumps(seed(int(sys.argv[2]), int(sys.argv[3]))))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "_count":
        print(json.dumps(count()))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--postgres",
        default=os.environ.get("POSTGUARD_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"),
        help="a PostgreSQL server to make the bench's database on",
    )
    args = parser.parse_args()
    ok = True
    if args.database in ("sqlite", "both"):
        ok &= run("SQLite", None, args)
    if args.database in ("postgresql", "both"):
        with postgres_database(args.postgres) as url:
            ok &= run("PostgreSQL", url, args)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
