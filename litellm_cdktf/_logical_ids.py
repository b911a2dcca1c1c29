"""Compute CDKTF logical IDs (the ``NAME`` in ``litellm_key.NAME``) in Python.

CDKTF names a resource after its construct path below the stack
(``TerraformStack.allocateLogicalId`` with ``makeUniqueId`` in CDKTF 0.21 and CDK
Terrain 0.24). Reading ``friendly_unique_id`` through jsii costs a round trip to
Node.js per resource, so this module computes the same name in Python and
synthesis needs no call per key. ``tests/test_logical_ids.py`` compares both on
many construct paths. Stacks that override the naming scheme fall back to jsii.
"""

from __future__ import annotations

import re

__all__ = ["make_unique_id"]

_HIDDEN_ID = "Default"
_HIDDEN_FROM_HUMAN_ID = "Resource"
_HASH_LENGTH = 8
_MAX_HUMAN_LENGTH = 240
_MAX_ID_LENGTH = 255
_DISALLOWED = re.compile(r"[^A-Za-z0-9_-]")


def _remove_duplicates(components: list[str]) -> list[str]:
    """Drop a component when the previous one ends with it (``Foo/FooBar/Bar``)."""
    kept: list[str] = []
    for component in components:
        if not kept or not kept[-1].endswith(component):
            kept.append(component)
    return kept


def make_unique_id(components: list[str]) -> str:
    """Return the logical ID CDKTF gives the construct path ``components``.

    Raises ``ValueError`` for an empty path, as CDKTF does.
    """
    components = [component for component in components if component != _HIDDEN_ID]
    if not components:
        raise ValueError("cannot compute a logical ID from an empty construct path")
    if len(components) == 1:
        candidate = _DISALLOWED.sub("", components[0])
        if len(candidate) <= _MAX_ID_LENGTH:
            return candidate
    # Imported here: hashlib loads OpenSSL, about 0.6 MiB of resident memory,
    # which stacks whose keys all sit directly in the stack never need.
    import hashlib

    digest = hashlib.md5("/".join(components).encode("utf-8"), usedforsecurity=False)
    path_hash = digest.hexdigest()[:_HASH_LENGTH].upper()
    human = "_".join(
        _DISALLOWED.sub("", component)
        for component in _remove_duplicates(components)
        if component != _HIDDEN_FROM_HUMAN_ID
    )[:_MAX_HUMAN_LENGTH]
    return f"{human}_{path_hash}"
