"""Terraform diagnostics for requests to LiteLLM that failed.

Each diagnostic names the key (its ``key_alias`` and hashed ``id`` where known,
never the secret), the request, the HTTP status and LiteLLM's message, and
points at the argument to fix when LiteLLM's answer identifies one. Terraform
adds the resource address (``litellm_key.example``) to every diagnostic.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from tf.utils import Diagnostics

from .client import LitellmRequestError
from .key_state import LICENSED_ARGUMENTS

__all__ = ["describe_key", "report_request_error"]

logger = logging.getLogger(__name__)

_STATUS_HINTS = {
    401: "LiteLLM did not accept the API key: check api_key in the provider "
    "block or LITELLM_API_KEY.",
    403: "The API key is not allowed to manage this key: use the master key "
    "or an admin key.",
}


def describe_key(state: Mapping[str, Any]) -> str:
    """Name a key for a message by its alias and hashed id, never its secret."""
    alias = state.get("key_alias")
    key_id = state.get("id")
    parts = []
    if isinstance(alias, str):
        parts.append(f"key_alias {alias!r}")
    if isinstance(key_id, str):
        parts.append(f"id {key_id}")
    return "key with " + " and ".join(parts) if parts else "key without key_alias"


def report_request_error(
    diagnostics: Diagnostics,
    error: LitellmRequestError,
    *,
    action: str,
    state: Mapping[str, Any],
    hint: str = "",
) -> None:
    """Add one error diagnostic (or one per unlicensed argument) for ``error``.

    ``action`` is the verb shown in the summary (``"create"``, ``"update"``),
    and ``state`` the key's configured or stored values.
    """
    outcome = f"HTTP {error.status}" if error.status is not None else "no response"
    summary = f"Failed to {action} LiteLLM key: {outcome}"
    detail = f"{error} ({describe_key(state)})."
    logger.warning("failed to %s %s: %s", action, describe_key(state), error)
    message = error.message.lower()

    if "enterprise" in message or "premium" in message:
        named = [name for name in LICENSED_ARGUMENTS if name in message]
        configured = [name for name in LICENSED_ARGUMENTS if state.get(name)]
        for name in named or configured:
            diagnostics.add_error(
                f"Argument {name} needs a LiteLLM Enterprise licence",
                f"{detail} LiteLLM accepts {name} only when the proxy has an "
                "Enterprise licence (LITELLM_LICENSE). Remove the argument or "
                "license the proxy.",
                path=[name],
            )
        if named or configured:
            return

    path: list[str] | None = None
    if error.status == 404 and "team" in message:
        path = ["team_id"]
        detail += (
            f" The team {state.get('team_id')!r} does not exist on the proxy: "
            "create it first (POST /team/new) or fix team_id."
        )
    elif error.param in state and error.param is not None:
        path = [error.param]
    elif "budget_duration" in message:
        path = ["budget_duration"]
    elif "duration" in message and state.get("duration") is not None:
        path = ["duration"]

    if error.status in _STATUS_HINTS:
        detail += " " + _STATUS_HINTS[error.status]
    if error.status is None and not error.may_have_succeeded:
        detail += (
            " Check that the proxy is running and that api_base (or "
            "LITELLM_API_BASE) points at it."
        )
    if hint:
        detail += " " + hint
    diagnostics.add_error(summary, detail, path=path)
