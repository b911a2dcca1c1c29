"""Serve the provider over Terraform's plugin protocol (version 6)."""

from __future__ import annotations

import logging
import sys

from tf.runner import run_provider

from .provider import LitellmTerraformProvider

__all__ = ["serve"]


def serve(argv: list[str] | None = None) -> None:
    """Run the plugin server until Terraform stops it.

    Logs go to stderr, which Terraform shows with ``TF_LOG=DEBUG``; stdout is
    reserved for the plugin handshake line.
    """
    logging.basicConfig(
        stream=sys.stderr,
        level=logging.INFO,
        format="%(levelname)s %(name)s: %(message)s",
    )
    run_provider(LitellmTerraformProvider(), argv if argv is not None else sys.argv)
