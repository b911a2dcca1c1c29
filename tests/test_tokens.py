"""``litellm_cdktf.tokens.is_token`` agrees with ``Token.is_unresolved``.

``is_token`` decodes CDKTF's token encodings in Python; these tests ask the
framework itself, through jsii, about the same values.
"""

from __future__ import annotations

import decimal
import struct
from collections.abc import Callable
from typing import Any

import pytest

from litellm_cdktf._framework import cdk
from litellm_cdktf.tokens import contains_token, is_token


def _double_with_marker(marker: int) -> float:
    """Return a double whose top 16 bits are ``marker``, as CDKTF encodes numbers."""
    bits = (marker << 48) | 0x2A
    return float(struct.unpack("<d", struct.pack("<Q", bits))[0])


# Each builder takes a stack with a variable ``v`` and returns one value.
Builder = Callable[[Any, Any], Any]

VALUES: dict[str, Builder] = {
    # plain strings
    "empty string": lambda stack, v: "",
    "word": lambda stack, v: "team-a",
    "literal interpolation": lambda stack, v: "${var.v}",
    "partial marker": lambda stack, v: "TfToken[",
    "list marker as string": lambda stack, v: "#{TfToken[TOKEN.1]}",
    "map marker as string": lambda stack, v: "&{TfToken[TOKEN.1]}",
    "unicode": lambda stack, v: "模型/Claude-3.5",
    # token strings
    "string_value": lambda stack, v: v.string_value,
    "as_string": lambda stack, v: cdk.Token.as_string(v.value),
    "token inside text": lambda stack, v: f"prefix-{v.string_value}-suffix",
    "Fn.join": lambda stack, v: cdk.Fn.join(",", ["a", v.string_value]),
    "Fn.lower": lambda stack, v: cdk.Fn.lower("ABC"),
    "attribute of resource": lambda stack, v: (
        cdk.TerraformOutput(stack, "o", value="x").friendly_unique_id
    ),
    # number tokens
    "number_value": lambda stack, v: v.number_value,
    "as_number": lambda stack, v: cdk.Token.as_number(v.value),
    "Fn.length_of": lambda stack, v: cdk.Fn.length_of(v.list_value),
    "number list element": lambda stack, v: cdk.Token.as_number_list(v.value)[0],
    "marker double": lambda stack, v: _double_with_marker(0xFDFF),
    "list marker double": lambda stack, v: _double_with_marker(0xFBFF),
    # list tokens
    "list_value": lambda stack, v: v.list_value,
    "as_list": lambda stack, v: cdk.Token.as_list(v.value),
    "as_number_list": lambda stack, v: cdk.Token.as_number_list(v.value),
    "Fn.compact": lambda stack, v: cdk.Fn.compact(v.list_value),
    # map tokens
    "as_string_map": lambda stack, v: cdk.Token.as_string_map(v.value),
    "as_number_map": lambda stack, v: cdk.Token.as_number_map(v.value),
    "as_boolean_map": lambda stack, v: cdk.Token.as_boolean_map(v.value),
    "as_any_map": lambda stack, v: cdk.Token.as_any_map(v.value),
    "as_map": lambda stack, v: cdk.Token.as_map(v.value, ""),
    # IResolvable objects
    "variable value": lambda stack, v: v.value,
    "boolean_value": lambda stack, v: v.boolean_value,
    "as_any": lambda stack, v: cdk.Token.as_any("x"),
    "Fn.can": lambda stack, v: cdk.Fn.can(v.value),
    "Fn.tomap": lambda stack, v: cdk.Fn.tomap({"a": "b"}),
    # objects that are not tokens
    "variable itself": lambda stack, v: v,
    "stack itself": lambda stack, v: stack,
    # numbers and booleans
    "zero": lambda stack, v: 0,
    "int": lambda stack, v: 42,
    "negative int": lambda stack, v: -7,
    "big int": lambda stack, v: 2**62,
    "float": lambda stack, v: 1.5,
    "negative zero": lambda stack, v: -0.0,
    "huge float": lambda stack, v: -8.1e298,
    "true": lambda stack, v: True,
    "false": lambda stack, v: False,
    "none": lambda stack, v: None,
    # lists and maps
    "empty list": lambda stack, v: [],
    "list of words": lambda stack, v: ["a", "b"],
    "one word": lambda stack, v: ["a"],
    "one string token": lambda stack, v: [v.string_value],
    "token among words": lambda stack, v: ["a", v.string_value],
    "one number token": lambda stack, v: [v.number_value],
    "nested list": lambda stack, v: [["a"], ["b"]],
    "nested list token": lambda stack, v: [v.list_value],
    "list of ints": lambda stack, v: [1, 2],
    "empty map": lambda stack, v: {},
    "map of words": lambda stack, v: {"a": "b"},
    "map with token value": lambda stack, v: {"a": v.string_value},
    "map with string token key": lambda stack, v: {v.string_value: "x"},
}


@pytest.fixture
def variable(stack: Any) -> Any:
    return cdk.TerraformVariable(stack, "v")


@pytest.mark.parametrize("name", list(VALUES), ids=lambda name: name.replace(" ", "_"))
def test_is_token_agrees(stack: Any, variable: Any, name: str) -> None:
    value = VALUES[name](stack, variable)

    assert is_token(value) is cdk.Token.is_unresolved(value)


def test_table_has_both_answers(stack: Any, variable: Any) -> None:
    answers = {is_token(build(stack, variable)) for build in VALUES.values()}

    assert answers == {True, False}


@pytest.mark.parametrize(
    "value",
    [b"sk-1", bytearray(b"x"), {1, 2}, frozenset(), decimal.Decimal("1.5"), object()],
    ids=["bytes", "bytearray", "set", "frozenset", "decimal", "object"],
)
def test_foreign_values_not_tokens(value: Any) -> None:
    """Values jsii cannot pass are not tokens, so the kind checks reject them."""
    assert is_token(value) is False


@pytest.mark.parametrize("value", [float("nan"), float("inf"), float("-inf")])
def test_non_finite_not_tokens(value: float) -> None:
    """jsii cannot send NaN or infinity to Node.js, so only ``is_token`` is checked."""
    assert is_token(value) is False


def test_tuple_of_token(stack: Any, variable: Any) -> None:
    token = variable.list_value

    assert is_token(tuple(token)) is True
    assert is_token(("a",)) is False


def test_contains_token_nested(stack: Any, variable: Any) -> None:
    assert contains_token([["a", variable.string_value]]) is True
    assert contains_token({"a": {"b": variable.number_value}}) is True
    assert contains_token({variable.string_value: "x"}) is False
    assert contains_token([["a"], {"b": 1}]) is False
