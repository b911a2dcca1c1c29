"""JSON snapshots of synthesized stacks, one file per scenario.

Snapshots live in ``tests/__snapshots__/test_snapshots/<test name>.json`` and are
taken from ``Testing.synth`` (keys sorted, ``//`` metadata removed). Update them
only on purpose, with ``pytest tests/test_snapshots.py --snapshot-update``, and
read every changed line before committing. Each test also checks the values it
is about, so a wrong snapshot cannot hide a wrong value.
"""

from __future__ import annotations

from typing import Any

import pytest
from conftest import synth
from syrupy.assertion import SnapshotAssertion
from syrupy.extensions.json import JSONSnapshotExtension

from litellm_cdktf import LitellmKey, LitellmProvider


@pytest.fixture
def snapshot_json(snapshot: SnapshotAssertion) -> SnapshotAssertion:
    return snapshot.use_extension(JSONSnapshotExtension)


def test_minimal_key(stack: Any, snapshot_json: SnapshotAssertion) -> None:
    LitellmProvider(stack, "litellm")
    LitellmKey(stack, "ci")

    result = synth(stack)

    assert result["resource"]["litellm_key"]["ci"] == {}
    assert result["terraform"]["required_providers"]["litellm"] == {
        "source": "ncecere/litellm",
        "version": "~> 0.3.15",
    }
    assert result == snapshot_json


def test_zero_false_and_empty_values(
    stack: Any, snapshot_json: SnapshotAssertion
) -> None:
    LitellmProvider(stack, "litellm")
    LitellmKey(
        stack,
        "frozen",
        max_budget=0,
        soft_budget=0.0,
        rpm_limit=0,
        tpm_limit=0,
        max_parallel_requests=0,
        models=[],
        tags=[],
        metadata={},
        model_max_budget={},
        blocked=False,
        send_invite_email=False,
    )

    block = synth(stack)["resource"]["litellm_key"]["frozen"]

    assert block["max_budget"] == 0
    assert block["blocked"] is False
    assert block["models"] == []
    assert block["metadata"] == {}
    assert "user_id" not in block
    assert block == snapshot_json


def test_model_names_as_map_keys(stack: Any, snapshot_json: SnapshotAssertion) -> None:
    LitellmProvider(stack, "litellm")
    LitellmKey(
        stack,
        "models",
        model_max_budget={"openai/gpt-4o": 12.5, "Claude-3.5": 3},
        model_rpm_limit={"openai/gpt-4o": 60, "vertex_ai/gemini-1.5-pro@001": 10},
        aliases={"gpt 4": "openai/gpt-4o", "модель": "Claude-3.5"},
    )

    block = synth(stack)["resource"]["litellm_key"]["models"]

    assert list(block["model_max_budget"]) == ["Claude-3.5", "openai/gpt-4o"]
    assert block["model_rpm_limit"]["vertex_ai/gemini-1.5-pro@001"] == 10
    assert block["aliases"]["модель"] == "Claude-3.5"
    assert block == snapshot_json


def test_tokens_and_references(
    stack: Any, cdk: Any, snapshot_json: SnapshotAssertion
) -> None:
    LitellmProvider(stack, "litellm")
    team = cdk.TerraformVariable(stack, "team", type="string")
    budget = cdk.TerraformVariable(stack, "budget", type="number")
    models = cdk.TerraformVariable(stack, "models", type="list(string)")
    first = LitellmKey(stack, "first", team_id=team.string_value, key_alias="first")
    LitellmKey(
        stack,
        "second",
        team_id=first.team_id,
        max_budget=budget.number_value,
        soft_budget=cdk.Token.as_number(cdk.Fn.floor(budget.number_value)),
        models=models.list_value,
        metadata={
            "owner": first.key_alias,
            "spend_of_first": cdk.Token.as_string(first.spend),
        },
        blocked=cdk.Fn.can("x"),
        budget_duration=cdk.Fn.lower("MONTHLY"),
    )

    block = synth(stack)["resource"]["litellm_key"]["second"]

    assert block["team_id"] == "${litellm_key.first.team_id}"
    assert block["max_budget"] == "${var.budget}"
    assert block["models"] == "${var.models}"
    assert block["metadata"]["owner"] == "${litellm_key.first.key_alias}"
    assert block["budget_duration"] == '${lower("MONTHLY")}'
    assert block == snapshot_json


def test_aliased_providers(stack: Any, snapshot_json: SnapshotAssertion) -> None:
    LitellmProvider(stack, "primary", api_base="http://127.0.0.1:4000")
    staging = LitellmProvider(
        stack, "staging", alias="staging", api_base="http://127.0.0.1:4001"
    )
    LitellmKey(stack, "prod", key_alias="svc")
    LitellmKey(stack, "stage", key_alias="svc", provider=staging)

    result = synth(stack, run_validations=True)

    assert result["provider"]["litellm"] == [
        {"api_base": "http://127.0.0.1:4000"},
        {"alias": "staging", "api_base": "http://127.0.0.1:4001"},
    ]
    assert "provider" not in result["resource"]["litellm_key"]["prod"]
    assert result["resource"]["litellm_key"]["stage"]["provider"] == "litellm.staging"
    assert result == snapshot_json


def test_meta_arguments(stack: Any, cdk: Any, snapshot_json: SnapshotAssertion) -> None:
    LitellmProvider(stack, "litellm")
    base = LitellmKey(stack, "base")
    LitellmKey(
        stack,
        "dependent",
        depends_on=[base],
        count=2,
        lifecycle={"ignore_changes": ["spend"], "prevent_destroy": True},
    )
    teams = cdk.TerraformIterator.from_list(["search", "support"])
    LitellmKey(stack, "per_team", for_each=teams, team_id=teams.value)

    keys = synth(stack)["resource"]["litellm_key"]

    assert keys["dependent"]["depends_on"] == ["litellm_key.base"]
    assert keys["dependent"]["count"] == 2
    assert keys["dependent"]["lifecycle"] == {
        "ignore_changes": ["spend"],
        "prevent_destroy": True,
    }
    assert keys["per_team"]["team_id"] == "${each.value}"
    assert keys == snapshot_json


def test_import_block(stack: Any, snapshot_json: SnapshotAssertion) -> None:
    LitellmProvider(stack, "litellm")
    key = LitellmKey(stack, "legacy", key_alias="legacy")
    key.import_from("4f1c" + "0" * 60)

    result = synth(stack)

    assert result["import"] == [{"id": "4f1c" + "0" * 60, "to": "litellm_key.legacy"}]
    assert result == snapshot_json


def test_nested_constructs(
    stack: Any, cdk: Any, snapshot_json: SnapshotAssertion
) -> None:
    import constructs

    LitellmProvider(stack, "litellm")
    for team in ("search", "support"):
        group = constructs.Construct(stack, team)
        LitellmKey(group, "key", team_id=team, key_alias=f"{team}-key")

    keys = synth(stack)["resource"]["litellm_key"]

    assert sorted(keys) == ["search_key_A6282E04", "support_key_C122BC7F"]
    assert keys == snapshot_json
