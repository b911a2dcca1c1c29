"""Base class of the resources in this library: validation, storage, synthesis.

A ``ValidatedResource`` keeps the arguments the user set in Python, already
checked and normalized by the schema (``litellm_cdktf.schema``): a dict at
first, compact JSON text once ``_synthesis.KeySynthesizer`` has handed the
key's slice of the stack to Node.js. The Node.js side of the resource holds only
what CDKTF itself handles: meta-arguments, overrides, import and move blocks.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, ClassVar

import constructs

from ._framework import cdk, check_same_framework
from ._jsii_calls import create_in_node
from ._synthesis import stack_of, synthesizer_for
from .errors import ArgumentTypeError, InvalidArgumentError
from .hcl import hcl_attribute
from .kinds import ValueProblem
from .schema import ObjectSchema
from .tokens import is_token, may_contain_tokens

if TYPE_CHECKING:
    from ._synthesis import KeySynthesizer

__all__ = ["ValidatedResource"]


def _construct_path(scope: Any, id: str) -> str:
    """Return the construct path a child ``id`` of ``scope`` has or would have."""
    try:
        parent = scope.node.path
    except Exception:  # noqa: BLE001 - the scope itself is what is wrong
        return id
    return f"{parent}/{id}" if parent else id


def _compact_json(value: Any) -> str | None:
    """Return ``value`` as JSON without spaces, or None if it contains jsii objects."""
    try:
        return json.dumps(value, separators=(",", ":"), allow_nan=False)
    except (TypeError, ValueError):
        return None


def _struct_for(name: str, value: Mapping[str, Any]) -> Any:
    """Build the jsii struct for one meta-argument given as a dict."""
    fields = dict(value)
    if name == "lifecycle":
        return cdk.TerraformResourceLifecycle(**fields)
    kind = fields.get("type")
    if name == "connection":
        if kind == "winrm":
            return cdk.WinrmProvisionerConnection(**fields)
        return cdk.SSHProvisionerConnection(**fields)
    provisioner_classes = {
        "file": cdk.FileProvisioner,
        "local-exec": cdk.LocalExecProvisioner,
        "remote-exec": cdk.RemoteExecProvisioner,
    }
    if kind not in provisioner_classes:
        raise TypeError("type must be 'file', 'local-exec' or 'remote-exec'")
    return provisioner_classes[kind](**fields)


def _to_struct(name: str, value: Any) -> Any:
    """Turn dicts into jsii structs, which jsii serializes under their jsii names.

    A plain dict would reach Node.js with snake_case keys that CDKTF ignores.
    """
    if name == "provisioners":
        if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
            raise TypeError("expected a list of provisioners")
        return [
            _struct_for(name, item) if isinstance(item, Mapping) else item
            for item in value
        ]
    if isinstance(value, Mapping):
        return _struct_for(name, value)
    return value


class ValidatedResource(cdk.TerraformResource):
    """A Terraform resource whose arguments are checked against an ``ObjectSchema``."""

    TF_RESOURCE_TYPE: ClassVar[str]
    """The Terraform resource type, such as ``"litellm_key"``."""
    _SCHEMA: ClassVar[ObjectSchema]
    _PROVIDER_NAME: ClassVar[str] = "litellm"

    _stored: dict[str, Any] | str | None
    """The checked arguments: a dict, or the same as compact JSON (see _compact),
    or None once the synthesizer keeps that text packed with its slice's."""
    _synthesizer: KeySynthesizer
    _index: int
    """Position of this resource in its synthesizer's list."""
    attributes_read: frozenset[str] = frozenset()
    """Names of the attributes whose tokens this resource handed out."""
    # Class-level defaults keep a key that needs neither small in memory.
    _removed_paths: tuple[list[str], ...] = ()
    _moved: bool = False
    _name: str | None
    _creating: tuple[Any, str] | None = None
    """Scope and id while the resource is being created; afterwards its
    construct path comes from CDKTF (see _path)."""
    # Meta-arguments the checks read. Like the defaults above, they stay
    # class attributes unless set, which keeps each key's attribute dict small.
    _provider: Any = None
    _count: Any = None
    _for_each: Any = None

    def _create(
        self,
        scope: constructs.Construct,
        id: str,
        arguments: Mapping[str, Any],
        meta: Mapping[str, Any],
    ) -> None:
        """Validate everything, then create the Node.js resource and register it."""
        check_same_framework(scope, f"The scope of {type(self).__name__} {id!r}")
        if not isinstance(scope, constructs.Construct):
            raise ArgumentTypeError(
                construct=type(self).__name__,
                path=str(id),
                argument="scope",
                value=scope,
                expected="expected a construct, usually your TerraformStack",
            )
        if not isinstance(id, str) or not id:
            raise ArgumentTypeError(
                construct=type(self).__name__,
                path=_construct_path(scope, str(id)),
                argument="id",
                value=id,
                expected="expected a non-empty string",
            )
        self._creating = (scope, id)
        self._stored = self._checked_arguments(arguments)
        config = self._checked_meta(meta)

        stack = stack_of(scope)
        synthesizer = synthesizer_for(stack)
        self._name = synthesizer.logical_name(scope, id)
        if self._name == "":
            raise InvalidArgumentError(
                construct=type(self).__name__,
                path=self._path(),
                argument="id",
                value=id,
                expected="expected at least one ASCII letter, digit, '-' or '_', "
                "because CDKTF builds the Terraform resource name from those alone",
            )
        config["terraformResourceType"] = self.TF_RESOURCE_TYPE
        config["terraformGeneratorMetadata"] = {"providerName": self._PROVIDER_NAME}
        # A plain dict in place of TerraformResourceConfig skips the struct's
        # run-time type checks: one create costs about 0.35 ms instead of 0.8 ms.
        create_in_node(cdk.TerraformResource, self, [scope, id, config])
        self._creating = None
        synthesizer.add(self)

    # -- validation ---------------------------------------------------------

    def _path(self) -> str:
        if self._creating is None:
            return str(self.node.path)
        return _construct_path(*self._creating)

    def _invalid(self, argument: str, problem: ValueProblem) -> InvalidArgumentError:
        field = (
            self._SCHEMA.field(argument) if argument in self._field_names() else None
        )
        return problem.to_error(
            construct=type(self).__name__,
            path=self._path(),
            argument=argument,
            sensitive=bool(field and field.sensitive),
        )

    @classmethod
    def _field_names(cls) -> frozenset[str]:
        return frozenset(field.name for field in cls._SCHEMA.arguments)

    def _checked_arguments(self, arguments: Mapping[str, Any]) -> dict[str, Any]:
        checked: dict[str, Any] = {}
        for name, value in arguments.items():
            if value is None:
                continue
            try:
                checked[name] = self._SCHEMA.field(name).check(value)
            except ValueProblem as problem:
                raise self._invalid(name, problem) from None
        self._cross_check(checked)
        return checked

    def _cross_check(self, values: Mapping[str, Any]) -> None:
        for cross_check in self._SCHEMA.cross_checks:
            failure = cross_check(values)
            if failure is not None:
                name, problem = failure
                raise self._invalid(name, problem)

    def _checked_meta(self, meta: Mapping[str, Any]) -> dict[str, Any]:
        """Check the Terraform meta-arguments and return them under jsii names."""
        construct = type(self).__name__
        config: dict[str, Any] = {}

        def reject(argument: str, value: Any, expected: str) -> None:
            raise ArgumentTypeError(
                construct=construct,
                path=self._path(),
                argument=argument,
                value=value,
                expected=expected,
            )

        provider = meta.get("provider")
        if provider is not None:
            self._provider = provider
            check_same_framework(
                provider, f"The provider of {construct} {self._path()!r}"
            )
            if not isinstance(provider, cdk.TerraformProvider):
                reject("provider", provider, "expected a LitellmProvider")
            config["provider"] = provider

        depends_on = meta.get("depends_on")
        if depends_on is not None:
            if isinstance(depends_on, (str, bytes)) or not isinstance(
                depends_on, Sequence
            ):
                reject("depends_on", depends_on, "expected a list of resources")
            for element in depends_on:
                if isinstance(element, (str, bytes, int, float)) or element is None:
                    reject(
                        "depends_on",
                        element,
                        "expected resources, data sources or modules, not names",
                    )
            config["dependsOn"] = list(depends_on)

        count = meta.get("count")
        for_each = meta.get("for_each")
        if count is not None:
            self._count = count
        if for_each is not None:
            self._for_each = for_each
        if count is not None and for_each is not None:
            reject("count", count, "expected count or for_each, not both")
        if count is not None:
            if isinstance(count, bool) or (
                isinstance(count, (int, float))
                and not is_token(count)
                and (count < 0 or count != int(count))
            ):
                reject("count", count, "expected a whole number of 0 or more")
            config["count"] = count
        if for_each is not None:
            config["forEach"] = for_each

        for name in ("lifecycle", "connection", "provisioners"):
            value = meta.get(name)
            if value is None:
                continue
            try:
                config[name] = _to_struct(name, value)
            except TypeError as error:
                reject(name, value, f"expected the fields of {name}: {error}")
        return config

    # -- argument access, used by the generated API -------------------------

    def add_override(self, path: str, value: Any) -> None:
        """Override ``path`` in the synthesized block, as on any CDKTF resource.

        A None value deletes the path, arguments of this resource included.
        """
        super().add_override(path, value)
        segments = path.split(".")
        if segments[0] in self._field_names():
            kept = tuple(p for p in self._removed_paths if p != segments)
            self._removed_paths = (*kept, segments) if value is None else kept
            self._synthesizer.changed(self)

    def _argument_values(self) -> dict[str, Any]:
        """Return the checked arguments; callers must not change the dict."""
        stored = self._stored
        if isinstance(stored, dict):
            return stored
        decoded: dict[str, Any] = json.loads(self._argument_text())
        return decoded

    def _argument_text(self) -> str:
        """Return the compact JSON text of arguments kept as text, packed or not."""
        stored = self._stored
        if stored is None:
            return self._synthesizer.packed_text(self._index)
        if isinstance(stored, str):
            return stored
        raise TypeError("the arguments of this resource are kept as a dict")

    def _compact(self) -> None:
        """Keep the arguments as compact JSON text, if they are plain data.

        The text takes about a third of the memory of the dict with its lists
        and maps (tracemalloc, for the benchmark's keys), which matters for
        stacks of thousands of keys. Arguments that contain jsii objects (an
        ``IResolvable``) stay a dict.
        """
        if isinstance(self._stored, dict):
            text = _compact_json(self._stored)
            if text is not None:
                self._stored = text

    def _arguments_json(self) -> str | None:
        """Return the synthesized arguments as compact JSON text.

        None when they contain jsii objects, which JSON cannot carry.
        """
        if not isinstance(self._stored, dict) and not self._removed_paths:
            return self._argument_text()
        return _compact_json(self._synthesized_arguments())

    def _may_contain_tokens(self) -> bool:
        """Return False when the arguments surely contain no token."""
        if isinstance(self._stored, dict):
            return True
        return may_contain_tokens(self._argument_text())

    def _synthesized_arguments(self) -> dict[str, Any]:
        """Return the arguments less the paths that overrides set to None."""
        if not self._removed_paths:
            return self._argument_values()
        arguments = dict(self._argument_values())
        for segments in self._removed_paths:
            parent: dict[str, Any] = arguments
            for segment in segments[:-1]:
                child = parent.get(segment)
                if not isinstance(child, dict):
                    break
                # Copy each map on the path, so the value the user set stays whole.
                parent[segment] = child = dict(child)
                parent = child
            else:
                parent.pop(segments[-1], None)
        return arguments

    def _reading(self, name: str) -> str:
        """Record a read of attribute ``name`` and return ``name``."""
        if name not in self.attributes_read:
            self.attributes_read = self.attributes_read | {name}
        return name

    def _argument_input(self, name: str) -> Any:
        return self._argument_values().get(name)

    def _set_argument(self, name: str, value: Any) -> None:
        if value is None:
            self._reset_argument(name)
            return
        try:
            checked = self._SCHEMA.field(name).check(value)
        except ValueProblem as problem:
            raise self._invalid(name, problem) from None
        candidate = dict(self._argument_values())
        candidate[name] = checked
        self._cross_check(candidate)
        self._stored = candidate
        self._synthesizer.changed(self)

    def _reset_argument(self, name: str) -> None:
        values = self._argument_values()
        if name in values:
            values = dict(values)
            del values[name]
            self._stored = values
            self._synthesizer.changed(self)

    # -- naming and moves, mirrored so synthesis needs no jsii call -----------

    def _logical_name(self) -> str:
        if self._name is None:
            self._name = self.friendly_unique_id
        return self._name

    def override_logical_id(self, new_logical_id: str) -> None:
        """Use ``new_logical_id`` as the Terraform name, not the generated one."""
        super().override_logical_id(new_logical_id)
        # CDKTF keeps a name it already handed out; ask it at synth.
        self._name = None
        self._synthesizer.changed(self)

    def reset_override_logical_id(self) -> None:
        """Go back to the generated Terraform name."""
        super().reset_override_logical_id()
        self._name = None
        self._synthesizer.changed(self)

    def move_to(self, move_target: str, index: Any = None) -> None:
        """Move this resource to the one registered under ``move_target``."""
        super().move_to(move_target, index)
        self._moved = True
        self._synthesizer.changed(self)

    def move_to_id(self, id: str) -> None:
        """Move this resource to the address ``id``, such as ``litellm_key.other``."""
        super().move_to_id(id)
        self._moved = True
        self._synthesizer.changed(self)

    # -- HCL ------------------------------------------------------------------

    def _synthesize_hcl_attributes(self) -> Mapping[str, Any]:
        return {
            name: hcl_attribute(value, self._SCHEMA.field(name).kind)
            for name, value in self._synthesized_arguments().items()
        }
