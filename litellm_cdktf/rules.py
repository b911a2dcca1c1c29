"""Value rules: what LiteLLM accepts beyond the Terraform type of an argument.

A rule is a callable that takes a value already checked by its kind (see
``litellm_cdktf.kinds``) and raises ``ValueProblem`` if LiteLLM would reject it
or if it cannot mean anything. Rules skip tokens, whose values are not known
until Terraform applies the plan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .durations import budget_duration_problem, duration_problem
from .kinds import ValueProblem
from .tokens import is_token

__all__ = [
    "LITELLM_BUDGET_DURATION",
    "LITELLM_DURATION",
    "NON_EMPTY",
    "NON_EMPTY_ELEMENTS",
    "NON_EMPTY_KEYS",
    "SAFE_KEY_ALIAS",
    "UNIQUE_ELEMENTS",
    "Rule",
    "at_least_zero",
    "at_most",
]


@dataclass(frozen=True)
class Rule:
    """One named constraint on a value, with the sentence that explains it."""

    description: str
    """Requirement in words, as shown in the argument reference."""
    check: Callable[[Any], None]

    def __call__(self, value: Any) -> None:
        if not is_token(value):
            self.check(value)


def _elements(value: Any) -> list[tuple[str, Any]]:
    """List the (location, element) pairs of a list or a map, skipping tokens."""
    if isinstance(value, dict):
        pairs = [(f"[{key!r}]", element) for key, element in value.items()]
    else:
        pairs = [(f"[{index}]", element) for index, element in enumerate(value)]
    return [(where, element) for where, element in pairs if not is_token(element)]


def _check_non_empty(value: Any) -> None:
    if value.strip() == "":
        raise ValueProblem(value, "expected a non-empty string")


def _check_non_empty_elements(value: Any) -> None:
    for where, element in _elements(value):
        if element.strip() == "":
            raise ValueProblem(element, "expected a non-empty string", where=where)


def _check_unique_elements(value: Any) -> None:
    seen: set[str] = set()
    for where, element in _elements(value):
        if element in seen:
            raise ValueProblem(
                element, "expected each entry once; this one is repeated", where=where
            )
        seen.add(element)


def _check_non_empty_keys(value: Any) -> None:
    for key in value:
        if isinstance(key, str) and key.strip() == "":
            raise ValueProblem(key, "expected non-empty keys", where=f"[{key!r}]")


def _check_duration(value: Any) -> None:
    problem = duration_problem(value)
    if problem is not None:
        raise ValueProblem(value, problem)


def _check_budget_duration(value: Any) -> None:
    problem = budget_duration_problem(value)
    if problem is not None:
        raise ValueProblem(value, problem)


# LiteLLM 1.108 rejects a key_alias with a control character (C0, DEL, C1,
# U+2028, U+2029) or a ".." path segment, whatever else the proxy is set to.
_UNSAFE_ALIAS = re.compile(r"(^|/)\.\.(/|$)|[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _check_key_alias(value: Any) -> None:
    if _UNSAFE_ALIAS.search(value):
        raise ValueProblem(
            value, 'expected no control characters and no ".." path segment'
        )


def _numbers(value: Any) -> list[tuple[str, Any]]:
    if isinstance(value, dict):
        return _elements(value)
    return [("", value)]


def at_least_zero() -> Rule:
    """Require a number, or every number in a map, to be zero or more."""

    def check(value: Any) -> None:
        for where, number in _numbers(value):
            if number < 0:
                raise ValueProblem(number, "expected 0 or more", where=where)

    return Rule("at least 0", check)


def at_most(limit: int, reason: str) -> Rule:
    """Require a number, or every number in a map, to be at most ``limit``."""

    def check(value: Any) -> None:
        for where, number in _numbers(value):
            if number > limit:
                raise ValueProblem(
                    number, f"expected at most {limit:,} ({reason})", where=where
                )

    return Rule(f"at most {limit:,}", check)


NON_EMPTY = Rule("not empty", _check_non_empty)
NON_EMPTY_ELEMENTS = Rule("no empty entries", _check_non_empty_elements)
UNIQUE_ELEMENTS = Rule("no repeated entries", _check_unique_elements)
NON_EMPTY_KEYS = Rule("no empty keys", _check_non_empty_keys)
LITELLM_DURATION = Rule(
    "a LiteLLM duration: `30s`, `15m`, `12h`, `30d`, `2w`, `1mo`, or "
    "`hourly`/`daily`/`weekly`/`monthly`",
    _check_duration,
)
LITELLM_BUDGET_DURATION = Rule(
    "a LiteLLM budget period: `30s`, `15m`, `12h`, `30d`, `2w`, `1mo`, or "
    "`hourly`/`daily`/`weekly`/`monthly`; not zero, and `1mo` is the only "
    "period in months",
    _check_budget_duration,
)
SAFE_KEY_ALIAS = Rule('no control characters, no ".." path segment', _check_key_alias)
