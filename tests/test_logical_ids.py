"""``_logical_ids.make_unique_id`` names keys as CDKTF does.

Each case builds a construct path under the stack, puts a key at its end and
compares three names: the Python computation, the key's ``friendly_unique_id``
from CDKTF, and the name the key gets in the synthesized JSON.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from conftest import synth
from constructs import Construct

from litellm_cdktf import LitellmKey
from litellm_cdktf._framework import cdk
from litellm_cdktf._logical_ids import make_unique_id

LONG = "k" * 300

# Each case: construct ids from the stack down to the key, the key's id last.
PATHS: list[list[str]] = [
    ["key"],
    ["my-key"],
    ["my_key_2"],
    ["key.with.dots"],
    ["key with spaces"],
    ["Claude-3.5/opus"[:10]],
    ["équipe"],
    ["Resource"],
    ["a" * 255],
    ["a" * 256],
    [LONG],
    ["team", "key"],
    ["team", "Resource"],
    ["team", "Default"],
    ["Default", "key"],
    ["team", "sub", "key"],
    ["team.a", "key b"],
    ["team", "team"],
    ["Foo", "FooBar", "Bar"],
    ["Foo", "Bar", "Bar"],
    ["x", "x", "x"],
    ["team", LONG],
    [LONG, LONG],
    ["team", "Resource", "Default"],
    ["Default", "Default", "key"],
    ["a-b", "a_b", "ab"],
    ["模型", "key"],
]


def _key_at(stack: Any, path: list[str]) -> LitellmKey:
    scope: Any = stack
    for component in path[:-1]:
        existing = scope.node.try_find_child(component)
        scope = existing if existing is not None else Construct(scope, component)
    return LitellmKey(scope, path[-1], max_budget=1)


@pytest.mark.parametrize("path", PATHS, ids=lambda path: "/".join(path)[:40])
def test_name_matches_cdktf(stack: Any, path: list[str]) -> None:
    key = _key_at(stack, path)

    expected = make_unique_id(path)

    assert expected == key.friendly_unique_id
    assert list(synth(stack)["resource"]["litellm_key"]) == [expected]


def test_all_paths_in_one_stack(stack: Any) -> None:
    """Keys synthesized together get the same names as keys synthesized alone.

    Some paths share a name (``Default/key`` and ``key``), as they do in CDKTF.
    """
    keys = [_key_at(stack, path) for path in PATHS]

    names = synth(stack)["resource"]["litellm_key"]

    assert set(names) == {key.friendly_unique_id for key in keys}
    assert set(names) == {make_unique_id(list(path)) for path in PATHS}


def test_long_id_shape() -> None:
    name = make_unique_id([LONG])

    assert len(name) == 240 + 1 + 8
    assert name.startswith("k" * 240 + "_")
    assert re.fullmatch("[0-9A-F]{8}", name[-8:])


def test_empty_path_raises() -> None:
    with pytest.raises(ValueError, match="empty construct path"):
        make_unique_id(["Default"])

    with pytest.raises(ValueError, match="empty construct path"):
        make_unique_id([])


class _PrefixedStack(cdk.TerraformStack):  # type: ignore[misc]
    """A stack that names every element ``custom_<construct id>``."""

    def _allocate_logical_id(self, tf_element: Any) -> str:
        node = tf_element.node if hasattr(tf_element, "node") else tf_element
        return f"custom_{node.id}"


def test_custom_allocate_logical_id(app: Any) -> None:
    stack = _PrefixedStack(app, "custom")
    team = Construct(stack, "team")
    first = LitellmKey(stack, "first", max_budget=1)
    second = LitellmKey(team, "second", team_id=first.team_id)

    keys = synth(stack)["resource"]["litellm_key"]

    assert keys == {
        "custom_first": {"max_budget": 1},
        "custom_second": {"team_id": "${litellm_key.custom_first.team_id}"},
    }
    assert second.friendly_unique_id == "custom_second"


def test_override_after_custom_naming(app: Any) -> None:
    stack = _PrefixedStack(app, "custom")
    key = LitellmKey(stack, "first", max_budget=1)

    key.override_logical_id("chosen")

    assert synth(stack)["resource"]["litellm_key"] == {"chosen": {"max_budget": 1}}
