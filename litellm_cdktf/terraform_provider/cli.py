"""The ``litellm-cdktf-provider`` command.

``install [--dir DIR]`` puts the provider where Terraform finds it, and
``serve [--dev]`` runs the plugin server, as Terraform does.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

__all__ = ["main"]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="litellm-cdktf-provider",
        description="The companion Terraform provider for litellm-cdktf.",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    install = commands.add_parser(
        "install",
        help="write a filesystem mirror and a Terraform CLI configuration",
        description="Install the provider into a filesystem mirror of its own and "
        "write a Terraform CLI configuration file that uses it.",
    )
    install.add_argument(
        "--dir",
        type=Path,
        default=None,
        help="folder to write into (default: $XDG_DATA_HOME/litellm-cdktf/"
        "terraform-provider, or ~/.local/share/litellm-cdktf/terraform-provider)",
    )
    serve = commands.add_parser(
        "serve",
        help="run the plugin server, as Terraform does",
        description="Run the plugin server. With --dev it prints a "
        "TF_REATTACH_PROVIDERS value for debugging instead of the handshake.",
    )
    serve.add_argument("--dev", action="store_true", help="run in debug mode")
    return parser


def _print_install_result(directory: Path | None) -> None:
    from litellm_cdktf.provider import COMPANION_SOURCE, COMPANION_VERSION

    from .install import install

    installation = install(directory)
    print(
        f"Installed {COMPANION_SOURCE} {COMPANION_VERSION} into the filesystem "
        f"mirror {installation.mirror}.\n"
        "\n"
        "Terraform finds it through the CLI configuration file written beside it. "
        "Set, in every shell that runs terraform or cdktf:\n"
        "\n"
        f"    export TF_CLI_CONFIG_FILE={installation.cli_config}\n"
    )
    current = os.environ.get("TF_CLI_CONFIG_FILE")
    if current and Path(current).resolve() != installation.cli_config:
        print(
            f"TF_CLI_CONFIG_FILE is now {current}. To keep that file instead, copy "
            f"the provider_installation block of {installation.cli_config} into it.\n"
        )
    print(
        "Then run `terraform init` (or `cdktf deploy`) in the stack's folder; "
        "stacks select the provider with LitellmProvider(..., companion=True)."
    )


def main(argv: list[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    arguments = _parser().parse_args(argv)
    if arguments.command == "install":
        _print_install_result(arguments.dir)
        return 0
    from .server import serve

    serve(["serve", "--dev"] if arguments.dev else ["serve"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
