"""Exceptions raised by litellm-cdktf.

Every error is raised while the app builds its construct tree, before any
Terraform JSON is written::

    LitellmCdktfError
    ├── InvalidArgumentError (ValueError)   a value of the right type is not allowed
    │   └── ArgumentTypeError (TypeError)   a value has the wrong Python type
    └── FrameworkMismatchError (TypeError)  constructs of CDKTF and CDK Terrain mixed

Catch ``InvalidArgumentError`` to handle every bad argument, whatever its kind.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "ArgumentTypeError",
    "FrameworkMismatchError",
    "InvalidArgumentError",
    "LitellmCdktfError",
]

_MAX_SHOWN_VALUE = 120


class LitellmCdktfError(Exception):
    """Base class of every error that litellm-cdktf raises."""


class InvalidArgumentError(LitellmCdktfError, ValueError):
    """An argument of a construct has a value that the construct does not accept.

    Attributes:
        construct: the construct class name, such as ``"LitellmKey"``.
        path: the construct path, such as ``"app-stack/ci"``.
        argument: the argument name, or a path into it such as ``"metadata['env']"``.
        value: the rejected value (not kept for sensitive arguments).
        expected: what the argument accepts, in words.
    """

    def __init__(
        self,
        *,
        construct: str,
        path: str,
        argument: str,
        value: Any,
        expected: str,
        sensitive: bool = False,
    ) -> None:
        self.construct = construct
        self.path = path
        self.argument = argument
        self.value = None if sensitive else value
        self.expected = expected
        shown = "(sensitive value hidden)" if sensitive else describe_value(value)
        super().__init__(
            f"{construct} {path!r}: invalid {argument} = {shown}: {expected}"
        )


class ArgumentTypeError(InvalidArgumentError, TypeError):
    """An argument of a construct has a Python type that it does not accept."""


class FrameworkMismatchError(LitellmCdktfError, TypeError):
    """A construct of one CDK framework was passed into a tree of the other.

    litellm-cdktf runs on either CDKTF (``cdktf``) or CDK Terrain (``cdktn``), one
    per process; the two cannot share a construct tree.
    """


def describe_value(value: Any) -> str:
    """Render a value for an error message: its repr, shortened, and its type."""
    text = repr(value)
    if len(text) > _MAX_SHOWN_VALUE:
        text = text[: _MAX_SHOWN_VALUE - 3] + "..."
    return f"{text} ({type(value).__name__})"
