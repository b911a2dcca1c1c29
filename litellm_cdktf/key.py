"""``LitellmKey``: the ``litellm_key`` resource, one LiteLLM virtual key."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

import constructs
import jsii

from ._framework import cdk
from ._key_api import LitellmKeyApi
from .schema import KEY_SCHEMA, ObjectSchema

if TYPE_CHECKING:
    from cdktf import ImportableResource, TerraformProvider

__all__ = ["LitellmKey"]


class LitellmKey(LitellmKeyApi):
    """A LiteLLM virtual key, managed by Terraform as a ``litellm_key`` resource.

    Example::

        key = LitellmKey(
            stack,
            "ci",
            models=["gpt-4o"],
            max_budget=50.0,
            budget_duration="30d",
            key_alias="ci-pipeline",
        )
        TerraformOutput(stack, "ci-key", value=key.key, sensitive=True)

    Arguments, their types and their rules are listed in the README's argument
    reference and in the constructor's docstring. Reading a property such as
    ``key.team_id`` returns a token that Terraform resolves
    (``${litellm_key.ci.team_id}``); ``key.team_id_input`` returns the value set
    here.
    """

    TF_RESOURCE_TYPE: ClassVar[str] = "litellm_key"
    _SCHEMA: ClassVar[ObjectSchema] = KEY_SCHEMA

    @classmethod
    def generate_config_for_import(
        cls,
        scope: constructs.Construct,
        import_to_id: str,
        import_from_id: str,
        provider: TerraformProvider | None = None,
    ) -> ImportableResource:
        """Ask Terraform to write the configuration of an existing key.

        Adds an import block for ``litellm_key.<import_to_id>``; ``terraform plan
        -generate-config-out=FILE`` then writes the key's current arguments.

        Args:
            scope: the stack to add the import block to.
            import_to_id: the Terraform name the imported key gets.
            import_from_id: the key's ``id``: LiteLLM's hashed token.
            provider: the ``LitellmProvider`` to read the key with.
        """
        return cdk.ImportableResource(
            scope,
            import_to_id,
            _ImportConfig(cls.TF_RESOURCE_TYPE, import_from_id, provider),
        )


@jsii.implements(cdk.IImportableConfig)
class _ImportConfig:
    """The ``IImportableConfig`` that ``ImportableResource`` reads."""

    def __init__(
        self, resource_type: str, import_id: str, provider: TerraformProvider | None
    ) -> None:
        self._resource_type = resource_type
        self._import_id = import_id
        self._provider = provider

    @property
    def terraform_resource_type(self) -> str:
        return self._resource_type

    @terraform_resource_type.setter
    def terraform_resource_type(self, value: str) -> None:
        self._resource_type = value

    @property
    def import_id(self) -> str:
        return self._import_id

    @import_id.setter
    def import_id(self, value: str) -> None:
        self._import_id = value

    @property
    def provider(self) -> TerraformProvider | None:
        return self._provider

    @provider.setter
    def provider(self, value: TerraformProvider | None) -> None:
        self._provider = value
