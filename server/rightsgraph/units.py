"""Sizes in words, for messages a person reads: "10 MB", not "10000000 bytes"."""

from __future__ import annotations

UNITS = ((1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "kB"))


def format_bytes(count: int) -> str:
    """``count`` bytes in decimal units, to at most one decimal: 10 MB, 1.5 kB, 512 bytes."""
    for size, unit in UNITS:
        if count >= size:
            return f"{count / size:.1f}".removesuffix(".0") + f" {unit}"
    return f"{count} byte{'' if count == 1 else 's'}"
