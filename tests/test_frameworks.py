"""The same library on CDKTF and CDK Terrain: selection, mismatches, identical output.

Each check that depends on how a process starts (environment, import order)
runs Python in a subprocess, because the framework is chosen once, when
``litellm_cdktf`` is first imported.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from litellm_cdktf import FRAMEWORK_ENV, FrameworkMismatchError, framework_name

EXAMPLES = sorted(path.parent.name for path in (ROOT / "examples").glob("*/main.py"))
FRAMEWORKS = ("cdktf", "cdktn")


def run_python(
    code: str, framework: str | None = None, *args: str
) -> subprocess.CompletedProcess[str]:
    """Run ``code`` in a new Python process, with ``framework`` in the environment."""
    environment = dict(os.environ)
    environment.pop(FRAMEWORK_ENV, None)
    if framework is not None:
        environment[FRAMEWORK_ENV] = framework
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )


PRINT_CHOICE = """
import litellm_cdktf
from litellm_cdktf._framework import cdk
print(litellm_cdktf.framework_name, cdk.__name__)
"""
# A None entry in sys.modules makes an import fail as if the module were absent.
BLOCK_CDKTF = "import sys\nsys.modules['cdktf'] = None\n"
BLOCK_CDKTN = "import sys\nsys.modules['cdktn'] = None\n"

MISMATCH = """
import {other}
import litellm_cdktf
from litellm_cdktf import FrameworkMismatchError, LitellmKey, LitellmProvider

stack = {other}.TerraformStack({other}.Testing.app(), "other")
for build in (
    lambda: LitellmProvider(stack, "litellm"),
    lambda: LitellmKey(stack, "k", models=["gpt-4o"]),
):
    try:
        build()
    except FrameworkMismatchError as error:
        print(error)
    else:
        print("no error")
"""

SCENARIOS: dict[str, tuple[str, str | None]] = {
    # name: (code, LITELLM_CDKTF_FRAMEWORK or None)
    "env cdktf": (PRINT_CHOICE, "cdktf"),
    "env cdktn": (PRINT_CHOICE, "cdktn"),
    "env CDKTN padded": (PRINT_CHOICE, " CDKTN "),
    "imported cdktf": ("import cdktf\n" + PRINT_CHOICE, None),
    "imported cdktn": ("import cdktn\n" + PRINT_CHOICE, None),
    "imported both": ("import cdktn, cdktf\n" + PRINT_CHOICE, None),
    "default": (PRINT_CHOICE, None),
    "env beats import": ("import cdktf\n" + PRINT_CHOICE, "cdktn"),
    "only cdktn installed": (BLOCK_CDKTF + PRINT_CHOICE, None),
    "env invalid": (PRINT_CHOICE, "terraform"),
    "env names missing": (BLOCK_CDKTN + PRINT_CHOICE, "cdktn"),
    "none installed": (BLOCK_CDKTF + BLOCK_CDKTN + PRINT_CHOICE, None),
    "library cdktf, stack cdktn": (MISMATCH.format(other="cdktn"), "cdktf"),
    "library cdktn, stack cdktf": (MISMATCH.format(other="cdktf"), "cdktn"),
}


@pytest.fixture(scope="module")
def outcomes() -> dict[str, subprocess.CompletedProcess[str]]:
    """Run every scenario at once, each in its own process."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        futures = {
            name: pool.submit(run_python, code, framework)
            for name, (code, framework) in SCENARIOS.items()
        }
        return {name: future.result() for name, future in futures.items()}


def _choice(outcome: subprocess.CompletedProcess[str]) -> list[str]:
    assert outcome.returncode == 0, outcome.stderr
    return outcome.stdout.split()


# -- selection rules ----------------------------------------------------------


@pytest.mark.parametrize(
    ("scenario", "expected"),
    [
        ("env cdktf", "cdktf"),
        ("env cdktn", "cdktn"),
        ("env CDKTN padded", "cdktn"),
        ("imported cdktf", "cdktf"),
        ("imported cdktn", "cdktn"),
        ("imported both", "cdktf"),
        ("default", "cdktf"),
        ("env beats import", "cdktn"),
        ("only cdktn installed", "cdktn"),
    ],
)
def test_framework_selected(
    outcomes: dict[str, subprocess.CompletedProcess[str]], scenario: str, expected: str
) -> None:
    assert _choice(outcomes[scenario]) == [expected, expected]


def test_env_var_invalid_name(
    outcomes: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    outcome = outcomes["env invalid"]

    assert outcome.returncode != 0
    assert (
        "ImportError: LITELLM_CDKTF_FRAMEWORK='terraform' is not a framework "
        "litellm-cdktf supports; set it to 'cdktf' or 'cdktn'"
    ) in outcome.stderr


def test_env_var_framework_missing(
    outcomes: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    outcome = outcomes["env names missing"]

    assert outcome.returncode != 0
    assert (
        "ImportError: LITELLM_CDKTF_FRAMEWORK=cdktn selects cdktn, which is not "
        "installed; install litellm-cdktf[cdktn]"
    ) in outcome.stderr


def test_no_framework_installed(
    outcomes: dict[str, subprocess.CompletedProcess[str]],
) -> None:
    outcome = outcomes["none installed"]

    assert outcome.returncode != 0
    assert "ImportError: litellm-cdktf needs CDKTF or CDK Terrain" in outcome.stderr


# -- constructs of the other framework ---------------------------------------------


@pytest.mark.parametrize(("library", "other"), [("cdktf", "cdktn"), ("cdktn", "cdktf")])
def test_stack_of_other_framework(
    outcomes: dict[str, subprocess.CompletedProcess[str]], library: str, other: str
) -> None:
    outcome = outcomes[f"library {library}, stack {other}"]
    assert outcome.returncode == 0, outcome.stderr

    provider_error, key_error = outcome.stdout.strip().splitlines()
    hint = (
        f"but litellm-cdktf runs on {library} in this process. Build the whole app "
        f"with one framework, or set {FRAMEWORK_ENV}={other} before importing "
        f"litellm_cdktf (the object's class comes from module {other})."
    )
    assert provider_error == (
        f"The scope of LitellmProvider 'litellm' is a TerraformStack from {other}, "
        + hint
    )
    assert key_error == (
        f"The scope of LitellmKey 'k' is a TerraformStack from {other}, " + hint
    )


def test_mismatch_is_type_error() -> None:
    assert issubclass(FrameworkMismatchError, TypeError)


def test_same_framework_stack_accepted(cdk: Any) -> None:
    from litellm_cdktf import LitellmKey, LitellmProvider

    stack = cdk.TerraformStack(cdk.Testing.app(), "same")
    LitellmProvider(stack, "litellm")
    key = LitellmKey(stack, "k", models=["gpt-4o"])

    assert key.node.path == "same/k"
    assert cdk.__name__ == framework_name


# -- identical output ------------------------------------------------------------

SYNTH_EXAMPLES = """
import importlib, json, sys
from litellm_cdktf._framework import cdk

outdir = sys.argv[1]
results = {}
for name in sys.argv[2:]:
    module = importlib.import_module(f"examples.{name}.main")
    results[name] = {
        "testing": cdk.Testing.synth(module.build(cdk.Testing.app())),
    }
    app = cdk.App(outdir=f"{outdir}/{name}")
    stack = module.build(app)
    app.synth()
    results[name]["stack"] = stack.node.id
print(json.dumps(results))
"""

FRAMEWORK_VERSIONS = {"cdktf": "0.21.0", "cdktn": "0.24.0"}

# CDKTF 0.21 writes an empty object or list over two lines ("{\n  }"), but CDK
# Terrain 0.24 writes it on one ("{}").
EMPTY_CONTAINER = re.compile(r"([\[{])\n\s*([\]}])")


def _canonical_text(text: str) -> str:
    return EMPTY_CONTAINER.sub(r"\1\2", text)


@pytest.fixture(scope="module")
def synthesized(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Synthesize every example under each framework, in its own process."""
    outdirs = {
        framework: tmp_path_factory.mktemp(framework) for framework in FRAMEWORKS
    }
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        futures = {
            framework: pool.submit(
                run_python,
                SYNTH_EXAMPLES,
                framework,
                str(outdirs[framework]),
                *EXAMPLES,
            )
            for framework in FRAMEWORKS
        }
        completed = {
            framework: future.result() for framework, future in futures.items()
        }
    results: dict[str, Any] = {}
    for framework in FRAMEWORKS:
        assert completed[framework].returncode == 0, completed[framework].stderr
        per_example = json.loads(completed[framework].stdout)
        for name, result in per_example.items():
            stack_dir = outdirs[framework] / name / "stacks" / result["stack"]
            result["file"] = (stack_dir / "cdk.tf.json").read_text(encoding="utf-8")
        results[framework] = per_example
    return results


@pytest.mark.parametrize("name", EXAMPLES)
def test_testing_synth_identical(synthesized: dict[str, Any], name: str) -> None:
    cdktf_text = synthesized["cdktf"][name]["testing"]
    cdktn_text = synthesized["cdktn"][name]["testing"]

    assert _canonical_text(cdktf_text) == _canonical_text(cdktn_text)
    assert json.loads(cdktf_text) == json.loads(cdktn_text)


@pytest.mark.parametrize("name", EXAMPLES)
def test_written_json_identical(synthesized: dict[str, Any], name: str) -> None:
    texts = {}
    for framework in FRAMEWORKS:
        text = synthesized[framework][name]["file"]
        stamp = json.loads(text)["//"]["metadata"]["version"]
        assert stamp == FRAMEWORK_VERSIONS[framework]
        stamp_line = f'"version": "{stamp}"'
        assert text.count(stamp_line) == 1
        texts[framework] = _canonical_text(text.replace(stamp_line, '"version": "-"'))

    assert texts["cdktf"] == texts["cdktn"]


def test_examples_found() -> None:
    assert EXAMPLES == ["documented_key", "import_key", "two_teams"]


def test_no_hard_cdktf_imports() -> None:
    for path in [*ROOT.glob("examples/*/main.py"), *ROOT.glob("litellm_cdktf/*.py")]:
        text = path.read_text(encoding="utf-8")
        hard_imports = [
            line
            for line in text.splitlines()
            if re.match(r"\s*(import cdktf\b|from cdktf\b)", line)
            and "TYPE_CHECKING" not in line
        ]
        allowed = _type_checking_only(text, hard_imports)
        assert hard_imports == allowed, f"{path.relative_to(ROOT)} imports cdktf"


def _type_checking_only(text: str, lines: list[str]) -> list[str]:
    """Return the lines of ``lines`` that sit in an ``if TYPE_CHECKING:`` block."""
    allowed = []
    inside = False
    for line in text.splitlines():
        if line.startswith("if TYPE_CHECKING:"):
            inside = True
            continue
        if inside and line and not line.startswith((" ", "\t")):
            inside = False
        if inside and line in lines:
            allowed.append(line)
    return allowed


def test_framework_name_matches_module(cdk: Any) -> None:
    assert framework_name in FRAMEWORKS
    assert Path(cdk.__file__).parent.name == framework_name
