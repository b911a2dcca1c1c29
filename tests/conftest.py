"""Fixtures shared by the whole suite.

Tests use the framework that litellm-cdktf selected (``cdk``, either ``cdktf`` or
``cdktn``), so the same suite runs under both: ``scripts/test.sh`` runs it once
with ``LITELLM_CDKTF_FRAMEWORK=cdktf`` and once with ``=cdktn``.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from litellm_cdktf._framework import cdk as framework

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
"""The shared reference folder that sits beside the repository on every machine."""


@pytest.fixture
def cdk() -> ModuleType:
    """The CDK framework module in use: ``cdktf`` or ``cdktn``."""
    return framework


@pytest.fixture
def app() -> Any:
    """A fresh test App (``Testing.app()``), one per test."""
    return framework.Testing.app()


@pytest.fixture
def stack(app: Any) -> Any:
    """A fresh stack named ``test`` in ``app``."""
    return framework.TerraformStack(app, "test")


def synth(stack: Any, *, run_validations: bool = False) -> dict[str, Any]:
    """Synthesize ``stack`` with ``Testing.synth`` and parse the JSON."""
    return json.loads(framework.Testing.synth(stack, run_validations))  # type: ignore[no-any-return]


def key_block(stack: Any, name: str) -> dict[str, Any]:
    """Return the synthesized ``litellm_key.<name>`` block of ``stack``."""
    return synth(stack)["resource"]["litellm_key"][name]  # type: ignore[no-any-return]
