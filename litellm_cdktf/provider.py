"""``LitellmProvider``: the litellm provider block and its required_providers entry."""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any, ClassVar

import constructs
import jsii

from ._framework import cdk, check_same_framework
from ._resource import _construct_path
from ._synthesis import stack_of
from .errors import ArgumentTypeError, InvalidArgumentError
from .kinds import ValueProblem
from .schema import PROVIDER_SCHEMA
from .tokens import is_token
from .versions import VersionConstraint

__all__ = [
    "COMPANION_SOURCE",
    "COMPANION_VERSION",
    "DEFAULT_SOURCE",
    "DEFAULT_VERSION",
    "LitellmProvider",
]

DEFAULT_SOURCE = "ncecere/litellm"
"""Registry provider used unless ``source`` is given.

ncecere/litellm 0.3.15 serves every documented ``litellm_key`` argument except
``send_invite_email``, and the ``key`` and ``spend`` attributes.
"""
DEFAULT_VERSION = "~> 0.3.15"
"""Version constraint used with ``DEFAULT_SOURCE`` unless ``version`` is given."""

COMPANION_SOURCE = "litellm-cdktf.local/litellm-cdktf/litellm"
"""Source address of the companion provider shipped in ``litellm-cdktf[provider]``.

Its host name is not a registry, so it never resolves to a published provider;
``litellm-cdktf-provider install`` puts it in a filesystem mirror.
"""
COMPANION_VERSION = "0.1.0"
"""Version of the companion provider; ``companion=True`` pins exactly this one."""

_API_KEY_WARNING = (
    "api_key is a literal string, so the LiteLLM master key is written in plain "
    "text to cdk.tf.json. Pass a sensitive variable instead, such as "
    "TerraformVariable(stack, 'litellm_api_key', type='string', "
    "sensitive=True).string_value, or leave api_key unset and export "
    "LITELLM_API_KEY where Terraform runs."
)


class LitellmProvider(cdk.TerraformProvider):
    """The LiteLLM Terraform provider: where the proxy is and how to authenticate.

    With no arguments the provider reads ``LITELLM_API_BASE`` and
    ``LITELLM_API_KEY`` from the environment Terraform runs in. Give an ``alias``
    to manage keys on several proxies from one stack, and pass the provider to
    each ``LitellmKey`` as ``provider=``.
    """

    TF_RESOURCE_TYPE: ClassVar[str] = "litellm"

    def __init__(
        self,
        scope: constructs.Construct,
        id: str,
        *,
        api_base: str | None = None,
        api_key: str | None = None,
        alias: str | None = None,
        source: str | None = None,
        version: str | None = None,
        companion: bool = False,
    ) -> None:
        """Define a ``provider "litellm"`` block.

        Args:
            scope: the stack the provider belongs to.
            id: the construct id, unique within ``scope``.
            api_base: base URL of the LiteLLM proxy, such as
                ``http://127.0.0.1:4000``. Unset: ``LITELLM_API_BASE``.
            api_key: LiteLLM master key. Sensitive: pass a sensitive
                ``TerraformVariable`` value; a literal string is written to
                ``cdk.tf.json`` in plain text and draws a warning at synth.
                Unset: ``LITELLM_API_KEY``.
            alias: provider alias, for a second provider configuration.
            source: provider source address; defaults to ``ncecere/litellm``
                (``COMPANION_SOURCE`` with ``companion=True``). BerriAI's is
                ``berriai/litellm``.
            version: version constraint for ``required_providers``; defaults to
                ``~> 0.3.15`` (``COMPANION_VERSION`` with ``companion=True``).
                At synth, each key bound to this provider draws a warning for
                every argument or attribute that a known release the
                constraint admits does not serve (see ``litellm_cdktf.versions``).
            companion: use the companion provider from
                ``litellm-cdktf[provider]``, which serves the documented
                ``litellm_key`` schema in full.

        Raises:
            InvalidArgumentError: an argument is not accepted.
        """
        path = _construct_path(scope, id)
        check_same_framework(scope, f"The scope of LitellmProvider {id!r}")
        self._attributes = _checked_attributes(path, api_base=api_base, api_key=api_key)
        for argument, value in (
            ("alias", alias),
            ("source", source),
            ("version", version),
        ):
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ArgumentTypeError(
                    construct="LitellmProvider",
                    path=path,
                    argument=argument,
                    value=value,
                    expected="expected a non-empty string",
                )
        if not isinstance(companion, bool):
            raise ArgumentTypeError(
                construct="LitellmProvider",
                path=path,
                argument="companion",
                value=companion,
                expected="expected True or False",
            )
        if version is not None:
            try:
                VersionConstraint(version)
            except ValueError as error:
                raise InvalidArgumentError(
                    construct="LitellmProvider",
                    path=path,
                    argument="version",
                    value=version,
                    expected=f"expected a Terraform version constraint such as "
                    f"'~> 0.3.15' or '>= 1.0, < 3.0' ({error})",
                ) from None
        self._alias = alias
        self.source = source or (COMPANION_SOURCE if companion else DEFAULT_SOURCE)
        """Source address written to ``required_providers``."""
        self.version = version or (COMPANION_VERSION if companion else DEFAULT_VERSION)
        """Version constraint written to ``required_providers``."""

        super().__init__(
            scope,
            id,
            terraform_resource_type=self.TF_RESOURCE_TYPE,
            terraform_generator_metadata=cdk.TerraformProviderGeneratorMetadata(
                provider_name=self.TF_RESOURCE_TYPE,
                provider_version_constraint=self.version,
            ),
            terraform_provider_source=self.source,
        )
        if isinstance(api_key, str) and not is_token(api_key):
            cdk.Annotations.of(self).add_warning(_API_KEY_WARNING)
        _register(stack_of(scope), self)

    @property
    def alias(self) -> str | None:
        """The provider alias, or None for the stack's default configuration."""
        return self._alias

    @alias.setter
    def alias(self, value: str | None) -> None:
        self._alias = value

    @property
    def api_base_input(self) -> str | None:
        """The ``api_base`` set here, or None if unset."""
        value = self._attributes.get("api_base")
        return value if value is None else str(value)

    @property
    def api_key_input(self) -> str | None:
        """The ``api_key`` set here, or None if unset. Sensitive."""
        value = self._attributes.get("api_key")
        return value if value is None else str(value)

    def _synthesize_attributes(self) -> Mapping[str, Any]:
        return dict(self._attributes)

    def _synthesize_hcl_attributes(self) -> Mapping[str, Any]:
        return {
            name: {
                "value": value,
                "isBlock": False,
                "type": "simple",
                "storageClassType": "string",
            }
            for name, value in self._attributes.items()
        }


def _checked_attributes(path: str, **values: Any) -> dict[str, Any]:
    checked: dict[str, Any] = {}
    for name, value in values.items():
        if value is None:
            continue
        field = PROVIDER_SCHEMA.field(name)
        try:
            checked[name] = field.check(value)
        except ValueProblem as problem:
            raise problem.to_error(
                construct="LitellmProvider",
                path=path,
                argument=name,
                sensitive=field.sensitive,
            ) from None
    return checked


# -- checks over all providers of a stack, run at synth ----------------------

_providers: weakref.WeakKeyDictionary[Any, list[LitellmProvider]] = (
    weakref.WeakKeyDictionary()
)


def providers_of(stack: Any) -> list[LitellmProvider]:
    """Return the ``LitellmProvider``s defined in ``stack``, in creation order."""
    return _providers.get(stack, [])


def _register(stack: Any, provider: LitellmProvider) -> None:
    registered = _providers.get(stack)
    if registered is None:
        registered = _providers[stack] = []
        stack.node.add_validation(_ProviderValidation(registered))
    registered.append(provider)


@jsii.implements(constructs.IValidation)
class _ProviderValidation:
    def __init__(self, providers: list[LitellmProvider]) -> None:
        self._providers = providers

    def validate(self) -> list[str]:
        errors: list[str] = []
        first = self._providers[0]
        by_alias: dict[str | None, LitellmProvider] = {}
        for provider in self._providers:
            if (provider.source, provider.version) != (first.source, first.version):
                errors.append(
                    f"LitellmProvider {provider.node.path!r} requires "
                    f"{provider.source} {provider.version}, but "
                    f"{first.node.path!r} requires {first.source} {first.version}; "
                    "a stack has one required_providers entry for litellm, so "
                    "every LitellmProvider in it must use the same source and version"
                )
            other = by_alias.get(provider.alias)
            if other is not None:
                which = f"alias {provider.alias!r}" if provider.alias else "no alias"
                errors.append(
                    f"LitellmProviders {other.node.path!r} and "
                    f"{provider.node.path!r} both have {which}; Terraform "
                    "allows one configuration per alias, so give each an "
                    "alias of its own"
                )
            by_alias[provider.alias] = provider
        return errors
