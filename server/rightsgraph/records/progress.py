"""A progress bar on stderr for long validations, shown only where someone watches.

It is on when asked for (``--progress``) or when stderr is a terminal and the input is
large; it draws in place with a carriage return, so a log file never fills with bars.
"""

from __future__ import annotations

import sys
from typing import TextIO

#: Inputs at least this large (bytes) show the bar on a terminal.
LARGE_INPUT = 1_000_000


class ProgressBar:
    def __init__(self, stream: TextIO | None = None, *, label: str = "validating", width: int = 30) -> None:
        self.stream, self.label, self.width = stream or sys.stderr, label, width

    def __call__(self, done: int, total: int) -> None:
        filled = self.width * done // max(total, 1)
        self.stream.write(f"\r{self.label} [{'#' * filled}{'.' * (self.width - filled)}] {done}/{total} shapes")
        if done >= total:
            self.stream.write("\n")
        self.stream.flush()


def wanted(flag: bool | None, size: int, stream: TextIO | None = None) -> bool:
    """Whether to show the bar: the flag if given, else on a terminal for a large input."""
    if flag is not None:
        return flag
    return size >= LARGE_INPUT and (stream or sys.stderr).isatty()
