"""``terraform validate`` on hand-edited JSON, with the companion provider's schema."""

from __future__ import annotations

import json
from typing import Any

import pytest

from litellm_cdktf.provider import COMPANION_SOURCE, COMPANION_VERSION
from litellm_cdktf.schema import KEY_SCHEMA

from .conftest import TerraformDir

pytestmark = pytest.mark.terraform


def _config(key: dict[str, Any]) -> dict[str, Any]:
    return {
        "terraform": {
            "required_providers": {
                "litellm": {"source": COMPANION_SOURCE, "version": COMPANION_VERSION}
            }
        },
        "provider": {"litellm": [{}]},
        "resource": {"litellm_key": {"k": key}},
    }


def _validate(folder: TerraformDir, key: dict[str, Any]) -> tuple[int, str]:
    folder.write(_config(key))
    folder.init()
    result = folder.run("validate", check=False)
    return result.returncode, " ".join((result.stdout + result.stderr).split())


def test_valid_key_passes(offline_terraform_dir: TerraformDir) -> None:
    code, output = _validate(
        offline_terraform_dir, {"models": ["a"], "max_budget": 1.5, "duration": "30d"}
    )

    assert code == 0, output


def test_unknown_argument_rejected(offline_terraform_dir: TerraformDir) -> None:
    code, output = _validate(offline_terraform_dir, {"max_budgett": 10})

    assert code == 1
    assert "Extraneous JSON object property" in output
    assert 'No argument or block type is named "max_budgett"' in output


@pytest.mark.parametrize(
    "argument, value, message",
    [
        ("max_budget", "abc", "a number is required"),
        ("models", "gpt-4", "list of string required"),
        ("metadata", ["a"], "map of string required"),
        ("blocked", "maybe", "a bool is required"),
    ],
)
def test_wrong_type_rejected(
    offline_terraform_dir: TerraformDir, argument: str, value: Any, message: str
) -> None:
    code, output = _validate(offline_terraform_dir, {argument: value})

    assert code == 1
    assert f'Inappropriate value for attribute "{argument}"' in output
    assert message in output


@pytest.mark.parametrize(
    "key, message",
    [
        ({"duration": "30x"}, "Invalid duration"),
        ({"max_parallel_requests": 1.5}, "expected a whole number"),
        ({"max_budget": -1}, "expected 0 or more"),
        ({"max_budget": 5, "soft_budget": 6}, "expected at most max_budget"),
    ],
)
def test_litellm_rules_rejected(
    offline_terraform_dir: TerraformDir, key: dict[str, Any], message: str
) -> None:
    code, output = _validate(offline_terraform_dir, key)

    assert code == 1
    assert message in output


def test_served_schema_matches_declaration(offline_terraform_dir: TerraformDir) -> None:
    offline_terraform_dir.write(_config({}))
    offline_terraform_dir.init()
    printed = json.loads(
        offline_terraform_dir.run("providers", "schema", "-json").stdout
    )
    (provider,) = printed["provider_schemas"].values()
    attributes = provider["resource_schemas"]["litellm_key"]["block"]["attributes"]

    assert set(attributes) == {field.name for field in KEY_SCHEMA.fields}
    for field in KEY_SCHEMA.fields:
        served = attributes[field.name]
        assert served["type"] == field.kind.terraform_type, field.name
        assert served.get("optional", False) == field.is_argument, field.name
        assert served.get("computed", False) == (not field.is_argument), field.name
        assert served.get("sensitive", False) == field.sensitive, field.name
    provider_attributes = provider["provider"]["block"]["attributes"]
    assert provider_attributes["api_key"]["sensitive"] is True
    assert provider_attributes["api_base"]["optional"] is True
