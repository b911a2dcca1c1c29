"""The duration format that LiteLLM accepts for ``duration`` and ``budget_duration``.

The rules follow ``litellm/litellm_core_utils/duration_parser.py`` in LiteLLM
1.108.0, which reads a duration in two steps:

1. The words ``hourly``, ``daily``, ``weekly`` and ``monthly``, in any case and
   with surrounding whitespace, stand for ``1h``, ``24h``, ``7d`` and ``30d``.
2. Anything else must *start* with a decimal integer followed by ``mo``, ``s``,
   ``m``, ``h``, ``d`` or ``w`` (``re.match``, so text after the unit is
   ignored: LiteLLM reads ``"30days"`` as 30 days). Units are case-sensitive
   and no space may come before the number or the unit.
"""

from __future__ import annotations

import re
from datetime import timedelta

__all__ = ["DURATION_HELP", "duration_problem", "duration_seconds"]

_WORDS = {"hourly": "1h", "daily": "24h", "weekly": "7d", "monthly": "30d"}
_FORMAT = re.compile(r"(\d+)(mo|[smhdw])")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
# A month is at most 31 days; LiteLLM adds calendar months to the current date.
_LONGEST_MONTH_SECONDS = 31 * 86400
_MAX_SECONDS = int(timedelta.max.total_seconds())

DURATION_HELP = (
    "an integer followed by s, m, h, d, w or mo (such as '30d' or '1mo'), "
    "or one of hourly, daily, weekly, monthly"
)


def duration_seconds(text: str) -> int | None:
    """Return the length of a LiteLLM duration in seconds, or None if LiteLLM rejects it.

    Months count as 31 days here, the longest a month can be; LiteLLM itself
    counts calendar months from the current date.
    """
    normalized = _WORDS.get(text.strip().lower(), text)
    match = _FORMAT.match(normalized)
    if match is None:
        return None
    count = int(match.group(1))
    unit = match.group(2)
    if unit == "mo":
        return count * _LONGEST_MONTH_SECONDS
    return count * _UNIT_SECONDS[unit]


def duration_problem(text: str) -> str | None:
    """Explain why LiteLLM would reject ``text`` as a duration, or return None."""
    seconds = duration_seconds(text)
    if seconds is None:
        return f"expected {DURATION_HELP}"
    if seconds > _MAX_SECONDS:
        # LiteLLM adds the duration to the current time, and Python's datetime
        # overflows past 999,999,999 days.
        return "expected a duration shorter than 999,999,999 days"
    return None
