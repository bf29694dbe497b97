"""A progress bar on standard error: posts done of the total, the rate, and the time left.

Written here rather than taken from tqdm, whose licence is MPL-2.0 and MIT (the default install is
permissive throughout), and because an audit needs little: one line, redrawn at most a few times a
second, and only on a terminal. Where standard error is not a terminal (a log file, a Slurm job's
output) nothing is drawn; the caller prints one summary line at the end.
"""

from __future__ import annotations

import time
from typing import IO

REDRAW_S = 0.25
WIDTH = 24


def duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}h{minutes:02d}m"
    if minutes:
        return f"{minutes}m{secs:02d}s"
    return f"{secs}s"


class Progress:
    """Counts posts as their partitions are written (``advance``) or found written by an earlier run
    (``resumed``). The rate and the time left count only the posts this run checked."""

    def __init__(self, total: int | None, stream: IO[str] | None, *, enabled: bool | None = None) -> None:
        self.total = total  # None while the archives are still being counted (a thread sets it)
        self.stream = stream
        self.enabled = bool(stream is not None and (stream.isatty() if enabled is None else enabled))
        self.done = 0
        self.resumed_posts = 0
        self.started = time.monotonic()
        self._drawn = 0.0
        self._width = 0

    def resumed(self, posts: int) -> None:
        self.done += posts
        self.resumed_posts += posts
        self._draw()

    def advance(self, posts: int) -> None:
        self.done += posts
        self._draw()

    @property
    def rate(self) -> float:
        """Posts per second checked by this run."""
        elapsed = time.monotonic() - self.started
        checked = self.done - self.resumed_posts
        return checked / elapsed if elapsed > 0 and checked > 0 else 0.0

    def line(self) -> str:
        rate = self.rate
        if self.total is None:
            text = f"audit [{'.' * WIDTH}] {self.done:,} posts (counting the archives)  {rate:.1f} posts/s  ETA ?"
        else:
            total = max(self.total, self.done)
            share = self.done / total if total else 1.0
            filled = int(share * WIDTH)
            bar = "#" * filled + "." * (WIDTH - filled)
            left = (total - self.done) / rate if rate > 0 else None
            eta = duration(left) if left is not None else "?"
            text = f"audit [{bar}] {self.done:,}/{total:,} posts {share:4.0%}  {rate:.1f} posts/s  ETA {eta}"
        if self.resumed_posts:
            text += f"  ({self.resumed_posts:,} from an earlier run)"
        return text

    def _draw(self, *, force: bool = False) -> None:
        if not self.enabled or self.stream is None:
            return
        now = time.monotonic()
        if not force and now - self._drawn < REDRAW_S and (self.total is None or self.done < self.total):
            return
        self._drawn = now
        text = self.line()
        pad = " " * max(0, self._width - len(text))
        self._width = len(text)
        self.stream.write("\r" + text + pad)
        self.stream.flush()

    def close(self) -> None:
        """Leave the bar's last state on its line."""
        if self.enabled and self.stream is not None:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
