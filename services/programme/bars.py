"""Plain-text progress bars on stderr: redrawn in place on a terminal; elsewhere a line every few
seconds of a long step, and one when it is done."""
from __future__ import annotations

import sys
import threading
import time
from typing import TextIO

WIDTH = 28
LABEL_WIDTH = 34
#: At most this often a bar is redrawn on a terminal, and a line written elsewhere, in seconds.
REDRAW_S = 0.1
LINE_S = 10.0


class Bar:
    """Counts the finished steps of one activity; thread-safe."""

    def __init__(self, stream: TextIO, live: bool, label: str, total: int):
        self.stream = stream
        self.live = live
        self.label = label
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self._drawn = self.started
        self._lock = threading.Lock()

    def line(self) -> str:
        share = self.done / self.total if self.total else 1.0
        filled = round(WIDTH * share)
        elapsed = time.monotonic() - self.started
        return (f"{self.label:<{LABEL_WIDTH}} [{'#' * filled}{'.' * (WIDTH - filled)}] "
                f"{self.done:>7}/{self.total:<7} {elapsed:6.1f}s")

    def advance(self, steps: int = 1) -> None:
        with self._lock:
            self.done += steps
            now = time.monotonic()
            if now - self._drawn >= (REDRAW_S if self.live else LINE_S):
                self._drawn = now
                self.stream.write("\r" + self.line() if self.live else self.line() + "\n")
                self.stream.flush()

    def finish(self) -> None:
        with self._lock:
            self.stream.write(("\r" if self.live else "") + self.line() + "\n")
            self.stream.flush()


class ProgressBars:
    """Makes a bar per activity; `live` (redrawing) when the stream is a terminal."""

    def __init__(self, stream: TextIO = sys.stderr, live: bool | None = None):
        self.stream = stream
        self.live = stream.isatty() if live is None else live

    def bar(self, label: str, total: int) -> Bar:
        return Bar(self.stream, self.live, label, total)

    def note(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()
