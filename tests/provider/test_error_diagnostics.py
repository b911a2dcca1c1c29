"""Errors from LiteLLM, seen as Terraform diagnostics, against a real proxy."""

from __future__ import annotations

from typing import Any

import pytest
from tf.utils import Diagnostics

from litellm_cdktf import LitellmKey
from litellm_cdktf.terraform_provider.client import LitellmClient, LitellmRequestError
from litellm_cdktf.terraform_provider.diagnostics import report_request_error

from .conftest import LitellmProxy, TerraformDir, synth_stack, unique_alias

pytestmark = [pytest.mark.proxy, pytest.mark.terraform]


def _one_key(**arguments: Any) -> dict[str, Any]:
    return synth_stack(lambda stack: LitellmKey(stack, "k", **arguments))


def _failed_apply(terraform_dir: TerraformDir, config: dict[str, Any]) -> str:
    terraform_dir.write(config)
    terraform_dir.init()
    result = terraform_dir.apply(check=False)
    assert result.returncode == 1, result.stdout
    return " ".join((result.stdout + result.stderr).split())


@pytest.mark.parametrize(
    "argument, value",
    [
        ("guardrails", ["content_filter"]),
        ("tags", ["production"]),
        ("model_max_budget", {"gpt-4": 50.0}),
    ],
)
def test_licensed_argument_is_named(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy, argument: str, value: Any
) -> None:
    alias = unique_alias("licence")
    output = _failed_apply(
        terraform_dir, _one_key(key_alias=alias, **{argument: value})
    )

    assert f"Argument {argument} needs a LiteLLM Enterprise licence" in output
    assert "POST /key/generate failed with HTTP" in output
    assert litellm_proxy.keys(alias) == []


def test_unknown_team_points_at_team_id(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy
) -> None:
    alias = unique_alias("team")
    output = _failed_apply(
        terraform_dir, _one_key(key_alias=alias, team_id="no-such-team")
    )

    assert "GET /team/info failed with HTTP 404" in output
    assert "The team 'no-such-team' does not exist on the proxy" in output
    assert "in resource.litellm_key.k: " in output
    assert '"team_id": "no-such-team"' in output  # the source line Terraform shows
    assert litellm_proxy.keys(alias) == []


def test_taken_alias_names_existing_key(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy
) -> None:
    alias = unique_alias("taken")
    existing = litellm_proxy.generate_key(key_alias=alias)["token_id"]
    output = _failed_apply(terraform_dir, _one_key(key_alias=alias))

    assert "HTTP 400" in output
    assert "already exists" in output
    assert f"The key that has this alias has id {existing}" in output
    assert "import" in output
    assert len(litellm_proxy.keys(alias)) == 1


def test_wrong_master_key_is_not_shown(
    terraform_dir: TerraformDir, litellm_proxy: LitellmProxy
) -> None:
    wrong_key = "sk-wrong-master-key-1234567890"
    terraform_dir.environment["LITELLM_API_KEY"] = wrong_key
    output = _failed_apply(terraform_dir, _one_key(key_alias=unique_alias("auth")))

    assert "HTTP 401" in output
    assert "LiteLLM did not accept the API key" in output
    assert wrong_key not in output
    assert litellm_proxy.master_key not in output


def test_refused_connection_is_retried_then_reported(
    terraform_dir: TerraformDir,
) -> None:
    terraform_dir.environment["LITELLM_API_BASE"] = "http://127.0.0.1:9"
    output = _failed_apply(terraform_dir, _one_key(key_alias=unique_alias("down")))

    assert "POST /key/generate failed with no response after 4 attempts" in output
    assert "Check that the proxy is running" in output


def test_missing_settings_are_reported(offline_terraform_dir: TerraformDir) -> None:
    output = _failed_apply(offline_terraform_dir, _one_key(key_alias="never-created"))

    assert "Missing LiteLLM API base URL" in output
    assert "LITELLM_API_BASE" in output
    assert "Missing LiteLLM API key" in output


def test_invalid_duration_from_litellm_points_at_duration(
    litellm_proxy: LitellmProxy,
) -> None:
    # Terraform never sends this value (the provider's validation rejects it),
    # so the request goes straight through the client.
    client = LitellmClient(litellm_proxy.base_url, litellm_proxy.master_key)
    with pytest.raises(LitellmRequestError) as raised:
        client.post("/key/generate", {"duration": "30x"}, idempotent=False)
    diagnostics = Diagnostics()
    report_request_error(
        diagnostics, raised.value, action="create", state={"duration": "30x"}
    )

    (diagnostic,) = diagnostics.diagnostics
    assert raised.value.status == 500
    assert "Unsupported duration unit" in diagnostic.detail
    assert diagnostic.path == ["duration"]


def test_unknown_key_update_reports_not_found(litellm_proxy: LitellmProxy) -> None:
    client = LitellmClient(litellm_proxy.base_url, litellm_proxy.master_key)
    with pytest.raises(LitellmRequestError) as raised:
        client.post("/key/update", {"key": "0" * 64, "max_budget": 1}, idempotent=True)

    assert raised.value.status == 404
    assert raised.value.message == "Key not found."
    assert raised.value.attempts == 1
