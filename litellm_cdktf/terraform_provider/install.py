"""Put the companion provider where Terraform finds it.

``install`` writes, under one folder of its own:

- ``bin/terraform-provider-litellm``: a shell script that runs ``_launch.py``
  with the Python interpreter that ran the install;
- ``mirror/``: a filesystem mirror (Terraform's packed layout) holding that
  script as provider ``litellm-cdktf.local/litellm-cdktf/litellm``, built by
  ``tf.runner.install_provider``;
- ``terraformrc``: a CLI configuration whose ``provider_installation`` block
  takes that source address from the mirror and every other provider from its
  registry as usual.

The host ``litellm-cdktf.local`` is not a registry, so the mirror never
replaces a published provider.
"""

from __future__ import annotations

import os
import platform
import shlex
import shutil
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from tf.runner import install_provider

from litellm_cdktf.provider import COMPANION_SOURCE, COMPANION_VERSION

__all__ = [
    "EXECUTABLE_NAME",
    "Installation",
    "cli_configuration",
    "default_directory",
    "install",
    "launcher_script",
]

EXECUTABLE_NAME = "terraform-provider-litellm"
_LAUNCH_MODULE = Path(__file__).with_name("_launch.py")
# The platforms for which tf.runner.install_provider writes an archive.
_TF_RUNNER_PLATFORMS = ("darwin_amd64", "darwin_arm64", "linux_amd64", "windows_amd64")
_ARCHITECTURES = {
    "x86_64": "amd64",
    "amd64": "amd64",
    "aarch64": "arm64",
    "arm64": "arm64",
}


@dataclass(frozen=True)
class Installation:
    """Paths written by ``install``."""

    directory: Path
    mirror: Path
    launcher: Path
    cli_config: Path


def default_directory() -> Path:
    """Return ``litellm-cdktf/terraform-provider`` under the user's data folder.

    The data folder is ``$XDG_DATA_HOME``, or ``~/.local/share`` when unset.
    """
    data_home = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data_home) / "litellm-cdktf" / "terraform-provider"


def launcher_script(python: str = sys.executable) -> str:
    """Return the text of the executable that Terraform starts as the provider."""
    # NOTE: a POSIX shell script, so the provider runs on Linux and macOS only.
    return (
        "#!/bin/sh\n"
        "# Companion LiteLLM provider of litellm-cdktf, written by\n"
        "# `litellm-cdktf-provider install`; rerun it after moving the environment.\n"
        f'exec {shlex.quote(python)} {shlex.quote(str(_LAUNCH_MODULE))} "$@"\n'
    )


def cli_configuration(mirror: Path) -> str:
    """Return a Terraform CLI configuration that takes the provider from ``mirror``."""
    host = COMPANION_SOURCE.split("/")[0]
    mirror_path = str(mirror).replace("\\", "/")
    return (
        "# Terraform CLI configuration written by `litellm-cdktf-provider install`.\n"
        f"# {COMPANION_SOURCE} comes from the filesystem mirror below; every other\n"
        "# provider is installed from its registry as usual.\n"
        "provider_installation {\n"
        "  filesystem_mirror {\n"
        f'    path    = "{mirror_path}"\n'
        f'    include = ["{host}/*/*"]\n'
        "  }\n"
        "  direct {\n"
        f'    exclude = ["{host}/*/*"]\n'
        "  }\n"
        "}\n"
    )


def _current_platform() -> str:
    system = platform.system().lower()
    machine = platform.machine().lower()
    return f"{system}_{_ARCHITECTURES.get(machine, machine)}"


def install(directory: Path | None = None) -> Installation:
    """Write the launcher, the filesystem mirror and the CLI configuration.

    Running it again replaces all three, for example after the Python
    environment moved.
    """
    directory = (directory or default_directory()).resolve()
    host, namespace, provider_type = COMPANION_SOURCE.split("/")
    launcher = directory / "bin" / EXECUTABLE_NAME
    launcher.parent.mkdir(parents=True, exist_ok=True)
    launcher.write_text(launcher_script())
    launcher.chmod(launcher.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)

    mirror = directory / "mirror"
    install_provider(
        host, namespace, provider_type, COMPANION_VERSION, mirror, launcher
    )
    package_dir = mirror / host / namespace / provider_type
    target = _current_platform()
    if target not in _TF_RUNNER_PLATFORMS:
        # install_provider writes the same archive for four platforms; copy it
        # for this one (such as linux_arm64) so that Terraform finds it here too.
        prefix = f"{EXECUTABLE_NAME}_{COMPANION_VERSION}_"
        shutil.copy(
            package_dir / f"{prefix}linux_amd64.zip",
            package_dir / f"{prefix}{target}.zip",
        )

    cli_config = directory / "terraformrc"
    cli_config.write_text(cli_configuration(mirror))
    return Installation(directory, mirror, launcher, cli_config)
