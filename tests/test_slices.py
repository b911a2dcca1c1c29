"""Keys handed to Node.js in slices while the stack is built (``_synthesis``).

Each test builds the same app twice. With slices of two keys, every complete
slice is handed over and packed while the stack is built. With slices larger
than the stack, every argument stays in Python until synthesis requests it.
Both must give the same Terraform JSON (or HCL), and that output must contain
the values the test set.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from constructs import Construct

from litellm_cdktf import LitellmKey, LitellmProvider, _jsii_calls, _synthesis
from litellm_cdktf._framework import cdk

HANDED_OVER = 2
"""Slice size under which every complete pair of keys goes to Node.js."""
KEPT_IN_PYTHON = 10_000
"""Slice size larger than any stack here: nothing is handed over."""

Build = Callable[[Any], None]


def _synth_both(
    build: Build, monkeypatch: pytest.MonkeyPatch, *, hcl: bool = False
) -> tuple[Any, Any]:
    """Return the synthesized stack with slices handed over, then without."""
    outputs = []
    for size in (HANDED_OVER, KEPT_IN_PYTHON):
        monkeypatch.setattr(_synthesis, "FRAGMENT_SIZE", size)
        stack = cdk.TerraformStack(cdk.Testing.app(), "test")
        build(stack)
        handed_over = _synthesis.synthesizer_for(stack).in_node
        if size == HANDED_OVER:
            assert handed_over, "no slice reached Node.js, so the test proves nothing"
        else:
            assert not handed_over
        if hcl:
            outputs.append(cdk.Testing.synth_hcl(stack))
        else:
            outputs.append(json.loads(cdk.Testing.synth(stack)))
    return outputs[0], outputs[1]


def _keys(result: dict[str, Any]) -> dict[str, Any]:
    """Return the ``litellm_key`` blocks without CDKTF's ``//`` metadata."""
    return {
        name: {k: v for k, v in block.items() if k != "//"}
        for name, block in result["resource"]["litellm_key"].items()
    }


def _seven_keys(stack: Any) -> list[LitellmKey]:
    LitellmProvider(stack, "litellm")
    return [
        LitellmKey(
            stack,
            f"k{index}",
            key_alias=f"svc-{index}",
            models=["gpt-4o", "claude-3-5-sonnet"][: 1 + index % 2],
            max_budget=10.5 * index,
            tpm_limit=1000 + index,
            blocked=index == 3,
            metadata={"team": f"t{index}", "note": 'quote " and \\ and\nnewline'},
            model_max_budget={"gpt-4o": 1.25, "gpt-4o-mini": 3},
            tags=["é", "a\u2028b", "😀"],
        )
        for index in range(7)
    ]


def test_handed_over_slices_write_the_same_json(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handed_over, in_python = _synth_both(_seven_keys, monkeypatch)

    assert handed_over == in_python
    keys = _keys(handed_over)
    assert sorted(keys) == [f"k{index}" for index in range(7)]
    assert keys["k3"] == {
        "key_alias": "svc-3",
        "models": ["gpt-4o", "claude-3-5-sonnet"],
        "max_budget": 31.5,
        "tpm_limit": 1003,
        "blocked": True,
        "metadata": {"team": "t3", "note": 'quote " and \\ and\nnewline'},
        "model_max_budget": {"gpt-4o": 1.25, "gpt-4o-mini": 3},
        "tags": ["é", "a\u2028b", "😀"],
    }


def test_handed_over_keys_keep_their_inputs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_synthesis, "FRAGMENT_SIZE", HANDED_OVER)
    stack = cdk.TerraformStack(cdk.Testing.app(), "test")
    keys = _seven_keys(stack)

    key = keys[2]
    assert key._stored is None  # packed with its slice
    assert key.key_alias_input == "svc-2"
    assert key.models_input == ["gpt-4o"]
    assert key.max_budget_input == 21.0
    assert isinstance(key.max_budget_input, float)
    assert key.tpm_limit_input == 1002
    assert isinstance(key.tpm_limit_input, int)
    assert key.blocked_input is False
    assert key.model_max_budget_input == {"gpt-4o": 1.25, "gpt-4o-mini": 3}
    assert key.tags_input == ["é", "a\u2028b", "😀"]


def test_changes_after_hand_over(monkeypatch: pytest.MonkeyPatch) -> None:
    def build(stack: Any) -> None:
        keys = _seven_keys(stack)
        LitellmKey(stack, "k7", max_budget=7)  # completes an untouched slice
        keys[0].max_budget = 99
        keys[1].reset_metadata()
        keys[2].add_override("metadata.note", None)
        keys[3].add_override("tpm_limit", 5)
        keys[4].override_logical_id("renamed")
        keys[5].move_to_id("litellm_key.k6")

    handed_over, in_python = _synth_both(build, monkeypatch)

    assert handed_over == in_python
    keys = _keys(handed_over)
    assert keys["k0"]["max_budget"] == 99
    assert "metadata" not in keys["k1"]
    assert keys["k2"]["metadata"] == {"team": "t2"}
    assert keys["k3"]["tpm_limit"] == 5
    assert "k4" not in keys
    assert keys["renamed"]["key_alias"] == "svc-4"
    assert "k5" not in keys
    assert handed_over["moved"] == [{"from": "litellm_key.k5", "to": "litellm_key.k6"}]


def test_tokens_in_handed_over_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    def build(stack: Any) -> None:
        team = cdk.TerraformVariable(stack, "team", type="string")
        budget = cdk.TerraformVariable(stack, "budget", type="number")
        first = LitellmKey(stack, "first", max_budget=1)
        LitellmKey(stack, "second", team_id=team.string_value)
        LitellmKey(stack, "third", max_budget=budget.number_value)
        LitellmKey(stack, "fourth", metadata={"parent": first.id})
        LitellmKey(stack, "fifth", team_id=cdk.Fn.lower(team.string_value))

    handed_over, in_python = _synth_both(build, monkeypatch)

    assert handed_over == in_python
    keys = _keys(handed_over)
    assert keys["second"] == {"team_id": "${var.team}"}
    assert keys["third"] == {"max_budget": "${var.budget}"}
    assert keys["fourth"] == {"metadata": {"parent": "${litellm_key.first.id}"}}
    assert keys["fifth"] == {"team_id": "${lower(var.team)}"}


def test_argument_holding_jsii_object(monkeypatch: pytest.MonkeyPatch) -> None:
    """A slice with a value that only jsii can carry stays in Python."""

    def build(stack: Any) -> None:
        LitellmKey(stack, "a", metadata=cdk.Token.as_any({"team": "core"}))
        LitellmKey(stack, "b", max_budget=2)
        LitellmKey(stack, "c", max_budget=3)
        LitellmKey(stack, "d", max_budget=4)
        in_node = _synthesis.synthesizer_for(stack).in_node
        assert 0 not in in_node

    handed_over, in_python = _synth_both(build, monkeypatch)

    assert handed_over == in_python
    assert _keys(handed_over) == {
        "a": {"metadata": {"team": "core"}},
        "b": {"max_budget": 2},
        "c": {"max_budget": 3},
        "d": {"max_budget": 4},
    }


def test_cross_stack_reference_from_handed_over_key(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The prepare pass still finds tokens that CDKTF turns into remote state."""
    results = []
    for size in (HANDED_OVER, KEPT_IN_PYTHON):
        monkeypatch.setattr(_synthesis, "FRAGMENT_SIZE", size)
        outdir = tmp_path / str(size)
        app = cdk.App(outdir=str(outdir))
        source = cdk.TerraformStack(app, "source")
        LitellmProvider(source, "litellm")
        origin = LitellmKey(source, "origin", team_id="core")
        target = cdk.TerraformStack(app, "target")
        LitellmProvider(target, "litellm")
        LitellmKey(target, "a", max_budget=1)
        LitellmKey(target, "b", team_id=origin.team_id)
        LitellmKey(target, "c", max_budget=3)
        app.synth()
        results.append(
            {
                name: json.loads(
                    (outdir / "stacks" / name / "cdk.tf.json").read_text("utf-8")
                )
                for name in ("source", "target")
            }
        )

    assert results[0] == results[1]
    team_id = results[0]["target"]["resource"]["litellm_key"]["b"]["team_id"]
    assert team_id.startswith("${data.terraform_remote_state.")
    assert results[0]["source"]["output"]


def test_custom_naming_keeps_slices_in_python(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class PrefixedStack(cdk.TerraformStack):  # type: ignore[misc]
        def _allocate_logical_id(self, tf_element: Any) -> str:
            node = tf_element.node if hasattr(tf_element, "node") else tf_element
            return f"custom_{node.id}"

    monkeypatch.setattr(_synthesis, "FRAGMENT_SIZE", HANDED_OVER)
    stack = PrefixedStack(cdk.Testing.app(), "custom")
    for index in range(4):
        LitellmKey(stack, f"k{index}", max_budget=index)

    assert not _synthesis.synthesizer_for(stack).in_node
    assert _keys(json.loads(cdk.Testing.synth(stack))) == {
        f"custom_k{index}": {"max_budget": index} for index in range(4)
    }


def test_handed_over_slices_in_hcl(monkeypatch: pytest.MonkeyPatch) -> None:
    def build(stack: Any) -> None:
        keys = _seven_keys(stack)
        keys[2].add_override("metadata.note", None)

    handed_over, in_python = _synth_both(build, monkeypatch, hcl=True)

    assert handed_over == in_python
    assert 'key_alias = "svc-6"' in handed_over
    assert handed_over.count('resource "litellm_key"') == 7


def test_duplicate_alias_among_handed_over_keys(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(_synthesis, "FRAGMENT_SIZE", HANDED_OVER)
    stack = cdk.TerraformStack(cdk.Testing.app(), "test")
    LitellmProvider(stack, "litellm")
    LitellmKey(stack, "first", key_alias="ci")
    LitellmKey(Construct(stack, "team"), "second", key_alias="other")
    LitellmKey(stack, "third", key_alias="ci")
    LitellmKey(stack, "fourth", key_alias="solo")
    assert _synthesis.synthesizer_for(stack).in_node

    errors = "\n".join(stack.node.validate())

    assert "'test/first' and 'test/third' both set key_alias 'ci'" in errors
    assert "other" not in errors


def test_public_jsii_path_gives_same_json(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the jsii internals that hand_over uses, Token.as_any does the job."""
    handed_over, _ = _synth_both(_seven_keys, monkeypatch)

    monkeypatch.setattr(_jsii_calls, "_node_process", lambda: None)
    through_public_call, _ = _synth_both(_seven_keys, monkeypatch)

    assert through_public_call == handed_over
