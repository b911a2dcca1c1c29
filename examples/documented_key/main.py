"""The documented ``litellm_key`` example, written with litellm-cdktf.

    cdktf synth      # from the repository root; writes cdktf.out/stacks/documented-key/

Set ``LITELLM_PROVIDER=companion`` to target the companion provider from
``litellm-cdktf[provider]`` instead of the registry's ncecere/litellm. Set
``LITELLM_ENTERPRISE=false`` to leave out ``guardrails``, ``tags`` and
``model_max_budget``, which a LiteLLM proxy without an Enterprise licence
rejects.
"""

from __future__ import annotations

import os

import constructs

from litellm_cdktf import LitellmKey, LitellmProvider
from litellm_cdktf._framework import cdk


class DocumentedKeyStack(cdk.TerraformStack):
    """One provider and the key from the ``litellm_key`` reference page."""

    def __init__(self, scope: constructs.Construct, id: str) -> None:
        super().__init__(scope, id)
        LitellmProvider(
            self, "litellm", companion=os.environ.get("LITELLM_PROVIDER") == "companion"
        )
        licensed = {
            "guardrails": ["content_filter", "token_limit"],
            "tags": ["production", "api"],
            "model_max_budget": {"gpt-4": 50.0},
        }
        if os.environ.get("LITELLM_ENTERPRISE", "true").lower() == "false":
            licensed = {}
        key = LitellmKey(
            self,
            "example",
            models=["gpt-3.5-turbo", "gpt-4"],
            max_budget=100.0,
            user_id="user123",
            team_id="team456",
            max_parallel_requests=5,
            metadata={"environment": "production"},
            tpm_limit=1000,
            rpm_limit=60,
            budget_duration="monthly",
            allowed_cache_controls=["no-cache", "max-age=3600"],
            soft_budget=80.0,
            key_alias="prod-key-1",
            duration="30d",
            aliases={"gpt-3.5-turbo": "chatgpt"},
            config={"default_model": "gpt-3.5-turbo"},
            permissions={"can_create_keys": "true"},
            model_rpm_limit={"gpt-3.5-turbo": 30},
            model_tpm_limit={"gpt-4": 500},
            blocked=False,
            send_invite_email=True,
            **licensed,
        )
        cdk.TerraformOutput(self, "example_key", value=key.key, sensitive=True)


def build(app: cdk.App) -> DocumentedKeyStack:
    return DocumentedKeyStack(app, "documented-key")


if __name__ == "__main__":
    app = cdk.App()
    build(app)
    app.synth()
