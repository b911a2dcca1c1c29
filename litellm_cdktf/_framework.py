"""Select the CDK framework: CDKTF (``cdktf``) or CDK Terrain (``cdktn``).

Both publish the same classes under different module names. One process uses
one of them; the choice is made once, when ``litellm_cdktf`` is first imported:

1. ``LITELLM_CDKTF_FRAMEWORK=cdktf`` or ``=cdktn`` selects that framework.
2. Otherwise, if the app already imported exactly one of them, that one.
3. Otherwise ``cdktf`` if it is installed, then ``cdktn``.
"""

from __future__ import annotations

import importlib
import os
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .errors import FrameworkMismatchError

__all__ = ["FRAMEWORK_ENV", "cdk", "check_same_framework", "framework_name"]

FRAMEWORK_ENV = "LITELLM_CDKTF_FRAMEWORK"
_NAMES = ("cdktf", "cdktn")


def _choose() -> ModuleType:
    requested = os.environ.get(FRAMEWORK_ENV, "").strip().lower()
    if requested:
        if requested not in _NAMES:
            raise ImportError(
                f"{FRAMEWORK_ENV}={requested!r} is not a framework litellm-cdktf "
                f"supports; set it to 'cdktf' or 'cdktn'"
            )
        try:
            return importlib.import_module(requested)
        except ImportError as error:
            raise ImportError(
                f"{FRAMEWORK_ENV}={requested} selects {requested}, which is not "
                f"installed; install litellm-cdktf[{requested}]"
            ) from error
    # A None entry in sys.modules marks a module whose import is blocked.
    imported = [name for name in _NAMES if sys.modules.get(name) is not None]
    if len(imported) == 1:
        return sys.modules[imported[0]]
    for name in _NAMES:
        try:
            return importlib.import_module(name)
        except ImportError:
            continue
    raise ImportError(
        "litellm-cdktf needs CDKTF or CDK Terrain; install litellm-cdktf "
        "(which brings cdktf) or litellm-cdktf[cdktn]"
    )


if TYPE_CHECKING:
    import cdktf as cdk
else:
    cdk = _choose()

framework_name: str = cdk.__name__
"""``"cdktf"`` or ``"cdktn"``: the framework this process uses."""


def check_same_framework(value: Any, what: str) -> None:
    """Raise ``FrameworkMismatchError`` if ``value`` comes from the other framework."""
    module = type(value).__module__.split(".", 1)[0]
    for cls in type(value).__mro__:
        root = cls.__module__.split(".", 1)[0]
        if root in _NAMES and root != framework_name:
            raise FrameworkMismatchError(
                f"{what} is a {cls.__name__} from {root}, but litellm-cdktf runs on "
                f"{framework_name} in this process. Build the whole app with one "
                f"framework, or set {FRAMEWORK_ENV}={root} before importing "
                f"litellm_cdktf (the object's class comes from module {module})."
            )
