"""Validation of ``LitellmKey`` and ``LitellmProvider`` arguments at construction.

Every rule of the schema has a failing input here, checked by its full message:
``<construct> '<path>': invalid <argument> = <value> (<type>): <what is accepted>``.
Durations have their own table in ``test_durations.py``.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import key_block
from constructs import Construct

from litellm_cdktf import (
    ArgumentTypeError,
    InvalidArgumentError,
    LitellmCdktfError,
    LitellmKey,
    LitellmProvider,
)
from litellm_cdktf._framework import cdk

NAN = float("nan")
INF = float("inf")

# Each row: keyword arguments, then the message after "LitellmKey 'test/k': invalid ".
WRONG_TYPES: list[tuple[dict[str, Any], str]] = [
    (
        {"max_budget": True},
        "max_budget = True (bool): expected a number (int or float)",
    ),
    ({"max_budget": "10"}, "max_budget = '10' (str): expected a number (int or float)"),
    (
        {"soft_budget": False},
        "soft_budget = False (bool): expected a number (int or float)",
    ),
    (
        {"max_parallel_requests": True},
        "max_parallel_requests = True (bool): expected an integer",
    ),
    ({"tpm_limit": "100"}, "tpm_limit = '100' (str): expected an integer"),
    ({"rpm_limit": [5]}, "rpm_limit = [5] (list): expected an integer"),
    ({"user_id": 5}, "user_id = 5 (int): expected a string"),
    ({"team_id": ["t"]}, "team_id = ['t'] (list): expected a string"),
    ({"key_alias": b"ci"}, "key_alias = b'ci' (bytes): expected a string"),
    ({"budget_duration": 30}, "budget_duration = 30 (int): expected a string"),
    ({"duration": 3600}, "duration = 3600 (int): expected a string"),
    ({"blocked": "yes"}, "blocked = 'yes' (str): expected True or False"),
    ({"send_invite_email": 1}, "send_invite_email = 1 (int): expected True or False"),
    ({"models": "gpt-4o"}, "models = 'gpt-4o' (str): expected a list of strings"),
    ({"tags": b"a"}, "tags = b'a' (bytes): expected a list of strings"),
    (
        {"guardrails": {"g": "x"}},
        "guardrails = {'g': 'x'} (dict): expected a list of strings",
    ),
    (
        {"allowed_cache_controls": 7},
        "allowed_cache_controls = 7 (int): expected a list of strings",
    ),
    ({"models": ["gpt-4o", 4]}, "models[1] = 4 (int): expected a string"),
    ({"tags": [None]}, "tags[0] = None (NoneType): expected a string"),
    (
        {"metadata": ["env"]},
        "metadata = ['env'] (list): expected a mapping of strings to strings",
    ),
    ({"metadata": {"env": 1}}, "metadata['env'] = 1 (int): expected a string"),
    (
        {"aliases": {"fast": None}},
        "aliases['fast'] = None (NoneType): expected a string",
    ),
    (
        {"config": {"retries": True}},
        "config['retries'] = True (bool): expected a string",
    ),
    ({"permissions": {1: "x"}}, "permissions[1] = 1 (int): expected string keys"),
    (
        {"model_max_budget": "gpt-4o=5"},
        "model_max_budget = 'gpt-4o=5' (str): expected a mapping of strings to numbers",
    ),
    (
        {"model_max_budget": {"gpt-4o": True}},
        "model_max_budget['gpt-4o'] = True (bool): expected a number (int or float)",
    ),
    (
        {"model_rpm_limit": {"gpt-4o": "5"}},
        "model_rpm_limit['gpt-4o'] = '5' (str): expected an integer",
    ),
    (
        {"model_tpm_limit": [("gpt-4o", 5)]},
        "model_tpm_limit = [('gpt-4o', 5)] (list): expected a mapping of strings to "
        "integers",
    ),
]

INVALID_VALUES: list[tuple[dict[str, Any], str]] = [
    ({"max_budget": -1}, "max_budget = -1 (int): expected 0 or more"),
    ({"max_budget": -0.01}, "max_budget = -0.01 (float): expected 0 or more"),
    ({"soft_budget": -5.0}, "soft_budget = -5.0 (float): expected 0 or more"),
    ({"max_budget": NAN}, "max_budget = nan (float): expected a finite number"),
    ({"max_budget": INF}, "max_budget = inf (float): expected a finite number"),
    ({"soft_budget": -INF}, "soft_budget = -inf (float): expected a finite number"),
    (
        {"max_parallel_requests": -1},
        "max_parallel_requests = -1 (int): expected 0 or more",
    ),
    ({"tpm_limit": -100}, "tpm_limit = -100 (int): expected 0 or more"),
    ({"rpm_limit": 1.5}, "rpm_limit = 1.5 (float): expected a whole number"),
    ({"tpm_limit": NAN}, "tpm_limit = nan (float): expected a whole number"),
    (
        {"max_parallel_requests": INF},
        "max_parallel_requests = inf (float): expected a whole number",
    ),
    (
        {"max_parallel_requests": 2**31},
        "max_parallel_requests = 2147483648 (int): expected at most 2,147,483,647 "
        "(a 32-bit column)",
    ),
    (
        {"tpm_limit": 2**53},
        "tpm_limit = 9007199254740992 (int): expected at most 9,007,199,254,740,991 "
        "(the largest integer CDKTF writes exactly)",
    ),
    (
        {"rpm_limit": 2**63 - 1},
        "rpm_limit = 9223372036854775807 (int): expected at most "
        "9,007,199,254,740,991 (the largest integer CDKTF writes exactly)",
    ),
    (
        {"model_max_budget": {"gpt-4o": -1.0}},
        "model_max_budget['gpt-4o'] = -1.0 (float): expected 0 or more",
    ),
    (
        {"model_max_budget": {"gpt-4o": NAN}},
        "model_max_budget['gpt-4o'] = nan (float): expected a finite number",
    ),
    (
        {"model_rpm_limit": {"gpt-4o": 2.5}},
        "model_rpm_limit['gpt-4o'] = 2.5 (float): expected a whole number",
    ),
    (
        {"model_rpm_limit": {"gpt-4o": -3}},
        "model_rpm_limit['gpt-4o'] = -3 (int): expected 0 or more",
    ),
    (
        {"model_tpm_limit": {"gpt-4o": 2**60}},
        "model_tpm_limit['gpt-4o'] = 1152921504606846976 (int): expected at most "
        "9,007,199,254,740,991 (the largest integer CDKTF writes exactly)",
    ),
    ({"user_id": ""}, "user_id = '' (str): expected a non-empty string"),
    ({"team_id": "   "}, "team_id = '   ' (str): expected a non-empty string"),
    ({"key_alias": ""}, "key_alias = '' (str): expected a non-empty string"),
    ({"models": ["gpt-4o", ""]}, "models[1] = '' (str): expected a non-empty string"),
    ({"tags": [" "]}, "tags[0] = ' ' (str): expected a non-empty string"),
    (
        {"guardrails": ["pii", "\t"]},
        "guardrails[1] = '\\t' (str): expected a non-empty string",
    ),
    (
        {"allowed_cache_controls": ["no-cache", "no-cache"]},
        "allowed_cache_controls[1] = 'no-cache' (str): expected each entry once; "
        "this one is repeated",
    ),
    (
        {"models": ["a", "b", "a"]},
        "models[2] = 'a' (str): expected each entry once; this one is repeated",
    ),
    (
        {"tags": ["x", "x"]},
        "tags[1] = 'x' (str): expected each entry once; this one is repeated",
    ),
    (
        {"guardrails": ["g", "g"]},
        "guardrails[1] = 'g' (str): expected each entry once; this one is repeated",
    ),
    ({"metadata": {"": "x"}}, "metadata[''] = '' (str): expected non-empty keys"),
    ({"aliases": {" ": "gpt-4o"}}, "aliases[' '] = ' ' (str): expected non-empty keys"),
    ({"config": {"": "1"}}, "config[''] = '' (str): expected non-empty keys"),
    ({"permissions": {"": "1"}}, "permissions[''] = '' (str): expected non-empty keys"),
    (
        {"model_max_budget": {"": 1.0}},
        "model_max_budget[''] = '' (str): expected non-empty keys",
    ),
    (
        {"model_rpm_limit": {"": 1}},
        "model_rpm_limit[''] = '' (str): expected non-empty keys",
    ),
    (
        {"model_tpm_limit": {"": 1}},
        "model_tpm_limit[''] = '' (str): expected non-empty keys",
    ),
    (
        {"key_alias": "ci\x00key"},
        "key_alias = 'ci\\x00key' (str): expected no control characters and no "
        '".." path segment',
    ),
    (
        {"key_alias": "ci\nkey"},
        "key_alias = 'ci\\nkey' (str): expected no control characters and no "
        '".." path segment',
    ),
    (
        {"key_alias": "ci\x85"},
        "key_alias = 'ci\\x85' (str): expected no control characters and no "
        '".." path segment',
    ),
    (
        {"key_alias": "ci\u2028key"},
        "key_alias = 'ci\\u2028key' (str): expected no control characters and no "
        '".." path segment',
    ),
    (
        {"key_alias": "team/../admin"},
        "key_alias = 'team/../admin' (str): expected no control characters and no "
        '".." path segment',
    ),
    (
        {"key_alias": ".."},
        "key_alias = '..' (str): expected no control characters and no "
        '".." path segment',
    ),
    (
        {"key_alias": "team/.."},
        "key_alias = 'team/..' (str): expected no control characters and no "
        '".." path segment',
    ),
    (
        {"max_budget": 10, "soft_budget": 20},
        "soft_budget = 20 (int): expected at most max_budget (10); the alert would "
        "never fire",
    ),
    (
        {"max_budget": 0.0, "soft_budget": 0.01},
        "soft_budget = 0.01 (float): expected at most max_budget (0.0); the alert "
        "would never fire",
    ),
]

# Values at the edge of a rule, which the rule must let through unchanged.
ACCEPTED: list[tuple[dict[str, Any], dict[str, Any]]] = [
    ({"max_budget": 0}, {"max_budget": 0}),
    ({"max_budget": 10, "soft_budget": 10}, {"max_budget": 10, "soft_budget": 10}),
    ({"max_parallel_requests": 2**31 - 1}, {"max_parallel_requests": 2**31 - 1}),
    ({"tpm_limit": 2**53 - 1}, {"tpm_limit": 2**53 - 1}),
    ({"rpm_limit": 60.0}, {"rpm_limit": 60}),
    ({"model_rpm_limit": {"gpt-4o": 3.0}}, {"model_rpm_limit": {"gpt-4o": 3}}),
    ({"key_alias": "release-1.0..2"}, {"key_alias": "release-1.0..2"}),
    ({"key_alias": "team/..hidden"}, {"key_alias": "team/..hidden"}),
    ({"key_alias": "équipe/ci"}, {"key_alias": "équipe/ci"}),
    ({"models": ["a", "A"]}, {"models": ["a", "A"]}),
    ({"models": ("a", "b")}, {"models": ["a", "b"]}),
]


def _message(tail: str, path: str = "test/k") -> str:
    return "^" + re.escape(f"LitellmKey '{path}': invalid {tail}") + "$"


@pytest.mark.parametrize(("arguments", "tail"), WRONG_TYPES)
def test_wrong_type_raises_type_error(
    stack: Any, arguments: dict[str, Any], tail: str
) -> None:
    with pytest.raises(ArgumentTypeError, match=_message(tail)) as caught:
        LitellmKey(stack, "k", **arguments)

    assert isinstance(caught.value, TypeError)
    assert isinstance(caught.value, ValueError)
    assert caught.value.construct == "LitellmKey"
    assert caught.value.path == "test/k"


@pytest.mark.parametrize(("arguments", "tail"), INVALID_VALUES)
def test_invalid_value_raises(stack: Any, arguments: dict[str, Any], tail: str) -> None:
    with pytest.raises(InvalidArgumentError, match=_message(tail)) as caught:
        LitellmKey(stack, "k", **arguments)

    assert not isinstance(caught.value, ArgumentTypeError)
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, LitellmCdktfError)


@pytest.mark.parametrize(("arguments", "tail"), WRONG_TYPES + INVALID_VALUES)
def test_rejected_key_not_added(
    stack: Any, arguments: dict[str, Any], tail: str
) -> None:
    with pytest.raises(InvalidArgumentError):
        LitellmKey(stack, "k", **arguments)

    assert stack.node.try_find_child("k") is None
    # The id stays free: a valid key can take it afterwards.
    LitellmKey(stack, "k", key_alias="after")
    assert key_block(stack, "k") == {"key_alias": "after"}


@pytest.mark.parametrize(("arguments", "emitted"), ACCEPTED)
def test_edge_value_accepted(
    stack: Any, arguments: dict[str, Any], emitted: dict[str, Any]
) -> None:
    LitellmKey(stack, "k", **arguments)

    assert key_block(stack, "k") == emitted


def test_error_attributes(stack: Any) -> None:
    with pytest.raises(InvalidArgumentError) as caught:
        LitellmKey(stack, "k", metadata={"env": 3})

    assert caught.value.construct == "LitellmKey"
    assert caught.value.path == "test/k"
    assert caught.value.argument == "metadata['env']"
    assert caught.value.value == 3
    assert caught.value.expected == "expected a string"


def test_error_path_in_nested_construct(stack: Any) -> None:
    inner = Construct(Construct(stack, "team-a"), "inner")

    with pytest.raises(
        InvalidArgumentError,
        match=_message(
            "max_budget = -2 (int): expected 0 or more", path="test/team-a/inner/k"
        ),
    ):
        LitellmKey(inner, "k", max_budget=-2)


def test_long_value_shortened(stack: Any) -> None:
    long_id = "u" * 500

    with pytest.raises(InvalidArgumentError) as caught:
        LitellmKey(stack, "k", models=long_id)

    message = str(caught.value)
    assert "..." in message
    assert len(message) < 300
    assert message.endswith("(str): expected a list of strings")


# -- setters ---------------------------------------------------------------


def test_setter_rejects_bool(stack: Any) -> None:
    key = LitellmKey(stack, "k", max_budget=5)

    with pytest.raises(
        ArgumentTypeError,
        match=_message("max_budget = True (bool): expected a number (int or float)"),
    ):
        key.max_budget = True  # type: ignore[assignment]

    assert key.max_budget_input == 5


def test_setter_rejects_soft_above_max(stack: Any) -> None:
    key = LitellmKey(stack, "k", max_budget=10)

    with pytest.raises(
        InvalidArgumentError,
        match=_message(
            "soft_budget = 15 (int): expected at most max_budget (10); the alert "
            "would never fire"
        ),
    ):
        key.soft_budget = 15

    assert key.soft_budget_input is None
    assert "soft_budget" not in key_block(stack, "k")


def test_setter_rejects_max_below_soft(stack: Any) -> None:
    key = LitellmKey(stack, "k", max_budget=10, soft_budget=8)

    with pytest.raises(
        InvalidArgumentError,
        match=_message(
            "soft_budget = 8 (int): expected at most max_budget (5); the alert "
            "would never fire"
        ),
    ):
        key.max_budget = 5

    assert key.max_budget_input == 10
    assert key_block(stack, "k") == {"max_budget": 10, "soft_budget": 8}


def test_setter_rejects_repeated_tag(stack: Any) -> None:
    key = LitellmKey(stack, "k", tags=["a"])

    with pytest.raises(
        InvalidArgumentError, match=re.escape("invalid tags[1] = 'a' (str)")
    ):
        key.tags = ["a", "a"]

    assert key.tags_input == ["a"]


def test_setter_rejects_bad_duration(stack: Any) -> None:
    key = LitellmKey(stack, "k")

    with pytest.raises(
        InvalidArgumentError, match=re.escape("invalid budget_duration = '1 month'")
    ):
        key.budget_duration = "1 month"

    assert key.budget_duration_input is None


def test_reset_max_allows_any_soft(stack: Any) -> None:
    key = LitellmKey(stack, "k", max_budget=10, soft_budget=8)
    key.reset_max_budget()

    key.soft_budget = 100

    assert key_block(stack, "k") == {"soft_budget": 100}


# -- scope and id ----------------------------------------------------------


def test_scope_not_construct(stack: Any) -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=re.escape(
            "LitellmKey 'k': invalid scope = 'test' (str): expected a construct"
        ),
    ):
        LitellmKey("test", "k")  # type: ignore[arg-type]


@pytest.mark.parametrize("bad_id", ["", 5, None])
def test_id_rejects_non_string(stack: Any, bad_id: Any) -> None:
    with pytest.raises(
        ArgumentTypeError, match=r"invalid id = .*: expected a non-empty string$"
    ):
        LitellmKey(stack, bad_id)


# -- meta-arguments ----------------------------------------------------------


def test_variable_object_rejected(stack: Any) -> None:
    variable = cdk.TerraformVariable(stack, "team", type="string")

    with pytest.raises(
        ArgumentTypeError,
        match=r"^LitellmKey 'test/k': invalid team_id = .*\(TerraformVariable\): "
        r"expected a string$",
    ):
        LitellmKey(stack, "k", team_id=variable)  # type: ignore[arg-type]


def test_provider_rejects_string(stack: Any) -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=_message("provider = 'litellm' (str): expected a LitellmProvider"),
    ):
        LitellmKey(stack, "k", provider="litellm")  # type: ignore[arg-type]

    assert stack.node.try_find_child("k") is None


def test_provider_rejects_key(stack: Any) -> None:
    other = LitellmKey(stack, "other")

    with pytest.raises(
        ArgumentTypeError,
        match=r"invalid provider = .*LitellmKey\): expected a LitellmProvider$",
    ):
        LitellmKey(stack, "k", provider=other)  # type: ignore[arg-type]


def test_depends_on_rejects_string(stack: Any) -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=_message(
            "depends_on = 'litellm_key.a' (str): expected a list of resources"
        ),
    ):
        LitellmKey(stack, "k", depends_on="litellm_key.a")  # type: ignore[arg-type]


def test_depends_on_rejects_names(stack: Any) -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=_message(
            "depends_on = 'litellm_key.a' (str): expected resources, data sources or "
            "modules, not names"
        ),
    ):
        LitellmKey(stack, "k", depends_on=["litellm_key.a"])  # type: ignore[list-item]


def test_count_and_for_each_rejected(stack: Any) -> None:
    iterator = cdk.TerraformIterator.from_list(["a", "b"])

    with pytest.raises(
        ArgumentTypeError,
        match=_message("count = 2 (int): expected count or for_each, not both"),
    ):
        LitellmKey(stack, "k", count=2, for_each=iterator)

    assert stack.node.try_find_child("k") is None


@pytest.mark.parametrize(
    ("count", "shown"), [(-1, "-1 (int)"), (1.5, "1.5 (float)"), (True, "True (bool)")]
)
def test_count_rejects_non_whole(stack: Any, count: Any, shown: str) -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=_message(f"count = {shown}: expected a whole number of 0 or more"),
    ):
        LitellmKey(stack, "k", count=count)


def test_lifecycle_rejects_unknown_field(stack: Any) -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=r"^LitellmKey 'test/k': invalid lifecycle = \{'ignore': \['models'\]\} "
        r"\(dict\): expected the fields of lifecycle: ",
    ):
        LitellmKey(stack, "k", lifecycle={"ignore": ["models"]})


def test_provisioners_reject_unknown_type(stack: Any) -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=r"invalid provisioners = .*: expected the fields of provisioners: "
        r"type must be 'file', 'local-exec' or 'remote-exec'$",
    ):
        LitellmKey(stack, "k", provisioners=[{"type": "shell", "command": "true"}])


def test_provisioners_reject_string(stack: Any) -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=r"invalid provisioners = 'echo hi' \(str\): expected the fields of "
        r"provisioners: expected a list of provisioners$",
    ):
        LitellmKey(stack, "k", provisioners="echo hi")  # type: ignore[arg-type]


# -- provider ----------------------------------------------------------------

SECRET = "sk-live-0123456789abcdef"


def test_provider_api_key_wrong_type_hidden(stack: Any) -> None:
    with pytest.raises(
        ArgumentTypeError,
        match=re.escape(
            "LitellmProvider 'test/p': invalid api_key = (sensitive value hidden): "
            "expected a string"
        ),
    ) as caught:
        LitellmProvider(stack, "p", api_key=[SECRET])  # type: ignore[arg-type]

    assert SECRET not in str(caught.value)
    assert SECRET not in repr(caught.value.args)
    assert caught.value.value is None
    assert stack.node.try_find_child("p") is None


def test_provider_api_key_blank_hidden(stack: Any) -> None:
    blank_secret = " " * 7

    with pytest.raises(
        InvalidArgumentError,
        match=re.escape(
            "LitellmProvider 'test/p': invalid api_key = (sensitive value hidden): "
            "expected a non-empty string"
        ),
    ) as caught:
        LitellmProvider(stack, "p", api_key=blank_secret)

    assert caught.value.value is None
    assert repr(blank_secret) not in str(caught.value)


def test_provider_api_base_error_hides_key(stack: Any) -> None:
    with pytest.raises(
        InvalidArgumentError,
        match=re.escape(
            "LitellmProvider 'test/p': invalid api_base = '' (str): expected a "
            "non-empty string"
        ),
    ) as caught:
        LitellmProvider(stack, "p", api_base="", api_key=SECRET)

    assert SECRET not in str(caught.value)


@pytest.mark.parametrize(
    ("arguments", "tail"),
    [
        ({"api_base": 4000}, "api_base = 4000 (int): expected a string"),
        ({"alias": ""}, "alias = '' (str): expected a non-empty string"),
        ({"alias": 2}, "alias = 2 (int): expected a non-empty string"),
        ({"source": " "}, "source = ' ' (str): expected a non-empty string"),
        ({"version": 1.0}, "version = 1.0 (float): expected a non-empty string"),
        ({"companion": "yes"}, "companion = 'yes' (str): expected True or False"),
    ],
)
def test_provider_rejects(stack: Any, arguments: dict[str, Any], tail: str) -> None:
    with pytest.raises(
        InvalidArgumentError,
        match="^" + re.escape(f"LitellmProvider 'test/p': invalid {tail}") + "$",
    ):
        LitellmProvider(stack, "p", **arguments)

    assert stack.node.try_find_child("p") is None
