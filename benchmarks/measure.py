"""Run one child process and measure its wall time and the peak memory of its tree."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_INTERVAL_S = 0.01
"""Seconds between two samples of the process tree's resident memory."""
RUN_TIMEOUT_S = 600.0
"""A single run taking longer than this is killed and reported as failed."""


@dataclass(frozen=True)
class RunResult:
    """Figures of one run of one variant at one stack size."""

    variant: str
    keys: int
    wall_s: float
    """Seconds from starting the child process to its exit."""
    import_s: float
    build_s: float
    synth_s: float
    peak_bytes: int
    """Peak summed resident memory of the child and all its descendants."""
    outdir: Path

    @property
    def build_synth_s(self) -> float:
        return self.build_s + self.synth_s


class RunError(RuntimeError):
    """A child process failed, timed out or wrote no result."""


def _tree_rss(root: psutil.Process) -> int:
    """Return the summed resident memory of ``root`` and its live descendants."""
    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            continue  # the process exited between listing and reading
    return total


def child_environment(workdir: Path) -> dict[str, str]:
    """Return the environment for child processes: CDKTF, no update checks.

    Bytecode caching is on, with the cache under ``workdir``, as for an
    installed package. With ``PYTHONDONTWRITEBYTECODE=1`` every process would
    compile ``litellm_cdktf`` (about 30 ms) and the generated bindings anew.
    """
    environment = dict(os.environ)
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    environment["LITELLM_CDKTF_FRAMEWORK"] = "cdktf"
    environment["CHECKPOINT_DISABLE"] = "1"
    repository = str(Path(__file__).resolve().parent.parent)
    path = environment.get("PYTHONPATH")
    environment["PYTHONPATH"] = (
        f"{repository}{os.pathsep}{path}" if path else repository
    )
    return environment


def run_child(
    variant: str, keys: int, workdir: Path, bindings: Path | None
) -> RunResult:
    """Run ``benchmarks.child`` once and return its figures.

    The tree's memory is sampled every ``SAMPLE_INTERVAL_S``. The child's own
    peak (``VmHWM``) covers a peak of the child that falls between two samples.
    """
    run_dir = Path(tempfile.mkdtemp(prefix=f"{variant}-{keys}-", dir=workdir))
    outdir = run_dir / "out"
    result_file = run_dir / "result.json"
    command = [
        sys.executable,
        "-m",
        "benchmarks.child",
        variant,
        str(keys),
        str(outdir),
        str(result_file),
    ]
    if bindings is not None:
        command.append(str(bindings))

    log_path = run_dir / "child.log"
    with open(log_path, "wb") as log:
        started = time.perf_counter()
        process = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            env=child_environment(workdir),
            cwd=run_dir,
        )
        peak = 0
        try:
            handle = psutil.Process(process.pid)
            while process.poll() is None:
                peak = max(peak, _tree_rss(handle))
                if time.perf_counter() - started > RUN_TIMEOUT_S:
                    process.kill()
                    process.wait()
                    raise RunError(
                        f"{variant} with {keys} keys timed out after "
                        f"{RUN_TIMEOUT_S:.0f} s; log: {log_path}"
                    )
                time.sleep(SAMPLE_INTERVAL_S)
        except psutil.NoSuchProcess:
            pass  # exited before the first sample
        returncode = process.wait()
        wall = time.perf_counter() - started

    if returncode != 0 or not result_file.exists():
        output = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RunError(
            f"{variant} with {keys} keys failed with exit code {returncode}:\n{output}"
        )
    record = json.loads(result_file.read_text(encoding="utf-8"))
    return RunResult(
        variant=variant,
        keys=keys,
        wall_s=wall,
        import_s=record["import_s"],
        build_s=record["build_s"],
        synth_s=record["synth_s"],
        peak_bytes=max(peak, int(record["self_peak_bytes"])),
        outdir=outdir,
    )


def run_import_overhead(workdir: Path) -> tuple[float, float]:
    """Return the seconds to import ``cdktf`` and then, on top, ``litellm_cdktf``."""
    code = (
        "import time\n"
        "a = time.perf_counter()\n"
        "import cdktf\n"
        "b = time.perf_counter()\n"
        "import litellm_cdktf\n"
        "c = time.perf_counter()\n"
        "print(b - a, c - b)\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=child_environment(workdir),
        cwd=workdir,
        timeout=RUN_TIMEOUT_S,
        check=True,
    )
    cdktf_s, litellm_s = (float(value) for value in completed.stdout.split())
    return cdktf_s, litellm_s
