"""The same app synthesizes to byte-identical Terraform JSON, run after run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

EXAMPLES = ("documented_key", "two_teams")


def _synthesize(example: str, outdir: Path) -> bytes:
    env = dict(os.environ, CDKTF_OUTDIR=str(outdir), LITELLM_KEY_ID="ab" * 32)
    subprocess.run(
        [sys.executable, str(ROOT / "examples" / example / "main.py")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=120,
    )
    (stack_file,) = outdir.glob("stacks/*/cdk.tf.json")
    return stack_file.read_bytes()


@pytest.mark.parametrize("example", EXAMPLES)
def test_synth_is_byte_identical(example: str, tmp_path: Path) -> None:
    first = _synthesize(example, tmp_path / "first")
    second = _synthesize(example, tmp_path / "second")

    assert first == second


def test_synth_prints_no_node_banner(tmp_path: Path) -> None:
    env = dict(os.environ, CDKTF_OUTDIR=str(tmp_path))
    result = subprocess.run(
        [sys.executable, str(ROOT / "examples" / "documented_key" / "main.py")],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )

    assert "end-of-life" not in result.stderr
    assert result.stderr == ""
