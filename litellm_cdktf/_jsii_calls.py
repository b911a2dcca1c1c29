"""Two jsii calls made without the generic path of the jsii runtime.

The jsii runtime for Python handles any call the same way: it walks the
arguments, copies them into its wire form, copies them again into a dict and
writes that as JSON. For the two calls that litellm-cdktf makes in bulk, that
generic path costs more than the round trip to Node.js itself:

- ``create_in_node`` creates the Node.js object of each resource;
- ``hand_over`` gives Node.js the arguments of a slice of keys as one value
  (``Token.as_any``), from JSON text the keys already hold.

Both use internals of the ``jsii`` package (1.112 to 1.142 at least). When
those are missing they fall back to the public calls, which give the same
result more slowly.
"""

from __future__ import annotations

import json
from typing import Any

import jsii

from ._framework import cdk

_kernel: Any
_process_module: Any
try:
    from jsii import _reference_map, _runtime
    from jsii._kernel import (
        _callback_till_result,
        _get_overides,
        _make_reference_for_native,
        _recursize_dereference,
    )
    from jsii._kernel.providers import process as _process_module
    from jsii._kernel.types import (
        Callback,
        CreateRequest,
        CreateResponse,
        InvokeResponse,
    )

    _kernel = _runtime.kernel
except ImportError:  # pragma: no cover - a jsii release that moved its internals
    _kernel = None
    _process_module = None

__all__ = ["create_in_node", "hand_over"]

_overrides_by_class: dict[tuple[type, type], list[Any]] = {}

# Methods that ValidatedResource wraps only to keep its Python-side state in step
# with calls made from Python. Node.js never calls them on a resource during
# synthesis, so they are not registered as jsii overrides: each registered
# override costs memory in Node.js for every resource.
_PYTHON_SIDE_WRAPPERS = frozenset(
    {"addOverride", "moveTo", "moveToId", "overrideLogicalId", "resetOverrideLogicalId"}
)


def create_in_node(jsii_class: type, instance: Any, args: list[Any]) -> None:
    """Create the Node.js object of ``instance``, as ``jsii.create`` does.

    ``jsii.create`` looks for overridden jsii members in the Python class
    hierarchy on every call, about 0.7 ms for ``LitellmKey`` (jsii 1.142), more
    than the round trip to Node.js itself. The list depends only on the classes,
    so it is computed once per class here.
    """
    if _kernel is None:  # pragma: no cover
        jsii.create(jsii_class, instance, args)
        return
    cache_key = (jsii_class, type(instance))
    overrides = _overrides_by_class.get(cache_key)
    if overrides is None:
        overrides = _overrides_by_class[cache_key] = [
            override
            for override in _get_overides(jsii_class, instance)
            if override.method not in _PYTHON_SIDE_WRAPPERS
        ]
    request = CreateRequest(
        fqn=jsii_class.__jsii_type__,  # type: ignore[attr-defined]
        args=_make_reference_for_native(_kernel, args),
        overrides=overrides,
        interfaces=[
            interface.__jsii_type__
            for interface in getattr(jsii_class, "__jsii_ifaces__", [])
        ],
    )
    response = _kernel.provider.create(request)
    if isinstance(response, Callback):
        response = _callback_till_result(_kernel, response, CreateResponse)
    instance.__jsii_ref__ = response
    _reference_map.register_reference(instance)


def hand_over(value_json: str) -> Any:
    """Return ``Token.as_any(value)`` for the value that ``value_json`` encodes.

    ``value_json`` must be plain JSON (no jsii objects), as ``json.dumps``
    writes it. It goes to Node.js unchanged, inside the request line. The
    generic path would decode it and copy it three times, which for 500 keys
    costs about 3 MiB of short-lived Python objects (measured with
    tracemalloc), and would add ``$jsii.map`` wrappers for Node.js to parse.
    """
    node_process = _node_process()
    if node_process is None:
        return cdk.Token.as_any(json.loads(value_json))
    fqn = json.dumps(cdk.Token.__jsii_type__)  # type: ignore[attr-defined]
    line = f'{{"api":"sinvoke","fqn":{fqn},"method":"asAny","args":[{value_json}]}}\n'
    stdin = node_process._process.stdin
    stdin.write(line.encode("utf-8"))
    stdin.flush()
    response = node_process._serializer.structure(
        node_process._next_message(),
        _process_module._ProcessResponse,
    )
    if isinstance(response, _process_module._CallbackResponse):  # pragma: no cover
        # Token.asAny calls nothing back; a later jsii might, so finish the call.
        result = _callback_till_result(_kernel, response.callback, InvokeResponse)
        return _recursize_dereference(_kernel, result)
    if not isinstance(response, _process_module._OkayResponse):
        raise RuntimeError(f"Token.asAny failed in Node.js: {response.error}")
    invoked = node_process._serializer.structure(response.ok, InvokeResponse)
    return _recursize_dereference(_kernel, invoked.result)


def _node_process() -> Any:
    """Return the jsii runtime's Node.js process wrapper, or None if unknown."""
    if _kernel is None:  # pragma: no cover
        return None
    node_process = getattr(_kernel.provider, "_process", None)
    required = ("_process", "_serializer", "_next_message")
    if node_process is None or not all(
        hasattr(node_process, name) for name in required
    ):  # pragma: no cover
        return None
    return node_process
