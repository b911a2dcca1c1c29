"""Recognise CDKTF tokens in Python, without a call into the jsii runtime.

A token stands for a value that Terraform computes at apply time (a reference to
another resource, a variable, a function call). CDKTF encodes tokens so they fit
Python types:

- strings contain a marker such as ``${TfToken[TOKEN.12]}``;
- string lists are a one-element list whose element contains ``#{TfToken[...]}``;
- string maps have a key containing ``&{TfToken[...]}``;
- numbers are IEEE doubles whose top 16 bits are ``0xFDFF`` (``0xFBFF`` for the
  element of a number list);
- anything else that resolves later is an object with a ``resolve`` method
  (an ``IResolvable``).

``Token.is_unresolved`` answers the same question, but each call is a round trip
to the Node.js process (about half a millisecond here), which validation of
thousands of keys cannot afford. ``tests/test_tokens.py`` checks that both agree.
The encodings are the same in CDKTF 0.21 and CDK Terrain 0.24.
"""

from __future__ import annotations

import re
import struct
from typing import Any

__all__ = ["contains_token", "is_token", "may_contain_tokens"]

_STRING_TOKEN = re.compile(r"\$\{TfToken\[[a-zA-Z0-9:._-]+\]\}")
_LIST_TOKEN = re.compile(r"#\{TfToken\[[a-zA-Z0-9:._-]+\]\}")
_MAP_TOKEN = re.compile(r"&\{TfToken\[[a-zA-Z0-9:._-]+\]\}")
_NUMBER_MARKER = 0xFDFF
_NUMBER_LIST_MARKER = 0xFBFF
_PLAIN_TYPES = (str, int, float, bool, list, tuple, dict, type(None))


def _double_marker(number: float) -> int:
    return struct.unpack("<Q", struct.pack("<d", number))[0] >> 48  # type: ignore[no-any-return]


def is_token(value: Any) -> bool:
    """Return whether ``value`` as a whole is an unresolved CDKTF token.

    Mirrors ``Token.is_unresolved``: it looks at the value itself, not into the
    elements of a list or the values of a map.
    """
    if isinstance(value, str):
        return "TfToken[" in value and _STRING_TOKEN.search(value) is not None
    if isinstance(value, bool) or value is None:
        return False
    if isinstance(value, float):
        return _double_marker(value) == _NUMBER_MARKER
    if isinstance(value, int):
        return False
    if isinstance(value, (list, tuple)):
        if len(value) != 1:
            return False
        element = value[0]
        if isinstance(element, str):
            return "TfToken[" in element and _LIST_TOKEN.search(element) is not None
        if isinstance(element, float) and not isinstance(element, bool):
            return _double_marker(element) == _NUMBER_LIST_MARKER
        return False
    if isinstance(value, dict):
        return any(
            isinstance(key, str) and "TfToken[" in key and _MAP_TOKEN.search(key)
            for key in value
        )
    if isinstance(value, _PLAIN_TYPES):
        return False
    # Like CDKTF's Tokenization.isResolvable: an object with a resolve() method.
    # jsii returns an IResolvable such as TerraformVariable.value as an opaque
    # proxy from the jsii package, whose methods Python cannot see. Other
    # objects (bytes, sets, a TerraformVariable itself) are not tokens, so the
    # kind checks reject them.
    if type(value).__module__.startswith("jsii."):
        return True
    return callable(getattr(value, "resolve", None))


def contains_token(value: Any) -> bool:
    """Return whether ``value`` or anything inside it is a token."""
    if is_token(value):
        return True
    if isinstance(value, (list, tuple)):
        return any(contains_token(element) for element in value)
    if isinstance(value, dict):
        return any(contains_token(element) for element in value.values())
    return False


def may_contain_tokens(json_text: str) -> bool:
    """Return False when the value that ``json_text`` encodes contains no token.

    Text without ``TfToken[`` (string, list and map tokens) and without ``e+``
    contains none, because number tokens are doubles of magnitude above 1e288,
    which ``json.dumps`` prints with an exponent. That spares decoding it. True
    means only that it may.
    """
    return "TfToken[" in json_text or "e+" in json_text
