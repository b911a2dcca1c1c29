"""The example apps through the real CLIs, ``cdktf synth`` and ``cdktn synth``.

Each run gets a project folder of its own with a ``cdktf.json`` whose ``app``
runs the example with this virtual environment's Python, on the framework the
test process uses. Both CLIs run in every pass of ``scripts/test.sh``, so each
CLI drives an app on CDKTF once and an app on CDK Terrain once.

A CLI synth takes 4 to 8 s (measured on a two-core machine), so all runs
start at once in a module fixture and the tests check what they wrote.
"""

from __future__ import annotations

import concurrent.futures
import json
import os
import re
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT
from hcltools import parse_hcl

from litellm_cdktf import COMPANION_SOURCE, COMPANION_VERSION, FRAMEWORK_ENV
from litellm_cdktf._framework import cdk, framework_name

pytestmark = pytest.mark.cli

CLIS = ("cdktf", "cdktn")
MODES = ("json", "hcl")
EXAMPLES = {
    "documented_key": "documented-key",
    "import_key": "import-key",
    "two_teams": "two-teams",
}
BIN = ROOT / "node_modules" / ".bin"
PYTHON = ROOT / ".venv" / "bin" / "python"
# Variables that the examples read. The runs and Testing.synth leave them unset.
EXAMPLE_VARIABLES = ("LITELLM_PROVIDER", "LITELLM_KEY_ID", "LITELLM_ENTERPRISE")

WARNING_APP = """\
from litellm_cdktf import LitellmKey, LitellmProvider
from litellm_cdktf._framework import cdk

app = cdk.App()
stack = cdk.TerraformStack(app, "warnings")
LitellmProvider(stack, "litellm", api_key="sk-literal", source="BerriAI/litellm",
                version="~> 0.4.0")
key = LitellmKey(stack, "ci", models=["gpt-4o"])
cdk.TerraformOutput(stack, "secret", value=key.key, sensitive=True)
app.synth()
"""

ERROR_APP = """\
from litellm_cdktf import LitellmKey, LitellmProvider
from litellm_cdktf._framework import cdk

app = cdk.App()
stack = cdk.TerraformStack(app, "errors")
LitellmProvider(stack, "first", alias="main")
LitellmProvider(stack, "second", alias="main")
app.synth()
"""


@dataclass
class CliRun:
    """One CLI synth and what it left behind."""

    cli: str
    mode: str
    app: str
    project: Path
    result: subprocess.CompletedProcess[str]
    seconds: float

    @property
    def output(self) -> str:
        return self.result.stdout + self.result.stderr

    def stack_dir(self, stack: str) -> Path:
        return self.project / "cdktf.out" / "stacks" / stack


def _environment() -> dict[str, str]:
    environment = dict(os.environ)
    for name in EXAMPLE_VARIABLES:
        environment.pop(name, None)
    environment.update(
        {
            FRAMEWORK_ENV: framework_name,
            "PATH": f"{BIN}{os.pathsep}{environment.get('PATH', '')}",
            "JSII_NODE": str(BIN / "node"),
            "CHECKPOINT_DISABLE": "1",
            # Plain output: no spinner, no colour codes.
            "CI": "1",
            "FORCE_COLOR": "0",
        }
    )
    return environment


def _synth(cli: str, mode: str, app: str, project: Path) -> CliRun:
    project.mkdir(parents=True)
    if app in EXAMPLES:
        command = f"{PYTHON} {ROOT / 'examples' / app / 'main.py'}"
    else:
        (project / "main.py").write_text(
            WARNING_APP if app == "warnings" else ERROR_APP
        )
        command = f"{PYTHON} main.py"
    config = {
        "language": "python",
        "app": command,
        "projectId": f"litellm-cdktf-test-{app}",
        "sendCrashReports": "false",
        "terraformProviders": [],
        "terraformModules": [],
        "output": "cdktf.out",
        "codeMakerOutput": "imports",
        "context": {},
    }
    (project / "cdktf.json").write_text(json.dumps(config, indent=2))
    arguments = [str(BIN / cli), "synth"] + (["--hcl"] if mode == "hcl" else [])
    started = time.monotonic()
    result = subprocess.run(
        arguments,
        cwd=project,
        env=_environment(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return CliRun(cli, mode, app, project, result, time.monotonic() - started)


@pytest.fixture(scope="module")
def runs(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[tuple[str, str, str], CliRun]:
    """Run every CLI on every example in both modes, plus the warning and error apps."""
    missing = [cli for cli in CLIS if not (BIN / cli).exists()]
    if missing:
        pytest.fail(
            f"{', '.join(missing)} not found in {BIN}; run scripts/bootstrap.sh"
        )
    base = tmp_path_factory.mktemp("cli")
    tasks = [(cli, mode, app) for cli in CLIS for mode in MODES for app in EXAMPLES]
    tasks += [(cli, "json", app) for cli in CLIS for app in ("warnings", "errors")]
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        futures = {
            task: pool.submit(_synth, *task, base / "-".join(task)) for task in tasks
        }
        return {task: future.result() for task, future in futures.items()}


def _without_metadata(value: Any) -> Any:
    """Drop the ``//`` metadata keys that CDKTF adds, at every depth."""
    if isinstance(value, dict):
        return {k: _without_metadata(v) for k, v in value.items() if k != "//"}
    if isinstance(value, list):
        return [_without_metadata(item) for item in value]
    return value


def _testing_synth(app: str, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    for name in EXAMPLE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    module = __import__(f"examples.{app}.main", fromlist=["build"])
    return json.loads(cdk.Testing.synth(module.build(cdk.Testing.app())))  # type: ignore[no-any-return]


def _cli_json(run: CliRun) -> dict[str, Any]:
    """Return the JSON a JSON-mode run wrote, without metadata and local backend."""
    stack = EXAMPLES[run.app]
    written = json.loads((run.stack_dir(stack) / "cdk.tf.json").read_text())
    result = _without_metadata(written)
    backend = result["terraform"].pop("backend")
    assert backend == {
        "local": {"path": str(run.project / f"terraform.{stack}.tfstate")}
    }
    return result  # type: ignore[no-any-return]


CASES = [(cli, app) for cli in CLIS for app in EXAMPLES]


@pytest.mark.parametrize(("cli", "app"), CASES)
def test_json_equals_testing_synth(
    runs: dict[tuple[str, str, str], CliRun],
    monkeypatch: pytest.MonkeyPatch,
    cli: str,
    app: str,
) -> None:
    run = runs[cli, "json", app]
    assert run.result.returncode == 0, run.output

    assert _cli_json(run) == _testing_synth(app, monkeypatch)


def terraform_fmt(text: str) -> str:
    """Format HCL with ``terraform fmt``; fail the test if Terraform rejects it."""
    result = subprocess.run(
        ["terraform", "fmt", "-no-color", "-"],
        input=text,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def _strip_interpolation(text: str) -> str:
    match = re.fullmatch(r"\$\{(.*)\}", text)
    return match[1] if match else text


def _hcl_as_json(parsed: dict[str, Any]) -> dict[str, Any]:
    """Reshape parsed HCL into the layout of CDKTF's Terraform JSON."""
    result = dict(parsed)
    terraform: dict[str, Any] = {}
    for name, blocks in parsed["terraform"].items():
        merged: dict[str, Any] = {}
        for block in blocks:
            merged.update(block)
        terraform[name] = merged
    result["terraform"] = terraform
    result["provider"] = {name: [body] for name, body in parsed["provider"].items()}
    if "import" in parsed:
        blocks = parsed["import"]
        blocks = blocks if isinstance(blocks, list) else [blocks]
        result["import"] = [
            {**block, "to": _strip_interpolation(block["to"])} for block in blocks
        ]
    return result


@pytest.mark.parametrize(("cli", "app"), CASES)
def test_hcl_same_values_as_json(
    runs: dict[tuple[str, str, str], CliRun], cli: str, app: str
) -> None:
    run = runs[cli, "hcl", app]
    assert run.result.returncode == 0, run.output
    stack = EXAMPLES[app]
    hcl_file = run.stack_dir(stack) / "cdk.tf"

    parsed = _hcl_as_json(parse_hcl(terraform_fmt(hcl_file.read_text())))
    backend = parsed["terraform"].pop("backend")

    assert backend == {
        "local": {"path": str(run.project / f"terraform.{stack}.tfstate")}
    }
    assert parsed == _cli_json(runs[cli, "json", app])


@pytest.mark.parametrize("cli", CLIS)
@pytest.mark.parametrize("mode", MODES)
def test_version_warning_in_output(
    runs: dict[tuple[str, str, str], CliRun], cli: str, mode: str
) -> None:
    run = runs[cli, mode, "documented_key"]

    assert (
        "WARN [documented-key/example]: LitellmKey 'documented-key/example' sets "
        "send_invite_email, but ncecere/litellm '~> 0.3.15' admits releases that "
        "do not accept this argument: 0.3.15."
    ) in run.output
    assert run.output.count("WARN [") == 1, run.output


@pytest.mark.parametrize("cli", CLIS)
def test_warnings_name_construct_path(
    runs: dict[tuple[str, str, str], CliRun], cli: str
) -> None:
    run = runs[cli, "json", "warnings"]
    assert run.result.returncode == 0, run.output

    assert (
        "WARN [warnings/litellm]: api_key is a literal string, so the LiteLLM "
        "master key is written in plain text to cdk.tf.json."
    ) in run.output
    assert (
        "WARN [warnings/ci]: LitellmKey 'warnings/ci' reads key, but "
        "berriai/litellm '~> 0.4.0' admits releases where key is write-only: 0.4.0."
    ) in run.output


@pytest.mark.parametrize("cli", CLIS)
def test_stack_error_names_paths(
    runs: dict[tuple[str, str, str], CliRun], cli: str
) -> None:
    run = runs[cli, "json", "errors"]

    assert run.result.returncode != 0
    assert "LitellmProviders 'errors/first' and 'errors/second' both have alias " in (
        run.output
    )


# -- terraform validate against the companion provider ------------------------------

REQUIRED_PROVIDERS = re.compile(r"required_providers \{.*?\n  \}\n", re.DOTALL)


def _pin_companion(hcl: str) -> str:
    """Point the ``litellm`` provider requirement at the companion provider."""
    block = REQUIRED_PROVIDERS.search(hcl)
    assert block is not None, hcl
    pinned = re.sub(r'source\s*=\s*"[^"]*"', f'source = "{COMPANION_SOURCE}"', block[0])
    pinned = re.sub(
        r'version\s*=\s*"[^"]*"', f'version = "{COMPANION_VERSION}"', pinned
    )
    return hcl[: block.start()] + pinned + hcl[block.end() :]


@pytest.fixture(scope="module")
def companion_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Install the companion provider; return a CLI configuration that uses only it."""
    command = ROOT / ".venv" / "bin" / "litellm-cdktf-provider"
    if (
        not command.exists()
        or not (ROOT / "litellm_cdktf" / "terraform_provider").is_dir()
    ):
        pytest.fail(
            "the companion provider (litellm-cdktf-provider) is not installed; "
            "run scripts/bootstrap.sh"
        )
    directory = tmp_path_factory.mktemp("companion")
    result = subprocess.run(
        [str(command), "install", "--dir", str(directory)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    host = COMPANION_SOURCE.split("/")[0]
    config = directory / "validate.terraformrc"
    # No direct block: any provider but the companion fails instead of
    # reaching a registry.
    config.write_text(
        "provider_installation {\n"
        f'  filesystem_mirror {{\n    path = "{directory / "mirror"}"\n'
        f'    include = ["{host}/*/*"]\n  }}\n}}\n'
    )
    return config


def _terraform(
    arguments: list[str], cwd: Path, config: Path
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["terraform", *arguments, "-no-color"],
        cwd=cwd,
        env={
            **os.environ,
            "TF_CLI_CONFIG_FILE": str(config),
            "CHECKPOINT_DISABLE": "1",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.terraform
@pytest.mark.parametrize(("cli", "app"), CASES)
def test_hcl_validates_against_companion(
    runs: dict[tuple[str, str, str], CliRun],
    companion_config: Path,
    tmp_path: Path,
    cli: str,
    app: str,
) -> None:
    run = runs[cli, "hcl", app]
    assert run.result.returncode == 0, run.output
    hcl = terraform_fmt((run.stack_dir(EXAMPLES[app]) / "cdk.tf").read_text())
    (tmp_path / "main.tf").write_text(_pin_companion(hcl))

    init = _terraform(
        ["init", "-input=false", "-backend=false"], tmp_path, companion_config
    )
    assert init.returncode == 0, init.stdout + init.stderr
    validate = _terraform(["validate", "-json"], tmp_path, companion_config)

    report = json.loads(validate.stdout)
    assert report["valid"] is True, validate.stdout
    assert report["error_count"] == 0


def test_example_variables_listed() -> None:
    read = set()
    for path in ROOT.glob("examples/*/main.py"):
        read |= set(re.findall(r"os\.environ\.get\(\s*\"(\w+)\"", path.read_text()))

    assert read <= set(EXAMPLE_VARIABLES), "add new variables to EXAMPLE_VARIABLES"
