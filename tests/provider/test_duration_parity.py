"""LiteLLM 1.108's own duration checks agree with the table in test_durations.py.

Runs LiteLLM's parser from the virtual environment that start.sh installs (the
``litellm_proxy`` fixture makes sure it exists), in one subprocess.
"""

from __future__ import annotations

import json
import os
import subprocess
from typing import Any

import pytest
from test_durations import _PROBE, LITELLM_PYTHON, TABLE

pytestmark = pytest.mark.proxy


@pytest.fixture(scope="module")
def litellm_verdicts(litellm_proxy: Any) -> dict[str, list[bool]]:
    """Ask LiteLLM 1.108 which texts it accepts, in one subprocess."""
    if not LITELLM_PYTHON.exists():
        pytest.fail(f"LiteLLM is not installed at {LITELLM_PYTHON} after start.sh ran")
    # The local cost map keeps LiteLLM from fetching it from GitHub at import.
    env = {**os.environ, "LITELLM_LOCAL_MODEL_COST_MAP": "True"}
    result = subprocess.run(
        [str(LITELLM_PYTHON), "-c", _PROBE],
        input=json.dumps([row[0] for row in TABLE]),
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )
    verdicts: dict[str, list[bool]] = json.loads(result.stdout)
    return verdicts


@pytest.mark.parametrize(("text", "as_duration", "as_budget"), TABLE)
def test_table_matches_litellm(
    litellm_verdicts: dict[str, list[bool]],
    text: str,
    as_duration: bool,
    as_budget: bool,
) -> None:
    assert litellm_verdicts[text] == [as_duration, as_budget]
