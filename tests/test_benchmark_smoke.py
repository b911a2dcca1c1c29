"""Run the benchmark in its small mode so that it keeps working.

The figures are printed and recorded, never asserted: this machine is shared and
timings vary too much for a test. What is asserted is that the run completes,
that every variant produced a figure for every size, and that the variants
synthesized the same ``litellm_key`` resources.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT_S = 600
"""Seconds allowed for the small mode, which took about 40 s on a shared 2-core
machine, 10 s of it in ``cdktf get``."""

# The benchmark runs its variants on CDKTF whatever the framework of the pytest
# run, so scripts/test.sh deselects it (marker "benchmark") in the CDK Terrain pass.
pytestmark = [pytest.mark.cli, pytest.mark.benchmark]


def test_small_benchmark_completes(tmp_path: Path) -> None:
    results_path = tmp_path / "results.json"
    markdown_path = tmp_path / "BENCHMARKS.md"
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks",
            "--small",
            "--json",
            str(results_path),
            "--output",
            str(markdown_path),
        ],
        cwd=ROOT,
        env=dict(os.environ),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_S,
    )
    print(completed.stdout)
    print(completed.stderr, file=sys.stderr)
    assert completed.returncode == 0, completed.stderr[-3000:]

    results = json.loads(results_path.read_text(encoding="utf-8"))
    assert results["sizes"] == [1, 100]
    assert results["skipped"] == {}
    assert sorted(results["equivalent_variants"]) == [
        "floor",
        "generated",
        "litellm-cdktf",
    ]
    measured = {(run["variant"], run["keys"]) for run in results["runs"]}
    expected = {
        (variant, keys)
        for variant in results["equivalent_variants"]
        for keys in results["sizes"]
    }
    # The empty CDKTF app is measured at one key only, as the least cost there.
    assert measured == expected | {("cdktf-only", 1)}
    assert "the least any library on CDKTF can reach" in markdown_path.read_text(
        encoding="utf-8"
    )
    assert all(run["wall_s"] > 0 for run in results["runs"])
    assert all(run["peak_bytes"] > 0 for run in results["runs"])
    assert "### Ratios" in markdown_path.read_text(encoding="utf-8")
