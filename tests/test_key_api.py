"""``LitellmKey``'s API: schema coverage, JSON, tokens, setters, meta-arguments."""

from __future__ import annotations

import inspect
import json
import typing
from collections.abc import Mapping, Sequence
from typing import Any

import pytest
from conftest import key_block, synth
from constructs import Construct

from litellm_cdktf import InvalidArgumentError, LitellmKey, LitellmProvider, _key_api
from litellm_cdktf._framework import cdk
from litellm_cdktf.kinds import (
    BOOL,
    INTEGER,
    INTEGER_MAP,
    NUMBER,
    NUMBER_MAP,
    STRING,
    STRING_LIST,
    STRING_MAP,
)
from litellm_cdktf.schema import KEY_SCHEMA, Field

META_ARGUMENTS = {
    "connection",
    "count",
    "depends_on",
    "for_each",
    "lifecycle",
    "provider",
    "provisioners",
}
ARGUMENTS = [field.name for field in KEY_SCHEMA.arguments]
COMPUTED = [field.name for field in KEY_SCHEMA.computed]

# A valid, non-default value per kind, and the JSON it must synthesize to.
SAMPLE_VALUES = {
    STRING.name: ("team-a", "team-a"),
    NUMBER.name: (12.5, 12.5),
    INTEGER.name: (7, 7),
    BOOL.name: (True, True),
    STRING_LIST.name: (["x", "y"], ["x", "y"]),
    STRING_MAP.name: ({"env": "prod"}, {"env": "prod"}),
    NUMBER_MAP.name: ({"gpt-4o": 1.5}, {"gpt-4o": 1.5}),
    INTEGER_MAP.name: ({"gpt-4o": 10}, {"gpt-4o": 10}),
}
# The "empty" value of each kind that still counts as set. Strings have none:
# an empty string is rejected.
ZERO_VALUES = {
    NUMBER.name: 0,
    INTEGER.name: 0,
    BOOL.name: False,
    STRING_LIST.name: [],
    STRING_MAP.name: {},
    NUMBER_MAP.name: {},
    INTEGER_MAP.name: {},
}


def _sample(field: Field) -> tuple[Any, Any]:
    value, emitted = SAMPLE_VALUES[field.kind.name]
    if field.name in ("duration", "budget_duration"):
        return "30d", "30d"
    return value, emitted


def _annotation_namespace() -> dict[str, Any]:
    """Resolve the names that ``_key_api`` imports only for type checking."""
    namespace = dict(vars(_key_api))
    namespace.update(
        {name: getattr(cdk, name) for name in dir(cdk) if not name.startswith("_")}
    )
    namespace.update({"Mapping": Mapping, "Sequence": Sequence})
    return namespace


# -- schema coverage -----------------------------------------------------------


def test_constructor_has_every_argument() -> None:
    parameters = inspect.signature(LitellmKey.__init__).parameters
    names = set(parameters) - {"self", "scope", "id"}

    assert names - META_ARGUMENTS == set(ARGUMENTS)
    assert META_ARGUMENTS <= names
    for name in names:
        assert parameters[name].kind is inspect.Parameter.KEYWORD_ONLY, name
        assert parameters[name].default is None, name


@pytest.mark.parametrize("field", KEY_SCHEMA.arguments, ids=lambda field: field.name)
def test_argument_annotation_matches_kind(field: Field) -> None:
    parameter = inspect.signature(LitellmKey.__init__).parameters[field.name]
    namespace = _annotation_namespace()
    hints = typing.get_type_hints(LitellmKey.__init__, globalns=namespace)
    expected = eval(f"{field.kind.argument_annotation} | None", namespace)  # noqa: S307

    assert parameter.annotation == f"{field.kind.argument_annotation} | None"
    assert hints[field.name] == expected


@pytest.mark.parametrize("field", KEY_SCHEMA.fields, ids=lambda field: field.name)
def test_property_type_matches_kind(field: Field) -> None:
    attribute = inspect.getattr_static(LitellmKey, field.name)

    assert isinstance(attribute, property)
    assert attribute.fget is not None
    assert attribute.fget.__annotations__["return"] == field.kind.attribute_annotation


@pytest.mark.parametrize("field", KEY_SCHEMA.arguments, ids=lambda field: field.name)
def test_argument_has_setter_input_reset(field: Field) -> None:
    attribute = inspect.getattr_static(LitellmKey, field.name)
    input_property = inspect.getattr_static(LitellmKey, f"{field.name}_input")
    reset = inspect.getattr_static(LitellmKey, f"reset_{field.name}")

    assert attribute.fset is not None
    assert attribute.fset.__annotations__["value"] == field.kind.argument_annotation
    assert isinstance(input_property, property)
    assert input_property.fget.__annotations__["return"] == (
        f"{field.kind.argument_annotation} | None"
    )
    assert callable(reset)


@pytest.mark.parametrize("name", COMPUTED)
def test_computed_is_read_only(name: str) -> None:
    attribute = inspect.getattr_static(LitellmKey, name)

    assert attribute.fset is None
    assert not hasattr(LitellmKey, f"{name}_input")
    assert not hasattr(LitellmKey, f"reset_{name}")


def test_computed_fields_documented() -> None:
    assert COMPUTED == ["id", "key", "spend"]
    assert KEY_SCHEMA.field("key").sensitive
    assert LitellmKey.TF_RESOURCE_TYPE == "litellm_key"


# -- emitted arguments ---------------------------------------------------------


def test_unset_key_emits_empty_block(stack: Any) -> None:
    LitellmKey(stack, "k")

    assert key_block(stack, "k") == {}


def test_none_means_unset(stack: Any) -> None:
    LitellmKey(
        stack, "k", **{name: None for name in ARGUMENTS + sorted(META_ARGUMENTS)}
    )

    assert key_block(stack, "k") == {}


def test_every_argument_emitted(stack: Any) -> None:
    arguments = {field.name: _sample(field)[0] for field in KEY_SCHEMA.arguments}

    LitellmKey(stack, "k", **arguments)

    expected = {field.name: _sample(field)[1] for field in KEY_SCHEMA.arguments}
    assert key_block(stack, "k") == expected


@pytest.mark.parametrize(
    "field",
    [field for field in KEY_SCHEMA.arguments if field.kind.name in ZERO_VALUES],
    ids=lambda field: field.name,
)
def test_zero_value_emitted(stack: Any, field: Field) -> None:
    zero = ZERO_VALUES[field.kind.name]

    LitellmKey(stack, "k", **{field.name: zero})

    block = key_block(stack, "k")
    assert block == {field.name: zero}
    assert type(block[field.name]) is type(zero)


def test_map_keys_kept_verbatim(stack: Any) -> None:
    names = ["openai/gpt-4o", "Claude-3.5", "模型", "a.b", "with space", "UPPER", "x:y"]

    LitellmKey(
        stack,
        "k",
        metadata={name: name for name in names},
        model_max_budget={name: 1.0 for name in names},
        model_rpm_limit={name: 2 for name in names},
    )

    block = key_block(stack, "k")
    assert block["metadata"] == {name: name for name in names}
    assert block["model_max_budget"] == {name: 1.0 for name in names}
    assert block["model_rpm_limit"] == {name: 2 for name in names}


def test_map_keys_not_camel_cased(stack: Any) -> None:
    LitellmKey(stack, "k", aliases={"my_model": "gpt-4o", "myModel": "gpt-4o-mini"})

    raw = cdk.Testing.synth(stack)

    assert '"my_model"' in raw
    assert '"myModel"' in raw
    assert json.loads(raw)["resource"]["litellm_key"]["k"]["aliases"] == {
        "my_model": "gpt-4o",
        "myModel": "gpt-4o-mini",
    }


def test_input_is_mutation_safe(stack: Any) -> None:
    models = ["a"]
    metadata = {"env": "prod"}

    LitellmKey(stack, "k", models=models, metadata=metadata)
    models.append("b")
    metadata["env"] = "dev"

    assert key_block(stack, "k") == {"models": ["a"], "metadata": {"env": "prod"}}


# -- setters, _input and reset_ ------------------------------------------------


@pytest.mark.parametrize("field", KEY_SCHEMA.arguments, ids=lambda field: field.name)
def test_setter_input_and_reset(stack: Any, field: Field) -> None:
    key = LitellmKey(stack, "k")
    value, emitted = _sample(field)

    assert getattr(key, f"{field.name}_input") is None
    setattr(key, field.name, value)
    assert getattr(key, f"{field.name}_input") == emitted
    assert key_block(stack, "k") == {field.name: emitted}

    getattr(key, f"reset_{field.name}")()
    assert getattr(key, f"{field.name}_input") is None
    assert key_block(stack, "k") == {}


def test_setter_none_resets(stack: Any) -> None:
    key = LitellmKey(stack, "k", team_id="t", max_budget=3)

    key.team_id = None  # type: ignore[assignment]

    assert key.team_id_input is None
    assert key_block(stack, "k") == {"max_budget": 3}


def test_input_returns_normalized_value(stack: Any) -> None:
    key = LitellmKey(stack, "k", rpm_limit=60.0, models=("a", "b"))

    assert key.rpm_limit_input == 60
    assert type(key.rpm_limit_input) is int
    assert key.models_input == ["a", "b"]


def test_setter_replaces_value(stack: Any) -> None:
    key = LitellmKey(stack, "k", tags=["a"])

    key.tags = ["b", "c"]

    assert key_block(stack, "k") == {"tags": ["b", "c"]}


# -- attribute tokens ------------------------------------------------------------


def test_every_attribute_renders_reference(stack: Any) -> None:
    key = LitellmKey(stack, "k")
    for field in KEY_SCHEMA.fields:
        cdk.TerraformOutput(stack, f"out_{field.name}", value=getattr(key, field.name))

    outputs = synth(stack)["output"]

    for field in KEY_SCHEMA.fields:
        assert outputs[f"out_{field.name}"]["value"] == (
            f"${{litellm_key.k.{field.name}}}"
        ), field.name


def test_attribute_reads_recorded(stack: Any) -> None:
    key = LitellmKey(stack, "k")

    key.team_id  # noqa: B018
    key.key  # noqa: B018

    assert key.attributes_read == {"team_id", "key"}


def test_sensitive_output_of_key(stack: Any) -> None:
    key = LitellmKey(stack, "k")
    cdk.TerraformOutput(stack, "secret", value=key.key, sensitive=True)

    output = synth(stack)["output"]["secret"]

    assert output == {"sensitive": True, "value": "${litellm_key.k.key}"}


def test_nested_key_reference_name(stack: Any) -> None:
    team = Construct(stack, "team")
    first = LitellmKey(team, "first")
    LitellmKey(stack, "second", team_id=first.team_id)

    resources = synth(stack)["resource"]["litellm_key"]
    name = first.friendly_unique_id

    assert name in resources
    assert resources["second"]["team_id"] == f"${{litellm_key.{name}.team_id}}"


# -- tokens as values --------------------------------------------------------------


def test_variable_tokens_pass_through(stack: Any) -> None:
    budget = cdk.TerraformVariable(stack, "budget", type="number")
    team = cdk.TerraformVariable(stack, "team", type="string")
    models = cdk.TerraformVariable(stack, "models", type="list(string)")
    labels = cdk.TerraformVariable(stack, "labels", type="map(string)")
    blocked = cdk.TerraformVariable(stack, "blocked", type="bool")

    LitellmKey(
        stack,
        "k",
        max_budget=budget.number_value,
        team_id=team.string_value,
        models=models.list_value,
        metadata=cdk.Token.as_string_map(labels.value),
        blocked=blocked.boolean_value,
        tpm_limit=cdk.Token.as_number(budget.value),
    )

    block = key_block(stack, "k")
    assert block["max_budget"] == "${var.budget}"
    assert block["team_id"] == "${var.team}"
    assert block["models"] == "${var.models}"
    assert block["metadata"] == "${var.labels}"
    assert block["blocked"] == "${var.blocked}"
    assert block["tpm_limit"] == "${var.budget}"


def test_tokens_skip_value_checks(stack: Any) -> None:
    """Tokens that stand for values a rule would reject are left to Terraform."""
    number = cdk.TerraformVariable(stack, "number", type="number")
    text = cdk.TerraformVariable(stack, "text", type="string")

    LitellmKey(
        stack,
        "k",
        max_budget=number.number_value,
        soft_budget=cdk.Token.as_number(cdk.Fn.abs(number.number_value)),
        rpm_limit=cdk.Token.as_number(number.value),
        duration=text.string_value,
        budget_duration=cdk.Fn.lower("MONTHLY"),
        key_alias=cdk.Fn.join("/", ["..", text.string_value]),
        user_id=cdk.Fn.trimspace(text.string_value),
    )

    block = key_block(stack, "k")
    assert block == {
        "max_budget": "${var.number}",
        "soft_budget": "${abs(var.number)}",
        "rpm_limit": "${var.number}",
        "duration": "${var.text}",
        "budget_duration": '${lower("MONTHLY")}',
        "key_alias": '${join("/", ["..", var.text])}',
        "user_id": "${trimspace(var.text)}",
    }


def test_token_as_list_and_elements(stack: Any) -> None:
    text = cdk.TerraformVariable(stack, "text", type="string")
    names = cdk.TerraformVariable(stack, "names", type="list(string)")

    LitellmKey(
        stack,
        "k",
        models=cdk.Token.as_list(names.value),
        tags=["fixed", text.string_value],
        guardrails=cdk.Fn.compact(names.list_value),
    )

    block = key_block(stack, "k")
    assert block["models"] == "${var.names}"
    assert block["tags"] == ["fixed", "${var.text}"]
    assert block["guardrails"] == "${compact(var.names)}"


def test_token_map_values(stack: Any) -> None:
    text = cdk.TerraformVariable(stack, "text", type="string")
    number = cdk.TerraformVariable(stack, "number", type="number")

    LitellmKey(
        stack,
        "k",
        metadata={"owner": text.string_value},
        model_max_budget={"gpt-4o": number.number_value},
        model_rpm_limit={"gpt-4o": cdk.Token.as_number(number.value)},
        config=cdk.Token.as_string_map(cdk.Fn.tomap({"a": "b"})),
    )

    block = key_block(stack, "k")
    assert block["metadata"] == {"owner": "${var.text}"}
    assert block["model_max_budget"] == {"gpt-4o": "${var.number}"}
    assert block["model_rpm_limit"] == {"gpt-4o": "${var.number}"}
    assert block["config"] == '${tomap({"a" = "b"})}'


def test_reference_to_other_key(stack: Any) -> None:
    first = LitellmKey(stack, "first", max_budget=10)

    LitellmKey(
        stack,
        "second",
        team_id=first.team_id,
        max_budget=first.max_budget,
        models=first.models,
        metadata={"parent": first.id},
        aliases=first.aliases,
        blocked=first.blocked,
        soft_budget=first.spend,
    )

    block = key_block(stack, "second")
    assert block == {
        "team_id": "${litellm_key.first.team_id}",
        "max_budget": "${litellm_key.first.max_budget}",
        "models": "${litellm_key.first.models}",
        "metadata": {"parent": "${litellm_key.first.id}"},
        "aliases": "${litellm_key.first.aliases}",
        "blocked": "${litellm_key.first.blocked}",
        "soft_budget": "${litellm_key.first.spend}",
    }


def test_token_setter(stack: Any) -> None:
    budget = cdk.TerraformVariable(stack, "budget", type="number")
    key = LitellmKey(stack, "k", max_budget=5)

    key.soft_budget = budget.number_value

    assert key_block(stack, "k")["soft_budget"] == "${var.budget}"


# -- meta-arguments ------------------------------------------------------------------


def test_keys_bound_to_aliased_providers(stack: Any) -> None:
    LitellmProvider(stack, "default")
    east = LitellmProvider(
        stack, "east", alias="east", api_base="http://127.0.0.1:4000"
    )
    west = LitellmProvider(
        stack, "west", alias="west", api_base="http://127.0.0.1:4001"
    )

    LitellmKey(stack, "plain", key_alias="ci")
    LitellmKey(stack, "on_east", key_alias="ci", provider=east)
    LitellmKey(stack, "on_west", key_alias="ci", provider=west)

    result = synth(stack, run_validations=True)
    keys = result["resource"]["litellm_key"]
    assert "provider" not in keys["plain"]
    assert keys["on_east"]["provider"] == "litellm.east"
    assert keys["on_west"]["provider"] == "litellm.west"
    assert result["provider"]["litellm"] == [
        {},
        {"alias": "east", "api_base": "http://127.0.0.1:4000"},
        {"alias": "west", "api_base": "http://127.0.0.1:4001"},
    ]


def test_depends_on_renders_addresses(stack: Any) -> None:
    first = LitellmKey(stack, "first")
    variable = cdk.TerraformVariable(stack, "v", type="string")

    LitellmKey(stack, "second", depends_on=[first, variable])

    assert key_block(stack, "second") == {"depends_on": ["litellm_key.first", "var.v"]}


def test_count_number_and_index(stack: Any) -> None:
    count = cdk.TerraformCount.of(3)

    LitellmKey(stack, "plain", count=2)
    LitellmKey(
        stack,
        "indexed",
        count=count,
        key_alias=f"ci-{cdk.Token.as_string(count.index)}",
    )

    result = synth(stack)["resource"]["litellm_key"]
    assert result["plain"] == {"count": 2}
    assert result["indexed"] == {"count": 3, "key_alias": "ci-${count.index}"}


def test_for_each_iterator(stack: Any) -> None:
    iterator = cdk.TerraformIterator.from_list(["team-a", "team-b"])

    LitellmKey(
        stack, "k", for_each=iterator, key_alias=iterator.value, team_id=iterator.value
    )

    assert key_block(stack, "k") == {
        "for_each": '${toset(["team-a", "team-b"])}',
        "key_alias": "${each.value}",
        "team_id": "${each.value}",
    }


def test_lifecycle_dict_and_struct(stack: Any) -> None:
    LitellmKey(
        stack,
        "from_dict",
        lifecycle={"ignore_changes": ["models"], "create_before_destroy": True},
    )
    LitellmKey(
        stack,
        "from_struct",
        lifecycle=cdk.TerraformResourceLifecycle(prevent_destroy=True),
    )

    keys = synth(stack)["resource"]["litellm_key"]
    assert keys["from_dict"] == {
        "lifecycle": {"create_before_destroy": True, "ignore_changes": ["models"]}
    }
    assert keys["from_struct"] == {"lifecycle": {"prevent_destroy": True}}


def test_provisioners_and_connection(stack: Any) -> None:
    LitellmKey(
        stack,
        "k",
        connection={"type": "ssh", "host": "127.0.0.1", "user": "ci"},
        provisioners=[
            {"type": "local-exec", "command": "echo created"},
            cdk.LocalExecProvisioner(
                type="local-exec", command="echo gone", when="destroy"
            ),
        ],
    )

    block = key_block(stack, "k")
    assert block["connection"] == {"host": "127.0.0.1", "type": "ssh", "user": "ci"}
    assert block["provisioner"] == [
        {"local-exec": {"command": "echo created"}},
        {"local-exec": {"command": "echo gone", "when": "destroy"}},
    ]


def test_import_from_adds_import_block(stack: Any) -> None:
    key = LitellmKey(stack, "k", key_alias="legacy")

    key.import_from("a1b2")

    result = synth(stack)
    assert result["import"] == [{"id": "a1b2", "to": "litellm_key.k"}]
    assert result["resource"]["litellm_key"]["k"] == {"key_alias": "legacy"}


def test_generate_config_for_import(stack: Any) -> None:
    LitellmProvider(stack, "default")
    other = LitellmProvider(stack, "other", alias="other")

    LitellmKey.generate_config_for_import(stack, "adopted", "hash-1")
    LitellmKey.generate_config_for_import(
        stack, "adopted_other", "hash-2", provider=other
    )

    result = synth(stack)
    assert result["import"] == [
        {"id": "hash-1", "to": "litellm_key.adopted"},
        {
            "id": "hash-2",
            "provider": "litellm.other",
            "to": "litellm_key.adopted_other",
        },
    ]
    assert "resource" not in result


def test_override_logical_id_renames(stack: Any) -> None:
    key = LitellmKey(stack, "k", max_budget=1, depends_on=[])
    key.override_logical_id("renamed")
    LitellmKey(stack, "user", team_id=key.team_id)

    keys = synth(stack)["resource"]["litellm_key"]
    assert "k" not in keys
    assert keys["renamed"] == {"depends_on": [], "max_budget": 1}
    assert keys["user"] == {"team_id": "${litellm_key.renamed.team_id}"}


def test_reset_override_logical_id(stack: Any) -> None:
    key = LitellmKey(stack, "k", max_budget=1)
    key.override_logical_id("renamed")
    key.reset_override_logical_id()

    assert synth(stack)["resource"]["litellm_key"] == {"k": {"max_budget": 1}}


def test_move_to_id_emits_moved_only(stack: Any) -> None:
    key = LitellmKey(stack, "k", max_budget=2)

    key.move_to_id("litellm_key.other")

    result = synth(stack)
    assert result["moved"] == [{"from": "litellm_key.k", "to": "litellm_key.other"}]
    assert "litellm_key" not in result.get("resource", {})


def test_add_override_wins(stack: Any) -> None:
    key = LitellmKey(stack, "k", max_budget=10, metadata={"a": "1"}, team_id="t")

    key.add_override("max_budget", 99)
    key.add_override("metadata.b", "2")
    key.add_override("team_id", "u")

    assert key_block(stack, "k") == {
        "max_budget": 99,
        "metadata": {"a": "1", "b": "2"},
        "team_id": "u",
    }


def test_add_override_none_removes(app: Any) -> None:
    ours = cdk.TerraformStack(app, "ours")
    generic = cdk.TerraformStack(app, "generic")
    LitellmKey(ours, "k", tags=["x"], metadata={"a": "1"}, max_budget=10)
    _GenericResource(generic, "k")

    for stack in (ours, generic):
        element = stack.node.find_child("k")
        element.add_override("tags", None)
        element.add_override("metadata.a", None)

    assert key_block(generic, "k") == {"metadata": {}, "max_budget": 10}
    assert key_block(ours, "k") == key_block(generic, "k")


class _GenericResource(cdk.TerraformResource):  # type: ignore[misc]
    """A resource written like a generated binding, for comparing overrides."""

    def __init__(self, scope: Construct, id: str) -> None:
        super().__init__(scope, id, terraform_resource_type="litellm_key")

    def _synthesize_attributes(self) -> dict[str, Any]:
        return {"tags": ["x"], "metadata": {"a": "1"}, "max_budget": 10}


def test_add_override_like_generated_binding(app: Any) -> None:
    """Overrides merge with the arguments exactly as for a generated binding.

    CDKTF's deep merge appends an overriding list to the argument's list.
    """
    ours = cdk.TerraformStack(app, "ours")
    generic = cdk.TerraformStack(app, "generic")
    LitellmKey(ours, "k", tags=["x"], metadata={"a": "1"}, max_budget=10)
    _GenericResource(generic, "k")

    for stack in (ours, generic):
        element = stack.node.find_child("k")
        element.add_override("tags", ["y"])
        element.add_override("metadata.a", "2")
        element.add_override("max_budget", 11)

    assert key_block(ours, "k") == key_block(generic, "k")
    assert key_block(ours, "k") == {
        "tags": ["x", "y"],
        "metadata": {"a": "2"},
        "max_budget": 11,
    }


def test_add_override_on_later_stack_keys(stack: Any) -> None:
    """Overrides win whatever the creation order of keys and other elements."""
    LitellmProvider(stack, "p")
    cdk.TerraformVariable(stack, "v", type="string")
    keys = [LitellmKey(stack, f"k{index}", max_budget=index) for index in range(12)]

    keys[-1].add_override("max_budget", 1000)

    assert key_block(stack, "k11") == {"max_budget": 1000}
    assert key_block(stack, "k10") == {"max_budget": 10}


def test_id_without_ascii_name_rejected(stack: Any) -> None:
    with pytest.raises(
        InvalidArgumentError, match=r"invalid id = 'ключ'.*ASCII letter"
    ):
        LitellmKey(stack, "ключ")

    assert stack.node.try_find_child("ключ") is None


def test_override_after_none_restores(stack: Any) -> None:
    key = LitellmKey(stack, "k", max_budget=10)
    key.add_override("max_budget", None)
    key.add_override("max_budget", 5)

    assert key_block(stack, "k") == {"max_budget": 5}
