"""Parse HCL with python-hcl2 into the same shape as Terraform JSON.

python-hcl2 8 keeps string quotes and escapes as written (``'"a\\\\b"'``) and
marks blocks with ``__is_block__``. ``parse_hcl`` decodes quoted strings (HCL's
escapes used here are a subset of JSON's), drops the markers and merges the
list of blocks into ``{"resource": {type: {name: body}}}``.
"""

from __future__ import annotations

import json
from typing import Any

import hcl2


def _decode(value: Any) -> Any:
    if isinstance(value, str):
        if len(value) >= 2 and value.startswith('"') and value.endswith('"'):
            return json.loads(value)
        return value
    if isinstance(value, list):
        return [_decode(item) for item in value]
    if isinstance(value, dict):
        return {
            _decode(key): _decode(item)
            for key, item in value.items()
            if key != "__is_block__"
        }
    return value


def parse_hcl(text: str) -> dict[str, Any]:
    """Parse Terraform HCL and return its blocks in Terraform JSON shape."""
    raw = _decode(hcl2.loads(text))
    result: dict[str, Any] = {}
    for block_type, blocks in raw.items():
        if not isinstance(blocks, list):
            result[block_type] = blocks
            continue
        merged: dict[str, Any] = result.setdefault(block_type, {})
        for block in blocks:
            for label, body in block.items():
                if isinstance(body, dict) and block_type in ("resource", "data"):
                    merged.setdefault(label, {}).update(body)
                else:
                    merged[label] = body
    return result
