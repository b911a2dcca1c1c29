"""``LitellmProvider`` output, the literal ``api_key`` warning, and synth checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import synth
from constructs import Construct

from litellm_cdktf import (
    COMPANION_SOURCE,
    COMPANION_VERSION,
    DEFAULT_SOURCE,
    DEFAULT_VERSION,
    LitellmKey,
    LitellmProvider,
)
from litellm_cdktf._framework import cdk

SECRET = "sk-master-0123456789"


def _warnings(construct: Any) -> list[str]:
    return [
        str(entry.data)
        for entry in construct.node.metadata
        if str(entry.type).endswith("/warn")
    ]


def _validation_errors(stack: Any) -> str:
    """Synthesize ``stack`` with validations and return the error text."""
    with pytest.raises(RuntimeError, match="Validation failed") as caught:
        cdk.Testing.synth(stack, True)
    return str(caught.value)


# -- provider block and required_providers -------------------------------------


def test_provider_without_arguments(stack: Any) -> None:
    LitellmProvider(stack, "litellm")

    result = synth(stack)

    assert result["provider"] == {"litellm": [{}]}
    assert result["terraform"]["required_providers"] == {
        "litellm": {"source": DEFAULT_SOURCE, "version": DEFAULT_VERSION}
    }


def test_default_source_and_version() -> None:
    assert DEFAULT_SOURCE == "ncecere/litellm"
    assert DEFAULT_VERSION == "~> 0.3.15"


def test_source_and_version_override(stack: Any) -> None:
    provider = LitellmProvider(
        stack, "litellm", source="berriai/litellm", version="0.1.0"
    )

    required = synth(stack)["terraform"]["required_providers"]

    assert required == {"litellm": {"source": "berriai/litellm", "version": "0.1.0"}}
    assert provider.source == "berriai/litellm"
    assert provider.version == "0.1.0"


def test_companion_source_and_version(stack: Any) -> None:
    LitellmProvider(stack, "litellm", companion=True)

    required = synth(stack)["terraform"]["required_providers"]

    assert required == {
        "litellm": {"source": COMPANION_SOURCE, "version": COMPANION_VERSION}
    }


def test_api_base_and_key_emitted(stack: Any) -> None:
    api_key = cdk.TerraformVariable(
        stack, "litellm_api_key", type="string", sensitive=True
    ).string_value

    provider = LitellmProvider(
        stack, "litellm", api_base="http://127.0.0.1:4000", api_key=api_key
    )

    assert synth(stack)["provider"]["litellm"] == [
        {"api_base": "http://127.0.0.1:4000", "api_key": "${var.litellm_api_key}"}
    ]
    assert provider.api_base_input == "http://127.0.0.1:4000"
    assert provider.api_key_input == api_key
    assert provider.alias is None


def test_alias_emitted(stack: Any) -> None:
    provider = LitellmProvider(stack, "east", alias="east")

    assert synth(stack)["provider"]["litellm"] == [{"alias": "east"}]
    assert provider.alias == "east"
    assert provider.TF_RESOURCE_TYPE == "litellm"


def test_alias_set_after_construction(stack: Any) -> None:
    LitellmProvider(stack, "default")
    provider = LitellmProvider(stack, "east")
    provider.alias = "east"
    LitellmKey(stack, "k", provider=provider)

    result = json.loads(cdk.Testing.synth(stack, True))

    assert result["provider"]["litellm"] == [{}, {"alias": "east"}]
    assert result["resource"]["litellm_key"]["k"] == {"provider": "litellm.east"}


# -- the literal api_key warning -------------------------------------------------


def test_literal_api_key_warns(stack: Any) -> None:
    provider = LitellmProvider(stack, "litellm", api_key=SECRET)

    warnings = _warnings(provider)

    assert len(warnings) == 1
    assert warnings[0].startswith("api_key is a literal string")
    assert "sensitive=True" in warnings[0]
    assert "LITELLM_API_KEY" in warnings[0]
    assert SECRET not in warnings[0]


def test_sensitive_variable_no_warning(stack: Any) -> None:
    api_key = cdk.TerraformVariable(stack, "key", type="string", sensitive=True)

    provider = LitellmProvider(stack, "litellm", api_key=api_key.string_value)

    assert _warnings(provider) == []


def test_no_api_key_no_warning(stack: Any) -> None:
    provider = LitellmProvider(stack, "litellm", api_base="http://127.0.0.1:4000")

    assert _warnings(provider) == []


def test_function_api_key_no_warning(stack: Any) -> None:
    provider = LitellmProvider(stack, "litellm", api_key=cdk.Fn.file("key.txt"))

    assert _warnings(provider) == []


def test_warning_does_not_fail_synth(stack: Any) -> None:
    LitellmProvider(stack, "litellm", api_key=SECRET)
    LitellmKey(stack, "k")

    result = json.loads(cdk.Testing.synth(stack, True))

    assert result["provider"]["litellm"] == [{"api_key": SECRET}]


# -- checks at synth --------------------------------------------------------------


def test_duplicate_key_alias_fails(stack: Any) -> None:
    LitellmProvider(stack, "litellm")
    LitellmKey(stack, "first", key_alias="ci")
    team = Construct(stack, "team")
    LitellmKey(team, "second", key_alias="ci")

    errors = _validation_errors(stack)

    assert "'test/first'" in errors
    assert "'test/team/second'" in errors
    assert "key_alias 'ci'" in errors


def test_duplicate_alias_without_provider_construct(stack: Any) -> None:
    provider = LitellmProvider(stack, "litellm")
    LitellmKey(stack, "first", key_alias="ci")
    LitellmKey(stack, "second", key_alias="ci", provider=provider)

    errors = _validation_errors(stack)

    assert "'test/first' and 'test/second' both set key_alias 'ci'" in errors


def test_duplicate_alias_set_by_setter(stack: Any) -> None:
    LitellmProvider(stack, "litellm")
    LitellmKey(stack, "first", key_alias="ci")
    second = LitellmKey(stack, "second", key_alias="other")

    second.key_alias = "ci"

    assert "'test/first' and 'test/second'" in _validation_errors(stack)


def test_duplicate_alias_fails_app_synth(app: Any, stack: Any, tmp_path: Path) -> None:
    LitellmProvider(stack, "litellm")
    LitellmKey(stack, "first", key_alias="ci")
    LitellmKey(stack, "second", key_alias="ci")

    with pytest.raises(RuntimeError, match="'test/first' and 'test/second'"):
        app.synth()


def test_same_alias_on_different_providers(stack: Any) -> None:
    LitellmProvider(stack, "default")
    east = LitellmProvider(stack, "east", alias="east")
    west = LitellmProvider(stack, "west", alias="west")
    LitellmKey(stack, "plain", key_alias="ci")
    LitellmKey(stack, "on_east", key_alias="ci", provider=east)
    LitellmKey(stack, "on_west", key_alias="ci", provider=west)

    result = json.loads(cdk.Testing.synth(stack, True))

    assert sorted(result["resource"]["litellm_key"]) == ["on_east", "on_west", "plain"]


def test_same_alias_in_two_stacks(app: Any) -> None:
    for name in ("one", "two"):
        stack = cdk.TerraformStack(app, name)
        LitellmProvider(stack, "litellm")
        LitellmKey(stack, "k", key_alias="ci")

        result = json.loads(cdk.Testing.synth(stack, True))

        assert result["resource"]["litellm_key"]["k"] == {"key_alias": "ci"}


def test_token_aliases_not_compared(stack: Any) -> None:
    LitellmProvider(stack, "litellm")
    name = cdk.TerraformVariable(stack, "name", type="string")
    LitellmKey(stack, "first", key_alias=name.string_value)
    LitellmKey(stack, "second", key_alias=name.string_value)

    cdk.Testing.synth(stack, True)


def test_counted_literal_alias_fails(stack: Any) -> None:
    LitellmProvider(stack, "litellm")
    LitellmKey(stack, "k", key_alias="ci", count=2)

    assert "'test/k'" in _validation_errors(stack)


def test_two_unaliased_providers_fail(stack: Any) -> None:
    LitellmProvider(stack, "first")
    LitellmProvider(stack, "second")

    errors = _validation_errors(stack)

    assert (
        "LitellmProviders 'test/first' and 'test/second' both have no alias" in errors
    )


def test_two_providers_same_alias_fail(stack: Any) -> None:
    LitellmProvider(stack, "first", alias="east")
    LitellmProvider(stack, "second", alias="east")

    errors = _validation_errors(stack)

    assert "'test/first' and 'test/second' both have alias 'east'" in errors


def test_different_versions_fail(stack: Any) -> None:
    LitellmProvider(stack, "first")
    LitellmProvider(stack, "second", alias="b", version="0.4.0")

    errors = _validation_errors(stack)

    assert (
        "LitellmProvider 'test/second' requires ncecere/litellm 0.4.0, but "
        "'test/first' requires ncecere/litellm ~> 0.3.15"
    ) in errors


def test_different_sources_fail(stack: Any) -> None:
    LitellmProvider(stack, "first", companion=True)
    LitellmProvider(stack, "second", alias="b")

    errors = _validation_errors(stack)

    assert f"'test/first' requires {COMPANION_SOURCE} {COMPANION_VERSION}" in errors


def test_providers_in_two_stacks_independent(app: Any) -> None:
    first_stack = cdk.TerraformStack(app, "one")
    second_stack = cdk.TerraformStack(app, "two")
    LitellmProvider(first_stack, "litellm")
    LitellmProvider(second_stack, "litellm", version="0.4.0")

    for stack in (first_stack, second_stack):
        cdk.Testing.synth(stack, True)


def test_for_each_literal_alias_fails(stack: Any) -> None:
    LitellmProvider(stack, "litellm")
    teams = cdk.TerraformIterator.from_list(["a", "b"])
    LitellmKey(stack, "k", key_alias="ci", for_each=teams)

    errors = _validation_errors(stack)

    assert "'test/k' sets key_alias 'ci' and for_each" in errors


def test_count_one_literal_alias_passes(stack: Any) -> None:
    LitellmProvider(stack, "litellm")
    LitellmKey(stack, "k", key_alias="ci", count=1)

    cdk.Testing.synth(stack, True)
