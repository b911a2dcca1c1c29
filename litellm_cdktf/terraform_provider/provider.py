"""The ``litellm`` provider block and the resource types it serves."""

from __future__ import annotations

import os
from typing import Any

from tf.iface import Config, DataSource, Provider, Resource
from tf.schema import Schema
from tf.types import Unknown
from tf.utils import Diagnostics

from litellm_cdktf.kinds import ValueProblem
from litellm_cdktf.schema import PROVIDER_SCHEMA

from .client import LitellmClient
from .key_resource import LitellmKeyResource
from .terraform_schema import terraform_schema

__all__ = ["API_BASE_ENV", "API_KEY_ENV", "LitellmTerraformProvider"]

API_BASE_ENV = "LITELLM_API_BASE"
"""Environment variable read when the provider block has no ``api_base``."""
API_KEY_ENV = "LITELLM_API_KEY"
"""Environment variable read when the provider block has no ``api_key``."""


class LitellmTerraformProvider(Provider):  # type: ignore[misc]
    """The provider: serves ``litellm_key`` and keeps the configured HTTP client."""

    def __init__(self) -> None:
        self.client: LitellmClient | None = None

    def get_model_prefix(self) -> str:
        return PROVIDER_SCHEMA.type_name

    def get_provider_schema(self, diags: Diagnostics) -> Schema:
        return terraform_schema(PROVIDER_SCHEMA)

    def full_name(self) -> str:
        # Imported here: litellm_cdktf.provider loads CDKTF, which the plugin
        # process does not need otherwise. tf calls this only in --dev mode.
        from litellm_cdktf.provider import COMPANION_SOURCE

        return COMPANION_SOURCE

    def validate_config(self, diags: Diagnostics, config: Config) -> None:
        for field in PROVIDER_SCHEMA.fields:
            value = config.get(field.name)
            if value is None or value is Unknown:
                continue
            try:
                field.check(value)
            except ValueProblem as problem:
                displayed_value = (
                    "(sensitive value)" if field.sensitive else repr(value)
                )
                diags.add_error(
                    f"Invalid {field.name}",
                    f"{field.name} = {displayed_value}: {problem.expected}",
                    path=[field.name],
                )
        api_base = config.get("api_base")
        if isinstance(api_base, str) and api_base.strip():
            _check_url(diags, api_base, "api_base")

    def configure_provider(self, diags: Diagnostics, config: Config) -> None:
        api_base = _setting(config, "api_base", API_BASE_ENV)
        api_key = _setting(config, "api_key", API_KEY_ENV)
        if api_base is None:
            diags.add_error(
                "Missing LiteLLM API base URL",
                "Set api_base in the litellm provider block, or export "
                f"{API_BASE_ENV} where Terraform runs, to the proxy's URL such "
                "as http://127.0.0.1:4000.",
                path=["api_base"],
            )
        elif not _check_url(diags, api_base, "api_base"):
            api_base = None
        if api_key is None:
            diags.add_error(
                "Missing LiteLLM API key",
                "Set api_key in the litellm provider block (from a sensitive "
                f"variable), or export {API_KEY_ENV} where Terraform runs, to "
                "the proxy's master key or an admin key.",
                path=["api_key"],
            )
        if api_base is not None and api_key is not None:
            self.client = LitellmClient(api_base, api_key)

    def get_data_sources(self) -> list[type[DataSource]]:
        return []

    def get_resources(self) -> list[type[Resource]]:
        return [LitellmKeyResource]


def _setting(config: Config, name: str, environment_variable: str) -> str | None:
    """Return the provider block's value, else the environment's, else None."""
    # NOTE: a value that is unknown at plan time (taken from another resource)
    # counts as unset here, so the environment variable is used in its place.
    value = config.get(name)
    if isinstance(value, str) and value.strip():
        return value.strip()
    from_environment = os.environ.get(environment_variable, "").strip()
    return from_environment or None


def _check_url(diags: Diagnostics, url: Any, name: str) -> bool:
    if url.startswith(("http://", "https://")):
        return True
    diags.add_error(
        f"Invalid {name}",
        f"{name} = {url!r}: expected a URL starting with http:// or https://, "
        "such as http://127.0.0.1:4000.",
        path=[name],
    )
    return False
