"""One measured run: build and synthesize the workload stack with one variant.

Usage: ``python -m benchmarks.child VARIANT KEYS OUTDIR RESULT [BINDINGS]``.
The parent (``benchmarks.runner``) starts a fresh process per run. This module
times three phases itself (import, build, synth) and writes them, with its own
peak resident memory, as JSON to RESULT. It imports only the standard library
before the import phase starts, so the phases measure the variant alone.
"""

from __future__ import annotations

import time

_STARTED = time.perf_counter()

import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from collections.abc import Callable  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from benchmarks import workload  # noqa: E402

Phases = tuple[float, float, float]
"""Seconds spent importing, building and synthesizing."""


def run_floor(keys: int, outdir: Path, bindings: Path | None) -> Phases:
    """Write the stack's Terraform JSON with the ``json`` module alone."""
    start = time.perf_counter()
    # json is already imported by this module, so the floor has no import cost.
    imported = time.perf_counter()

    resources = {
        workload.key_id(index): workload.key_arguments(index) for index in range(keys)
    }
    last = workload.key_id(keys - 1)
    document = {
        "output": {
            workload.OUTPUT_NAME: {
                "sensitive": True,
                "value": f"${{litellm_key.{last}.key}}",
            }
        },
        "provider": {"litellm": [{"api_base": workload.API_BASE}]},
        "resource": {"litellm_key": resources},
        "terraform": {
            "required_providers": {
                "litellm": {
                    "source": workload.PROVIDER_SOURCE,
                    "version": workload.PROVIDER_VERSION,
                }
            }
        },
    }
    built = time.perf_counter()

    stack_dir = outdir / "stacks" / workload.STACK_NAME
    stack_dir.mkdir(parents=True, exist_ok=True)
    with open(stack_dir / "cdk.tf.json", "w", encoding="utf-8") as file:
        json.dump(document, file, indent=2)
    synthesized = time.perf_counter()
    return imported - start, built - imported, synthesized - built


def run_litellm_cdktf(keys: int, outdir: Path, bindings: Path | None) -> Phases:
    """Build the stack with ``LitellmKey`` and ``LitellmProvider``."""
    start = time.perf_counter()
    from cdktf import App, TerraformOutput, TerraformStack

    from litellm_cdktf import LitellmKey, LitellmProvider

    imported = time.perf_counter()

    app = App(outdir=str(outdir))
    stack = TerraformStack(app, workload.STACK_NAME)
    LitellmProvider(
        stack, workload.PROVIDER_ID, api_base=workload.API_BASE, companion=True
    )
    key = None
    for index in range(keys):
        key = LitellmKey(stack, workload.key_id(index), **workload.key_arguments(index))
    assert key is not None
    TerraformOutput(stack, workload.OUTPUT_NAME, value=key.key, sensitive=True)
    built = time.perf_counter()

    app.synth()
    synthesized = time.perf_counter()
    return imported - start, built - imported, synthesized - built


def run_generated(keys: int, outdir: Path, bindings: Path | None) -> Phases:
    """Build the stack with the bindings that ``cdktf get`` wrote to ``bindings``."""
    if bindings is None:
        raise SystemExit("the generated variant needs the bindings folder")
    sys.path.insert(0, str(bindings))
    start = time.perf_counter()
    from cdktf import App, TerraformOutput, TerraformStack
    from imports.litellm.key import Key  # type: ignore[import-not-found]
    from imports.litellm.provider import (  # type: ignore[import-not-found]
        LitellmProvider,
    )

    imported = time.perf_counter()

    app = App(outdir=str(outdir))
    stack = TerraformStack(app, workload.STACK_NAME)
    LitellmProvider(stack, workload.PROVIDER_ID, api_base=workload.API_BASE)
    key = None
    for index in range(keys):
        key = Key(stack, workload.key_id(index), **workload.key_arguments(index))
    assert key is not None
    TerraformOutput(stack, workload.OUTPUT_NAME, value=key.key, sensitive=True)
    built = time.perf_counter()

    app.synth()
    synthesized = time.perf_counter()
    return imported - start, built - imported, synthesized - built


def run_cdktf_only(keys: int, outdir: Path, bindings: Path | None) -> Phases:
    """Synthesize an empty stack: what any CDKTF app costs before its resources.

    Ignores ``keys``. The runner measures it at one key only, as the least a
    library built on CDKTF can cost there.
    """
    start = time.perf_counter()
    from cdktf import App, TerraformStack

    imported = time.perf_counter()

    app = App(outdir=str(outdir))
    TerraformStack(app, workload.STACK_NAME)
    built = time.perf_counter()

    app.synth()
    synthesized = time.perf_counter()
    return imported - start, built - imported, synthesized - built


VARIANTS: dict[str, Callable[[int, Path, Path | None], Phases]] = {
    "generated": run_generated,
    "floor": run_floor,
    "litellm-cdktf": run_litellm_cdktf,
    "cdktf-only": run_cdktf_only,
}


def _own_peak_bytes() -> int:
    """Return this process's peak resident memory since it started running Python.

    ``VmHWM`` belongs to the memory of the program image, which exec() replaces,
    whereas ``ru_maxrss`` keeps the peak of the parent that forked this process.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024  # the value is in kB
    except OSError:
        pass
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def main(argv: list[str]) -> None:
    if len(argv) not in (4, 5):
        raise SystemExit(__doc__)
    variant, keys, outdir, result = argv[:4]
    bindings = Path(argv[4]) if len(argv) == 5 else None
    import_s, build_s, synth_s = VARIANTS[variant](int(keys), Path(outdir), bindings)
    record: dict[str, Any] = {
        "import_s": import_s,
        "build_s": build_s,
        "synth_s": synth_s,
        "in_process_s": time.perf_counter() - _STARTED,
        "self_peak_bytes": _own_peak_bytes(),
    }
    Path(result).write_text(json.dumps(record), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
