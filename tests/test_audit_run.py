"""postguard audit run: partitions checked on local workers or Dask give the same reports, identical posts
are checked once, a killed run resumes without losing or repeating a post, and the HTML report loads
nothing from anywhere and escapes what the archive says."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import audit_fixtures as fx
import pytest
from click.testing import CliRunner

from postguard.audit import run as audit_run
from postguard.audit.partition import partition_id
from postguard.audit.progress import Progress
from postguard.audit.run import run_audit
from postguard.audit.store import Store
from postguard.audit.worker import DASK_WORKER_CONFIG
from postguard.cli import cli
from postguard.errors import ArchiveError

UTC = dt.UTC
SATURDAY = dt.datetime(2023, 1, 7, 20, 0, tzinfo=UTC)  # outside working hours
MONDAY_NOON = dt.datetime(2023, 3, 6, 12, 0, tzinfo=UTC)  # inside them
SCRIPT = "<script>alert('pwned')</script> Guest wifi password is Quad2026!"
TEXTS = [
    "The new fees policy is a disaster.",
    "The door code for the lab is 4711, come round.",
    "Lovely walk along the river this evening.",
    "Call me on 07700 900123 if you need anything.",
    SCRIPT,
    '=HYPERLINK("https://example.org") the results are in',
]


def posts(n: int) -> list[tuple[str, dt.datetime]]:
    """``n`` tweets, one a week (Saturday evenings): every third repeats the text of the post three
    before it (an identical post, to be checked once), the others are distinct."""
    out: list[tuple[str, dt.datetime]] = []
    for i in range(n):
        when = SATURDAY + dt.timedelta(days=7 * i)
        if i % 3 == 2 and i >= 3:
            out.append((out[i - 3][0], when))
        else:
            out.append((f"{TEXTS[i % len(TEXTS)]} #{i}", when))
    return out


def archive(tmp_path: Path, n: int = 24, **kwargs: Any) -> Path:
    return fx.x_archive_of(tmp_path, posts(n), **kwargs)


# posts 2 and 5 have the same words and the same photo (one is checked); 8 has those words and another
PHOTOS = {2: fx.png((200, 30, 30)), 5: fx.png((200, 30, 30)), 8: fx.png((30, 30, 200))}


def lines(out: Path) -> list[dict[str, Any]]:
    """reports.jsonl without the timings (the one part of a report that depends on the machine)."""
    result = []
    for line in (out / "reports.jsonl").read_text("utf-8").splitlines():
        data = json.loads(line)
        data["report"].pop("timings_ms", None)
        result.append(data)
    return result


def once_each(out: Path, n: int) -> None:
    ids = [line["id"] for line in lines(out)]
    assert ids == [f"x:OxfordDept:{1000 + i}" for i in range(n)]


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The archive of 24 posts, and its audit checked in this process (the result every other way of
    running must give)."""
    folder = tmp_path_factory.mktemp("reference")
    path = archive(folder, photos=PHOTOS)
    out = folder / "out"
    run_audit([path], out, workers=0, partition_size=5, bio="Professor at Oxford")
    return path, out


def test_a_run_writes_every_post_once_with_its_report_csv_and_html(reference: tuple[Path, Path]) -> None:
    _, out = reference
    once_each(out, 24)
    found = lines(out)
    assert found[0]["report"]["id"] == found[0]["id"] and found[0]["url"].startswith("https://x.com/OxfordDept/")
    assert {"OP001"} <= {f["code"] for f in found[0]["report"]["findings"]}
    assert {"SE001"} <= {f["code"] for f in found[4]["report"]["findings"]}
    # the photos were extracted where the workers read them, checked, and then removed
    assert found[2]["media"] == ["data/tweets_media/1002-p2.png"] and found[2]["report"]["notices"]
    assert not any(line["report"].get("photo_errors") for line in found)
    assert found[5]["shared"] and not found[8]["shared"] and not found[2]["shared"]
    with open(out / "findings.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == sum(len(line["report"]["findings"]) for line in found)
    assert {r["post_id"] for r in rows if r["code"] == "SE001"} >= {found[4]["id"]}
    for r in rows:  # a cell a spreadsheet would run as a formula is not one
        assert not any(v.startswith(("=", "+", "@")) for v in r.values() if v)
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert manifest["complete"] and manifest["summary"]["posts"] == 24 and manifest["counts"] == [24]
    fingerprint = manifest["settings"]["archives"][0]["fingerprint"]
    expected = [f"{partition_id(fingerprint, start)}.jsonl" for start in range(0, 24, 5)]
    assert sorted(os.listdir(out / "partitions")) == expected
    assert not (out / "media").exists()


def test_identical_posts_are_checked_once_and_share_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(audit_run, "CACHE_REPORTS", 1)  # shared reports are read back from their partition
    checked: list[int] = []
    real = audit_run.check_partition

    def counting(task: Any, cache_chunks: int = 0) -> Any:
        checked.append(len(task.posts))
        return real(task, cache_chunks)

    monkeypatch.setattr(audit_run, "check_partition", counting)
    tweets = posts(12)
    tweets.append((tweets[0][0], MONDAY_NOON))  # the same words in working hours: read differently
    tweets.append((tweets[0][0], MONDAY_NOON + dt.timedelta(days=7, minutes=1)))
    summary = run_audit([fx.x_archive_of(tmp_path, tweets)], tmp_path / "out", workers=0, partition_size=4)
    distinct = len({t for t, _ in tweets[:12]}) + 2
    assert sum(checked) == summary.checked == distinct
    assert summary.shared == 14 - distinct == 3 and summary.posts == 14
    found = lines(tmp_path / "out")
    for i, line in enumerate(found[:12]):
        if i % 3 == 2 and i >= 3:
            twin = found[i - 3]
            assert line["shared"] and line["text"] == twin["text"]
            assert {**line["report"], "id": None} == {**twin["report"], "id": None}
            assert line["report"]["id"] == line["id"] != twin["id"]
    weekday = [f for f in found[12]["report"]["findings"] if f["code"] == "WK001"]
    assert weekday and "Monday 12:00" in weekday[0]["message"] and not found[12]["shared"]
    assert "Monday 12:01" in next(f["message"] for f in found[13]["report"]["findings"] if f["code"] == "WK001")
    assert not any(f["code"] == "WK001" for f in found[0]["report"]["findings"])


@pytest.mark.slow
def test_one_and_two_local_workers_give_the_same_reports(reference: tuple[Path, Path], tmp_path: Path) -> None:
    path, out = reference
    for workers in (1, 2):
        mine = tmp_path / f"w{workers}"
        summary = run_audit([path], mine, workers=workers, partition_size=5, bio="Professor at Oxford")
        assert summary.workers == f"{workers} local worker{'s' if workers > 1 else ''}"
        assert lines(mine) == lines(out)
        assert (mine / "findings.csv").read_text("utf-8") == (out / "findings.csv").read_text("utf-8")


@pytest.mark.slow
def test_a_killed_run_resumes_without_losing_or_repeating_a_post(tmp_path: Path) -> None:
    n, size = 150, 2
    path = archive(tmp_path, n)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "postguard", "audit", "run", str(path), "--out", str(out), "--workers", "1"]
    command += ["--partition-size", str(size), "--bio", "Professor at Oxford"]
    log = tmp_path / "stderr.txt"
    with open(log, "wb") as stderr:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, start_new_session=True)
    partitions = out / "partitions"
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            if partitions.is_dir() and len([p for p in os.listdir(partitions) if p.endswith(".jsonl")]) >= 3:
                break
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its worker, in the middle
        proc.wait()
    written = sorted(p for p in os.listdir(partitions) if p.endswith(".jsonl"))
    assert 3 <= len(written) < n // size, log.read_text("utf-8")
    assert not (out / "reports.jsonl").exists()
    # what a kill in the middle of a write leaves: a temporary file, and (on a file system that lost the
    # rename's promise) a partition cut short; both are checked again
    (partitions / f".{written[-1]}.x.postguard-tmp").write_text('{"partition": "half', "utf-8")
    cut = partitions / written[-1]
    cut.write_text("\n".join(cut.read_text("utf-8").splitlines()[:-1]) + "\n", "utf-8")

    summary = run_audit([path], out, workers=0, partition_size=size, bio="Professor at Oxford")
    assert summary.resumed == (len(written) - 1) * size
    assert summary.checked + summary.shared == n - summary.resumed
    once_each(out, n)
    assert not [p for p in os.listdir(partitions) if p.endswith(".postguard-tmp")]

    fresh = tmp_path / "fresh"
    run_audit([path], fresh, workers=0, partition_size=size, bio="Professor at Oxford")
    assert lines(out) == lines(fresh)


def _written(partitions: Path) -> int:
    return len([p for p in os.listdir(partitions) if p.endswith(".jsonl")]) if partitions.is_dir() else 0


# A shell starts a job with Ctrl-C at its default and unblocked, whatever the shell's own state; this test's
# process may have inherited otherwise (a CI runner, an earlier test's thread pool). The wrapper says what it
# found on standard error, then becomes the command (exec: same process, same group).
_AS_A_SHELL_STARTS_A_JOB = """
import os, signal, sys
found = signal.getsignal(signal.SIGINT), sorted(signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT}))
signal.signal(signal.SIGINT, signal.SIG_DFL)
print("test: Ctrl-C as inherited:", *found, file=sys.stderr, flush=True)
os.execv(sys.argv[1], sys.argv[1:])
"""


def _interrupted(command: list[str], partitions: Path, at_least: int, how: signal.Signals, log: Path) -> int:
    """Start ``command`` in a process group of its own (as a shell job), wait for ``at_least`` partitions,
    send ``how`` to the whole group (Ctrl-C in a terminal does), and give the exit status; nothing of the
    group may be left running."""
    with open(log, "ab") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-c", _AS_A_SHELL_STARTS_A_JOB, *command],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            start_new_session=True,
        )
    deadline = time.monotonic() + 180
    try:
        while time.monotonic() < deadline and proc.poll() is None and _written(partitions) < at_least:
            time.sleep(0.01)
    finally:
        os.killpg(proc.pid, how)
        code = proc.wait(timeout=60)
    for _ in range(100):  # the workers follow their parent out
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        os.killpg(proc.pid, signal.SIGKILL)
        raise AssertionError(f"processes of the interrupted run were left running: {log.read_text('utf-8')[-500:]}")
    return code


@pytest.mark.slow
def test_ctrl_c_and_a_kill_from_the_shell_then_the_same_command_resumes(tmp_path: Path) -> None:
    """As documented: interrupt `postguard audit run` with two local workers (Ctrl-C, then kill -9), run the
    same command again, and every post is reported once, as a run that was never interrupted reports it.
    The run is long enough (720 partitions, some seconds) that a loaded machine, pausing this process
    between seeing the partitions and sending the signal, does not let it finish first."""
    n, size = 1440, 2
    path = archive(tmp_path, n)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "postguard", "audit", "run", str(path), "--out", str(out), "--workers", "2"]
    command += ["--partition-size", str(size), "--bio", "Professor at Oxford"]
    log = tmp_path / "stderr.txt"
    partitions = out / "partitions"

    code = _interrupted(command, partitions, 5, signal.SIGINT, log)
    assert code == 130 and "postguard: interrupted" in log.read_text("utf-8")
    first = _written(partitions)
    assert 5 <= first < n // size and not (out / "reports.jsonl").exists()

    code = _interrupted(command, partitions, first + 5, signal.SIGKILL, log)
    assert code == -signal.SIGKILL
    second = _written(partitions)
    assert first + 5 <= second < n // size, log.read_text("utf-8")[-500:]

    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    summary = done.stderr.strip().splitlines()[-1]
    assert f"{second * size:,} from an earlier run" in summary and f"audit: {n:,} posts" in summary
    once_each(out, n)
    fresh = tmp_path / "fresh"
    run_audit([path], fresh, workers=0, partition_size=size, bio="Professor at Oxford")
    assert lines(out) == lines(fresh)


@pytest.mark.slow
def test_a_two_worker_dask_cluster_gives_the_local_reports(reference: tuple[Path, Path], tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    path, out = reference
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=50
    ) as cluster:
        # connecting loads the engine on every worker, ahead of any partition
        backend = audit_run.DaskBackend(cluster.scheduler_address, (), 2_000)
        try:
            backend.client.gather(backend.warming)  # raises if a warm-up failed
            assert len(backend.warming) == 2
            loaded = backend.client.run(lambda: len(__import__("postguard.audit.worker").audit.worker._engines))
            assert sorted(loaded.values()) == [1, 1]
        finally:
            backend.close()
        summary = run_audit(
            [path], tmp_path / "dask", scheduler=cluster.scheduler_address, partition_size=5, bio="Professor at Oxford"
        )
    assert summary.workers.endswith("2 workers")
    assert lines(tmp_path / "dask") == lines(out)


@pytest.mark.slow
def test_a_two_worker_dask_cluster_started_from_the_shell(reference: tuple[Path, Path], tmp_path: Path) -> None:
    """As documented: `dask scheduler`, two `dask worker` processes with one thread each, and
    `postguard audit run --scheduler tcp://...` give the reports a local run gives."""
    pytest.importorskip("distributed")
    dask = Path(sys.executable).parent / "dask"
    if not dask.exists():
        pytest.skip("the dask command is not installed beside this Python")
    path, out = reference
    src = str(Path(__file__).parents[1] / "src")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (src, os.environ.get("PYTHONPATH")) if p)}
    # the audit worker settings (DASK_WORKER_CONFIG), as the DASK_... variables docs/guide.md gives
    env.update(
        {
            "DASK_" + key.upper().replace(".", "__").replace("-", "_"): str(value)
            for key, value in DASK_WORKER_CONFIG.items()
        }
    )
    address_file = tmp_path / "scheduler.json"
    started: list[subprocess.Popen[bytes]] = []

    def start(*args: str) -> None:
        with open(tmp_path / f"dask-{len(started)}.log", "wb") as log:  # the process keeps its own copy
            started.append(
                subprocess.Popen([str(dask), *args], env=env, stdout=log, stderr=log, start_new_session=True)
            )

    try:
        start("scheduler", "--port", "0", "--dashboard-address", ":0", "--scheduler-file", str(address_file))
        deadline = time.monotonic() + 60
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(address_file.read_text("utf-8"))["address"]
        for _ in range(2):
            start("worker", address, "--nworkers", "1", "--nthreads", "1", "--dashboard-address", ":0")
        command = [sys.executable, "-m", "postguard", "audit", "run", str(path), "--out", str(tmp_path / "dask")]
        command += ["--scheduler", address, "--partition-size", "5", "--bio", "Professor at Oxford"]
        from distributed import Client

        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)
    finally:
        for proc in reversed(started):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGTERM)
        for proc in started:
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
    assert done.returncode == 0, done.stderr
    assert f"Dask at {address}: 2 workers" in done.stderr
    assert lines(tmp_path / "dask") == lines(out)


class _Loads(HTMLParser):
    """Every address in a tag's attributes (a reference inside the page, ``url(#clip)``, is none), every tag
    name, and the style sheet."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.addresses: list[tuple[str, str, str]] = []
        self.style = ""
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self._in_style = tag == "style"
        for name, value in attrs:
            if value and ("http:" in value or "https:" in value or "//" in value or re.search(r"url\((?!#)", value)):
                self.addresses.append((tag, name, value))

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.style += data


def test_the_html_report_loads_nothing_and_escapes_the_archive(reference: tuple[Path, Path]) -> None:
    _, out = reference
    page = (out / "report.html").read_text("utf-8")
    parsed = _Loads()
    parsed.feed(page)
    originals = {line["url"] for line in lines(out)}
    for tag, name, value in parsed.addresses:
        assert (tag, name) == ("a", "href") and value in originals, (tag, name, value)
    assert not parsed.tags & {"script", "link", "img", "iframe", "object", "embed", "image", "audio", "video"}
    assert "url(http" not in page and "@import" not in parsed.style and "@font-face" not in parsed.style
    assert "default-src 'none'" in page  # the browser is told so too
    assert "<script>" not in page and "&lt;script&gt;alert(&#x27;pwned&#x27;)&lt;/script&gt;" in page
    for section in ("Findings per rule", "Per account", "Over time", "The worst posts"):
        assert section in page
    assert page.count("<svg ") == 3  # per rule, per account, by month


def test_every_export_format_including_malformed_ones_runs_in_one_audit(tmp_path: Path) -> None:
    (tmp_path / "fb").mkdir()
    (tmp_path / "bsky").mkdir()
    built = [
        fx.x_archive(tmp_path),
        fx.facebook_archive(tmp_path / "fb"),
        fx.instagram_archive(tmp_path),
        fx.linkedin_archive(tmp_path),
        fx.mastodon_archive(tmp_path),
        fx.bluesky_car(tmp_path / "bsky", truncate=40),  # cut short: what came before is still checked
        fx.youtube_takeout(tmp_path),
        fx.wxr(tmp_path),
        fx.rss_feed(tmp_path),
        fx.atom_feed(tmp_path),
    ]
    result = CliRunner().invoke(
        cli, ["audit", "run", *map(str, built), "--out", str(tmp_path / "out"), "--workers", "0"]
    )
    assert result.exit_code == 1, result.output  # some entries were skipped
    assert "archive entries skipped (skipped.jsonl)" in result.output
    found = lines(tmp_path / "out")
    ids = [line["id"] for line in found]
    assert len(ids) == len(set(ids))
    assert {line["platform"] for line in found} >= {
        "x",
        "facebook",
        "instagram",
        "linkedin",
        "mastodon",
        "youtube",
        "wordpress",
    }
    skipped = [json.loads(x) for x in (tmp_path / "out" / "skipped.jsonl").read_text("utf-8").splitlines()]
    assert any(s["code"] == "PG531" for s in skipped)
    for line in found:  # photo errors name the archive's photo, not the temporary copy
        for error in line["report"].get("photo_errors", []):
            assert error["path"] in line["media"]


def test_the_output_folder_is_ours_and_its_settings_are_kept(tmp_path: Path) -> None:
    path = archive(tmp_path, 4)
    (tmp_path / "theirs").mkdir()
    (tmp_path / "theirs" / "notes.txt").write_text("mine", "utf-8")
    with pytest.raises(ArchiveError) as caught:
        run_audit([path], tmp_path / "theirs", workers=0)
    assert caught.value.code == "PG541" and (tmp_path / "theirs" / "notes.txt").exists()
    run_audit([path], tmp_path / "out", workers=0)
    with pytest.raises(ArchiveError) as caught:
        run_audit([path], tmp_path / "out", workers=0, bio="Lecturer at Oxford")
    assert caught.value.code == "PG540" and "bio" in str(caught.value)
    with pytest.raises(ArchiveError) as caught:
        run_audit([path, path], tmp_path / "twice", workers=0)
    assert caught.value.code == "PG544"
    again = run_audit([path], tmp_path / "out", workers=2)  # workers are no setting: it resumes
    assert again.resumed == 4 and again.checked == 0


def test_the_cli_prints_a_summary_and_errors_with_their_code(tmp_path: Path) -> None:
    path = archive(tmp_path, 3)
    runner = CliRunner()
    result = runner.invoke(cli, ["audit", "run", str(path), "--out", str(tmp_path / "out"), "--workers", "0"])
    assert result.exit_code == 0, result.output
    assert "postguard: audit: 3 posts (3 checked, 0 identical to another)" in result.output
    bad = runner.invoke(cli, ["audit", "run", str(path), "--out", str(tmp_path / "o2"), "--scheduler", "localhost"])
    assert bad.exit_code != 0 and isinstance(bad.exception, Exception)
    assert getattr(bad.exception, "code", None) == "PG230"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_progress_bar_draws_counts_and_time_left_only_on_a_terminal() -> None:
    screen = _Terminal()
    bar = Progress(1000, screen)
    bar.resumed(200)
    bar.started -= 10  # ten seconds in
    bar.advance(300)
    bar.close()
    last = screen.getvalue().rstrip("\n").split("\r")[-1]
    assert "500/1,000 posts" in last and "30.0 posts/s" in last and "ETA 17s" in last
    assert "(200 from an earlier run)" in last
    log = io.StringIO()
    quiet = Progress(10, log)
    quiet.advance(10)
    quiet.close()
    assert log.getvalue() == ""


def test_while_the_archives_are_counted_the_bar_shows_the_posts_done_and_no_total() -> None:
    screen = _Terminal()
    bar = Progress(None, screen)
    bar.started -= 10
    bar.advance(300)
    assert "300 posts (counting the archives)" in screen.getvalue() and "ETA ?" in screen.getvalue()
    bar.total = 600  # the counting thread has finished
    bar.advance(300)
    bar.close()
    assert "600/600 posts" in screen.getvalue().rstrip("\n").split("\r")[-1]


def test_the_archives_are_counted_beside_the_run_and_only_for_a_bar_someone_sees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = archive(tmp_path, n=12)
    started: list[str] = []
    real = audit_run.count_posts

    def count(source: str, *args: Any, **kwargs: Any) -> int | None:
        started.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(audit_run, "count_posts", count)
    run_audit([path], tmp_path / "log", workers=0, partition_size=5, progress=io.StringIO())
    assert started == []  # not a terminal: nobody sees a bar, so nothing is counted
    manifest = json.loads((tmp_path / "log" / "manifest.json").read_text("utf-8"))
    assert manifest["counts"] == [12]  # what the run itself went through
    screen = _Terminal()
    run_audit([path], tmp_path / "tty", workers=0, partition_size=5, progress=screen)
    assert started == [str(path)]
    assert "12/12 posts 100%" in screen.getvalue().rstrip("\n").split("\r")[-1]
    assert json.loads((tmp_path / "tty" / "manifest.json").read_text("utf-8"))["counts"] == [12]


def test_a_count_stops_when_asked(tmp_path: Path) -> None:
    import threading

    path = archive(tmp_path, n=12)
    stop = threading.Event()
    assert audit_run.count_posts(str(path), None, stop=stop) == 12
    stop.set()
    assert audit_run.count_posts(str(path), None, stop=stop) is None


@pytest.mark.slow
def test_local_workers_start_loading_the_engine_when_the_backend_is_made() -> None:
    import psutil

    def started() -> set[int]:
        return {p.pid for p in psutil.Process().children() if "spawn_main" in " ".join(p.cmdline())} - before

    before: set[int] = set()
    before = started()
    backend = audit_run.LocalBackend(2, (), 2_000)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(started()) < 2:
            time.sleep(0.05)
        assert len(started()) == 2  # both workers, and no partition was submitted
    finally:
        backend.close(cancel=True)


def test_a_partition_file_counts_only_when_whole(tmp_path: Path) -> None:
    store = Store(tmp_path / "out")
    store.open({"a": 1})
    store.write_partition("p-000000000", {"start": 0}, ['{"x":1}', '{"x":2}'])
    assert store.finished("p-000000000", 2) and not store.finished("p-000000000", 3)
    store.path("p-000000000").write_text('{"partition": "p-000000000", "posts": 2}\n{"x":1}\n{"x"', "utf-8")
    assert not store.finished("p-000000000", 2) and not store.finished("p-000000002", 2)
