"""The companion Terraform provider: ``litellm_key`` served from Python.

Install it with ``litellm-cdktf-provider install`` (the ``provider`` extra), then
point ``LitellmProvider(..., companion=True)`` at it. Terraform runs the provider
through ``_launch.py``, which serves the plugin without importing the construct
library (and so without starting CDKTF's Node.js runtime).

Modules:

- ``client``: HTTP client for LiteLLM's key endpoints, with retries and time-outs.
- ``diagnostics``: turns failed requests into Terraform diagnostics.
- ``key_state``: converts between Terraform values and LiteLLM request and
  response bodies.
- ``key_resource``: the ``litellm_key`` resource.
- ``provider``: the provider block and the list of resources.
- ``terraform_schema``: the Terraform schema, built from ``litellm_cdktf.schema``.
- ``install``: the filesystem mirror and CLI configuration that Terraform reads.
- ``cli``: the ``litellm-cdktf-provider`` command.
"""
