"""The duration format that LiteLLM accepts for ``duration`` and ``budget_duration``.

The rules follow ``litellm/litellm_core_utils/duration_parser.py`` in LiteLLM
1.108.0, which reads a duration in two steps:

1. The words ``hourly``, ``daily``, ``weekly`` and ``monthly``, in any case and
   with surrounding whitespace, stand for ``1h``, ``24h``, ``7d`` and ``30d``.
2. Anything else must *start* with a decimal integer followed by ``mo``, ``s``,
   ``m``, ``h``, ``d`` or ``w`` (``re.match``, so text after the unit is
   ignored: LiteLLM reads ``"30days"`` as 30 days). Units are case-sensitive
   and no space may come before the number or the unit.

On top of the format, LiteLLM 1.108 rejects a key whose expiry (now plus
``duration``) falls after the year 9999, and checks ``budget_duration`` with
``validate_budget_duration`` (``proxy/management_endpoints/common_utils.py``):
the budget period must be longer than zero, a period in months must be
``1mo``, and the next reset must fall before the year 10000.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

__all__ = [
    "DURATION_HELP",
    "budget_duration_problem",
    "duration_problem",
    "duration_seconds",
]

_WORDS = {"hourly": "1h", "daily": "24h", "weekly": "7d", "monthly": "30d"}
_FORMAT = re.compile(r"(\d+)(mo|[smhdw])")
# LiteLLM picks the budget reset rule by the whole run of lowercase letters
# after the number, so "30days" resets like an unknown unit, at the next midnight.
_RESET_FORMAT = re.compile(r"(\d+)([a-z]+)")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
# A month is at most 31 days; LiteLLM adds calendar months to the current date.
_MAX_MONTH_SECONDS = 31 * 86400
_LAST_YEAR = 9999
"""The last year Python's ``datetime`` supports, so the last one LiteLLM can store."""

DURATION_HELP = (
    "an integer followed by s, m, h, d, w or mo (such as '30d' or '1mo'), "
    "or one of hourly, daily, weekly, monthly"
)


def _parse(text: str) -> tuple[str, int, str] | None:
    """Return (normalized text, count, unit) as LiteLLM reads ``text``, or None."""
    normalized = _WORDS.get(text.strip().lower(), text)
    match = _FORMAT.match(normalized)
    if match is None:
        return None
    return normalized, int(match.group(1)), match.group(2)


def duration_seconds(text: str) -> int | None:
    """Return the length of a LiteLLM duration in seconds, or None if it is invalid.

    Months count as 31 days here, the longest a month can be; LiteLLM itself
    counts calendar months from the current date.
    """
    parsed = _parse(text)
    if parsed is None:
        return None
    _, count, unit = parsed
    if unit == "mo":
        return count * _MAX_MONTH_SECONDS
    return count * _UNIT_SECONDS[unit]


def _ends_after_last_year(count: int, unit: str, now: datetime) -> bool:
    """Return whether ``now`` plus ``count`` ``unit`` falls after the year 9999."""
    if unit == "mo":
        months = now.year * 12 + now.month - 1 + count
        return months // 12 > _LAST_YEAR
    latest = datetime(_LAST_YEAR, 12, 31, 23, 59, 59, 999999, tzinfo=timezone.utc)
    return count * _UNIT_SECONDS[unit] > (latest - now).total_seconds()


def duration_problem(text: str) -> str | None:
    """Explain why LiteLLM would reject ``text`` as a key's ``duration``.

    Returns None if LiteLLM accepts it.
    """
    parsed = _parse(text)
    if parsed is None:
        return f"expected {DURATION_HELP}"
    _, count, unit = parsed
    if _ends_after_last_year(count, unit, datetime.now(timezone.utc)):
        return "expected a duration that ends before the year 10000"
    return None


def budget_duration_problem(text: str) -> str | None:
    """Explain why LiteLLM would reject ``text`` as a ``budget_duration``.

    Returns None if LiteLLM accepts it.
    """
    parsed = _parse(text)
    if parsed is None:
        return f"expected {DURATION_HELP}"
    normalized, count, _ = parsed
    if count == 0:
        return "expected a budget period longer than zero"
    # The reset rule reads the whole run of lowercase letters as the unit, so
    # "2mo" resets in months but "2mox" resets at the next midnight.
    reset_match = _RESET_FORMAT.match(normalized)
    reset_unit = reset_match.group(2) if reset_match else ""
    if reset_unit == "mo" and count != 1:
        return (
            "expected '1mo' or a period in days; LiteLLM resets a budget "
            "in months only for 1mo"
        )
    # LiteLLM resets a budget of N days (or weeks) at midnight N days from
    # today, except for 1, 7 and 30 days, which reset on calendar boundaries.
    days = {"d": count, "w": count * 7}.get(reset_unit)
    if days is not None and days not in (1, 7, 30):
        today = datetime.now(timezone.utc).date()
        if days > (date(_LAST_YEAR, 12, 31) - today).days:
            return (
                "expected a budget period whose next reset falls before the year 10000"
            )
    return None
