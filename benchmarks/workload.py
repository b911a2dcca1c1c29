"""The stack every variant builds: one provider, N keys, one sensitive output.

Imported by the measured child processes before the timed phases, so it imports
only the standard library.
"""

from __future__ import annotations

from typing import Any

STACK_NAME = "bench"
PROVIDER_ID = "litellm"
API_BASE = "http://127.0.0.1:4000"
OUTPUT_NAME = "last_key_secret"
PROVIDER_SOURCE = "litellm-cdktf.local/litellm-cdktf/litellm"
"""Source address of the companion provider (``litellm_cdktf.COMPANION_SOURCE``)."""
PROVIDER_VERSION = "0.1.0"
"""Version of the companion provider (``litellm_cdktf.COMPANION_VERSION``)."""

_MODELS = ("gpt-4o", "gpt-4o-mini", "claude-3-5-sonnet")


def key_id(index: int) -> str:
    """Return the construct id of key ``index``, which is also its Terraform name."""
    return f"key_{index:05d}"


def key_arguments(index: int) -> dict[str, Any]:
    """Return the eleven arguments of key ``index``, all literal values."""
    return {
        "key_alias": f"bench-key-{index:05d}",
        "models": list(_MODELS[: 1 + index % 3]),
        "max_budget": 100.0 + index % 50,
        "soft_budget": 80.5,
        "budget_duration": "30d",
        "tpm_limit": 100_000,
        "rpm_limit": 600 + index % 7,
        "max_parallel_requests": 10,
        "metadata": {"team": f"team-{index % 20}", "owner": f"user-{index}"},
        "tags": ["bench", f"group-{index % 10}"],
        "model_max_budget": {"gpt-4o": 50.0, "gpt-4o-mini": 12.5},
    }
