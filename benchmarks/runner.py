"""Check that the variants agree, then time them, interleaved across repeats."""

from __future__ import annotations

import json
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks import workload
from benchmarks.measure import RunResult, run_child, run_import_overhead

VARIANT_ORDER = ("generated", "floor", "litellm-cdktf")
CDKTF_ONLY = "cdktf-only"
"""Reference run at one key: an app that imports cdktf and synthesizes an empty
stack. It writes no keys, so it takes no part in the equivalence checks."""
EQUIVALENCE_KEYS = 100
SHORT_RUN_MAX_KEYS = 100
"""Largest stack size whose runs take about a second or less."""
SHORT_RUN_ROUNDS = 5
"""Runs per variant in each repeat at sizes up to ``SHORT_RUN_MAX_KEYS``. There,
a difference of 50 ms between the variants is within the noise of a single
run, so those cells get more samples at little cost."""
"""Stack size at which the variants' ``litellm_key`` resources are compared."""


class EquivalenceError(RuntimeError):
    """Two variants synthesized different ``litellm_key`` resources."""


@dataclass
class BenchmarkResults:
    """Everything one benchmark run measured."""

    sizes: list[int]
    repeats: int
    variants: list[str]
    runs: list[RunResult] = field(default_factory=list)
    import_overhead: list[tuple[float, float]] = field(default_factory=list)
    """Seconds to import ``cdktf``, then ``litellm_cdktf`` on top, per repeat."""
    equivalent_variants: list[str] = field(default_factory=list)
    equivalence_keys: int = 0
    """Stack size at which ``equivalent_variants`` synthesized the same keys."""
    skipped: dict[str, str] = field(default_factory=dict)
    """Variants left out, with the reason."""
    bindings_s: float | None = None
    """Seconds spent producing the generated bindings."""

    def cell(self, variant: str, keys: int) -> list[RunResult]:
        return [run for run in self.runs if run.variant == variant and run.keys == keys]


def _without_metadata(value: Any) -> Any:
    """Return ``value`` without CDKTF's ``//`` metadata entries, at any depth."""
    if isinstance(value, dict):
        return {
            name: _without_metadata(item)
            for name, item in value.items()
            if name != "//"
        }
    if isinstance(value, list):
        return [_without_metadata(item) for item in value]
    return value


def synthesized_keys(outdir: Path) -> dict[str, Any]:
    """Return the ``litellm_key`` resources that one run wrote, without metadata."""
    path = outdir / "stacks" / workload.STACK_NAME / "cdk.tf.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    keys = document.get("resource", {}).get("litellm_key", {})
    return _without_metadata(keys)  # type: ignore[no-any-return]


def _first_difference(expected: Any, actual: Any, path: str = "") -> str:
    """Describe the first place where two JSON values differ."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for name in sorted(set(expected) | set(actual)):
            if name not in actual:
                return f"{path}.{name} is missing"
            if name not in expected:
                return f"{path}.{name} is unexpected: {actual[name]!r}"
            if expected[name] != actual[name]:
                return _first_difference(expected[name], actual[name], f"{path}.{name}")
    return f"{path}: expected {expected!r}, got {actual!r}"


def _compare(
    variant: str,
    keys: int,
    resources: dict[str, Any],
    reference: dict[int, tuple[str, dict[str, Any]]],
) -> None:
    """Raise unless ``resources`` has ``keys`` keys equal to the reference at that size.

    The first variant compared at a size becomes the reference for that size.
    """
    if len(resources) != keys:
        raise EquivalenceError(
            f"{variant} synthesized {len(resources)} litellm_key resources, "
            f"expected {keys}"
        )
    if keys not in reference:
        reference[keys] = (variant, resources)
        return
    reference_variant, expected = reference[keys]
    if resources != expected:
        difference = _first_difference(expected, resources, "litellm_key")
        raise EquivalenceError(
            f"{variant} and {reference_variant} synthesize different litellm_key "
            f"resources at {keys} keys; first difference: {difference}"
        )


def check_equivalence(
    variants: list[str], workdir: Path, bindings: Path | None, keys: int
) -> None:
    """Run every variant once with ``keys`` keys and raise if their keys differ."""
    reference: dict[int, tuple[str, dict[str, Any]]] = {}
    for variant in variants:
        run = run_child(variant, keys, workdir, bindings)
        resources = synthesized_keys(run.outdir)
        shutil.rmtree(run.outdir.parent, ignore_errors=True)
        _compare(variant, keys, resources, reference)


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_benchmark(
    variants: list[str],
    sizes: list[int],
    repeats: int,
    workdir: Path,
    bindings: Path | None,
) -> BenchmarkResults:
    """Time every variant at every size ``repeats`` times, interleaved.

    Each repeat visits every size, and at each size runs every variant once,
    starting with a different variant each time, so that slow phases of a noisy
    machine spread over all variants. At one key, ``cdktf-only`` joins the
    variants. At sizes up to ``SHORT_RUN_MAX_KEYS`` the round is run
    ``SHORT_RUN_ROUNDS`` times.
    """
    with_reference = 1 in sizes
    results = BenchmarkResults(
        sizes=sizes,
        repeats=repeats,
        variants=variants + [CDKTF_ONLY] if with_reference else list(variants),
    )
    # The check before timing covers one small size only, so the first repeat
    # also compares the variants at every size.
    reference: dict[int, tuple[str, dict[str, Any]]] = {}
    step = 0
    for repeat in range(repeats):
        for keys in sizes:
            cell = variants + [CDKTF_ONLY] if keys == 1 else variants
            order: list[str] = []
            for _ in range(SHORT_RUN_ROUNDS if keys <= SHORT_RUN_MAX_KEYS else 1):
                shift = step % len(cell)
                step += 1
                order += cell[shift:] + cell[:shift]
            for variant in order:
                run = run_child(variant, keys, workdir, bindings)
                if variant != CDKTF_ONLY:
                    resources = synthesized_keys(run.outdir)
                    _compare(variant, keys, resources, reference)
                    del resources
                shutil.rmtree(run.outdir.parent, ignore_errors=True)
                results.runs.append(run)
                _progress(
                    f"repeat {repeat + 1}/{repeats}  {variant:>13}  {keys:>5} keys  "
                    f"{run.wall_s:6.2f} s  {run.peak_bytes / 2**20:6.0f} MiB"
                )
        results.import_overhead.append(run_import_overhead(workdir))
    return results
