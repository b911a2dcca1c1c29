"""Static checks on the package: mypy --strict, ruff, and generated files up to date."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=300, check=False
    )


def test_mypy_strict_passes() -> None:
    result = _run(sys.executable, "-m", "mypy")  # settings in pyproject.toml

    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_check_passes() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", "litellm_cdktf", "scripts")

    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "format", "--check", "litellm_cdktf")

    assert result.returncode == 0, result.stdout + result.stderr


def test_generated_files_are_current() -> None:
    result = _run(sys.executable, "scripts/generate.py", "--check")

    assert result.returncode == 0, result.stdout + result.stderr
