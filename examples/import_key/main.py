"""Adopt a key created outside Terraform, with an import block.

    LITELLM_KEY_ID=<hashed token> python examples/import_key/main.py

The import ID is the key's ``id``: LiteLLM's hashed token, which ``/key/list``
and ``/key/info`` show, never the secret itself.
"""

from __future__ import annotations

import os

import constructs

from litellm_cdktf import LitellmKey, LitellmProvider
from litellm_cdktf._framework import cdk

PLACEHOLDER_ID = "0" * 64


class ImportKeyStack(cdk.TerraformStack):
    """Brings one existing key under Terraform and sets the arguments it should keep."""

    def __init__(self, scope: constructs.Construct, id: str, key_id: str) -> None:
        super().__init__(scope, id)
        LitellmProvider(self, "litellm")
        key = LitellmKey(
            self,
            "legacy",
            key_alias="legacy-batch-jobs",
            models=["gpt-4o-mini"],
            max_budget=10.0,
        )
        key.import_from(key_id)


def build(app: cdk.App) -> ImportKeyStack:
    return ImportKeyStack(
        app, "import-key", os.environ.get("LITELLM_KEY_ID", PLACEHOLDER_ID)
    )


if __name__ == "__main__":
    app = cdk.App()
    build(app)
    app.synth()
