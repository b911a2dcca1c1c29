"""Terraform schemas built from the declarations in ``litellm_cdktf.schema``.

Arguments become optional attributes and computed fields computed ones, with
the description and sensitivity declared there. No argument is listed here.
"""

from __future__ import annotations

from typing import Any

from tf import types
from tf.schema import Attribute, Schema

from litellm_cdktf.schema import Field, ObjectSchema

__all__ = ["terraform_schema", "terraform_type"]

_SCALARS = {"string": types.String, "number": types.Number, "bool": types.Bool}
_COLLECTIONS = {"list": types.List, "map": types.Map}


def terraform_type(type_notation: Any) -> Any:
    """Return the ``tf`` type for a type in Terraform's JSON notation.

    ``"number"`` gives ``Number()``, ``["map", "string"]`` gives
    ``Map(String())``.
    """
    if isinstance(type_notation, str) and type_notation in _SCALARS:
        return _SCALARS[type_notation]()
    if isinstance(type_notation, list) and len(type_notation) == 2:
        collection, element = type_notation
        if collection in _COLLECTIONS:
            return _COLLECTIONS[collection](terraform_type(element))
    raise ValueError(f"unsupported Terraform type {type_notation!r}")


def _attribute(field: Field) -> Attribute:
    return Attribute(
        field.name,
        terraform_type(field.kind.terraform_type),
        description=field.description,
        optional=field.is_argument,
        computed=not field.is_argument,
        sensitive=field.sensitive,
    )


def terraform_schema(object_schema: ObjectSchema) -> Schema:
    """Build the Terraform schema of a resource type or provider block."""
    return Schema(
        version=0, attributes=[_attribute(field) for field in object_schema.fields]
    )
