"""Per-stack synthesis of ``litellm_key`` attributes, with no jsii call per key.

CDKTF builds a stack's JSON by asking every element for its fragment
(``toTerraform()``, twice per ``app.synth()``) and deep-merging the fragments. A
resource written in Python would return its fragment through a jsii callback,
about 0.4 ms each, so a stack of 5,000 keys would spend seconds in round trips.

Instead, each ``LitellmKey`` is a plain CDKTF ``TerraformResource`` on the
Node.js side, whose fragment carries the meta-arguments (``provider``,
``depends_on``, ``lifecycle``, ...), overrides and the ``//`` metadata. One
``KeySynthesizer`` element per stack, with one child element per further
``FRAGMENT_SIZE`` keys, provides the arguments of those keys in one callback
per element, and CDKTF's deep merge joins both halves under
``resource.litellm_key.<name>``. The callback of prepareStack() carries only the
arguments that contain tokens.

As soon as a slice of ``FRAGMENT_SIZE`` keys is complete, its fragment is handed
to Node.js as one ``Token.as_any`` value (``_jsii_calls.hand_over``) and the
keys keep their arguments as compact text. The element's callbacks then return
a reference to that value, which Node.js resolves without the data crossing
the jsii boundary again. Handing the data over while the stack is built, rather
than all of it during synthesis, keeps the peak memory of both processes lower
(BENCHMARKS.md has the figures). A later change to any key of the slice (a
setter, ``add_override`` on an argument, a rename or a move) drops the
handed-over value, and the final callback hands that slice over again from
Python, as it does for the last, incomplete slice.

The synthesizer's construct id is ``"0"`` on purpose: JavaScript lists the
integer-like keys of an object first, so ``node.children`` puts it before every
other child of the stack, whatever the order of creation. CDKTF visits the
elements depth first, so its fragments and its children's are merged first and
a key's ``add_override`` still wins over the key's own arguments, as with
generated bindings.

``cdktf synth --hcl`` renders each element on its own, so for HCL every key
implements ``_synthesize_hcl_attributes`` itself (see ``_resource.py``).
"""

from __future__ import annotations

import json
import weakref
import zlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import constructs
import jsii

from ._framework import cdk
from ._jsii_calls import hand_over
from ._logical_ids import make_unique_id
from .tokens import contains_token, may_contain_tokens

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


FRAGMENT_SIZE = 250
"""Keys per slice: per fragment element, and per value handed to Node.js.

Measured at 5,000 keys (BENCHMARKS.md): one fragment for all keys made its
serialization the peak of memory in both processes. Slices of 500 or 1,000
keys handed over during the build left the Node.js process at about 150 MiB
in most runs but near 280 MiB in two runs of ten, when V8 let garbage pile up
at the end of synthesis; slices of 200 and 250 stayed between 156 and
164 MiB in all 28 runs.
"""


def _arguments_fragment(resources: list[ValidatedResource], final_pass: bool) -> Any:
    """Return the ``resource`` fragment holding the arguments of ``resources``.

    Outside the final pass, only arguments that contain tokens are included:
    prepareStack() resolves the fragments only for what tokens do when resolved
    (cross-stack references, function usage), so literal values need not cross
    the jsii boundary twice.
    """
    blocks: dict[str, dict[str, Any]] = {}
    for resource in resources:
        if resource._moved:
            continue
        arguments = resource._synthesized_arguments()
        if not final_pass:
            if not resource._may_contain_tokens():
                continue
            arguments = {
                name: value
                for name, value in arguments.items()
                if contains_token(value)
            }
            if not arguments:
                continue
        by_name = blocks.setdefault(resource.TF_RESOURCE_TYPE, {})
        by_name[resource._logical_name()] = arguments
    return {"resource": blocks} if blocks else {}


def _fragment_json(resources: list[ValidatedResource]) -> str | None:
    """Return the final fragment of ``resources`` as JSON text.

    The same value as ``_arguments_fragment(resources, True)``, spliced from the
    text of each key. None when a key's arguments contain jsii objects.
    """
    entries: dict[str, list[str]] = {}
    for resource in resources:
        if resource._moved:
            continue
        arguments = resource._arguments_json()
        if arguments is None:
            return None
        name = json.dumps(resource._logical_name())
        entries.setdefault(resource.TF_RESOURCE_TYPE, []).append(f"{name}:{arguments}")
    if not entries:
        return "{}"
    blocks = ",".join(
        f"{json.dumps(resource_type)}:{{{','.join(by_name)}}}"
        for resource_type, by_name in entries.items()
    )
    return f'{{"resource":{{{blocks}}}}}'


def _slice_start(index: int) -> int:
    """Return the index of the first key of the slice that contains key ``index``."""
    return index - index % FRAGMENT_SIZE


class _FragmentElement(cdk.TerraformElement):
    """Writes the arguments of one slice of a stack's keys.

    The stack's toTerraform() calls every element's toMetadata(), then the
    toTerraform() whose fragments it writes, while prepareStack() calls
    toTerraform() only. So a to_metadata() call marks the next to_terraform()
    call as the final pass.
    """

    def __init__(
        self,
        scope: constructs.Construct,
        id: str,
        synthesizer: KeySynthesizer,
        start: int,
    ) -> None:
        super().__init__(scope, id)
        self._synthesizer = synthesizer
        self._start = start
        self._final_pass_next = False

    def to_metadata(self) -> Any:
        self._final_pass_next = True
        return {}

    def to_terraform(self) -> Any:
        final_pass = self._final_pass_next
        self._final_pass_next = False
        in_node = self._synthesizer.in_node.get(self._start)
        if in_node is None:
            end = self._start + FRAGMENT_SIZE
            resources = self._synthesizer.resources[self._start : end]
            if not final_pass:
                return _arguments_fragment(resources, False)
            # As plain JSON the slice crosses once, without the jsii runtime's
            # copies in Python and its $jsii.map wrappers in Node.js.
            fragment_json = _fragment_json(resources)
            if fragment_json is None:
                return _arguments_fragment(resources, True)
            return hand_over(fragment_json)
        fragment, tokens_possible = in_node
        return fragment if final_pass or tokens_possible else {}


class KeySynthesizer(_FragmentElement):
    """Writes the arguments of every ``LitellmKey`` of one stack.

    The synthesizer writes the first ``FRAGMENT_SIZE`` keys itself. Each further
    slice gets a child element with ids ``"1"``, ``"2"``, ... CDKTF visits the
    elements of a stack depth first, so all of them come before the stack's
    other children.
    """

    def __init__(self, stack: cdk.TerraformStack) -> None:
        super().__init__(stack, SYNTHESIZER_ID, self, 0)
        self.stack = stack
        self.resources: list[ValidatedResource] = []
        self.in_node: dict[int, tuple[Any, bool]] = {}
        """Fragments handed to Node.js, by the index of their slice's first key.
        The flag is False when the fragment surely contains no token."""
        self._packed: dict[int, bytes] = {}
        self._unpacked: tuple[int, list[str]] | None = None
        self._names_in_python = _uses_default_naming(stack)
        stack.node.add_validation(_StackValidation(self))

    def add(self, resource: ValidatedResource) -> None:
        """Register ``resource`` so that its arguments are synthesized."""
        count = len(self.resources)
        if count and count % FRAGMENT_SIZE == 0:
            _FragmentElement(self, str(count // FRAGMENT_SIZE), self, count)
        resource._synthesizer = self
        resource._index = count
        self.resources.append(resource)
        if (count + 1) % FRAGMENT_SIZE == 0:
            self._hand_over(count + 1 - FRAGMENT_SIZE)

    def _hand_over(self, start: int) -> None:
        """Give Node.js the fragment of the complete slice that begins at ``start``.

        A slice stays in Python until synthesis when a key's Terraform name is
        one only CDKTF can tell, because asking CDKTF now could fix the name
        too early. It also stays when a key's arguments contain jsii objects,
        which JSON cannot carry.
        """
        resources = self.resources[start : start + FRAGMENT_SIZE]
        if any(resource._name is None for resource in resources):
            return
        for resource in resources:
            resource._compact()
        fragment_json = _fragment_json(resources)
        if fragment_json is None:
            return
        tokens_possible = may_contain_tokens(fragment_json)
        self.in_node[start] = (hand_over(fragment_json), tokens_possible)
        self._pack(start, resources)

    def _pack(self, start: int, resources: list[ValidatedResource]) -> None:
        """Keep the texts of a handed-over slice compressed together.

        The keys' JSON texts repeat the same names and values, so compressed
        together they take about a twentieth of the memory (for the
        benchmark's keys). ``packed_text`` reads them back for a getter, a
        check or a changed key.
        """
        texts = [resource._argument_text() for resource in resources]
        self._packed[start] = zlib.compress("\n".join(texts).encode("utf-8"), 1)
        for resource in resources:
            resource._stored = None

    def packed_text(self, index: int) -> str:
        """Return the JSON text of the arguments of the key at ``index``."""
        start = _slice_start(index)
        unpacked = self._unpacked
        if unpacked is None or unpacked[0] != start:
            text = zlib.decompress(self._packed[start]).decode("utf-8")
            unpacked = self._unpacked = (start, text.split("\n"))
        return unpacked[1][index - start]

    def changed(self, resource: ValidatedResource) -> None:
        """Record that ``resource`` changed, so its slice is synthesized from Python.

        NOTE: the dropped value stays in Node.js until the process ends, as
        every object that jsii hands out does.
        """
        self.in_node.pop(_slice_start(resource._index), None)

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
