"""Attribute values in the form CDKTF's HCL renderer (``cdktf synth --hcl``) needs.

CDKTF 0.21 renders attribute values itself, but it does not escape backslashes
or control characters in strings, does not escape quotes in map keys, and turns
multi-line strings into heredocs that add a trailing newline. So values without
tokens are rendered here, exactly, and handed over as raw expressions. Values
with tokens (and the rare literal that contains ``${``, which CDKTF treats as an
expression) keep CDKTF's own rendering, because their text is only known after
CDKTF resolves the tokens.
"""

from __future__ import annotations

import json
import math
from typing import Any

from .kinds import ValueKind
from .tokens import contains_token

__all__ = ["hcl_attribute", "render_value"]


def _render_string(text: str) -> str:
    # JSON string escapes (\\, \", \n, \t, \uXXXX) are valid HCL escapes too.
    return json.dumps(text, ensure_ascii=False)


def _render_number(number: float | int) -> str:
    if isinstance(number, float) and number.is_integer() and math.isfinite(number):
        return str(int(number))
    return repr(number)


def render_value(value: Any) -> str:
    """Render a token-free JSON value as an HCL expression."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return _render_string(value)
    if isinstance(value, (int, float)):
        return _render_number(value)
    if isinstance(value, (list, tuple)):
        if not value:
            return "[]"
        return "[\n" + "".join(f"{render_value(item)},\n" for item in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        entries = "".join(
            f"{_render_string(key)} = {render_value(item)}\n"
            for key, item in value.items()
        )
        return "{\n" + entries + "}"
    raise TypeError(f"cannot render {type(value).__name__} as HCL")


def hcl_attribute(value: Any, kind: ValueKind) -> dict[str, Any]:
    """Return the attribute record that CDKTF's ``synthesizeHclAttributes`` expects."""
    if not contains_token(value):
        rendered = render_value(value)
        if "${" not in rendered:
            # CDKTF writes a "reference" attribute as it is.
            return {
                "value": rendered,
                "isBlock": False,
                "type": "reference",
                "storageClassType": "reference",
            }
    return {
        "value": value,
        "isBlock": False,
        "type": kind.hcl_type,
        "storageClassType": kind.storage_class,
    }
