"""Produce CDKTF bindings for ``litellm_key`` with ``cdktf get``, in a temporary folder.

The bindings come from the companion Terraform provider
(``litellm-cdktf-provider install`` puts it in a filesystem mirror), so they
describe the same schema that ``LitellmKey`` validates. Nothing here is written
inside the repository.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks import workload

REPOSITORY = Path(__file__).resolve().parent.parent
CDKTF_CLI = REPOSITORY / "node_modules" / ".bin" / "cdktf"
GET_TIMEOUT_S = 600.0
"""Maximum seconds for installing the provider and running ``cdktf get``."""


class BindingsUnavailable(RuntimeError):
    """Raised when the generated bindings cannot be produced.

    The message gives the reason and, where known, what to do.
    """


def _provider_script() -> Path:
    """Return the path of the ``litellm-cdktf-provider`` command.

    Raises ``BindingsUnavailable``, with the reason, when it is missing.
    """
    if importlib.util.find_spec("litellm_cdktf.terraform_provider") is None:
        raise BindingsUnavailable(
            "the companion provider (litellm_cdktf.terraform_provider) is not "
            "installed; install litellm-cdktf[provider]"
        )
    script = Path(sys.executable).parent / "litellm-cdktf-provider"
    found = script if script.exists() else shutil.which("litellm-cdktf-provider")
    if found is None:
        raise BindingsUnavailable(
            "the litellm-cdktf-provider command was not found next to "
            f"{sys.executable} or on PATH; reinstall litellm-cdktf[provider]"
        )
    return Path(found)


def _run(
    command: list[str], cwd: Path, environment: dict[str, str], description: str
) -> None:
    try:
        completed = subprocess.run(
            command,
            cwd=cwd,
            env=environment,
            capture_output=True,
            text=True,
            timeout=GET_TIMEOUT_S,
        )
    except subprocess.TimeoutExpired as error:
        raise BindingsUnavailable(
            f"{description} timed out after {GET_TIMEOUT_S:.0f} s"
        ) from error
    if completed.returncode != 0:
        output = (completed.stdout + completed.stderr)[-3000:]
        raise BindingsUnavailable(
            f"{description} failed with exit code {completed.returncode}: "
            f"{' '.join(command)}\n{output}"
        )


def _install_provider(directory: Path, environment: dict[str, str]) -> Path:
    """Install the companion provider under ``directory``; return its CLI config.

    ``litellm-cdktf-provider install --dir DIR`` writes a filesystem mirror and
    ``DIR/terraformrc``, a Terraform CLI configuration that uses it.
    """
    script = _provider_script()
    _run(
        [str(script), "install", "--dir", str(directory)],
        cwd=directory.parent,
        environment=environment,
        description="litellm-cdktf-provider install",
    )
    cli_config = directory / "terraformrc"
    if not cli_config.exists():
        raise BindingsUnavailable(
            f"litellm-cdktf-provider install wrote no Terraform CLI configuration "
            f"at {cli_config}"
        )
    return cli_config


def _write_cli_config(path: Path, mirror: Path) -> None:
    """Write a Terraform CLI configuration that takes litellm from ``mirror`` only."""
    host = workload.PROVIDER_SOURCE.split("/", 1)[0]
    path.write_text(
        "provider_installation {\n"
        "  filesystem_mirror {\n"
        f"    path    = {json.dumps(str(mirror))}\n"
        f'    include = ["{host}/*/*"]\n'
        "  }\n"
        "  direct {\n"
        f'    exclude = ["{host}/*/*"]\n'
        "  }\n"
        "}\n",
        encoding="utf-8",
    )


def prepare_bindings(workdir: Path, mirror: Path | None = None) -> tuple[Path, float]:
    """Generate the bindings under ``workdir``.

    Returns the bindings folder and the seconds it took.

    The returned folder contains the ``imports`` package (``imports.litellm.key``).
    ``mirror`` is an existing filesystem mirror containing the provider; without it
    the companion provider is installed into a new one.
    """
    started = time.perf_counter()
    if not CDKTF_CLI.exists():
        raise BindingsUnavailable(
            f"the CDKTF CLI is missing at {CDKTF_CLI}; run scripts/bootstrap.sh"
        )
    environment = dict(os.environ)
    environment["CHECKPOINT_DISABLE"] = "1"
    environment["FORCE_COLOR"] = "0"  # plain text in error messages
    environment["PATH"] = f"{CDKTF_CLI.parent}{os.pathsep}{environment.get('PATH', '')}"

    if mirror is None:
        cli_config = _install_provider(workdir / "provider", environment)
    else:
        cli_config = workdir / "terraformrc"
        _write_cli_config(cli_config, mirror.resolve())
    environment["TF_CLI_CONFIG_FILE"] = str(cli_config)

    project = workdir / "bindings"
    project.mkdir(parents=True, exist_ok=True)
    provider = f"{workload.PROVIDER_SOURCE}@{workload.PROVIDER_VERSION}"
    (project / "cdktf.json").write_text(
        json.dumps(
            {
                "language": "python",
                "app": "true",
                "sendCrashReports": "false",
                "terraformProviders": [provider],
                "terraformModules": [],
                "codeMakerOutput": "imports",
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    _run(
        [str(CDKTF_CLI), "get"],
        cwd=project,
        environment=environment,
        description="cdktf get",
    )
    if not (project / "imports" / "litellm" / "key" / "__init__.py").exists():
        raise BindingsUnavailable(
            f"cdktf get finished but wrote no imports/litellm/key module in {project}"
        )
    return project, time.perf_counter() - started
