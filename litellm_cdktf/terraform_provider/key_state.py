"""Conversions between ``litellm_key`` Terraform values and LiteLLM's key API.

The argument list comes from ``KEY_SCHEMA``. This module contains only the
places where LiteLLM 1.108 stores or returns an argument differently from how
it is sent (checked against ``key_management_endpoints.py`` and a running proxy):

- ``model_rpm_limit``, ``model_tpm_limit``, ``guardrails`` and ``tags`` are
  stored inside ``metadata`` and read back from there.
- ``soft_budget`` is stored in a linked budget row and read back from
  ``info.litellm_budget_table.soft_budget``.
- ``duration`` becomes an ``expires`` timestamp and reads back as null, and
  ``send_invite_email`` only acts at creation. Neither is read back, so state
  keeps the configured values.
- ``/key/update`` sets a scalar field to null when it is sent as null. Lists
  and maps are cleared with an empty one, because LiteLLM's database rejects
  null for list columns and LiteLLM skips a null for the fields kept in
  ``metadata``.
- ``/key/update`` replaces the whole ``metadata`` map when ``metadata`` is sent,
  so the fields kept in it are sent alongside.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from tf.types import Unknown

from litellm_cdktf.kinds import ValueProblem
from litellm_cdktf.schema import KEY_SCHEMA, Field

__all__ = [
    "ARGUMENTS",
    "LICENSED_ARGUMENTS",
    "METADATA_ARGUMENTS",
    "changed_arguments",
    "create_body",
    "is_known",
    "state_from_info",
    "update_body",
]

ARGUMENTS: tuple[Field, ...] = KEY_SCHEMA.arguments

METADATA_ARGUMENTS = ("model_rpm_limit", "model_tpm_limit", "guardrails", "tags")
"""Arguments that LiteLLM 1.108 stores as entries of the key's ``metadata``."""

LICENSED_ARGUMENTS = ("guardrails", "tags", "model_max_budget")
"""Arguments that LiteLLM 1.108 rejects without an Enterprise licence."""

_NOT_READ_BACK = ("duration", "send_invite_email")
"""Arguments that ``/key/info`` does not return; state keeps what was set."""


def is_known(value: Any) -> bool:
    """Tell whether ``value`` contains no unknown part, at any depth."""
    if value is Unknown:
        return False
    if isinstance(value, dict):
        return all(is_known(element) for element in value.values())
    if isinstance(value, list):
        return all(is_known(element) for element in value)
    return True


def _wire_value(field: Field, value: Any) -> Any:
    """Return ``value`` as LiteLLM expects it (whole numbers as ``int``)."""
    if value is None:
        return None
    return field.kind.normalize(value)


def create_body(planned: Mapping[str, Any]) -> dict[str, Any]:
    """Build the ``/key/generate`` body: every argument that is set."""
    return {
        field.name: _wire_value(field, planned[field.name])
        for field in ARGUMENTS
        if planned.get(field.name) is not None
    }


def _cleared_value(field: Field) -> Any:
    """Return the value that removes ``field`` from a key on ``/key/update``.

    Lists and maps are cleared with an empty one: LiteLLM's database rejects
    null for list columns such as ``models``, and skips a null for the fields
    it keeps in ``metadata``.
    """
    terraform_type = field.kind.terraform_type
    if isinstance(terraform_type, list):
        return [] if terraform_type[0] == "list" else {}
    return None


def _same(field: Field, old: Any, new: Any) -> bool:
    if old is None or new is None:
        return old is None and new is None
    return bool(_wire_value(field, old) == _wire_value(field, new))


def update_body(
    key_id: str, prior: Mapping[str, Any], planned: Mapping[str, Any]
) -> dict[str, Any]:
    """Build the ``/key/update`` body that turns ``prior`` into ``planned``.

    Every argument that changed is sent, an unset one as the value that clears
    it. Unchanged arguments are left out, so LiteLLM does not restart the key's
    expiry or budget period. The fields kept in ``metadata`` are sent whenever
    ``metadata`` is, because LiteLLM replaces the whole map.
    """
    body: dict[str, Any] = {"key": key_id}
    for field in ARGUMENTS:
        old, new = prior.get(field.name), planned.get(field.name)
        if _same(field, old, new):
            continue
        body[field.name] = (
            _cleared_value(field) if new is None else _wire_value(field, new)
        )
    if "metadata" in body:
        for name in METADATA_ARGUMENTS:
            value = planned.get(name)
            if name not in body and value is not None:
                body[name] = _wire_value(KEY_SCHEMA.field(name), value)
    return body


def changed_arguments(
    prior: Mapping[str, Any], planned: Mapping[str, Any]
) -> list[str]:
    """List the arguments whose values differ between two states."""
    return [
        field.name
        for field in ARGUMENTS
        if not _same(field, prior.get(field.name), planned.get(field.name))
    ]


def state_from_info(
    key_id: str, info: Mapping[str, Any], prior: Mapping[str, Any]
) -> dict[str, Any]:
    """Build the Terraform state of a key from ``/key/info``'s ``info`` object.

    ``prior`` is the state before the read (empty on import). Where LiteLLM's
    value means the same as the prior one (an empty list for an unset list,
    ``100.0`` for ``100``), the prior value is kept so that no drift appears.
    """
    metadata = dict(info.get("metadata") or {})
    from_metadata = {name: metadata.pop(name, None) for name in METADATA_ARGUMENTS}
    budget_row = info.get("litellm_budget_table") or {}

    state: dict[str, Any] = {}
    for field in ARGUMENTS:
        name = field.name
        if name in _NOT_READ_BACK:
            state[name] = prior.get(name)
            continue
        if name in METADATA_ARGUMENTS:
            server = from_metadata[name]
            if server is None:
                server = info.get(name)
        elif name == "metadata":
            server = {
                entry: value if isinstance(value, str) else json.dumps(value)
                for entry, value in metadata.items()
            }
        elif name == "soft_budget":
            server = budget_row.get("soft_budget")
        else:
            server = info.get(name)
        state[name] = _reconcile(field, prior.get(name), server)

    state["id"] = key_id
    state["key"] = prior.get("key")
    state["spend"] = info.get("spend")
    return state


def _is_empty(value: Any) -> bool:
    return value is None or value == [] or value == {}


def _reconcile(field: Field, prior: Any, server: Any) -> Any:
    """Return the state value for ``server``, preferring ``prior`` when equal."""
    if field.kind.terraform_type == "bool":
        # LiteLLM stores an unset flag as null; null and false mean the same.
        if not server and not prior:
            return prior
        return server
    if _is_empty(server):
        return prior if _is_empty(prior) else server
    try:
        converted = _wire_value(field, server)
    except ValueProblem:
        # A value of another type than the schema's, set outside Terraform:
        # pass it on so that Terraform reports it instead of hiding it.
        return server
    if prior is not None and _wire_value(field, prior) == converted:
        return prior
    return converted
