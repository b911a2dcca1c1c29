"""Per-stack synthesis of ``litellm_key`` attributes, with no jsii call per key.

CDKTF builds a stack's JSON by asking every element for its fragment
(``toTerraform()``, twice per ``app.synth()``) and deep-merging the fragments. A
resource written in Python would answer through a jsii callback, about 0.4 ms
each, so a stack of 5,000 keys would spend seconds in round trips.

Instead, each ``LitellmKey`` is a plain CDKTF ``TerraformResource`` on the
Node.js side, whose fragment carries the meta-arguments (``provider``,
``depends_on``, ``lifecycle``, ...), overrides and the ``//`` metadata. One
``KeySynthesizer`` element per stack answers a single callback with the
arguments of all its keys, and CDKTF's deep merge joins both halves under
``resource.litellm_key.<name>``.

The synthesizer's construct id is ``"0"`` on purpose: JavaScript lists the
integer-like keys of an object first, so ``node.children`` puts it before every
other child of the stack, whatever the order of creation. Its fragment is
therefore merged first and a key's ``add_override`` still wins over the key's
own arguments, as with generated bindings.

``cdktf synth --hcl`` renders each element on its own, so for HCL every key
answers ``_synthesize_hcl_attributes`` itself (see ``_resource.py``).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import constructs
import jsii

from ._framework import cdk
from ._logical_ids import make_unique_id

if TYPE_CHECKING:
    from ._resource import ValidatedResource

__all__ = [
    "KeySynthesizer",
    "StackCheck",
    "register_stack_check",
    "stack_of",
    "synthesizer_for",
]

SYNTHESIZER_ID = "0"

StackCheck = Callable[["KeySynthesizer"], list[str]]
"""A check over all keys of a stack; returns error messages, empty if none."""

_stack_checks: list[StackCheck] = []
_synthesizers: weakref.WeakKeyDictionary[Any, KeySynthesizer] = (
    weakref.WeakKeyDictionary()
)
_scope_paths: weakref.WeakKeyDictionary[Any, tuple[Any, list[str]]] = (
    weakref.WeakKeyDictionary()
)


def register_stack_check(check: StackCheck) -> StackCheck:
    """Add a check that runs at synth over the keys of every stack."""
    _stack_checks.append(check)
    return check


class KeySynthesizer(cdk.TerraformElement):
    """Writes the arguments of every ``LitellmKey`` of one stack in one fragment."""

    def __init__(self, stack: cdk.TerraformStack) -> None:
        super().__init__(stack, SYNTHESIZER_ID)
        self.stack = stack
        self.resources: list[ValidatedResource] = []
        self._names_in_python = _uses_default_naming(stack)
        stack.node.add_validation(_StackValidation(self))

    def to_terraform(self) -> Any:
        blocks: dict[str, dict[str, Any]] = {}
        for resource in self.resources:
            if resource._moved:
                continue
            by_name = blocks.setdefault(resource.TF_RESOURCE_TYPE, {})
            by_name[resource._logical_name()] = resource._arguments
        return {"resource": blocks} if blocks else {}

    def logical_name(self, scope: constructs.Construct, id: str) -> str | None:
        """Return the logical ID CDKTF will give a new child ``id`` of ``scope``.

        Returns None when only CDKTF can tell: the stack names resources its own
        way, or the path has no component that survives CDKTF's filtering.
        """
        if not self._names_in_python:
            return None
        if scope is self.stack:
            components = [id]
        else:
            components = _components_below(scope, self.stack) + [id]
        try:
            return make_unique_id(components)
        except ValueError:
            return None


@jsii.implements(constructs.IValidation)
class _StackValidation:
    def __init__(self, synthesizer: KeySynthesizer) -> None:
        self._synthesizer = synthesizer

    def validate(self) -> list[str]:
        errors: list[str] = []
        for check in _stack_checks:
            errors.extend(check(self._synthesizer))
        return errors


def _uses_default_naming(stack: cdk.TerraformStack) -> bool:
    stack_class = type(stack)
    base = cdk.TerraformStack
    return (
        stack_class._allocate_logical_id is base._allocate_logical_id
        and stack_class.get_logical_id is base.get_logical_id
    )


def _components_below(scope: constructs.Construct, stack: Any) -> list[str]:
    """Return the construct ids from below ``stack`` down to ``scope``."""
    cached = _scope_paths.get(scope)
    if cached is not None and cached[0] is stack:
        return cached[1]
    stack_path = stack.node.path
    scope_path = scope.node.path
    relative = scope_path[len(stack_path) :].lstrip("/") if stack_path else scope_path
    components = relative.split("/") if relative else []
    _scope_paths[scope] = (stack, components)
    return components


def stack_of(scope: constructs.Construct) -> cdk.TerraformStack:
    """Return the stack that contains ``scope`` (one jsii call, then cached)."""
    if isinstance(scope, cdk.TerraformStack):
        return scope
    cached = _scope_stacks.get(scope)
    if cached is None:
        cached = cdk.TerraformStack.of(scope)
        _scope_stacks[scope] = cached
    return cached


_scope_stacks: weakref.WeakKeyDictionary[Any, Any] = weakref.WeakKeyDictionary()


def synthesizer_for(stack: cdk.TerraformStack) -> KeySynthesizer:
    """Return the stack's synthesizer, creating it on the stack's first key."""
    synthesizer = _synthesizers.get(stack)
    if synthesizer is None:
        synthesizer = KeySynthesizer(stack)
        _synthesizers[stack] = synthesizer
    return synthesizer
