"""Value kinds: the Terraform type of an argument and how Python values map to it.

Each kind describes one Terraform type in four ways:

- which Python values it accepts, and how to copy them into JSON-ready form
  (``normalize``), raising ``ValueProblem`` for anything else;
- the Terraform schema type, for the companion provider;
- the attribute form CDKTF needs to print HCL (``hcl_type``, ``storage_class``);
- the Python type names used by the generated construct API.

Tokens (see ``litellm_cdktf.tokens``) pass through every kind unchecked.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .errors import ArgumentTypeError, InvalidArgumentError, describe_value
from .tokens import is_token

__all__ = [
    "BOOL",
    "INTEGER",
    "INTEGER_MAP",
    "NUMBER",
    "NUMBER_MAP",
    "STRING",
    "STRING_LIST",
    "STRING_MAP",
    "ValueKind",
    "ValueProblem",
]


class ValueProblem(Exception):
    """A value that a kind or a rule rejects; the caller adds the construct path.

    ``where`` is appended to the argument name (``"[2]"``, ``"['gpt-4o']"``) when
    the problem is inside a list or a map.
    """

    def __init__(
        self, value: Any, expected: str, *, where: str = "", wrong_type: bool = False
    ) -> None:
        super().__init__(f"{describe_value(value)}: {expected}")
        self.value = value
        self.expected = expected
        self.where = where
        self.wrong_type = wrong_type

    def to_error(
        self, *, construct: str, path: str, argument: str, sensitive: bool
    ) -> InvalidArgumentError:
        """Build the error to raise for this problem in ``argument`` of a construct."""
        error_class = ArgumentTypeError if self.wrong_type else InvalidArgumentError
        return error_class(
            construct=construct,
            path=path,
            argument=argument + self.where,
            value=self.value,
            expected=self.expected,
            sensitive=sensitive,
        )


@dataclass(frozen=True)
class ValueKind:
    """One Terraform value type, such as ``number`` or ``map(string)``."""

    name: str
    """Name used in docs and messages, such as ``"map(number)"``."""
    terraform_type: Any
    """Type in Terraform's JSON schema notation, such as ``["map", "number"]``."""
    hcl_type: str
    """CDKTF's HCL attribute type: ``"simple"``, ``"list"`` or ``"map"``."""
    storage_class: str
    """CDKTF's HCL storage class, such as ``"stringMap"``."""
    argument_annotation: str
    """Python type of an argument of this kind."""
    attribute_annotation: str
    """Python type of the token that reads an attribute of this kind."""
    attribute_getter: str
    """``TerraformResource`` method that returns that token."""

    def normalize(self, value: Any) -> Any:
        """Return ``value`` as JSON-ready data, or raise ``ValueProblem``."""
        if is_token(value):
            return value
        return _NORMALIZERS[self.name](value)


def _expect_string(value: Any, where: str = "") -> str:
    if isinstance(value, str):
        return value
    raise ValueProblem(value, "expected a string", where=where, wrong_type=True)


def _expect_number(value: Any, where: str = "") -> float | int:
    if is_token(value):
        return value  # type: ignore[no-any-return]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueProblem(
            value, "expected a number (int or float)", where=where, wrong_type=True
        )
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueProblem(value, "expected a finite number", where=where)
    return value


def _expect_integer(value: Any, where: str = "") -> int:
    if is_token(value):
        return value  # type: ignore[no-any-return]
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise ValueProblem(value, "expected an integer", where=where, wrong_type=True)
    if isinstance(value, float):
        if not value.is_integer():
            raise ValueProblem(value, "expected a whole number", where=where)
        return int(value)
    return value


def _expect_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raise ValueProblem(value, "expected True or False", wrong_type=True)


def _string_list(value: Any) -> list[Any]:
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise ValueProblem(value, "expected a list of strings", wrong_type=True)
    return [
        element if is_token(element) else _expect_string(element, f"[{index}]")
        for index, element in enumerate(value)
    ]


def _map_of(value: Any, element_check: Any, element_name: str) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise ValueProblem(
            value, f"expected a mapping of strings to {element_name}", wrong_type=True
        )
    result: dict[str, Any] = {}
    for key, element in value.items():
        if not isinstance(key, str):
            raise ValueProblem(
                key, "expected string keys", where=f"[{key!r}]", wrong_type=True
            )
        result[key] = element_check(element, f"[{key!r}]")
    return result


def _string_or_token(value: Any, where: str) -> Any:
    return value if is_token(value) else _expect_string(value, where)


_NORMALIZERS: dict[str, Any] = {
    "string": _expect_string,
    "number": _expect_number,
    "integer": _expect_integer,
    "bool": _expect_bool,
    "list(string)": _string_list,
    "map(string)": lambda value: _map_of(value, _string_or_token, "strings"),
    "map(number)": lambda value: _map_of(value, _expect_number, "numbers"),
    "map(integer)": lambda value: _map_of(value, _expect_integer, "integers"),
}

STRING = ValueKind(
    "string", "string", "simple", "string", "str", "str", "get_string_attribute"
)
NUMBER = ValueKind(
    "number", "number", "simple", "number", "float", "float", "get_number_attribute"
)
INTEGER = ValueKind(
    "integer", "number", "simple", "number", "int", "float", "get_number_attribute"
)
BOOL = ValueKind(
    "bool",
    "bool",
    "simple",
    "boolean",
    "bool | IResolvable",
    "IResolvable",
    "get_boolean_attribute",
)
STRING_LIST = ValueKind(
    "list(string)",
    ["list", "string"],
    "list",
    "stringList",
    "Sequence[str]",
    "list[str]",
    "get_list_attribute",
)
STRING_MAP = ValueKind(
    "map(string)",
    ["map", "string"],
    "map",
    "stringMap",
    "Mapping[str, str]",
    "Mapping[str, str]",
    "get_string_map_attribute",
)
NUMBER_MAP = ValueKind(
    "map(number)",
    ["map", "number"],
    "map",
    "numberMap",
    "Mapping[str, float]",
    "Mapping[str, float]",
    "get_number_map_attribute",
)
INTEGER_MAP = ValueKind(
    "map(integer)",
    ["map", "number"],
    "map",
    "numberMap",
    "Mapping[str, int]",
    "Mapping[str, float]",
    "get_number_map_attribute",
)
