"""Tables, target checks and the ``BENCHMARKS.md`` results section."""

from __future__ import annotations

import datetime
import os
import platform
import statistics
import subprocess
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import psutil

from benchmarks.measure import RunResult
from benchmarks.runner import (
    CDKTF_ONLY,
    SHORT_RUN_MAX_KEYS,
    SHORT_RUN_ROUNDS,
    BenchmarkResults,
)

RESULTS_START = "<!-- results: start (written by python -m benchmarks) -->"
RESULTS_END = "<!-- results: end -->"
OURS = "litellm-cdktf"

TOTAL_RATIO_MAX = 1.0
"""Target: litellm-cdktf / generated, whole-process wall time, at every size."""
COLD_START_RATIO_MAX = 0.8
"""Target: the same ratio at one key."""
MEMORY_RATIO_MAX = 1.0
"""Target: litellm-cdktf / generated, peak memory of the process tree."""
SCALING_MAX = 5.5
"""Target: litellm-cdktf wall time at 5,000 keys / at 1,000 keys."""
IMPORT_OVERHEAD_MAX_S = 0.050
"""Target: seconds that importing litellm_cdktf adds to importing cdktf."""

Figure = Callable[[RunResult], float]

FIGURES: dict[str, Figure] = {
    "total": lambda run: run.wall_s,
    "build+synth": lambda run: run.build_synth_s,
    "peak memory": lambda run: float(run.peak_bytes),
}


def median(results: BenchmarkResults, variant: str, keys: int, figure: Figure) -> float:
    return statistics.median(figure(run) for run in results.cell(variant, keys))


def ratio(
    results: BenchmarkResults, baseline: str, keys: int, figure: Figure
) -> float | None:
    """Return the median of litellm-cdktf over the median of ``baseline``."""
    if not results.cell(baseline, keys) or not results.cell(OURS, keys):
        return None
    denominator = median(results, baseline, keys, figure)
    if denominator == 0:
        return None
    return median(results, OURS, keys, figure) / denominator


def _format_ratio(value: float | None, digits: int = 2) -> str:
    if value is None:
        return "n/a"
    return f"{value:.{digits}f}"


def _seconds(values: list[float]) -> str:
    return f"{statistics.median(values):.3f} ({min(values):.3f})"


def figures_table(results: BenchmarkResults) -> str:
    """Return a Markdown table of every cell: median (minimum) of each figure."""
    lines = [
        "| variant | keys | total s | import s | build s | synth s | peak MiB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for keys in results.sizes:
        for variant in results.variants:
            runs = results.cell(variant, keys)
            if not runs:
                continue
            peaks = [run.peak_bytes / 2**20 for run in runs]
            lines.append(
                f"| {variant} | {keys:,} "
                f"| {_seconds([run.wall_s for run in runs])} "
                f"| {_seconds([run.import_s for run in runs])} "
                f"| {_seconds([run.build_s for run in runs])} "
                f"| {_seconds([run.synth_s for run in runs])} "
                f"| {statistics.median(peaks):.0f} ({min(peaks):.0f}) |"
            )
    return "\n".join(lines)


def ratio_table(results: BenchmarkResults) -> str:
    """Return a Markdown table of litellm-cdktf's medians over the baselines'."""
    header = "| keys |"
    rule = "|---:|"
    for baseline in ("generated", "floor"):
        for name in FIGURES:
            header += f" {name} / {baseline} |"
            rule += "---:|"
    lines = [header, rule]
    for keys in results.sizes:
        row = f"| {keys:,} |"
        for baseline in ("generated", "floor"):
            for figure in FIGURES.values():
                row += f" {_format_ratio(ratio(results, baseline, keys, figure))} |"
        lines.append(row)
    return "\n".join(lines)


def target_lines(results: BenchmarkResults) -> list[str]:
    """Return one line per target: met, missed or not measured, with the figure."""
    lines: list[str] = []

    def verdict(ok: bool | None) -> str:
        if ok is None:
            return "not measured"
        return "met" if ok else "MISSED"

    total = FIGURES["total"]
    memory = FIGURES["peak memory"]
    for keys in results.sizes:
        limit = COLD_START_RATIO_MAX if keys == 1 else TOTAL_RATIO_MAX
        value = ratio(results, "generated", keys, total)
        lines.append(
            f"- total time / generated at {keys:,} keys <= {limit}: "
            f"{verdict(None if value is None else value <= limit)} "
            f"({_format_ratio(value, 3)})"
        )
        if keys == 1 and results.cell(CDKTF_ONLY, 1) and results.cell("generated", 1):
            least = median(results, CDKTF_ONLY, 1, total) / median(
                results, "generated", 1, total
            )
            lines.append(
                f"  - the least any library on CDKTF can reach there: {CDKTF_ONLY} "
                f"/ generated = {least:.3f} ({CDKTF_ONLY} imports cdktf and "
                "synthesizes an empty stack)"
            )
    for keys in results.sizes:
        value = ratio(results, "generated", keys, memory)
        lines.append(
            f"- peak memory / generated at {keys:,} keys <= {MEMORY_RATIO_MAX}: "
            f"{verdict(None if value is None else value <= MEMORY_RATIO_MAX)} "
            f"({_format_ratio(value, 3)})"
        )
    if {1000, 5000} <= set(results.sizes) and results.cell(OURS, 1000):
        scaling = median(results, OURS, 5000, total) / median(
            results, OURS, 1000, total
        )
        build_synth = FIGURES["build+synth"]
        inner = median(results, OURS, 5000, build_synth) / median(
            results, OURS, 1000, build_synth
        )
        lines.append(
            f"- total time at 5,000 keys / at 1,000 keys <= {SCALING_MAX}: "
            f"{verdict(scaling <= SCALING_MAX)} ({scaling:.2f}; build+synth alone "
            f"{inner:.2f})"
        )
    else:
        lines.append(
            f"- time at 5,000 keys / at 1,000 keys <= {SCALING_MAX}: not measured"
        )
    if results.import_overhead:
        overhead = statistics.median(added for _, added in results.import_overhead)
        base = statistics.median(cdktf for cdktf, _ in results.import_overhead)
        lines.append(
            f"- importing litellm_cdktf adds < {IMPORT_OVERHEAD_MAX_S * 1000:.0f} ms "
            f"to importing cdktf: {verdict(overhead < IMPORT_OVERHEAD_MAX_S)} "
            f"({overhead * 1000:.0f} ms on top of {base * 1000:.0f} ms, median of "
            f"{len(results.import_overhead)})"
        )
    return lines


def _version(distribution: str) -> str:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return "not installed"


def _node_version() -> str:
    node = os.environ.get("JSII_NODE", "node")
    try:
        return subprocess.run(
            [node, "--version"], capture_output=True, text=True, timeout=30, check=True
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def machine_lines() -> list[str]:
    memory = psutil.virtual_memory().total / 2**30
    return [
        f"- CPU: {_cpu_model()}, {os.cpu_count()} logical cores, "
        f"{memory:.0f} GiB memory",
        f"- OS: {platform.platform()}",
        f"- Python {platform.python_version()}, Node.js {_node_version()}, "
        f"cdktf {_version('cdktf')}, jsii {_version('jsii')}, "
        f"constructs {_version('constructs')}, typeguard {_version('typeguard')}",
    ]


def results_section(results: BenchmarkResults, command: str) -> str:
    """Return the generated part of ``BENCHMARKS.md``."""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        RESULTS_START,
        "## Latest results",
        "",
        f"- Date: {now}",
        f"- Command: `{command}`",
        *machine_lines(),
        f"- Repeats per cell: {results.repeats} "
        f"({results.repeats * SHORT_RUN_ROUNDS} up to {SHORT_RUN_MAX_KEYS:,} keys); "
        "sizes: " + ", ".join(f"{keys:,}" for keys in results.sizes),
        f"- Equivalence check at {results.equivalence_keys} keys passed for: "
        + ", ".join(results.equivalent_variants),
    ]
    if results.bindings_s is not None:
        lines.append(
            f"- Producing the generated bindings (provider install and `cdktf get`) "
            f"took {results.bindings_s:.1f} s, not counted below"
        )
    for variant, reason in results.skipped.items():
        lines.append(f"- {variant} variant skipped: {reason}")
    lines += [
        "",
        "### Ratios (litellm-cdktf median / baseline median)",
        "",
        ratio_table(results),
        "",
        "### Targets",
        "",
        *target_lines(results),
        "",
        "### Figures: median (minimum) per cell",
        "",
        figures_table(results),
        "",
        RESULTS_END,
    ]
    return "\n".join(lines)


def write_results(path: Path, section: str, template: str) -> None:
    """Replace the results section of ``path``, or create it from ``template``."""
    text = path.read_text(encoding="utf-8") if path.exists() else template
    start = text.find(RESULTS_START)
    end = text.find(RESULTS_END)
    if start == -1 or end == -1:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    else:
        text = text[:start] + section + text[end + len(RESULTS_END) :]
    path.write_text(text, encoding="utf-8")
