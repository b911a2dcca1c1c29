"""HCL output (``cdktf synth --hcl``) carries exactly the values of the JSON output."""

from __future__ import annotations

from typing import Any

from conftest import synth
from hcltools import parse_hcl

from litellm_cdktf import LitellmKey, LitellmProvider
from litellm_cdktf.hcl import render_value


def _hcl(stack: Any, cdk: Any) -> dict[str, Any]:
    return parse_hcl(cdk.Testing.synth_hcl(stack))


def test_every_argument_round_trips(stack: Any, cdk: Any) -> None:
    LitellmProvider(stack, "litellm")
    LitellmKey(
        stack,
        "all",
        models=["gpt-4o", "openai/gpt-4o-mini"],
        max_budget=100.5,
        user_id="user123",
        team_id="team456",
        max_parallel_requests=5,
        metadata={"environment": "production", "note": 'say "hi"'},
        tpm_limit=1000,
        rpm_limit=60,
        budget_duration="monthly",
        allowed_cache_controls=["no-cache", "max-age=3600"],
        soft_budget=80,
        key_alias="prod-key-1",
        duration="30d",
        aliases={"gpt-4": "chatgpt"},
        config={"default_model": "gpt-4o"},
        permissions={"can_create_keys": "true"},
        model_max_budget={"gpt-4": 50.25, "openai/gpt-4o": 0},
        model_rpm_limit={"gpt-3.5-turbo": 30},
        model_tpm_limit={"gpt-4": 500},
        guardrails=["content_filter"],
        blocked=False,
        tags=["production", "api"],
        send_invite_email=True,
    )

    from_hcl = _hcl(stack, cdk)["resource"]["litellm_key"]["all"]

    assert from_hcl == synth(stack)["resource"]["litellm_key"]["all"]


def test_strings_needing_escapes(stack: Any, cdk: Any) -> None:
    LitellmProvider(stack, "litellm")
    awkward = {
        'quote"key': 'back\\slash "quoted"',
        "new\nline": "tab\there\nand a second line",
        "unicode ключ": "значение ✓",
        "gpt-4": "dash-key",
        "0starts-with-digit": "",
    }
    LitellmKey(stack, "awkward", metadata=awkward, models=['a"b', "c\\d"])

    from_hcl = _hcl(stack, cdk)["resource"]["litellm_key"]["awkward"]

    assert from_hcl["metadata"] == awkward
    assert from_hcl["models"] == ['a"b', "c\\d"]


def test_tokens_render_as_expressions(stack: Any, cdk: Any) -> None:
    LitellmProvider(stack, "litellm")
    team = cdk.TerraformVariable(stack, "team", type="string")
    first = LitellmKey(stack, "first", team_id=team.string_value)
    LitellmKey(
        stack, "second", team_id=first.team_id, metadata={"owner": team.string_value}
    )

    keys = _hcl(stack, cdk)["resource"]["litellm_key"]

    assert keys["first"]["team_id"] == "${var.team}"
    assert keys["second"]["team_id"] == "${litellm_key.first.team_id}"
    assert keys["second"]["metadata"] == {"owner": "${var.team}"}


def test_render_value_numbers() -> None:
    assert render_value(50.0) == "50"
    assert render_value(0.1) == "0.1"
    assert render_value(10**20) == "100000000000000000000"
    assert render_value(True) == "true"
    assert render_value([]) == "[]"
    assert render_value({}) == "{}"


def test_override_none_removes_in_hcl(stack: Any, cdk: Any) -> None:
    LitellmProvider(stack, "litellm")
    key = LitellmKey(stack, "k", tags=["x"], metadata={"a": "1", "b": "2"})
    key.add_override("tags", None)
    key.add_override("metadata.a", None)

    from_hcl = _hcl(stack, cdk)["resource"]["litellm_key"]["k"]

    assert from_hcl == {"metadata": {"b": "2"}}
    assert from_hcl == synth(stack)["resource"]["litellm_key"]["k"]
