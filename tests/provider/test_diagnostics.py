"""Diagnostics built from failed LiteLLM requests, without a proxy."""

from __future__ import annotations

from tf.utils import Diagnostics

from litellm_cdktf.terraform_provider.client import LitellmRequestError
from litellm_cdktf.terraform_provider.diagnostics import report_request_error

KEY_ID = "ab" * 32


def _report(error: LitellmRequestError, state: dict[str, object]) -> Diagnostics:
    diagnostics = Diagnostics()
    report_request_error(diagnostics, error, action="update", state=state)
    return diagnostics


def test_missing_team_points_at_team_id() -> None:
    error = LitellmRequestError(
        "POST /key/update",
        404,
        "Team doesn't exist in db. Team=gone. Create team via `/team/new` call.",
    )
    diagnostics = _report(error, {"id": KEY_ID, "key_alias": "a", "team_id": "gone"})

    (diagnostic,) = diagnostics.diagnostics
    assert diagnostic.path == ["team_id"]
    assert diagnostic.summary == "Failed to update LiteLLM key: HTTP 404"
    assert "The team 'gone' does not exist on the proxy" in diagnostic.detail
    assert f"key with key_alias 'a' and id {KEY_ID}" in diagnostic.detail


def test_licence_error_names_each_argument() -> None:
    error = LitellmRequestError(
        "POST /key/generate",
        403,
        "This feature is only available for LiteLLM Enterprise users: tags.",
    )
    diagnostics = _report(error, {"tags": ["a"], "guardrails": ["g"]})

    (diagnostic,) = diagnostics.diagnostics
    assert diagnostic.summary == "Argument tags needs a LiteLLM Enterprise licence"
    assert diagnostic.path == ["tags"]


def test_licence_error_without_name_blames_configured() -> None:
    error = LitellmRequestError(
        "POST /key/generate", 500, "needs an enterprise license"
    )
    diagnostics = _report(error, {"model_max_budget": {"m": 1.0}, "tags": None})

    (diagnostic,) = diagnostics.diagnostics
    assert diagnostic.path == ["model_max_budget"]


def test_blamed_parameter_becomes_path() -> None:
    error = LitellmRequestError(
        "POST /key/generate",
        400,
        "Key with alias 'x' already exists.",
        param="key_alias",
    )
    diagnostics = _report(error, {"key_alias": "x"})

    (diagnostic,) = diagnostics.diagnostics
    assert diagnostic.path == ["key_alias"]


def test_detail_never_shows_secret_key() -> None:
    error = LitellmRequestError("GET /key/info", 500, "boom")
    diagnostics = _report(error, {"id": KEY_ID, "key": "sk-very-secret-value"})

    (diagnostic,) = diagnostics.diagnostics
    assert "sk-very-secret-value" not in diagnostic.detail
    assert KEY_ID in diagnostic.detail


def test_no_response_suggests_checking_proxy() -> None:
    error = LitellmRequestError("GET /key/info", None, "connection refused", attempts=4)
    diagnostics = _report(error, {"id": KEY_ID})

    (diagnostic,) = diagnostics.diagnostics
    assert diagnostic.summary == "Failed to update LiteLLM key: no response"
    assert "Check that the proxy is running" in diagnostic.detail
