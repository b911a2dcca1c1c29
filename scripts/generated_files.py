"""Helpers for the scripts that write generated files, such as generate.py."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class MissingMarkersError(ValueError):
    """A file lacks the markers that delimit its generated part."""


def format_python(source: str, filename: Path) -> str:
    """Return ``source`` formatted by ruff, as if it were the file ``filename``."""
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "ruff",
            "format",
            "--stdin-filename",
            str(filename),
            "-",
        ],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def replace_between(text: str, begin: str, end: str, body: str, name: str) -> str:
    """Return ``text`` with ``body`` between the markers ``begin`` and ``end``."""
    if begin not in text or end not in text:
        raise MissingMarkersError(
            f"{name} lacks the markers {begin} and {end}; add them where the "
            "generated part belongs"
        )
    start = text.index(begin) + len(begin)
    stop = text.index(end)
    return text[:start] + "\n" + body + "\n" + text[stop:]


def write_or_check(outputs: dict[Path, str], *, check: bool, command: str) -> int:
    """Write the files whose content changed, or with ``check`` only list them.

    Returns the exit status: 1 when ``check`` finds a stale file, else 0.
    """
    stale = [
        path
        for path, text in outputs.items()
        if not path.exists() or path.read_text(encoding="utf-8") != text
    ]
    if check:
        for path in stale:
            print(f"out of date: {path.relative_to(ROOT)}; run {command}")
        return 1 if stale else 0
    for path in stale:
        path.write_text(outputs[path], encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
    return 0
